"""Draw the registry map as inline SVG, from shipped country outlines: no tile server,
no script, works offline and prints.

The projection is equirectangular with the x axis scaled by cos(mid-latitude) (a
"plate carrée" corrected for the window's latitude), which keeps Southeast Asia's
shapes recognisable and makes the arithmetic trivial to test.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

BOUNDARIES = Path(__file__).parent / "data" / "boundaries.json"

# Colours per status, readable on the light land colour and distinct for the common
# forms of colour blindness (Okabe–Ito palette); the status is also in the tooltip
# and in the table under the map, never conveyed by colour alone.
STATUS_COLOURS: dict[str, str] = {
    "reported": "#E69F00",
    "active": "#D55E00",
    "raided": "#0072B2",
    "relocated": "#CC79A7",
    "closed": "#555555",
}


@dataclass(frozen=True)
class Bounds:
    west: float
    south: float
    east: float
    north: float


# Southeast Asia, with southern China and northern Indonesia.
WINDOW = Bounds(west=92.0, south=-1.0, east=127.0, north=26.0)


@dataclass(frozen=True)
class Marker:
    key: str
    label: str          # tooltip text (name, status, precision)
    lat: float
    lon: float
    status: str
    href: str = ""


@dataclass(frozen=True)
class Projection:
    window: Bounds
    width: float

    @property
    def _kx(self) -> float:
        mid = math.radians((self.window.north + self.window.south) / 2)
        return math.cos(mid)

    @property
    def height(self) -> float:
        span_x = (self.window.east - self.window.west) * self._kx
        return self.width * (self.window.north - self.window.south) / span_x

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        """(x, y) in SVG units; y grows downwards."""
        x = (lon - self.window.west) / (self.window.east - self.window.west) * self.width
        y = (self.window.north - lat) / (self.window.north - self.window.south) * self.height
        return round(x, 1), round(y, 1)

    def contains(self, lat: float, lon: float) -> bool:
        w = self.window
        return w.south <= lat <= w.north and w.west <= lon <= w.east


@lru_cache(maxsize=1)
def load_boundaries(path: Path = BOUNDARIES) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _path(polygons: list[list[list[list[float]]]], proj: Projection) -> str:
    parts: list[str] = []
    for polygon in polygons:
        for ring in polygon:
            pts = [proj(lat, lon) for lon, lat in ring]
            parts.append("M" + " L".join(f"{x},{y}" for x, y in pts) + " Z")
    return " ".join(parts)


def render_svg(markers: list[Marker], *, title: str, width: float = 900,
               boundaries: dict[str, Any] | None = None, window: Bounds = WINDOW) -> str:
    """The map: countries (with their ISO code as tooltip), then one marker per place
    inside the window, each a link when ``href`` is given. Text is escaped here."""
    proj = Projection(window, width)
    data = boundaries if boundaries is not None else load_boundaries()
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="placemap" role="img" '
        f'aria-labelledby="placemap-title" viewBox="0 0 {width:g} {proj.height:.0f}">',
        f'<title id="placemap-title">{escape(title)}</title>',
        f'<rect x="0" y="0" width="{width:g}" height="{proj.height:.0f}" fill="#dfeef7"/>',
    ]
    for feature in data.get("features", []):
        props, geom = feature["properties"], feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out.append(
            f'<path class="country" data-iso="{escape(str(props["iso_a3"]))}" '
            f'fill="#f4f1e8" stroke="#8a8a8a" stroke-width="0.6" d="{_path(polygons, proj)}">'
            f'<title>{escape(str(props["name"]))}</title></path>')
    for m in markers:
        if not proj.contains(m.lat, m.lon):
            continue
        x, y = proj(m.lat, m.lon)
        colour = STATUS_COLOURS.get(m.status, "#000000")
        dot = (f'<circle class="marker" data-key="{escape(m.key)}" data-status="{escape(m.status)}"'
               f' cx="{x}" cy="{y}" r="5" fill="{colour}" stroke="#222" stroke-width="0.8">'
               f'<title>{escape(m.label)}</title></circle>')
        out.append(f'<a href="{escape(m.href)}">{dot}</a>' if m.href else dot)
    out.append("</svg>")
    return "\n".join(out)
