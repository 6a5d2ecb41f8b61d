"""Online knowledge contests (cuộc thi trực tuyến tìm hiểu CCHC, 003 §II.1.2): rounds, a question
bank, participants (staff or public), attempts with server-side timing, autosaved answers, the
final submission (written by the lean endpoint), and prizes.

An attempt's answer key stays on the server: the browser sees option ids in a shuffled order,
never which option is correct.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class Contest(models.Model):
    code = models.SlugField("mã cuộc thi", max_length=60, unique=True)
    title = models.CharField("tên cuộc thi", max_length=300)
    description = models.TextField("thể lệ", blank=True)
    organiser = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="contests",
                                  verbose_name="đơn vị tổ chức")
    public_allowed = models.BooleanField("cho phép người dân tham gia", default=False)
    questions_per_attempt = models.PositiveSmallIntegerField(
        "số câu mỗi lượt", default=15, validators=[MinValueValidator(1), MaxValueValidator(200)])
    time_limit_minutes = models.PositiveSmallIntegerField(
        "thời gian mỗi lượt (phút)", default=30, validators=[MinValueValidator(1), MaxValueValidator(600)])
    attempts_per_round = models.PositiveSmallIntegerField(
        "số lượt thi mỗi vòng", default=1, validators=[MinValueValidator(1), MaxValueValidator(50)])
    has_prediction = models.BooleanField("có câu dự đoán", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField("ngày tạo", default=timezone.now)

    class Meta:
        verbose_name = "cuộc thi"
        verbose_name_plural = "cuộc thi"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField("vòng số")
    title = models.CharField("tên vòng", max_length=200, blank=True)
    opens_at = models.DateTimeField("mở lúc")
    closes_at = models.DateTimeField("đóng lúc")
    prize_first = models.PositiveSmallIntegerField("số giải Nhất", default=1)
    prize_second = models.PositiveSmallIntegerField("số giải Nhì", default=2)
    prize_third = models.PositiveSmallIntegerField("số giải Ba", default=3)
    prize_consolation = models.PositiveSmallIntegerField("số giải Khuyến khích", default=5)
    prizes_awarded_at = models.DateTimeField("đã trao giải lúc", null=True, blank=True)
    # Rounds of one contest do not overlap in time unless the organiser allows it for this round.
    overlap_allowed = models.BooleanField("cho phép trùng thời gian với vòng khác", default=False)

    class Meta:
        verbose_name = "vòng thi"
        verbose_name_plural = "vòng thi"
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="uniq_round_number"),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="round_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title or f"Vòng {self.number}"

    def is_open(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return self.opens_at <= moment < self.closes_at  # type: ignore[operator]


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Một đáp án đúng"
    MULTIPLE = "multiple", "Nhiều đáp án đúng"


class Question(models.Model):
    """A bank question. Re-importing a code retires the old version (kept for old attempts)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField("mã câu hỏi", max_length=40)
    text = models.TextField("nội dung câu hỏi")
    kind = models.CharField("loại câu hỏi", max_length=10, choices=QuestionKind.choices)
    topic = models.CharField("chủ đề", max_length=200, blank=True)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi"
        ordering = ["contest", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "code"], condition=models.Q(active=True),
                                    name="uniq_active_question_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField("ký hiệu", max_length=2)
    text = models.CharField("phương án", max_length=1000)
    correct = models.BooleanField("đúng", default=False)

    class Meta:
        verbose_name = "phương án"
        verbose_name_plural = "phương án"
        ordering = ["question", "label"]

    def __str__(self) -> str:
        return f"{self.label}. {self.text[:40]}"


class ParticipantKind(models.TextChoices):
    STAFF = "staff", "Cán bộ, công chức"
    PUBLIC = "public", "Người dân"


