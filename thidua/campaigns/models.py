"""Campaigns: the plan (every part of a real "Kế hoạch phát động"), its versions, the cascade to
subordinate units, registration, and the dated award-form catalogue of the 2022 Law.

A plan's substance lives in the Campaign row and its child rows (one table per kind of part),
each row keeping the clause of the plan it comes from. The same substance has a plain-dict form
(the schema of ``docs/seed-plans.md``), used for the seed YAML files, version snapshots,
validation and documents: ``selectors.campaign_plan`` and ``services.campaign_save`` convert.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from thidua.org.models import Person, Unit, UnitCategory


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", "Hằng năm"
    PHASE = "phase", "Giai đoạn"
    ANNUAL_AND_PHASE = "annual_and_phase", "Hằng năm và giai đoạn"
    THEMATIC = "thematic", "Chuyên đề"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    MID_TERM_REVIEWED = "mid_term_reviewed", "Đã sơ kết"
    CLOSED = "closed", "Đã tổng kết"


class DocType(models.TextChoices):
    PLAN = "KẾ HOẠCH", "Kế hoạch"
    PROGRAMME = "CHƯƠNG TRÌNH", "Chương trình"


class Subject(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"
    BOTH = "both", "Tập thể và cá nhân"


class AwardScope(models.TextChoices):
    ANNUAL = "annual", "Hằng năm"
    PHASE = "phase", "Giai đoạn"
    MID_TERM = "mid_term", "Sơ kết"
    FINAL = "final", "Tổng kết"


# --- the award-form catalogue (Law on Emulation and Commendation 06/2022/QH15) ----------------


class AwardFormKind(models.TextChoices):
    FLAG = "flag", "Cờ thi đua"
    MERIT = "merit", "Bằng khen"
    GIAY_KHEN = "giay_khen", "Giấy khen"
    TITLE = "title", "Danh hiệu thi đua"
    PROPOSAL = "proposal", "Đề nghị cấp trên khen thưởng"


class AuthorityLevel(models.TextChoices):
    CENTRAL = "central", "Trung ương (Chính phủ, Thủ tướng)"
    PROVINCE = "province", "Cấp tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    UNIT_HEAD = "unit_head", "Thủ trưởng cơ quan, đơn vị"
    HIGHER = "higher", "Cấp trên có thẩm quyền"


class AwardFormType(models.Model):
    """One entry of the catalogue (a form of commendation or an emulation title), by stable code.

    The codes are the ``catalogue`` values of the seed plans. What the law says about it (who
    awards it, the reward money) changes over time and lives in dated ``AwardFormVersion`` rows.
    """

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=AwardFormKind.choices)
    subject = models.CharField("đối tượng", max_length=16, choices=Subject.choices)
    authority_level = models.CharField("cấp quyết định", max_length=16,
                                       choices=AuthorityLevel.choices)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "hình thức khen thưởng (danh mục)"
        verbose_name_plural = "danh mục hình thức khen thưởng"
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class AwardFormVersion(models.Model):
    """What the law in force between two dates says about a catalogue entry."""

    award_form = models.ForeignKey(AwardFormType, on_delete=models.CASCADE, related_name="versions",
                                   verbose_name="hình thức")
    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    name = models.CharField("tên theo văn bản", max_length=255)
    authority = models.CharField("người quyết định", max_length=255)
    legal_reference = models.CharField("căn cứ pháp lý", max_length=255)
    # Reward money as a multiple of the base salary ("mức lương cơ sở"); None when not recorded.
    reward_multiple_collective = models.DecimalField(
        "mức thưởng tập thể (lần lương cơ sở)", max_digits=5, decimal_places=2, null=True,
        blank=True)
    reward_multiple_individual = models.DecimalField(
        "mức thưởng cá nhân (lần lương cơ sở)", max_digits=5, decimal_places=2, null=True,
        blank=True)
    reward_reference = models.CharField("căn cứ mức thưởng", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "quy định theo thời kỳ"
        verbose_name_plural = "quy định theo thời kỳ"
        ordering = ["award_form", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_form", "valid_from"],
                                    name="uniq_award_form_version"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="award_form_version_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (từ {self.valid_from:%d/%m/%Y})"


# --- the campaign and its plan ----------------------------------------------------------------


class Campaign(models.Model):
    """An emulation campaign: the plan that launches it, as issued by a unit."""

    code = models.SlugField("mã phong trào", max_length=60, unique=True)
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="campaigns",
                               verbose_name="đơn vị ban hành")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="children", verbose_name="thực hiện kế hoạch cấp trên")
    status = models.CharField("trạng thái", max_length=20, choices=CampaignStatus.choices,
                              default=CampaignStatus.DRAFT)
    kind = models.CharField("loại phong trào", max_length=20, choices=CampaignKind.choices)
    doc_type = models.CharField("loại văn bản", max_length=20, choices=DocType.choices,
                                default=DocType.PLAN)
    # Header block of the document (Decree 30/2020): bodies, number, place and date.
    parent_body = models.CharField("cơ quan chủ quản", max_length=255, blank=True)
    issuing_body = models.CharField("cơ quan ban hành", max_length=255)
    header_note = models.TextField("ghi chú về khối tiêu đề", blank=True)
    number_symbol = models.CharField("số, ký hiệu", max_length=60, blank=True)
    number_symbol_note = models.TextField("ghi chú về số, ký hiệu", blank=True)
    place = models.CharField("địa danh", max_length=120, blank=True)
    place_date_line = models.CharField("dòng địa danh, ngày tháng (nguyên văn)", max_length=255,
                                       blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issued_on_note = models.TextField("ghi chú về ngày ban hành", blank=True)
    title = models.TextField("trích yếu")
    theme = models.TextField("chủ đề thi đua", blank=True)
    theme_clause = models.CharField("điều khoản chủ đề", max_length=60, blank=True)
    period_start = models.DateField("thời gian thi đua từ")
    period_end = models.DateField("thời gian thi đua đến")
    period_clause = models.CharField("điều khoản thời gian", max_length=60, blank=True)
    period_text = models.TextField("thời gian thi đua (nguyên văn)", blank=True)
    period_note = models.TextField("ghi chú về thời gian", blank=True)
    # Structured parts kept as the plan writes them (see docs/seed-plans.md).
    enacting_clause = models.JSONField("câu ban hành", default=dict, blank=True)
    targets = models.JSONField("đối tượng thi đua", default=dict, blank=True)
    signature = models.JSONField("khối chữ ký", default=dict, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    outline = models.JSONField("đề mục", default=list, blank=True)
    notes = models.JSONField("ghi chú", default=list, blank=True)
    annexes = models.JSONField("phụ lục", default=list, blank=True)
    extra = models.JSONField("thông tin khác", default=dict, blank=True)
    # Thresholds the award standards read (e.g. PAR INDEX bands); edited by the owner.
    parameters = models.JSONField("tham số", default=dict, blank=True)
    source = models.CharField("bản gốc", max_length=120, blank=True)
    # Product state, not plan substance.
    version = models.PositiveIntegerField("phiên bản hiện hành", default=0)
    # Optimistic locking of the plan editor (as a dossier's version): every save of the plan
    # moves it on, and a save read at an older number is refused instead of overwriting.
    edit_version = models.PositiveIntegerField("lượt sửa kế hoạch", default=0)
    cascade_due = models.DateField("hạn đơn vị cấp dưới ban hành kế hoạch", null=True, blank=True)
    launched_on = models.DateField("ngày phát động", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-period_start", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="campaign_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    @property
    def target_categories(self) -> list[str]:
        """Category codes of the collectives that compete (targets.collective)."""
        collective = (self.targets or {}).get("collective") or {}
        found = list(collective.get("categories") or [])
        for item in collective.get("items") or []:
            found += [c for c in item.get("categories") or [] if c not in found]
        return found


class ItemSection(models.TextChoices):
    LEGAL_BASIS = "legal_bases", "Căn cứ"
    PURPOSE = "purposes", "Mục đích"
    REQUIREMENT = "requirements", "Yêu cầu"
    CONTENT = "contents", "Nội dung thi đua"
    RESPONSIBILITY = "responsibilities", "Tổ chức thực hiện"
    DOSSIER_RULE = "dossier_rules", "Quy định về hồ sơ"
    QUOTA_PROVISO = "quota_provisos", "Lưu ý về số lượng khen thưởng"
    DEFERRED = "deferred", "Nội dung quy định sau"


class PlanRow(models.Model):
    """Common columns of every row of a plan: where it sits and the clause it comes from."""

    position = models.PositiveIntegerField("thứ tự", default=0)
    clause = models.CharField("điều khoản", max_length=60)
    # Keys of the row that have no column of their own (refs, provisos, remarks …), verbatim.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class PlanItem(PlanRow):
    """A text part of a plan: a legal basis, purpose, requirement, content, responsibility …"""

    # Not "items": a template reading {{ entry.changes_display_dict.items }} would get this.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="plan_items")
    section = models.CharField("mục", max_length=20, choices=ItemSection.choices)
    # contents: the item's heading; responsibilities: the party ("Sở Nội vụ").
    title = models.TextField("tiêu đề, chủ thể", blank=True)
    text = models.TextField("nội dung", blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = "nội dung kế hoạch"
        verbose_name_plural = "nội dung kế hoạch"
        indexes = [models.Index(fields=["campaign", "section", "position"])]

    def __str__(self) -> str:
        return f"{self.clause} {self.text[:60]}"


class Criterion(PlanRow):
    """An emulation criterion with its letter (000 §IV.1: a) … h))."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    subject = models.CharField("đối tượng", max_length=16,
                               choices=[c for c in Subject.choices if c[0] != Subject.BOTH])
    letter = models.CharField("ký hiệu", max_length=8)
    text = models.TextField("nội dung")

    class Meta(PlanRow.Meta):
        verbose_name = "tiêu chí thi đua"
        verbose_name_plural = "tiêu chí thi đua"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "subject", "letter"],
                                    name="uniq_criterion_letter"),
        ]

    def __str__(self) -> str:
        return f"{self.letter}) {self.text[:60]}"


