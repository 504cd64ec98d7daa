from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wayhome.apps.accounts.models import Organisation, OrganisationKind

from .dimensions import DIMENSIONS


def _dimension_choices(blank: bool) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("— none —"))] if blank else []
    return choices + [(d.key, d.label) for d in DIMENSIONS.values()]


class TableForm(forms.Form):
    row = forms.ChoiceField(label=_("Count by"), choices=lambda: _dimension_choices(False))
    col = forms.ChoiceField(label=_("and by (optional)"), required=False,
                            choices=lambda: _dimension_choices(True))
    period = forms.ChoiceField(label=_("Period of registration"), required=False)

    def __init__(self, *args: Any, periods: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = periods

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("row") and data.get("row") == data.get("col"):
            self.add_error("col", _("Choose two different dimensions."))
        if "month" in (data.get("row"), data.get("col")) and \
                len(data.get("period") or "") == 7 and "-Q" not in (data.get("period") or ""):
            self.add_error("period", _("A table by month needs a period longer than a month."))
        return data


class AgreementForm(forms.Form):
    recipient = forms.ModelChoiceField(
        label=_("Organisation that may receive aggregates of our cases"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.MONITORING))
    agreed_on = forms.DateField(label=_("Date of the written agreement"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    terms = forms.CharField(label=_("Reference or terms of the agreement"), max_length=300,
                            required=False)
