"""Maps: places and map specifications, rendered as folium maps with static twins.

data/places.yml holds every place a map shows; data/maps.yml holds the maps, each a list of
layers drawn from those places. One spec becomes, at build time:
  - an interactive map, its own HTML document in the site (maps/<id>.html, folium + Leaflet,
    every script served from the site), loaded by an <iframe> once the reader nears it;
  - a static twin (maps/<id>.svg, matplotlib) for print, PDF and readers without JavaScript;
  - in the page, a <figure> with both, a caption with sources and "as of" date, and the map as
    text (a table of its places and events) for screen readers.
The map files are cached under build/generated/maps/, keyed by a hash of everything they are
drawn from, so an unchanged map is not drawn again on the next build.
"""

import datetime as dt
import hashlib
import html
import json
import math
import weakref
from collections import Counter
from enum import Enum
from functools import cached_property, partial
from importlib import metadata
from pathlib import Path
from typing import Annotated, Literal, Union

from mkdocs.utils import get_relative_url
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .citations import page_url
from .errors import DataError
from .glossary import with_tooltips
from .sources import ID_PATTERN, format_date

MAPS_DIR = "maps"                       # where the map documents live in the built site
PLACES_DOWNLOAD = f"{MAPS_DIR}/places.geojson"
BASEMAP = Path(__file__).resolve().parent.parent / "data" / "basemap" / "levant.geojson"
# Every place must lie in this region, Syria and its neighbours (inside the basemap's wider
# REGION in scripts/basemap.py): a place outside it is a typo, often lat and lon swapped.
REGION = {"south": 29.0, "west": 31.0, "north": 40.5, "east": 45.0}
LAYER_KINDS = ("places", "line", "area", "events")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _plain_text(value: str) -> str:
    """One line of text; no backtick, which would end the JavaScript string it is drawn into."""
    value = " ".join(value.split())
    if "`" in value:
        raise ValueError("must not contain a backtick (`)")
    return value


class PlaceKind(str, Enum):
    """What a place is; it decides the marker's colour and the key's wording."""

    city = "city"
    town = "town"
    neighbourhood = "neighbourhood"
    landmark = "landmark"
    airport = "airport"
    crossing = "crossing"
    base = "base"
    post = "post"
    camp = "camp"


class Place(_Strict):
    """A place a map shows, with the page its coordinates come from."""

    id: str = Field(pattern=ID_PATTERN)
    name: str
    arabic: str | None = None
    kind: PlaceKind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    note: str
    sources: list[str] = Field(min_length=1)

    @field_validator("name", "note")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _plain_text(value)

    @model_validator(mode="after")
    def _inside_the_region(self) -> "Place":
        if not (REGION["south"] <= self.lat <= REGION["north"]
                and REGION["west"] <= self.lon <= REGION["east"]):
            raise ValueError(
                f"coordinates {self.lat}, {self.lon} lie outside the region the maps cover "
                f"({REGION['south']}-{REGION['north']} N, {REGION['west']}-{REGION['east']} E); "
                "are lat and lon swapped?")
        return self


class Extent(_Strict):
    """The part of the world a map opens on; its places must lie inside it."""

    south: float
    west: float
    north: float
    east: float

    @model_validator(mode="after")
    def _ordered(self) -> "Extent":
        if not (self.south < self.north and self.west < self.east):
            raise ValueError("extent needs south < north and west < east")
        return self

    def contains(self, place: Place) -> bool:
        return self.south <= place.lat <= self.north and self.west <= place.lon <= self.east

    def describe(self) -> str:
        return f"south {self.south}, west {self.west}, north {self.north}, east {self.east}"


class PlaceRef(_Strict):
    """A place on a map, and on which side of its dot the label goes (none: on hover only)."""

    id: str
    label: Literal["right", "left", "top", "bottom", "none"] = "right"

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: object) -> object:
        return {"id": value} if isinstance(value, str) else value


class PlacesLayer(_Strict):
    """Places drawn as labelled dots, coloured by kind unless the layer sets one colour."""

    kind: Literal["places"]
    name: str
    places: list[PlaceRef] = Field(min_length=1)
    colour: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")  # e.g. #a0522d
    sources: list[str] = []           # for what the layer says about its places, if anything


class LineLayer(_Strict):
    """A line through places in order: a highway, a route or a front where a source gives one."""

    kind: Literal["line"]
    name: str
    through: list[str] = Field(min_length=2)
    style: Literal["highway", "route", "front"] = "highway"
    label: str | None = None          # short label on the static map, e.g. M5
    sources: list[str] = Field(min_length=1)


