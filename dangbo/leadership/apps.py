from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "dangbo.leadership"
    verbose_name = _("Leadership work")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views
        from dangbo.organizations import views as org_views
        from dangbo.reports import parts
        from dangbo.reports import services as report_services

        from . import interchange, navigation, services
        from .report import PARTS
        from .selectors import member_panel
        from .views import organization_panel

        importer.HANDLERS["terms"] = importer.Sheet(interchange.check_terms, interchange.write_terms)
        importer.HANDLERS["documents"] = importer.Sheet(interchange.check_documents, interchange.write_documents)
        importer.HANDLERS["study_sessions"] = importer.Sheet(interchange.check_sessions, interchange.write_sessions)
        importer.HANDLERS["assignments"] = importer.Sheet(interchange.check_assignments, interchange.write_assignments)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        for part in PARTS:
            parts.register(part)
        # The Word report is registered in the documents register when it is issued, and
        # takes its number after the reports the register holds.
        if services.register_issued_report not in report_services.ON_ISSUE:
            report_services.ON_ISSUE.append(services.register_issued_report)
        if services.reports_numbers_taken not in report_services.NUMBERS_TAKEN:
            report_services.NUMBERS_TAKEN.append(services.reports_numbers_taken)
        for panels, panel in (
            (member_views.MEMBER_PANELS, ("leadership/_member_panel.html", member_panel)),
            (org_views.ORGANIZATION_PANELS, ("leadership/_organization_panel.html", organization_panel)),
        ):
            if panel not in panels:
                panels.append(panel)
        navigation.register()
