"""Forms of the results pages: filters, imports, recognition, thresholds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.accounts.access import filter_by_unit_scope
from thidua.core.pickers import UnitChoiceField
from thidua.core.uploads import check_upload
from thidua.org.models import Unit, UnitCategory
from thidua.results.models import FIRST_YEAR, LAST_YEAR, Classification, ResultRound

SORT_CHOICES = [
    ("hang", "Khối, thứ hạng"),
    ("diem", "Điểm cao → thấp"),
    ("diem-tang", "Điểm thấp → cao"),
    ("ten", "Tên đơn vị (A → Z)"),
    ("ma", "Mã đơn vị"),
    ("bien-dong", "Biến động thứ hạng"),
]


def default_year() -> int:
    return timezone.localdate().year - 1


def writable_scopes(user: Any) -> QuerySet[Unit]:
    """Units a user may import for: high-level units of their write scope, and the units they
    hold a role on (a commune officer gets their commune)."""
    qs = filter_by_unit_scope(Unit.objects.all(), user, field="path", write=True)
    own = user.role_assignments.values("unit_id") if user.is_authenticated else []
    return qs.filter(Q(depth__lte=1) | Q(pk__in=own)).order_by("path")


class ResultFilterForm(forms.Form):
    nam = forms.TypedChoiceField(label="Năm", coerce=int, choices=[])
    khoi = forms.ChoiceField(label="Khối", required=False, choices=[])
    xep_loai = forms.ChoiceField(label="Xếp loại", required=False,
                                 choices=[("", "Tất cả"), *Classification.choices])
    q = forms.CharField(label="Tìm đơn vị (không cần dấu)", required=False)
    sap_xep = forms.ChoiceField(label="Sắp xếp", required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["nam"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [(y, str(y)) for y in years] or [(default_year(), str(default_year()))]
        khoi = self.fields["khoi"]
        assert isinstance(khoi, forms.ChoiceField)
        khoi.choices = [("", "Tất cả các khối"),
                        *UnitCategory.objects.order_by("code").values_list("code", "name")]


class MovementFilterForm(forms.Form):
    nam = forms.TypedChoiceField(label="Năm", coerce=int, choices=[])
    khoi = forms.ChoiceField(label="Khối", required=False, choices=[])
    huong = forms.ChoiceField(label="Chiều", required=False, choices=[
        ("", "Tăng và giảm"), ("len", "Tăng hạng"), ("xuong", "Giảm hạng")])

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["nam"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [(y, str(y)) for y in years] or [(default_year(), str(default_year()))]
        khoi = self.fields["khoi"]
        assert isinstance(khoi, forms.ChoiceField)
        khoi.choices = [("", "Tất cả các khối"),
                        *UnitCategory.objects.order_by("code").values_list("code", "name")]


class ImportForm(forms.Form):
    pham_vi = UnitChoiceField(label="Cơ quan đánh giá / phạm vi", queryset=Unit.objects.none(),
                                     empty_label=None)
    nam = forms.IntegerField(label="Năm", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    file = forms.FileField(label="Tệp Excel (.xlsx) hoặc CSV", error_messages={
        "required": "Hãy chọn tệp để nhập."})
    thay_the = forms.BooleanField(
        label="Thay thế dữ liệu năm này (xoá các dòng cũ của năm trong phạm vi không có trong "
              "tệp, có ghi nhật ký)", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pham_vi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = writable_scopes(user)
        self.fields["nam"].initial = default_year()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 30 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 30 MB.")
        check_upload(upload, (".xlsx", ".csv"))
        return upload


class RecogniseForm(forms.ModelForm):
    class Meta:
        model = ResultRound
        fields = ["recognised_on", "decision_number", "published"]
        widgets = {"recognised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ThresholdsForm(forms.Form):
    pham_vi = UnitChoiceField(label="Cơ quan ban hành ngưỡng", queryset=Unit.objects.none(),
                                     required=False, empty_label="Mọi đơn vị (ngưỡng chung)")
    valid_from = forms.DateField(label="Áp dụng từ ngày",
                                 widget=forms.DateInput(attrs={"type": "date"}))
    excellent_min = forms.DecimalField(label="Xuất sắc từ (điểm)", min_value=0, max_value=100,
                                       decimal_places=2)
    good_min = forms.DecimalField(label="Tốt từ", min_value=0, max_value=100, decimal_places=2)
    fair_min = forms.DecimalField(label="Khá từ", min_value=0, max_value=100, decimal_places=2)
    average_min = forms.DecimalField(label="Trung bình từ", min_value=0, max_value=100,
                                     decimal_places=2)
    legal_basis = forms.CharField(label="Căn cứ", required=False, max_length=255)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pham_vi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = writable_scopes(user).filter(depth__lte=1)