class AreaLayer(_Strict):
    """An area a source describes, drawn through the places it names: always approximate.

    With `depth_km`, the area is a strip: from the places in `through` (along a border) to the
    same places moved that far south.
    """

    kind: Literal["area"]
    name: str
    through: list[str] = Field(min_length=2)
    depth_km: float | None = Field(default=None, gt=0)
    note: str
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _enough_corners(self) -> "AreaLayer":
        if self.depth_km is None and len(self.through) < 3:
            raise ValueError("an area needs at least three places, or two and depth_km")
        return self

    @property
    def label(self) -> str:
        """The area's name as every rendering shows it: always marked approximate."""
        return f"{self.name} (approximate)"


class MapEvent(_Strict):
    """Something that happened at a place on a date."""

    date: dt.date
    place: str
    text: str
    label: Literal["right", "left", "top", "bottom"] = "right"   # side of the dot, static map
    sources: list[str] = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _plain_text(value)


class EventsLayer(_Strict):
    """Dated events; the interactive map steps or plays through them."""

    kind: Literal["events"]
    name: str
    events: list[MapEvent] = Field(min_length=1)


Layer = Annotated[Union[PlacesLayer, LineLayer, AreaLayer, EventsLayer], Field(discriminator="kind")]


class MapSpec(_Strict):
    """One map: what it shows, how it is captioned, and where its facts come from."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    caption: str
    as_of: dt.date
    sources: list[str] = Field(min_length=1)
    extent: Extent
    layers: list[Layer] = Field(min_length=1)

    @field_validator("title", "caption")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return _plain_text(value)

    @model_validator(mode="before")
    @classmethod
    def _known_layer_kinds(cls, value: object) -> object:
        layers = value.get("layers") if isinstance(value, dict) else None
        for number, layer in enumerate(layers if isinstance(layers, list) else [], start=1):
            kind = layer.get("kind") if isinstance(layer, dict) else None
            if kind not in LAYER_KINDS:
                name = f" ('{layer['name']}')" if isinstance(layer, dict) and "name" in layer else ""
                raise ValueError(f"layer {number}{name}: unknown layer kind {kind!r} "
                                 f"(expected one of: {', '.join(LAYER_KINDS)})")
        return value

    def of_kind(self, kind: type) -> list:
        return [layer for layer in self.layers if isinstance(layer, kind)]

    @cached_property
    def events(self) -> list[MapEvent]:
        """All the map's events, oldest first."""
        return sorted((event for layer in self.of_kind(EventsLayer) for event in layer.events),
                      key=lambda event: event.date)

    def place_ids(self) -> list[str]:
        """Every place the map draws, in order of first use (lines only pass through theirs)."""
        ids: list[str] = []
        for layer in self.layers:
            if isinstance(layer, PlacesLayer):
                ids += [ref.id for ref in layer.places]
            elif isinstance(layer, AreaLayer):
                ids += layer.through
            elif isinstance(layer, EventsLayer):
                ids += [event.place for event in layer.events]
        return list(dict.fromkeys(ids))


# --- Cross-checks -----------------------------------------------------------------------------

def blank_order(spec: MapSpec) -> list[str]:
    """The ids of the places a blank copy of `spec` numbers, in the order it numbers them."""
    seen: list[str] = []
    for layer in spec.of_kind(PlacesLayer):
        seen += [ref.id for ref in layer.places if ref.id not in seen]
    return seen


def check(book) -> None:
    """Cross-checks of places.yml and maps.yml against each other and sources.yml."""
    for place in book.places.values():
        _known_sources(book, "data/places.yml", place.id, place.sources, "")
    for spec in book.maps.values():
        _known_sources(book, "data/maps.yml", spec.id, spec.sources, "")
        for layer in spec.layers:
            where = f"layer '{layer.name}': "
            if isinstance(layer, PlacesLayer):
                _on_the_map(book, spec, where, [ref.id for ref in layer.places])
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
            elif isinstance(layer, LineLayer):
                _known_places(book, spec, where, layer.through)
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
            elif isinstance(layer, AreaLayer):
                _on_the_map(book, spec, where, layer.through)
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
            else:
                for event in layer.events:
                    when = f"{where}event of {event.date.isoformat()}: "
                    _on_the_map(book, spec, when, [event.place])
                    _known_sources(book, "data/maps.yml", spec.id, event.sources, when)


def _known_sources(book, file: str, entry: str, ids: list[str], where: str) -> None:
    for key in ids:
        if key not in book.sources:
            raise DataError(file, f"entry '{entry}'",
                            f"{where}unknown source '{key}' (not in data/sources.yml)")


