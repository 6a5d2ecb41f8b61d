"""Test objects for initiatives (used by tests/samples.py and this app's tests)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.initiatives.models import Attachment, Author, Initiative


def make_initiative(unit: Any, people: list[Any], *, title: str = "Số hoá hồ sơ một cửa",
                    year: int = 2024, **extra: Any) -> Initiative:
    initiative = Initiative.objects.create(
        title=title, unit=unit, field="thu_tuc", year=year, description="Mô tả giải pháp.",
        effect="Rút ngắn thời gian giải quyết hồ sơ 30%.", scope="Toàn xã",
        submitted_at=timezone.now(), **extra)
    share = Decimal(100) / len(people) if people else Decimal(0)
    for person in people:
        Author.objects.create(initiative=initiative, person=person, share=round(share, 2))
    return initiative


def make_attachment(initiative: Initiative) -> Attachment:
    attachment = Attachment(initiative=initiative, name="thuyet-minh.pdf", uploaded_at=timezone.now())
    attachment.file.save("thuyet-minh.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    attachment.save()
    return attachment
