from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.organizations.forms import DayFirstDateField

from .models import PersonnelDecision


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("personnel decision", "Kind"), choices=PersonnelDecision.Kind.choices)
    date = DayFirstDateField(label=_("Date"))
    number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    member = forms.CharField(label=_("Member code"), max_length=32)
    title = forms.CharField(
        label=_("Title after the decision"),
        max_length=255,
        help_text=_("e.g. Secretary of the commune Party committee"),
    )
    unit = forms.CharField(
        label=pgettext_lazy("organizational unit", "Unit"),
        max_length=255,
        required=False,
        help_text=_("An organization code, or the name of an external unit such as the People's Committee."),
    )
    end_previous = forms.BooleanField(
        label=_("End the member's current position in this unit the day before"), required=False, initial=True
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite the warnings"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed only when the checks raise warnings."),
    )
