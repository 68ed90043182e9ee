from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "dangbo.cadres"
    verbose_name = _("Cadre work")

    def ready(self) -> None:
        from dangbo.core import views as core_views
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views

        from . import interchange
        from .selectors import dashboard_panel, member_panel

        importer.HANDLERS["cadres"] = importer.Sheet(interchange.check_decisions, interchange.write_decisions)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        member_views.MEMBER_PANELS.append(("cadres/_member_panel.html", member_panel))
        core_views.DASHBOARD_PANELS.append(("cadres/_dashboard_panel.html", dashboard_panel))
