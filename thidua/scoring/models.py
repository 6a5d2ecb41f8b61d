"""PAR INDEX scoring: the province's criteria sets, units' self-assessments with evidence,
the appraisal team's review with an explanation round, survey components, and the final index.

A criteria set (bộ tiêu chí) belongs to an evaluating body (the province), a year and a unit
group (a UnitCategory: sở/ban/ngành, UBND cấp xã, cấp huyện for past years); it is dated
(`issued_on`, the decision) and versioned (an amendment of the same year and group is a new
version; assessments stay on the version they were made on). Fields (lĩnh vực) hold criteria
(tiêu chí), criteria hold sub-criteria (tiêu chí thành phần) with their maximum points and
where their points come from: the unit's self-assessment, the appraisal team only, or a survey
(SIPAS and others: the survey value in % of the sub-criterion's maximum, which is its weight).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.org.models import Unit, UnitCategory
from thidua.results.models import Classification

ZERO = Decimal("0")


def _points() -> list:
    return [MinValueValidator(ZERO), MaxValueValidator(Decimal("1000"))]


class CriteriaSet(models.Model):
    """The criteria of one year for one unit group, as the province's decision sets them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        OPEN = "open", "Đang chấm điểm"
        PUBLISHED = "published", "Đã công bố kết quả"

    evaluator = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="criteria_sets",
                                  verbose_name="cơ quan đánh giá")
    year = models.PositiveSmallIntegerField(
        "năm đánh giá", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    category = models.ForeignKey(UnitCategory, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="khối đơn vị")
    version = models.PositiveSmallIntegerField("phiên bản", default=1)
    name = models.CharField("tên bộ tiêu chí", max_length=255)
    decision_number = models.CharField("số quyết định ban hành", max_length=80, blank=True)
    issued_on = models.DateField("ngày ban hành")
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="sao chép từ")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    self_deadline = models.DateTimeField("hạn nộp tự chấm", null=True, blank=True)
    explanation_days = models.PositiveSmallIntegerField("số ngày giải trình", default=5)
    published_on = models.DateField("ngày công bố", null=True, blank=True)
    published_decision = models.CharField("số quyết định công bố", max_length=80, blank=True)

    class Meta:
        verbose_name = "bộ tiêu chí Chỉ số CCHC"
        verbose_name_plural = "bộ tiêu chí Chỉ số CCHC"
        ordering = ["-year", "evaluator__path", "category__code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "year", "category", "version"],
                                    name="uniq_criteria_set_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (năm {self.year}, phiên bản {self.version})"


class Source(models.TextChoices):
    SELF = "self", "Đơn vị tự chấm"
    APPRAISAL = "appraisal", "Chỉ đoàn thẩm định chấm"
    SURVEY = "survey", "Từ điều tra xã hội học"


class Field(models.Model):
    """A field (lĩnh vực) of the index, e.g. "Cải cách thủ tục hành chính"."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="fields",
                                     verbose_name="bộ tiêu chí")
    code = models.CharField("mã lĩnh vực", max_length=20)
    name = models.CharField("tên lĩnh vực", max_length=255)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="uniq_scoring_field"),
        ]

    def __str__(self) -> str:
        return self.name  # a field is shown by its name; its code is for imports


class Criterion(models.Model):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="criteria",
                              verbose_name="lĩnh vực")
    code = models.CharField("mã tiêu chí", max_length=20)
    name = models.CharField("tên tiêu chí", max_length=500)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["field", "order"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class SubCriterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE,
                                     related_name="sub_criteria", verbose_name="bộ tiêu chí")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE,
                                  related_name="sub_criteria", verbose_name="tiêu chí")
    code = models.CharField("mã tiêu chí thành phần", max_length=20)
    name = models.CharField("nội dung", max_length=1000)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2,
                                     validators=_points())
    guidance = models.TextField("hướng dẫn chấm", blank=True)
    evidence_required = models.BooleanField("phải có tài liệu kiểm chứng", default=False)
    source = models.CharField("nguồn điểm", max_length=12, choices=Source.choices,
                              default=Source.SELF)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tiêu chí thành phần"
        verbose_name_plural = "tiêu chí thành phần"
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="uniq_sub_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class AppraisalBody(models.Model):
    """A body the Home Affairs department names to appraise some fields of a criteria set."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE,
                                     related_name="appraisal_bodies", verbose_name="bộ tiêu chí")
    body = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name="cơ quan thẩm định")
    fields = models.ManyToManyField(Field, related_name="appraisal_bodies",
                                    verbose_name="lĩnh vực được giao")

    class Meta:
        verbose_name = "thành viên đoàn thẩm định"
        verbose_name_plural = "thành viên đoàn thẩm định"
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "body"], name="uniq_appraisal_body"),
        ]

    def __str__(self) -> str:
        return f"{self.body} thẩm định {self.criteria_set}"


