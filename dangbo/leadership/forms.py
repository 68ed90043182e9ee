from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.development.forms import CodesField
from dangbo.organizations.forms import DayFirstDateField

from .models import Document, StudySession

Textarea = forms.Textarea(attrs={"rows": 2})


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("document", "Type"), choices=Document.Kind.choices)
    date = DayFirstDateField(label=_("Date signed"))
    number = forms.IntegerField(
        label=_("Number"), min_value=1, required=False,
        help_text=_("Empty: the next number of this type in the term."),
    )
    symbol = forms.CharField(
        label=_("Symbol"), max_length=32, required=False,
        help_text=_("Empty: from the type and the abbreviation of the issuing body, e.g. NQ/HU."),
    )
    subject = forms.CharField(label=_("Subject line"), widget=Textarea)
    note = forms.CharField(label=_("Note"), widget=Textarea, required=False)

    def __init__(self, *args, proposal_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposal_url:
            # The number and symbol proposed for the type and date, as they are chosen.
            for name in ("kind", "date"):
                self.fields[name].widget.attrs.update({
                    "hx-get": proposal_url, "hx-trigger": "change", "hx-target": "#proposal",
                    "hx-include": "closest form",
                })


class TermForm(forms.Form):
    start = DayFirstDateField(label=_("From"))
    end = DayFirstDateField(label=_("Until"), required=False, help_text=_("Empty: the current term."))
    name = forms.CharField(label=_("Name"), max_length=255, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "Nhiệm kỳ 2020 - 2025"}))


class SessionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=500)
    kind = forms.ChoiceField(label=pgettext_lazy("study session", "Kind"), choices=StudySession.Kind.choices)
    organization = forms.ChoiceField(label=_("Organized by"))
    date = DayFirstDateField(label=_("Date"))
    attendance = forms.IntegerField(label=_("Attended"), min_value=0)
    attendees = CodesField(
        label=_("Members who attended"), required=False, widget=Textarea,
        help_text=_("Optional: their member codes, separated by ; (then their pages list the session)."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(s.organization.code, s.name) for s in organizations]


class AssignmentForm(forms.Form):
    member = forms.CharField(label=_("Member code of the cadre"), max_length=32)
    organization = forms.ChoiceField(label=_("Organization followed"))
    start = DayFirstDateField(label=_("From"))
    end = DayFirstDateField(label=_("Until"), required=False)
    note = forms.CharField(label=_("Note"), widget=Textarea, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(s.organization.code, s.name) for s in organizations]


class EndForm(forms.Form):
    end = DayFirstDateField(label=_("Until"), required=False)


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=Textarea)