def _known_places(book, spec: MapSpec, where: str, ids: list[str]) -> None:
    for key in ids:
        if key not in book.places:
            raise DataError("data/maps.yml", f"entry '{spec.id}'",
                            f"{where}unknown place '{key}' (not in data/places.yml)")


def _on_the_map(book, spec: MapSpec, where: str, ids: list[str]) -> None:
    _known_places(book, spec, where, ids)
    for key in ids:
        place = book.places[key]
        if not spec.extent.contains(place):
            raise DataError("data/maps.yml", f"entry '{spec.id}'",
                            f"{where}place '{key}' ({place.lat}, {place.lon}) lies outside the "
                            f"map's extent ({spec.extent.describe()})")


# --- The figure in the page -------------------------------------------------------------------

KIND_WORDS = {
    PlaceKind.city: "city", PlaceKind.town: "town", PlaceKind.neighbourhood: "district",
    PlaceKind.landmark: "landmark", PlaceKind.airport: "airport",
    PlaceKind.crossing: "border crossing", PlaceKind.base: "military base",
    PlaceKind.post: "observation post", PlaceKind.camp: "camps for displaced people",
}


STATIC_WIDTH = 7.5      # inches: the static twin fits an A4 or Letter page with margins
STATIC_KEY_BAND = 0.8   # inches below the map for its key and credit line


def static_figure_size(spec: MapSpec) -> tuple[float, float]:
    """(width, height) in inches of the static twin, key included, from the extent's shape."""
    e = spec.extent
    middle = math.radians((e.south + e.north) / 2)
    ratio = (e.north - e.south) / math.cos(middle) / (e.east - e.west)
    return STATIC_WIDTH, round(STATIC_WIDTH * min(max(ratio, 0.45), 1.3) + STATIC_KEY_BAND, 2)


def static_size(spec: MapSpec) -> tuple[int, int]:
    """Width and height (CSS pixels) of the static twin, for the <img> tag."""
    width, height = static_figure_size(spec)
    return round(width * 96), round(height * 96)


def render_figure(spec: MapSpec, book, cite, src_uri: str, use_directory_urls: bool,
                  anchor: str) -> str:
    """The <figure> a page shows for a map: iframe, static twin, caption and text version."""
    marked = partial(with_tooltips, book=book)        # text with its glossary tooltips
    here = page_url(src_uri, use_directory_urls)
    document = get_relative_url(f"{MAPS_DIR}/{spec.id}.html", here)
    image = get_relative_url(f"{MAPS_DIR}/{spec.id}.svg", here)
    title = html.escape(spec.title)
    width, height = static_size(spec)
    sources = cite(*spec.sources)
    return (
        f'<figure class="map-figure" id="{anchor}">\n'
        # site.js sets src from data-src when the reader nears the map (a map costs 200-275 KB);
        # without JavaScript the static twin shows instead (site.css).
        f'<iframe class="map-interactive" data-src="{document}" title="Interactive map: {title}" '
        f'loading="lazy"></iframe>\n'
        f'<img class="map-static" src="{image}" width="{width}" height="{height}" '
        f'alt="Map: {title}. The places it shows are listed in the text version below." '
        f'loading="lazy" decoding="async">\n'
        f'<figcaption><strong>{marked(spec.title)}.</strong> {marked(spec.caption)} '
        f'<span class="map-as-of">As of {format_date(spec.as_of)}.</span> '
        f'<span class="map-sources">Sources: {sources}</span> '
        f'<span class="map-links"><a href="{document}">Open the interactive map</a> · '
        f'<a href="{image}">Static map (SVG)</a></span></figcaption>\n'
        f'</figure>\n'          # a figcaption must be a figure's first or last child
        f'{render_text_version(spec, book, cite)}'
    )


