from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangbo.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import reverse

        from . import navigation

        navigation.add_menu_entry(
            navigation.MenuEntry("help", _("Help"), lambda request: reverse("core:help"), order=1000,
                                 pages=("core:help", "core:help_page"))
        )
        navigation.add_help_page(navigation.HelpPage("start", _("Home page and menu"), "core/help_start.html", order=0))
