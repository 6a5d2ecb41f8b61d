"""Writes of the writing contest: create, submit and edit an entry (before the deadline),
publish the results (prizes, the end of the blind)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.accounts.access import Actor, account_of, signed_in
from thidua.core.text import vn_date
from thidua.core.uploads import check_upload
from thidua.judging import selectors as judging_selectors
from thidua.judging import services as judging
from thidua.writing.access import access_contest_manage, is_eligible
from thidua.writing.models import (
    CoAuthor,
    Entry,
    EntryFile,
    Prize,
    PrizeLevel,
    Topic,
    WritingContest,
)

# The panel's rubric and rounds, as the contest form hands them over (judging owns their meaning).
CriterionSpec = judging.CriterionSpec
StageSpec = judging.StageSpec

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
FILE_EXTENSIONS = (".pdf", ".docx", ".doc", ".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class Share:
    person: Any  # thidua.org.models.Person
    share: Decimal


def _deadline_text(contest: WritingContest) -> str:
    local = timezone.localtime(contest.closes_at)
    return f"{local:%H:%M} {vn_date(local.date())}"


def _check_open(contest: WritingContest, now: datetime) -> None:
    if now < contest.opens_at:
        raise ValidationError(f"Cuộc thi chưa mở nhận bài (nhận bài từ "
                              f"{timezone.localtime(contest.opens_at):%H:%M} "
                              f"{vn_date(timezone.localtime(contest.opens_at).date())}).")
    if now >= contest.closes_at:
        raise ValidationError(f"Đã hết hạn nộp bài lúc {_deadline_text(contest)}; bài nộp hoặc sửa "
                              "sau hạn không được nhận.")


def _check_authors(contest: WritingContest, author: Any, shares: Sequence[Share]) -> list[Share]:
    everyone = list(shares) if any(s.person.pk == author.pk for s in shares) else [
        Share(author, Decimal(100) - sum((s.share for s in shares), Decimal(0))), *shares]
    ids = [s.person.pk for s in everyone]
    if len(set(ids)) != len(ids):
        raise ValidationError("Một người chỉ được ghi một lần trong danh sách tác giả.")
    for i, s in enumerate(everyone, start=1):
        if s.share <= 0:
            raise ValidationError(f"Tác giả thứ {i} ({s.person.full_name}): tỷ lệ đóng góp phải lớn hơn 0%.")
        if s.person.unit is None or not s.person.unit.path.startswith(contest.scope.path):
            raise ValidationError(f"Tác giả thứ {i} ({s.person.full_name}) không thuộc đơn vị trong "
                                  "phạm vi cuộc thi.")
    total = sum((s.share for s in everyone), Decimal(0))
    if total != Decimal(100):
        raise ValidationError(f"Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là {total}%).")
    return everyone


def _check_text(contest: WritingContest, title: str, text: str) -> None:
    if not title.strip():
        raise ValidationError("Hãy nhập tên bài viết.")
    words = len(re.findall(r"\w+", text))
    if words < 50:
        raise ValidationError(f"Bài viết quá ngắn ({words} chữ); cần ít nhất 50 chữ.")
    if words > contest.max_words:
        raise ValidationError(f"Bài viết dài {words} chữ, vượt giới hạn {contest.max_words} chữ của thể lệ.")


def _check_files(entry_files: int, uploads: Sequence[UploadedFile]) -> None:
    if entry_files + len(uploads) > MAX_FILES:
        raise ValidationError(f"Mỗi bài được đính kèm tối đa {MAX_FILES} tệp.")
    for upload in uploads:
        if (upload.size or 0) > MAX_FILE_BYTES:
            raise ValidationError(f"Tệp “{upload.name}” lớn hơn 10 MB.")
        check_upload(upload, FILE_EXTENSIONS)


def _save_files(entry: Entry, uploads: Sequence[UploadedFile]) -> None:
    for upload in uploads:
        name = (upload.name or "tep").rsplit("/", 1)[-1][:200]
        EntryFile.objects.create(entry=entry, file=upload, name=name, size=upload.size or 0)


@transaction.atomic
def contest_create(*, actor: Actor, code: str, title: str, organiser: Any, scope: Any, rules: str,
                   opens_at: datetime, closes_at: datetime, topics: Sequence[str],
                   judges: Sequence[Any] = (), min_scores: int = 3, method: str = "mean",
                   criteria: Sequence[judging.CriterionSpec] | None = None,
                   stages: Sequence[judging.StageSpec] | None = None,
                   open_to_public: bool = False, max_words: int = 5000) -> WritingContest:
    from thidua.accounts.access import access_unit

    access_unit(actor, organiser, write=True)
    if not topics:
        raise ValidationError("Cuộc thi cần ít nhất một chủ đề.")
    panel = judging.panel_create(
        name=f"Ban giám khảo {title}", source="writing", organiser=organiser, min_scores=min_scores,
        method=method,
        criteria=criteria or [
            judging.CriterionSpec("Nội dung, tính mới của giải pháp", Decimal(40)),
            judging.CriterionSpec("Tính khả thi, hiệu quả khi áp dụng", Decimal(40)),
            judging.CriterionSpec("Bố cục, văn phong", Decimal(20)),
        ],
        stages=stages or [judging.StageSpec("Sơ khảo", advance_share=Decimal(50)),
                          judging.StageSpec("Chung khảo")])
    contest = WritingContest(code=code, title=title, organiser=organiser, scope=scope, rules=rules,
                             opens_at=opens_at, closes_at=closes_at, panel=panel,
                             created_by=account_of(actor), open_to_public=open_to_public,
                             max_words=max_words)
    contest.full_clean()
    contest.save()
    for i, text in enumerate(topics, start=1):
        Topic.objects.create(contest=contest, order=i, title=text)
    for user in judges:
        judging.judge_add(panel=panel, user=user)
    return contest


@transaction.atomic
def entry_submit(*, actor: Actor, contest: WritingContest, topic: Topic, title: str, text: str,
                 coauthors: Sequence[Share] = (), uploads: Sequence[UploadedFile] = (),
                 now: datetime | None = None) -> Entry:
    """A staff member's entry, before the deadline (server clock); one per author per contest."""
    contest = WritingContest.objects.select_for_update().select_related("scope").get(pk=contest.pk)
    _check_open(contest, now or timezone.now())
    if not is_eligible(actor, contest):
        raise ValidationError("Bạn không thuộc đơn vị trong phạm vi cuộc thi nên không dự thi được.")
    user = signed_in(actor)
    author = user.person
    if author is None or author.unit is None:
        raise ValidationError("Tài khoản của bạn chưa gắn với một cán bộ nên không dự thi được.")
    if Entry.objects.filter(contest=contest, author=author).exists():
        raise ValidationError("Bạn đã nộp bài cho cuộc thi này; hãy mở bài đã nộp để sửa.")
    if topic.contest_id != contest.pk:
        raise ValidationError("Chủ đề không thuộc cuộc thi này.")
    _check_text(contest, title, text)
    everyone = _check_authors(contest, author, coauthors)
    _check_files(0, uploads)
    judged = judging.entry_register(panel=contest.panel, source_id=0, unit=author.unit)
    try:
        with transaction.atomic():
            entry = Entry.objects.create(contest=contest, topic=topic, title=title.strip(), text=text,
                                         author=author, unit=author.unit, submitted_by=user,
                                         judging_entry=judged)
    except IntegrityError as exc:
        raise ValidationError("Bạn đã nộp bài cho cuộc thi này; hãy mở bài đã nộp để sửa.") from exc
    judged.source_id = entry.pk
    judged.submitted_at = entry.submitted_at
    judged.save(update_fields=["source_id", "submitted_at"])
    for s in everyone:
        CoAuthor.objects.create(entry=entry, person=s.person, share=s.share)
    _save_files(entry, uploads)
    return entry


