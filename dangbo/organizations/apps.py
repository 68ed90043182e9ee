from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "dangbo.organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer

        from . import interchange, navigation

        importer.HANDLERS["organizations"] = interchange.import_organizations
        importer.HANDLERS["reorganizations"] = interchange.import_reorganizations
        importer.FINISHERS.append(interchange.finish)
        exporter.EXPORTERS.append(interchange.export_rows)
        navigation.register()
