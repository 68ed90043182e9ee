from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangbo.organizations.forms import DayFirstDateField

from .models import DeadlineRule, Petition, ReceptionSession

TEXT = forms.Textarea(attrs={"rows": 3})


class ReceptionForm(forms.Form):
    date = DayFirstDateField(label=_("Date"))
    form = forms.ChoiceField(label=pgettext_lazy("reception", "Form"), choices=ReceptionSession.Form.choices)
    presided_by = forms.CharField(label=_("Presided by (member code)"), max_length=32, required=False,
                                  help_text=_("The code of the head of the committee, or of the deputy who presided."))
    citizens = forms.IntegerField(label=_("Citizens received"), min_value=0, initial=0, required=False)
    content = forms.CharField(label=_("What was raised"), widget=TEXT, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReceptionEditForm(ReceptionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date", "form"):
            self.fields[name].disabled = True


class PetitionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    received_on = DayFirstDateField(label=_("Received on"))
    kind = forms.ChoiceField(label=pgettext_lazy("petition", "Kind"), choices=Petition.Kind.choices)
    content = forms.CharField(label=pgettext_lazy("petition", "Summary"), widget=TEXT)
    sender = forms.CharField(
        label=_("Sender"), max_length=500, required=False,
        help_text=_("Name and address. For a denunciation it is confidential: only the citizens office sees it."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "—"), *Petition.Channel.choices], required=False)
    member = forms.CharField(label=_("Member concerned (code)"), max_length=32, required=False)
    complexity = forms.ChoiceField(label=_("Complexity"), choices=Petition.Complexity.choices,
                                   initial=Petition.Complexity.NORMAL)
    remote = forms.BooleanField(label=_("Remote area"), required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, with_sender: bool = True, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_sender:
            del self.fields["sender"]
        if editing:
            self.fields["code"].disabled = True


class AcceptForm(forms.Form):
    accepted_on = DayFirstDateField(label=_("Accepted on"))


class CloseForm(forms.Form):
    closed_on = DayFirstDateField(label=_("Closed on"))
    result = forms.ChoiceField(label=_("Result"), choices=[("", "—"), *Petition.Result.choices])
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)


class ExtendForm(forms.Form):
    decided_on = DayFirstDateField(label=_("Extension decided on"))
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class MinimumForm(forms.Form):
    days_per_month = forms.IntegerField(label=_("Reception days a month"), min_value=0, max_value=31)
    effective_from = DayFirstDateField(label=_("From"), help_text=_("The first day of a month."))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeadlineRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of petition"), choices=Petition.Kind.choices)
    stage = forms.ChoiceField(label=_("Stage"), choices=DeadlineRule.Stage.choices)
    complexity = forms.ChoiceField(label=_("Complexity"), choices=[("", _("any")), *Petition.Complexity.choices],
                                   required=False)
    remote = forms.TypedChoiceField(
        label=_("Remote area"), choices=[("", _("any")), ("1", _("yes")), ("0", _("no"))], required=False,
        coerce=lambda v: v == "1", empty_value=None,
    )
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=365, required=False,
                              help_text=_("Empty: no legal period."))
    unit = forms.ChoiceField(label=_("Counted in"), choices=DeadlineRule.Unit.choices)
    effective_from = DayFirstDateField(label=_("In force from"))
    source = forms.CharField(label=pgettext_lazy("rule", "Source"), max_length=255,
                             help_text=_("The law or regulation, and its article."))
    certainty = forms.ChoiceField(label=_("Certainty"), choices=DeadlineRule.Certainty.choices)


class CommentPetitionForm(forms.Form):
    kind = forms.ChoiceField(choices=[(Petition.Kind.FEEDBACK, Petition.Kind.FEEDBACK.label),
                                      (Petition.Kind.RECOMMENDATION, Petition.Kind.RECOMMENDATION.label)])
