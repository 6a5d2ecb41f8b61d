"""Forms of the campaign pages: the plan editor (a header form and one formset per part of the
plan, rows added and removed inline), launch, copy, events, the unit's plan and registration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from django import forms
from django.forms import formset_factory

from thidua.accounts.access import filter_by_unit_scope
from thidua.campaigns.models import (
    AwardFormType,
    AwardScope,
    CampaignKind,
    DocType,
    MilestoneBound,
    MilestoneTiming,
    QuotaBasis,
    Subject,
)
from thidua.campaigns.selectors import EVENT_LABELS, REMINDER_DAYS_KEY, reminder_days_problem
from thidua.core.pickers import UnitChoiceField
from thidua.core.uploads import check_upload
from thidua.org.models import Unit, UnitCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SMALL = {"class": "small"}


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in UnitCategory.objects.order_by("code")]


def writable_units(user: Any) -> Any:
    return filter_by_unit_scope(Unit.objects.filter(active_to__isnull=True), user,
                                field="path", write=True).order_by("path")


class PlanHeaderForm(forms.Form):
    """The plan's header and single-valued parts."""

    issuer = UnitChoiceField(label="Đơn vị ban hành", queryset=Unit.objects.none(),
                                    required=False)
    code = forms.SlugField(label="Mã phong trào", max_length=60,
                           help_text="Chữ không dấu, số và dấu gạch ngang, ví dụ KG-CCHC-2026.")
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    kind = forms.ChoiceField(label="Loại phong trào", choices=CampaignKind.choices)
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    theme = forms.CharField(label="Chủ đề thi đua", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    parent_body = forms.CharField(label="Cơ quan chủ quản", required=False, max_length=255)
    issuing_body = forms.CharField(label="Cơ quan ban hành (in hoa)", max_length=255)
    number_symbol = forms.CharField(label="Số, ký hiệu", required=False, max_length=60,
                                    help_text="Ví dụ 39/KH-UBND; để trống khi chưa cấp số.")
    place = forms.CharField(label="Địa danh", required=False, max_length=120)
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DATE)
    period_start = forms.DateField(label="Thời gian thi đua từ ngày", widget=DATE)
    period_end = forms.DateField(label="đến ngày", widget=DATE)
    period_text = forms.CharField(label="Thời gian thi đua (như in trong kế hoạch)",
                                  required=False, widget=forms.Textarea(attrs={"rows": 2}))
    enacting_text = forms.CharField(label="Câu ban hành", required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    collective_text = forms.CharField(label="Đối tượng thi đua: tập thể", required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    collective_categories = forms.MultipleChoiceField(
        label="Khối đơn vị thi đua", required=False, widget=forms.CheckboxSelectMultiple)
    individual_text = forms.CharField(label="Đối tượng thi đua: cá nhân", required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    signature_authority = forms.CharField(label="Thẩm quyền ký (TM., KT. …)", required=False)
    signature_title = forms.CharField(label="Chức vụ người ký", required=False)
    signer = forms.CharField(label="Họ tên người ký", required=False)
    recipients = forms.CharField(label="Nơi nhận (mỗi dòng một nơi)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    parameters = forms.CharField(
        label="Tham số của tiêu chuẩn (YAML)", required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "mono"}),
        help_text="Ví dụ: ngưỡng điểm CCHC xuất sắc: 90")
    # The plan's edit version when the page was read (see Campaign.edit_version).
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    reason = forms.CharField(label="Lý do sửa đổi, bổ sung", required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    effective_on = forms.DateField(label="Áp dụng từ ngày", required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, creating: bool, amending: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["collective_categories"].choices = category_choices()  # type: ignore[attr-defined]
        issuer = self.fields["issuer"]
        assert isinstance(issuer, forms.ModelChoiceField)
        if creating:
            issuer.queryset = writable_units(user)
            issuer.required = True
        else:
            del self.fields["issuer"]
        if not amending:
            del self.fields["reason"]
            del self.fields["effective_on"]
        else:
            self.fields["reason"].required = True
            self.fields["effective_on"].required = True

    def clean_parameters(self) -> dict[str, Any]:
        text = self.cleaned_data.get("parameters") or ""
        if not text.strip():
            return {}
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise forms.ValidationError("Tham số không đúng cú pháp YAML.") from exc
        if not isinstance(value, dict):
            raise forms.ValidationError("Tham số phải là danh sách “tên: giá trị”.")
        if REMINDER_DAYS_KEY in value and (problem := reminder_days_problem(
                value[REMINDER_DAYS_KEY])):
            raise forms.ValidationError(problem)
        return value


class RowForm(forms.Form):
    """Common to every row: its id (kept across edits) and the clause it comes from."""

    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    clause = forms.CharField(label="Điều khoản", required=False, max_length=60,
                             widget=forms.TextInput(attrs={"size": 10}))
    columns: tuple[str, ...] = ()

    def row(self) -> dict[str, Any]:
        """The plan row the form stands for (without the keys it does not edit)."""
        data = {name: self.cleaned_data.get(name) for name in self.columns}
        data["clause"] = self.cleaned_data.get("clause") or ""
        return data


TEXT = forms.Textarea(attrs={"rows": 2})


class TextRowForm(RowForm):
    text = forms.CharField(label="Nội dung", widget=TEXT)
    columns = ("text",)


class ContentRowForm(RowForm):
    title = forms.CharField(label="Tiêu đề", required=False)
    text = forms.CharField(label="Nội dung", required=False, widget=TEXT)
    columns = ("title", "text")


class ResponsibilityRowForm(RowForm):
    party = forms.CharField(label="Cơ quan, đơn vị", required=False)
    text = forms.CharField(label="Nhiệm vụ", widget=TEXT)
    cascade = forms.BooleanField(label="Ban hành kế hoạch riêng", required=False)
    columns = ("party", "text", "cascade")


class CriterionRowForm(RowForm):
    subject = forms.ChoiceField(label="Đối tượng", choices=[
        (Subject.COLLECTIVE, "Tập thể"), (Subject.INDIVIDUAL, "Cá nhân")])
    letter = forms.CharField(label="Ký hiệu", max_length=8, widget=forms.TextInput(attrs={"size": 3}))
    text = forms.CharField(label="Nội dung", widget=TEXT)
    columns = ("subject", "letter", "text")


class AwardFormRowForm(RowForm):
    code = forms.CharField(label="Mã", max_length=60, widget=forms.TextInput(attrs={"size": 12}))
    catalogue = forms.ChoiceField(label="Loại trong danh mục")
    name = forms.CharField(label="Tên trong kế hoạch")
    subject = forms.ChoiceField(label="Đối tượng", choices=Subject.choices)
    scope = forms.ChoiceField(label="Phạm vi", choices=AwardScope.choices)
    columns = ("code", "catalogue", "name", "subject", "scope")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].choices = [  # type: ignore[attr-defined]
            (t.code, t.name) for t in AwardFormType.objects.order_by("position")]


class StandardRowForm(RowForm):
    code = forms.CharField(label="Mã", max_length=60, widget=forms.TextInput(attrs={"size": 12}))
    award_form = forms.CharField(label="Mã hình thức", max_length=60,
                                 widget=forms.TextInput(attrs={"size": 12,
                                                               "list": "award-form-codes"}))
    subject = forms.ChoiceField(label="Đối tượng", choices=Subject.choices)
    scope = forms.ChoiceField(label="Phạm vi", choices=AwardScope.choices)
    categories = forms.MultipleChoiceField(label="Áp dụng cho khối", required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 3}))
    text = forms.CharField(label="Nội dung (nguyên văn)", required=False, widget=TEXT)
    rule_text = forms.CharField(label="Quy tắc", required=False,
                                widget=forms.Textarea(attrs={"rows": 2, "class": "mono"}))
    columns = ("code", "award_form", "subject", "scope", "categories", "text", "rule_text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = category_choices()  # type: ignore[attr-defined]


class QuotaRowForm(RowForm):
    award_form = forms.CharField(label="Mã hình thức", max_length=60,
                                 widget=forms.TextInput(attrs={"size": 12,
                                                               "list": "award-form-codes"}))
    category = forms.ChoiceField(label="Khối", required=False)
    basis = forms.ChoiceField(label="Cách tính", choices=QuotaBasis.choices)
    value = forms.DecimalField(label="Số lượng, tỷ lệ", required=False, max_digits=8,
                               decimal_places=2, widget=forms.NumberInput(attrs={"size": 5}))
    determined_by = forms.CharField(label="Cấp quy định", required=False)
    text = forms.CharField(label="Nguyên văn", required=False, widget=TEXT)
    columns = ("award_form", "category", "text")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "— tất cả —"), *category_choices()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        basis = data.get("basis")
        if basis in {"count", "total", "percent", "per_collective"} and data.get("value") is None:
            self.add_error("value", "Hãy nhập số lượng hoặc tỷ lệ.")
        if basis == "determined_by" and not data.get("determined_by"):
            self.add_error("determined_by", "Hãy ghi cấp quy định số lượng.")
        return data

    def row(self) -> dict[str, Any]:
        data = super().row()
        data["category"] = data.get("category") or None
        basis = self.cleaned_data.get("basis")
        value = self.cleaned_data.get("value")
        if basis == "all_qualifying":
            data[basis] = True
        elif basis == "determined_by":
            data[basis] = self.cleaned_data.get("determined_by")
        elif basis:
            data[basis] = int(value) if value is not None and value == int(value) else (
                float(value) if value is not None else None)
        return data


