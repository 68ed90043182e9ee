from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.organizations.forms import DayFirstDateField

from .models import PersonnelDecision


def pick_member(field: forms.Field, options_url: str) -> None:
    """The member picker: as the user types, the server suggests the members they may see
    (`views.member_options`) into the page's `<datalist id="member-options">`."""
    field.widget.attrs.update(
        {
            "list": "member-options",
            "autocomplete": "off",
            "hx-get": options_url,
            "hx-trigger": "input changed delay:300ms",
            "hx-target": "#member-options",
        }
    )


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
    attachment = forms.FileField(
        label=_("Attached file"),
        required=False,
        help_text=_(
            "The signed decision: PDF, JPG, PNG, Word or Excel, at most 20 MB. "
            "Choose it again if the page comes back with warnings."
        ),
    )

    def __init__(self, *args, options_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if options_url:
            pick_member(self.fields["member"], options_url)


class AttachmentForm(forms.Form):
    attachment = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPG, PNG, Word or Excel, at most 20 MB."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class ManagedTitleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("e.g. Secretary of the commune Party committee"),
    )


class EndTitleForm(forms.Form):
    ended_on = DayFirstDateField(label=_("Off the list from"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class SuccessionPlanForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("cadre post", "Post"),
        max_length=255,
        widget=forms.TextInput(attrs={"list": "plan-titles"}),
        help_text=_("A title on the committee's list, as decisions name it."),
    )
    member = forms.CharField(
        label=_("Member"),
        max_length=32,
        help_text=_("Type a code or part of the name, then choose."),
    )
    from_year = forms.IntegerField(label=_("From year"), min_value=1945, max_value=2100)
    to_year = forms.IntegerField(label=_("To year"), min_value=1945, max_value=2100)

    def __init__(self, *args, options_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        pick_member(self.fields["member"], options_url)


class RemoveFromPlanForm(forms.Form):
    removed_on = DayFirstDateField(label=_("Out of the plan from"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
