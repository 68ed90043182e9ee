from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "dangbo.training"
    verbose_name = _("Political training")

    def ready(self) -> None:
        from dangbo.interchange import exporter, importer
        from dangbo.members import views as member_views

        from . import interchange
        from .selectors import member_classes

        importer.HANDLERS["classes"] = importer.Sheet(interchange.check_classes, interchange.write_classes)
        importer.HANDLERS["learners"] = importer.Sheet(interchange.check_learners, interchange.write_learners)
        if interchange.export_rows not in exporter.EXPORTERS:
            exporter.EXPORTERS.append(interchange.export_rows)
        member_views.MEMBER_PANELS.append(("training/_member_panel.html", member_classes))
