"""Maps in Arabic: the Arabic edition's map documents, static twins, figures and files.

The Arabic build is switched off in mkdocs.yml until every translation is in, so these tests draw
the maps from the real data in Arabic (load_book(...).in_language("ar")) through the functions
the build calls. Timeline events not yet translated get a placeholder Arabic text; everything
else, place names included, is the data's own Arabic.
"""

import functools
import http.server
import html as html_module
import json
import re
import shutil
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT, _QuietHandler
from macros import maps
from macros.book import load_book
from macros.i18n import WORDS
from macros.maps import interactive, model, static
from macros.page import Page
from test_maps import LAYOUT, READERS, assert_clear, printed_box_pt

ENGLISH = load_book(ROOT / "data")
PLACEHOLDER = "نص الحدث بالعربية لم يُكتب بعد."


def arabic_book():
    """The real book in Arabic, with a placeholder for each timeline event not yet translated."""
    events = [event if event.ar else event.model_copy(update={"ar": {"text": PLACEHOLDER}})
              for event in ENGLISH.events]
    return replace(ENGLISH, events=events).in_language("ar")


ARABIC = arabic_book()
BASEMAP = maps.load_basemap()
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# Arabic letters in the forms of Unicode's compatibility blocks: a string written in them has
# been shaped before it was drawn, which matplotlib must now do itself.
PRESENTATION_FORMS = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")


def english_phrases() -> list[str]:
    """The English words the maps write around the data (data/words.yml), as phrases long
    enough not to turn up inside code: "Zoom in", "(public domain)", "The map as text"."""
    keys = [key for key in WORDS if key.startswith(("map-", "place-kind-"))]
    phrases = []
    for key in keys:
        for part in re.split(r"\{[^}]*\}", WORDS[key]["en"]):
            if len(part.strip()) >= 6 and " " in part.strip():
                phrases.append(part.strip())
    return phrases


def labelled_places(spec) -> list:
    """The places whose names the map writes beside their dots (events name their places)."""
    ids = [ref.id for layer in spec.of_kind(model.PlacesLayer) for ref in layer.places
           if ref.label != "none"]
    ids += [event.place for event in maps.shown_events(spec.layers, ARABIC.events_by_id)]
    return [ARABIC.places[key] for key in dict.fromkeys(ids)]


# --- The map document ------------------------------------------------------------------------

@pytest.mark.parametrize("map_id", sorted(ARABIC.maps))
def test_an_arabic_map_document_is_arabic_and_right_to_left(map_id):
    spec = ARABIC.maps[map_id]
    html = interactive.render_html(spec, ARABIC, BASEMAP, "ar")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n')
    assert f"<title>{spec.title}</title>" in html
    # ar/maps/ is a folder deeper than maps/: the site's assets are two folders up
    assert '<script src="../../assets/vendor/leaflet/leaflet.js">' in html
    for place in labelled_places(spec):
        assert ARABIC_LETTER.search(place.name), place.id
        assert place.name in html or js(place.name)[1:-1] in html, place.id
    for phrase in english_phrases():
        assert phrase not in html, phrase


def test_the_english_map_document_keeps_its_english():
    spec = ENGLISH.maps["offensive"]
    html = interactive.render_html(spec, ENGLISH, BASEMAP)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr">\n')
    assert '<script src="../assets/vendor/leaflet/leaflet.js">' in html
    assert "<summary>Key</summary>" in html and "Outlines: Natural Earth (public domain)" in html
    assert "Aleppo, </span>29 Nov" in html


def test_the_check_for_english_words_finds_one():
    html = interactive.render_html(ENGLISH.maps["offensive"], ENGLISH, BASEMAP)
    assert [phrase for phrase in english_phrases() if phrase in html]


def js(text) -> str:
    """`text` as folium writes it into a map's data: JSON, non-ASCII letters escaped."""
    return json.dumps(text)


def test_an_arabic_event_is_labelled_and_dated_in_arabic():
    html = interactive.render_html(ARABIC.maps["offensive"], ARABIC, BASEMAP, "ar")
    aleppo = ARABIC.places["aleppo"].name
    # its label: the place, an Arabic comma, day/month; its popup: the full date first
    assert js(f'<span class="map-event-place">{aleppo}، </span>29/11') in html
    assert js(f"<strong>29 تشرين الثاني/نوفمبر 2024، {aleppo}</strong>")[:-1] in html
    # the time bar's date as the book writes dates, and on a phone in digits
    assert f'"2024-12-08": {js(["8 كانون الأول/ديسمبر 2024", "8/12/2024"])}' in html


