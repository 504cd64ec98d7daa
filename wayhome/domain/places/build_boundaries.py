"""Build ``data/boundaries.json``: simplified country outlines for the offline map.

Run once by a developer, not at runtime; the output is committed. The source is Natural
Earth 1:110m Admin 0 countries (public domain, https://www.naturalearthdata.com), as
shipped inside the geopandas 0.14.4 wheel on PyPI (``geopandas/datasets/
naturalearth_lowres``), so it can be fetched with pip alone::

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    pip install pyshp==3.1.6          # the dev extra
    python -m wayhome.domain.places.build_boundaries /tmp/ne/geopandas-0.14.4-py3-none-any.whl

Countries whose outline touches the Southeast Asia window are kept, clipped to the
window (so China and Indonesia are partial), with coordinates rounded to 0.01 degree
(about 1 km): the file stays small and the map needs no tile server.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from .mapsvg import WINDOW, Bounds

Point = tuple[float, float]
Ring = list[Point]
Inside = Callable[[Point], bool]
Cut = Callable[[Point, Point], Point]
_PREFIX = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).parent / "data" / "boundaries.json"


def _clip_edge(ring: Ring, inside: Inside, cut: Cut) -> Ring:
    out: Ring = []
    for i, cur in enumerate(ring):
        prev = ring[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cut(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cut(prev, cur))
    return out


def clip_ring(ring: Ring, w: Bounds) -> Ring:
    """Sutherland–Hodgman clipping of one polygon ring to the rectangle ``w``."""

    def at_x(x: float) -> Cut:
        def cut(a: Point, b: Point) -> Point:
            t = (x - a[0]) / (b[0] - a[0])
            return (x, a[1] + t * (b[1] - a[1]))
        return cut

    def at_y(y: float) -> Cut:
        def cut(a: Point, b: Point) -> Point:
            t = (y - a[1]) / (b[1] - a[1])
            return (a[0] + t * (b[0] - a[0]), y)
        return cut

    edges: list[tuple[Inside, Cut]] = [
        (lambda p: p[0] >= w.west, at_x(w.west)),
        (lambda p: p[0] <= w.east, at_x(w.east)),
        (lambda p: p[1] >= w.south, at_y(w.south)),
        (lambda p: p[1] <= w.north, at_y(w.north)),
    ]
    for inside, cut in edges:
        if not ring:
            break
        ring = _clip_edge(ring, inside, cut)
    return ring


def _rounded(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def build(wheel: Path, window: Bounds = WINDOW) -> dict[str, object]:
    import shapefile  # type: ignore[import-untyped]  # pyshp (dev extra), build step only

    with zipfile.ZipFile(wheel) as z:
        parts = {ext: io.BytesIO(z.read(f"{_PREFIX}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"],
                              encoding="latin-1")
    features: list[dict[str, object]] = []
    for rec in reader.iterShapeRecords():
        shape, iso = rec.shape, str(rec.record["iso_a3"])
        x0, y0, x1, y1 = shape.bbox
        if x1 < window.west or x0 > window.east or y1 < window.south or y0 > window.north:
            continue
        starts = list(shape.parts) + [len(shape.points)]
        rings = []
        for a, b in zip(starts, starts[1:]):
            ring = clip_ring([(float(p[0]), float(p[1])) for p in shape.points[a:b]], window)
            pts = _rounded(ring)
            if len(pts) >= 4:
                rings.append(pts)
        if rings:
            features.append({
                "type": "Feature",
                "properties": {"iso_a3": iso, "name": str(rec.record["name"])},
                "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
            })
    features.sort(key=lambda f: str(f["properties"]["iso_a3"]))  # type: ignore[index]
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 countries, via geopandas 0.14.4 "
                  "(geopandas/datasets/naturalearth_lowres)",
        "licence": "Public domain (Natural Earth terms of use)",
        "generated_by": "wayhome/domain/places/build_boundaries.py",
        "window": [window.west, window.south, window.east, window.north],
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_file():
        print("usage: build_boundaries.py geopandas-0.14.4-py3-none-any.whl", file=sys.stderr)
        return 2
    data = build(Path(args[0]))
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n")
    tmp.replace(OUT)
    print(f"{OUT}: {len(data['features'])} countries")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
