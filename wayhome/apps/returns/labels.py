"""Translated labels for the return risk factors of the law data.

The list of factors, their order and whom each applies to come from the law engine
(``wayhome.domain.law.return_risk_factors``); this module only gives each id a label
that goes through Django's translation machinery. A factor added to the data without a
label here still shows, under the data's English label (and a test fails until it gets
one).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wayhome.domain.law import ReturnRiskFactor

FACTOR_LABELS = {
    "re_trafficking": _("Re-trafficking"),
    "reprisals": _("Reprisals against the person or family"),
    "persecution": _("Persecution on refugee grounds"),
    "torture_or_threat_to_life": _("Torture or threat to life"),
    "punishment_on_return": _(
        "Prosecution or administrative penalty on return for trafficking-linked acts"),
    "stigma": _("Stigma"),
    "no_reintegration_support": _("No reintegration support"),
    "child_best_interests": _(
        "For a child: a best-interests determination and family tracing first"),
    "pending_proceedings": _("Pending proceedings or compensation claims"),
}

FACTOR_HINTS = {
    "re_trafficking": _("For example outstanding debt, the recruiter in the home area, "
                        "earlier trafficking."),
    "persecution": _("For example Myanmar nationals: forced conscription since February 2024."),
    "punishment_on_return": _("For example scam offences, irregular exit, re-entry."),
}


def factor_label(factor: ReturnRiskFactor | str, fallback: str = "") -> str:
    """The translated label of a factor (or of a factor id), else the data's label."""
    fid = factor if isinstance(factor, str) else factor.id
    if fid in FACTOR_LABELS:
        return str(FACTOR_LABELS[fid])
    if not isinstance(factor, str):
        return factor.label
    return fallback or fid


def factor_hint(factor: ReturnRiskFactor) -> str:
    if factor.id in FACTOR_HINTS:
        return str(FACTOR_HINTS[factor.id])
    return "; ".join(factor.examples)
