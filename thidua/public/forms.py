"""Forms of the honour board's story pages."""

from __future__ import annotations

from typing import Any

from django import forms

from thidua.accounts.access import Denied, access_person, filter_by_unit_scope
from thidua.campaigns.access import campaigns_visible_to
from thidua.org.models import Person, Unit
from thidua.public.models import Story


class StoryForm(forms.ModelForm):
    person_code = forms.CharField(label="Mã cán bộ (bài về cá nhân)", required=False, max_length=40)
    photo = forms.FileField(label="Ảnh (JPEG, PNG; hệ thống tự thu nhỏ)", required=False)

    class Meta:
        model = Story
        fields = ["title", "kind", "unit", "campaign", "year", "summary", "body", "photo_alt"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}),
                   "summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = filter_by_unit_scope(  # type: ignore[attr-defined]
            Unit.objects.order_by("path"), user, field="path", write=True)
        self.fields["campaign"].queryset = campaigns_visible_to(user).order_by(  # type: ignore[attr-defined]
            "-period_start")
        if self.instance.pk and self.instance.person_id:
            self.fields["person_code"].initial = self.instance.person.code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.get("person_code") or "").strip()
        data["person"] = None
        if data.get("kind") == "individual":
            person = Person.objects.filter(code=code).select_related("unit").first() if code else None
            if person is None:
                self.add_error("person_code", "Nhập mã của cán bộ được nêu gương.")
            else:
                try:
                    access_person(self.user, person, write=True)
                except Denied:
                    self.add_error("person_code", "Cán bộ này thuộc đơn vị ngoài phạm vi của bạn.")
                data["person"] = person
        return data