@transaction.atomic
def entry_update(*, actor: Actor, entry: Entry, topic: Topic, title: str, text: str, version: int,
                 coauthors: Sequence[Share] = (), uploads: Sequence[UploadedFile] = (),
                 remove_files: Sequence[int] = (), now: datetime | None = None) -> Entry:
    """The author edits the entry until the deadline; an edit made from an older copy is refused."""
    entry = Entry.objects.select_for_update().select_related("contest__scope", "author").get(pk=entry.pk)
    if getattr(actor, "person_id", None) != entry.author_id:
        raise ValidationError("Chỉ tác giả chính được sửa bài dự thi.")
    _check_open(entry.contest, now or timezone.now())
    if version != entry.version:
        raise ValidationError("Bài đã được sửa ở nơi khác sau khi bạn mở trang; hãy tải lại trang "
                              "để xem bản mới nhất rồi sửa.")
    if topic.contest_id != entry.contest_id:
        raise ValidationError("Chủ đề không thuộc cuộc thi này.")
    _check_text(entry.contest, title, text)
    everyone = _check_authors(entry.contest, entry.author, coauthors)
    keep = entry.files.exclude(pk__in=list(remove_files))
    _check_files(keep.count(), uploads)
    entry.files.filter(pk__in=list(remove_files)).delete()
    entry.topic, entry.title, entry.text = topic, title.strip(), text
    entry.version += 1
    entry.updated_at = timezone.now()
    entry.save()
    entry.coauthors.all().delete()
    for s in everyone:
        CoAuthor.objects.create(entry=entry, person=s.person, share=s.share)
    _save_files(entry, uploads)
    return entry


