"""Forms of the tracing pages. They only parse input; the rules are in services.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from wayhome.apps.cases.forms import INTERVIEW_LANGUAGES, country_choices

from .models import BestInterestsDecision, CloseReason, ReportSex

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label: StrOrPromise, required: bool = False, rows: int = 0,
          help_text: StrOrPromise = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, required=required, max_length=2000, widget=widget,
                           help_text=help_text)


class ReportForm(forms.Form):
    reporter_name = _text(_("Name of the person reporting"), required=True)
    reporter_relation = _text(_("Relation to the missing person"), required=True,
                              help_text=_("e.g. mother, brother, wife"))
    reporter_contact = _text(_("How to reach the family"), required=True, rows=2)
    missing_name = _text(_("Name of the missing person, as the family writes it"),
                         required=True, help_text=_("In any script: ខ្មែរ, ไทย, မြန်မာ, 中文, "
                                                    "Tiếng Việt…"))
    other_names = _text(_("Other names or spellings (one per line)"), rows=3)
    sex = forms.ChoiceField(label=_("Sex"), choices=ReportSex.choices, required=False)
    birth = forms.CharField(label=_("Date or year of birth"), required=False, max_length=10,
                            help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"))
    approximate_age = forms.IntegerField(label=_("Approximate age, if the date is not known"),
                                         required=False, min_value=0, max_value=119)
    nationality = forms.ChoiceField(label=_("Nationality"), choices=country_choices,
                                    required=False)
    last_known_place = _text(_("Last known place"))
    last_heard_of = forms.CharField(label=_("Date last heard of"), required=False,
                                    max_length=10, help_text=_("YYYY, YYYY-MM or YYYY-MM-DD"))
    destination = _text(_("Where they were going, or the job they were offered"), rows=2)
    consent_given = forms.BooleanField(
        label=_("The family consents to tracing (matching with registered persons)"),
        required=False)
    consent_by = _text(_("Who in the family gave consent"))
    consent_on = forms.DateField(label=_("Date consent was given"), required=False,
                                 widget=DATE)
    consent_language = forms.ChoiceField(label=_("Language the family was informed in"),
                                         choices=[("", "—"), *INTERVIEW_LANGUAGES],
                                         required=False)


class ConsentForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("The family's answer"),
        choices=[("yes", _("Gives consent to tracing")), ("no", _("Withdraws consent"))],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect)
    consent_by = _text(_("Who in the family"), required=True)
    consent_on = forms.DateField(label=_("Date"), widget=DATE)
    consent_language = forms.ChoiceField(label=_("Language the family was informed in"),
                                         choices=INTERVIEW_LANGUAGES)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why the report is closed"), choices=CloseReason.choices,
                               widget=forms.RadioSelect)
    note = _text(_("Note (encrypted)"), rows=2,
                 help_text=_("Required for “Other”. For a duplicate, give the other report's "
                             "reference."))


class ReopenForm(forms.Form):
    reason = _text(_("Why the report is re-opened"), required=True, rows=2)


class RejectForm(forms.Form):
    reason = _text(_("Why this is not the person (optional)"), rows=2)


class AdultAnswerForm(forms.Form):
    agrees = forms.ChoiceField(
        label=_("The person's answer"),
        choices=[("yes", _("Agrees that the family is told")),
                 ("no", _("Does not wish the family to be told"))],
        widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Language the person was asked in"),
                                 choices=INTERVIEW_LANGUAGES)
    contact_route = _text(_("How the family may make contact (as the person chose)"), rows=2,
                          help_text=_("Only if the person agrees. e.g. “through our office”"))
    share_location = forms.BooleanField(
        label=_("The person agrees that the family is told where they are"), required=False)
    location = _text(_("What may be said about where they are"))
    note = _text(_("Note (encrypted)"), rows=2)


class BestInterestsForm(forms.Form):
    best_interests = forms.ChoiceField(label=_("Outcome"),
                                       choices=BestInterestsDecision.choices,
                                       widget=forms.RadioSelect)
    reasons = _text(_("Reasons"), required=True, rows=3)
    child_views = _text(_("The child's views"), required=True, rows=2)
    contact_route = _text(_("How the family may make contact"), rows=2,
                          help_text=_("Only if telling the family is in the child's best "
                                      "interests."))
    share_location = forms.BooleanField(label=_("The family may be told where the child is"),
                                        required=False)
    location = _text(_("What may be said about where the child is"))
