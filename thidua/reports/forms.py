"""Forms of the reports part."""

from __future__ import annotations

from django import forms

from thidua.reports.models import Review


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["last_year", "number_symbol", "place", "issued_on", "achievements",
                  "shortcomings", "lessons", "directions", "signer_capacity", "signer_title",
                  "signer_name", "recipients"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "shortcomings": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "directions": forms.Textarea(attrs={"rows": 5}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }
