"""Forms every app shares: the spreadsheet upload of the import pages."""

from typing import Any

from django import forms

from thidua.core.uploads import check_upload


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx) hoặc CSV", error_messages={
        "required": "Hãy chọn tệp để nhập."})

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("Tệp lớn hơn 20 MB.")
        check_upload(upload, (".xlsx", ".csv"))
        return upload
