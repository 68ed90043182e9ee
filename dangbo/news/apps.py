from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "dangbo.news"
    verbose_name = _("News")

    def ready(self) -> None:
        from dangbo.core import views as core_views

        from .views import dashboard_panel

        panel = ("news/_dashboard_panel.html", dashboard_panel)
        if panel not in core_views.DASHBOARD_PANELS:
            core_views.DASHBOARD_PANELS.append(panel)
