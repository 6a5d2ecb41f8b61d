from django import forms

from thidua.notices.models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["daily_digest"]
