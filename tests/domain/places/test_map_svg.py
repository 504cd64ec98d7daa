"""The offline map: shipped outlines for the region, a simple projection, one marker per
placed place, escaped text and no external address."""

from __future__ import annotations

import re

from wayhome.domain.places.mapsvg import (
    BOUNDARIES,
    WINDOW,
    Marker,
    Projection,
    load_boundaries,
    render_svg,
)

REQUIRED = {"KHM", "MMR", "LAO", "THA", "VNM", "PHL", "MYS", "CHN", "IDN"}


def test_the_outlines_cover_the_region_and_name_their_source_and_licence() -> None:
    data = load_boundaries()
    assert REQUIRED <= {f["properties"]["iso_a3"] for f in data["features"]}
    assert "Natural Earth" in data["source"] and "ublic domain" in data["licence"]
    assert BOUNDARIES.stat().st_size < 400_000


def test_china_and_indonesia_are_clipped_to_the_window() -> None:
    for f in load_boundaries()["features"]:
        for polygon in f["geometry"]["coordinates"]:
            for lon, lat in polygon[0]:
                assert WINDOW.west - 0.01 <= lon <= WINDOW.east + 0.01
                assert WINDOW.south - 0.01 <= lat <= WINDOW.north + 0.01


def test_the_projection_puts_the_window_corners_at_the_svg_corners() -> None:
    proj = Projection(WINDOW, 900)
    assert proj(WINDOW.north, WINDOW.west) == (0.0, 0.0)
    x, y = proj(WINDOW.south, WINDOW.east)
    assert x == 900.0 and abs(y - proj.height) < 0.1
    # Phnom Penh is east of Bangkok and south of it: x grows east, y grows south.
    bkk, pnh = proj(13.75, 100.5), proj(11.56, 104.92)
    assert pnh[0] > bkk[0] and pnh[1] > bkk[1]


def test_one_marker_per_place_inside_the_window_with_escaped_tooltips() -> None:
    markers = [
        Marker("a", "KK Park <script>", 16.6, 98.59, "reported", href="/compounds/a/"),
        Marker("b", "Johor & co", 1.49, 103.74, "raided"),
        Marker("far", "Far away", 48.0, 2.0, "active"),
    ]
    svg = render_svg(markers, title="Map")
    assert len(re.findall(r'<circle class="marker"', svg)) == 2
    assert 'data-key="far"' not in svg
    assert "<script>" not in svg and "KK Park &lt;script&gt;" in svg and "Johor &amp; co" in svg
    assert '<a href="/compounds/a/">' in svg


def test_the_svg_contacts_no_server() -> None:
    svg = render_svg([Marker("a", "A", 11.5, 104.9, "active")], title="Map")
    addresses = set(re.findall(r"https?://[^\s\"'<>]+", svg))
    assert addresses == {"http://www.w3.org/2000/svg"}  # the namespace, never fetched
