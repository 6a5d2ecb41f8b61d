"""Writes to contests: set up, import the question bank, start attempts, save answers, record the
final submission, grade, award prizes.

The two calls made during an attempt (`answers_autosave`, `submission_record`) are the hot path:
each is one idempotent statement authorised by a signed attempt token, with no session or user
lookup. Grading happens later in `grade_pending`, which claims ungraded attempts with
SELECT … FOR UPDATE SKIP LOCKED, so any number of workers (or page views) may run it at once.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from thidua.accounts.access import Actor, Denied, access_unit, account_of
from thidua.contests.access import access_contest, is_eligible_staff
from thidua.contests.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Contest,
    Option,
    Participant,
    ParticipantKind,
    Prize,
    PrizeLevel,
    Question,
    QuestionKind,
    Round,
    Submission,
)
from thidua.core.audit import Action, audit_bulk
from thidua.core.events import emit
from thidua.core.spreadsheet import Column, choice, read_table, text
from thidua.org.models import Person, Unit

TOKEN_SALT = "thidua.contests.attempt"  # noqa: S105 - a signing namespace, not a secret
GRACE_SECONDS = 10  # network slack after the deadline for the final submission
TIMEOUT_MARGIN_SECONDS = 20  # the grader waits this much longer before grading from autosaves
CLIENT_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
OPTION_LABELS = "ABCDEF"


# --- setting up ---------------------------------------------------------------------------


@transaction.atomic
def contest_create(*, actor: Actor, code: str, title: str, organiser: Unit, description: str = "",
                   public_allowed: bool = False, questions_per_attempt: int = 15,
                   time_limit_minutes: int = 30, attempts_per_round: int = 1,
                   has_prediction: bool = True) -> Contest:
    access_unit(actor, organiser, write=True)
    contest = Contest(code=code, title=title, organiser=organiser, description=description,
                      public_allowed=public_allowed, questions_per_attempt=questions_per_attempt,
                      time_limit_minutes=time_limit_minutes, attempts_per_round=attempts_per_round,
                      has_prediction=has_prediction,
                      created_by=account_of(actor))
    contest.full_clean()
    contest.save()
    return contest


@transaction.atomic
def round_create(*, actor: Actor, contest: Contest, opens_at: datetime, closes_at: datetime,
                 title: str = "", prize_first: int = 1, prize_second: int = 2, prize_third: int = 3,
                 prize_consolation: int = 5, overlap_allowed: bool = False) -> Round:
    access_contest(actor, contest, manage=True)
    Contest.objects.select_for_update().filter(pk=contest.pk).first()  # one new round at a time
    number = (contest.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    round_ = Round(contest=contest, number=number, title=title or f"Vòng {number}", opens_at=opens_at,
                   closes_at=closes_at, prize_first=prize_first, prize_second=prize_second,
                   prize_third=prize_third, prize_consolation=prize_consolation,
                   overlap_allowed=overlap_allowed)
    if closes_at <= opens_at:
        raise ValidationError("Thời điểm đóng vòng thi phải sau thời điểm mở.")
    clash = contest.rounds.filter(opens_at__lt=closes_at, closes_at__gt=opens_at).order_by(
        "opens_at").first()
    if clash is not None and not overlap_allowed:
        shown = f"{timezone.localtime(clash.opens_at):%H:%M %d/%m/%Y} – " \
                f"{timezone.localtime(clash.closes_at):%H:%M %d/%m/%Y}"
        raise ValidationError(
            f"Thời gian vòng thi trùng với {clash.title or f'vòng {clash.number}'} ({shown}). "
            "Hãy chọn thời gian khác, hoặc đánh dấu “Cho phép vòng này trùng thời gian với "
            "vòng khác của cuộc thi”.")
    round_.full_clean()
    round_.save()
    emit("contest_round_created", round_=round_)  # the staff are asked to take it (notices)
    return round_


@transaction.atomic
def round_close_now(*, actor: Actor, round_: Round) -> Round:
    access_contest(actor, round_.contest, manage=True)
    now = timezone.now()
    if round_.closes_at > now:
        round_.closes_at = max(now, round_.opens_at + timedelta(seconds=1))
        round_.save(update_fields=["closes_at"])
    return round_


# --- the question bank --------------------------------------------------------------------

KIND_CHOICES = {
    "Một đáp án": QuestionKind.SINGLE, "một": QuestionKind.SINGLE, "single": QuestionKind.SINGLE,
    QuestionKind.SINGLE.label: QuestionKind.SINGLE, QuestionKind.MULTIPLE.label: QuestionKind.MULTIPLE,
    "Nhiều đáp án": QuestionKind.MULTIPLE, "nhiều": QuestionKind.MULTIPLE,
    "multiple": QuestionKind.MULTIPLE,
}
BANK_COLUMNS = [
    Column("code", "Mã câu hỏi", text, example="CCHC-001", width=14),
    Column("text", "Nội dung câu hỏi", text, example="Chỉ số SIPAS đo lường điều gì?", width=60),
    Column("kind", "Loại", choice(KIND_CHOICES, "loại câu hỏi",
                                  shown=["Một đáp án", "Nhiều đáp án"]),
           example="Một đáp án", width=14),
    *[Column(f"option_{label}", f"Phương án {label}", text, required=label in "AB",
             example=f"Nội dung phương án {label}", width=30) for label in OPTION_LABELS],
    Column("correct", "Đáp án đúng", text, example="B (nhiều đáp án: A, C)", width=14),
    Column("topic", "Chủ đề", text, required=False, example="Chỉ số CCHC", width=20),
]


def _correct_letters(raw: str) -> list[str]:
    return [p for p in re.split(r"[\s,;/]+", (raw or "").upper()) if p]


def _validate_bank_row(row: dict[str, Any]) -> Iterable[tuple[str, str]]:
    letters = _correct_letters(row.get("correct") or "")
    present = [label for label in OPTION_LABELS if row.get(f"option_{label}")]
    for i, label in enumerate(OPTION_LABELS):
        if row.get(f"option_{label}") and any(not row.get(f"option_{x}") for x in OPTION_LABELS[:i]):
            yield f"option_{label}", "các phương án phải điền liên tục từ A (không bỏ trống ở giữa)"
            break
    bad = [x for x in letters if x not in present]
    if bad:
        yield "correct", (f"đáp án {', '.join(bad)} không có trong các phương án đã điền "
                          f"({', '.join(present)})")
        return
    if len(set(letters)) != len(letters):
        yield "correct", "một đáp án được ghi hai lần"
    if row.get("kind") == QuestionKind.SINGLE and len(letters) != 1:
        yield "correct", f"câu một đáp án cần đúng một đáp án đúng, tệp có {len(letters)}"
    if row.get("kind") == QuestionKind.MULTIPLE and len(letters) < 2:
        yield "correct", "câu nhiều đáp án cần ít nhất hai đáp án đúng"


@dataclass(frozen=True)
class BankImportSummary:
    created: int
    replaced: int
    unchanged: int = 0

    def __str__(self) -> str:
        return (f"Đã nhập {self.created + self.replaced + self.unchanged} câu hỏi: "
                f"{self.created} câu mới, {self.replaced} câu sửa (phiên bản mới thay phiên bản "
                f"cũ), {self.unchanged} câu không thay đổi.")


def _bank_content(*, text: str, kind: str, topic: str,
                  options: list[tuple[str, str, bool]]) -> tuple[Any, ...]:
    """What a question says: an unchanged row re-imported is the same question."""
    return (text, kind, topic, tuple(sorted(options)))


def _row_content(row: dict[str, Any]) -> tuple[Any, ...]:
    letters = set(_correct_letters(row["correct"]))
    return _bank_content(text=row["text"], kind=row["kind"], topic=row.get("topic") or "",
                         options=[(label, row[f"option_{label}"], label in letters)
                                  for label in OPTION_LABELS if row.get(f"option_{label}")])


def bank_rows(contest: Contest) -> list[list[Any]]:
    """The active questions in the import file's shape (the bank's export re-imports as is)."""
    kinds = {QuestionKind.SINGLE: "Một đáp án", QuestionKind.MULTIPLE: "Nhiều đáp án"}
    rows = []
    for question in (Question.objects.filter(contest=contest, active=True)
                     .prefetch_related("options").order_by("code")):
        options = {o.label: o for o in question.options.all()}
        rows.append([question.code, question.text, kinds[QuestionKind(question.kind)],
                     *[options[label].text if label in options else None
                       for label in OPTION_LABELS],
                     ", ".join(label for label in OPTION_LABELS
                               if label in options and options[label].correct),
                     question.topic])
    return rows


@transaction.atomic
def bank_import(*, actor: Actor, contest: Contest, data: bytes, filename: str) -> BankImportSummary:
    """All or nothing: one bad row refuses the file and names the row (ImportRejected).

    A code already in the bank with the same content is left alone (nothing written, no
    history); a changed one becomes a new version and the old one is retired, kept for the
    attempts that drew it."""
    access_contest(actor, contest, manage=True)
    table = read_table(data, filename, BANK_COLUMNS, validate_row=_validate_bank_row, unique=("code",))
    codes = [row["code"] for row in table.rows]
    stored = {q.code: q for q in Question.objects.filter(contest=contest, active=True,
                                                         code__in=codes)
              .prefetch_related("options")}
    rows, old = [], []
    for row in table.rows:
        question = stored.get(row["code"])
        if question is not None and _row_content(row) == _bank_content(
                text=question.text, kind=question.kind, topic=question.topic,
                options=[(o.label, o.text, o.correct) for o in question.options.all()]):
            continue
        rows.append(row)
        if question is not None:
            old.append(question)
    if old:
        Question.objects.filter(pk__in=[q.pk for q in old]).update(active=False)
        audit_bulk(old, Action.UPDATE, actor=actor, before=[{"active": "True"}] * len(old),
                   note="Thay bằng phiên bản mới khi nhập ngân hàng câu hỏi")
    questions = Question.objects.bulk_create([
        Question(contest=contest, code=row["code"], text=row["text"], kind=row["kind"],
                 topic=row.get("topic") or "") for row in rows])
    options = []
    for question, row in zip(questions, rows, strict=True):
        letters = set(_correct_letters(row["correct"]))
        for label in OPTION_LABELS:
            if row.get(f"option_{label}"):
                options.append(Option(question=question, label=label, text=row[f"option_{label}"],
                                      correct=label in letters))
    Option.objects.bulk_create(options)
    audit_bulk(questions, Action.CREATE, actor=actor, note=f"Nhập ngân hàng câu hỏi từ {filename}")
    return BankImportSummary(created=len(questions) - len(old), replaced=len(old),
                             unchanged=len(table.rows) - len(rows))


# --- participants and attempts ------------------------------------------------------------


def participant_for_staff(*, user: Any, contest: Contest) -> Participant:
    if not is_eligible_staff(user, contest):
        raise Denied("Chỉ cán bộ, công chức thuộc đơn vị tổ chức cuộc thi mới dự thi bằng tài khoản này.")
    person: Person = user.person
    participant = Participant.objects.filter(contest=contest, person=person).first()
    if participant is None:
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    contest=contest, kind=ParticipantKind.STAFF, person=person, unit=person.unit,
                    full_name=person.full_name, email=person.email)
        except IntegrityError:  # a concurrent first attempt created it
            participant = Participant.objects.get(contest=contest, person=person)
    return participant


def participant_register_public(*, contest: Contest, full_name: str, phone: str = "", email: str = "",
                                commune: str = "") -> Participant:
    """A member of the public identified by phone or e-mail; registering again finds them."""
    if not contest.public_allowed:
        raise Denied("Cuộc thi này không mở cho người dân.")
    phone = re.sub(r"[^\d+]", "", phone or "")
    email = (email or "").strip().lower()
    if not phone and not email:
        raise ValidationError("Cần số điện thoại hoặc thư điện tử.")
    existing = Participant.objects.filter(contest=contest, kind=ParticipantKind.PUBLIC).filter(
        (Q(phone=phone) if phone else Q(pk__in=[])) | (Q(email=email) if email else Q(pk__in=[]))).first()
    if existing is not None:
        return existing
    participant = Participant(contest=contest, kind=ParticipantKind.PUBLIC, full_name=full_name.strip(),
                              phone=phone, email=email, commune=commune.strip())
    participant.full_clean()
    participant.save()
    return participant


def _draw(contest: Contest) -> list[list[Any]]:
    """N random active questions, each with its options shuffled: [[qid, [option ids]], …]."""
    rng = random.SystemRandom()
    ids = list(Question.objects.filter(contest=contest, active=True).values_list("id", flat=True))
    if not ids:
        raise ValidationError("Ngân hàng câu hỏi đang trống.")
    chosen = rng.sample(ids, min(contest.questions_per_attempt, len(ids)))
    options: dict[int, list[int]] = {}
    for option_id, question_id in Option.objects.filter(question_id__in=chosen).values_list(
            "id", "question_id"):
        options.setdefault(question_id, []).append(option_id)
    paper = []
    for qid in chosen:
        opts = options.get(qid, [])
        rng.shuffle(opts)
        paper.append([qid, opts])
    return paper


def attempt_start(*, participant: Participant, round_: Round, now: datetime | None = None) -> Attempt:
    """Start (or resume) the participant's attempt at the round: one active attempt at a time,
    at most `attempts_per_round` per round, only while the round is open."""
    now = now or timezone.now()
    if round_.contest_id != participant.contest_id:
        raise Denied("Vòng thi không thuộc cuộc thi này.")
    grade_pending(participant_id=participant.pk, now=now)
    with transaction.atomic():
        active = Attempt.objects.select_for_update().filter(participant=participant,
                                                            status=AttemptStatus.ACTIVE).first()
        if active is not None:
            if active.round_id == round_.pk:
                return active
            raise ValidationError("Bạn đang có một lượt thi khác chưa kết thúc.")
        if not round_.is_open(now):
            raise ValidationError("Vòng thi chưa mở hoặc đã đóng.")
        contest = round_.contest
        used = Attempt.objects.filter(round=round_, participant=participant).count()
        if used >= contest.attempts_per_round:
            raise ValidationError(f"Bạn đã dùng hết {contest.attempts_per_round} lượt thi của vòng này.")
        limit = timedelta(minutes=contest.time_limit_minutes)
        deadline = min(now + limit, round_.closes_at)
        paper = _draw(contest)
        try:
            with transaction.atomic():
                return Attempt.objects.create(round=round_, participant=participant, number=used + 1,
                                              started_at=now, deadline=deadline, questions=paper,
                                              total=len(paper))
        except IntegrityError:
            raise ValidationError("Bạn đang có một lượt thi khác chưa kết thúc.") from None


@dataclass(frozen=True)
class AttemptToken:
    attempt_id: int
    participant_id: int
    person_id: int  # 0 for a member of the public
    deadline: int  # epoch seconds


def attempt_token(attempt: Attempt) -> str:
    """HMAC-signed (django.core.signing) binding of attempt, participant, person and deadline."""
    participant = attempt.participant
    return token_for(attempt.pk, participant.pk, participant.person_id or 0,
                     int(attempt.deadline.timestamp()))


def token_for(attempt_id: int, participant_id: int, person_id: int, deadline_epoch: int) -> str:
    return signing.dumps([attempt_id, participant_id, person_id, deadline_epoch], salt=TOKEN_SALT,
                         compress=False)


def read_token(raw: str | None) -> AttemptToken:
    if not raw or len(raw) > 300:
        raise Denied("Thiếu mã lượt thi.")
    try:
        a, p, person, deadline = signing.loads(raw, salt=TOKEN_SALT)
        return AttemptToken(int(a), int(p), int(person), int(deadline))
    except (signing.BadSignature, ValueError, TypeError):
        raise Denied("Mã lượt thi không hợp lệ.") from None


def _clean_answers(raw: Any, *, limit: int = 200) -> dict[str, list[int]]:
    if not isinstance(raw, dict) or len(raw) > limit:
        raise ValidationError("Dữ liệu câu trả lời không hợp lệ.")
    out: dict[str, list[int]] = {}
    for key, value in raw.items():
        if not str(key).isdigit() or not isinstance(value, list) or len(value) > 10:
            raise ValidationError("Dữ liệu câu trả lời không hợp lệ.")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ValidationError("Dữ liệu câu trả lời không hợp lệ.")
        out[str(int(key))] = sorted(set(value))
    return out


def answers_autosave(*, token: AttemptToken, answers: Any, seq: Any, now: datetime | None = None) -> int:
    """Upsert each answer unless a newer one (higher seq) is stored; returns how many rows."""
    now = now or timezone.now()
    if now.timestamp() > token.deadline + GRACE_SECONDS:
        raise ValidationError("Đã hết giờ làm bài.")
    clean = _clean_answers(answers)
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**62:
        raise ValidationError("Số thứ tự lưu không hợp lệ.")
    table = Answer._meta.db_table
    submitted = Submission._meta.db_table
    # A submitted attempt takes no more answers: refused here, and the insert itself re-checks
    # (a submission arriving between the two statements still wins).
    sql = (f"INSERT INTO {table} (attempt_id, question_id, choices, seq, saved_at) "  # noqa: S608
           f"SELECT %s, %s, %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM {submitted} "
           "WHERE attempt_id = %s) ON CONFLICT (attempt_id, question_id) DO UPDATE SET "
           "choices = excluded.choices, seq = excluded.seq, saved_at = excluded.saved_at "
           f"WHERE {table}.seq < excluded.seq")
    stamp = connection.ops.adapt_datetimefield_value(now)
    params = [(token.attempt_id, int(qid), json.dumps(choices), seq, stamp, token.attempt_id)
              for qid, choices in clean.items()]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {submitted} WHERE attempt_id = %s",  # noqa: S608
                           [token.attempt_id])
            if cursor.fetchone() is not None:
                raise ValidationError("Bài thi đã nộp: không lưu thêm câu trả lời.")
            cursor.executemany(sql, params)
    except IntegrityError:
        raise ValidationError("Câu hỏi không thuộc lượt thi.") from None
    return len(params)


@dataclass(frozen=True)
class Receipt:
    accepted: bool  # this request's submission is the stored one
    duplicate: bool  # it had been stored before (a retry)


def submission_record(*, token: AttemptToken, client_token: Any, answers: Any,
                      prediction: Any = None, now: datetime | None = None) -> Receipt:
    """One INSERT … ON CONFLICT (attempt) DO NOTHING. A retry with the same client token is
    acknowledged again without a second row; another token for the same attempt is refused."""
    now = now or timezone.now()
    if now.timestamp() > token.deadline + GRACE_SECONDS:
        raise ValidationError("Đã hết giờ làm bài; bài được chấm theo các câu đã lưu.")
    if not isinstance(client_token, str) or not CLIENT_TOKEN_RE.match(client_token):
        raise ValidationError("Mã gửi bài không hợp lệ.")
    clean = _clean_answers(answers)
    if prediction is not None and (not isinstance(prediction, int) or isinstance(prediction, bool)
                                   or not 0 <= prediction <= 10**9):
        raise ValidationError("Số dự đoán phải là số nguyên không âm.")
    table = Submission._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (attempt_id, client_token, answers, prediction, received_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (attempt_id) DO NOTHING RETURNING client_token",
            [token.attempt_id, client_token, json.dumps(clean), prediction,
             connection.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
        if row is not None:
            return Receipt(accepted=True, duplicate=False)
        cursor.execute(f"SELECT client_token FROM {table} WHERE attempt_id = %s",  # noqa: S608
                       [token.attempt_id])
        stored = cursor.fetchone()
    if stored is not None and stored[0] == client_token:
        return Receipt(accepted=True, duplicate=True)
    return Receipt(accepted=False, duplicate=False)


# --- grading ------------------------------------------------------------------------------


def _grade(attempt: Attempt, answers: dict[str, list[int]], key: dict[int, set[int]]) -> int:
    correct = 0
    for qid, _options in attempt.questions:
        if set(answers.get(str(qid), [])) == key.get(qid, set()) and key.get(qid):
            correct += 1
    return correct


def grade_pending(*, round_id: int | None = None, participant_id: int | None = None,
                  contest_id: int | None = None, now: datetime | None = None, limit: int = 2000,
                  batches: int | None = None) -> int:
    """Grade attempts that were submitted or whose time ran out. Returns how many were graded.

    Page views pass `batches=1` so a deadline peak never makes a page slow: the command
    `thidua contests-grade` (or the next page view) takes the rest.

    Attempts are claimed with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL) and updated only while
    still active, so concurrent graders never grade one twice; running it again is harmless.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=GRACE_SECONDS + TIMEOUT_MARGIN_SECONDS)
    graded = 0
    while True:
        with transaction.atomic():
            qs = Attempt.objects.filter(status=AttemptStatus.ACTIVE).filter(
                Q(submission__isnull=False) | Q(deadline__lt=cutoff))
            if round_id is not None:
                qs = qs.filter(round_id=round_id)
            if participant_id is not None:
                qs = qs.filter(participant_id=participant_id)
            if contest_id is not None:
                qs = qs.filter(round__contest_id=contest_id)
            batch = list(qs.select_for_update(skip_locked=True, of=("self",)).order_by("id")[:limit])
            if not batch:
                return graded
            ids = [a.pk for a in batch]
            submissions = {s.attempt_id: s for s in Submission.objects.filter(attempt_id__in=ids)}
            saved: dict[int, dict[str, list[int]]] = {}
            for attempt_id, question_id, choices in Answer.objects.filter(attempt_id__in=ids).values_list(
                    "attempt_id", "question_id", "choices"):
                saved.setdefault(attempt_id, {})[str(question_id)] = choices
            question_ids = {qid for a in batch for qid, _ in a.questions}
            key: dict[int, set[int]] = {}
            for option_id, question_id in Option.objects.filter(
                    question_id__in=question_ids, correct=True).values_list("id", "question_id"):
                key.setdefault(question_id, set()).add(option_id)
            for attempt in batch:
                submission = submissions.get(attempt.pk)
                answers = dict(saved.get(attempt.pk, {}))
                if submission is not None:
                    answers.update(submission.answers or {})
                    finished = min(submission.received_at, attempt.deadline)
                    attempt.status = AttemptStatus.SUBMITTED
                    attempt.prediction = submission.prediction
                else:
                    finished = attempt.deadline
                    attempt.status = AttemptStatus.TIMED_OUT
                attempt.correct_count = _grade(attempt, answers, key)
                attempt.all_correct = attempt.total > 0 and attempt.correct_count == attempt.total
                attempt.finished_at = finished
                attempt.elapsed_ms = max(0, int((finished - attempt.started_at).total_seconds() * 1000))
                attempt.graded_at = now
            Attempt.objects.bulk_update(batch, ["status", "prediction", "correct_count", "all_correct",
                                                "finished_at", "elapsed_ms", "graded_at"], batch_size=500)
            graded += len(batch)
            batches = None if batches is None else batches - 1
            if len(batch) < limit or batches == 0:
                return graded


