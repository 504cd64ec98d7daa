"""The starting registry in the database: every place with its sources and dated
history, loaded once however often the loader runs."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command

from wayhome.apps.compounds import services
from wayhome.apps.compounds.models import Citation, Compound, Source, StatusChange
from wayhome.domain.places.registry import load_registry


def test_every_seed_place_is_loaded_with_a_source_naming_it(seeded: Any) -> None:
    registry = load_registry()
    assert seeded.places_added == len(registry.places) == Compound.objects.count()
    for compound in Compound.objects.all():
        named = compound.citations.filter(fact="named").select_related("source")
        assert named.exists(), compound.slug
        assert all(c.quote and c.locator and c.source.reference for c in named)
        assert compound.status_changes.exists(), compound.slug


def test_loading_twice_adds_nothing_and_keeps_analysts_edits(seeded: Any) -> None:
    Compound.objects.filter(slug="kk-park").update(name="KK Park (edited)")
    counts = (Compound.objects.count(), Source.objects.count(), Citation.objects.count(),
              StatusChange.objects.count())
    again = services.load_seed()
    assert (again.places_added, again.sources_added) == (0, 0)
    assert counts == (Compound.objects.count(), Source.objects.count(),
                      Citation.objects.count(), StatusChange.objects.count())
    assert Compound.objects.get(slug="kk-park").name == "KK Park (edited)"


def test_the_management_command_loads_the_registry(db: Any, capsys: Any) -> None:
    call_command("load_compounds")
    assert "places added: %d" % len(load_registry().places) in capsys.readouterr().out
    assert Compound.objects.filter(slug="golden-triangle-sez", country="LAO").exists()


def test_the_seeded_history_is_dated_and_the_status_is_the_latest(seeded: Any) -> None:
    kokang = Compound.objects.get(slug="kokang")
    history = list(services.history(kokang))
    assert [h.on for h in history] == sorted(h.on for h in history)
    assert kokang.status == history[-1].status == "relocated"
