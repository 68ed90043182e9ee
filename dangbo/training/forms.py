from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.lib.vntext import parse_year_or_date
from dangbo.organizations.forms import DayFirstDateField

from .models import Enrollment, TrainingClass


class ClassForm(forms.Form):
    code = forms.CharField(label=_("Class code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    program = forms.ChoiceField(label=_("Program"), choices=TrainingClass.Program.choices)
    start = DayFirstDateField(label=_("From"))
    end = DayFirstDateField(label=_("Until"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)


class EnrollForm(forms.Form):
    member = forms.CharField(
        label=_("Member code"),
        max_length=32,
        required=False,
        help_text=_("Leave empty for someone who is not a member yet."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    birth = forms.CharField(
        label=_("Date or year of birth"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )

    def clean_birth(self):
        text = self.cleaned_data["birth"].strip()
        if not text:
            return None
        try:
            return parse_year_or_date(text)
        except ValueError:
            raise forms.ValidationError(_("Enter a date (day/month/year) or a year.")) from None

    def clean(self):
        data = super().clean()
        if not data.get("member") and not data.get("full_name"):
            raise forms.ValidationError(
                _("Give the member code, or the full name and birth of a learner who is not a member.")
            )
        return data


RESULT_CHOICES = Enrollment.Result.choices
