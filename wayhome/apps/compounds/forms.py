from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Abuse, Compound, Fact, RecruitmentChannel, Source, Status


class DateInput(forms.DateInput):
    input_type = "date"


class CompoundForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Compound
        fields = ["slug", "name", "aliases", "kind", "country", "place", "latitude",
                  "longitude", "location_precision", "sez", "controlling_group"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3})}

    def clean_country(self) -> str:
        return str(self.cleaned_data.get("country") or "").strip().upper()


def _sources() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(label=_("Source"), queryset=Source.objects.all(),
                                  required=False, empty_label=_("— choose a source —"))


class FirstSourceForm(forms.Form):
    """The source that names a new place, and its first dated status."""

    source = _sources()
    locator = forms.CharField(label=_("Where in the source (page, section, paragraph)"),
                              max_length=400, required=False)
    quote = forms.CharField(label=_("Short quote naming the place"), max_length=400,
                            required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices,
                               initial=Status.REPORTED)
    on = forms.DateField(label=_("Status as of"), widget=DateInput, required=False)


class StatusChangeForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    source = _sources()
    locator = forms.CharField(label=_("Where in the source"), max_length=400, required=False)
    quote = forms.CharField(label=_("Short quote"), max_length=400, required=False)
    note = forms.CharField(label=_("Note"), max_length=400, required=False)


class CitationForm(forms.Form):
    source = _sources()
    fact = forms.ChoiceField(label=_("Fact supported"), choices=Fact.choices)
    locator = forms.CharField(label=_("Where in the source"), max_length=400, required=False)
    quote = forms.CharField(label=_("Short quote"), max_length=400, required=False)


class SourceForm(forms.ModelForm):  # type: ignore[type-arg]
    # A web address typed without a scheme is read as https (Django 6's default).
    url = forms.URLField(label=_("web address"), required=False, max_length=500,
                         assume_scheme="https")

    class Meta:
        model = Source
        fields = ["title", "publisher", "published", "reference", "url"]


class CaseLinkForm(forms.Form):
    compound = forms.ModelChoiceField(
        label=_("Compound or place where the person was held"), required=False,
        queryset=Compound.objects.all(), empty_label=_("— choose —"))
    held_from = forms.DateField(label=_("Held from (if known)"), widget=DateInput,
                                required=False)
    held_until = forms.DateField(label=_("Held until (if known)"), widget=DateInput,
                                 required=False)
    abuses = forms.MultipleChoiceField(label=_("Abuses the person reports there"),
                                       choices=Abuse.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)


class MonthInput(forms.TextInput):
    input_type = "month"


_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def parse_month(text: str) -> dt.date | None:
    """"YYYY-MM" (or a full date "YYYY-MM-DD", whose day is dropped) as the first day of
    that month; None for an empty value. ValueError when it is not a real month."""
    text = text.strip()
    if not text:
        return None
    m = _MONTH.match(text)
    if m is None:
        raise ValueError(text)
    if m.group(3):
        dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))  # a real day, or error
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


class ExploitationFactsForm(forms.Form):
    """Case-level facts counted by statistics: non-identifying categories only."""

    recruitment_channel = forms.ChoiceField(
        label=_("How was the person recruited?"), required=False,
        choices=[("", _("— not recorded —")), *RecruitmentChannel.choices])
    exit_month = forms.CharField(
        label=_("Month the person left or was released from the compound (if known)"),
        required=False, max_length=10, widget=MonthInput(attrs={"placeholder": "YYYY-MM"}),
        help_text=_("Year and month, e.g. 2025-02. The day is not kept."))

    def clean_exit_month(self) -> dt.date | None:
        try:
            return parse_month(str(self.cleaned_data.get("exit_month") or ""))
        except ValueError:
            raise forms.ValidationError(
                _("Write the month as YYYY-MM (for example 2025-02).")) from None
