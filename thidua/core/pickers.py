"""Pickers for units and people, used by every app's forms: searchable (core forms.js,
select[data-search]), units named with their parent (Unit.qualified_name), people with their
position and unit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from thidua.org.models import Person, Unit

SEARCHABLE = {"data-search": "Gõ để tìm (không cần dấu)"}


def person_label(person: Person) -> str:
    """'Nguyễn Thị Lan — Chuyên viên, Văn phòng — Sở Tư pháp'."""
    where = ", ".join(p for p in (person.position, person.unit.qualified_name
                                  if person.unit_id and person.unit else "") if p)
    return f"{person.full_name} — {where}" if where else person.full_name


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker: the parent is loaded with each unit (one query), shown in its label."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Select(attrs=SEARCHABLE))
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset: QuerySet[Unit] | None) -> None:
        super()._set_queryset(  # type: ignore[misc]
            None if queryset is None else queryset.select_related("parent"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.qualified_name)


class PersonChoiceField(forms.ModelChoiceField):
    """A person picker showing the position and the unit (loaded with the person)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Select(attrs=SEARCHABLE))
        super().__init__(*args, **kwargs)

    def _set_queryset(self, queryset: QuerySet[Person] | None) -> None:
        super()._set_queryset(None if queryset is None else queryset.select_related(  # type: ignore[misc]
            "unit", "unit__parent"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)
