from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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


_CHANGED = _("The provisions to verify have changed since the page was shown: read the list "
              "again before confirming it.")


class LetterCheckedForm(forms.Form):
    """Confirm that each provision the letter cites as "to verify" was checked against the
    text of the law. ``citations`` carries the keys the page listed, so a confirmation
    given for one list is never applied to another (the law data may change between)."""

    citations = forms.MultipleChoiceField(widget=forms.MultipleHiddenInput, error_messages={
        "required": _CHANGED, "invalid_choice": _CHANGED})
    checked = forms.BooleanField(
        label=_("I have checked each provision listed above against the text of the law."),
        error_messages={"required": _(
            "Tick the box to confirm that you have checked each provision listed.")})

    def __init__(self, *args: Any, keys: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["citations"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(k, k) for k in keys]
        self.keys = tuple(keys)
        if not self.is_bound:
            self.initial["citations"] = list(keys)

    def clean_citations(self) -> list[str]:
        posted: list[str] = self.cleaned_data["citations"]
        if set(posted) != set(self.keys):
            raise forms.ValidationError(_CHANGED, code="changed")
        return posted
