"""The accounts app: users, roles, the two-step login, account pages."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from thidua.accounts import models
        from thidua.core.audit import register

        register(models.RoleAssignment)
        register(models.User, exclude=("password", "last_login"))

        from django.contrib.auth.signals import user_logged_in

        from thidua.accounts.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="thidua.accounts.start_idle_clock")

        from thidua.accounts.views import remember_stranded_roles_at_login

        # An officer whose unit was merged or dissolved sees a notice until their role moves.
        user_logged_in.connect(remember_stranded_roles_at_login,
                               dispatch_uid="thidua.accounts.stranded_roles")
