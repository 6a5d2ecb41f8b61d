"""Awards: nomination dossiers and their workflow, councils and votes, decisions and award history.

A unit's dossier ("hồ sơ đề nghị khen thưởng") carries its nominations (collectives and
individuals, each for an award form of the campaign) and its papers. The dossier moves through
an explicit state machine (django-fsm-2); every move is one service call, allowed to one role at
one level (thidua/awards/workflow.py), and recorded in `TransitionRecord` with who, when, why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from thidua.campaigns.models import AwardScope, AwardStandard, Campaign, CampaignAwardForm
from thidua.org.models import Person, Unit


class State(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi"
    RECEIVED = "received", "Đã tiếp nhận"
    UNDER_APPRAISAL = "under_appraisal", "Đang thẩm định"
    RETURNED = "returned", "Trả lại để bổ sung"
    APPRAISED = "appraised", "Đã thẩm định"
    BEFORE_COUNCIL = "before_council", "Trình Hội đồng"
    VOTED = "voted", "Hội đồng đã biểu quyết"
    FORWARDED = "forwarded", "Đã trình cấp trên"
    PROPOSED = "proposed", "Trình người ký"
    DECIDED = "decided", "Đã có quyết định"
    REJECTED = "rejected", "Không khen thưởng"


OPEN_STATES = (State.SUBMITTED, State.RECEIVED, State.UNDER_APPRAISAL, State.APPRAISED,
               State.BEFORE_COUNCIL, State.VOTED, State.PROPOSED)
REJECTABLE = [State.SUBMITTED, State.RECEIVED, State.UNDER_APPRAISAL, State.APPRAISED,
              State.VOTED, State.PROPOSED]


class Kind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


def _permission(name: str):  # type: ignore[no-untyped-def]
    """The FSM permission of a transition: the role-and-level rule in workflow.py."""

    def check(instance: Dossier, user: object) -> bool:
        from thidua.awards.workflow import allowed

        return allowed(user, instance, name)

    return check


class Dossier(ConcurrentTransitionMixin, models.Model):
    """One unit's nominations for one campaign, award scope and year, and their papers."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="dossiers",
                                 verbose_name="phong trào")
    scope = models.CharField("đợt khen thưởng", max_length=16, choices=AwardScope.choices)
    year = models.PositiveSmallIntegerField("năm", help_text="Năm xét (đợt giai đoạn: năm cuối).")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers",
                             verbose_name="đơn vị trình")
    receiver = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="received_dossiers",
                                 verbose_name="cấp tiếp nhận")
    state = FSMField("trạng thái", default=State.DRAFT, choices=State.choices, protected=True,
                     db_index=True)
    # Optimistic locking of edits: a form carries the version it was read at.
    version = models.PositiveIntegerField(default=1)
    proposal_number = models.CharField("số Tờ trình", max_length=60, blank=True)
    proposal_date = models.DateField("ngày Tờ trình", null=True, blank=True)
    made_on = models.DateField("ngày lập hồ sơ",
                               help_text="Chọn mẫu báo cáo thành tích theo văn bản có hiệu lực.")
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    appraiser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name="người thẩm định")
    appraisal_note = models.TextField("ý kiến thẩm định", blank=True)
    return_reasons = models.TextField("lý do trả lại", blank=True)
    rejection_reason = models.TextField("lý do không khen thưởng", blank=True)
    meeting = models.ForeignKey("CouncilMeeting", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="dossiers", verbose_name="phiên họp Hội đồng")
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="forwarded_to", verbose_name="chuyển từ hồ sơ")
    exception = models.ForeignKey("DeadlineException", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name="gia hạn nộp hồ sơ")
    decision = models.ForeignKey("AwardDecision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="dossiers", verbose_name="quyết định")

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["receiver", "state"]),
                   models.Index(fields=["campaign", "scope", "year"])]

    def __str__(self) -> str:
        return f"Hồ sơ {self.unit} – {self.get_scope_display().lower()} {self.year}"

    # --- the state machine: each method only moves the state; services do the rest ---------

    @transition(field=state, source=[State.DRAFT, State.RETURNED], target=State.SUBMITTED,
                permission=_permission("submit"))
    def submit(self) -> None:
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.RECEIVED,
                permission=_permission("receive"))
    def receive(self) -> None:
        pass

    @transition(field=state, source=State.RECEIVED, target=State.UNDER_APPRAISAL,
                permission=_permission("start_appraisal"))
    def start_appraisal(self) -> None:
        pass

    @transition(field=state, source=State.UNDER_APPRAISAL, target=State.RETURNED,
                permission=_permission("return_for_revision"))
    def return_for_revision(self) -> None:
        pass

    @transition(field=state, source=State.UNDER_APPRAISAL, target=State.APPRAISED,
                permission=_permission("appraise"))
    def appraise(self) -> None:
        pass

    @transition(field=state, source=State.APPRAISED, target=State.BEFORE_COUNCIL,
                permission=_permission("send_to_council"))
    def send_to_council(self) -> None:
        pass

    @transition(field=state, source=State.BEFORE_COUNCIL, target=State.VOTED,
                permission=_permission("record_vote"))
    def record_vote(self) -> None:
        pass

    @transition(field=state, source=State.VOTED, target=State.PROPOSED,
                permission=_permission("propose"))
    def propose(self) -> None:
        pass

    @transition(field=state, source=State.VOTED, target=State.FORWARDED,
                permission=_permission("forward"))
    def forward(self) -> None:
        pass

    @transition(field=state, source=State.PROPOSED, target=State.DECIDED,
                permission=_permission("decide"))
    def decide(self) -> None:
        pass

    @transition(field=state, source=REJECTABLE, target=State.REJECTED,
                permission=_permission("reject"))
    def reject(self) -> None:
        pass


