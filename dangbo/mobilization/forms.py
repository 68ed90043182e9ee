from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.organizations.forms import DayFirstDateField

from .models import MobilizationModel


class EntryForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    name = forms.CharField(label=_("Name"), max_length=500,
                           help_text=_("The model, or the person or collective for an exemplar."))
    type = forms.ChoiceField(label=_("Type"), choices=MobilizationModel.Type.choices)
    field = forms.ChoiceField(label=_("Field"), choices=MobilizationModel.Field.choices)
    recognized_by = forms.CharField(label=_("Recognition level"), max_length=255, required=False,
                                    widget=forms.TextInput(attrs={"list": "recognition-levels"}),
                                    help_text=_("Choose from the list, or leave empty while not recognized."))
    recognized_on = DayFirstDateField(label=_("Recognized on"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["code"].disabled = True


class LevelForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=50,
                               help_text=_("Lower levels first."))
    active = forms.BooleanField(label=_("Offered in the forms"), required=False, initial=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