class MilestoneRowForm(RowForm):
    code = forms.SlugField(label="Mã", max_length=60, widget=forms.TextInput(attrs={"size": 12}),
                           help_text="“registration” là hạn đăng ký thi đua.")
    label = forms.CharField(label="Tên mốc", max_length=255)
    timing = forms.ChoiceField(label="Cách xác định", choices=MilestoneTiming.choices)
    bound = forms.ChoiceField(label="Giới hạn", required=False,
                              choices=[("", "—"), *MilestoneBound.choices])
    date = forms.DateField(label="Ngày", required=False, widget=DATE)
    window_start = forms.DateField(label="Từ ngày", required=False, widget=DATE)
    window_end = forms.DateField(label="Đến ngày", required=False, widget=DATE)
    event = forms.ChoiceField(label="Sự kiện", required=False,
                              choices=[("", "—"), *EVENT_LABELS.items()])
    event_year = forms.CharField(label="Năm", required=False, max_length=8,
                                 widget=forms.TextInput(attrs={"size": 5}),
                                 help_text="Một năm, hoặc “each” (mỗi năm).")
    days = forms.IntegerField(label="Sau (ngày)", required=False,
                              widget=forms.NumberInput(attrs={"size": 4}))
    text = forms.CharField(label="Nguyên văn", required=False, widget=TEXT)
    columns = ("code", "label", "text")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        timing = data.get("timing")
        if timing == "date" and not data.get("date"):
            self.add_error("date", "Hãy nhập ngày.")
        if timing == "window":
            if not data.get("window_start"):
                self.add_error("window_start", "Hãy nhập ngày bắt đầu.")
            if not data.get("window_end"):
                self.add_error("window_end", "Hãy nhập ngày kết thúc.")
            if data.get("window_start") and data.get("window_end") and \
                    data["window_start"] > data["window_end"]:
                self.add_error("window_end", "Ngày kết thúc phải sau ngày bắt đầu.")
        if timing == "relative" and not data.get("event"):
            self.add_error("event", "Hãy chọn sự kiện.")
        year = (data.get("event_year") or "").strip()
        if year and year != "each" and not year.isdigit():
            self.add_error("event_year", "Năm phải là số (ví dụ 2025) hoặc “each”.")
        return data

    def row(self) -> dict[str, Any]:
        data = super().row()
        data["bound"] = self.cleaned_data.get("bound") or None
        timing = self.cleaned_data.get("timing")
        for key in ("date", "window", "relative", "recurring"):
            data[key] = None
        if timing == "date":
            data["date"] = self.cleaned_data.get("date")
        elif timing == "window":
            data["window"] = {"start": self.cleaned_data.get("window_start"),
                              "end": self.cleaned_data.get("window_end")}
        elif timing == "relative":
            relative: dict[str, Any] = {"event": self.cleaned_data.get("event"),
                                        "days": self.cleaned_data.get("days") or 0}
            year = (self.cleaned_data.get("event_year") or "").strip()
            if year:
                relative["year"] = int(year) if year.isdigit() else year
            data["relative"] = relative
        return data


