"""Maps: bad input stops the build with one line; the figure macro; the map files (offline,
deterministic, within budget, with a static twin); and the maps as a browser draws them."""

import json
import re
from types import SimpleNamespace
from pathlib import Path

import pytest

from conftest import ROOT, build_errors, small_book, test_data
from macros import maps
from macros.maps import interactive, model, static, style
from macros.book import load_book
from macros.errors import DataError
from macros.page import Page

BOOK = load_book(ROOT / "data")
BASEMAP = maps.load_basemap()
BUDGET = 300 * 1024          # one map document, everything it loads included (ENGINEERING.md)

PLACES, MAPS, TIMELINE = test_data("places"), test_data("maps"), test_data("timeline")


def load(tmp_path, places=PLACES, map_specs=MAPS, timeline=TIMELINE):
    return small_book(tmp_path, places=places, maps=map_specs, timeline=timeline)


def error_of(tmp_path, **files) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, **files)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- Bad input: one line naming file, entry and problem --------------------------------------

def test_good_maps_load_into_typed_models(tmp_path):
    book = load(tmp_path)
    spec = book.maps["test"]
    assert spec.as_of.isoformat() == "2024-12-08"
    assert [type(layer).__name__ for layer in spec.layers] == [
        "PlacesLayer", "LineLayer", "AreaLayer", "EventsLayer"]
    assert spec.layers[2].label() == "A zone (approximate)"
    assert spec.place_ids() == ["aleppo", "idlib", "saraqib"]


def test_unknown_place_id(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("[aleppo, {id: idlib", "[alepo, {id: idlib"))
    assert message == ("data/maps.yml: entry 'test': layer 'Cities': unknown place 'alepo' "
                       "(not in data/places.yml)")


def test_place_outside_the_maps_extent(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("west: 36.3", "west: 36.7"))
    assert message == ("data/maps.yml: entry 'test': layer 'Cities': place 'idlib' (35.933, 36.633) "
                       "lies outside the map's extent (south 35.5, west 36.7, north 36.5, east 37.5)")


def test_event_outside_the_maps_extent(tmp_path):
    moved = MAPS.replace("          place: saraqib", "          place: idlib")
    message = error_of(tmp_path, map_specs=moved.replace("west: 36.3", "west: 36.7"))
    assert message.startswith("data/maps.yml: entry 'test': layer 'Cities': place 'idlib'")


def test_coordinates_outside_the_region(tmp_path):
    swapped = PLACES.replace("lat: 36.217\n  lon: 37.167", "lat: 37.167\n  lon: 3.217")
    message = error_of(tmp_path, places=swapped)
    assert message.startswith("data/places.yml: entry 'aleppo': coordinates 37.167, 3.217 lie "
                              "outside the region the maps cover")
    assert message.endswith("are lat and lon swapped?")


def test_unknown_layer_kind(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("kind: area", "kind: zone"))
    assert message == ("data/maps.yml: entry 'test': layer 3 ('A zone'): unknown layer kind "
                       "'zone' (expected one of: places, line, area, events)")


@pytest.mark.parametrize("field", ["caption", "as_of", "sources"])
def test_missing_caption_as_of_or_sources(tmp_path, field):
    north, test = MAPS.split("- id: test\n")
    lines = [line for line in test.splitlines(keepends=True) if not line.startswith(f"  {field}:")]
    message = error_of(tmp_path, map_specs=north + "- id: test\n" + "".join(lines))
    assert message == f"data/maps.yml: entry 'test': missing field '{field}'"


def test_empty_sources(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace(
        "  sources: [wire-2024-11-28]\n  extent", "  sources: []\n  extent"))
    assert message.startswith("data/maps.yml: entry 'test': field 'sources': List should have "
                              "at least 1 item")


def test_bad_as_of_date(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("as_of: 2024-12-08", "as_of: 2024-12-32"))
    assert message.startswith("data/maps.yml: entry 'test': field 'as_of': ")