class CampaignAwardForm(PlanRow):
    """An award form the plan uses, picked from the catalogue, with the plan's own wording."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_forms")
    code = models.CharField("mã", max_length=60)
    catalogue = models.ForeignKey(AwardFormType, to_field="code", on_delete=models.PROTECT,
                                  related_name="+", verbose_name="loại trong danh mục")
    name = models.TextField("tên trong kế hoạch")
    subject = models.CharField("đối tượng", max_length=16, choices=Subject.choices)
    scope = models.CharField("phạm vi", max_length=16, choices=AwardScope.choices)

    class Meta(PlanRow.Meta):
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="uniq_campaign_award_form"),
        ]

    def __str__(self) -> str:
        return self.name


class AwardStandard(PlanRow):
    """An award standard: the plan's verbatim text and, when written, its rule (thidua/rules)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="standards")
    code = models.CharField("mã", max_length=60)
    award_form = models.ForeignKey(CampaignAwardForm, on_delete=models.PROTECT,
                                   related_name="standards", verbose_name="hình thức khen thưởng")
    # "both" only for a standard of a form given to collectives and individuals alike (004).
    subject = models.CharField("đối tượng", max_length=16, choices=Subject.choices)
    scope = models.CharField("phạm vi", max_length=16, choices=AwardScope.choices, blank=True)
    text = models.TextField("nội dung (nguyên văn)", blank=True)
    text_clause = models.CharField("điều khoản của nội dung", max_length=60, blank=True)
    categories = models.JSONField("áp dụng cho khối", default=list, blank=True)
    rule_text = models.TextField("quy tắc (ngôn ngữ tiêu chuẩn)", blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = "tiêu chuẩn khen thưởng"
        verbose_name_plural = "tiêu chuẩn khen thưởng"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="uniq_campaign_standard"),
        ]

    def __str__(self) -> str:
        return self.code


