"""Login and logout."""

from django.contrib.auth import views as auth_views
from django.urls import path

from thidua.accounts import views
from thidua.accounts.forms import LoginForm
from thidua.core.guard import guard

app_name = "accounts"
urlpatterns = [
    path(
        "dang-nhap/",
        guard("public")(
            auth_views.LoginView.as_view(
                template_name="accounts/login.html", authentication_form=LoginForm,
                redirect_authenticated_user=True,
            )
        ),
        name="login",
    ),
    path("dang-xuat/", guard("public")(auth_views.LogoutView.as_view()), name="logout"),
    path("token-api/", views.api_token, name="api_token"),
]
