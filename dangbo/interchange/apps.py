from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "dangbo.interchange"
    verbose_name = _("Excel import and export")