class QuotaBasis(models.TextChoices):
    COUNT = "count", "Số lượng cho khối"
    TOTAL = "total", "Tổng số tối đa"
    PERCENT = "percent", "Tỷ lệ (%) số đơn vị của khối"
    PER_COLLECTIVE = "per_collective", "Số cá nhân mỗi tập thể"
    ALL_QUALIFYING = "all_qualifying", "Mọi tập thể, cá nhân đạt tiêu chuẩn"
    DETERMINED_BY = "determined_by", "Do cấp có thẩm quyền quy định"


class Quota(PlanRow):
    """How many may receive an award form (002 §IV.2): per category, in total, or per unit."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="quotas")
    award_form = models.ForeignKey(CampaignAwardForm, on_delete=models.PROTECT,
                                   related_name="quotas", verbose_name="hình thức khen thưởng")
    category = models.ForeignKey(UnitCategory, to_field="code", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", verbose_name="khối")
    basis = models.CharField("cách tính", max_length=20, choices=QuotaBasis.choices)
    value = models.DecimalField("số lượng, tỷ lệ", max_digits=8, decimal_places=2, null=True,
                                blank=True)
    determined_by = models.TextField("cấp quy định", blank=True)
    text = models.TextField("nguyên văn", blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = "số lượng khen thưởng"
        verbose_name_plural = "số lượng khen thưởng"

    def __str__(self) -> str:
        return f"{self.award_form.code} {self.category_id or ''} {self.value or ''}"


class MilestoneTiming(models.TextChoices):
    DATE = "date", "Ngày cố định"
    WINDOW = "window", "Khoảng thời gian"
    RELATIVE = "relative", "Sau một sự kiện"
    RECURRING = "recurring", "Định kỳ"


class MilestoneBound(models.TextChoices):
    ON_OR_BEFORE = "on_or_before", "Chậm nhất ngày"
    BEFORE = "before", "Trước ngày"
    ON_DAY = "on_day", "Đúng ngày"
    FROM_DAY = "from_day", "Từ ngày"


class Milestone(PlanRow):
    """A deadline or date of the plan: fixed ("by 30/3/2022") or relative to an event ("15 days
    after the province recognises the year's results", 002 §V.2) that resolves once it happens."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    code = models.CharField("mã", max_length=60)
    label = models.CharField("tên mốc", max_length=255)
    timing = models.CharField("cách xác định", max_length=16, choices=MilestoneTiming.choices)
    # Blank: the plan does not say, which reads as "chậm nhất" (on or before).
    bound = models.CharField("giới hạn", max_length=16, choices=MilestoneBound.choices,
                             blank=True)
    on_date = models.DateField("ngày", null=True, blank=True)
    window_start = models.DateField("từ ngày", null=True, blank=True)
    window_end = models.DateField("đến ngày", null=True, blank=True)
    event = models.CharField("sự kiện", max_length=60, blank=True)
    # relative.year: "each" (every year of the period) or one year; None when the event is once.
    event_year = models.CharField("năm của sự kiện", max_length=8, blank=True)
    offset_days = models.IntegerField("số ngày sau sự kiện", null=True, blank=True)
    recurrence = models.JSONField("định kỳ", default=dict, blank=True)
    text = models.TextField("nguyên văn", blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = "mốc thời gian"
        verbose_name_plural = "mốc thời gian"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="uniq_campaign_milestone"),
        ]

    def __str__(self) -> str:
        return self.label


