"""The interactive map: a folium map composed from a MapSpec, as one self-contained HTML document.

What differs from folium's defaults, and why:
  - Scripts and stylesheets come from the site (docs/assets/vendor/, see PROVENANCE.yml), never a
    CDN, and only Leaflet is loaded: folium's default jQuery, Bootstrap, Font Awesome and
    awesome-markers are unused here (no folium.Popup, which needs jQuery; no icon markers).
  - Element ids are pinned (pinned_ids), so the same spec always gives the same bytes.
  - No tiles by default: the Natural Earth outlines are drawn as GeoJSON under every map, and
    OpenStreetMap tiles are an overlay the reader may switch on when online.
  - Every word on the map is in the edition's language (data/words.yml), Leaflet's own
    buttons' titles included (LEAFLET_WORDS), and an Arabic map is a right-to-left document.
The document lives at maps/<id>.html (ar/maps/<id>.html in Arabic), so its asset paths are
relative to that folder.
"""

import datetime as dt
import itertools
import json
import math
from contextlib import contextmanager

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import TimestampedGeoJson
from folium.template import Template

from .figure import maps_dir
from .geometry import area_corners, country_labels
from ..i18n import DIRECTION, say
from ..sources import format_date
from .model import (AreaLayer, EventsLayer, LineLayer, MapSpec, PlacesLayer, ShownEvent,
                    country_name, kind_word, narrow_date, short_date, shown_events)
from .style import AREA_STYLE, BASE_STYLE, EVENT_STYLE, KIND_STYLE, LINE_STYLE
from ..text import html_attr

LEAFLET_JS = "vendor/leaflet/leaflet.js"              # in the site's assets/
LEAFLET_CSS = "vendor/leaflet/leaflet.css"
MAPS_CSS = "stylesheets/maps.css"
TIMEDIMENSION_JS = "vendor/leaflet-timedimension/leaflet.timedimension.min.js"
ISO8601_JS = "vendor/iso8601-js-period/iso8601.js"

LABEL_OFFSETS = {"right": (8, 0), "left": (-8, 0), "top": (0, -8), "bottom": (0, 8)}


def assets(lang: str) -> str:
    """The site's assets/ folder, from the folder of the `lang` edition's map documents (both
    editions share it at the site's root)."""
    return "../" * (maps_dir(lang).count("/") + 1) + "assets"


def _foreign(name: str, lang: str) -> str:
    """An English name (Natural Earth, OpenStreetMap) in the HTML of a `lang` map."""
    return name if lang == "en" else f'<span lang="en" dir="ltr">{name}</span>'


@contextmanager
def pinned_ids(prefix: str):
    """Name every folium/branca element created inside the block prefix_1, prefix_2, ...

    branca names elements from random bytes (Element._generate_id), so two renders of the same
    map would differ; ids drawn from a counter make the output reproducible byte for byte.
    """
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}_{next(counter)}")
    try:
        yield
    finally:
        Element._generate_id = original


# Leaflet's own words (its buttons' titles, read out by screen readers, and the scale's units),
# set in the edition's language before the map is made: Leaflet has no option for most of them.
LEAFLET_WORDS = """
(function (words) {
    L.Control.Zoom.mergeOptions({zoomInTitle: words.zoomIn, zoomOutTitle: words.zoomOut});
    var prefix = L.Control.Attribution.prototype.options.prefix;
    L.Control.Attribution.mergeOptions({
        prefix: prefix.replace(/title="[^"]*"/, 'title="' + words.leaflet + '"')});
    var layers = L.Control.Layers.prototype._initLayout;
    L.Control.Layers.include({_initLayout: function () {
        layers.call(this);
        this._layersLink.title = words.layers;
    }});
    var popup = L.Popup.prototype._initLayout;
    L.Popup.include({_initLayout: function () {
        popup.call(this);
        if (this._closeButton) this._closeButton.setAttribute("aria-label", words.close);
    }});
    var scale = L.Control.Scale.prototype._updateScale;
    L.Control.Scale.include({_updateScale: function (bar, text, ratio) {
        var parts = text.split(" ");     // Leaflet's "50 km", "200 m", "20 mi", "500 ft"
        scale.call(this, bar, words.units[parts[1]].replace("{n}", parts[0]), ratio);
    }});
})(%s);
"""


