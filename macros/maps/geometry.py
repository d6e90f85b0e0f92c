"""Geometry shared by the interactive and the static map: area corners and country labels."""

from matplotlib.path import Path
from matplotlib.transforms import Bbox

KM_PER_DEGREE = 111.32          # of latitude, and of longitude at the equator
MIN_LABEL_SHARE = 0.02          # a country gets a label if it fills this much of the map...
MAX_LABEL_SHARE = 0.9           # ...but not when it fills nearly all of it (a city map)


def area_corners(layer, places: dict) -> list[tuple[float, float]]:
    """The (lat, lon) corners of an area; a strip adds its far edge, depth_km to the south."""
    corners = [(places[k].lat, places[k].lon) for k in layer.through]
    if layer.depth_km:
        shift = layer.depth_km / KM_PER_DEGREE
        corners += [(lat - shift, lon) for lat, lon in reversed(corners)]
    return corners


def _ring_area(vertices) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2)
                   in zip(vertices, list(vertices[1:]) + list(vertices[:1])))) / 2


def _centroid(vertices) -> tuple[float, float]:
    pairs = list(zip(vertices, list(vertices[1:]) + list(vertices[:1])))
    twice_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs)
    return cx / (3 * twice_area), cy / (3 * twice_area)


def country_labels(basemap: dict, extent) -> list[tuple[str, float, float]]:
    """(name, lat, lon) for each country that fills a fair share of the map, placed at the
    centre of its part inside the map (so Turkey is named even when only its south shows)."""
    window = Bbox([[extent.west, extent.south], [extent.east, extent.north]])
    map_area = (extent.east - extent.west) * (extent.north - extent.south)
    labels = []
    for feature in basemap["features"]:
        if feature["properties"]["kind"] != "land":
            continue
        best = None
        for polygon in feature["geometry"]["coordinates"]:
            clipped = Path(polygon[0]).clip_to_bbox(window)
            vertices = clipped.vertices
            if len(vertices) < 3:
                continue
            area = _ring_area(vertices)
            if best is None or area > best[0]:
                best = (area, vertices)
        if best is None or not MIN_LABEL_SHARE * map_area <= best[0] <= MAX_LABEL_SHARE * map_area:
            continue
        x, y = _centroid(best[1])
        if not Path(best[1]).contains_point((x, y)):
            continue
        labels.append((feature["properties"]["name"], round(float(y), 4), round(float(x), 4)))
    return labels
