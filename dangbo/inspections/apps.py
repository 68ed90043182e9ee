from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "dangbo.inspections"
    verbose_name = _("Inspection, supervision and discipline")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views
        from dangbo.organizations import views as org_views
        from dangbo.ratings import rules as rating_rules
        from dangbo.reports import parts

        from . import interchange, navigation, report, selectors, views

        importer.HANDLERS["inspections"] = importer.Sheet(interchange.check_items, interchange.write_items)
        importer.HANDLERS["remedies"] = importer.Sheet(interchange.check_remedies, interchange.write_remedies)
        importer.HANDLERS["disciplines"] = importer.Sheet(interchange.check_disciplines, interchange.write_disciplines)
        for registry, entry in (
            (exporter.EXPORTERS, interchange.export_rows),
            (rating_rules.DISCIPLINE_SOURCES, selectors.collective_discipline),
            (rating_rules.MEMBER_DISCIPLINE_SOURCES, selectors.disciplined_members),
            (rating_rules.DISCIPLINE_YEAR_WARNINGS, selectors.year_warnings),
            (member_views.MEMBER_PANELS, ("inspections/_member_panel.html", views.member_panel)),
            (org_views.ORGANIZATION_PANELS, ("inspections/_organization_panel.html", views.organization_panel)),
        ):
            if entry not in registry:
                registry.append(entry)
        from dangbo.tallies import services as tallies

        from . import tally

        if tally.rebuild not in tallies.REBUILDERS:
            tallies.REBUILDERS.append(tally.rebuild)
        parts.register(report.INSPECTION_PART)
        parts.register(report.DISCIPLINE_PART)
        navigation.register()
