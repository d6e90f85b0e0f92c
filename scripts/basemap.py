#!/usr/bin/env python3
"""Derive the maps' vector basemap from Natural Earth, as packaged by npm's `world-atlas`.

usage: python scripts/basemap.py [--check]

Fetches world-atlas with `npm pack` at the version in data/basemap/PROVENANCE.yml, checks the
TopoJSON file against its sha256, and writes data/basemap/levant.geojson: the countries around
Syria clipped to REGION and simplified, as
  - one `land` polygon per country (filled, never stroked: its clipped edges are not borders),
  - one `border` line (arcs shared by two countries) and one `coast` line (arcs used once).
With --check, only verifies that the committed GeoJSON is what this script would write.

Natural Earth is in the public domain; world-atlas (ISC licence) converts it to TopoJSON.
"""

import json
import sys
from pathlib import Path

import yaml

from vendor import npm_package, verified       # scripts/ is on the path when run as a script

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap"
PROVENANCE = OUT / "PROVENANCE.yml"
GEOJSON = OUT / "levant.geojson"

REGION = {"west": 29.0, "south": 28.0, "east": 47.0, "north": 41.5}   # wider than any map, so
# a map zoomed out or drawn in a wide frame still has land and sea all the way to its edges
TOLERANCE = 0.01      # degrees (about 1 km): Douglas-Peucker tolerance, below what a map shows
DECIMALS = 3          # about 100 m


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends (so arcs shared by two countries still meet)."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    worst, index = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if norm == 0:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        else:
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        if distance > worst:
            worst, index = distance, i
    if worst <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[:index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def inside(point, edge: str) -> bool:
    x, y = point
    return {"west": x >= REGION["west"], "east": x <= REGION["east"],
            "south": y >= REGION["south"], "north": y <= REGION["north"]}[edge]


def crossing(a, b, edge: str):
    (x1, y1), (x2, y2) = a, b
    if edge in ("west", "east"):
        x = REGION[edge]
        return (x, y1 + (y2 - y1) * (x - x1) / (x2 - x1))
    y = REGION[edge]
    return (x1 + (x2 - x1) * (y - y1) / (y2 - y1), y)


def clip_ring(ring: list) -> list:
    """Sutherland-Hodgman clipping of a closed ring to REGION."""
    for edge in ("west", "east", "south", "north"):
        if not ring:
            return []
        out = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current, edge):
                if not inside(previous, edge):
                    out.append(crossing(previous, current, edge))
                out.append(current)
            elif inside(previous, edge):
                out.append(crossing(previous, current, edge))
        ring = out
    return ring


def clip_line(line: list) -> list[list]:
    """Split a polyline into the pieces inside REGION (Liang-Barsky per segment)."""
    pieces, current = [], []
    for a, b in zip(line, line[1:]):
        segment = clip_segment(a, b)
        if segment is None:
            if current:
                pieces.append(current)
                current = []
            continue
        start, end = segment
        if current and current[-1] == start:
            current.append(end)
        else:
            if current:
                pieces.append(current)
            current = [start, end]
        if end != b:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [piece for piece in pieces if len(piece) > 1]


def clip_segment(a, b):
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - REGION["west"]), (dx, REGION["east"] - x1),
                 (-dy, y1 - REGION["south"]), (dy, REGION["north"] - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (x1 + t0 * dx, y1 + t0 * dy)
    end = b if t1 == 1 else (x1 + t1 * dx, y1 + t1 * dy)
    return start, end


def rounded(points: list) -> list:
    out = []
    for x, y in points:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def polygons_of(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def derive(topology: dict) -> dict:
    """The basemap FeatureCollection for REGION."""
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]

    def ring_points(indexes: list) -> list:
        points: list = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    countries = topology["objects"]["countries"]["geometries"]
    users: dict[int, set[str]] = {}
    land = []
    for country in countries:
        name = country.get("properties", {}).get("name", "")
        parts = []
        for polygon in polygons_of(country):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(name)
            rings = [rounded(clip_ring(ring_points(ring))) for ring in polygon]
            rings = [ring + ring[:1] for ring in rings if len(ring) >= 3]
            if rings:
                parts.append(rings)
        if not parts:
            continue
        land.append({"type": "Feature", "properties": {"kind": "land", "name": name},
                     "geometry": {"type": "MultiPolygon", "coordinates": parts}})

    lines: dict[str, list] = {"border": [], "coast": []}
    for index, names in sorted(users.items()):
        kind = "border" if len(names) > 1 else "coast"
        for piece in clip_line(arcs[index]):
            piece = rounded(piece)
            if len(piece) > 1:
                lines[kind].append(piece)
    features = sorted(land, key=lambda f: f["properties"]["name"])
    for kind in ("border", "coast"):
        features.append({"type": "Feature", "properties": {"kind": kind},
                         "geometry": {"type": "MultiLineString", "coordinates": lines[kind]}})
    return {"type": "FeatureCollection",
            "bbox": [REGION["west"], REGION["south"], REGION["east"], REGION["north"]],
            "features": features}


def fetch_topology(provenance: dict) -> dict:
    spec = f"{provenance['package']}@{provenance['version']}"
    with npm_package(spec) as files:
        data = verified(files / provenance["file"], provenance["sha256"],
                        f"{spec} {provenance['file']}")
    return json.loads(data)


def serialise(collection: dict) -> str:
    """One feature per line: small diffs when the derivation changes."""
    head = json.dumps({k: v for k, v in collection.items() if k != "features"})[:-1]
    features = ",\n".join(json.dumps(f, separators=(",", ":")) for f in collection["features"])
    return f'{head}, "features": [\n{features}\n]}}\n'


def main() -> None:
    provenance = yaml.safe_load(PROVENANCE.read_text(encoding="utf-8"))
    text = serialise(derive(fetch_topology(provenance)))
    if "--check" in sys.argv:
        if GEOJSON.read_text(encoding="utf-8") != text:
            sys.exit(f"{GEOJSON.relative_to(ROOT)} differs from a fresh derivation")
        print(f"{GEOJSON.relative_to(ROOT)} matches a fresh derivation")
        return
    GEOJSON.write_text(text, encoding="utf-8")
    print(f"wrote {GEOJSON.relative_to(ROOT)} ({len(text.encode()) // 1024} KB)")


if __name__ == "__main__":
    main()
