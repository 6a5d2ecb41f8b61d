"""Forms of the contest pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from thidua.accounts.access import filter_by_unit_scope
from thidua.org.models import Unit

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


class ContestForm(forms.Form):
    code = forms.SlugField(label="Mã cuộc thi (không dấu, ví dụ tim-hieu-cchc-2025)", max_length=60)
    title = forms.CharField(label="Tên cuộc thi", max_length=300)
    organiser = forms.ModelChoiceField(label="Đơn vị tổ chức", queryset=Unit.objects.none())
    description = forms.CharField(label="Thể lệ", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    questions_per_attempt = forms.IntegerField(label="Số câu hỏi mỗi lượt", min_value=1, max_value=200,
                                               initial=15)
    time_limit_minutes = forms.IntegerField(label="Thời gian mỗi lượt (phút)", min_value=1, max_value=600,
                                            initial=30)
    attempts_per_round = forms.IntegerField(label="Số lượt thi mỗi vòng cho mỗi người", min_value=1,
                                            max_value=50, initial=1)
    has_prediction = forms.BooleanField(label="Có câu hỏi dự đoán số bài trả lời đúng tất cả",
                                        required=False, initial=True)
    public_allowed = forms.BooleanField(label="Cho phép người dân tham gia", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organiser"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = filter_by_unit_scope(Unit.objects.filter(active_to__isnull=True), user,
                                              field="path", write=True).order_by("path")


class RoundForm(forms.Form):
    title = forms.CharField(label="Tên vòng (để trống: Vòng N)", max_length=200, required=False)
    opens_at = forms.DateTimeField(label="Mở lúc", input_formats=DATETIME_FORMATS,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                              format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label="Đóng lúc", input_formats=DATETIME_FORMATS,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                               format="%Y-%m-%dT%H:%M"))
    prize_first = forms.IntegerField(label="Số giải Nhất", min_value=0, max_value=100, initial=1)
    prize_second = forms.IntegerField(label="Số giải Nhì", min_value=0, max_value=100, initial=2)
    prize_third = forms.IntegerField(label="Số giải Ba", min_value=0, max_value=100, initial=3)
    prize_consolation = forms.IntegerField(label="Số giải Khuyến khích", min_value=0, max_value=500,
                                           initial=5)
    overlap_allowed = forms.BooleanField(
        label="Cho phép vòng này trùng thời gian với vòng khác của cuộc thi", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["opens_at"].initial = now
        self.fields["closes_at"].initial = now + timedelta(days=7)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "Thời điểm đóng phải sau thời điểm mở.")
        return data


class PublicEntryForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    commune = forms.CharField(label="Xã, phường nơi ở", max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError("Cần số điện thoại hoặc thư điện tử.")
        return data
