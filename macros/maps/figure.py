"""Maps in a page: the <figure> (interactive map, static twin, caption, the map as text), the
gazetteer and the places download."""

import json
from functools import partial

from ..page import Page
from ..glossary import with_tooltips
from ..sources import format_date
from .model import (KIND_WORDS, AreaLayer, LineLayer, MapSpec, PlacesLayer, shown_events,
                    static_size)
from ..text import html_attr

MAPS_DIR = "maps"                       # where the map documents live in the built site
PLACES_DOWNLOAD = f"{MAPS_DIR}/places.geojson"


def render_figure(spec: MapSpec, book, here: Page, anchor: str) -> str:
    """The <figure> page `here` shows for a map: iframe, static twin, caption and text version."""
    marked = partial(with_tooltips, book=book)        # text with its glossary tooltips
    document = here.relative(f"{MAPS_DIR}/{spec.id}.html")
    image = here.relative(f"{MAPS_DIR}/{spec.id}.svg")
    title = html_attr(spec.title)
    width, height = static_size(spec, book.places)
    cite = here.citations.cite
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
        f'<span class="map-links" data-search-exclude><a href="{document}">Open the interactive map</a> · '
        f'<a href="{image}">Static map (SVG)</a></span></figcaption>\n'
        f'</figure>\n'          # a figcaption must be a figure's first or last child
        f'{render_text_version(spec, book, cite)}'
    )


def render_text_version(spec: MapSpec, book, cite) -> str:
    """The map as text: its events, places, lines and areas, inside a <details>."""
    marked = partial(with_tooltips, book=book)
    parts = []
    events = shown_events(spec.layers, book.events_by_id)
    if events:
        rows = "".join(
            f'<tr><td>{format_date(event.date)}</td><td>{marked(book.places[event.place].name)}'
            f'</td><td>{marked(event.text)}{cite(*event.sources)}</td></tr>\n'
            for event in events)
        parts.append('<table class="map-events">\n<caption>Events, in order</caption>\n'
                     '<thead><tr><th scope="col">Date</th><th scope="col">Place</th>'
                     f'<th scope="col">What happened</th></tr></thead>\n<tbody>\n{rows}</tbody>\n'
                     '</table>\n')
    rows = []
    for key in spec.place_ids():
        place = book.places[key]
        arabic = f'<span lang="ar" dir="rtl">{html_attr(place.arabic)}</span>' if place.arabic else ""
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
    # data-search-exclude: Material's search would run the table cells together into one long
    # snippet ("DatePlaceWhat happened 27 November 2024Atarib..."); the events are searchable on
    # the Timeline, and the chapter's own text says what the map shows.
    return ('<details class="map-text" data-search-exclude>\n<summary>The map as text</summary>\n'
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
        arabic = f'<span lang="ar" dir="rtl">{html_attr(place.arabic)}</span>' if place.arabic else ""
        rows.append(f'<tr><th scope="row">{html_attr(place.name)}</th><td>{arabic}</td>'
                    f'<td>{KIND_WORDS[place.kind]}</td><td>{place.lat:.4f}, {place.lon:.4f}</td>'
                    f'<td>{cite(*place.sources)}</td></tr>')
    # Out of the search index too: its cells would run together as the map-text tables' would.
    return ('<table class="map-gazetteer" data-search-exclude>\n<thead><tr><th scope="col">Place</th>'
            '<th scope="col">Arabic</th><th scope="col">Kind</th>'
            '<th scope="col">Latitude, longitude</th><th scope="col">Source</th></tr></thead>\n'
            '<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table>\n')


