from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "dangbo.citizens"
    verbose_name = _("Citizens")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from dangbo.interchange import exporter, importer
        from dangbo.news import views as news_views
        from dangbo.organizations import views as org_views
        from dangbo.reports import parts

        from . import interchange, navigation, report, views

        post_migrate.connect(_seed, sender=self, dispatch_uid="citizens-seed")
        importer.HANDLERS["receptions"] = importer.Sheet(interchange.check_receptions, interchange.write_receptions)
        importer.HANDLERS["petitions"] = importer.Sheet(interchange.check_petitions, interchange.write_petitions)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        parts.register(report.PART)
        for registry, entry in (
            (org_views.ORGANIZATION_PANELS, ("citizens/_organization_panel.html", views.organization_panel)),
            (news_views.COMMENT_ACTIONS, ("citizens/_comment_action.html", views.comment_actions)),
        ):
            if entry not in registry:
                registry.append(entry)
        navigation.register()


def _seed(sender, using="default", **kwargs) -> None:
    """After `migrate` (and `flush`): the default data of an empty table."""
    from . import services

    if using == "default":
        services.ensure_deadline_rules()
