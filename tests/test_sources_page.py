"""The Sources page: grouped by the kind of voice, every entry anchored, cited and citing."""

import posixpath
import re
from pathlib import PurePosixPath

import pytest

from conftest import ROOT
from macros.bibliography import CitedIn, render_bibliography
from macros.book import load_book
from macros.sources import KIND_HEADINGS, Source

BOOK = load_book(ROOT / "data")
SOURCES_HTML = "reference/sources/index.html"


@pytest.fixture(scope="module")
def page(site):
    return site.html(SOURCES_HTML)


def entries(page_html: str) -> dict[str, str]:
    """Source id -> the HTML of its entry on the Sources page."""
    return dict(re.findall(r'<li id="src-([a-z0-9-]+)">(.*?)</li>', page_html, flags=re.S))


def links_to_sources(site, edition: str = "") -> dict[str, set[str]]:
    """For each source id, the built pages (site paths) of an edition ("" or "ar/") that link to
    its entry on that edition's Sources page."""
    linked: dict[str, set[str]] = {}
    for path in site.site.rglob("*.html"):
        rel = path.relative_to(site.site).as_posix()
        if rel == edition + SOURCES_HTML or rel.startswith("ar/") != (edition == "ar/"):
            continue
        text = path.read_text(encoding="utf-8")
        for href, key in re.findall(r'href="([^"#]*)#src-([a-z0-9-]+)"', text):
            target = PurePosixPath(rel).parent / href / "index.html"
            assert re.sub(r"[^/]+/\.\./", "", str(target)).endswith(SOURCES_HTML) or \
                str(target).endswith(SOURCES_HTML), f"{rel}: {href}"
            linked.setdefault(key, set()).add(rel)
    return linked


def test_note_teaches_to_ask_who_is_speaking(page):
    intro = page.split('<article', 1)[1].split("<h2", 1)[0]
    assert "who is speaking" in intro.lower()


def test_groups_follow_the_kinds_in_order(page):
    headings = re.findall(r'<h2 id="([a-z-]+)">', page)
    present = [kind.value for kind in KIND_HEADINGS if any(s.kind is kind for s in BOOK.sources.values())]
    assert [h for h in headings if h in {k.value for k in KIND_HEADINGS}] == present


def test_every_source_has_one_entry_in_its_group(page):
    listed = entries(page)
    assert sorted(listed) == sorted(BOOK.sources)
    sections = re.split(r'<h2 id="', page)
    for section in sections[1:]:
        kind = section.split('"', 1)[0]
        for key in re.findall(r'<li id="src-([a-z0-9-]+)">', section):
            assert BOOK.sources[key].kind.value == kind, key


def test_state_media_name_their_state(page):
    listed = entries(page)
    for key, source in BOOK.sources.items():
        if source.state:
            assert f"(state-affiliated, {source.state})" in listed[key], key


def test_sources_in_other_languages_say_so(page):
    listed = entries(page)
    for key, source in BOOK.sources.items():
        if source.language:
            assert f'hreflang="{source.language}"' in listed[key]
            assert f'<bdi lang="{source.language}">' in listed[key]


def test_every_citation_resolves_to_an_entry(site, page):
    listed = entries(page)
    for path in site.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for key in re.findall(r'#src-([a-z0-9-]+)"', text):
            assert key in listed, f"{path.relative_to(site.site)} cites unknown source {key}"
        for number in re.findall(r'<a class="cite" id="cite-\d+-\d+" href="#ref-(\d+)"', text):
            assert f'<li id="ref-{number}">' in text, f"{path}: [{number}] has no reference"


def test_every_listed_source_is_cited(site):
    uncited = sorted(set(BOOK.sources) - set(links_to_sources(site)))
    assert not uncited, f"sources no page cites: {uncited}"


@pytest.mark.parametrize("edition, cited_in", [("", "Cited in:"), ("ar/", "ذُكر في:")])
def test_cited_in_names_the_pages_that_cite(site, edition, cited_in):
    linked = links_to_sources(site, edition)
    listed = entries(site.html(edition + SOURCES_HTML))
    assert len(linked) > 100
    for key, pages in linked.items():
        hrefs = re.findall(r'href="([^"]+)"', listed[key].split(cited_in, 1)[-1])
        shown = {posixpath.normpath(posixpath.join(edition + "reference/sources", href))
                 for href in hrefs}
        expected = {posixpath.dirname(path) or "." for path in pages}
        assert shown == expected, f"{key}: says {sorted(shown)}, pages citing: {sorted(expected)}"


def test_entries_are_grouped_and_escaped(tmp_path):
    sources = {
        "b": Source(id="b", publisher="Zeta <News>", title="T & U", url="https://x.org/1",
                    kind="news"),
        "a": Source(id="a", publisher="Alpha", title="Title", url="https://x.org/2",
                    kind="state-media", state="Ruritania", language="ar"),
    }
    out = render_bibliography(sources)
    assert out.index("## Wire agencies") < out.index("## State-affiliated media")
    assert "Zeta &lt;News&gt;" in out and "T &amp; U" in out
    assert "Alpha (state-affiliated, Ruritania)" in out and "In Arabic." in out


def test_cited_in_is_filled_from_what_pages_cited_as_they_rendered(tmp_path):
    """Pages record what they cite while they render; the built Sources page gets the record."""
    (tmp_path / "b-page.md").write_text("# B & co\n", encoding="utf-8")
    (tmp_path / "a-page.md").write_text("---\ntitle: Page A\n---\n# Heading\n", encoding="utf-8")
    record = CitedIn(tmp_path)
    record.add("b-page.md", ["x", "y"])
    record.add("a-page.md", ["x"])
    page = ('<li id="src-x">X<span class="cited-in" data-source="x"></span></li>'
            '<li id="src-z">Z<span class="cited-in" data-source="z"></span></li>')
    assert record.fill(page, use_directory_urls=True) == (
        '<li id="src-x">X <span class="cited-in">Cited in: <a href="../../a-page/">Page A</a>, '
        '<a href="../../b-page/">B &amp; co</a>.</span></li><li id="src-z">Z</li>')
    assert 'href="../a-page.html"' in record.fill(page, use_directory_urls=False)
