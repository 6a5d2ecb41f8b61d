"""Forms of the scoring pages (the score grids are read by views._decimal, row by row)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from thidua.accounts.access import filter_by_unit_scope
from thidua.org.models import Unit, UnitCategory
from thidua.scoring.models import CriteriaSet, Criterion, Field, Source


class CriteriaImportForm(forms.Form):
    don_vi = forms.ModelChoiceField(label="Cơ quan đánh giá", queryset=Unit.objects.none())
    nam = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)
    khoi = forms.ModelChoiceField(label="Khối đơn vị", queryset=UnitCategory.objects.all())
    ten = forms.CharField(label="Tên bộ tiêu chí", max_length=255)
    so_quyet_dinh = forms.CharField(label="Số quyết định ban hành", max_length=80, required=False)
    ngay_ban_hanh = forms.DateField(label="Ngày ban hành",
                                    widget=forms.DateInput(attrs={"type": "date"}))
    tep = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = filter_by_unit_scope(Unit.objects.all(), user, field="path", write=True)
        field = self.fields["don_vi"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units.filter(depth__lte=1).order_by("path")


class CopyForm(forms.Form):
    nam = forms.IntegerField(label="Năm áp dụng", min_value=2000, max_value=2100)
    ngay_ban_hanh = forms.DateField(label="Ngày ban hành",
                                    widget=forms.DateInput(attrs={"type": "date"}))
    so_quyet_dinh = forms.CharField(label="Số quyết định", max_length=80, required=False)


class OpenForm(forms.Form):
    han_nop = forms.DateTimeField(label="Hạn nộp bản tự chấm",
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class PublishForm(forms.Form):
    ngay = forms.DateField(label="Ngày quyết định công bố",
                           widget=forms.DateInput(attrs={"type": "date"}))
    so_quyet_dinh = forms.CharField(label="Số quyết định công bố", max_length=80)


class FileForm(forms.Form):
    tep = forms.FileField(label="Tệp Excel (.xlsx) theo mẫu")


class ExtendForm(forms.Form):
    den = forms.DateTimeField(label="Gia hạn nộp đến",
                              widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))


class AppraisalBodyForm(forms.Form):
    co_quan = forms.ModelChoiceField(label="Cơ quan thẩm định", queryset=Unit.objects.none())
    linh_vuc = forms.ModelMultipleChoiceField(
        label="Lĩnh vực được giao (bỏ chọn hết để bỏ cơ quan khỏi đoàn)", required=False,
        queryset=Field.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, criteria_set: CriteriaSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["co_quan"]
        fields = self.fields["linh_vuc"]
        assert isinstance(body, forms.ModelChoiceField)
        assert isinstance(fields, forms.ModelMultipleChoiceField)
        body.queryset = Unit.objects.filter(
            path__startswith=criteria_set.evaluator.path, depth=criteria_set.evaluator.depth + 1,
        ).exclude(category=criteria_set.category).order_by("sort_key")
        fields.queryset = criteria_set.fields.order_by("order")


class SubCriterionForm(forms.Form):
    """A draft's sub-criterion, amended (``tieu_chi_tp`` names it) or added (``tieu_chi``, ``ma``)."""

    noi_dung = forms.CharField(label="Nội dung tiêu chí thành phần", max_length=1000)
    diem_toi_da = forms.DecimalField(label="Điểm tối đa", max_digits=6, decimal_places=2,
                                     min_value=Decimal("0.01"))
    huong_dan = forms.CharField(label="Hướng dẫn chấm", required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
    kiem_chung = forms.BooleanField(label="Phải có tài liệu kiểm chứng", required=False)
    nguon = forms.ChoiceField(label="Nguồn điểm", choices=Source.choices)

    def __init__(self, *args: Any, criteria_set: CriteriaSet, adding: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria_set = criteria_set
        if adding:
            self.fields["tieu_chi"] = forms.ModelChoiceField(
                label="Thuộc tiêu chí", queryset=Criterion.objects.filter(
                    field__criteria_set=criteria_set).order_by("field__order", "order"))
            self.fields["ma"] = forms.CharField(label="Mã tiêu chí thành phần", max_length=20)
            self.order_fields(["tieu_chi", "ma"])
        else:
            self.fields["tieu_chi_tp"] = forms.ModelChoiceField(
                label="Tiêu chí thành phần", queryset=criteria_set.sub_criteria.all(),
                widget=forms.HiddenInput)
