from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.core.versions import VersionField
from dangbo.lib.vntext import format_number, parse_number
from dangbo.organizations.forms import DayFirstDateField

from .models import Target


class VietnameseNumberField(forms.CharField):
    """A number typed the Vietnamese way ("1.234,5", "1,5"), cleaned to an exact Decimal."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "1.234,5"})
    default_error_messages = {"invalid": _("Enter a number, with a comma before the decimals, e.g. 1.234,5.")}

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int)):
            return format_number(value)
        return value

    def to_python(self, value) -> Decimal | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_number(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class TargetForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=500)
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False, help_text=_("e.g. %, billion VND, people"))
    planned = VietnameseNumberField(label=_("Plan"))
    direction = forms.ChoiceField(label=_("Direction"), choices=Target.Direction.choices)
    term = forms.CharField(label=_("Term"), max_length=20, required=False, help_text=_("e.g. 2020-2025"))
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TargetEditForm(TargetForm):
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class ActualForm(forms.Form):
    version = VersionField()
    actual = VietnameseNumberField(
        label=_("Actual value"), required=False, help_text=_("Leave empty when not yet known.")
    )
    actual_on = DayFirstDateField(label=_("As of"), required=False)
    source = forms.CharField(
        label=_("Source"), max_length=255, required=False, help_text=_("e.g. the statistics office report")
    )