# --- prizes -------------------------------------------------------------------------------


@transaction.atomic
def round_award_prizes(*, actor: Actor, round_: Round) -> list[Prize]:
    """Prizes by the ranking (score, then closeness of the prediction, then time); re-running
    replaces the round's prizes. Only after the round has closed."""
    from thidua.contests.selectors import round_ranking

    access_contest(actor, round_.contest, manage=True)
    if round_.is_open():
        raise ValidationError("Chỉ trao giải sau khi vòng thi đã đóng.")
    grade_pending(round_id=round_.pk)  # every attempt, not one batch: prizes need the full ranking
    ranking = round_ranking(round_)
    tiers = ([PrizeLevel.FIRST] * round_.prize_first + [PrizeLevel.SECOND] * round_.prize_second
             + [PrizeLevel.THIRD] * round_.prize_third + [PrizeLevel.CONSOLATION] * round_.prize_consolation)
    now = timezone.now()
    old = list(round_.prizes.all())
    if old:
        audit_bulk(old, Action.DELETE, actor=actor, note="Trao lại giải của vòng thi")
        round_.prizes.all().delete()
    prizes = [Prize(round=round_, participant_id=row.participant_id, rank=row.rank, level=level,
                    awarded_at=now) for row, level in zip(ranking, tiers, strict=False)
              if row.correct_count > 0]
    Prize.objects.bulk_create(prizes)
    audit_bulk(prizes, Action.CREATE, actor=actor, note=f"Trao giải {round_}")
    round_.prizes_awarded_at = now
    round_.save(update_fields=["prizes_awarded_at"])
    return prizes
