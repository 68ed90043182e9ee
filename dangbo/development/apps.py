from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "dangbo.development"
    verbose_name = _("Member development")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views
        from dangbo.organizations import views as org_views
        from dangbo.reports import parts

        from . import interchange, navigation
        from .report import PART
        from .selectors import member_panel
        from .views import organization_panel

        importer.HANDLERS["candidates"] = importer.Sheet(interchange.check_candidates, interchange.write_candidates)
        importer.HANDLERS["dossier_steps"] = importer.Sheet(interchange.check_steps, interchange.write_steps)
        importer.HANDLERS["admission_targets"] = importer.Sheet(interchange.check_targets, interchange.write_targets)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        parts.register(PART)
        for panels, panel in (
            (member_views.MEMBER_PANELS, ("development/_member_panel.html", member_panel)),
            (org_views.ORGANIZATION_PANELS, ("development/_organization_panel.html", organization_panel)),
        ):
            if panel not in panels:
                panels.append(panel)
        navigation.register()