class Participant(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField("đối tượng", max_length=8, choices=ParticipantKind.choices)
    person = models.ForeignKey("org.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="contest_entries")
    # Staff: the person's unit when they joined (participation is counted per unit).
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="contest_participants")
    full_name = models.CharField("họ và tên", max_length=120)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    commune = models.CharField("xã, phường nơi ở", max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "người dự thi"
        verbose_name_plural = "người dự thi"
        ordering = ["contest", "full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "person"], condition=models.Q(person__isnull=False),
                                    name="uniq_contest_staff_participant"),
            models.UniqueConstraint(fields=["contest", "phone"], condition=~models.Q(phone=""),
                                    name="uniq_contest_public_phone"),
            models.UniqueConstraint(fields=["contest", "email"], condition=~models.Q(email=""),
                                    name="uniq_contest_public_email"),
        ]

    def __str__(self) -> str:
        return self.full_name


class AttemptStatus(models.TextChoices):
    ACTIVE = "active", "Đang làm bài"
    SUBMITTED = "submitted", "Đã nộp bài"
    TIMED_OUT = "timed_out", "Hết giờ (chấm theo bài đã lưu)"


class Attempt(models.Model):
    """One go at a round. `questions` is the drawn paper: [[question_id, [option ids…]], …] in
    the shuffled order shown. Timing is the server's: started_at and deadline."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="attempts")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField("lượt số")
    started_at = models.DateTimeField("bắt đầu")
    deadline = models.DateTimeField("hạn nộp")
    questions = models.JSONField("đề thi", default=list)
    status = models.CharField("trạng thái", max_length=10, choices=AttemptStatus.choices,
                              default=AttemptStatus.ACTIVE)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField("số câu đúng", null=True, blank=True)
    total = models.PositiveSmallIntegerField("số câu", default=0)
    all_correct = models.BooleanField("đúng tất cả", default=False)
    prediction = models.PositiveIntegerField("dự đoán", null=True, blank=True)
    elapsed_ms = models.PositiveIntegerField("thời gian làm bài (ms)", null=True, blank=True)
    graded_at = models.DateTimeField("chấm lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lượt thi"
        verbose_name_plural = "lượt thi"
        ordering = ["round", "participant", "number"]
        indexes = [models.Index(fields=["round", "status"]), models.Index(fields=["status", "deadline"])]
        constraints = [
            models.UniqueConstraint(fields=["round", "participant", "number"], name="uniq_attempt_number"),
            # One active attempt at a time per participant.
            models.UniqueConstraint(fields=["participant"], condition=models.Q(status="active"),
                                    name="one_active_attempt"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.round} – lượt {self.number}"


class Answer(models.Model):
    """The autosaved answer to one question; `seq` only grows, so a late or replayed save never
    overwrites a newer one."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(default=list)
    seq = models.BigIntegerField(default=0)
    saved_at = models.DateTimeField()

    class Meta:
        verbose_name = "câu trả lời đã lưu"
        verbose_name_plural = "câu trả lời đã lưu"
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="uniq_answer")]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.question_id}: {self.choices}"


class Submission(models.Model):
    """The final submission of an attempt, written by the lean endpoint with one
    INSERT … ON CONFLICT (attempt) DO NOTHING; `client_token` makes a retry recognisable."""

    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="submission")
    client_token = models.CharField(max_length=64)
    answers = models.JSONField(default=dict)
    prediction = models.BigIntegerField(null=True, blank=True)
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = "bài nộp"
        verbose_name_plural = "bài nộp"

    def __str__(self) -> str:
        return f"{self.attempt_id} ({self.client_token})"


class PrizeLevel(models.TextChoices):
    FIRST = "nhat", "Giải Nhất"
    SECOND = "nhi", "Giải Nhì"
    THIRD = "ba", "Giải Ba"
    CONSOLATION = "khuyen_khich", "Giải Khuyến khích"


class Prize(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="prizes")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="prizes")
    rank = models.PositiveIntegerField("thứ hạng")
    level = models.CharField("giải", max_length=14, choices=PrizeLevel.choices)
    awarded_at = models.DateTimeField()

    class Meta:
        verbose_name = "giải thưởng"
        verbose_name_plural = "giải thưởng"
        ordering = ["round", "rank"]
        constraints = [models.UniqueConstraint(fields=["round", "participant"], name="uniq_round_prize")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} – {self.participant}"