def render_text_version(spec: MapSpec, book, cite) -> str:
    """The map as text: its events, places, lines and areas, inside a <details>."""
    marked = partial(with_tooltips, book=book)
    parts = []
    if spec.events:
        rows = "".join(
            f'<tr><td>{format_date(event.date)}</td><td>{marked(book.places[event.place].name)}'
            f'</td><td>{marked(event.text)}{cite(*event.sources)}</td></tr>\n'
            for event in spec.events)
        parts.append('<table class="map-events">\n<caption>Events, in order</caption>\n'
                     '<thead><tr><th scope="col">Date</th><th scope="col">Place</th>'
                     f'<th scope="col">What happened</th></tr></thead>\n<tbody>\n{rows}</tbody>\n'
                     '</table>\n')
    rows = []
    for key in spec.place_ids():
        place = book.places[key]
        arabic = f'<span lang="ar" dir="rtl">{html.escape(place.arabic)}</span>' if place.arabic else ""
        rows.append(f'<tr><th scope="row">{marked(place.name)}</th><td>{arabic}</td>'
                    f'<td>{marked(place.note)}</td></tr>\n')
    parts.append('<table class="map-places">\n<caption>Places on the map</caption>\n'
                 '<thead><tr><th scope="col">Place</th><th scope="col">Arabic</th>'
                 f'<th scope="col">What it is</th></tr></thead>\n<tbody>\n{"".join(rows)}</tbody>\n'
                 '</table>\n')
    items = []
    for layer in spec.of_kind(PlacesLayer):
        if layer.sources:
            names = ", ".join(marked(book.places[ref.id].name) for ref in layer.places)
            items.append(f'<li>{marked(layer.name)}: {names}.{cite(*layer.sources)}</li>')
    for layer in spec.of_kind(LineLayer):
        route = " – ".join(marked(book.places[key].name) for key in layer.through)
        items.append(f'<li>{marked(layer.name)}: {route}.{cite(*layer.sources)}</li>')
    for layer in spec.of_kind(AreaLayer):
        corners = ", ".join(marked(book.places[key].name) for key in layer.through)
        depth = f", and {layer.depth_km:g} km south of them" if layer.depth_km else ""
        items.append(f'<li>{marked(layer.label)}: drawn through {corners}{depth}. '
                     f'{marked(layer.note)}{cite(*layer.sources)}</li>')
    if items:
        parts.append('<p>Layers:</p>\n<ul>\n' + "\n".join(items) + '\n</ul>\n')
    return ('<details class="map-text">\n<summary>The map as text</summary>\n'
            + "".join(parts) + '</details>\n')


def places_geojson(book) -> str:
    """Every place as a GeoJSON FeatureCollection, with the pages its coordinates come from."""
    features = []
    for place in book.places.values():
        features.append({
            "type": "Feature",
            "id": place.id,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "name": place.name, "arabic": place.arabic, "kind": place.kind.value,
                "note": place.note,
                "sources": [book.sources[key].url for key in place.sources],
            },
        })
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, indent=1) + "\n"


def render_gazetteer(book, cite) -> str:
    """All places with their coordinates and the pages the coordinates come from."""
    rows = []
    for place in sorted(book.places.values(), key=lambda p: p.name.lower().removeprefix("al-")):
        arabic = f'<span lang="ar" dir="rtl">{html.escape(place.arabic)}</span>' if place.arabic else ""
        rows.append(f'<tr><th scope="row">{html.escape(place.name)}</th><td>{arabic}</td>'
                    f'<td>{KIND_WORDS[place.kind]}</td><td>{place.lat:.4f}, {place.lon:.4f}</td>'
                    f'<td>{cite(*place.sources)}</td></tr>')
    return ('<table class="map-gazetteer">\n<thead><tr><th scope="col">Place</th>'
            '<th scope="col">Arabic</th><th scope="col">Kind</th>'
            '<th scope="col">Latitude, longitude</th><th scope="col">Source</th></tr></thead>\n'
            '<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table>\n')


# --- Drawing the maps, with a cache -----------------------------------------------------------

def load_basemap() -> dict:
    """The Natural Earth outlines every map is drawn on (derived by scripts/basemap.py)."""
    return json.loads(BASEMAP.read_text(encoding="utf-8"))


def _code_fingerprint() -> str:
    """Changes whenever the code or the libraries that draw a map change."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(here.glob("map*.py")):
        digest.update(path.read_bytes())
    for package in ("folium", "branca", "matplotlib"):
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    return digest.hexdigest()


def cache_key(spec: MapSpec, book, basemap_text: str, fingerprint: str) -> str:
    """A hash of everything a map's files are drawn from."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(spec.model_dump_json().encode())
    for key in sorted({*spec.place_ids(), *(k for line in spec.of_kind(LineLayer)
                                              for k in line.through)}):
        digest.update(book.places[key].model_dump_json().encode())
    digest.update(basemap_text.encode())
    return digest.hexdigest()[:16]


def draw(spec: MapSpec, book, basemap: dict) -> dict[str, str]:
    """A map's files, freshly drawn: {'html': ..., 'svg': ...}."""
    from . import map_folium, map_static
    return {"html": map_folium.render_html(spec, book.places, basemap),
            "svg": map_static.render_svg(spec, book.places, basemap),
            "blank.svg": map_static.render_svg(spec, book.places, basemap, blank=True)}


