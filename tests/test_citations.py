"""The citation macro: Markdown in, HTML out."""

import re

import markdown
import pytest

from macros.citations import Citations
from macros.pages import page_url
from macros.errors import DataError
from macros.sources import Source

SOURCES = {
    "a": Source(id="a", publisher="Reuters", title="First <story>", date="2024-11-28",
                url="https://example.org/a", kind="news", via="LBCI"),
    "b": Source(id="b", publisher="TRT World", title="Second", url="https://example.org/b",
                kind="state-media", state="Turkey"),
}


def render(text: str, src_uri="chapters/02-the-offensive.md", directory_urls=True):
    """Replace each {a}, {b} or {a,b} in `text`, left to right, by a citation."""
    citations = Citations(SOURCES, src_uri, directory_urls)
    body = re.sub(r"\{([a-z,]+)\}", lambda m: citations.cite(*m.group(1).split(",")), text)
    html = markdown.markdown(body + citations.references(), extensions=["attr_list", "md_in_html"])
    return citations, html


def test_numbers_follow_first_use_and_repeat_for_the_same_source():
    _, html = render("One.{b} Two.{a} Three.{a,b}")
    assert html.count('href="#ref-1"') == 2 and html.count('href="#ref-2"') == 2
    assert 'id="cite-1-1"' in html and 'id="cite-1-2"' in html   # b first, cited twice
    assert html.index('<li id="ref-1">TRT World') < html.index('<li id="ref-2">Reuters')


def test_reference_list_has_heading_backlinks_and_escaped_text():
    _, html = render("One.{a} Again.{a}")
    # data-search-exclude: Material's search leaves the list out (the Sources page has it all)
    assert '<h2 data-search-exclude id="sources-cited">Sources cited on this page</h2>' in html
    assert "“First &lt;story&gt;”" in html and "<story>" not in html
    assert 'href="#cite-1-1"' in html and 'href="#cite-1-2"' in html
    assert "28 November 2024 (via LBCI)." in html


def test_reference_list_tells_the_stylesheet_its_length():
    # site.css guesses the list's height from --entries until the list is laid out.
    _, html = render("One.{a} Two.{b} Again.{a}")
    assert '<ol class="references" style="--entries: 2">' in html


def test_state_media_is_labelled_with_its_state():
    _, html = render("One.{b}")
    assert "TRT World (state-affiliated, Turkey)" in html


@pytest.mark.parametrize("src_uri, directory_urls, expected", [
    ("chapters/02-the-offensive.md", True, "../../reference/sources/#src-a"),
    ("chapters/02-the-offensive.md", False, "../reference/sources.html#src-a"),
    ("index.md", True, "reference/sources/#src-a"),
    ("index.md", False, "reference/sources.html#src-a"),
])
def test_bibliography_link_works_in_both_editions(src_uri, directory_urls, expected):
    _, html = render("One.{a}", src_uri=src_uri, directory_urls=directory_urls)
    assert f'class="cite-entry" href="{expected}"' in html


def test_page_without_citations_gets_no_reference_list():
    citations, html = render("Nothing cited.")
    assert citations.references() == "" and "sources-cited" not in html


def test_unknown_source_is_reported_after_the_page():
    citations = Citations(SOURCES, "chapters/x.md", True)
    citations.cite("a", "zzz")
    with pytest.raises(DataError, match=r"^docs/chapters/x.md: cites unknown source 'zzz'"):
        citations.check()


def test_page_url_in_both_url_styles():
    assert page_url("index.md", True) == ""
    assert page_url("teachers/index.md", True) == "teachers/"
    assert page_url("reference/sources.md", False) == "reference/sources.html"


def test_a_page_records_what_it_cites_and_links_once_each():
    citations = Citations(SOURCES, "chapters/02-x.md", True)
    citations.cite("b", "a")
    citations.cite("a")
    citations.link_to("a", "b")
    assert citations.cited() == ["b", "a"]
