"""Writes to initiatives: submit, attach, send to council, score, recognise or reject.

Council scoring goes through the shared judging module (thidua/initiatives/council.py).

Every state change goes through `_move`, which checks the transition and records it in the
status history; single saves are audited by auditlog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.accounts.access import Actor, Denied, access_unit, account_of, has_capability
from thidua.accounts.capabilities import Capability
from thidua.core.uploads import check_upload
from thidua.initiatives import council
from thidua.initiatives.access import access_initiative, access_initiative_scoring
from thidua.initiatives.models import (
    Attachment,
    Author,
    Initiative,
    Level,
    Status,
    StatusChange,
)
from thidua.judging.models import Sheet
from thidua.org.models import Person, Unit

TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.REVIEW, Status.REJECTED},
    Status.REVIEW: {Status.RECOGNISED, Status.REJECTED},
    Status.RECOGNISED: set(),
    Status.REJECTED: set(),
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png", ".zip")


@dataclass(frozen=True)
class AuthorShare:
    person: Person
    share: Decimal


def _move(initiative: Initiative, to: str, *, actor: Actor, note: str = "") -> None:
    if to not in TRANSITIONS[initiative.status]:
        raise ValidationError(
            f"Không thể chuyển sáng kiến từ “{initiative.get_status_display()}” sang "
            f"“{Status(to).label}”.")
    StatusChange.objects.create(initiative=initiative, from_status=initiative.status, to_status=to,
                                at=timezone.now(), actor=account_of(actor), note=note[:500])
    initiative.status = to


def _lock(initiative: Initiative) -> None:
    """Lock the row and bring the caller's instance up to date (another request may have moved it)."""
    Initiative.objects.select_for_update().filter(pk=initiative.pk).exists()
    initiative.refresh_from_db()


def _check_authors(authors: Sequence[AuthorShare]) -> None:
    if not authors:
        raise ValidationError("Sáng kiến cần ít nhất một tác giả.")
    ids = [a.person.pk for a in authors]
    if len(set(ids)) != len(ids):
        raise ValidationError("Một người chỉ được ghi một lần trong danh sách tác giả.")
    total = sum((a.share for a in authors), Decimal(0))
    if total != Decimal(100):
        raise ValidationError(f"Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là {total}%).")


def may_submit_for(user: Any, unit: Unit) -> bool:
    """Officers and owners submit for units they manage; staff for their own unit."""
    try:
        access_unit(user, unit, write=True)
        return True
    except Denied:
        person = getattr(user, "person", None)
        return person is not None and person.unit_id == unit.pk


@transaction.atomic
def initiative_submit(*, actor: Actor, title: str, unit: Unit, field: str, year: int,
                      description: str, effect: str, scope: str,
                      authors: Sequence[AuthorShare]) -> Initiative:
    if not may_submit_for(actor, unit):
        raise Denied("Bạn chỉ nộp sáng kiến cho đơn vị của mình.")
    _check_authors(authors)
    initiative = Initiative(title=title.strip(), unit=unit, field=field, year=year,
                            description=description, effect=effect, scope=scope,
                            submitted_by=account_of(actor),
                            submitted_at=timezone.now(), status=Status.SUBMITTED)
    initiative.full_clean()
    initiative.save()
    for item in authors:
        author = Author(initiative=initiative, person=item.person, share=item.share)
        author.full_clean()
        author.save()
    StatusChange.objects.create(initiative=initiative, from_status="", to_status=Status.SUBMITTED,
                                at=initiative.submitted_at, actor=initiative.submitted_by,
                                note="Nộp sáng kiến")
    return initiative


@transaction.atomic
def initiative_attach(*, actor: Actor, initiative: Initiative, upload: UploadedFile) -> Attachment:
    access_initiative(actor, initiative)
    name = (upload.name or "tep").rsplit("/", 1)[-1]
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("Tệp lớn hơn 20 MB.")
    check_upload(upload, ATTACHMENT_EXTENSIONS)
    if initiative.status in (Status.RECOGNISED, Status.REJECTED) and not has_capability(
            actor, Capability.EDIT_SCOPE):
        raise ValidationError("Sáng kiến đã có kết luận; chỉ cán bộ thi đua được bổ sung tệp.")
    attachment = Attachment(initiative=initiative, file=upload, name=name[:255],
                            uploaded_by=account_of(actor), uploaded_at=timezone.now())
    attachment.save()
    return attachment


@transaction.atomic
def initiative_send_to_council(*, actor: Actor, initiative: Initiative, note: str = "") -> Initiative:
    access_initiative(actor, initiative, write=True)
    _lock(initiative)
    _move(initiative, Status.REVIEW, actor=actor, note=note or "Chuyển Hội đồng sáng kiến chấm điểm")
    initiative.save(update_fields=["status"])
    council.council_send(initiative)
    return initiative


@transaction.atomic
def initiative_score(*, actor: Actor, initiative: Initiative, novelty: int, effectiveness: int,
                     applicability: int, comment: str = "") -> Sheet:
    """A council member's sheet, through the shared judging module (a member working at the
    initiative's unit is recused; a member may revise their sheet while the council scores)."""
    access_initiative_scoring(actor, initiative)
    _lock(initiative)
    if initiative.status != Status.REVIEW:
        raise ValidationError("Chỉ chấm điểm khi sáng kiến đang ở bước Hội đồng chấm.")
    return council.council_score(actor=actor, initiative=initiative, novelty=novelty,
                                 effectiveness=effectiveness, applicability=applicability,
                                 comment=comment)


@transaction.atomic
def initiative_recognise(*, actor: Actor, initiative: Initiative, level: str, decision_number: str,
                         decision_date: date, decision_body: str = "", applied: bool = False) -> Initiative:
    """Record the recognition decision (level and number); the council must have scored it."""
    access_initiative(actor, initiative, write=True)
    _lock(initiative)
    if initiative.status == Status.REVIEW:
        council.recognition_check(initiative)
    if level not in Level.values:
        raise ValidationError("Cấp công nhận không hợp lệ.")
    if not decision_number.strip():
        raise ValidationError("Cần số quyết định công nhận.")
    _move(initiative, Status.RECOGNISED, actor=actor,
          note=f"Quyết định số {decision_number.strip()} ngày {decision_date:%d/%m/%Y}")
    initiative.level = level
    initiative.decision_number = decision_number.strip()
    initiative.decision_date = decision_date
    initiative.decision_body = decision_body.strip()
    initiative.applied = applied
    initiative.full_clean()
    initiative.save()
    council.council_withdraw(initiative)
    return initiative


@transaction.atomic
def initiative_reject(*, actor: Actor, initiative: Initiative, reason: str) -> Initiative:
    access_initiative(actor, initiative, write=True)
    _lock(initiative)
    if not reason.strip():
        raise ValidationError("Cần ghi lý do không công nhận.")
    _move(initiative, Status.REJECTED, actor=actor, note=reason.strip())
    initiative.save(update_fields=["status"])
    council.council_withdraw(initiative)
    return initiative


@transaction.atomic
def initiative_set_applied(*, actor: Actor, initiative: Initiative, applied: bool) -> Initiative:
    """A recognised initiative later applied in practice (HG-A-IND: "công nhận và áp dụng")."""
    access_initiative(actor, initiative, write=True)
    if initiative.status != Status.RECOGNISED:
        raise ValidationError("Chỉ ghi nhận áp dụng cho sáng kiến đã được công nhận.")
    initiative.applied = applied
    initiative.save(update_fields=["applied"])
    return initiative