@pytest.mark.parametrize("where, old, new, problem", [
    ("map", "  sources: [wire-2024-11-28]\n  extent",
     "  sources: [nobody-said-this]\n  extent", ""),
    ("line", "      through: [saraqib, aleppo]\n      sources: [wire-2024-11-28]",
     "      through: [saraqib, aleppo]\n      sources: [nobody-said-this]", "layer 'M5 highway': "),
])
def test_unknown_source_id_in_a_map(tmp_path, where, old, new, problem):
    assert old in MAPS, where
    message = error_of(tmp_path, map_specs=MAPS.replace(old, new))
    assert message == (f"data/maps.yml: entry 'test': {problem}unknown source 'nobody-said-this' "
                       "(not in data/sources.yml)")


def test_a_map_event_names_a_timeline_event(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("event: highway-cut", "event: highway-cot"))
    assert message == ("data/maps.yml: entry 'test': layer 'Events': event 'highway-cot': "
                       "unknown event (not in data/timeline.yml)")


def test_a_map_event_is_known_to_the_day(tmp_path):
    message = error_of(tmp_path, timeline=TIMELINE.replace("date: 2024-11-28", "date: 2024-11"))
    assert message == ("data/maps.yml: entry 'test': layer 'Events': event 'highway-cut': a map "
                       "marks events known to the day, and the timeline dates this one only to "
                       "the month")


def test_a_map_event_has_no_date_or_text_of_its_own(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace(
        "          place: saraqib\n", "          place: saraqib\n          date: 2024-11-29\n"))
    assert message == "data/maps.yml: entry 'test': unknown field 'layers.3.events.events.0.date'"


def test_a_map_event_shows_what_the_timeline_says(tmp_path):
    book = load(tmp_path)
    [event] = maps.shown_events(book.maps["test"].layers, book.events_by_id)
    assert (event.date.isoformat(), event.place, event.text, event.sources) == \
        ("2024-11-28", "saraqib", "Something happened here.", ["wire-2024-11-28"])
    html = interactive.render_html(book.maps["test"], book, BASEMAP)
    assert "Something happened here." in html and '"time": "2024-11-28"' in html


def test_a_place_an_event_marks_is_left_out_of_places_layers(tmp_path):
    # The event's dot would hide the place's own, whose colour the key would still list.
    message = error_of(tmp_path, map_specs=MAPS.replace("places: [aleppo, {id: idlib",
                                                        "places: [saraqib, {id: idlib"))
    assert message == ("data/maps.yml: entry 'test': layer 'Cities': place 'saraqib' is marked "
                       "by an event on this map, which draws and names it: leave it out of this "
                       "layer")


def test_minor_labels_are_marked_for_small_screens(tmp_path):
    specs = MAPS.replace("{id: idlib, label: left}", "{id: idlib, label: left, minor: true}")
    specs = specs.replace("          place: saraqib\n", "          place: saraqib\n          minor: true\n")
    book = load(tmp_path, map_specs=specs)
    html = interactive.render_html(book.maps["test"], book, BASEMAP)
    assert html.count('"className": "map-label map-label-minor"') == 1          # Idlib
    assert '"className": "map-label map-event-label map-event-minor"' in html    # Saraqib
    plain_book = load(tmp_path)
    plain = interactive.render_html(plain_book.maps["test"], plain_book, BASEMAP)
    assert "map-label-minor" not in plain and "map-event-minor" not in plain


def test_unknown_source_id_for_a_place(tmp_path):
    bad = PLACES.replace("note: A town.\n  sources: [wire-2024-11-28]",
                         "note: A town.\n  sources: [nobody-said-this]")
    message = error_of(tmp_path, places=bad)
    assert message == ("data/places.yml: entry 'saraqib': unknown source 'nobody-said-this' "
                       "(not in data/sources.yml)")


