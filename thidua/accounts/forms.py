"""Account forms with Vietnamese labels and messages: login, password change and reset, second step."""

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.contrib.auth.password_validation import password_validators_help_text_html


class LoginForm(AuthenticationForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    password = forms.CharField(label="Mật khẩu", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khoá.",
    }


PASSWORD_MISMATCH = "Hai lần nhập mật khẩu mới không khớp nhau."  # noqa: S105 - a message


def _vietnamese_new_password_fields(form: forms.Form) -> None:
    form.fields["new_password1"].label = "Mật khẩu mới"
    form.fields["new_password1"].help_text = password_validators_help_text_html()
    form.fields["new_password2"].label = "Nhập lại mật khẩu mới"
    form.fields["new_password2"].help_text = ""


class VietnameseSetPasswordForm(SetPasswordForm):
    """Choosing a new password from a reset link."""

    error_messages = {"password_mismatch": PASSWORD_MISMATCH}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _vietnamese_new_password_fields(self)


class VietnamesePasswordChangeForm(PasswordChangeForm):
    error_messages = {
        "password_mismatch": PASSWORD_MISMATCH,
        "password_incorrect": "Mật khẩu hiện tại không đúng.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        _vietnamese_new_password_fields(self)


class VietnamesePasswordResetForm(PasswordResetForm):
    email = forms.EmailField(label="Thư điện tử của tài khoản", max_length=254,
                             error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ.",
                                             "required": "Hãy nhập địa chỉ thư điện tử."},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class SecondStepForm(forms.Form):
    """The code from an authenticator app, or one recovery code."""

    token = forms.CharField(label="Mã xác thực", max_length=32, strip=True,
                            error_messages={"required": "Hãy nhập mã xác thực."},
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "autofocus": True, "inputmode": "text"}))

    def clean_token(self) -> str:
        # People copy codes with spaces or dashes ("123 456", "abcd-efgh"); the devices want neither.
        return "".join(ch for ch in self.cleaned_data["token"] if ch.isalnum()).lower()
