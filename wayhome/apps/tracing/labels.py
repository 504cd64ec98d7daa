"""Readable labels for the engine's comparison levels (the evidence a tracer reads)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {"name": _("Name"), "sex": _("Sex"), "birth": _("Birth"),
                "nationality": _("Nationality")}

LEVEL_LABELS = {
    ("name", "very_high"): _("names agree (very high)"),
    ("name", "high"): _("names agree (high)"),
    ("name", "medium"): _("names partly agree"),
    ("name", "low"): _("names differ"),
    ("sex", "agree"): _("same sex"),
    ("sex", "disagree"): _("different sex"),
    ("sex", "missing"): _("not known on one side"),
    ("birth", "exact"): _("same date of birth"),
    ("birth", "year_month"): _("same year and month of birth"),
    ("birth", "day_month_swapped"): _("same date with day and month swapped"),
    ("birth", "year_slip"): _("same day and month, birth years one apart"),
    ("birth", "year_only"): _("same birth year (only the year known on one side)"),
    ("birth", "year_only_within_1"): _(
        "birth year within one year (only the year known on one side)"),
    ("birth", "year_within_1"): _("birth year within one year"),
    ("birth", "year_within_3"): _("birth year within three years"),
    ("birth", "disagree"): _("birth years far apart"),
    ("birth", "missing"): _("not known on one side"),
    ("nationality", "agree"): _("same nationality"),
    ("nationality", "disagree"): _("different nationality"),
    ("nationality", "missing"): _("not known on one side"),
}


def field_label(field: str) -> str:
    return str(FIELD_LABELS.get(field, field))


def level_label(field: str, level: str) -> str:
    return str(LEVEL_LABELS.get((field, level), level.replace("_", " ")))