def _leaflet_words(lang: str) -> str:
    units = {"m": "map-scale-m", "km": "map-km", "ft": "map-scale-ft", "mi": "map-scale-mi"}
    words = {"zoomIn": say(lang, "map-zoom-in"), "zoomOut": say(lang, "map-zoom-out"),
             "leaflet": html_attr(say(lang, "map-leaflet")),
             "layers": say(lang, "map-layers-button"), "close": say(lang, "map-close"),
             "units": {unit: say(lang, key, n="{n}") for unit, key in units.items()}}
    return LEAFLET_WORDS % json.dumps(words, ensure_ascii=False).replace("</", "<\\/")


class MapDocument(Figure):
    """folium's page, with a language and direction, a title, Leaflet's words in that language,
    the script inside <body> and a no-JS fallback."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}" dir="{{ this.dir }}">\n'
        "<head>\n"
        "<title>{{ this.title }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "<script>{{ this.leaflet_words }}</script>\n"
        "</head>\n"
        '<body class="map-document">\n'
        "{{ this.html.render(**kwargs) }}\n"
        '<noscript><p class="map-noscript"><img src="{{ this.static_image }}" '
        'alt="{{ this.title }}"></p></noscript>\n'
        "<script>\n{{ this.script.render(**kwargs) }}\n</script>\n"
        "</body>\n"
        "</html>\n")

    def __init__(self, title: str, static_image: str, lang: str):
        super().__init__(title=html_attr(title))
        self.static_image = static_image
        self.lang, self.dir = lang, DIRECTION[lang]
        self.leaflet_words = _leaflet_words(lang)


class AtlasMap(folium.Map):
    """A folium Map that loads Leaflet and the maps' stylesheet from the site, and nothing else."""

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_js = [("leaflet", f"{assets(lang)}/{LEAFLET_JS}")]
        self.default_css = [("leaflet_css", f"{assets(lang)}/{LEAFLET_CSS}"),
                            ("maps_css", f"{assets(lang)}/{MAPS_CSS}")]


