"""The map page: inline SVG with a marker per placed compound, linked to its page, a
table of the same places, and no address of any outside server."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from wayhome.apps.compounds.models import Compound


def test_the_map_has_a_marker_per_placed_compound_and_a_table_of_all(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    page = client_for(users["analyst"]).get(reverse("compounds:map")).content.decode()
    assert "<svg" in page and 'class="country"' in page
    markers = set(re.findall(r'<circle class="marker" data-key="([^"]+)"', page))
    placed = set(Compound.objects.exclude(latitude=None).values_list("slug", flat=True))
    assert placed and markers == placed
    for slug in placed:
        assert f'<a href="/compounds/{slug}/"><circle class="marker" data-key="{slug}"' in page
    table = page[page.index('id="places"'):]
    for c in Compound.objects.all():
        assert f'href="/compounds/{c.slug}/"' in table
    assert "not on the map" in table  # Wanhai and the POGOs have no coordinates


def test_a_marker_shows_the_status_by_colour_and_in_its_tooltip(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    page = client_for(users["case_worker"]).get(reverse("compounds:map")).content.decode()
    kokang = re.search(r'data-key="kokang" data-status="relocated"[^>]*fill="(#[0-9A-F]+)"'
                       r'[^>]*><title>([^<]+)</title>', page)
    assert kokang and kokang.group(1) == "#CC79A7" and "Relocated" in kokang.group(2)


def test_the_map_page_loads_nothing_from_another_server(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    page = client_for(users["analyst"]).get(reverse("compounds:map")).content.decode()
    addresses = set(re.findall(r"(?:https?:)?//[a-zA-Z0-9.-]+\.[a-z]{2,}[^\s\"'<>]*", page))
    assert addresses <= {"http://www.w3.org/2000/svg"}, addresses
    assert "<script" not in page and "<img" not in page
