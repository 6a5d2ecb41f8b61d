"""Forms of the writing contest: the entry (with co-authors) and the publication of results."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from thidua.org.models import Person
from thidua.writing.models import Topic, WritingContest


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