class Source(models.TextChoices):
    ELIGIBILITY = "eligibility", "Từ danh sách đủ tiêu chuẩn"
    MANUAL = "manual", "Nhập trực tiếp"


class Outcome(models.TextChoices):
    PENDING = "pending", "Chưa xét"
    PASSED = "passed", "Hội đồng thông qua"
    FAILED = "failed", "Không đạt số phiếu"
    AWARDED = "awarded", "Được khen thưởng"
    NOT_AWARDED = "not_awarded", "Không được khen thưởng"


class Nomination(models.Model):
    """A collective or an individual proposed for one award form of the campaign."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominations")
    kind = models.CharField("đối tượng", max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="nominations",
                             verbose_name="tập thể / đơn vị của cá nhân")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations", verbose_name="cá nhân")
    award_form = models.ForeignKey(CampaignAwardForm, on_delete=models.PROTECT,
                                   related_name="nominations", verbose_name="hình thức đề nghị")
    standard = models.ForeignKey(AwardStandard, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="nominations", verbose_name="tiêu chuẩn")
    source = models.CharField("nguồn", max_length=16, choices=Source.choices)
    # The standards' verdict when nominated: [{"standard", "label", "met", "text"}]; unmet ones
    # are shown to the officer and to the appraiser.
    unmet = models.JSONField("tiêu chuẩn chưa đạt", default=list, blank=True)
    explanation = models.JSONField("giải trình tiêu chuẩn", default=list, blank=True)
    justification = models.TextField("lý do đề nghị (khi chưa đạt tiêu chuẩn)", blank=True)
    position_title = models.CharField("chức vụ, đơn vị", max_length=255, blank=True)
    summary = models.TextField("tóm tắt thành tích", blank=True)
    achievements = models.TextField("thành tích đạt được", blank=True)
    order = models.PositiveIntegerField(default=0)
    outcome = models.CharField("kết quả", max_length=16, choices=Outcome.choices,
                               default=Outcome.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["dossier", "kind", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="collective") & models.Q(person__isnull=True))
                | (models.Q(kind="individual") & models.Q(person__isnull=False)),
                name="nomination_subject_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.subject_name

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id and self.person else self.unit.name

    @property
    def is_collective(self) -> bool:
        return self.kind == Kind.COLLECTIVE


class FileSource(models.TextChoices):
    GENERATED = "generated", "Tạo từ dữ liệu"
    UPLOADED = "uploaded", "Tải lên"


def dossier_upload_to(instance: DossierFile, filename: str) -> str:
    return f"khen-thuong/ho-so/{instance.dossier_id}/{filename}"


class DossierFile(models.Model):
    """A paper of the dossier: generated (.docx) or uploaded (signed scan, PDF)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.CharField("thành phần", max_length=60)  # the campaign component's code
    label = models.CharField("tên", max_length=255)
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="files")
    source = models.CharField("nguồn", max_length=16, choices=FileSource.choices)
    file = models.FileField("tệp", upload_to=dossier_upload_to, max_length=255)
    pdf = models.FileField("bản PDF", upload_to=dossier_upload_to, max_length=255, blank=True)
    form_key = models.CharField("mẫu áp dụng", max_length=60, blank=True)
    form_name = models.CharField("tên mẫu", max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["dossier", "component", "nomination_id", "id"]

    def __str__(self) -> str:
        return self.label


class TransitionRecord(models.Model):
    """Who moved a dossier, when, from which state to which, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField("thao tác", max_length=40)
    source = models.CharField("từ", max_length=20, choices=State.choices)
    target = models.CharField("sang", max_length=20, choices=State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    reason = models.TextField("lý do, ghi chú", blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý hồ sơ"
        verbose_name_plural = "lịch sử xử lý hồ sơ"
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.source} → {self.target}"


class DeadlineException(models.Model):
    """The owner lets one unit submit after the campaign's deadline, until a date, for a reason."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField("đợt khen thưởng", max_length=16, choices=AwardScope.choices)
    year = models.PositiveSmallIntegerField("năm")
    valid_until = models.DateField("được nộp đến hết ngày")
    reason = models.TextField("lý do")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gia hạn nộp hồ sơ"
        verbose_name_plural = "gia hạn nộp hồ sơ"
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"Gia hạn {self.unit} đến {self.valid_until:%d/%m/%Y}"


# --- the emulation council -----------------------------------------------------------------


class Council(models.Model):
    """A unit's emulation council ("Hội đồng Thi đua - Khen thưởng") and its quorum rule."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="council")
    name = models.CharField("tên", max_length=255)
    quorum_numerator = models.PositiveSmallIntegerField("tỷ lệ dự họp tối thiểu (tử số)", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("(mẫu số)", default=3)

    class Meta:
        verbose_name = "Hội đồng Thi đua - Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua - Khen thưởng"

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    STANDING = "standing", "Ủy viên thường trực"
    MEMBER = "member", "Ủy viên"


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    role = models.CharField("vai trò", max_length=16, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="council_seats")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    home_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name="đơn vị công tác")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "thành viên Hội đồng"
        verbose_name_plural = "thành viên Hội đồng"
        ordering = ["council", "order", "id"]

    def __str__(self) -> str:
        return self.name


class MeetingStatus(models.TextChoices):
    OPEN = "open", "Đang biểu quyết"
    CLOSED = "closed", "Đã kết thúc"


def meeting_upload_to(instance: CouncilMeeting, filename: str) -> str:
    return f"khen-thuong/hoi-dong/{instance.pk or 'moi'}/{filename}"


class VoteMethod(models.TextChoices):
    """How the members in the room vote (written ballots of absent members are apart)."""

    ONLINE = "online", "Biểu quyết trực tuyến trên hệ thống"
    SHOW_OF_HANDS = "show_of_hands", "Giơ tay tại phòng họp (thư ký ghi số phiếu)"
    PAPER_BALLOT = "paper_ballot", "Bỏ phiếu kín tại phòng họp (thư ký ghi số phiếu)"


class CouncilMeeting(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("ngày họp")
    start = models.TimeField("giờ bắt đầu")
    venue = models.CharField("địa điểm", max_length=255)
    purpose = models.CharField("nội dung", max_length=300)
    secretary = models.CharField("thư ký", max_length=120)
    minutes_number = models.CharField("số biên bản", max_length=60, blank=True)
    # The meeting's own approval share for forms the decree does not set (None: majority).
    threshold_percent = models.PositiveSmallIntegerField("tỷ lệ đồng ý (hình thức khác), %",
                                                         null=True, blank=True)
    status = models.CharField("trạng thái", max_length=8, choices=MeetingStatus.choices,
                              default=MeetingStatus.OPEN)
    vote_method = models.CharField("hình thức biểu quyết tại phòng họp", max_length=16,
                                   choices=VoteMethod.choices, default=VoteMethod.ONLINE)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    minutes_file = models.FileField("biên bản (.docx)", upload_to=meeting_upload_to, blank=True)
    minutes_pdf = models.FileField("biên bản (PDF)", upload_to=meeting_upload_to, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.council} – {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("có mặt", default=True)
    written_vote = models.BooleanField("vắng, biểu quyết bằng văn bản", default=False)
    absence_reason = models.CharField("lý do vắng", max_length=255, blank=True)

    class Meta:
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="uniq_attendance")]

    def __str__(self) -> str:
        return f"{self.member} – {'có mặt' if self.present else 'vắng'}"


class Choice(models.TextChoices):
    APPROVE = "approve", "Đồng ý"
    REJECT = "reject", "Không đồng ý"
    ABSTAIN = "abstain", "Không biểu quyết"


class Ballot(models.Model):
    """One member's vote on one candidate (online, or entered from a written ballot)."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="ballots")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField("biểu quyết", max_length=8, choices=Choice.choices)
    written = models.BooleanField("phiếu bằng văn bản", default=False)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "phiếu biểu quyết"
        verbose_name_plural = "phiếu biểu quyết"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member", "nomination"], name="uniq_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_choice_display()}"


