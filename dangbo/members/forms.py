from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.core.versions import VersionField
from dangbo.organizations.forms import DayFirstDateField, OrganizationChoiceField

from . import ethnicities
from .models import Member, MembershipEvent

Kind = MembershipEvent.Kind

# QĐ 24-QĐ/TW §8.1 (RULES.md, "Membership lifecycle"): the reasons a name is deleted.
NAME_DELETION_REASONS = [
    _("Missed Party activities or did not pay dues for 3 months in a year without a good reason"),
    _("Returned or destroyed the Party card"),
    _("Declined and did not improve 12 months after the cell began educating the member"),
    _("Violated member status two years in a row"),
    _("No longer meets the political standard"),
    _("Probationary member not recognized as official"),
]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    day = DayFirstDateField(label=_("On"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("All")), ("OFFICIAL", _("Official")), ("PROBATIONARY", _("Probationary")),
                 ("EXEMPTED", _("Exempted from activities"))],
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("All")), *Member.Sex.choices])
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False)
    theory_level = forms.ChoiceField(
        label=_("Political theory"), required=False,
        choices=[("", _("All")), ("NONE", _("None")), *Member.TheoryLevel.choices],
    )
    age_min = forms.IntegerField(label=_("Age from"), required=False, min_value=0, max_value=120)
    age_max = forms.IntegerField(label=_("Age to"), required=False, min_value=0, max_value=120)
    party_age_min = forms.IntegerField(label=_("Party age from"), required=False, min_value=0, max_value=100)
    party_age_max = forms.IntegerField(label=_("Party age to"), required=False, min_value=0, max_value=100)

    def __init__(self, *args, ethnicities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ethnicity"].choices = [("", _("All")), *((e, e) for e in ethnicities)]


class PersonForm(forms.Form):
    code = forms.CharField(label=_("Member code"), max_length=32,
                           help_text=_("The life-history number where known."))
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    middle_name = forms.CharField(label=_("Middle name"), max_length=100, required=False)
    given_name = forms.CharField(label=_("Given name"), max_length=100, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=255, required=False,
                                help_text=_("Enough on its own: it is split into family, middle and given name."))
    birth_date = DayFirstDateField(label=_("Date of birth"), required=False)
    birth_year = forms.IntegerField(label=_("Year of birth, when the date is unknown"), required=False,
                                    min_value=1900, max_value=2100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Member.Sex.choices)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), required=False, initial="Kinh",
                                  choices=[("", "—"), *((e, e) for e in ethnicities.CHOICES)])
    religion = forms.CharField(label=_("Religion"), max_length=100, required=False, initial="Không")
    home_town = forms.CharField(label=_("Home town"), max_length=255, required=False)
    residence = forms.CharField(label=_("Permanent residence"), max_length=255, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=255, required=False)
    profession = forms.CharField(label=_("Profession"), max_length=255, required=False)
    citizen_id = forms.CharField(label=_("Citizen ID number"), max_length=12, required=False)
    card_number = forms.CharField(label=_("Party card number"), max_length=8, required=False)
    general_education = forms.CharField(label=_("General education"), max_length=20, required=False)
    theory_level = forms.ChoiceField(label=_("Political theory"), required=False,
                                     choices=[("", "—"), *Member.TheoryLevel.choices])

    def clean(self):
        data = super().clean()
        if not data.get("birth_date") and not data.get("birth_year"):
            self.add_error("birth_date", _("Enter the date of birth, or at least the year."))
        if not data.get("full_name") and not data.get("given_name"):
            self.add_error("full_name", _("Enter the full name."))
        return data

    def person_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["birth"] = data.pop("birth_date") or data.pop("birth_year")
        data.pop("birth_year", None)
        return data


class NewMemberForm(PersonForm):
    event_kind = forms.ChoiceField(
        label=_("Enters the register by"),
        choices=[(Kind.ADMITTED, Kind.ADMITTED.label), (Kind.TRANSFERRED_IN, Kind.TRANSFERRED_IN.label),
                 (Kind.OPENING, Kind.OPENING.label)],
    )
    event_date = DayFirstDateField(label=_("Date"))
    organization = OrganizationChoiceField(label=_("Party cell"), queryset=None)
    status = forms.ChoiceField(label=_("Status (transfer in, opening balance)"), required=False,
                               choices=[("", "—"), *MembershipEvent.Status.choices])
    admitted_on = DayFirstDateField(label=_("Admitted on (transfer in, opening balance)"), required=False)
    official_on = DayFirstDateField(label=_("Official since (transfer in, opening balance)"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    admission_override = forms.CharField(
        label=_("Higher decision allowing admission over 60"), max_length=255, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ATTACHMENT_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if not uploads:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [super(MultipleFileField, self).clean(d, initial) for d in uploads]


ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx"
ATTACHMENT_HELP = _("PDF, JPEG, PNG, Word or Excel; at most 20 MB each.")


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=[
        (k, label) for k, label in Kind.choices if k not in (Kind.OPENING, Kind.ADMITTED, Kind.TRANSFERRED_IN)
    ] + [(Kind.TRANSFERRED_IN, Kind.TRANSFERRED_IN.label)])
    date = DayFirstDateField(label=_("Date"))
    organization = OrganizationChoiceField(
        label=_("Organization"), queryset=None, required=False,
        help_text=_("For a transfer: the cell the member goes to."))
    status = forms.ChoiceField(label=_("Status (transfer in)"), required=False,
                               choices=[("", "—"), *MembershipEvent.Status.choices])
    admitted_on = DayFirstDateField(label=_("Admitted on (transfer in)"), required=False)
    official_on = DayFirstDateField(label=_("Official since (transfer in)"), required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    deletion_reason = forms.ChoiceField(
        label=_("Reason for deleting the name"), required=False,
        choices=[("", "—"), *((str(r), r) for r in NAME_DELETION_REASONS)])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachments = MultipleFileField(label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Kind.NAME_DELETED and not (data.get("deletion_reason") or data.get("reason")):
            self.add_error("deletion_reason", _("Choose the reason for deleting the name."))
        if kind == Kind.EXPELLED and not data.get("reason"):
            self.add_error("reason", _("Give the reason for the expulsion."))
        if data.get("deletion_reason") and kind == Kind.NAME_DELETED:
            data["reason"] = "; ".join(filter(None, [data["deletion_reason"], data.get("reason")]))
        return data


class VoidEventForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentsForm(forms.Form):
    attachments = MultipleFileField(label=_("Files"), help_text=ATTACHMENT_HELP)


class PhotoForm(forms.Form):
    version = VersionField()
    # A plain file field: the service decodes the picture itself, safely.
    photo = forms.FileField(
        label=_("Photo (3×4)"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB; it is cut to 3×4 around the centre."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class SeriouslyIllForm(forms.Form):
    version = VersionField()
    seriously_ill_since = DayFirstDateField(
        label=_("Seriously ill since"), required=False,
        help_text=_("Leave empty when the member is no longer seriously ill."),
    )


class AccessLogFilterForm(forms.Form):
    """The administrators' review of who opened and downloaded personal data."""

    who = forms.CharField(label=_("User name"), required=False, max_length=150)
    member = forms.CharField(label=_("Member code"), required=False, max_length=32)
    since = DayFirstDateField(label=_("From"), required=False)
    until = DayFirstDateField(label=_("To"), required=False)
