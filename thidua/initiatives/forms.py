"""Forms of the initiative pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from thidua.accounts.access import filter_by_unit_scope, visible_units
from thidua.core.pickers import PersonChoiceField, UnitChoiceField
from thidua.initiatives.models import (
    MAX_APPLICABILITY,
    MAX_EFFECTIVENESS,
    MAX_NOVELTY,
    CchcField,
    Level,
    Status,
)
from thidua.org.models import Person, Unit


def submit_units(user: Any) -> Any:
    """Units the user may submit for: managed units, or the staff member's own unit."""
    qs = filter_by_unit_scope(Unit.objects.all(), user, field="path", write=True)
    person = getattr(user, "person", None)
    if person is not None and person.unit_id:
        qs = Unit.objects.filter(pk__in=qs.values("pk")) | Unit.objects.filter(pk=person.unit_id)
    return qs.filter(active_to__isnull=True).order_by("path")


def author_people(user: Any) -> Any:
    """People who may be named as authors: those in managed units and the staff member's unit."""
    qs = filter_by_unit_scope(Person.objects.all(), user, field="unit__path", write=True)
    person = getattr(user, "person", None)
    if person is not None and person.unit_id:
        qs = Person.objects.filter(pk__in=qs.values("pk")) | Person.objects.filter(unit_id=person.unit_id)
    return qs.select_related("unit").order_by("sort_key", "id")


class InitiativeForm(forms.Form):
    title = forms.CharField(label="Tên sáng kiến, mô hình, giải pháp", max_length=300)
    unit = UnitChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    field = forms.ChoiceField(label="Lĩnh vực CCHC", choices=CchcField.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    description = forms.CharField(label="Nội dung, mô tả giải pháp", widget=forms.Textarea(attrs={"rows": 5}))
    effect = forms.CharField(label="Hiệu quả mang lại", widget=forms.Textarea(attrs={"rows": 3}))
    scope = forms.CharField(label="Phạm vi áp dụng", widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label="Tệp đính kèm (không bắt buộc)", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = submit_units(user)
        person = getattr(user, "person", None)
        if person is not None and person.unit_id:
            self.initial.setdefault("unit", person.unit_id)
        else:  # an officer without a person record: the unit their role is held over
            own = unit_field.queryset.order_by("depth", "path").values_list("pk", flat=True)[:1]
            if own:
                self.initial.setdefault("unit", own[0])
        self.initial.setdefault("year", timezone.localdate().year)


class AuthorForm(forms.Form):
    person = PersonChoiceField(label="Tác giả", queryset=Person.objects.none(), required=False,
                               unit_field="unit")  # the initiative's unit (InitiativeForm)
    share = forms.DecimalField(label="Tỷ lệ đóng góp (%)", min_value=Decimal(0), max_value=Decimal(100),
                               decimal_places=2, required=False)

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field = self.fields["person"]
        assert isinstance(person_field, forms.ModelChoiceField)
        if people is not None:
            person_field.queryset = people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") and data.get("share") is None:
            self.add_error("share", "Nhập tỷ lệ đóng góp của tác giả.")
        return data


AuthorFormSet = forms.formset_factory(AuthorForm, extra=0, min_num=4, max_num=10)


class FilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên (không cần dấu)", required=False)
    trang_thai = forms.ChoiceField(label="Trạng thái", required=False,
                                   choices=[("", "Tất cả"), *Status.choices])
    linh_vuc = forms.ChoiceField(label="Lĩnh vực", required=False,
                                 choices=[("", "Tất cả"), *CchcField.choices])
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    cap = forms.ChoiceField(label="Cấp công nhận", required=False, choices=[("", "Tất cả"), *Level.choices])
    don_vi = UnitChoiceField(label="Đơn vị", required=False, queryset=Unit.objects.none(),
                                    empty_label="Tất cả đơn vị")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["don_vi"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = visible_units(user).filter(active_to__isnull=True).order_by("path")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"query": d.get("q") or "", "status": d.get("trang_thai") or "",
                "field": d.get("linh_vuc") or "", "year": d.get("nam"), "level": d.get("cap") or "",
                "unit": d.get("don_vi")}


class ScoreForm(forms.Form):
    novelty = forms.IntegerField(label=f"Tính mới (0–{MAX_NOVELTY})", min_value=0, max_value=MAX_NOVELTY)
    effectiveness = forms.IntegerField(label=f"Tính hiệu quả (0–{MAX_EFFECTIVENESS})", min_value=0,
                                       max_value=MAX_EFFECTIVENESS)
    applicability = forms.IntegerField(label=f"Khả năng áp dụng, nhân rộng (0–{MAX_APPLICABILITY})",
                                       min_value=0, max_value=MAX_APPLICABILITY)
    comment = forms.CharField(label="Nhận xét", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecogniseForm(forms.Form):
    level = forms.ChoiceField(label="Cấp công nhận", choices=Level.choices)
    decision_number = forms.CharField(label="Số quyết định", max_length=60)
    decision_date = forms.DateField(label="Ngày quyết định", input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    decision_body = forms.CharField(label="Cơ quan công nhận", max_length=200, required=False)
    applied = forms.BooleanField(label="Đã được áp dụng trong thực tế", required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label="Lý do không công nhận", max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Tệp đính kèm")
