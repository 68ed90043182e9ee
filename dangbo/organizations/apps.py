from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "dangbo.organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer

        from . import interchange

        importer.HANDLERS["organizations"] = importer.Sheet(interchange.check_organizations, interchange.write_tree)
        importer.HANDLERS["reorganizations"] = importer.Sheet(interchange.check_reorganizations)
        importer.CHECK_FINISHERS.append(interchange.ensure_tree)
        exporter.EXPORTERS.append(interchange.export_rows)
