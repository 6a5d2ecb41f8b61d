"""Forms of judging: a judge seated on a panel by its organiser."""

from __future__ import annotations

from typing import Any

from django import forms

from thidua.core.pickers import PersonChoiceField
from thidua.org.models import Person


class JudgeAddForm(forms.Form):
    person = PersonChoiceField(label="Cán bộ làm giám khảo", queryset=Person.objects.none(),
                               empty_label="— chọn cán bộ —")

    def __init__(self, *args: Any, people: Any, panel: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people  # type: ignore[attr-defined]
        # A long list is searched on the server among the same people (judging.selectors
        # .judge_candidates_source), not among everyone the organiser sees.
        field.search_in("giam-khao", hoi_dong=panel.pk)  # type: ignore[attr-defined]
