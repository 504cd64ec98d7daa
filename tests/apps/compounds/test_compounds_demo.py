"""The demo dataset carries the registry and some (suppressed) corroboration."""

from __future__ import annotations

from typing import Any

from wayhome.apps.compounds import services
from wayhome.apps.compounds.models import CaseCompoundLink, Compound
from wayhome.domain.places.registry import load_registry


def test_the_demo_loads_the_registry_and_links_demo_cases(db: Any) -> None:
    from wayhome import demo

    assert demo.load(volume=0)  # the hand-written cases alone
    assert Compound.objects.count() == len(load_registry().places)
    assert CaseCompoundLink.objects.exists()
    kk = Compound.objects.get(slug="kk-park")
    links = CaseCompoundLink.objects.filter(compound=kk).count()
    assert 0 < links < services.stats_k()  # few demo cases: the registry shows them suppressed
    assert services.corroboration(kk).cases.suppressed


def test_with_the_synthetic_volume_the_registry_shows_corroboration(db: Any) -> None:
    from wayhome import demo
    from wayhome.apps.compounds.models import ExploitationFacts

    assert demo.load(volume=120)
    kk = Compound.objects.get(slug="kk-park")
    assert not services.corroboration(kk).cases.suppressed  # enough cases: a real count
    assert ExploitationFacts.objects.count() > 100
