"""The registration form ("Đăng ký thi đua") a unit sends in, after the form at the end of seed 002."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .common import Letterhead, official
from .layout import (
    Block,
    Bullet,
    Column,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
    build_docx,
)

__all__ = ["RegisteredPerson", "RegistrationForm", "registration_docx", "registration_document"]


@dataclass(frozen=True, kw_only=True)
class RegisteredPerson:
    name: str
    position: str = ""  # "Chuyên viên, Văn phòng Sở"
    target: str = ""  # what they register for; blank: the form's common individual target


@dataclass(frozen=True, kw_only=True)
class RegistrationForm:
    """002's form: the unit, the collective's targets, then the individuals with theirs."""

    letterhead: Letterhead  # the registering unit ("CƠ QUAN, ĐƠN VỊ" in the form)
    subject: str  # "Thi đua thực hiện nhiệm vụ CCHC hằng năm\nvà giai đoạn 2021-2025"
    unit_name: str  # after "1. Tập thể:"
    collective_targets: Sequence[str]  # after "Đăng ký thi đua:"
    individuals: Sequence[RegisteredPerson] = ()
    individual_target: str = ""  # "Nội dung đăng ký:" shared by the individuals
    intro: str = ""  # "Thực hiện Kế hoạch số 39/KH-UBND ngày 23/02/2022 ..., <unit> đăng ký ..."
    signature: Signature = field(
        default_factory=lambda: Signature(title="Thủ trưởng cơ quan")
    )
    recipients: Sequence[str] = ("Sở Nội vụ", "Lưu: VT")


def registration_document(form: RegistrationForm) -> OfficialDocument:
    body: list[Block] = []
    if form.intro:
        body.append(Paragraph(form.intro))
    body.append(Paragraph([Run("1. Tập thể: ", bold=True), Run(form.unit_name, bold=True)],
                          keep_with_next=True))
    targets = list(form.collective_targets)
    if len(targets) == 1:
        body.append(Paragraph([Run("Đăng ký thi đua: ", bold=True), Run(targets[0])]))
    else:
        body.append(Paragraph([Run("Đăng ký thi đua:", bold=True)], keep_with_next=True))
        body += [Bullet(t) for t in targets]
    body.append(Paragraph([Run("2. Cá nhân:", bold=True)], keep_with_next=True))
    body.append(Paragraph([Run(f"Số lượng: {len(form.individuals):02d}", bold=True)],
                          keep_with_next=True))
    if form.individual_target:
        body.append(Paragraph([Run("Nội dung đăng ký: ", bold=True),
                               Run(form.individual_target)]))
    if form.individuals:
        body.append(Table(
            columns=[Column("STT", 0.6, "center"), Column("Họ và tên", 2.4),
                     Column("Chức vụ, đơn vị công tác", 2.6),
                     Column("Nội dung đăng ký thi đua", 3.4)],
            rows=[[str(i), p.name, p.position, p.target or form.individual_target]
                  for i, p in enumerate(form.individuals, 1)],
        ))
    return official(
        form.letterhead,
        doc_type="Đăng ký",
        subject=form.subject,
        body=body,
        signature=form.signature,
        recipients=form.recipients,
    )


def registration_docx(form: RegistrationForm) -> bytes:
    """The registration form as .docx bytes."""
    return build_docx(registration_document(form))