def test_an_area_needs_three_corners(tmp_path):
    message = error_of(tmp_path, map_specs=MAPS.replace("through: [aleppo, idlib, saraqib]",
                                                        "through: [aleppo, idlib]"))
    assert "an area needs at least three places, or two and depth_km" in message


def test_unknown_place_field(tmp_path):
    message = error_of(tmp_path, places=PLACES.replace("  note: A town.\n", "  note: A town.\n  population: 2\n"))
    assert message == "data/places.yml: entry 'saraqib': unknown field 'population'"


def test_build_stops_on_a_bad_map_with_one_line(project_copy):
    specs = project_copy / "data" / "maps.yml"
    specs.write_text(specs.read_text(encoding="utf-8").replace("- aleppo\n", "- alepo\n", 1),
                     encoding="utf-8")
    errors = build_errors(project_copy)
    assert len(errors) == 1
    assert errors[0].endswith("unknown place 'alepo' (not in data/places.yml)")
    assert "data/maps.yml: entry '" in errors[0]


def test_build_stops_on_an_unknown_map_in_a_page(project_copy):
    page = project_copy / "docs" / "teachers" / "index.md"
    page.write_text('# For teachers\n\n{{ map("atlantis") }}\n', encoding="utf-8")
    errors = build_errors(project_copy)      # MkDocs first names the page it was reading
    assert errors[-1].endswith("docs/teachers/index.md: unknown map 'atlantis' (not in data/maps.yml)")


# --- The figure: Markdown in, HTML out ------------------------------------------------------

def figure(tmp_path, src_uri="reference/atlas.md", directory_urls=True, anchor="map-test"):
    book = load(tmp_path)
    cited = []

    def cite(*ids):
        cited.extend(ids)
        return "".join(f"<sup>[{key}]</sup>" for key in ids)

    here = Page(src_uri, directory_urls, SimpleNamespace(cite=cite))
    return maps.render_figure(book.maps["test"], book, here, anchor), cited


@pytest.mark.parametrize("src_uri, directory_urls, prefix", [
    ("reference/atlas.md", True, "../../"),
    ("reference/atlas.md", False, "../"),
    ("index.md", True, ""),
    ("chapters/02-the-offensive.md", False, "../"),
])
def test_figure_links_the_map_files_relative_to_the_page(tmp_path, src_uri, directory_urls, prefix):
    html, _ = figure(tmp_path, src_uri, directory_urls)
    assert f'<iframe class="map-interactive" data-src="{prefix}maps/test.html"' in html
    assert f'<img class="map-static" src="{prefix}maps/test.svg"' in html
    assert f'<a href="{prefix}maps/test.html">Open the interactive map</a>' in html


def test_figure_is_lazy_titled_captioned_dated_and_sourced(tmp_path):
    html, cited = figure(tmp_path)
    assert html.startswith('<figure class="map-figure" id="map-test">')
    iframe = re.search(r"<iframe [^>]*>", html).group(0)
    assert 'title="Interactive map: A test map"' in iframe
    assert " src=" not in iframe and 'data-src="' in iframe      # loaded by site.js, when near
    assert re.search(r'<img [^>]*alt="Map: A test map\.', html)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert "<strong>A test map.</strong> What the map shows." in caption
    assert "As of 8 December 2024." in caption
    assert "Sources: <sup>[wire-2024-11-28]</sup>" in caption
    assert cited[0] == "wire-2024-11-28"


def test_figure_carries_the_map_as_text(tmp_path):
    html, _ = figure(tmp_path)
    # Kept out of the search index, whose snippets would run the table cells together.
    text = re.search(r'<details class="map-text" data-search-exclude>(.*?)</details>', html,
                     re.S).group(1)
    assert "<summary>The map as text</summary>" in text
    assert '<span class="map-links" data-search-exclude>' in html
    assert "<tr><td>28 November 2024</td><td>Saraqib</td><td>Something happened here." in text
    for name in ("Aleppo", "Idlib", "Saraqib"):
        assert f'<th scope="row">{name}</th>' in text
    assert "M5 highway: Saraqib – Aleppo." in text
    assert "A zone &#40;approximate&#41;: drawn through Aleppo, Idlib, Saraqib." in text


