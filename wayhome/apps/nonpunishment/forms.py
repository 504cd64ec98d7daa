from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wayhome.apps.cases.forms import country_choices

from .models import LegalMeasure


class MeasureForm(forms.ModelForm):  # type: ignore[type-arg]
    country = forms.ChoiceField(label=_("Country where the measure was taken"),
                                choices=country_choices)

    class Meta:
        model = LegalMeasure
        fields = ["kind", "offence", "country", "authority", "ordered_on", "reference"]
        widgets = {"ordered_on": forms.DateInput(attrs={"type": "date"})}


class ResolveForm(forms.Form):
    resolved_on = forms.DateField(label=_("Date resolved"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(label=_("Outcome"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class RequestedForm(forms.Form):
    requested_on = forms.DateField(label=_("Date the request was sent"),
                                   widget=forms.DateInput(attrs={"type": "date"}))