class DatedEvents(TimestampedGeoJson):
    """folium's TimestampedGeoJson, loading its scripts from the site.

    Changes to the plugin's template: the date shown in the time control is written as the book
    writes dates in the edition's language ("27 November 2024"; "27 Nov 2024" in a phone-sized
    frame, where the bar has one row), each day's written here, instead of by moment.js, which
    saves 59 KB per map; its
    buttons' titles are in that language too; the plugin's leftover console.log is gone; the
    time bar runs day by day over a fixed interval (first to last event, days without events
    included) and opens on its last day, with every event shown; and each event may carry
    tooltip options (a permanent label).
    The control's own stylesheet loads an icon font from a CDN, so maps.css styles it instead.
    """

    def __init__(self, data: dict, first: dt.date, last: dt.date, lang: str, **kwargs):
        super().__init__(data, **kwargs)
        self.time_interval = f"{first.isoformat()}/{last.isoformat()}"
        midnight = dt.datetime(last.year, last.month, last.day, tzinfo=dt.timezone.utc)
        self.current_time = int(midnight.timestamp() * 1000)
        days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
        self.dates = {day.isoformat(): [format_date(day, lang), narrow_date(day, lang)]
                      for day in days}
        self.titles = {"Backward": say(lang, "map-backward"), "Forward": say(lang, "map-forward"),
                       "Play": say(lang, "map-play"), "Date": say(lang, "map-date-shown")}
        self.default_js = [("iso8601", f"{assets(lang)}/{ISO8601_JS}"),
                           ("leaflet.timedimension", f"{assets(lang)}/{TIMEDIMENSION_JS}")]

    default_css = []

    _template = Template("""
        {% macro script(this, kwargs) %}
            L.Control.TimeDimensionCustom = L.Control.TimeDimension.extend({
                _getDisplayDateFormat: function(date){
                    var narrow = window.matchMedia("(max-width: 36rem)").matches;
                    var day = date.toISOString().slice(0, 10);
                    var shown = {{ this.dates|tojson }}[day];
                    return shown ? shown[narrow ? 1 : 0] : day;
                },
                _createButton: function(name, container){
                    var button = L.Control.TimeDimension.prototype._createButton.call(
                        this, name, container);
                    button.title = {{ this.titles|tojson }}[name] || name;
                    return button;
                }
            });
            {{this._parent.get_name()}}.timeDimension = L.timeDimension(
                {
                    period: {{ this.period|tojson }},
                    timeInterval: {{ this.time_interval|tojson }},
                    currentTime: {{ this.current_time|tojson }},
                }
            );
            var timeDimensionControl = new L.Control.TimeDimensionCustom(
                {{ this.options|tojavascript }}
            );
            {{this._parent.get_name()}}.addControl(this.timeDimensionControl);

            var geoJsonLayer = L.geoJson({{this.data}}, {
                    pointToLayer: function (feature, latLng) {
                        return new L.circleMarker(latLng, feature.properties.iconstyle);
                    },
                    onEachFeature: function(feature, layer) {
                        if (feature.properties.popup) {
                        layer.bindPopup(feature.properties.popup);
                        }
                        if (feature.properties.tooltip) {
                        layer.bindTooltip(feature.properties.tooltip,
                                          feature.properties.tooltip_options);
                        }
                    }
                })

            var {{this.get_name()}} = L.timeDimension.layer.geoJson(
                geoJsonLayer,
                {
                    updateTimeDimension: false,
                    addlastPoint: {{ this.add_last_point|tojson }},
                    duration: {{ this.duration }},
                }
            ).addTo({{this._parent.get_name()}});
        {% endmacro %}
        """)


class MapKey(MacroElement):
    """The map's key: plain HTML folded on request (<details>), held by a Leaflet control in the
    top-right corner under the layers button, where Leaflet stacks it with the other controls
    instead of laying it over the time bar."""

    # Open on wide screens, folded on narrow ones (where it would cover the map): two copies,
    # one shown per screen width by maps.css, so no script decides.
    _template = Template("""
        {% macro html(this, kwargs) %}
        <div class="map-key-control" id="{{ this.get_name() }}">
        <details class="map-key map-key-wide" open><summary>{{ this.summary }}</summary><ul>{{ this.items }}</ul></details>
        <details class="map-key map-key-narrow"><summary>{{ this.summary }}</summary><ul>{{ this.items }}</ul></details>
        </div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: "topright"});
            {{ this.get_name() }}.onAdd = function () {
                var key = document.getElementById({{ this.get_name()|tojson }});
                L.DomEvent.disableClickPropagation(key);
                return key;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """)

    def __init__(self, items: list[str], lang: str):
        super().__init__()
        self._name = "MapKey"
        self.items = "".join(items)
        self.summary = say(lang, "map-key")


