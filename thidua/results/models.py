"""Results: yearly PAR INDEX results of units, person ratings, discipline, and the facts rules read.

A ResultRound is one year's results as published by one evaluating body (usually the province):
it carries the published flag and the date the results were officially recognised, which starts
relative deadlines such as 002 §V.2 ("15 days after the province recognises the results").
Classification bands are dated parameters per evaluating body (ClassificationThresholds).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from thidua.core.text import vn_number
from thidua.org.models import Person, Unit, UnitCategory
from thidua.rules.vocab import CLASSIFICATION, DISCIPLINE, INITIATIVE_LEVEL, RATING

FIRST_YEAR = 2000
LAST_YEAR = 2100


def _percent() -> list:
    return [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _year() -> list:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


# The scales' codes and names are declared once, in thidua.rules.vocab; these classes only give
# them Python names (an unknown code fails at import) and keep the order the pages show.


class Classification(models.TextChoices):
    """PAR INDEX classification, best first (thidua.rules.vocab.CLASSIFICATION)."""

    EXCELLENT = CLASSIFICATION.choice("xuat_sac")
    GOOD = CLASSIFICATION.choice("tot")
    FAIR = CLASSIFICATION.choice("kha")
    AVERAGE = CLASSIFICATION.choice("trung_binh")
    WEAK = CLASSIFICATION.choice("yeu")


# Best first; used for comparisons ("≥ tốt") on the Django side.
CLASSIFICATION_ORDER = [code for code, _ in CLASSIFICATION.choices(best_first=True)]


class Rating(models.TextChoices):
    """Yearly quality rating of a person, best first (thidua.rules.vocab.RATING)."""

    EXCELLENT = RATING.choice("hoan_thanh_xuat_sac")
    GOOD = RATING.choice("hoan_thanh_tot")
    DONE = RATING.choice("hoan_thanh")
    FAILED = RATING.choice("khong_hoan_thanh")


RATING_ORDER = [code for code, _ in RATING.choices(best_first=True)]


class DisciplineLevel(models.TextChoices):
    """Discipline of cadres and civil servants, mildest first (thidua.rules.vocab.DISCIPLINE)."""

    REPRIMAND = DISCIPLINE.choice("khien_trach")
    WARNING = DISCIPLINE.choice("canh_cao")
    SALARY_DOWN = DISCIPLINE.choice("ha_bac_luong")
    DEMOTION = DISCIPLINE.choice("giang_chuc")
    DISMISSAL_FROM_POST = DISCIPLINE.choice("cach_chuc")
    DISMISSAL = DISCIPLINE.choice("buoc_thoi_viec")


class InitiativeLevel(models.TextChoices):
    """Level of the body that recognised an initiative, lowest first (vocab.INITIATIVE_LEVEL)."""

    AGENCY = INITIATIVE_LEVEL.choice("co_quan")
    DISTRICT = INITIATIVE_LEVEL.choice("huyen")
    PROVINCE = INITIATIVE_LEVEL.choice("tinh")
    NATIONAL = INITIATIVE_LEVEL.choice("trung_uong")


# PAR INDEX fields of Decision 876/QĐ-BNV; provinces' units add the eighth (impact).
COMPONENTS: list[tuple[str, str]] = [
    ("chi_dao", "Công tác chỉ đạo, điều hành CCHC"),
    ("the_che", "Xây dựng và tổ chức thực hiện thể chế"),
    ("tthc", "Cải cách thủ tục hành chính"),
    ("to_chuc", "Cải cách tổ chức bộ máy hành chính"),
    ("cong_vu", "Cải cách chế độ công vụ"),
    ("tai_chinh", "Cải cách tài chính công"),
    ("chinh_phu_so", "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số"),
    ("tac_dong", "Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH"),
]


class ClassificationThresholds(models.Model):
    """Score bands of the PAR INDEX classification, dated, set by an evaluating body.

    A version applies to the results of every year whose 31 December is on or after
    `valid_from`, until the next version of the same scope; the most specific scope (nearest
    ancestor of the unit) wins, and a version without scope applies everywhere.
    """

    scope = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="cơ quan ban hành ngưỡng",
        help_text="Để trống: áp dụng cho mọi đơn vị chưa có ngưỡng riêng.",
    )
    valid_from = models.DateField("áp dụng từ ngày")
    excellent_min = models.DecimalField("xuất sắc từ (điểm)", max_digits=5, decimal_places=2,
                                        validators=_percent())
    good_min = models.DecimalField("tốt từ (điểm)", max_digits=5, decimal_places=2,
                                   validators=_percent())
    fair_min = models.DecimalField("khá từ (điểm)", max_digits=5, decimal_places=2,
                                   validators=_percent())
    average_min = models.DecimalField("trung bình từ (điểm)", max_digits=5, decimal_places=2,
                                      validators=_percent())
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngưỡng xếp loại Chỉ số CCHC"
        verbose_name_plural = "ngưỡng xếp loại Chỉ số CCHC"
        ordering = ["scope__path", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "valid_from"], name="uniq_thresholds_version"),
        ]

    def __str__(self) -> str:
        where = self.scope.name if self.scope_id and self.scope else "mọi đơn vị"
        return f"Ngưỡng xếp loại ({where}, từ {self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        values = [self.excellent_min, self.good_min, self.fair_min, self.average_min]
        if None not in values and not all(a > b for a, b in zip(values, values[1:], strict=False)):
            raise ValidationError("Ngưỡng phải giảm dần: xuất sắc > tốt > khá > trung bình.")

    def classify(self, score: Decimal | float | None) -> str | None:
        """The classification a score earns under these bands (None without a score)."""
        if score is None:
            return None
        value = Decimal(str(score))
        for minimum, code in (
            (self.excellent_min, Classification.EXCELLENT),
            (self.good_min, Classification.GOOD),
            (self.fair_min, Classification.FAIR),
            (self.average_min, Classification.AVERAGE),
        ):
            if value >= minimum:
                return code.value
        return Classification.WEAK.value

    def describe(self) -> str:
        return (f"xuất sắc ≥ {vn_number(self.excellent_min)}; tốt ≥ {vn_number(self.good_min)}; "
                f"khá ≥ {vn_number(self.fair_min)}; trung bình ≥ {vn_number(self.average_min)}; "
                "còn lại yếu")


class ResultRound(models.Model):
    """One year's PAR INDEX results of the units an evaluating body scores (usually a province)."""

    evaluator = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="result_rounds",
                                  verbose_name="cơ quan đánh giá")
    year = models.PositiveSmallIntegerField("năm đánh giá", validators=_year())
    published = models.BooleanField("đã công bố", default=False)
    recognised_on = models.DateField(
        "ngày công nhận kết quả", null=True, blank=True,
        help_text="Ngày quyết định công nhận kết quả; mốc tính các hạn tương đối (vd. 002 §V.2).",
    )
    decision_number = models.CharField("số quyết định công nhận", max_length=80, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "đợt kết quả Chỉ số CCHC"
        verbose_name_plural = "đợt kết quả Chỉ số CCHC"
        ordering = ["-year", "evaluator__path"]
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "year"], name="uniq_result_round"),
        ]

    def __str__(self) -> str:
        return f"Kết quả Chỉ số CCHC năm {self.year} – {self.evaluator}"

    def clean(self) -> None:
        if self.recognised_on and self.year and self.recognised_on.year < self.year:
            raise ValidationError({"recognised_on": "Ngày công nhận không thể trước năm đánh giá."})


