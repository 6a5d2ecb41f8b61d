"""Forms of the results pages: filters, imports, recognition, thresholds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.accounts.access import filter_by_unit_scope
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
    pham_vi = forms.ModelChoiceField(label="Cơ quan đánh giá / phạm vi", queryset=Unit.objects.none(),
                                     empty_label=None)
    nam = forms.IntegerField(label="Năm", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    file = forms.FileField(label="Tệp Excel (.xlsx) hoặc CSV", error_messages={
        "required": "Hãy chọn tệp để nhập."})
    thay_the = forms.BooleanField(
        label="Thay thế dữ liệu năm này (xoá toàn bộ dữ liệu cũ của năm trong phạm vi, có ghi "
              "nhật ký)", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pham_vi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = writable_scopes(user)
        self.fields["nam"].initial = default_year()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx hoặc .csv.")
        if upload.size > 30 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 30 MB.")
        return upload


class RecogniseForm(forms.ModelForm):
    class Meta:
        model = ResultRound
        fields = ["recognised_on", "decision_number", "published"]
        widgets = {"recognised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ThresholdsForm(forms.Form):
    pham_vi = forms.ModelChoiceField(label="Cơ quan ban hành ngưỡng", queryset=Unit.objects.none(),
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


LIST_FILTERS = [("", "Tất cả ứng viên"), ("du", "Đủ tiêu chuẩn"), ("chon", "Trong chỉ tiêu"),
                ("sat", "Sát nút (chỉ thiếu một điều kiện)"), ("khong", "Không đủ tiêu chuẩn")]


class EligibilityForm(forms.Form):
    """What to evaluate (phase or a year), how to filter the list, and an optional what-if."""

    che_do = forms.ChoiceField(label="Xét", required=False, choices=[])
    tieu_chuan = forms.ChoiceField(label="Tiêu chuẩn", required=False, choices=[])
    loc = forms.ChoiceField(label="Hiển thị", required=False, choices=LIST_FILTERS)
    khoi = forms.CharField(label="Khối", required=False, max_length=60)
    q = forms.CharField(label="Tìm mã, tên (không cần dấu)", required=False, max_length=120)
    dang_ky = forms.ChoiceField(label="Đăng ký thi đua", required=False, choices=[
        ("", "Theo danh sách đã đăng ký"), ("tat-ca", "Giả định mọi đơn vị, cá nhân đã đăng ký")])
    gd_tieu_chuan = forms.ChoiceField(label="Giả định cho tiêu chuẩn", required=False, choices=[])
    gd_dieu_kien = forms.CharField(label="Điều kiện số (vd. 3 hoặc 2.1)", required=False,
                                   max_length=20)
    gd_gia_tri = forms.CharField(label="Ngưỡng mới (vd. 2, 85, khá)", required=False,
                                 max_length=40)
    gd_chi_tieu = forms.CharField(label="Chỉ tiêu mới (vd. xa=4, so-nganh=3, tong=8)",
                                  required=False, max_length=200)

    def __init__(self, *args: Any, codes: list[str], years: list[int], has_phase: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        modes = ([("giai-doan", "Giai đoạn (tổng kết)")] if has_phase else []) + [
            (f"nam-{y}", f"Năm {y}") for y in years]
        self._set("che_do", modes)
        self._set("tieu_chuan", [("", "Tất cả tiêu chuẩn"), *[(c, c) for c in codes]])
        self._set("gd_tieu_chuan", [("", "—"), *[(c, c) for c in codes]])

    def _set(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_gd_chi_tieu(self) -> dict[str, int | float]:
        raw = self.cleaned_data.get("gd_chi_tieu") or ""
        out: dict[str, int | float] = {}
        for part in raw.replace(";", ",").split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            key, value = key.strip().lower(), value.strip().replace(",", ".")
            if not sep or not key or not value:
                raise forms.ValidationError(f'"{part.strip()}" phải có dạng khối=số, vd. xa=4')
            name = {"tong": "total", "tổng": "total", "moi-don-vi": "per_unit",
                    "mỗi-đơn-vị": "per_unit"}.get(key, key.replace("-", "_"))
            try:
                out[name] = float(value.rstrip("%")) if value.endswith("%") else int(value)
            except ValueError:
                raise forms.ValidationError(f'"{value}" không phải là số') from None
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changes = bool(data.get("gd_dieu_kien") or data.get("gd_chi_tieu"))
        if changes and not data.get("gd_tieu_chuan"):
            self.add_error("gd_tieu_chuan", "Hãy chọn tiêu chuẩn cần giả định.")
        if bool(data.get("gd_dieu_kien")) != bool(data.get("gd_gia_tri")):
            self.add_error("gd_gia_tri", "Cần cả số điều kiện và ngưỡng mới.")
        return data