class MilestoneEvent(models.Model):
    """The day an event that relative milestones wait for happened (e.g. results recognised)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    event = models.CharField("sự kiện", max_length=60)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    occurred_on = models.DateField("ngày diễn ra")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sự kiện của mốc thời gian"
        verbose_name_plural = "sự kiện của mốc thời gian"
        ordering = ["campaign", "event", "year"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "event", "year"],
                                    name="uniq_campaign_event_year"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.year or ''} {self.occurred_on:%d/%m/%Y}"


class DossierComponent(PlanRow):
    """A document the nomination dossier must contain (002 §V.1)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE,
                                 related_name="dossier_components")
    code = models.CharField("mã", max_length=60)
    label = models.CharField("tên thành phần", max_length=255)
    copies = models.PositiveSmallIntegerField("số bản", null=True, blank=True)
    form = models.CharField("mẫu", max_length=255, blank=True)
    applies_to = models.JSONField("chỉ áp dụng cho khối", default=list, blank=True)
    text = models.TextField("nguyên văn", blank=True)

    class Meta(PlanRow.Meta):
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"

    def __str__(self) -> str:
        return self.label


class VersionKind(models.TextChoices):
    LAUNCH = "launch", "Ban hành"
    AMENDMENT = "amendment", "Sửa đổi, bổ sung"