def write_maps(book, site_dir: Path, cache_dir: Path, write_generated) -> list[Path]:
    """Write every map's HTML and SVG into site_dir/maps/, drawing only those not cached."""
    out = site_dir / MAPS_DIR
    out.mkdir(parents=True, exist_ok=True)
    basemap_text = BASEMAP.read_text(encoding="utf-8")
    basemap = None
    fingerprint = _code_fingerprint()
    written = []
    for spec in book.maps.values():
        key = cache_key(spec, book, basemap_text, fingerprint)
        cached = {ext: cache_dir / f"{spec.id}.{key}.{ext}" for ext in ("html", "svg", "blank.svg")}
        if all(path.exists() for path in cached.values()):
            files = {ext: path.read_text(encoding="utf-8") for ext, path in cached.items()}
        else:
            basemap = basemap or json.loads(basemap_text)
            files = draw(spec, book, basemap)
            for stale in cache_dir.glob(f"{spec.id}.*.*"):
                if stale.name.split(".")[1] != key:
                    stale.unlink()
            for ext, text in files.items():
                write_generated(f"{MAPS_DIR}/{spec.id}.{key}.{ext}", text)
        for ext, text in files.items():
            target = out / f"{spec.id}.{ext}"
            target.write_text(text, encoding="utf-8")
            written.append(target)
    download = site_dir / PLACES_DOWNLOAD
    download.write_text(places_geojson(book), encoding="utf-8")
    written.append(download)
    return written


# --- Wiring -----------------------------------------------------------------------------------

def register(env, book) -> None:
    """The map(), places_download() and gazetteer() macros."""
    uses: "weakref.WeakKeyDictionary[object, Counter]" = weakref.WeakKeyDictionary()

    def problem(text: str) -> str:
        env.defer(DataError(f"docs/{env.page.file.src_uri}", None, text))
        return ""

    @env.macro
    def map(map_id: str) -> str:   # noqa: A001 - the name authors write: {{ map("offensive") }}
        """A map's figure: interactive map, static twin, caption and text version."""
        spec = book.maps.get(map_id)
        if spec is None:
            return problem(f"unknown map '{map_id}' (not in data/maps.yml)")
        count = uses.setdefault(env.citations, Counter())
        count[map_id] += 1
        anchor = f"map-{map_id}" + (f"-{count[map_id]}" if count[map_id] > 1 else "")
        return render_figure(spec, book, env.citations.cite, env.page.file.src_uri,
                             env.directory_urls, anchor)

    @env.macro
    def places_download(text: str = "Download every place as GeoJSON") -> str:
        """A link to the places as a GeoJSON file, written at build time from data/places.yml."""
        here = page_url(env.page.file.src_uri, env.directory_urls)
        href = get_relative_url(PLACES_DOWNLOAD, here)
        return f'<a href="{href}" download type="application/geo+json">{html.escape(text)}</a>'

    @env.macro
    def blank_map(map_id: str) -> str:
        """A map exercise: the static map with numbered places, lines to fill in, and the
        answers folded away for the teacher (never printed)."""
        spec = book.maps.get(map_id)
        if spec is None:
            return problem(f"unknown map '{map_id}' (not in data/maps.yml)")
        here = page_url(env.page.file.src_uri, env.directory_urls)
        image = get_relative_url(f"{MAPS_DIR}/{spec.id}.blank.svg", here)
        width, height = static_size(spec)
        order = [book.places[place] for place in blank_order(spec)]
        lines = "\n".join(f"<li>{'_' * 28}</li>" for _ in order)
        answers = "\n".join(f"<li>{html.escape(place.name)}</li>" for place in order)
        return (f'<figure class="blank-map"><img src="{image}" width="{width}" height="{height}" '
                f'alt="Blank map of {html.escape(spec.title)} with {len(order)} numbered places">'
                f"</figure>\n\n"
                f'<ol class="blank-map-lines">\n{lines}\n</ol>\n\n'
                f'<details class="quiz-answer"><summary>Answers, for the teacher</summary>\n'
                f'<ol>\n{answers}\n</ol>\n</details>\n')

    @env.macro
    def gazetteer() -> str:
        """Every place with its coordinates and the source they come from."""
        return render_gazetteer(book, env.citations.cite)


def on_post_build(env) -> None:
    """Write the map documents, their static twins and the places download into the site."""
    root = Path(env.project_dir)
    write_maps(env.book, Path(env.conf["site_dir"]), root / "build" / "generated" / MAPS_DIR,
               env.write_generated)
