from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalliesConfig(AppConfig):
    name = "dangbo.tallies"
    verbose_name = _("Report tallies")

    def ready(self) -> None:
        from dangbo.organizations import tree

        from . import services

        if services.tree_replacing not in tree.SPAN_WATCHERS:
            tree.SPAN_WATCHERS.append(services.tree_replacing)