class DossierRowForm(RowForm):
    code = forms.CharField(label="Mã", max_length=60, widget=forms.TextInput(attrs={"size": 12}))
    label = forms.CharField(label="Tên thành phần", max_length=255)
    copies = forms.IntegerField(label="Số bản", required=False, min_value=1,
                                widget=forms.NumberInput(attrs={"size": 3}))
    form = forms.CharField(label="Mẫu", required=False, max_length=255)
    text = forms.CharField(label="Nguyên văn", required=False, widget=TEXT)
    columns = ("code", "label", "copies", "form", "text")


# section key, label, row form: the order of the editor page
SECTIONS: tuple[tuple[str, str, type[RowForm]], ...] = (
    ("legal_bases", "Căn cứ", TextRowForm),
    ("purposes", "Mục đích", TextRowForm),
    ("requirements", "Yêu cầu", TextRowForm),
    ("contents", "Nội dung thi đua", ContentRowForm),
    ("criteria", "Tiêu chí thi đua", CriterionRowForm),
    ("award_forms", "Hình thức khen thưởng", AwardFormRowForm),
    ("standards", "Tiêu chuẩn khen thưởng", StandardRowForm),
    ("quotas", "Số lượng khen thưởng", QuotaRowForm),
    ("milestones", "Mốc thời gian", MilestoneRowForm),
    ("dossier_components", "Thành phần hồ sơ", DossierRowForm),
    ("responsibilities", "Tổ chức thực hiện", ResponsibilityRowForm),
)
FORMSETS = {key: formset_factory(form, extra=0, can_delete=True) for key, _l, form in SECTIONS}


