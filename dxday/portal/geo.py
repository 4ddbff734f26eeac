"""The map of the 34 provinces: built once from an openly licensed map of the former 63 provinces merged by
the registry's own successor links (`dxday build_map` writes data/provinces-34.geojson, committed), then
drawn as SVG paths on the server (no tile server, no script: the users' networks may be closed).

Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) are part of Việt Nam and are drawn with their provinces, as
maps published in Việt Nam must be; the source map leaves them out, so their main islands are added here.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from dxday.core.text import fold

DATA = Path(__file__).parent / "data"
SOURCE = DATA / "ne_admin1_vnm.geojson"  # Natural Earth admin-1 (public domain): the 63 former provinces
MAP = DATA / "provinces-34.geojson"

# Source names that are not the registry's short name of the same old province (folded).
ALIASES = {"thua thien hue": "Huế"}

# (name, the old province it belongs to, its main islands as (longitude, latitude)).
ARCHIPELAGOS: list[tuple[str, str, list[tuple[float, float]]]] = [
    (
        "Quần đảo Hoàng Sa",
        "Đà Nẵng",
        [(112.339, 16.834), (112.733, 16.667), (111.605, 16.533), (111.71, 16.45), (111.202, 15.783)],
    ),
    (
        "Quần đảo Trường Sa",
        "Khánh Hòa",
        [
            (114.33, 11.43),
            (114.285, 11.055),
            (114.365, 10.377),
            (114.36, 10.18),
            (114.33, 9.885),
            (111.92, 8.645),
            (112.91, 7.89),
        ],
    ),
]
# What the drawing writes beside each archipelago.
LABELS = {"Quần đảo Hoàng Sa": _("QĐ. Hoàng Sa"), "Quần đảo Trường Sa": _("QĐ. Trường Sa")}
ISLAND_RADIUS = 0.07  # degrees: a dot a few pixels wide at the page's scale
SIMPLIFY = 0.01  # degrees (about 1 km): below a pixel of the drawn map
PRECISION = 3  # decimals kept in the built file


def _source_name(props: dict[str, Any]) -> list[str]:
    names = [
        (props.get("woe_label") or "").split(",")[0],
        props.get("name") or "",
        props.get("name_alt") or "",
    ]
    return [fold(n).removeprefix("thanh pho ").removeprefix("tinh ") for n in names if n]


def build() -> dict[str, Any]:
    """The 34 current provinces as a GeoJSON FeatureCollection, from the source map and the registry: each
    old province's shape goes to the province its successor link leads to (Area.current_province)."""
    from shapely.geometry import MultiPolygon, Point, mapping, shape
    from shapely.ops import unary_union

    from dxday.registry.models import Area, Level, Structure

    old = {
        fold(a.short_name): a
        for a in Area.objects.filter(level=Level.PROVINCE, structure=Structure.LEGACY).select_related(
            "current_province"
        )
    }
    aliases = {k: old[fold(v)] for k, v in ALIASES.items()}
    shapes: dict[int, list] = {}
    current: dict[int, Area] = {}
    unnamed = []
    for feature in json.loads(SOURCE.read_text(encoding="utf-8"))["features"]:
        geometry = shape(feature["geometry"])
        names = _source_name(feature["properties"])
        area = next((old.get(n) or aliases.get(n) for n in names if n in old or n in aliases), None)
        if area is None:
            unnamed.append(geometry)  # minor islands: they join the nearest province below
            continue
        target = area.current_province
        if target is None:
            raise ValueError(f"{area} has no current province in the registry")
        current[target.pk] = target
        shapes.setdefault(target.pk, []).append(geometry)
    missing = set(a.short_name for a in old.values()) - {
        a.short_name for a in old.values() if a.current_province_id in shapes
    }
    if missing:
        raise ValueError(f"the source map has no shape for {sorted(missing)}")
    merged = {pk: unary_union(parts) for pk, parts in shapes.items()}
    for geometry in unnamed:
        nearest = min(merged, key=lambda pk: merged[pk].distance(geometry))
        merged[nearest] = unary_union([merged[nearest], geometry])
    archipelagos: dict[int, list[str]] = {}
    for name, owner, islands in ARCHIPELAGOS:
        pk = old[fold(owner)].current_province_id
        dots = [Point(lon, lat).buffer(ISLAND_RADIUS, quad_segs=4) for lon, lat in islands]
        merged[pk] = unary_union([merged[pk], *dots])
        archipelagos.setdefault(pk, []).append(name)
    features = []
    for pk in sorted(merged, key=lambda pk: current[pk].code):
        area = current[pk]
        geometry = merged[pk].simplify(SIMPLIFY, preserve_topology=True)
        if geometry.geom_type == "Polygon":
            geometry = MultiPolygon([geometry])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": area.code,
                    "name": area.name,
                    "archipelagos": archipelagos.get(pk, []),
                },
                "geometry": _rounded(mapping(geometry)),
            }
        )
    return {
        "type": "FeatureCollection",
        "source": json.loads(SOURCE.read_text(encoding="utf-8"))["source"]
        + " Merged into the 34 provinces of 2025 by dxday's registry (`dxday build_map`).",
        "features": features,
    }


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    def walk(c):
        if isinstance(c[0], int | float):
            return [round(c[0], PRECISION), round(c[1], PRECISION)]
        return [walk(x) for x in c]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def dumps(collection: dict[str, Any]) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- drawing -----------------------------------------------------------------------------------------------

WIDTH = 560  # SVG user units; the page scales it


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str  # SVG path data
    archipelagos: tuple[tuple[str, str, str], ...]  # (label, x, y) with x and y ready for the SVG


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: dict[str, Shape]  # by province code
    sea: tuple[str, str]  # where "Biển Đông" is written


@cache
def drawing() -> Drawing:
    """The built map projected once per process (equirectangular, shrunk by the cosine of the middle
    latitude so that shapes keep their proportions at Việt Nam's latitudes)."""
    collection = json.loads(MAP.read_text(encoding="utf-8"))
    points = [
        p
        for f in collection["features"]
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for p in ring
    ]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * squeeze * scale, (north - lat) * scale

    shapes = {}
    labels = {name: islands for name, _owner, islands in ARCHIPELAGOS}
    for f in collection["features"]:
        parts = []
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                pts = [xy(lon, lat) for lon, lat in ring[:-1]]
                parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z")
        marks = []
        for name in f["properties"]["archipelagos"]:
            lon = sum(p[0] for p in labels[name]) / len(labels[name])
            x, y = xy(lon, max(p[1] for p in labels[name]))
            x = min(max(x, 50), WIDTH - 50)  # a label about 100 units wide stays inside the drawing
            marks.append((LABELS[name], f"{x:.1f}", f"{y - 8:.1f}"))  # centred above the northernmost island
        code = f["properties"]["code"]
        shapes[code] = Shape(code, f["properties"]["name"], "".join(parts), tuple(marks))
    sea_x, sea_y = xy(112.0, 13.0)
    return Drawing(WIDTH, height, shapes, (f"{sea_x:.1f}", f"{sea_y:.1f}"))
