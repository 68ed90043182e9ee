from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilizationConfig(AppConfig):
    name = "dangbo.mobilization"
    verbose_name = _("Dân vận khéo")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from dangbo.interchange import exporter, importer
        from dangbo.organizations import views as org_views
        from dangbo.reports import parts

        from . import interchange, report, views

        post_migrate.connect(_seed, sender=self, dispatch_uid="mobilization-seed")
        importer.HANDLERS["mobilization"] = importer.Sheet(interchange.check_entries, interchange.write_entries)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        parts.register(report.PART)
        panel = ("mobilization/_organization_panel.html", views.organization_panel)
        if panel not in org_views.ORGANIZATION_PANELS:
            org_views.ORGANIZATION_PANELS.append(panel)


def _seed(sender, using="default", **kwargs) -> None:
    """After `migrate` (and `flush`): the default data of an empty table."""
    from . import services

    if using == "default":
        services.ensure_levels()
