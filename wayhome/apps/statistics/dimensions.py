"""The dimensions an analyst can count by: each is one column of :class:`CaseFact`, a
single value per case (so the values of a dimension partition the cases), with labels.

Where each comes from (read, never decrypted):

- nationality, sex, age band: ``cases.Person`` (plain columns; the age band from
  ``age_years``; "unknown" when not recorded);
- compound and country of exploitation: ``compounds.CaseCompoundLink`` (the compound the
  case was linked to first, and that compound's country); "unknown" when not linked;
- month: the month the case was **registered** (``Case.created_at``), the time axis of
  every table (the period);
- recruitment channel: ``compounds.ExploitationFacts.recruitment_channel``, the fixed list
  the case team chooses from on the "Where was the person held?" page ("not known" when
  the team recorded that it is not known, "not recorded" when nothing was recorded);
- month of exit: ``compounds.ExploitationFacts.exited_on`` (stored as a month), else the
  latest ``held_until`` of the case's compound links, else "not recorded". An ordinary
  dimension, not a period: the lattice's periods stay months of registration;
- screening outcome: grounds level of the latest ``screening.GroundsDecision``;
- protection: ``protection.ProtectionStatus.active`` and an unrevoked, unexpired
  ``certificates.Certificate``;
- non-punishment: ``nonpunishment.LegalMeasure.status`` (the outcome text is encrypted,
  so "resolved" is all that can be said of the outcome);
- return option and reintegration: ``returns.OptionChoice`` (latest), travelled
  ``returns.ReturnPlan`` and the most serious ``returns.FollowUpOutcome`` rating.

The screening answers also describe recruitment (for example the indicator
``sc_job_ad_social_media``), but they are encrypted and are never read here: counting them
would mean decrypting every interview.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wayhome.apps.cases.models import Sex
from wayhome.apps.compounds.models import RecruitmentChannel
from wayhome.apps.returns.models import ReturnOption
from wayhome.apps.screening.models import GroundsLevel

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Promise
    values: tuple[tuple[str, Promise | str], ...]  # fixed list; empty: taken from the data

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(v for v, _label in self.values)

    @property
    def fixed(self) -> bool:
        return bool(self.values)

    def value_label(self, value: str) -> str:
        for v, label in self.values:
            if v == value:
                return str(label)
        return str(_("not recorded")) if value == UNKNOWN else value


AGE_BANDS: tuple[tuple[str, Promise | str], ...] = (
    ("0-17", _("under 18")), ("18-24", "18-24"), ("25-34", "25-34"), ("35-44", "35-44"),
    ("45+", _("45 and over")), (UNKNOWN, _("not recorded")),
)

DIMENSIONS: dict[str, Dimension] = {d.key: d for d in (
    Dimension("nationality", _("Nationality"), ()),
    Dimension("sex", _("Sex"), tuple(
        (v or UNKNOWN, label) for v, label in Sex.choices)),
    Dimension("age_band", _("Age band"), AGE_BANDS),
    Dimension("exploitation_country", _("Country of exploitation"), ()),
    Dimension("compound", _("Compound of exploitation"), ()),
    Dimension("recruitment_channel", _("Recruitment channel"), tuple(
        RecruitmentChannel.choices) + ((UNKNOWN, _("not recorded")),)),
    Dimension("exit_month", _("Month of exit"), ()),
    Dimension("month", _("Month of registration"), ()),
    Dimension("screening_outcome", _("Screening outcome"), tuple(GroundsLevel.choices) + (
        ("none", _("No decision yet")),)),
    Dimension("protection", _("Protective measures"), (
        ("certificate", _("Protected, with a protection certificate")),
        ("protected", _("Protected, no certificate in force")),
        ("not_protected", _("Not under protection")),
    )),
    Dimension("nonpunishment", _("Non-punishment"), (
        ("no_measure", _("No legal measure recorded")),
        ("not_requested", _("Measure open, non-punishment not requested")),
        ("requested", _("Non-punishment requested, pending")),
        ("resolved", _("All measures resolved")),
    )),
    Dimension("return_option", _("Return or stay"), tuple(ReturnOption.choices) + (
        ("none", _("No option chosen")),)),
    Dimension("reintegration", _("Reintegration after return"), (
        ("not_returned", _("Not returned")),
        ("no_follow_up", _("Returned, no follow-up outcome yet")),
        ("ok", _("Follow-ups OK")),
        ("concern", _("Concern at a follow-up")),
        ("serious", _("Serious concern at a follow-up")),
    )),
)}

# Dimensions whose values are the CaseFact column of the same name (month is the period).
FACT_DIMENSIONS = tuple(k for k in DIMENSIONS if k != "month")


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    if age < 18:
        return "0-17"
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 45:
        return "35-44"
    return "45+"