class ClearOfControls(MacroElement):
    """Opens the map on its extent with no place, dot or label under a control or past an edge,
    and keeps popups between the controls.

    folium's fit_bounds takes a fixed padding, but the controls differ with the frame: on a phone
    the time bar takes two rows and the key folds, on a laptop the key is open. So the padding is
    measured once they are drawn: the map is fitted, every dot and permanent label that lies
    under a control or past an edge widens the padding on that side, and the map is fitted again
    (a few rounds at most). Popups pan clear of the bands the controls take at the top and the
    bottom (Leaflet's autoPanPadding, set for every popup with L.Popup.mergeOptions), measured
    again when the frame changes size or the reader opens or folds the key.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            var frame = map.getContainer(), MARGIN = 6;
            function boxes(selector) {
                var origin = frame.getBoundingClientRect();
                return Array.prototype.map.call(frame.querySelectorAll(selector), function (el) {
                    var r = el.getBoundingClientRect();
                    return {left: r.left - origin.left, right: r.right - origin.left,
                            top: r.top - origin.top, bottom: r.bottom - origin.top};
                }).filter(function (b) { return b.right > b.left && b.bottom > b.top; });
            }
            function upper(box) { return box.top + box.bottom < frame.clientHeight; }
            function fit() {
                var pad = {left: MARGIN, right: MARGIN, top: MARGIN, bottom: MARGIN};
                for (var round = 0; round < 6; round++) {
                    map.fitBounds(bounds, {paddingTopLeft: [pad.left, pad.top],
                                           paddingBottomRight: [pad.right, pad.bottom],
                                           animate: false});
                    var width = frame.clientWidth, height = frame.clientHeight;
                    var controls = boxes(".leaflet-control");
                    var need = {left: 0, right: 0, top: 0, bottom: 0};
                    boxes({{ this.items|tojson }}).forEach(function (item) {
                        need.left = Math.max(need.left, MARGIN - item.left);
                        need.right = Math.max(need.right, item.right - width + MARGIN);
                        need.top = Math.max(need.top, MARGIN - item.top);
                        need.bottom = Math.max(need.bottom, item.bottom - height + MARGIN);
                        controls.forEach(function (c) {
                            if (item.left >= c.right || c.left >= item.right ||
                                item.top >= c.bottom || c.top >= item.bottom) return;
                            if (upper(c)) need.top = Math.max(need.top, c.bottom + MARGIN - item.top);
                            else need.bottom = Math.max(need.bottom, item.bottom - c.top + MARGIN);
                        });
                    });
                    if (!(need.left || need.right || need.top || need.bottom)) return;
                    var next = {left: pad.left + need.left, right: pad.right + need.right,
                                top: pad.top + need.top, bottom: pad.bottom + need.bottom};
                    // Past this the map would be a strip: keep the last fit that left room.
                    if (next.top + next.bottom > height * 0.7 ||
                        next.left + next.right > width * 0.7) return;
                    pad = next;
                }
            }
            function clearPopups() {
                var top = 0, bottom = 0, height = frame.clientHeight;
                boxes(".leaflet-control").forEach(function (c) {
                    if (upper(c)) top = Math.max(top, c.bottom);
                    else bottom = Math.max(bottom, height - c.top);
                });
                L.Popup.mergeOptions({
                    autoPanPaddingTopLeft: [MARGIN, top + MARGIN],
                    autoPanPaddingBottomRight: [MARGIN, bottom + MARGIN],
                    maxWidth: Math.max(160, Math.min(280, frame.clientWidth - 4 * MARGIN - 40))});
            }
            fit();
            clearPopups();
            map.on("resize", clearPopups);
            frame.querySelectorAll("details").forEach(function (details) {
                details.addEventListener("toggle", clearPopups);
            });
        })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
        """)

    # What must lie clear of the controls and inside the frame: the dots and permanent labels.
    ITEMS = ("path.map-place, path.map-event, "
             ".leaflet-tooltip-pane .map-label")

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "ClearOfControls"
        self.bounds = bounds
        self.items = self.ITEMS


def _swatch(kind: str, style: dict) -> str:
    colour = style.get("color") or style.get("fillColor")
    return f'<span class="map-swatch map-swatch-{kind}" style="--swatch: {colour}"></span>'