# --- The static twin -------------------------------------------------------------------------

DEJAVU = TTFont(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
GLYPHS = DEJAVU.getGlyphOrder()


def drawn_glyphs(svg: str, label: str) -> list[str]:
    """The Unicode names of the glyphs the SVG draws for `label`, from left to right.

    An Arabic map's SVG holds each label as outlines (static.TEXT_AS_PATHS), after a comment
    with its text, as <use> of DejaVu Sans glyphs named by their index; DejaVu names the joined
    forms of Arabic letters after Unicode's presentation forms (uniFEA3: HAH INITIAL FORM)."""
    start = svg.index(f"<!-- {label} -->")
    group = svg[start:svg.index("</g>", start)]
    indexes = re.findall(r'xlink:href="#DejaVuSans-([0-9a-f]+)"', group)
    names = [GLYPHS[int(index, 16)] for index in indexes]
    return [unicodedata.name(chr(int(name[3:7], 16))) if name.startswith("uni") else name
            for name in names]


@pytest.fixture(scope="module")
def syria_svg() -> str:
    return static.render_svg(ARABIC.maps["syria"], ARABIC, BASEMAP, lang="ar")


def test_arabic_labels_are_drawn_joined_from_the_right(syria_svg):
    # حلب, Aleppo: hah, lam and beh joined (initial, medial, final), the first letter rightmost.
    assert ARABIC.places["aleppo"].name == "حلب"
    assert list(reversed(drawn_glyphs(syria_svg, "حلب"))) == [
        "ARABIC LETTER HAH INITIAL FORM", "ARABIC LETTER LAM MEDIAL FORM",
        "ARABIC LETTER BEH FINAL FORM"]
    # دمشق, Damascus: dal joins nothing after it, so meem starts a joined run.
    assert list(reversed(drawn_glyphs(syria_svg, "دمشق"))) == [
        "ARABIC LETTER DAL", "ARABIC LETTER MEEM INITIAL FORM",
        "ARABIC LETTER SHEEN MEDIAL FORM", "ARABIC LETTER QAF FINAL FORM"]
    # A road's name: the Arabic words from the right, M5 at the left end.
    key = drawn_glyphs(syria_svg, "الطريق السريع M5")
    assert key[:3] == ["M", "five", "space"]


@pytest.mark.parametrize("map_id", sorted(ARABIC.maps))
def test_an_arabic_static_twin_names_every_place_in_arabic(map_id):
    spec = ARABIC.maps[map_id]
    svg = static.render_svg(spec, ARABIC, BASEMAP, lang="ar")
    labels = re.findall(r"<!-- (.*?) -->", svg)
    written = " ".join(labels)
    for layer in spec.of_kind(model.PlacesLayer):
        for ref in layer.places:
            assert ARABIC.places[ref.id].name in written, (map_id, ref.id)
    for event in maps.shown_events(spec.layers, ARABIC.events_by_id):
        assert model.short_date(event.date, "ar") in written, (map_id, event.event)
    for layer in spec.of_kind(model.AreaLayer):
        assert layer.label("ar", sep="\n").split("\n")[0] in written
    assert any(label.startswith("الحدود والسواحل: Natural Earth (ملكية عامة).")
               for label in labels)
    assert "<text" not in svg                          # no text for a viewer to set again
    assert not PRESENTATION_FORMS.search(svg)         # the labels' text as written, unshaped
    assert not re.search(r"[A-Za-z]{3,}", " ".join(
        label for label in labels if "Natural Earth" not in label and "M4" not in label
        and "M5" not in label)), labels


def smallest_outline_size(svg: str) -> float:
    """The smallest text in an SVG whose text is outlines, in points at print size: glyphs are
    drawn at 100 units to the point, scaled to their size."""
    width, height = (float(n) for n in re.search(
        r'<svg [^>]*width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    box_width, box_height = printed_box_pt()
    scale = min(1.0, box_width / width, box_height / height)
    sizes = [float(size) * 100 for size in re.findall(r"scale\(([\d.]+) -[\d.]+\)", svg)]
    return min(sizes) * scale


@pytest.mark.parametrize("map_id", sorted(ARABIC.maps))
def test_no_arabic_static_label_prints_under_7_points(map_id):
    svg = static.render_svg(ARABIC.maps[map_id], ARABIC, BASEMAP, lang="ar")
    assert smallest_outline_size(svg) >= model.SMALLEST_PRINTED_TEXT - 0.01


def test_the_arabic_print_check_fails_on_a_map_printed_smaller(syria_svg):
    wide = re.sub(r'width="([\d.]+)pt"', lambda m: f'width="{float(m.group(1)) * 2}pt"',
                  syria_svg, count=1)
    assert smallest_outline_size(wide) < model.SMALLEST_PRINTED_TEXT


def test_the_arabic_key_reads_from_the_right():
    # Three entries in two columns: the right-hand column is read first.
    assert model.key_columns(3, 2, "ar") == [[1, 2], [0]]
    assert model.key_columns(3, 2, "en") == [[0, 1], [2]]
    assert model.key_columns(5, 3, "ar") == [[3, 4], [1, 2], [0]]


def test_a_credit_line_too_long_for_its_map_takes_two_lines():
    spec = ARABIC.maps["northwest"]
    assert model.credit(spec, 7.0, "ar").count("\n") == 0
    assert model.credit(spec, 3.0, "ar").split("\n") == [
        "الحدود والسواحل: Natural Earth (ملكية عامة).", "محدَّثة حتى 18 تشرين الأول/أكتوبر 2024."]


# --- The figure in a page, the gazetteer, the files ------------------------------------------

def arabic_figure(src_uri="chapters/02-the-offensive.md", map_id="offensive") -> str:
    cite = SimpleNamespace(cite=lambda *ids: "".join(f"[{key}]" for key in ids))
    here = Page(src_uri, True, cite, lang="ar")
    return maps.render_figure(ARABIC.maps[map_id], ARABIC, here, f"map-{map_id}")


def test_an_arabic_page_shows_the_arabic_map_files():
    html = arabic_figure()
    # ar/chapters/02-the-offensive/ to ar/maps/
    assert '<iframe class="map-interactive" data-src="../../maps/offensive.html"' in html
    assert '<img class="map-static" src="../../maps/offensive.svg"' in html
    title = ARABIC.maps["offensive"].title
    assert f'title="خريطة تفاعلية: {title}"' in html
    assert '<span class="map-as-of">محدَّثة حتى 8 كانون الأول/ديسمبر 2024.</span>' in html
    assert ">افتح الخريطة التفاعلية</a>" in html and "<summary>الخريطة نصّاً</summary>" in html
    offline = Page("reference/atlas.md", False, SimpleNamespace(cite=lambda *ids: ""), lang="ar")
    assert 'data-src="../maps/syria.html"' in maps.render_figure(
        ARABIC.maps["syria"], ARABIC, offline, "map-syria")


def test_an_arabic_figure_has_no_english_words_of_its_own():
    html = arabic_figure()
    text = html_module.unescape(re.sub(r"<[^>]+>|\[[^\]]+\]", " ", html))   # as a reader sees it
    latin = set(re.findall(r"[A-Za-z]{2,}", text))
    # Latin in the Arabic data itself (road numbers, acronyms) and the file format's name.
    allowed = set(re.findall(r"[A-Za-z]{2,}", json.dumps(
        [ARABIC.maps["offensive"].model_dump(), [p.model_dump() for p in ARABIC.places.values()],
         [e.text for e in ARABIC.events], [t.model_dump() for t in ARABIC.terms]],
        ensure_ascii=False, default=str))) | {"SVG"}
    assert latin <= allowed, latin - allowed
    assert '<th scope="col">المكان</th><th scope="col">ما هو</th>' in html   # no "Arabic" column


def test_the_arabic_gazetteer():
    html = maps.render_gazetteer(ARABIC, lambda *ids: "", "ar")
    assert ('<thead><tr><th scope="col">المكان</th><th scope="col">النوع</th>'
            '<th scope="col">خط العرض، خط الطول</th>'
            '<th scope="col">المصدر</th></tr></thead>') in html
    aleppo = ARABIC.places["aleppo"]
    assert (f'<tr><th scope="row">حلب</th><td>مدينة</td>'
            f'<td>{aleppo.lat:.4f}، {aleppo.lon:.4f}</td>') in html
    names = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert names == sorted(names, key=lambda name: name.removeprefix("ال"))


def test_the_maps_of_each_edition_are_written_and_cached_apart(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"

    def write_generated(name, text):
        path = cache / Path(name).relative_to(maps.MAPS_DIR)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    books = {lang: replace(book, maps={"syria": book.maps["syria"]})
             for lang, book in (("en", ENGLISH), ("ar", ARABIC))}
    for lang, book in books.items():
        maps.write_maps(book, site, cache, write_generated, lang)
    english = (site / "maps" / "syria.html").read_text(encoding="utf-8")
    arabic = (site / "ar" / "maps" / "syria.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="ar" dir="rtl">' in arabic
    assert "حلب" in (site / "ar" / "maps" / "places.geojson").read_text(encoding="utf-8")
    assert '"name": "Aleppo"' in (site / "maps" / "places.geojson").read_text(encoding="utf-8")
    assert sorted(path.name.split(".")[0] for path in (cache / "en").iterdir()) == ["syria"] * 3
    assert sorted(path.name.split(".")[0] for path in (cache / "ar").iterdir()) == ["syria"] * 3
    before = {path: path.read_bytes() for path in site.rglob("*.*")}
    monkeypatch.setattr(maps, "draw", lambda *args: pytest.fail("an unchanged map was drawn again"))
    for lang, book in reversed(books.items()):          # either order: neither evicts the other
        maps.write_maps(book, site, cache, write_generated, lang)
    assert {path: path.read_bytes() for path in site.rglob("*.*")} == before


# --- In a browser: the Arabic maps as a reader sees them -------------------------------------

# The size of a map's frame in the Arabic atlas, as a phone (390 px) and a laptop (1366 px) lay
# it out, measured in Chromium (the Arabic edition's text is set 10% larger: site.css).
FRAMES = {"phone": (362, 387), "laptop": (605, 454)}


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory) -> Path:
    """The Arabic map documents as the build writes them into ar/maps/, beside the assets."""
    site = tmp_path_factory.mktemp("arabic-site")
    shutil.copytree(ROOT / "docs" / "assets", site / "assets")
    maps.write_maps(ARABIC, site, tmp_path_factory.mktemp("cache"), lambda name, text: None, "ar")
    return site


@pytest.fixture(scope="module")
def arabic_server(arabic_site):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(arabic_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def open_arabic(browser, server, reader: str, map_id: str):
    width, height = FRAMES[reader]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  has_touch=READERS[reader][1])
    page = context.new_page()
    errors = []       # script errors, and files the map asks for and does not get
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda response: response.status >= 400 and not response.url.endswith(
        "/favicon.ico") and errors.append(f"{response.status} {response.url}"))
    page.goto(f"{server}ar/maps/{map_id}.html", wait_until="load")
    page.wait_for_function("document.querySelectorAll('path.map-base').length > 0")
    return context, page, errors


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("map_id", sorted(ARABIC.maps))
def test_an_arabic_map_names_its_places_clear_of_controls_and_edges(browser, arabic_server,
                                                                    reader, map_id):
    context, page, errors = open_arabic(browser, arabic_server, reader, map_id)
    try:
        layout = page.evaluate(LAYOUT)
        shown = " ".join(label["text"] for label in layout["labels"])
        spec = ARABIC.maps[map_id]
        for place in labelled_places(spec):
            minor = any(ref.id == place.id and ref.minor for layer in spec.of_kind(
                model.PlacesLayer) for ref in layer.places) or any(
                ref.place == place.id and ref.minor for layer in spec.of_kind(model.EventsLayer)
                for ref in layer.events)
            if not (reader == "phone" and minor):
                assert place.name in shown, place.id
        assert_clear(layout)
        assert errors == []
    finally:
        context.close()


# Everything an Arabic map says to its reader: the text on it and in its opened key, layers
# list and popup, and the titles and labels a screen reader reads out.
WORDS_SHOWN = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const said = [document.body.innerText];
  document.querySelectorAll('[title], [aria-label], [alt]').forEach(el => said.push(
    ...['title', 'aria-label', 'alt'].map(name => el.getAttribute(name) || '')));
  return said.join(' ');
}"""


def test_an_arabic_map_says_nothing_in_english(browser, arabic_server):
    context, page, errors = open_arabic(browser, arabic_server, "laptop", "offensive")
    try:
        page.locator("path.map-event").last.click(force=True)
        page.wait_for_selector(".leaflet-popup")
        page.locator(".leaflet-control-layers").evaluate(
            "el => el.classList.add('leaflet-control-layers-expanded')")
        said = page.evaluate(WORDS_SHOWN)
        assert "تكبير" in said and "إغلاق النافذة" in said and "اليوم السابق" in said
        assert "دليل الخريطة" in said and "كم" in said
        latin = set(re.findall(r"[A-Za-z]{2,}", said))
        # Names kept in their own script, and the road numbers of the data.
        assert latin <= {"Leaflet", "Natural", "Earth", "OpenStreetMap", "M5"}, latin
        assert errors == []
    finally:
        context.close()
