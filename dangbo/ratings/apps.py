from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "dangbo.ratings"
    verbose_name = _("Quality ratings")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views

        from . import interchange
        from .selectors import member_panel

        importer.HANDLERS["ratings"] = importer.Sheet(interchange.check_ratings, interchange.write_ratings)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        member_views.MEMBER_PANELS.append(("ratings/_member_panel.html", member_panel))