class AnnualResult(models.Model):
    """A unit's PAR INDEX result of a year: score, rank in its category, classification, indexes."""

    round = models.ForeignKey(ResultRound, on_delete=models.CASCADE, related_name="results",
                              verbose_name="đợt kết quả")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="annual_results",
                             verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm", validators=_year())
    category = models.ForeignKey(UnitCategory, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="khối xếp hạng")
    score = models.DecimalField("điểm Chỉ số CCHC", max_digits=5, decimal_places=2, null=True,
                                blank=True, validators=_percent())
    components = models.JSONField("điểm thành phần", default=dict, blank=True)
    rank = models.PositiveIntegerField("xếp hạng trong khối", null=True, blank=True)
    classification = models.CharField("xếp loại", max_length=12, choices=Classification.choices)
    sipas = models.DecimalField("SIPAS (%)", max_digits=5, decimal_places=2, null=True, blank=True,
                                validators=_percent())
    pci = models.DecimalField("PCI", max_digits=5, decimal_places=2, null=True, blank=True,
                              validators=_percent())
    papi = models.DecimalField("PAPI", max_digits=5, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(Decimal("0")),
                                           MaxValueValidator(Decimal("80"))])

    class Meta:
        verbose_name = "kết quả Chỉ số CCHC"
        verbose_name_plural = "kết quả Chỉ số CCHC"
        ordering = ["year", "category", "rank", "unit__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_annual_result"),
            models.CheckConstraint(condition=models.Q(rank__isnull=True) | models.Q(rank__gte=1),
                                   name="annual_result_rank_positive"),
        ]
        indexes = [models.Index(fields=["year", "category", "rank"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}: {self.get_classification_display()}"

    @property
    def published(self) -> bool:
        return self.round.published

    @property
    def recognised_on(self) -> date | None:
        return self.round.recognised_on


class PersonRating(models.Model):
    """A person's yearly quality rating, with the unit's attestations the standards read."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ratings",
                               verbose_name="cán bộ")
    year = models.PositiveSmallIntegerField("năm", validators=_year())
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="person_ratings",
                             verbose_name="đơn vị đánh giá")
    rating = models.CharField("xếp loại chất lượng", max_length=24, choices=Rating.choices)
    score = models.DecimalField("điểm đánh giá (từ 2026)", max_digits=5, decimal_places=2,
                                null=True, blank=True, validators=_percent())
    # Attestations of the unit used by the seeds (002 §IV.1.1.b, §IV.1.2.b).
    duties_well = models.BooleanField("xác nhận hoàn thành tốt nhiệm vụ", default=False)
    outstanding_cchc = models.BooleanField("xác nhận có thành tích CCHC xuất sắc", default=False)
    direct_cchc = models.BooleanField("trực tiếp làm công tác CCHC", default=False)

    class Meta:
        verbose_name = "xếp loại chất lượng cán bộ"
        verbose_name_plural = "xếp loại chất lượng cán bộ"
        ordering = ["-year", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="uniq_person_rating"),
        ]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.year}: {self.get_rating_display()}"


class Discipline(models.Model):
    """A disciplinary decision; it counts for every year from its decision to its end."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines",
                               verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name="đơn vị khi bị kỷ luật")
    level = models.CharField("hình thức kỷ luật", max_length=16, choices=DisciplineLevel.choices)
    decided_on = models.DateField("ngày quyết định")
    ends_on = models.DateField("hết hiệu lực ngày", null=True, blank=True)
    decision_number = models.CharField("số quyết định", max_length=80, blank=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-decided_on"]
        indexes = [models.Index(fields=["decided_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()} ({self.decided_on:%d/%m/%Y})"

    def clean(self) -> None:
        if self.ends_on and self.decided_on and self.ends_on < self.decided_on:
            raise ValidationError({"ends_on": "Ngày hết hiệu lực trước ngày quyết định."})

    def years(self) -> range:
        last = self.ends_on.year if self.ends_on else self.decided_on.year
        return range(self.decided_on.year, last + 1)


class RecognisedInitiative(models.Model):
    """A recognised initiative as a fact the standards read (the full registry is elsewhere)."""

    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="recognised_initiatives", verbose_name="tập thể")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="recognised_initiatives", verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm", validators=_year())
    title = models.CharField("tên sáng kiến, mô hình, giải pháp", max_length=300)
    level = models.CharField("cấp công nhận", max_length=12, choices=InitiativeLevel.choices)
    recognised_on = models.DateField("ngày công nhận")
    decision_number = models.CharField("số quyết định công nhận", max_length=80, blank=True)
    applied = models.BooleanField("đã áp dụng", default=False)

    class Meta:
        verbose_name = "sáng kiến được công nhận"
        verbose_name_plural = "sáng kiến được công nhận"
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(unit__isnull=True) & models.Q(person__isnull=False))
                | (models.Q(unit__isnull=False) & models.Q(person__isnull=True)),
                name="initiative_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ContestPrize(models.Model):
    """A prize a person won in a contest (online knowledge contest, essay contest…)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contest_prizes",
                               verbose_name="cá nhân")
    year = models.PositiveSmallIntegerField("năm", validators=_year())
    contest = models.CharField("cuộc thi", max_length=200)
    prize = models.CharField("giải", max_length=80)
    awarded_on = models.DateField("ngày trao giải", null=True, blank=True)

    class Meta:
        verbose_name = "giải thưởng cuộc thi"
        verbose_name_plural = "giải thưởng cuộc thi"
        ordering = ["-year", "contest"]

    def __str__(self) -> str:
        return f"{self.person} – {self.prize} {self.contest} ({self.year})"
