"""The static twin: the same MapSpec drawn as SVG with matplotlib, for print, PDF and no-JS readers.

The projection is plain longitude/latitude with the aspect ratio of the map's middle latitude,
which at this scale looks like the interactive map. English text stays text in the SVG (fonttype
none), so it prints sharp, can be searched, and the tests can read the labels. Colours and kinds
follow the interactive map (interactive.py).

In Arabic, matplotlib joins the letters and sets each label right to left itself (libraqm, since
3.11: matplotlib#30000), so labels go to it as they are, in reading order; the older recipe of
arabic-reshaper and python-bidi would now reverse them. DejaVu Sans, which matplotlib ships, has
Arabic letters, so every machine draws the same map; Noto Sans Arabic would draw each line of
text about twice as tall at 8 pt (its ascent and descent), more than the key and the labels'
boxes, sized for the English, have room for. Text in an SVG is set again by whatever shows it,
and not every viewer joins Arabic letters (WeasyPrint 70, which prints the PDF, draws them one
by one), so an Arabic map's SVG holds its labels as matplotlib drew them, as outlines
(TEXT_AS_PATHS), each after a comment with its text. Its key reads from the right.
"""

import io
import math

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from matplotlib.transforms import Bbox

from .geometry import area_corners, country_labels
from ..i18n import DIRECTION, say
from .model import (AreaLayer, EventsLayer, LineLayer, MapSpec, PlacesLayer, ShownEvent,
                    blank_order, country_name, credit, key_band, key_columns, key_foot,
                    key_labels, key_layout, kind_word, short_date, shown_events,
                    static_figure_size)
from .style import AREA_STYLE, BASE_STYLE, EVENT_STYLE, KIND_STYLE, LINE_STYLE, SEA

MARKERS = {"city": "o", "town": "o", "neighbourhood": "s", "landmark": "D", "airport": "^",
           "crossing": "s", "base": "P", "post": "v", "camp": "h"}
OFFSETS = {"right": (7, 0, "left", "center"), "left": (-7, 0, "right", "center"),
           "top": (0, 7, "center", "bottom"), "bottom": (0, -8, "center", "top"),
           "none": (7, 0, "left", "center")}
# A pale box behind labels (not a stroked halo, which matplotlib would turn into paths).
HALO = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}
TEXT_AS_PATHS = {"ar"}      # languages whose SVG maps hold their labels as outlines (see above)


def _aspect(spec: MapSpec) -> float:
    """Height of one degree of longitude's width, at the map's middle latitude."""
    return 1 / math.cos(math.radians((spec.extent.south + spec.extent.north) / 2))


def _settings(spec: MapSpec, lang: str) -> dict:
    # parse_math off: labels come from data, and "$1 to $2" is text, not mathematics.
    return {"svg.fonttype": "path" if lang in TEXT_AS_PATHS else "none",
            "svg.hashsalt": spec.id, "text.parse_math": False,
            "font.family": "DejaVu Sans", "font.size": 8.5}


def render_svg(spec: MapSpec, book, basemap: dict, blank: bool = False, lang: str = "en") -> str:
    """The static map of `spec` (places and events from `book`, words in `lang`) as an SVG
    document; `blank` numbers the places instead of naming them and leaves out the events, for
    a map exercise."""
    with rc_context(_settings(spec, lang)):
        fig = _figure(spec, book, basemap, blank, lang=lang, canvas=FigureCanvasSVG)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Title": spec.title})
    return out.getvalue()


def render_png(spec: MapSpec, book, basemap: dict, dpi: int = 150, scale: float = 1.0,
               lang: str = "en") -> bytes:
    """The same map as a PNG picture, for files that take no SVG (slides, Word documents).
    `scale` below 1 draws the map smaller with text of the same size, so that shown larger (on
    a slide) its labels grow too."""
    with rc_context(_settings(spec, lang)):
        fig = _figure(spec, book, basemap, False, scale, lang=lang, canvas=FigureCanvasAgg)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    return out.getvalue()


