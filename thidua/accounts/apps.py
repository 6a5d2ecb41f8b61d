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
