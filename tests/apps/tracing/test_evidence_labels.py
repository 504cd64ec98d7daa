"""Every comparison level the linkage engine can give has a translatable label on the
tracer's candidate page (an unlabelled level showed its raw id, e.g. "year only")."""

from __future__ import annotations

from django.utils.functional import Promise

from wayhome.apps.tracing.labels import LEVEL_LABELS, level_label
from wayhome.domain.linkage import load_settings


def test_every_level_of_the_linkage_settings_has_a_translatable_label() -> None:
    missing = [(c.field, lv.id) for c in load_settings().comparisons for lv in c.levels
               if not isinstance(LEVEL_LABELS.get((c.field, lv.id)), Promise)]
    assert missing == []


def test_a_year_only_birth_is_described_as_such() -> None:
    assert "only the year" in level_label("birth", "year_only")
