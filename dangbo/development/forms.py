from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.lib.vntext import parse_year_or_date
from dangbo.members.models import Member
from dangbo.organizations.forms import DayFirstDateField

from .models import Checkpoint

Textarea = forms.Textarea(attrs={"rows": 2})


class BirthField(forms.CharField):
    """A date of birth, or a bare year."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
        super().__init__(max_length=10, **kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        try:
            return parse_year_or_date(text)
        except ValueError:
            raise forms.ValidationError(_("Enter a date (day/month/year) or a year.")) from None


class CodesField(forms.CharField):
    """Member codes separated by ";" (or commas, spaces, lines)."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        codes = [c for c in text.replace(",", ";").replace("\n", ";").replace(" ", ";").split(";") if c.strip()]
        return [c.strip() for c in codes]


class CandidateForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    birth = BirthField(label=_("Date or year of birth"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Member.Sex.choices)
    citizen_id = forms.CharField(label=_("Citizen ID number"), max_length=12, required=False)
    organization = forms.ChoiceField(label=_("Organization preparing the admission"))
    planned_on = DayFirstDateField(label=_("Taken into the plan on"))
    helpers = CodesField(
        label=_("Helpers"), required=False,
        help_text=_("The member codes of the official members who help, separated by ;"),
    )
    note = forms.CharField(label=_("Note"), widget=Textarea, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(s.organization.code, s.name) for s in organizations]


class NewCandidateForm(CandidateForm):
    code = forms.CharField(label=_("Dossier code"), max_length=32)
    certificate_on = DayFirstDateField(label=_("Awareness certificate of"), required=False)
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite the warnings"), widget=Textarea, required=False,
        help_text=_("Needed only when the checks raise warnings."),
    )
    field_order = ["code", "full_name", "birth", "sex", "citizen_id", "organization", "planned_on", "helpers",
                   "certificate_on", "note", "override_reason"]


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=Checkpoint.Step.choices)
    date = DayFirstDateField(label=_("Date"))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class CertificateForm(forms.Form):
    klass = forms.ChoiceField(
        label=_("Completed the class"), required=False,
        help_text=_("A class of the course on awareness of the Party: its last day is the certificate's date."),
    )
    certificate_on = DayFirstDateField(
        label=_("Or the date of the certificate"), required=False,
        help_text=_("When the class is not recorded here. Leave both empty to clear the date."),
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klass"].choices = [("", "—")] + [(str(c.pk), f"{c.code}: {c.name}") for c in classes]


class AdmitForm(forms.Form):
    date = DayFirstDateField(label=_("Admitted on"), help_text=_("The day of the admission ceremony."))
    member_code = forms.CharField(
        label=_("Member code"), max_length=32, help_text=_("The life-history number where known."),
    )
    decision_number = forms.CharField(label=pgettext_lazy("admission", "Decision number"), max_length=100,
                                      required=False)
    over_age_decision = forms.CharField(
        label=_("Decision allowing admission over 60"), widget=Textarea, required=False,
        help_text=_("Only for a candidate over 60: the higher level's decision."),
    )
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite the warnings"), widget=Textarea, required=False,
        help_text=_("Needed only when the checks raise warnings."),
    )


class StopForm(forms.Form):
    stopped_on = DayFirstDateField(label=_("Left the plan on"))
    stop_reason = forms.CharField(label=_("Why"), widget=Textarea)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=Textarea)


class TargetForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organization"))
    target = forms.IntegerField(label=_("New members planned"), min_value=0)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(s.organization.code, s.name) for s in organizations]