class RoomTally(models.Model):
    """The secretary's count of the votes cast in the room on one candidate (show of hands or
    paper ballot): no member's own choice is stored."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE,
                                related_name="room_tallies")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE,
                                   related_name="room_tallies")
    approve = models.PositiveSmallIntegerField("đồng ý")
    reject = models.PositiveSmallIntegerField("không đồng ý")
    abstain = models.PositiveSmallIntegerField("không biểu quyết", default=0)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "số phiếu tại phòng họp"
        verbose_name_plural = "số phiếu tại phòng họp"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="uniq_room_tally"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.approve} đồng ý, {self.reject} không đồng ý"


class VoteResult(models.Model):
    """The count for one candidate when the meeting closed, with the rule applied."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="results")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="vote_results")
    members = models.PositiveSmallIntegerField("số thành viên được biểu quyết")
    approve = models.PositiveSmallIntegerField("đồng ý")
    reject = models.PositiveSmallIntegerField("không đồng ý")
    abstain = models.PositiveSmallIntegerField("không biểu quyết")
    written = models.PositiveSmallIntegerField("phiếu bằng văn bản", default=0)
    written_approve = models.PositiveSmallIntegerField("đồng ý bằng văn bản", default=0)
    method = models.CharField("hình thức biểu quyết tại phòng họp", max_length=16,
                              choices=VoteMethod.choices, default=VoteMethod.ONLINE)
    recused = models.JSONField("thành viên không tham gia biểu quyết", default=list, blank=True)
    threshold = models.CharField("tỷ lệ yêu cầu", max_length=20)
    threshold_basis = models.CharField("căn cứ", max_length=255)
    passed = models.BooleanField("đạt")
    rank = models.PositiveSmallIntegerField("thứ tự", null=True, blank=True)
    preferred = models.BooleanField("được ưu tiên khi bằng phiếu", default=False)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "kết quả biểu quyết"
        verbose_name_plural = "kết quả biểu quyết"
        ordering = ["meeting", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="uniq_vote_result"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination}: {self.approve}/{self.members}"


