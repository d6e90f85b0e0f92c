"""The map model: places, and maps made of layers drawn from them, checked against each other.

data/places.yml holds every place a map shows; data/maps.yml holds the maps. An events layer
names timeline events (data/timeline.yml) by id and the place to mark each at: the date, the
text and the sources are the timeline's.
"""

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, ClassVar, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from ..errors import DataError
from ..i18n import DIRECTION, Translated, say
from ..sources import ID_PATTERN, MONTH_NAMES, format_date
from ..text import Name, Prose

# Every place must lie in this region, Syria and its neighbours (inside the basemap's wider
# REGION in scripts/basemap.py): a place outside it is a typo, often lat and lon swapped.
REGION = {"south": 29.0, "west": 31.0, "north": 40.5, "east": 45.0}
LAYER_KINDS = ("places", "line", "area", "events")


class _Strict(Translated, BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _plain_text(value: str) -> str:
    """One line of text (macros/text.py makes it safe wherever it is drawn)."""
    return " ".join(value.split())


# A name or a caption as one line, whatever the YAML's line breaks.
LineName = Annotated[Name, AfterValidator(_plain_text)]
LineProse = Annotated[Prose, AfterValidator(_plain_text)]


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
    name: LineName
    arabic: Name | None = None
    kind: PlaceKind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    note: LineProse
    sources: list[str] = Field(min_length=1)
    ar: dict[str, LineProse] | None = None   # its note in Arabic; its name is `arabic`
    translated: ClassVar[tuple[str, ...]] = ("note",)

    def derived_translations(self, ar: dict, problem) -> dict:
        if not self.arabic:
            raise problem("no Arabic name: add arabic")
        return {"name": self.arabic}

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
    """A place on a map, and on which side of its dot the label goes (none: on hover only).

    A `minor` place keeps its label on wider screens and on paper; a phone-sized map leaves it
    unlabelled, so that the labels of the places the map is about have room.
    """

    id: str
    label: Literal["right", "left", "top", "bottom", "none"] = "right"
    minor: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_id(cls, value: object) -> object:
        return {"id": value} if isinstance(value, str) else value


class PlacesLayer(_Strict):
    """Places drawn as labelled dots, coloured by kind unless the layer sets one colour."""

    kind: Literal["places"]
    name: Name
    places: list[PlaceRef] = Field(min_length=1)
    colour: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")  # e.g. #a0522d
    sources: list[str] = []           # for what the layer says about its places, if anything
    ar: dict[str, Name] | None = None
    translated: ClassVar[tuple[str, ...]] = ("name",)


class LineLayer(_Strict):
    """A line through places in order: a highway, a route or a front where a source gives one."""

    kind: Literal["line"]
    name: Name
    through: list[str] = Field(min_length=2)
    style: Literal["highway", "route", "front"] = "highway"
    label: Name | None = None          # short label on the static map, e.g. M5
    ar: dict[str, Name] | None = None
    translated: ClassVar[tuple[str, ...]] = ("name",)
    translated_optional: ClassVar[tuple[str, ...]] = ("label",)
    sources: list[str] = Field(min_length=1)


class AreaLayer(_Strict):
    """An area a source describes, drawn through the places it names: always approximate.

    With `depth_km`, the area is a strip: from the places in `through` (along a border) to the
    same places moved that far south.
    """

    kind: Literal["area"]
    name: Name
    through: list[str] = Field(min_length=2)
    depth_km: float | None = Field(default=None, gt=0)
    note: Prose
    sources: list[str] = Field(min_length=1)
    ar: dict[str, Prose] | None = None
    translated: ClassVar[tuple[str, ...]] = ("name", "note")

    @model_validator(mode="after")
    def _enough_corners(self) -> "AreaLayer":
        if self.depth_km is None and len(self.through) < 3:
            raise ValueError("an area needs at least three places, or two and depth_km")
        return self

    def label(self, lang: str = "en", sep: str = " ") -> str:
        """The area's name as every rendering shows it: always marked approximate (`sep` before
        the mark: a line break on the static map)."""
        return f"{self.name}{sep}{say(lang, 'map-approximate')}"


class MapEvent(_Strict):
    """A timeline event marked at a place: the event gives the date, the text and the sources.

    Its dot is labelled with the place and the date; on a phone-sized map a `minor` event's label
    keeps the date alone (the place is in its popup).
    """

    event: str = Field(pattern=ID_PATTERN)      # an id from data/timeline.yml
    place: str
    label: Literal["right", "left", "top", "bottom"] = "right"   # side of the dot
    minor: bool = False


@dataclass(frozen=True)
class ShownEvent:
    """A map event with what its timeline entry says: what the renderers draw."""

    event: str
    date: dt.date
    place: str
    text: str
    label: str
    sources: list[str]
    minor: bool = False


def shown_events(layers: list, timeline: dict) -> list[ShownEvent]:
    """The events of `layers` (an EventsLayer's or a whole map's), oldest first, as drawn."""
    shown = []
    for layer in layers:
        for ref in getattr(layer, "events", []):
            entry = timeline[ref.event]
            shown.append(ShownEvent(ref.event, entry.date.first_day, ref.place,
                                    _plain_text(entry.text), ref.label, entry.sources, ref.minor))
    return sorted(shown, key=lambda event: event.date)


class EventsLayer(_Strict):
    """Dated events; the interactive map steps or plays through them."""

    kind: Literal["events"]
    name: str
    events: list[MapEvent] = Field(min_length=1)
    ar: dict[str, Name] | None = None
    translated: ClassVar[tuple[str, ...]] = ("name",)


Layer = Annotated[Union[PlacesLayer, LineLayer, AreaLayer, EventsLayer], Field(discriminator="kind")]


class MapSpec(_Strict):
    """One map: what it shows, how it is captioned, and where its facts come from."""

    id: str = Field(pattern=ID_PATTERN)
    title: LineName
    caption: LineProse
    as_of: dt.date
    sources: list[str] = Field(min_length=1)
    extent: Extent
    layers: list[Layer] = Field(min_length=1)
    ar: dict[str, LineProse] | None = None     # its title and caption in Arabic
    translated: ClassVar[tuple[str, ...]] = ("title", "caption")
    translated_children: ClassVar[tuple[str, ...]] = ("layers",)

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
        marked = {event.place for layer in spec.of_kind(EventsLayer) for event in layer.events}
        for layer in spec.layers:
            where = f"layer '{layer.name}': "
            if isinstance(layer, PlacesLayer):
                _on_the_map(book, spec, where, [ref.id for ref in layer.places])
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
                _not_under_an_event(spec, where, layer, marked)
            elif isinstance(layer, LineLayer):
                _known_places(book, spec, where, layer.through)
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
            elif isinstance(layer, AreaLayer):
                _on_the_map(book, spec, where, layer.through)
                _known_sources(book, "data/maps.yml", spec.id, layer.sources, where)
            else:
                for event in layer.events:
                    when = f"{where}event '{event.event}': "
                    _on_the_map(book, spec, when, [event.place])
                    _in_the_timeline(book, spec, when, event.event)


def _not_under_an_event(spec: MapSpec, where: str, layer: PlacesLayer, marked: set[str]) -> None:
    # An event's dot covers the place's own dot, whose colour would then be in the key but
    # nowhere on the map; the event's label names the place.
    for ref in layer.places:
        if ref.id in marked:
            raise DataError("data/maps.yml", f"entry '{spec.id}'",
                            f"{where}place '{ref.id}' is marked by an event on this map, which "
                            "draws and names it: leave it out of this layer")


def _in_the_timeline(book, spec: MapSpec, where: str, event_id: str) -> None:
    entry = book.events_by_id.get(event_id)
    if entry is None:
        raise DataError("data/maps.yml", f"entry '{spec.id}'",
                        f"{where}unknown event (not in data/timeline.yml)")
    if entry.date.precision != "day":
        raise DataError("data/maps.yml", f"entry '{spec.id}'",
                        f"{where}a map marks events known to the day, and the timeline dates "
                        f"this one only to the {entry.date.precision}")


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


# --- Words on a map ----------------------------------------------------------------------------

def kind_word(kind: PlaceKind, lang: str, key: bool = False) -> str:
    """What a place of `kind` is ("border crossing"), in `lang`; as the key of a map writes it
    ("Border crossing") if `key`."""
    word = say(lang, f"place-kind-{kind.value}")
    return word[:1].upper() + word[1:] if key else word


def short_date(day: dt.date, lang: str) -> str:
    """A date as a map's labels give it: 27 Nov (27/11 in Arabic)."""
    return say(lang, "map-short-date", day=day.day, month=MONTH_NAMES[lang][day.month - 1],
               number=day.month)


def narrow_date(day: dt.date, lang: str) -> str:
    """A date as a phone-sized map's time bar gives it: 27 Nov 2024 (27/11/2024 in Arabic)."""
    return say(lang, "map-narrow-date", short=short_date(day, lang), year=day.year)


def country_name(name: str, lang: str) -> str:
    """A country of the basemap (Natural Earth's English name, "N. Cyprus") in `lang`."""
    slug = "-".join(part for part in name.lower().replace(".", " ").split())
    return say(lang, f"country-{slug}")


# The static twin is drawn at the size it is printed at, so that its font sizes are the printed
# ones: at most the text width of an A4 page (210 mm less the PDF's 15 mm margins, pdf/print.css;
# US Letter's is wider) and at most PRINT_MAX_HEIGHT tall, the cap print.css puts on a figure.
MM = 1 / 25.4                     # inches
PRINT_WIDTH = 170 * MM           # 10 mm short of it: a figure in a box prints narrower
PRINT_MAX_HEIGHT = 140 * MM
SMALLEST_PRINTED_TEXT = 7         # points: no label on paper is smaller
KEY_ROW = 0.17                    # inches: one row of the key below the map (8 pt)
KEY_FOOT = 0.22                   # inches under the key, for the credit line
CREDIT_ROW = 0.12                 # inches: the credit line's second line, if it needs one (7 pt)
WIDE_KEY = 6                      # inches: a figure at least this wide sets its key in 3 columns


def key_labels(spec: MapSpec, places: dict, lang: str) -> list[str]:
    """The entries of the static map's key, in the order it draws them."""
    labels = [say(lang, "map-key-area")] if spec.of_kind(AreaLayer) else []
    labels += [layer.name for layer in spec.of_kind(LineLayer)]
    for layer in spec.of_kind(PlacesLayer):
        if layer.colour:
            labels.append(layer.name)
        else:
            labels += [kind_word(places[ref.id].kind, lang, key=True) for ref in layer.places]
    labels += [layer.name for layer in spec.of_kind(EventsLayer)]
    return list(dict.fromkeys(labels))


def key_columns(count: int, columns: int, lang: str) -> list[list[int]]:
    """The key's entries (their numbers, 0 to count - 1) in each of its columns, left to right.
    matplotlib fills `columns` columns left to right, the first ones taking an entry more when
    they do not divide evenly (numpy.array_split); a right-to-left key is read from its
    right-hand column, so its entries are dealt from the right, the shorter columns first."""
    sizes = [size for i in range(columns)
             if (size := count // columns + (1 if i < count % columns else 0))]
    order = range(len(sizes)) if DIRECTION[lang] == "ltr" else reversed(range(len(sizes)))
    dealt, start = {}, 0
    for column in order:
        dealt[column] = list(range(start, start + sizes[column]))
        start += sizes[column]
    return [dealt[column] for column in range(len(sizes))]


def key_layout(spec: MapSpec, places: dict, width: float,
               lang: str) -> tuple[list[str], int, int]:
    """The static map's key for a figure `width` inches wide: its entries wrapped to fit their
    column, the number of columns, and the lines of text the tallest column holds."""
    labels = key_labels(spec, places, lang)
    columns = 3 if width >= WIDE_KEY else 2
    chars = max(12, int((width * 72 / columns - 30) / (0.6 * 8)))     # 8 pt DejaVu Sans
    wrapped = [textwrap.fill(label, chars) for label in labels]
    lines = max((sum(wrapped[i].count("\n") + 1 for i in column)
                 for column in key_columns(len(wrapped), columns, lang)), default=0)
    return wrapped, columns, lines


def credit(spec: MapSpec, width: float, lang: str) -> str:
    """The static map's credit line, where its outlines come from and the map's date, broken in
    two where one line would run past the edge of a figure `width` inches wide (7 pt)."""
    parts = (f"{say(lang, 'map-outlines', name='Natural Earth')}.",
             say(lang, "map-as-of", date=format_date(spec.as_of, lang)))
    line = " ".join(parts)
    return line if 0.6 * 7 * len(line) <= width * 72 - 4 else "\n".join(parts)


def key_foot(spec: MapSpec, width: float, lang: str) -> float:
    """Inches under the key of a figure `width` inches wide, for the credit line."""
    return KEY_FOOT + CREDIT_ROW * credit(spec, width, lang).count("\n")


def key_band(lines: int, foot: float) -> float:
    """Inches below the map for a key of `lines` lines and, under it, `foot` for the credit
    line."""
    return foot + KEY_ROW * lines + 0.08


def static_figure_size(spec: MapSpec, places: dict, lang: str) -> tuple[float, float]:
    """(width, height) in inches of the static twin, key included: its printed size, from the
    extent's shape (a tall map is drawn narrower rather than shrunk on paper)."""
    e = spec.extent
    middle = math.radians((e.south + e.north) / 2)
    ratio = min(max((e.north - e.south) / math.cos(middle) / (e.east - e.west), 0.45), 1.3)
    width = PRINT_WIDTH
    for _ in range(3):      # a narrower figure sets its key in fewer columns, so more lines
        band = key_band(key_layout(spec, places, width, lang)[2], key_foot(spec, width, lang))
        width = min(PRINT_WIDTH, (PRINT_MAX_HEIGHT - band) / ratio)
        # A key too long for the page (labels at their longest) makes the figure taller rather
        # than narrower than a quarter of the width.
        width = max(width, PRINT_WIDTH / 4)
    band = key_band(key_layout(spec, places, width, lang)[2], key_foot(spec, width, lang))
    # Rounded down, so that rounding never makes the figure a hair too big for its box.
    return math.floor(width * 100) / 100, math.floor((width * ratio + band) * 100) / 100


def static_size(spec: MapSpec, places: dict, lang: str) -> tuple[int, int]:
    """Width and height (CSS pixels) of the static twin, for the <img> tag."""
    width, height = static_figure_size(spec, places, lang)
    return round(width * 96), round(height * 96)