class CampaignVersion(models.Model):
    """The plan as it stood from a date: version 1 at launch, then one per amendment."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("phiên bản")
    kind = models.CharField("loại", max_length=16, choices=VersionKind.choices)
    plan = models.JSONField("nội dung kế hoạch")
    reason = models.TextField("lý do")
    effective_on = models.DateField("áp dụng từ ngày")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên bản kế hoạch"
        verbose_name_plural = "phiên bản kế hoạch"
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="uniq_campaign_version"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign.code} v{self.number}"


# --- cascade and registration -----------------------------------------------------------------


class PlanIssueStatus(models.TextChoices):
    PENDING = "pending", "Chưa ban hành"
    ISSUED = "issued", "Đã ban hành"
    EXEMPT = "exempt", "Không phải ban hành"


def plan_upload_to(instance: Participant, filename: str) -> str:
    return f"phong-trao/{instance.campaign_id}/ke-hoach-don-vi/{instance.unit_id}/{filename}"


class Participant(models.Model):
    """A subordinate unit asked, at launch, to issue its own plan and to register (cascade)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="participations")
    plan_status = models.CharField("kế hoạch của đơn vị", max_length=16,
                                   choices=PlanIssueStatus.choices, default=PlanIssueStatus.PENDING)
    plan_number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    plan_issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    plan_file = models.FileField("tệp kế hoạch", upload_to=plan_upload_to, blank=True)
    child_campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="implements",
                                       verbose_name="kế hoạch trên hệ thống")
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reminder_count = models.PositiveSmallIntegerField("số lần nhắc", default=0)
    last_reminded_at = models.DateTimeField("nhắc lần cuối", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đơn vị tham gia"
        verbose_name_plural = "đơn vị tham gia"
        ordering = ["campaign", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="uniq_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.campaign.code}"

    @property
    def registration(self) -> Registration:
        """The unit's registration: the whole-campaign one, else its latest yearly one. Raises
        an AttributeError when there is none, as a one-to-one accessor did, so
        `hasattr(participant, "registration")` reads "has registered". Uses a prefetch of
        `registrations` when there is one."""
        rows = sorted(self.registrations.all(), key=lambda r: (r.year is not None, -(r.year or 0)))
        if not rows:
            raise NoRegistration(f"{self.unit} chưa đăng ký thi đua")
        return rows[0]


class Registration(models.Model):
    """A unit's registration ("Đăng ký thi đua", form at the end of 002): the collective and the
    individuals it puts forward, with their targets. One per unit and campaign for the whole
    campaign (year empty), and one per year where the plan asks for a yearly registration
    (002's "đăng ký thi đua chuyên đề hằng năm", 004 §IV.1.a)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="registrations")
    year = models.PositiveSmallIntegerField(
        "năm đăng ký", null=True, blank=True,
        help_text="Để trống: đăng ký cho cả phong trào (cả giai đoạn).")
    collective_target = models.TextField("đăng ký thi đua của tập thể")
    individual_target = models.TextField("nội dung đăng ký của cá nhân", blank=True)
    submitted_at = models.DateTimeField("thời điểm đăng ký")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    exception = models.ForeignKey("RegistrationException", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name="gia hạn")

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "unit__path", "year"]
        constraints = [
            # NULLs are distinct in a unique index: the whole-campaign one needs its own.
            models.UniqueConstraint(fields=["campaign", "unit"], condition=models.Q(
                year__isnull=True), name="uniq_registration"),
            models.UniqueConstraint(fields=["campaign", "unit", "year"],
                                    name="uniq_registration_year"),
        ]

    def __str__(self) -> str:
        year = f" năm {self.year}" if self.year else ""
        return f"Đăng ký {self.unit} – {self.campaign.code}{year}"

    def clean(self) -> None:
        campaign = getattr(self, "campaign", None)
        if self.year is not None and campaign is not None and not (
                campaign.period_start.year <= self.year <= campaign.period_end.year):
            raise ValidationError({"year": (
                f"Năm {self.year} nằm ngoài thời gian của phong trào "
                f"({campaign.period_start.year}–{campaign.period_end.year}).")})


class NoRegistration(Registration.DoesNotExist, AttributeError):
    """A participant without registration (Participant.registration)."""


class RegisteredPerson(models.Model):
    """An individual a unit puts forward, with the target they register."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registrations")
    target = models.TextField("nội dung đăng ký", blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "cá nhân đăng ký"
        verbose_name_plural = "cá nhân đăng ký"
        ordering = ["registration", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "person"],
                                    name="uniq_registered_person"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class RegistrationException(models.Model):
    """The owner lets one unit register after the deadline, until a date, for a recorded reason."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="exceptions")
    valid_until = models.DateField("được đăng ký đến hết ngày")
    reason = models.TextField("lý do")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gia hạn đăng ký"
        verbose_name_plural = "gia hạn đăng ký"
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"Gia hạn đến {self.valid_until:%d/%m/%Y}"
