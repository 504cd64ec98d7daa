from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wayhome.apps.accounts.models import Organisation, OrganisationKind
from wayhome.apps.cases.forms import INTERVIEW_LANGUAGES, country_choices

from .models import PROVIDER_STATUSES, ReferralStatus, Service, ServiceKind

TAKES_CHOICES = [
    ("", _("Anyone")),
    ("accepts_adult_men", _("Adult men")),
    ("accepts_adult_women", _("Adult women")),
    ("accepts_children", _("Children")),
    ("accepts_families", _("Families")),
]


def _kind_choices() -> list[tuple[str, Any]]:
    return [("", _("All kinds"))] + list(ServiceKind.choices)


class DirectoryFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=country_choices, required=False)
    kind = forms.ChoiceField(label=_("Kind of service"), choices=_kind_choices, required=False)
    takes = forms.ChoiceField(label=_("Takes"), choices=TAKES_CHOICES, required=False)


class ServiceForm(forms.ModelForm):  # type: ignore[type-arg]
    provider = forms.ModelChoiceField(
        label=_("Provider that runs the service"), required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.SERVICE),
        empty_label=_("— not in the list: name it below —"),
    )
    new_provider_name = forms.CharField(
        label=_("Or the name of a provider not yet in the list"), required=False,
        max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=INTERVIEW_LANGUAGES, required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Service
        fields = ["name", "kind", "country", "area", "accepts_adult_men",
                  "accepts_adult_women", "accepts_children", "accepts_families",
                  "languages", "capacity", "how_to_reach"]

    def clean_languages(self) -> str:
        return ",".join(self.cleaned_data["languages"])


class NeedsForm(forms.Form):
    needs = forms.MultipleChoiceField(
        label=_("Help the person needs and wants"), choices=ServiceKind.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note (encrypted)"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class _ServiceChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        parts = [obj.name, obj.organisation.name, obj.get_kind_display()]
        if obj.area:
            parts.append(obj.area)
        parts.append(obj.country)
        takes = [str(label) for flag, label in TAKES_CHOICES[1:] if getattr(obj, flag)]
        parts.append(_("takes: %(who)s") % {"who": ", ".join(takes).lower()})
        if obj.languages:
            parts.append(_("languages: %(codes)s") % {"codes": obj.languages})
        return " · ".join(str(p) for p in parts)


class SendForm(forms.Form):
    service = _ServiceChoice(label=_("Service"), queryset=Service.objects.none(),
                             widget=forms.RadioSelect, empty_label=None)
    with_family = forms.BooleanField(
        label=_("The person comes with family members (for example their children)"),
        required=False)
    message = forms.CharField(
        label=_("Message to the provider (encrypted; write only what the provider needs)"),
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, services: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if services is not None:
            cast(forms.ModelChoiceField, self.fields["service"]).queryset = services


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason (optional)"), required=False, max_length=2000)


class RespondForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(s.value, s.label) for s in ReferralStatus if s in PROVIDER_STATUSES])
    note = forms.CharField(label=_("Note to the case team (optional)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
