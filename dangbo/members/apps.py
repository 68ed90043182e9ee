from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "dangbo.members"
    verbose_name = _("Party members")

    def ready(self) -> None:
        from dangbo.core import views as core_views
        from dangbo.interchange import exporter, importer
        from dangbo.organizations import services as org_services
        from dangbo.organizations import views as org_views

        from . import interchange, services
        from .selectors import access_log_panel, dashboard_panel, headcount_panel

        if services.check_members_in_existing_organizations not in org_services.TREE_CHECKS:
            org_services.TREE_CHECKS.append(services.check_members_in_existing_organizations)
        importer.HANDLERS["members"] = importer.Sheet(interchange.check_members, interchange.write_members)
        importer.HANDLERS["events"] = importer.Sheet(interchange.check_events)
        importer.CHECK_FINISHERS.append(interchange.check_members_in_organizations)
        exporter.EXPORTERS.append(interchange.export_rows)
        exporter.PEOPLE_OF_RECORD.append(interchange.people_of_record)
        org_views.ORGANIZATION_PANELS.append(("members/_organization_panel.html", headcount_panel))
        core_views.DASHBOARD_PANELS.append(("members/_dashboard_panel.html", dashboard_panel))
        core_views.DASHBOARD_PANELS.append(("members/_access_log_panel.html", access_log_panel))
