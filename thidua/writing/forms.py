"""Forms of the writing contest: the new contest with its panel (rubric and rounds a line each),
the entry (with co-authors), the publication of results, a judge seated on the panel."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from thidua.core.pickers import UnitChoiceField
from thidua.judging.models import Method
from thidua.org.models import Person, Unit
from thidua.writing.models import Topic, WritingContest
from thidua.writing.services import CriterionSpec, StageSpec


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class EntryForm(forms.Form):
    topic: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Chủ đề", queryset=Topic.objects.none(), empty_label=None)
    title = forms.CharField(label="Tên bài viết", max_length=300)
    text = forms.CharField(label="Nội dung bài viết", widget=forms.Textarea(attrs={"rows": 18}))
    attachments = MultipleFileField(label="Tệp đính kèm (PDF, Word, ảnh; tối đa 5 tệp, mỗi tệp 10 MB)",
                              required=False)

    def __init__(self, *args: Any, contest: WritingContest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = contest.topics.all()  # type: ignore[attr-defined]


class CoAuthorForm(forms.Form):
    person = forms.ModelChoiceField(label="Đồng tác giả", queryset=Person.objects.none(), required=False)
    share = forms.DecimalField(label="Tỷ lệ đóng góp (%)", min_value=Decimal(1), max_value=Decimal(99),
                               decimal_places=2, required=False)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") and not data.get("share"):
            self.add_error("share", "Hãy nhập tỷ lệ đóng góp của đồng tác giả.")
        if data.get("share") and not data.get("person"):
            self.add_error("person", "Hãy chọn đồng tác giả.")
        return data


CoAuthorFormSet = forms.formset_factory(CoAuthorForm, extra=2, max_num=5)


class PublishForm(forms.Form):
    decision_number = forms.CharField(label="Số quyết định trao giải", max_length=60)
    decision_date = forms.DateField(label="Ngày quyết định", widget=forms.DateInput(attrs={"type": "date"}))
    signer_title = forms.CharField(label="Chức vụ người ký (ví dụ: Giám đốc)", max_length=100)
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=100)


def _number(text: str, where: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise forms.ValidationError(f"{where}: {what} “{text.strip()}” không phải là số.") from exc
    if not value.is_finite():
        raise forms.ValidationError(f"{where}: {what} “{text.strip()}” không phải là số.")
    return value


def parse_criteria(text: str) -> list[CriterionSpec]:
    """One criterion a line: 'name | low-high | weight' (the weight may be left out: 1).

    Errors name the line: 'Dòng 2 (tiêu chí chấm): …'."""
    specs: list[CriterionSpec] = []
    names: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"Dòng {number} (tiêu chí chấm)"
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0]:
            raise forms.ValidationError(f"{where}: hãy ghi theo mẫu “Tên tiêu chí | 0-40 | 1” "
                                        "(tên, khoảng điểm, hệ số).")
        name = parts[0]
        if name.casefold() in names:
            raise forms.ValidationError(f"{where}: tiêu chí “{name}” bị ghi hai lần.")
        names.add(name.casefold())
        bounds = parts[1].replace("–", "-").split("-")
        if len(bounds) != 2:
            raise forms.ValidationError(f"{where}: khoảng điểm phải ghi dạng “thấp nhất-cao nhất”, "
                                        "ví dụ 0-40.")
        low = _number(bounds[0], where, "điểm thấp nhất")
        high = _number(bounds[1], where, "điểm cao nhất")
        if low < 0 or high <= low:
            raise forms.ValidationError(f"{where}: điểm cao nhất phải lớn hơn điểm thấp nhất, "
                                        "và điểm không được âm.")
        if high >= 10000:
            raise forms.ValidationError(f"{where}: điểm cao nhất phải nhỏ hơn 10000.")
        weight = _number(parts[2], where, "hệ số") if len(parts) == 3 and parts[2] else Decimal(1)
        if weight <= 0 or weight >= 1000:
            raise forms.ValidationError(f"{where}: hệ số phải lớn hơn 0 và nhỏ hơn 1000.")
        if len(name) > 200:
            raise forms.ValidationError(f"{where}: tên tiêu chí dài quá 200 ký tự.")
        specs.append(CriterionSpec(name, high, weight, low))
    if not specs:
        raise forms.ValidationError("Hãy nhập ít nhất một tiêu chí chấm.")
    return specs


def parse_stages(text: str) -> list[StageSpec]:
    """One round a line: 'name | what advances' — a share ('50%') or a number of entries ('10');
    the last round has no second part."""
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), start=1) if ln.strip()]
    if not lines:
        raise forms.ValidationError("Hãy nhập ít nhất một vòng chấm.")
    specs: list[StageSpec] = []
    for i, (number, line) in enumerate(lines, start=1):
        where = f"Dòng {number} (vòng chấm)"
        parts = [p.strip() for p in line.split("|")]
        if len(parts) > 2 or not parts[0] or len(parts[0]) > 100:
            raise forms.ValidationError(f"{where}: hãy ghi theo mẫu “Sơ khảo | 50%” hoặc “Sơ khảo | 10”.")
        last = i == len(lines)
        rule = parts[1] if len(parts) == 2 else ""
        if last:
            if rule:
                raise forms.ValidationError(f"{where}: vòng cuối không có bài vào vòng sau; hãy bỏ phần "
                                            "sau dấu “|”.")
            specs.append(StageSpec(parts[0]))
            continue
        if not rule:
            raise forms.ValidationError(f"{where}: hãy ghi số bài hoặc tỷ lệ bài vào vòng sau, ví dụ "
                                        "“Sơ khảo | 50%”.")
        if rule.endswith("%"):
            share = _number(rule[:-1], where, "tỷ lệ")
            if not 0 < share <= 100:
                raise forms.ValidationError(f"{where}: tỷ lệ bài vào vòng sau phải từ trên 0% đến 100%.")
            specs.append(StageSpec(parts[0], advance_share=share))
        else:
            if not rule.isdigit() or not 0 < int(rule) < 30000:
                raise forms.ValidationError(f"{where}: số bài vào vòng sau phải là số nguyên dương.")
            specs.append(StageSpec(parts[0], advance_count=int(rule)))
    return specs


DEFAULT_CRITERIA = ("Nội dung, tính mới của giải pháp | 0-40 | 1\n"
                    "Tính khả thi, hiệu quả khi áp dụng | 0-40 | 1\n"
                    "Bố cục, văn phong | 0-20 | 1")
DEFAULT_STAGES = "Sơ khảo | 50%\nChung khảo"


class ContestCreateForm(forms.Form):
    """The organiser's new contest with its panel; the rubric and the rounds one per line."""

    title = forms.CharField(label="Tên cuộc thi", max_length=300)
    code = forms.SlugField(label="Mã cuộc thi (chữ không dấu, nối bằng gạch ngang; tiêu chuẩn khen "
                                 "thưởng đọc giải theo mã này)", max_length=60, initial="viet-sang-kien")
    organiser = UnitChoiceField(label="Đơn vị tổ chức", queryset=Unit.objects.none(), empty_label=None)
    scope = UnitChoiceField(label="Phạm vi dự thi (cán bộ các đơn vị thuộc đơn vị này)",
                            queryset=Unit.objects.none(), empty_label=None)
    open_to_public = forms.BooleanField(label="Người dân cũng được dự thi", required=False)
    rules = forms.CharField(label="Thể lệ", widget=forms.Textarea(attrs={"rows": 8}))
    topics = forms.CharField(label="Chủ đề (mỗi dòng một chủ đề)", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "Cuộc thi cần ít nhất một chủ đề."})
    opens_at = forms.DateTimeField(label="Nhận bài từ", widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    closes_at = forms.DateTimeField(label="Hạn nộp bài", widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    max_words = forms.IntegerField(label="Số chữ tối đa của bài viết", min_value=100, max_value=100000,
                                   initial=5000)
    criteria = forms.CharField(
        label="Tiêu chí chấm (mỗi dòng: tên tiêu chí | điểm thấp nhất-cao nhất | hệ số)",
        initial=DEFAULT_CRITERIA, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Hãy nhập ít nhất một tiêu chí chấm."})
    min_scores = forms.IntegerField(label="Số giám khảo tối thiểu chấm mỗi bài", min_value=1, max_value=50,
                                    initial=3)
    method = forms.ChoiceField(label="Cách tính điểm bình quân", choices=Method.choices)
    stages = forms.CharField(
        label="Vòng chấm (mỗi dòng một vòng: tên | số bài hoặc tỷ lệ vào vòng sau; vòng cuối chỉ ghi tên)",
        initial=DEFAULT_STAGES, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy nhập ít nhất một vòng chấm."})

    def __init__(self, *args: Any, organisers: Any, scopes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers  # type: ignore[attr-defined]
        self.fields["scope"].queryset = scopes  # type: ignore[attr-defined]

    def clean_topics(self) -> list[str]:
        topics = [t.strip() for t in self.cleaned_data["topics"].splitlines() if t.strip()]
        for number, topic in enumerate(topics, start=1):
            if len(topic) > 300:
                raise forms.ValidationError(f"Chủ đề thứ {number} dài quá 300 ký tự.")
        if not topics:
            raise forms.ValidationError("Cuộc thi cần ít nhất một chủ đề.")
        return topics

    def clean_criteria(self) -> list[CriterionSpec]:
        return parse_criteria(self.cleaned_data["criteria"])

    def clean_stages(self) -> list[StageSpec]:
        return parse_stages(self.cleaned_data["stages"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "Hạn nộp bài phải sau thời điểm bắt đầu nhận bài.")
        return data

