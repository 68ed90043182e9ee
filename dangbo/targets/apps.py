from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "dangbo.targets"
    verbose_name = _("Socio-economic targets")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.organizations import views as org_views

        from . import interchange
        from .views import organization_panel

        importer.HANDLERS["targets"] = importer.Sheet(interchange.check_targets, interchange.write_targets)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        panel = ("targets/_organization_panel.html", organization_panel)
        if panel not in org_views.ORGANIZATION_PANELS:
            org_views.ORGANIZATION_PANELS.append(panel)
