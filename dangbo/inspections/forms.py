from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.cadres.forms import pick_member
from dangbo.organizations.forms import DayFirstDateField

from .models import Body, Discipline, Item


class SubjectFields(forms.Form):
    """The subject: a member (the picker suggests those the user may see) or an organization."""

    member = forms.CharField(
        label=_("Member code"),
        max_length=32,
        required=False,
        help_text=_("Type a code or part of the name, then choose; leave empty for an organization."),
    )
    subject_organization = forms.CharField(
        label=_("Or the organization's code"),
        max_length=32,
        required=False,
    )

    def __init__(self, *args, options_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if options_url:
            pick_member(self.fields["member"], options_url)

    def clean(self):
        data = super().clean()
        if bool(data.get("member")) == bool(data.get("subject_organization")):
            raise forms.ValidationError(_("Give either a member code or an organization code."))
        return data


class ItemForm(SubjectFields):
    code = forms.CharField(label=_("Item code"), max_length=32, help_text=_("e.g. KT-2022-01"))
    year = forms.IntegerField(label=_("Program year"), min_value=1930, max_value=2100)
    kind = forms.ChoiceField(label=pgettext_lazy("inspection", "Kind"), choices=Item.Kind.choices)
    body = forms.ChoiceField(label=_("Body carrying it out"), choices=Body.choices)
    start = DayFirstDateField(label=_("From"))
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    field_order = ["code", "year", "kind", "body", "member", "subject_organization", "start", "decision_number", "note"]


class ConclusionForm(forms.Form):
    end = DayFirstDateField(
        label=_("Date of the conclusion"), required=False, help_text=_("Leave empty while the item is in progress.")
    )
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=[("", "—"), *Item.Conclusion.choices], required=False)
    strengths = forms.CharField(label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    shortcomings = forms.CharField(label=_("Shortcomings"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RemedyForm(forms.Form):
    text = forms.CharField(label=_("What must be done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    due = DayFirstDateField(label=_("Due date"))


class RemedyDoneForm(forms.Form):
    done_on = DayFirstDateField(
        label=_("Done on"), required=False, help_text=_("Leave empty if it is not done after all.")
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ProgramForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision approving the program"), max_length=100, required=False)
    approved_on = DayFirstDateField(label=_("Approved on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DisciplineForm(SubjectFields):
    date = DayFirstDateField(label=_("Date of the decision"))
    form = forms.ChoiceField(label=_("Form of discipline"), choices=Discipline.Form.choices)
    body = forms.ChoiceField(label=_("Deciding body"), choices=Body.choices, initial=Body.INSPECTION_COMMITTEE)
    violation_on = DayFirstDateField(
        label=_("Date of the violation"), required=False, help_text=_("For the statute of limitations (QĐ 69-QĐ/TW).")
    )
    item = forms.CharField(label=_("Item code it came from"), max_length=32, required=False)
    number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    override_reason = forms.CharField(
        label=_("Reason for going ahead despite the warnings"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Needed only when the checks raise warnings."),
    )

    field_order = [
        "date",
        "form",
        "member",
        "subject_organization",
        "body",
        "violation_on",
        "item",
        "number",
        "reason",
        "override_reason",
    ]
