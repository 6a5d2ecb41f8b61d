"""Forms of the signing settings page: a signer's own name and signature image; a body's box."""

from __future__ import annotations

from typing import Any

from django import forms

from thidua.signing.models import BodyAppearance


class SignerProfileForm(forms.Form):
    display_name = forms.CharField(label="Họ và tên trên chữ ký", max_length=200)
    signature_image = forms.FileField(label="Ảnh chữ ký (PNG nền trong suốt, tối đa 1 MB)",
                                      required=False)


class BodyAppearanceForm(forms.ModelForm):
    seal_upload = forms.FileField(label="Ảnh dấu (PNG nền trong suốt, tối đa 1 MB)",
                                  required=False)

    class Meta:
        model = BodyAppearance
        fields = ["display_name", "location", "page", "x", "y", "width", "height"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].help_text = ""