def row_initial(section: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A plan row as the initial data of its row form."""
    initial: dict[str, Any] = {k: v for k, v in row.items() if not isinstance(v, dict | list)
                               or k == "categories"}
    initial["row_id"] = row.get("_id")
    if section == "quotas":
        for basis in ("count", "total", "percent", "per_collective", "all_qualifying",
                      "determined_by"):
            if basis in row:
                initial["basis"] = basis
                if basis == "determined_by":
                    initial["determined_by"] = row[basis]
                elif basis != "all_qualifying":
                    initial["value"] = row[basis]
    if section == "milestones":
        if row.get("date"):
            initial["timing"] = "date"
        elif row.get("window"):
            initial.update(timing="window", window_start=row["window"].get("start"),
                           window_end=row["window"].get("end"))
        elif row.get("relative"):
            relative = row["relative"]
            initial.update(timing="relative", event=relative.get("event"),
                           event_year=str(relative.get("year") or ""),
                           days=relative.get("days"))
        else:
            initial["timing"] = "recurring"
    return initial


class LaunchForm(forms.Form):
    launched_on = forms.DateField(label="Ngày phát động", widget=DATE)
    cascade_due = forms.DateField(label="Hạn các đơn vị cấp dưới ban hành kế hoạch",
                                  required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("launched_on") and data.get("cascade_due") and \
                data["cascade_due"] < data["launched_on"]:
            self.add_error("cascade_due", "Hạn ban hành kế hoạch phải sau ngày phát động.")
        return data


class CopyForm(forms.Form):
    issuer = forms.ModelChoiceField(label="Đơn vị ban hành bản sao", queryset=Unit.objects.none())
    code = forms.SlugField(label="Mã phong trào mới", max_length=60)
    title = forms.CharField(label="Trích yếu", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["issuer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = writable_units(user)


class EventForm(forms.Form):
    event = forms.ChoiceField(label="Sự kiện", choices=list(EVENT_LABELS.items()))
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    occurred_on = forms.DateField(label="Ngày diễn ra", widget=DATE)
    note = forms.CharField(label="Ghi chú (văn bản công nhận …)", required=False, max_length=255)


class ReportPlanForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", required=False, max_length=60)
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DATE)
    file = forms.FileField(label="Tệp kế hoạch (PDF, Word)", required=False)
    child_campaign: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Hoặc kế hoạch đã soạn trên hệ thống", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        from thidua.campaigns.models import Campaign

        super().__init__(*args, **kwargs)
        field = self.fields["child_campaign"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Campaign.objects.filter(issuer=unit).order_by("-period_start")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            if upload.size > 20 * 1024 * 1024:
                raise forms.ValidationError("Tệp lớn hơn 20 MB.")
            check_upload(upload, (".pdf", ".doc", ".docx", ".odt"))
        return upload


class RegistrationForm(forms.Form):
    collective_target = forms.CharField(label="Tập thể đăng ký thi đua",
                                        widget=forms.Textarea(attrs={"rows": 2}))
    individual_target = forms.CharField(label="Nội dung đăng ký của cá nhân", required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))


class RegisteredPersonForm(forms.Form):
    person: forms.ModelChoiceField = forms.ModelChoiceField(label="Cá nhân",
                                                            queryset=Unit.objects.none())
    target = forms.CharField(label="Nội dung đăng ký riêng", required=False)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = people


PeopleFormSet = formset_factory(RegisteredPersonForm, extra=0, can_delete=True)


class ExceptionForm(forms.Form):
    valid_until = forms.DateField(label="Cho phép đăng ký đến hết ngày", widget=DATE)
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))


class AddUnitsForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label="Thêm đơn vị", queryset=Unit.objects.none(),
                                           widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args: Any, issuer: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (Unit.objects.filter(path__startswith=issuer.path, active_to__isnull=True)
                          .exclude(pk=issuer.pk).order_by("path"))