def _figure(spec: MapSpec, book, basemap: dict, blank: bool, scale: float = 1.0,
            lang: str = "en", canvas=FigureCanvasSVG) -> Figure:
    """The map drawn on a matplotlib figure, inside the caller's rc_context, on the `canvas`
    that will write it (labels near an edge are measured there); `scale` shrinks the map but
    not its key or its text."""
    places = book.places
    width, height = static_figure_size(spec, places, lang)
    map_height = height - key_band(key_layout(spec, places, width, lang)[2],
                                   key_foot(spec, width, lang))
    width = width * scale
    wrapped, columns, lines = key_layout(spec, places, width, lang)
    foot = key_foot(spec, width, lang)
    height = map_height * scale + key_band(lines, foot)
    entry = dict(zip(key_labels(spec, places, lang), wrapped))
    fig = Figure(figsize=(width, height))
    canvas(fig)
    bottom = key_band(lines, foot) / height
    ax = fig.add_axes((0.01, bottom, 0.98, 1 - bottom - 0.01))
    e = spec.extent
    ax.set_xlim(e.west, e.east)
    ax.set_ylim(e.south, e.north)
    ax.set_aspect(_aspect(spec), adjustable="box")
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    _basemap(ax, basemap, spec, lang)
    handles = []
    for layer in spec.layers:
        if isinstance(layer, AreaLayer):
            handles += _area(ax, layer, places, lang)
    for layer in spec.layers:
        if isinstance(layer, LineLayer):
            handles += _line(ax, layer, places, lang)
    numbers = {place: str(n) for n, place in enumerate(blank_order(spec), start=1)}
    for layer in spec.layers:
        if isinstance(layer, PlacesLayer):
            handles += _places(ax, layer, places, lang, numbers if blank else None)
    for layer in spec.layers:
        if isinstance(layer, EventsLayer) and not blank:
            handles += _events(ax, layer.name, shown_events([layer], book.events_by_id),
                               places, lang)
    _scale_bar(ax, spec, lang)
    unique = list({handle.get_label(): handle for handle in handles}.values())
    for handle in unique:
        handle.set_label(entry[handle.get_label()])
    ltr = DIRECTION[lang] == "ltr"
    order = key_columns(len(unique), columns, lang)
    unique, columns = [unique[i] for column in order for i in column], len(order)
    # The key starts where the reader does, left or right; the credit line takes the other side.
    key = fig.legend(handles=unique, loc="lower left" if ltr else "lower right",
                     bbox_to_anchor=(0.01 if ltr else 0.99, foot / height), markerfirst=ltr,
                     ncol=columns, frameon=False, fontsize=8, handlelength=1.6,
                     columnspacing=1.2, borderaxespad=0, borderpad=0, labelspacing=0.45)
    for text in key.get_texts() if not ltr else ():
        text.set_horizontalalignment("right")     # an entry's lines start at its marker
    fig.text(0.99 if ltr else 0.01, 0.06 / height, credit(spec, width, lang),
             ha="right" if ltr else "left", va="bottom", fontsize=7, color="#555555")
    return fig


def _window(spec: MapSpec) -> Bbox:
    """The extent with a small margin: what the static map draws of the basemap."""
    e = spec.extent
    margin = 0.05 * max(e.east - e.west, e.north - e.south)
    return Bbox([[e.west - margin, e.south - margin], [e.east + margin, e.north + margin]])


def _pieces_inside(line: list, window: Bbox) -> list[list]:
    """The runs of a polyline that come near the window (the SVG need not hold the rest)."""
    pieces, current = [], []
    for a, b in zip(line, line[1:]):
        if window.count_overlaps([Bbox([[min(a[0], b[0]), min(a[1], b[1])],
                                        [max(a[0], b[0]), max(a[1], b[1])]])]):
            current = current or [a]
            current.append(b)
        elif current:
            pieces.append(current)
            current = []
    return pieces + ([current] if current else [])


def _basemap(ax, basemap: dict, spec: MapSpec, lang: str) -> None:
    window = _window(spec)
    for feature in basemap["features"]:
        kind = feature["properties"]["kind"]
        geometry = feature["geometry"]
        if kind == "land":
            for polygon in geometry["coordinates"]:
                clipped = [Path(ring, closed=True).clip_to_bbox(window) for ring in polygon]
                clipped = [path for path in clipped if len(path.vertices)]
                if clipped:
                    ax.add_patch(PathPatch(Path.make_compound_path(*clipped),
                                           facecolor=BASE_STYLE["land"]["fillColor"],
                                           edgecolor="none", zorder=1))
        elif kind in ("border", "coast"):
            style = BASE_STYLE[kind]
            lines = [piece for line in geometry["coordinates"]
                     for piece in _pieces_inside(line, window)]
            ax.add_collection(LineCollection(
                lines, colors=style["color"], linewidths=style["weight"] * 0.8,
                linestyles=(0, (4, 2.5)) if kind == "border" else "solid", zorder=2))
    for name, lat, lon in country_labels(basemap, spec.extent):
        ax.text(lon, lat, country_name(name, lang).upper(), ha="center",
                va="center", fontsize=8, color="#8a8a8a", zorder=3)


def _area(ax, layer: AreaLayer, places: dict, lang: str) -> list:
    corners = [(lon, lat) for lat, lon in area_corners(layer, places)]
    colour = AREA_STYLE["color"]
    ax.add_patch(PathPatch(Path(corners + corners[:1], closed=True),
                           facecolor=(0.42, 0.11, 0.6, 0.10),
                           edgecolor=colour, linestyle=(0, (5, 3)), linewidth=1.4,
                           hatch="///", zorder=4))
    x = sum(lon for lon, _ in corners) / len(corners)
    y = sum(lat for _, lat in corners) / len(corners)
    ax.text(x, y, layer.label(lang, sep="\n"), ha="center", va="center",
            fontsize=7, color=colour, bbox=HALO, zorder=9, linespacing=1.1)
    return [Patch(facecolor=(0.42, 0.11, 0.6, 0.10), edgecolor=colour, hatch="///",
                  linestyle="--", label=say(lang, "map-key-area"))]


