"""The starting registry: every place the issue lists is there, each with a source
passage that names it, a dated history, and an honest precision note."""

from __future__ import annotations

import os

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from wayhome.domain.places.model import Fact, Kind, Status
from wayhome.domain.places.registry import DATA, RegistryError, load_registry, parse

# The places issue 6 names, by slug in the registry, with the country it names them in.
ISSUE_PLACES = {
    "KHM": ["sihanoukville", "pailin", "anlong-veng-osmach", "phnom-penh", "kandal", "pursat",
            "koh-kong", "bavet", "chrey-thom", "kampot", "oddar-meanchey", "poipet",
            "svay-rieng", "banteay-meanchey", "dara-sakor-sez", "henge-thmorda-sez"],
    "MMR": ["shwe-kokko", "myawaddy", "payathonzu", "kk-park", "kokang", "wanhai", "tangyan",
            "mong-la", "yangon"],
    "LAO": ["golden-triangle-sez", "bokeo"],
    "PHL": ["clark-freeport-zone", "philippine-offshore-gaming-operators"],
    "MYS": ["langkawi", "johor"],
}
# The seed documents sit beside the checkout (../shared/seeds) or where WAYHOME_SEEDS says.
SEEDS = Path(os.environ.get("WAYHOME_SEEDS", Path(__file__).resolve().parents[3].parent
                            / "shared" / "seeds"))
SEED_FILES = {"al-khm-1-2025": "AL-KHM-1-2025-Cambodia.txt",
              "al-oth-17-2025": "AL-OTH-17-2025-ASEAN.txt",
              "al-tha-3-2025": "AL-THA-3-2025-Thailand.txt",
              "ohchr-2023": "OHCHR-2023-online-scam-operations-briefing-paper.txt"}


def _raw() -> dict[str, Any]:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


def _keys(place: Any) -> list[str]:
    names = [place.name, *place.aliases]
    return [n.removesuffix(" Province").casefold() for n in names]


def test_every_place_the_issue_lists_is_loaded_in_its_country() -> None:
    registry = load_registry()
    for country, slugs in ISSUE_PLACES.items():
        for slug in slugs:
            assert registry.place(slug).country == country, slug


def test_viet_nam_and_thailand_have_recruitment_and_transit_hotspots() -> None:
    places = load_registry().places
    for country in ("VNM", "THA"):
        kinds = {p.kind for p in places if p.country == country}
        assert Kind.RECRUITMENT_HOTSPOT in kinds and Kind.TRANSIT_HOTSPOT in kinds, country


def test_every_place_cites_a_known_source_with_a_quote_that_names_it() -> None:
    registry = load_registry()
    for place in registry.places:
        named = [c for c in place.citations if c.fact == Fact.NAMED]
        assert named, place.slug
        assert all(c.source_id in registry.sources and c.locator for c in place.citations)
        assert any(k in c.quote.casefold() for c in named for k in _keys(place)), place.slug


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_every_quote_is_verbatim_in_its_seed_document() -> None:
    registry = load_registry()
    texts = {sid: (SEEDS / name).read_text(encoding="utf-8") for sid, name in SEED_FILES.items()}
    for place in registry.places:
        for c in [*place.citations, *(e.citation for e in place.history)]:
            assert c.quote in texts[c.source_id], (place.slug, c.quote)


def test_the_history_is_in_date_order_and_the_latest_entry_is_the_status() -> None:
    kokang = load_registry().place("kokang")
    dates = [e.on for e in kokang.history]
    assert dates == sorted(dates) and len(dates) >= 2
    assert kokang.status == Status.RELOCATED
    assert load_registry().place("phnom-penh").status == Status.REPORTED


def test_places_with_coordinates_say_how_approximate_they_are() -> None:
    for place in load_registry().places:
        assert place.precision
        if place.lat is not None:
            assert "approximate" in place.precision, place.slug
    assert load_registry().place("wanhai").lat is None  # not placed rather than guessed


def test_a_place_without_a_source_is_refused_with_every_problem_listed() -> None:
    data = copy.deepcopy(_raw())
    data["places"][0]["cite"] = []
    data["places"][1]["country"] = "XX"
    data["places"][2]["lat"] = 95.0
    with pytest.raises(RegistryError) as err:
        parse(data)
    text = " ".join(err.value.problems)
    assert "no citation naming the place" in text
    assert "not an ISO 3166 alpha-3 code" in text and "coordinates out of range" in text


def test_an_unknown_passage_or_status_is_refused() -> None:
    data = copy.deepcopy(_raw())
    data["places"][0]["cite"].append({"p": "nowhere", "quote": "x"})
    data["places"][1]["status"] = [{"date": "2025-01-01", "status": "vanished",
                                    "p": "khm", "quote": "x"}]
    with pytest.raises(RegistryError) as err:
        parse(data)
    assert any("unknown passage" in p for p in err.value.problems)
    assert any("unknown status" in p for p in err.value.problems)
