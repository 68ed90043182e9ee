from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organization, Reorganization


class OrganizationChoiceField(forms.ModelChoiceField):
    """A choice of organizations named as in lists: with their parent where another
    organization bears the same name, and their code."""

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._labels = None

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj) -> str:
        if self._labels is None:
            from django.utils import timezone

            from .selectors import labels_on

            self._labels = labels_on(timezone.localdate(), self.queryset.values_list("pk", flat=True))
        return f"{self._labels.get(obj.pk, obj.name)} ({obj.code})"


class DayFirstDateField(forms.DateField):
    widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class OrganizationForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organization.Kind.choices)
    parent = OrganizationChoiceField(
        label=_("Parent"), queryset=Organization.objects.none(), required=False
    )
    group = forms.CharField(
        label=_("Comparable group"),
        max_length=100,
        required=False,
        help_text=_("For the excellence cap, e.g. Communes, Agencies, Enterprises, Schools."),
    )
    founded_on = DayFirstDateField(label=_("Founded on"), required=False)

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class ReorganizationForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happens"), choices=Reorganization.Kind.choices)
    effective_on = DayFirstDateField(
        label=_("Date"),
        help_text=_("The first day of the new state; for a dissolution, the last day."),
    )
    target = OrganizationChoiceField(
        label=_("Target organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("The new parent (move) or the organization it merges into (merge)."),
    )
    new_name = forms.CharField(label=_("New name"), max_length=255, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