def test_places_download_lists_every_place_with_its_sources():
    data = json.loads(maps.places_geojson(BOOK))
    assert {feature["id"] for feature in data["features"]} == set(BOOK.places)
    aleppo = next(f for f in data["features"] if f["id"] == "aleppo")
    assert aleppo["geometry"]["coordinates"] == [BOOK.places["aleppo"].lon, BOOK.places["aleppo"].lat]
    assert aleppo["properties"]["sources"][0].startswith("https://")


# --- The map files ------------------------------------------------------------------------------

def test_a_map_renders_the_same_bytes_twice(tmp_path):
    book = load(tmp_path)
    spec = book.maps["test"]
    assert interactive.render_html(spec, book, BASEMAP) == \
        interactive.render_html(spec, book, BASEMAP)
    assert static.render_svg(spec, book, BASEMAP) == \
        static.render_svg(spec, book, BASEMAP)


def test_ids_are_pinned_and_random_ids_come_back_after(tmp_path):
    book = load(tmp_path)
    html = interactive.render_html(book.maps["test"], book, BASEMAP)
    assert 'id="map_test_' in html or "map_test_" in html
    assert not re.search(r"_[0-9a-f]{32}\b", html)
    from branca.element import Element
    assert re.fullmatch(r"[0-9a-f]{32}", Element()._id)


def test_unchanged_maps_come_from_the_cache(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    book = load(tmp_path / "data")
    site, cache = tmp_path / "site", tmp_path / "cache"

    def write_generated(name, text):
        path = cache / Path(name).relative_to(maps.MAPS_DIR)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    maps.write_maps(book, site, cache, write_generated)
    first = {path.name: path.read_bytes() for path in (site / "maps").iterdir()}
    monkeypatch.setattr(maps, "draw", lambda *args: pytest.fail("an unchanged map was drawn again"))
    maps.write_maps(book, site, cache, write_generated)
    assert {path.name: path.read_bytes() for path in (site / "maps").iterdir()} == first
    assert sorted(first) == ["north.blank.svg", "north.html", "north.svg", "places.geojson",
                             "test.blank.svg", "test.html", "test.svg"]


def map_documents(build) -> list[Path]:
    return sorted((build.site / "maps").glob("*.html"))


def test_every_map_is_written_with_its_static_twin(site):
    for map_id in BOOK.maps:
        assert (site.site / "maps" / f"{map_id}.html").exists(), map_id
        assert (site.site / "maps" / f"{map_id}.svg").exists(), map_id
    assert len(BOOK.maps) >= 6


def test_no_map_file_loads_a_script_or_stylesheet_from_another_host(site):
    remote = re.compile(r'(?:src|href)="(?:https?:)?//')
    for path in map_documents(site):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
            assert not remote.search(tag), f"{path.name}: {tag}"
        for needle in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers",
                       "awesome_markers", "moment.min.js", "cdn."):
            assert needle not in html.lower(), f"{path.name} still loads {needle}"
    for css in [ROOT / "docs/assets/stylesheets/maps.css",
                *(ROOT / "docs/assets/vendor").rglob("*.css")]:
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css


def local_assets(document: Path) -> list[Path]:
    """The files a map document loads from the site (scripts, stylesheets and their images)."""
    html = document.read_text(encoding="utf-8")
    found = []
    for ref in re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', html):
        path = (document.parent / ref).resolve()
        found.append(path)
        if path.suffix == ".css":
            for image in re.findall(r"url\(([^)#]+\.png)\)", path.read_text(encoding="utf-8")):
                found.append((path.parent / image.strip("'\"")).resolve())
    return found


