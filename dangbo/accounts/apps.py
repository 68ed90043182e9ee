from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dangbo.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from . import navigation

        navigation.register()
