"""Maps in a page: the <figure> (interactive map, static twin, caption, the map as text), the
gazetteer and the places download, in the words of the page's edition."""

import json
from functools import partial

from ..page import Page
from ..glossary import with_tooltips
from ..i18n import PREFIX, say
from ..sources import format_date
from .model import AreaLayer, LineLayer, MapSpec, PlacesLayer, kind_word, shown_events, static_size
from ..text import html_attr

MAPS_DIR = "maps"                       # where the map documents live in the built site
PLACES_FILE = "places.geojson"


def maps_dir(lang: str) -> str:
    """The folder of the `lang` edition's map documents in the built site: maps, ar/maps."""
    return PREFIX[lang] + MAPS_DIR


def places_file(lang: str) -> str:
    """Where the `lang` edition's places download (GeoJSON) lives, from the site's root."""
    return f"{maps_dir(lang)}/{PLACES_FILE}"


def render_figure(spec: MapSpec, book, here: Page, anchor: str) -> str:
    """The <figure> page `here` shows for a map: iframe, static twin, caption and text version."""
    lang = here.lang
    marked = partial(with_tooltips, book=book)        # text with its glossary tooltips
    document = here.relative(f"{maps_dir(lang)}/{spec.id}.html")
    image = here.relative(f"{maps_dir(lang)}/{spec.id}.svg")
    title = html_attr(spec.title)
    width, height = static_size(spec, book.places, lang)
    cite = here.citations.cite
    sources = cite(*spec.sources)
    return (
        f'<figure class="map-figure" id="{anchor}">\n'
        # site.js sets src from data-src when the reader nears the map (a map costs 200-275 KB);
        # without JavaScript the static twin shows instead (site.css).
        f'<iframe class="map-interactive" data-src="{document}" '
        f'title="{say(lang, "map-interactive", title=title)}" loading="lazy"></iframe>\n'
        f'<img class="map-static" src="{image}" width="{width}" height="{height}" '
        f'alt="{say(lang, "map-static-alt", title=title)}" '
        f'loading="lazy" decoding="async">\n'
        f'<figcaption><strong>{marked(spec.title)}.</strong> {marked(spec.caption)} '
        f'<span class="map-as-of">{say(lang, "map-as-of", date=format_date(spec.as_of, lang))}'
        f'</span> <span class="map-sources">{say(lang, "map-sources")} {sources}</span> '
        f'<span class="map-links" data-search-exclude><a href="{document}">'
        f'{say(lang, "map-open")}</a> · <a href="{image}">{say(lang, "map-static-link")}</a>'
        f'</span></figcaption>\n'
        f'</figure>\n'          # a figcaption must be a figure's first or last child
        f'{render_text_version(spec, book, cite, lang)}'
    )


def _head(*keys: str, lang: str) -> str:
    return "".join(f'<th scope="col">{say(lang, key)}</th>' for key in keys)


def render_text_version(spec: MapSpec, book, cite, lang: str = "en") -> str:
    """The map as text: its events, places, lines and areas, inside a <details>."""
    marked = partial(with_tooltips, book=book)
    comma = say(lang, "map-comma")
    parts = []
    events = shown_events(spec.layers, book.events_by_id)
    if events:
        rows = "".join(
            f'<tr><td>{format_date(event.date, lang)}</td>'
            f'<td>{marked(book.places[event.place].name)}</td>'
            f'<td>{marked(event.text)}{cite(*event.sources)}</td></tr>\n'
            for event in events)
        parts.append(f'<table class="map-events">\n<caption>{say(lang, "map-events")}</caption>\n'
                     f'<thead><tr>{_head("map-date", "map-place", "map-what-happened", lang=lang)}'
                     f'</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n')
    arabic_column = _arabic_column(lang)
    rows = []
    for key in spec.place_ids():
        place = book.places[key]
        arabic = f"<td>{_arabic(place)}</td>" if arabic_column else ""
        rows.append(f'<tr><th scope="row">{marked(place.name)}</th>{arabic}'
                    f'<td>{marked(place.note)}</td></tr>\n')
    heads = ("map-place", "map-arabic", "map-what-it-is") if arabic_column else \
        ("map-place", "map-what-it-is")
    parts.append(f'<table class="map-places">\n<caption>{say(lang, "map-places")}</caption>\n'
                 f'<thead><tr>{_head(*heads, lang=lang)}</tr></thead>\n'
                 f'<tbody>\n{"".join(rows)}</tbody>\n</table>\n')
    items = []
    for layer in spec.of_kind(PlacesLayer):
        if layer.sources:
            names = comma.join(marked(book.places[ref.id].name) for ref in layer.places)
            items.append(f'<li>{marked(layer.name)}: {names}.{cite(*layer.sources)}</li>')
    for layer in spec.of_kind(LineLayer):
        route = " – ".join(marked(book.places[key].name) for key in layer.through)
        items.append(f'<li>{marked(layer.name)}: {route}.{cite(*layer.sources)}</li>')
    for layer in spec.of_kind(AreaLayer):
        corners = comma.join(marked(book.places[key].name) for key in layer.through)
        depth = say(lang, "map-depth", km=f"{layer.depth_km:g}") if layer.depth_km else ""
        drawn = say(lang, "map-drawn-through", area=marked(layer.label(lang)), corners=corners,
                    depth=depth)
        items.append(f'<li>{drawn} {marked(layer.note)}{cite(*layer.sources)}</li>')
    if items:
        parts.append(f'<p>{say(lang, "map-layers")}</p>\n<ul>\n' + "\n".join(items) + '\n</ul>\n')
    # data-search-exclude: Material's search would run the table cells together into one long
    # snippet ("DatePlaceWhat happened 27 November 2024Atarib..."); the events are searchable on
    # the Timeline, and the chapter's own text says what the map shows.
    return ('<details class="map-text" data-search-exclude>\n'
            f'<summary>{say(lang, "map-as-text")}</summary>\n' + "".join(parts) + '</details>\n')


def _arabic_column(lang: str) -> bool:
    """Whether a table of places gives each one's Arabic name: not in the Arabic edition, whose
    names are the Arabic ones."""
    return lang != "ar"


def _arabic(place) -> str:
    return f'<span lang="ar" dir="rtl">{html_attr(place.arabic)}</span>' if place.arabic else ""


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


def render_gazetteer(book, cite, lang: str = "en") -> str:
    """All places with their coordinates and the pages the coordinates come from, in
    alphabetical order without the article (al-, ال)."""
    arabic_column = _arabic_column(lang)
    comma = say(lang, "map-comma")
    rows = []
    article = say(lang, "sort-article")
    for place in sorted(book.places.values(), key=lambda p: p.name.lower().removeprefix(article)):
        arabic = f"<td>{_arabic(place)}</td>" if arabic_column else ""
        rows.append(f'<tr><th scope="row">{html_attr(place.name)}</th>{arabic}'
                    f'<td>{kind_word(place.kind, lang)}</td>'
                    f'<td>{place.lat:.4f}{comma}{place.lon:.4f}</td>'
                    f'<td>{cite(*place.sources)}</td></tr>')
    heads = ("map-place", "map-arabic") if arabic_column else ("map-place",)
    heads += ("map-kind", "map-lat-lon", "map-source")
    # Out of the search index too: its cells would run together as the map-text tables' would.
    return ('<table class="map-gazetteer" data-search-exclude>\n'
            f'<thead><tr>{_head(*heads, lang=lang)}</tr></thead>\n'
            '<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table>\n')