def test_each_map_fits_its_budget_leaflet_included(site):
    for document in map_documents(site):
        assets = local_assets(document)
        assert all(asset.exists() for asset in assets), document.name
        assert any(asset.name == "leaflet.js" for asset in assets)
        total = document.stat().st_size + sum(asset.stat().st_size for asset in set(assets))
        assert total <= BUDGET, f"{document.name}: {total // 1024} KB"


def test_two_builds_give_identical_map_files(site, offline_site):
    for map_id, spec in BOOK.maps.items():
        for ext in ("html", "svg"):
            built = (site.site / "maps" / f"{map_id}.{ext}").read_bytes()
            assert built == (offline_site.site / "maps" / f"{map_id}.{ext}").read_bytes(), map_id
    # ...and the built files are what a fresh drawing in this process gives: no cached leftover.
    spec = BOOK.maps["aleppo"]
    assert (site.site / "maps" / "aleppo.html").read_text(encoding="utf-8") == \
        interactive.render_html(spec, BOOK, BASEMAP)
    assert (site.site / "maps" / "aleppo.svg").read_text(encoding="utf-8") == \
        static.render_svg(spec, BOOK, BASEMAP)


def svg_texts(path: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text)
                    for text in re.findall(r"<text\b.*?</text>", path.read_text(encoding="utf-8"),
                                           re.S))


def test_each_static_twin_holds_the_specs_labels(site):
    for map_id, spec in BOOK.maps.items():
        texts = " ".join(svg_texts(site.site / "maps" / f"{map_id}.svg").split())
        for layer in spec.of_kind(model.PlacesLayer):
            for ref in layer.places:
                assert BOOK.places[ref.id].name in texts, (map_id, ref.id)
        for layer in spec.of_kind(model.LineLayer):
            assert layer.name in texts, (map_id, layer.name)
        for layer in spec.of_kind(model.AreaLayer):
            assert layer.name in texts and "(approximate)" in texts, (map_id, layer.name)
        for event in maps.shown_events(spec.layers, BOOK.events_by_id):
            assert model.short_date(event.date, "en") in texts
        assert "Natural Earth" in texts


# --- On paper: the static twins as the PDF prints them ---------------------------------------

PRINT_CSS = (ROOT / "pdf" / "print.css").read_text(encoding="utf-8")


def printed_box_pt() -> tuple[float, float]:
    """The largest box (width, height in points) the PDF prints a map in, read from print.css:
    the A4 page's text width (the narrower of the two papers) and the figure's max-height."""
    margins = re.search(r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm",
                        PRINT_CSS).groups()
    max_height = re.search(r"figure img \{[^}]*max-height:\s*([\d.]+)mm", PRINT_CSS).group(1)
    to_pt = 72 / 25.4
    return (210 - float(margins[1]) - float(margins[3])) * to_pt, float(max_height) * to_pt


def smallest_printed_text(svg: str) -> float:
    """The smallest font size in a static map, in points, at the size the PDF prints it."""
    width, height = (float(n) for n in re.search(r'<svg [^>]*width="([\d.]+)pt" height="([\d.]+)pt"',
                                                 svg).groups())
    box_width, box_height = printed_box_pt()
    scale = min(1.0, box_width / width, box_height / height)
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]
    return min(sizes) * scale


@pytest.mark.parametrize("map_id", sorted(BOOK.maps))
def test_no_static_label_prints_under_7_points(map_id):
    svg = static.render_svg(BOOK.maps[map_id], BOOK, BASEMAP)
    assert smallest_printed_text(svg) >= model.SMALLEST_PRINTED_TEXT - 0.01


def test_the_print_check_fails_on_a_map_printed_smaller():
    # A figure drawn wider than the page is shrunk to fit, and its 7 pt labels with it.
    svg = static.render_svg(BOOK.maps["offensive"], BOOK, BASEMAP)
    wide = re.sub(r'width="([\d.]+)pt"', lambda m: f'width="{float(m.group(1)) * 2}pt"', svg, count=1)
    assert smallest_printed_text(wide) < model.SMALLEST_PRINTED_TEXT


