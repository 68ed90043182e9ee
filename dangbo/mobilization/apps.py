from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilizationConfig(AppConfig):
    name = "dangbo.mobilization"
    verbose_name = _("Dân vận khéo")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.organizations import views as org_views
        from dangbo.reports import parts

        from . import interchange, report, views

        importer.HANDLERS["mobilization"] = importer.Sheet(interchange.check_entries, interchange.write_entries)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        parts.register(report.PART)
        panel = ("mobilization/_organization_panel.html", views.organization_panel)
        if panel not in org_views.ORGANIZATION_PANELS:
            org_views.ORGANIZATION_PANELS.append(panel)