def _line(ax, layer: LineLayer, places: dict, lang: str) -> list:
    style = LINE_STYLE[layer.style]
    xs = [places[k].lon for k in layer.through]
    ys = [places[k].lat for k in layer.through]
    dashes = tuple(float(n) / 2 for n in style["dash_array"].split()) if "dash_array" in style else None
    line = ax.plot(xs, ys, color=style["color"], linewidth=style["weight"] * 0.75, zorder=5,
                   solid_capstyle="round", label=layer.name,
                   **({"linestyle": (0, dashes)} if dashes else {}))[0]
    if layer.label:
        middle = len(xs) // 2
        x, y = (xs[middle - 1] + xs[middle]) / 2, (ys[middle - 1] + ys[middle]) / 2
        if ax.get_xlim()[0] <= x <= ax.get_xlim()[1] and ax.get_ylim()[0] <= y <= ax.get_ylim()[1]:
            ax.text(x, y, layer.label, ha="center", va="center", fontsize=7,
                    weight="bold", color="white", zorder=6,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": style["color"],
                          "edgecolor": "none"})
    return [line]


def _places(ax, layer: PlacesLayer, places: dict, lang: str,
            numbers: dict | None = None) -> list:
    handles = []
    for ref in layer.places:
        place = places[ref.id]
        style = KIND_STYLE[place.kind]
        marker = MARKERS[place.kind.value]
        colour = layer.colour or style["color"]
        ax.plot(place.lon, place.lat, marker=marker, markersize=style["radius"] * 1.25,
                color=colour, markeredgecolor="white", markeredgewidth=0.8, zorder=7)
        text = numbers[ref.id] if numbers else place.name
        dx, dy, ha, va = _inside(ax, place.lon, place.lat, ref.label, text)
        ax.annotate(text, (place.lon, place.lat),
                    xytext=(dx, dy),
                    textcoords="offset points", ha=ha, va=va, fontsize=8, zorder=8,
                    bbox=HALO)
        handles.append(Line2D([], [], marker=marker, linestyle="none", color=colour,
                              markeredgecolor="white", markersize=6,
                              label=layer.name if layer.colour else
                              kind_word(place.kind, lang, key=True)))
    return handles


def _events(ax, name: str, events: list[ShownEvent], places: dict, lang: str) -> list:
    by_place: dict[str, list] = {}
    for event in events:
        by_place.setdefault(event.place, []).append(event)
    for key, events in by_place.items():
        place = places[key]
        ax.plot(place.lon, place.lat, marker="o", markersize=EVENT_STYLE["radius"] * 1.1,
                color=EVENT_STYLE["fillColor"], markeredgecolor="white", markeredgewidth=1,
                zorder=7)
        comma = say(lang, "map-comma")
        dates = comma.join(dict.fromkeys(short_date(e.date, lang) for e in events))
        text = f"{place.name}{comma}{dates}"
        dx, dy, ha, va = _inside(ax, place.lon, place.lat, events[0].label, text)
        ax.annotate(text, (place.lon, place.lat), xytext=(dx, dy),
                    textcoords="offset points", ha=ha, va=va, fontsize=8, zorder=8, bbox=HALO)
    return [Line2D([], [], marker="o", linestyle="none", color=EVENT_STYLE["fillColor"],
                   markeredgecolor="white", markersize=7, label=name)]


def _inside(ax, lon: float, lat: float, side: str, text: str, size: float = 8) -> tuple:
    """The label's offset and alignment (OFFSETS) on `side` of its dot, moved to the other side
    or along when it would run past the edge of the map (the figure is its printed size, so
    there is no room to spare)."""
    dx, dy, ha, va = OFFSETS[side]
    box = ax.get_position()
    width = box.width * ax.figure.get_figwidth() * 72            # points
    (west, east), = [ax.get_xlim()]
    left = (lon - west) / (east - west) * width                  # points from the left edge
    right = width - left
    needed = 0.6 * size * len(text) + 8                          # DejaVu Sans, with the halo
    if side == "right" and needed > right and needed <= left:
        return OFFSETS["left"]
    if side == "left" and needed > left and needed <= right:
        return OFFSETS["right"]
    if side in ("top", "bottom"):
        if needed / 2 > right:
            return (dx + 4, dy, "right", va)
        if needed / 2 > left:
            return (dx - 4, dy, "left", va)
    return dx, dy, ha, va


def _scale_bar(ax, spec: MapSpec, lang: str) -> None:
    e = spec.extent
    km_per_degree = 111.32 * math.cos(math.radians((e.south + e.north) / 2))
    width_km = (e.east - e.west) * km_per_degree
    length = max(n for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250) if n <= width_km / 5)
    # Bottom right: the road numbers and the places of the south-west stay clear of it.
    x1 = e.east - (e.east - e.west) * 0.04
    y0 = e.south + (e.north - e.south) * 0.04
    x0 = x1 - length / km_per_degree
    ax.plot([x0, x1], [y0, y0], color="#222222", linewidth=2.5, solid_capstyle="butt", zorder=9)
    ax.text((x0 + x1) / 2, y0 + (e.north - e.south) * 0.012,
            say(lang, "map-km", n=length), ha="center", va="bottom",
            fontsize=7.5, zorder=9, bbox=HALO)