def test_the_atlas_lists_every_map_without_loading_leaflet_itself(site):
    page = site.html("reference/atlas/index.html")
    for map_id in BOOK.maps:
        assert f'<figure class="map-figure" id="map-{map_id}">' in page
    assert len(re.findall(r'<iframe class="map-interactive" [^>]*loading="lazy"', page)) == len(BOOK.maps)
    head_and_scripts = re.findall(r"<(?:script|link)\b[^>]*>", page)
    assert not any("leaflet" in tag for tag in head_and_scripts)
    assert 'href="../../maps/places.geojson" download' in page
    assert (site.site / "maps" / "places.geojson").exists()


# --- In a browser, with every request to another host blocked ------------------------------

class Tab:
    """A browser tab that blocks and records every request leaving the site, and its errors."""

    def __init__(self, browser, allowed: str, viewport=(1000, 750), touch: bool = False):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           has_touch=touch)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.context.route("**/*", self._route)
        self.allowed = allowed

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


@pytest.fixture
def tab(browser, server):
    opened = Tab(browser, server)
    yield opened
    opened.context.close()


def expected_counts(spec) -> dict:
    labelled_places = sum(1 for layer in spec.of_kind(model.PlacesLayer)
                          for ref in layer.places if ref.label != "none")
    return {
        "place": sum(len(layer.places) for layer in spec.of_kind(model.PlacesLayer)),
        "line": len(spec.of_kind(model.LineLayer)),
        "area": len(spec.of_kind(model.AreaLayer)),
        "event": len(maps.shown_events(spec.layers, BOOK.events_by_id)),
        "label": labelled_places + len(spec.of_kind(model.AreaLayer)) + len(maps.shown_events(spec.layers, BOOK.events_by_id)),
    }


COUNT = """() => ({
  place: document.querySelectorAll('path.map-place').length,
  line: document.querySelectorAll('path.map-line').length,
  area: document.querySelectorAll('path.map-area').length,
  event: document.querySelectorAll('path.map-event').length,
  label: document.querySelectorAll('.leaflet-tooltip-pane .map-label').length,
  base: document.querySelectorAll('path.map-base').length,
})"""


@pytest.mark.parametrize("map_id", sorted(BOOK.maps))
def test_each_map_draws_its_features_offline_without_errors(tab, server, map_id):
    spec = BOOK.maps[map_id]
    tab.page.goto(f"{server}maps/{map_id}.html", wait_until="load")
    tab.page.wait_for_function("document.querySelectorAll('path.map-base').length > 0")
    counts = tab.page.evaluate(COUNT)
    assert counts["base"] == sum(1 for f in BASEMAP["features"]
                                 if f["properties"]["kind"] in style.BASE_STYLE)
    assert {k: v for k, v in counts.items() if k != "base"} == expected_counts(spec)
    assert tab.page.title() == spec.title
    assert tab.errors == []
    assert tab.foreign == []           # OpenStreetMap tiles stay off until the reader asks


def test_the_offensive_steps_through_its_dates(tab, server):
    spec = BOOK.maps["offensive"]
    tab.page.goto(f"{server}maps/offensive.html", wait_until="load")
    date = tab.page.locator(".timecontrol-date")
    assert date.inner_text() == "8 December 2024"
    first = maps.shown_events(spec.layers, BOOK.events_by_id)[0].date
    days = (maps.shown_events(spec.layers, BOOK.events_by_id)[-1].date - first).days
    for _ in range(days):
        tab.page.locator("a.timecontrol-backward").click()
    assert date.inner_text() == "27 November 2024"
    tab.page.wait_for_timeout(300)
    shown = tab.page.evaluate("document.querySelectorAll('path.map-event').length")
    assert shown == sum(1 for event in maps.shown_events(spec.layers, BOOK.events_by_id) if event.date == first)
    tab.page.locator("a.timecontrol-forward").click()
    assert date.inner_text() == "28 November 2024"
    assert tab.errors == []


