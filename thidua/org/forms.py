"""Forms of the organisation pages."""

from typing import Any

from django import forms

from thidua.accounts.access import visible_units
from thidua.core.pickers import UnitChoiceField
from thidua.org.models import Gender


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên hoặc mã (không cần dấu)", required=False)
    don_vi: forms.ModelChoiceField = UnitChoiceField(label="Đơn vị", required=False, queryset=None,
                                    empty_label="Tất cả đơn vị")
    gioi_tinh = forms.ChoiceField(label="Giới tính", required=False,
                                  choices=[("", "Tất cả"), *Gender.choices])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["don_vi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = visible_units(user).filter(active_to__isnull=True).order_by("path")

    def cleaned_filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"query": data.get("q") or "", "unit": data.get("don_vi"),
                "gender": data.get("gioi_tinh") or ""}
