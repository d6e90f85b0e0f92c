"""Data never becomes code: hostile text planted in every text field of every data file is shown
as typed, on every page and in every map document, and runs nowhere."""

import csv
import functools
import http.server
import io
import re
import threading

import pytest
import yaml

from conftest import _QuietHandler, copy_project, run_mkdocs
from macros.text import NAME_LIMIT

# One string carrying the usual payloads, each with its own marker: script and event-handler
# HTML, Markdown links and images with javascript: and data: URLs and attributes, a JavaScript
# template literal, backticks and backslashes, TeX, a spreadsheet formula, attr_list braces.
PAYLOAD = ('=HYPERLINK("http://x.test","p0") <script>alert("p1")</script> '
           '"><img src=x onerror=alert("p2")> [p3](javascript:alert("p3")) '
           '![p4](data:,x){onerror=alert("p4")} ${alert("p5")} `p6` \\u \\ $1 to $2 $\\foo$ '
           '{: onclick=alert("p7") } ==p8== ^^p9^^ ~~p10~~ (c) -->')
SHOWN = ['=HYPERLINK("http://x.test","p0")', '<script>alert("p1")</script>',
         '"><img src=x onerror=alert("p2")>', '[p3](javascript:alert("p3"))',
         '![p4](data:,x){onerror=alert("p4")}', '${alert("p5")}', '`p6` \\u \\ $1 to $2 $\\foo$',
         '{: onclick=alert("p7") }', "==p8== ^^p9^^ ~~p10~~ (c) -->"]

# The fields of each data file that hold text (ids, dates, URLs, kinds and references are
# checked by their models and cannot hold markup).
TEXT_FIELDS = {
    "sources.yml": ["publisher", "title", "via"],
    "glossary.yml": ["definition", "simple", "original", "transliteration"],
    "actors.yml": ["name", "short", "also_known_as", "profile", "aims", "backers", "status"],
    "timeline.yml": ["text"],
    "places.yml": ["name", "note"],
    "maps.yml": ["title", "caption"],
}
LAYER_FIELDS = ["name", "label", "note"]


def planted(text: str) -> str:
    """The payload before the field's own text, cut to the shortest field limit (the payload
    itself stays whole)."""
    return f"{PAYLOAD} {text}"[:NAME_LIMIT]


def _plant_fields(entry: dict, fields: list[str]) -> int:
    count = 0
    for field in fields:
        if isinstance(entry.get(field), str):
            entry[field] = planted(entry[field])
            count += 1
        elif isinstance(entry.get(field), list):           # other names
            entry[field] = [planted(name) for name in entry[field]]
            count += len(entry[field])
    return count