def test_the_phone_sized_map_folds_its_key(browser, server):
    phone = Tab(browser, server, viewport=(390, 640))
    try:
        phone.page.goto(f"{server}maps/offensive.html", wait_until="load")
        assert phone.page.locator(".map-key-narrow").is_visible()
        assert not phone.page.locator(".map-key-wide").is_visible()
        assert phone.page.locator(".map-key-narrow").get_attribute("open") is None
    finally:
        phone.context.close()


def test_offline_edition_opens_maps_from_disk(browser, offline_site):
    tab = Tab(browser, "file://")
    try:
        tab.page.goto((offline_site.site / "reference" / "atlas.html").as_uri(), wait_until="load")
        figure = tab.page.locator("#map-syria")
        figure.scroll_into_view_if_needed()
        frame = tab.page.frame_locator("#map-syria iframe")
        frame.locator("path.map-place").first.wait_for(timeout=10_000)
        assert frame.locator("path.map-place").count() == expected_counts(BOOK.maps["syria"])["place"]
        assert tab.errors == []
        assert tab.foreign == []
    finally:
        tab.context.close()


def test_a_map_frame_loads_only_when_the_reader_nears_it(browser, server):
    phone = Tab(browser, server, viewport=(390, 640))
    requested: list[str] = []
    phone.page.on("request", lambda request: requested.append(request.url))
    try:
        phone.page.goto(f"{server}chapters/02-the-offensive/", wait_until="load")
        phone.page.wait_for_timeout(500)
        assert not [url for url in requested if "/maps/" in url and url.endswith(".html")]
        frame = phone.page.locator("#map-offensive iframe")
        assert frame.get_attribute("src") is None
        frame.scroll_into_view_if_needed()
        phone.page.frame_locator("#map-offensive iframe").locator("path.map-event").first.wait_for()
        assert frame.get_attribute("src") == "../../maps/offensive.html"
        assert phone.errors == [] and phone.foreign == []
    finally:
        phone.context.close()


def test_without_javascript_the_static_twin_stands_in(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}chapters/02-the-offensive/", wait_until="load")
        assert page.locator("#map-offensive img.map-static").is_visible()
        assert not page.locator("#map-offensive iframe").is_visible()
    finally:
        context.close()


# --- On a phone and a laptop: names on the map, controls and popups out of the way -------------

READERS = {"phone": ((390, 844), True), "laptop": ((1366, 768), False)}

LAYOUT = """() => {
  const origin = document.querySelector('.leaflet-container').getBoundingClientRect();
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left,
            bottom: r.bottom - origin.top, text: (el.innerText ?? el.textContent).replace(/\\s+/g, ' ').trim()}; };
  const shown = sel => [...document.querySelectorAll(sel)].map(box)
    .filter(b => b.right > b.left && b.bottom > b.top);
  return {width: origin.width, height: origin.height, controls: shown('.leaflet-control'),
          labels: shown('.leaflet-tooltip-pane .map-label'),
          dots: shown('path.map-place, path.map-event'), popups: shown('.leaflet-popup')};
}"""

# Resolves once the popup has stood still for a few frames (Leaflet pans the map to show it).
POPUP_SETTLED = """() => new Promise(resolve => {
  let last = '', still = 0;
  (function tick() {
    const popup = document.querySelector('.leaflet-popup');
    const now = popup ? JSON.stringify(popup.getBoundingClientRect()) : '';
    still = now && now === last ? still + 1 : 0;
    last = now;
    if (still >= 5) resolve(true); else requestAnimationFrame(tick);
  })();
})"""


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
        a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


def outside(item: dict, layout: dict) -> bool:
    return (item["left"] < -0.5 or item["top"] < -0.5 or item["right"] > layout["width"] + 0.5
            or item["bottom"] > layout["height"] + 0.5)