class Assessment(models.Model):
    """A unit's scoring of one year: its self-assessment, then the appraisal."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang tự chấm"
        SUBMITTED = "submitted", "Đã nộp, chờ thẩm định"
        EXPLANATION = "explanation", "Đang giải trình"
        ANSWERED = "answered", "Đã giải trình"
        APPRAISED = "appraised", "Đã thẩm định xong"
        PUBLISHED = "published", "Đã công bố"

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT,
                                     related_name="assessments", verbose_name="bộ tiêu chí")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="par_assessments",
                             verbose_name="đơn vị")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    # Every write checks and moves it on: a save read at an older version is refused.
    version = models.PositiveIntegerField("phiên bản dữ liệu", default=1)
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    extended_until = models.DateTimeField("gia hạn nộp đến", null=True, blank=True)
    explanation_deadline = models.DateTimeField("hạn giải trình", null=True, blank=True)
    self_total = models.DecimalField("tổng điểm tự chấm", max_digits=7, decimal_places=2,
                                     default=ZERO)
    final_total = models.DecimalField("tổng điểm sau thẩm định", max_digits=7, decimal_places=2,
                                      null=True, blank=True)
    index = models.DecimalField("Chỉ số CCHC (%)", max_digits=5, decimal_places=2, null=True,
                                blank=True)
    rank = models.PositiveIntegerField("xếp hạng trong khối", null=True, blank=True)
    classification = models.CharField("xếp loại", max_length=12, blank=True,
                                      choices=Classification.choices)

    class Meta:
        verbose_name = "bản chấm điểm Chỉ số CCHC"
        verbose_name_plural = "bản chấm điểm Chỉ số CCHC"
        ordering = ["criteria_set", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "unit"], name="uniq_assessment"),
        ]

    def __str__(self) -> str:
        return f"Chấm điểm Chỉ số CCHC năm {self.criteria_set.year} – {self.unit}"


class Score(models.Model):
    """One sub-criterion of one assessment: self points, appraisal, explanation round."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name="bản chấm điểm")
    sub_criterion = models.ForeignKey(SubCriterion, on_delete=models.PROTECT, related_name="+",
                                      verbose_name="tiêu chí thành phần")
    self_points = models.DecimalField("điểm tự chấm", max_digits=6, decimal_places=2, null=True,
                                      blank=True, validators=_points())
    self_note = models.TextField("giải trình, thuyết minh của đơn vị", blank=True)
    appraised_points = models.DecimalField("điểm thẩm định", max_digits=6, decimal_places=2,
                                           null=True, blank=True, validators=_points())
    appraisal_reason = models.TextField("lý do điều chỉnh", blank=True)
    appraisal_comment = models.TextField("nhận xét về tài liệu kiểm chứng", blank=True)
    appraised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name="người thẩm định")
    explanation_requested = models.BooleanField("yêu cầu giải trình", default=False)
    explanation_question = models.TextField("nội dung yêu cầu giải trình", blank=True)
    explanation_answer = models.TextField("nội dung giải trình của đơn vị", blank=True)
    survey_value = models.DecimalField("kết quả điều tra (%)", max_digits=5, decimal_places=2,
                                       null=True, blank=True,
                                       validators=[MinValueValidator(ZERO),
                                                   MaxValueValidator(Decimal("100"))])

    class Meta:
        verbose_name = "điểm tiêu chí thành phần"
        verbose_name_plural = "điểm tiêu chí thành phần"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "sub_criterion"], name="uniq_score"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_criterion.code} – {self.assessment.unit}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"scoring/{instance.score.assessment_id}/{filename}"


class Evidence(models.Model):
    """A file the unit uploaded, or a link to a document already in the system (a plan, a
    report, a recognised initiative) offered through thidua.core.evidence_registry."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence",
                              verbose_name="điểm tiêu chí thành phần")
    file = models.FileField("tệp kiểm chứng", upload_to=evidence_path, blank=True)
    filename = models.CharField("tên tệp", max_length=255, blank=True)
    source = models.CharField("loại tài liệu trong hệ thống", max_length=40, blank=True)
    reference = models.CharField("mã tài liệu", max_length=80, blank=True)
    title = models.CharField("tên tài liệu", max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="người thêm")
    added_at = models.DateTimeField("thêm lúc", auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu kiểm chứng"
        verbose_name_plural = "tài liệu kiểm chứng"
        ordering = ["score", "added_at"]

    def __str__(self) -> str:
        return self.title
