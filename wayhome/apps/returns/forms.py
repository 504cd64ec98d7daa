"""Forms of the return page. They only parse input; the rules are in services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wayhome.apps.cases.forms import INTERVIEW_LANGUAGES
from wayhome.domain.law import ReturnRiskFactor

from .labels import factor_hint, factor_label
from .models import (
    BestInterestsOutcome,
    DocumentStatus,
    FamilyTracing,
    FollowUp,
    FollowUpDomain,
    Outcome,
    Rating,
    ReturnOption,
)

DATE = forms.DateInput(attrs={"type": "date"})
NOTE_MAX = 4000


def _note(label: Any, required: bool = False, rows: int = 2) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": rows}))


class OptionForm(forms.Form):
    option = forms.ChoiceField(label=_("Option chosen"), choices=ReturnOption.choices,
                               widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Date chosen"), widget=DATE)
    note = _note(_("Note (encrypted)"))


class RiskAssessmentForm(forms.Form):
    """One rating and one note per factor of the law engine."""

    def __init__(self, *args: Any, factors: tuple[ReturnRiskFactor, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factors = factors
        for f in factors:
            self.fields[f"rating_{f.id}"] = forms.ChoiceField(
                label=factor_label(f), choices=[("", "—"), *Rating.choices],
                help_text=factor_hint(f), required=False)  # services.py names the factor
            self.fields[f"note_{f.id}"] = _note(_("Note (encrypted)"), rows=1)

    def ratings(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {f.id: {"rating": data.get(f"rating_{f.id}"), "note": data.get(f"note_{f.id}")}
                for f in self.factors}


class ClearForm(forms.Form):
    rating = forms.IntegerField(widget=forms.HiddenInput)
    reason = _note(_("Reason for clearing the high rating (encrypted)"), required=True)


class ConsentForm(forms.Form):
    language = forms.ChoiceField(label=_("Language the person was informed in"),
                                 choices=INTERVIEW_LANGUAGES)
    alternatives_explained = forms.BooleanField(
        label=_("The alternatives to return were explained: stay on humanitarian grounds, "
                "asylum or refugee procedure, resettlement"), required=False)
    not_condition_of_release = forms.BooleanField(
        label=_("The person was told that release does not depend on agreeing to return"),
        required=False)
    note = _note(_("Note (encrypted)"))


class WithdrawForm(forms.Form):
    note = _note(_("Note on the withdrawal (encrypted)"))


class BestInterestsForm(forms.Form):
    determined_on = forms.DateField(label=_("Date of the determination"), widget=DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=BestInterestsOutcome.choices)
    family_tracing = forms.ChoiceField(label=_("Family tracing"), choices=FamilyTracing.choices)
    guardian_name = forms.CharField(label=_("Guardian (encrypted)"), max_length=500)
    note = _note(_("Reasons (encrypted)"))


class PlanForm(forms.Form):
    travel_documents = forms.ChoiceField(label=_("Travel documents"),
                                         choices=DocumentStatus.choices)
    consular_contact = _note(_("Consular contact (encrypted; only with the person's consent "
                               "to sharing with the consulate)"))
    escort = _note(_("Escort (encrypted)"), rows=1)
    reception = _note(_("Reception arrangement in the place of return (encrypted)"))
    travel_date = forms.DateField(label=_("Travel date"), widget=DATE, required=False)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(label=_("Move the plan to"), choices=[
        ("ready", _("Ready to travel")), ("travelled", _("Travelled"))])
    travelled_on = forms.DateField(label=_("Date of travel (when the person travelled)"),
                                   widget=DATE, required=False)


class CancelForm(forms.Form):
    reason = _note(_("Reason for cancelling (encrypted)"), required=True)


class FollowUpForm(forms.Form):
    """The outcome of one follow-up: a rating and a note for every area."""

    def __init__(self, *args: Any, follow_ups: list[FollowUp], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["follow_up"] = forms.TypedChoiceField(
            label=_("Follow-up"), coerce=int,
            choices=[(f.pk, _("%(months)d months after travel, due %(due)s")
                      % {"months": f.months, "due": f.due_on.isoformat()})
                     for f in follow_ups])
        self.fields["done_on"] = forms.DateField(label=_("Date of the follow-up"), widget=DATE)
        for domain in FollowUpDomain:
            self.fields[f"rating_{domain.value}"] = forms.ChoiceField(
                label=domain.label, choices=[("", "—"), *Outcome.choices],
                required=False)  # services.py names the area
            self.fields[f"note_{domain.value}"] = _note(_("Note (encrypted)"), rows=1)

    def outcomes(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {d.value: {"rating": data.get(f"rating_{d.value}"),
                          "note": data.get(f"note_{d.value}")} for d in FollowUpDomain}