def assert_clear(layout: dict) -> None:
    """Every label and dot of a map's LAYOUT inside the frame and clear of the controls, and no
    label running into another."""
    for item in layout["labels"] + layout["dots"]:
        assert not outside(item, layout), f"cut at the edge: {item}"
        for control in layout["controls"]:
            assert not overlap(item, control), f"under a control: {item} / {control['text']}"
    for i, label in enumerate(layout["labels"]):
        for other in layout["labels"][i + 1:]:
            assert not overlap(label, other), f"{label['text']!r} runs into {other['text']!r}"


def key_labels(spec, reader: str) -> set[str]:
    """The labels a reader sees without a tap: every place's and event's, but on a phone a
    minor place has none and a minor event's keeps only its date."""
    phone = reader == "phone"
    labels = {BOOK.places[ref.id].name for layer in spec.of_kind(model.PlacesLayer)
              for ref in layer.places if ref.label != "none" and not (phone and ref.minor)}
    labels |= {layer.label() for layer in spec.of_kind(model.AreaLayer)}
    for event in maps.shown_events(spec.layers, BOOK.events_by_id):
        date = model.short_date(event.date, "en")
        labels.add(date if phone and event.minor else f"{BOOK.places[event.place].name}, {date}")
    return labels


@pytest.fixture(scope="module")
def frames(browser, server) -> dict:
    """The size of a map's frame in a page, as a phone and a laptop lay the page out."""
    sizes = {}
    for reader, ((width, height), touch) in READERS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch)
        page = context.new_page()
        page.goto(f"{server}reference/atlas/", wait_until="load")
        box = page.locator("#map-offensive iframe").bounding_box()
        sizes[reader] = (round(box["width"]), round(box["height"]))
        context.close()
    return sizes


def open_framed(browser, server, frames, reader: str, map_id: str) -> Tab:
    """A map document in a tab the size of its frame in a page, with touch on a phone."""
    (width, height), touch = frames[reader], READERS[reader][1]
    tab = Tab(browser, server, viewport=(width, height), touch=touch)
    tab.page.goto(f"{server}maps/{map_id}.html", wait_until="load")
    tab.page.wait_for_function("document.querySelectorAll('path.map-base').length > 0")
    return tab


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("map_id", sorted(BOOK.maps))
def test_a_map_names_its_places_clear_of_controls_and_edges(browser, server, frames, reader,
                                                            map_id):
    tab = open_framed(browser, server, frames, reader, map_id)
    try:
        layout = tab.page.evaluate(LAYOUT)
        shown = {label["text"] for label in layout["labels"]}
        assert key_labels(BOOK.maps[map_id], reader) <= shown, shown
        assert_clear(layout)
    finally:
        tab.context.close()


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("map_id", sorted(k for k, spec in BOOK.maps.items()
                                          if spec.of_kind(model.EventsLayer)))
def test_every_popup_opens_clear_of_the_controls(browser, server, frames, reader, map_id):
    events = len(maps.shown_events(BOOK.maps[map_id].layers, BOOK.events_by_id))
    for index in range(events):
        tab = open_framed(browser, server, frames, reader, map_id)
        try:
            dot = tab.page.locator("path.map-event").nth(index)
            dot.tap(timeout=5000) if READERS[reader][1] else dot.click(timeout=5000)
            tab.page.wait_for_selector(".leaflet-popup")
            tab.page.evaluate(POPUP_SETTLED)
            layout = tab.page.evaluate(LAYOUT)
            [popup] = layout["popups"]
            assert not outside(popup, layout), f"popup {index} cut: {popup}"
            for control in layout["controls"]:
                assert not overlap(popup, control), \
                    f"popup {index} ({popup['text'][:30]}) under {control['text'][:30]!r}"
            assert tab.errors == []
        finally:
            tab.context.close()
