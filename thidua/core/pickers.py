"""Pickers for units and people, used by every app's forms: searchable (core forms.js,
select[data-search]), units named with their parent (Unit.qualified_name), people with their
position and unit. A person picker over more people than PERSON_PICKER_THRESHOLD renders only
the chosen person and asks the server as the user types (select[data-remote], the search page
org:person_search); the form still validates against its whole queryset. A field that accepts
fewer people than the user sees (the judges a panel may seat) names a registered person source
(register_person_source), so the search suggests exactly what the form accepts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from thidua.org.models import Person, Unit

SEARCHABLE = {"data-search": "Gõ để tìm (không cần dấu)"}
PERSON_PICKER_THRESHOLD = 200  # more people than this: searched on the server as one types


# name -> (user, the search's query parameters) -> the people the form of that name accepts. A
# source raises (Denied, Http404) on parameters the user may not use; it never answers empty.
PersonSource = Callable[[Any, Mapping[str, str]], QuerySet[Person]]
_PERSON_SOURCES: dict[str, PersonSource] = {}


def register_person_source(name: str, source: PersonSource) -> None:
    """Called from an app's AppConfig.ready(): `name` is what its picker sends as `nguon`."""
    if name in _PERSON_SOURCES and _PERSON_SOURCES[name] is not source:
        raise ValueError(f"person source {name!r} registered twice")
    _PERSON_SOURCES[name] = source


def person_source(name: str) -> PersonSource | None:
    return _PERSON_SOURCES.get(name)


def person_picker_threshold() -> int:
    return int(getattr(settings, "PERSON_PICKER_THRESHOLD", PERSON_PICKER_THRESHOLD))


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


class PersonSelect(forms.Select):
    """A person <select>: every person as an option while the field's queryset is short; past the
    threshold only the empty choice and the chosen person, with data-remote naming the search
    page that forms.js asks as the user types (and data-unit-field, the form's unit picker whose
    unit the search starts on)."""

    unit_field: str = ""
    # The person source and its parameters (PersonChoiceField.search_in), sent with each search.
    remote_params: dict[str, Any] | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        field = getattr(self.choices, "field", None)
        attrs = dict(attrs or {})
        if field is not None and field.queryset.count() > person_picker_threshold():
            url = reverse("org:person_search")
            attrs["data-remote"] = (f"{url}?{urlencode(self.remote_params)}"
                                    if self.remote_params else url)
            attrs["data-search"] = "Gõ họ tên để tìm (không cần dấu)"
            if self.unit_field:
                attrs["data-unit-field"] = self.unit_field
            self._remote = True
        else:
            self._remote = False
        return super().get_context(name, value, attrs)

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        if not getattr(self, "_remote", False):
            return super().optgroups(name, value, attrs)
        field = self.choices.field  # type: ignore[attr-defined]
        chosen = [v for v in value if v not in ("", None)]
        options: list[tuple[Any, str]] = [] if field.empty_label is None else [
            ("", field.empty_label)]
        if chosen:
            for person in field.queryset.filter(pk__in=[v for v in chosen if str(v).isdigit()]):
                options.append((person.pk, field.label_from_instance(person)))
        groups = []
        for index, (option_value, label) in enumerate(options):
            selected = str(option_value) in {str(v) for v in chosen} or (
                option_value == "" and not chosen)
            groups.append((None, [self.create_option(name, option_value, label, selected, index,
                                                     attrs=attrs)], index))
        return groups


class PersonChoiceField(forms.ModelChoiceField):
    """A person picker showing the position and the unit (loaded with the person); searched on
    the server when its queryset is long (PersonSelect). `unit_field`: the name of the form's
    unit picker, whose unit the search starts on."""

    def __init__(self, *args: Any, unit_field: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("widget", PersonSelect(attrs=SEARCHABLE))
        super().__init__(*args, **kwargs)
        if isinstance(self.widget, PersonSelect):
            self.widget.unit_field = unit_field

    def _set_queryset(self, queryset: QuerySet[Person] | None) -> None:
        super()._set_queryset(None if queryset is None else queryset.select_related(  # type: ignore[misc]
            "unit", "unit__parent"))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)

    def search_in(self, source: str, **params: Any) -> None:
        """Search as one types among the registered source `source` (with `params`, e.g. the
        panel), not among every person the user sees: the suggestions equal the queryset."""
        if source not in _PERSON_SOURCES:
            raise ValueError(f"unknown person source {source!r}")
        if isinstance(self.widget, PersonSelect):
            self.widget.remote_params = {"nguon": source, **params}
