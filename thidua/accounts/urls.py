"""Login and logout, the second step, password change and reset, the user's own account pages."""

from django.contrib.auth import views as auth_views
from django.urls import path

from thidua.accounts import sso, views
from thidua.accounts.forms import LoginForm
from thidua.core.guard import guard

app_name = "accounts"
urlpatterns = [
    path(
        "dang-nhap/",
        guard("public")(
            views.LoginView.as_view(
                template_name="accounts/login.html", authentication_form=LoginForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    # Single sign-on (OpenID Connect); both lead to the password login unless OIDC_ENABLED.
    path("dang-nhap-sso/", sso.sso_login, name="sso_login"),
    path("dang-nhap-sso/ket-qua/", sso.sso_callback, name="sso_callback"),
    path("dang-xuat/", guard("public")(auth_views.LogoutView.as_view()), name="logout"),
    path("", views.account, name="account"),
    path("xac-thuc-hai-buoc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-buoc/cai-dat/", views.otp_enrol, name="otp_enrol"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("doi-mat-khau/", guard("authenticated")(views.PasswordChangeView.as_view()),
         name="password_change"),
    path("quen-mat-khau/", guard("public")(views.PasswordResetView.as_view()), name="password_reset"),
    path("quen-mat-khau/da-gui/",
         guard("public")(auth_views.PasswordResetDoneView.as_view(
             template_name="accounts/password_reset_done.html")),
         name="password_reset_done"),
    path("dat-lai-mat-khau/<uidb64>/<token>/", guard("public")(views.PasswordResetConfirmView.as_view()),
         name="password_reset_confirm"),
    path("dat-lai-mat-khau/xong/",
         guard("public")(auth_views.PasswordResetCompleteView.as_view(
             template_name="accounts/password_reset_complete.html")),
         name="password_reset_complete"),
    path("token-api/", views.api_token, name="api_token"),
    path("don-vi-ke-thua/", views.successor_unit, name="successor_unit"),
]