def render_html(spec: MapSpec, book, basemap: dict, lang: str = "en") -> str:
    """The interactive map of `spec` as a complete HTML document (places and events from `book`,
    words in `lang`)."""
    with pinned_ids(spec.id.replace("-", "_")):
        document = MapDocument(spec.title, static_image=f"{spec.id}.svg", lang=lang)
        fmap = _compose(spec, book, basemap, lang)
        document.add_child(fmap)
        text = document.render()
    # folium's viewport tag forbids zooming the page, which WCAG asks to allow (1.4.4).
    locked = "initial-scale=1.0, maximum-scale=1.0, user-scalable=no"
    assert text.count(locked) == 1, "folium's viewport tag changed: review render_html"
    return text.replace(locked, "initial-scale=1.0")


def _compose(spec: MapSpec, book, basemap: dict, lang: str) -> folium.Map:
    places = book.places
    extent = spec.extent
    bounds = [[extent.south, extent.west], [extent.north, extent.east]]
    fmap = AtlasMap(location=[(extent.south + extent.north) / 2, (extent.west + extent.east) / 2],
                    zoom_start=zoom_for(spec), tiles=None, control_scale=True, min_zoom=4, max_zoom=15,
                    zoom_snap=0.25,   # fit the extent closely, not to the next whole zoom level
                    lang=lang)
    _basemap(fmap, basemap, extent, lang)
    key: list[str] = []
    for layer in spec.layers:
        if isinstance(layer, PlacesLayer):
            _places(fmap, layer, places, key, lang)
        elif isinstance(layer, LineLayer):
            _line(fmap, layer, places, key)
        elif isinstance(layer, AreaLayer):
            _area(fmap, layer, places, key, lang)
        elif isinstance(layer, EventsLayer):
            _events(fmap, layer.name, shown_events([layer], book.events_by_id), places, key, lang)
    osm = _foreign("OpenStreetMap", lang)
    credit = say(lang, "map-osm-credit",
                 name=f'<a href="https://www.openstreetmap.org/copyright">{osm}</a>')
    folium.TileLayer("OpenStreetMap", name=say(lang, "map-osm", name=osm), attr=credit,
                     overlay=True, show=False, control=True).add_to(fmap)
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    MapKey(list(dict.fromkeys(key)), lang).add_to(fmap)   # after the layers button: under it
    ClearOfControls(bounds).add_to(fmap)              # last, once every control is drawn
    return fmap


def _basemap(fmap: folium.Map, basemap: dict, extent, lang: str) -> None:
    features = []
    for feature in basemap["features"]:
        kind = feature["properties"]["kind"]
        if kind in BASE_STYLE:
            features.append({**feature, "properties": {**feature["properties"],
                                                       "style": BASE_STYLE[kind]}})
    folium.GeoJson({"type": "FeatureCollection", "features": features}, name="Outlines",
                   control=False, interactive=False, className="map-base",
                   attribution=say(lang, "map-outlines", name=_foreign("Natural Earth", lang)),
                   ).add_to(fmap)
    for name, lat, lon in country_labels(basemap, extent):
        _text_marker(fmap, lat, lon, country_name(name, lang), "map-country")


def _text_marker(parent, lat: float, lon: float, text: str, class_name: str) -> None:
    """A word on the map (a country's name, a road's number): a marker with a text icon."""
    folium.Marker(
        [lat, lon], interactive=False, keyboard=False,
        icon=folium.DivIcon(html=f"<span>{html_attr(text)}</span>", class_name=class_name,
                            icon_size=(120, 16), icon_anchor=(60, 8)),
    ).add_to(parent)


def _places(fmap, layer: PlacesLayer, places: dict, key: list, lang: str) -> None:
    group = folium.FeatureGroup(name=html_attr(layer.name)).add_to(fmap)   # the control shows HTML
    kinds = []
    for ref in layer.places:
        place = places[ref.id]
        style = KIND_STYLE[place.kind]
        label = html_attr(place.name)
        classes = "map-label map-label-minor" if ref.minor else "map-label"
        tooltip = (folium.Tooltip(label, sticky=False, className="map-label")
                   if ref.label == "none" else
                   folium.Tooltip(label, sticky=False, permanent=True, direction=ref.label,
                                  offset=LABEL_OFFSETS[ref.label], className=classes))
        folium.CircleMarker(
            [place.lat, place.lon], radius=style["radius"], color="#ffffff", weight=1.5,
            fill=True, fill_color=layer.colour or style["color"], fill_opacity=1,
            class_name="map-place", tooltip=tooltip,
        ).add_to(group)
        if place.kind not in kinds:
            kinds.append(place.kind)
    if layer.colour:
        key.append(f"<li>{_swatch('place', {'color': layer.colour})}{html_attr(layer.name)}</li>")
        return
    for kind in kinds:
        word = kind_word(kind, lang, key=True)
        key.append(f"<li>{_swatch('place', KIND_STYLE[kind])}{word}</li>")


