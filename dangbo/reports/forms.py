from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.core.versions import VersionField
from dangbo.organizations.forms import DayFirstDateField

from .models import ReportSettings

_meta = ReportSettings._meta


class SettingsForm(forms.Form):
    version = VersionField()
    abbreviation = forms.CharField(
        label=_("Abbreviation of the issuing body"), max_length=20, help_text=_meta.get_field("abbreviation").help_text
    )
    issuing_body = forms.CharField(
        label=_("Issuing body"), max_length=120, help_text=_meta.get_field("issuing_body").help_text
    )
    superior_body = forms.CharField(
        label=_("Superior body"), max_length=120, required=False, help_text=_meta.get_field("superior_body").help_text
    )
    place = forms.CharField(
        label=_("Place of the date line"), max_length=80, help_text=_meta.get_field("place").help_text
    )
    short_name = forms.CharField(
        label=_("Short name of the committee"), max_length=80, help_text=_meta.get_field("short_name").help_text
    )
    term_started_on = DayFirstDateField(
        label=_("First day of the committee term"),
        required=False,
        help_text=_meta.get_field("term_started_on").help_text,
    )