def plant(data: list, fields: list[str]) -> int:
    """The payload in each text field of each entry, and of its Arabic (`ar:`)."""
    count = 0
    for entry in data:
        for item in [entry, *entry.get("layers", [])]:
            names = fields if item is entry else LAYER_FIELDS
            count += _plant_fields(item, names)
            count += _plant_fields(item.get("ar") or {}, names)
    return count


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The book built from data with PAYLOAD in every text field."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    glossary = yaml.safe_load((project / "data" / "glossary.yml").read_text(encoding="utf-8"))
    # A person the glossary names keeps their name in data/actors.yml: the build checks that the
    # two spell them alike, and a glossary term is plain text, which the payload is not.
    people = {term["term"] for term in glossary if term.get("kind") == "person"}
    fields_planted = 0
    for name, fields in TEXT_FIELDS.items():
        path = project / "data" / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [(entry, entry["name"]) for entry in data
                if name == "actors.yml" and entry["name"] in people]
        fields_planted += plant(data, fields) - len(kept)
        for entry, person in kept:
            entry["name"] = person
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    # The Arabic edition names the outlets that carried a party's words by their Arabic names,
    # looked up by the (now planted) English name: both get the payload.
    path = project / "data" / "publishers.yml"
    names = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = yaml.safe_load((project / "data" / "sources.yml").read_text(encoding="utf-8"))
    names["publishers"] = {source["publisher"]: planted("ناشر") for source in sources}
    path.write_text(yaml.safe_dump(names, allow_unicode=True), encoding="utf-8")
    result = run_mkdocs(project / "site", cwd=project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert fields_planted > 1000           # every entry of every file, not a sample
    return project / "site"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    handler = functools.partial(_QuietHandler, directory=str(hostile_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


PAGES = ["", "ar/chapters/02-the-offensive/", "ar/reference/glossary/", "reference/timeline/",
         "reference/who-is-who/", "reference/glossary/",
         "reference/sources/", "reference/atlas/", "chapters/02-the-offensive/",
         "chapters/04-turkeys-balancing-act/", "teachers/handouts/timeline-sheet/",
         "teachers/handouts/word-bank-02/",
         "teachers/lesson-plans/02-the-offensive/"]


def visit(browser, url: str):
    """Open `url` (and its frames) with every dialog and script error recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: fired.append(f"error: {error}"))
    page.goto(url, wait_until="load")
    page.evaluate("""async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        window.scrollTo(0, y); await new Promise(done => setTimeout(done, 30));
      }
      document.querySelectorAll('.md-typeset abbr, a.cite').forEach(el =>
        el.dispatchEvent(new PointerEvent('pointerover', {bubbles: true, pointerType: 'mouse'})));
    }""")
    page.wait_for_timeout(500)
    return context, page, fired


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_hostile_text_runs_nowhere_and_shows_as_typed(browser, hostile_server, path):
    context, page, fired = visit(browser, hostile_server + path)
    try:
        assert fired == []
        # Nothing the payload carried became an element or a live attribute.
        for selector in ('a[href^="javascript:"]', 'img[src^="data:"]', "[onerror]",
                         "[onclick]", "article script", "mark", "ins", "del"):
            assert page.locator(selector).count() == 0, selector
        text = page.locator("article").inner_text()
        assert any(part in text for part in SHOWN), "the planted text is not shown"
        for part in SHOWN:
            if part.split()[0] in text:
                assert part in text.replace("\n", " "), f"{part!r} not shown as typed"
    finally:
        context.close()


def test_every_map_document_draws_and_runs_nothing(browser, hostile_site, hostile_server):
    maps = sorted(path.name for path in (hostile_site / "maps").glob("*.html"))
    assert maps
    for name in maps:
        context, page, fired = visit(browser, f"{hostile_server}maps/{name}")
        try:
            assert fired == [], name
            assert page.locator(".leaflet-marker-pane > *, .leaflet-tooltip-pane > *").count(), \
                f"{name}: the map is blank"
            assert page.locator("[onerror], [onclick]").count() == 0, name
            page.locator(".leaflet-control-layers").hover()
            assert any(part in page.locator(".leaflet-control-layers").inner_text()
                       for part in SHOWN) or "layers" not in name, name
        finally:
            context.close()


def test_the_timeline_csv_holds_no_formula(hostile_site):
    rows = list(csv.reader(io.StringIO((hostile_site / "data" / "timeline.csv")
                                       .read_text(encoding="utf-8"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if re.match(r"[=+\-@\t\r]", cell)]
    texts = [row[rows[0].index("event")] for row in rows[1:]]
    assert texts and all(text.startswith("'" + SHOWN[0]) for text in texts)


def test_a_page_description_is_escaped_once(project_copy):
    """Material writes a page's description into <meta content="..."> as it finds it."""
    page = project_copy / "docs" / "teachers" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description: >-\n", 'description: >-\n  Maps & "quotes" <b>here</b>.\n', 1),
                    encoding="utf-8")
    result = run_mkdocs(project_copy / "site", cwd=project_copy)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((project_copy / "site" / "teachers" / "index.html").read_text(
        encoding="utf-8"), "html.parser")
    # Read back as a browser reads it: the text as typed, inside the attribute, no element made.
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith(
        'Maps & "quotes" <b>here</b>.')
    assert soup.head.find("b") is None