def _line(fmap, layer: LineLayer, places: dict, key: list) -> None:
    group = folium.FeatureGroup(name=html_attr(layer.name)).add_to(fmap)   # the control shows HTML
    style = LINE_STYLE[layer.style]
    points = [[places[k].lat, places[k].lon] for k in layer.through]
    folium.PolyLine(points, class_name="map-line", tooltip=folium.Tooltip(html_attr(layer.name)),
                    **style).add_to(group)
    if layer.label:
        (lat1, lon1), (lat2, lon2) = points[len(points) // 2 - 1], points[len(points) // 2]
        _text_marker(group, (lat1 + lat2) / 2, (lon1 + lon2) / 2, layer.label, "map-road")
    key.append(f"<li>{_swatch(f'line-{layer.style}', style)}{html_attr(layer.name)}</li>")


def _area(fmap, layer: AreaLayer, places: dict, key: list, lang: str) -> None:
    group = folium.FeatureGroup(name=html_attr(layer.label(lang))).add_to(fmap)
    folium.Polygon(
        [list(corner) for corner in area_corners(layer, places)], class_name="map-area",
        tooltip=folium.Tooltip(html_attr(layer.label(lang)), permanent=True, direction="center",
                               className="map-label map-area-label"),
        **AREA_STYLE).add_to(group)
    key.append(f"<li>{_swatch('area', AREA_STYLE)}{say(lang, 'map-key-area')}</li>")


def _events(fmap, name: str, events: list[ShownEvent], places: dict, key: list,
            lang: str) -> None:
    """Dated dots on a time bar, each labelled with its place and date (a minor event's label
    keeps the date alone on a phone-sized map) and opening a popup with what happened."""
    features = []
    comma = say(lang, "map-comma")
    for event in events:
        place = places[event.place]
        when = format_date(event.date, lang)
        classes = "map-label map-event-label" + (" map-event-minor" if event.minor else "")
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "time": event.date.isoformat(),
                "popup": (f"<strong>{html_attr(when)}{comma}{html_attr(place.name)}</strong>"
                          f"<br>{html_attr(event.text)}"),
                "tooltip": (f'<span class="map-event-place">{html_attr(place.name)}{comma}'
                            f"</span>{html_attr(short_date(event.date, lang))}"),
                "tooltip_options": {
                    "permanent": True, "direction": event.label,
                    "offset": LABEL_OFFSETS[event.label], "className": classes},
                "icon": "circle",
                "iconstyle": EVENT_STYLE,
            },
        })
    dates = [event.date for event in events]
    DatedEvents({"type": "FeatureCollection", "features": features},
                first=min(dates), last=max(dates), lang=lang, period="P1D",
                auto_play=False, loop=False, add_last_point=False, speed_slider=False,
                date_options="", transition_time=1000).add_to(fmap)
    key.append(f"<li>{_swatch('event', EVENT_STYLE)}"
               f"{say(lang, 'map-key-events', name=html_attr(name))}</li>")


def zoom_for(spec: MapSpec) -> int:
    """A starting zoom that shows the whole extent in a 600 px wide frame (before fitBounds)."""
    span = max(spec.extent.east - spec.extent.west, 0.01)
    return max(4, min(15, int(math.log2(600 / 256 * 360 / span))))
