from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "dangbo.ratings"
    verbose_name = _("Quality ratings")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer

        from . import interchange

        importer.HANDLERS["ratings"] = interchange.import_ratings
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