# --- decisions and award history ------------------------------------------------------------


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"


def decision_upload_to(instance: AwardDecision, filename: str) -> str:
    return f"khen-thuong/quyet-dinh/{instance.pk or 'moi'}/{filename}"


class AwardDecision(models.Model):
    """The signer's decision ("Quyết định khen thưởng") for the dossiers proposed to them."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="award_decisions",
                               verbose_name="cơ quan ban hành")
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    scope = models.CharField("đợt khen thưởng", max_length=16, choices=AwardScope.choices)
    year = models.PositiveSmallIntegerField("năm")
    number_symbol = models.CharField("số, ký hiệu", max_length=60)
    signed_on = models.DateField("ngày ký")
    authority = models.CharField("thẩm quyền", max_length=255)
    subject = models.CharField("trích yếu", max_length=300)
    legal_bases = models.TextField("căn cứ (mỗi dòng một căn cứ)")
    achievement = models.TextField("thành tích")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    signer_name = models.CharField("người ký", max_length=120)
    signer_title = models.CharField("chức vụ người ký", max_length=120, default="CHỦ TỊCH")
    status = models.CharField(max_length=8, choices=DecisionStatus.choices,
                              default=DecisionStatus.ISSUED)
    total_reward = models.BigIntegerField("tổng tiền thưởng (đồng)", default=0)
    base_salary = models.PositiveIntegerField("mức lương cơ sở áp dụng", default=0)
    docx = models.FileField("quyết định (.docx)", upload_to=decision_upload_to, blank=True,
                            max_length=255)
    pdf = models.FileField("quyết định (PDF)", upload_to=decision_upload_to, blank=True,
                           max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number_symbol"],
                                    name="uniq_decision_number"),
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number_symbol} ngày {self.signed_on:%d/%m/%Y}"


def certificate_upload_to(instance: Award, filename: str) -> str:
    return f"khen-thuong/bang-khen/{instance.decision_id or 'ngoai'}/{filename}"


class Award(models.Model):
    """An award a unit or a person received: the history the standards read ("prior_awards").

    Rows come from decisions issued here, or are entered from earlier paper decisions.
    """

    kind = models.CharField("đối tượng", max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="awards",
                             verbose_name="tập thể / đơn vị của cá nhân")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="awards")
    form_code = models.CharField("loại hình thức (danh mục)", max_length=60, db_index=True)
    form_name = models.CharField("hình thức khen thưởng", max_length=255)
    year = models.PositiveSmallIntegerField("năm thành tích")
    decided_on = models.DateField("ngày quyết định")
    decision = models.ForeignKey(AwardDecision, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="awards")
    decision_text = models.CharField("quyết định (số, ngày, cơ quan)", max_length=255, blank=True)
    nomination = models.OneToOneField(Nomination, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="award")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    scope = models.CharField("đợt", max_length=16, choices=AwardScope.choices, blank=True)
    reward = models.PositiveIntegerField("tiền thưởng (đồng)", default=0)
    reward_basis = models.CharField("cách tính tiền thưởng", max_length=300, blank=True)
    certificate = models.FileField("bằng, giấy khen (PDF)", upload_to=certificate_upload_to,
                                   blank=True, max_length=255)

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["-decided_on", "id"]
        indexes = [models.Index(fields=["kind", "unit"]), models.Index(fields=["person"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="collective") & models.Q(person__isnull=True))
                | (models.Q(kind="individual") & models.Q(person__isnull=False)),
                name="award_subject_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        who = self.person.full_name if self.person_id and self.person else self.unit.name
        return f"{who}: {self.form_name} ({self.year})"


# --- background jobs --------------------------------------------------------------------


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


def job_upload_to(instance: DocumentJob, filename: str) -> str:
    return f"khen-thuong/cong-viec/{instance.pk}/{filename}"


class DocumentJob(models.Model):
    """A background build of documents (dossier export, decision papers), with its progress."""

    kind = models.CharField("loại", max_length=40)
    label = models.CharField("nội dung", max_length=255)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+",
                             verbose_name="đơn vị")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.FileField(upload_to=job_upload_to, blank=True, max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "công việc tạo văn bản"
        verbose_name_plural = "công việc tạo văn bản"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0


class BaseSalary(models.Model):
    """The base salary ("mức lương cơ sở") from a date, as a government decree sets it."""

    valid_from = models.DateField("áp dụng từ ngày", unique=True)
    amount = models.PositiveIntegerField("mức lương cơ sở (đồng/tháng)")
    legal_basis = models.CharField("căn cứ", max_length=255)

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}"
