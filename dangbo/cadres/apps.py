from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "dangbo.cadres"
    verbose_name = _("Cadre work")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views

        from . import interchange, navigation
        from .selectors import member_panel

        importer.HANDLERS["cadres"] = importer.Sheet(interchange.check_decisions, interchange.write_decisions)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        member_views.MEMBER_PANELS.append(("cadres/_member_panel.html", member_panel))
        navigation.register()