def _levels(contest: WritingContest) -> list[PrizeLevel]:
    return ([PrizeLevel.FIRST] * contest.prize_first + [PrizeLevel.SECOND] * contest.prize_second
            + [PrizeLevel.THIRD] * contest.prize_third
            + [PrizeLevel.CONSOLATION] * contest.prize_consolation)


@transaction.atomic
def contest_publish(*, actor: Actor, contest: WritingContest, decision_number: str, decision_date: date,
                    signer_title: str, signer_name: str) -> list[Prize]:
    """Give the prizes by the final round's ranking, end the blind and publish (once)."""
    access_contest_manage(actor, contest)
    contest = WritingContest.objects.select_for_update().select_related("panel").get(pk=contest.pk)
    if contest.published_at is not None:
        raise ValidationError("Kết quả cuộc thi đã được công bố.")
    if timezone.now() < contest.closes_at:
        raise ValidationError("Chưa hết hạn nộp bài; chưa thể công bố kết quả.")
    final = contest.panel.stages.order_by("-number").first()
    if final is None or final.closed_at is None:
        raise ValidationError("Vòng chung khảo chưa kết thúc; hãy kết thúc vòng chấm trước khi công bố.")
    if not decision_number.strip():
        raise ValidationError("Hãy nhập số quyết định trao giải.")
    rows = [r for r in judging_selectors.stage_results(final) if r.rank is not None]
    by_judged = {e.judging_entry_id: e for e in Entry.objects.filter(contest=contest)}
    prizes = []
    for level, row in zip(_levels(contest), rows, strict=False):
        assert row.rank is not None and row.average is not None
        prizes.append(Prize.objects.create(contest=contest, entry=by_judged[row.entry.pk], rank=row.rank,
                                           level=level, average=row.average))
    contest.published_at = timezone.now()
    contest.decision_number = decision_number.strip()
    contest.decision_date = decision_date
    contest.signer_title, contest.signer_name = signer_title.strip(), signer_name.strip()
    contest.save()
    judging.panel_reveal(panel=contest.panel)
    return prizes
