"""The built site: strict, complete navigation, both editions, no third-party assets."""

import json
import re

from conftest import AS_OF

CHAPTERS = [
    "01-syria-since-2011", "02-the-offensive", "03-the-human-cost",
    "04-turkeys-balancing-act", "05-the-regional-powers", "06-what-happened-next",
]
REFERENCE = ["timeline", "atlas", "who-is-who", "glossary", "sources", "corrections"]


def test_strict_build_has_no_warnings(site):
    assert "WARNING" not in site.log
    assert "ERROR" not in site.log


def test_home_page_links_every_chapter_and_reference_page(site):
    home = site.html("index.html")
    content = home.split('<article', 1)[1]
    for slug in CHAPTERS:
        assert f'href="chapters/{slug}/"' in content, slug
    for slug in REFERENCE:
        assert f'href="reference/{slug}/"' in content, slug
    assert 'href="teachers/"' in content


def test_pages_have_stable_directory_urls(site):
    for slug in CHAPTERS:
        assert (site.site / "chapters" / slug / "index.html").exists()
    for slug in REFERENCE:
        assert (site.site / "reference" / slug / "index.html").exists()
    assert (site.site / "teachers" / "index.html").exists()


def test_no_page_loads_anything_from_another_host(site):
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag, \
                f"{page}: {tag}"


def test_reading_setup(site):
    home = site.html("index.html")
    assert '<html lang="en"' in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert 'data-md-color-scheme="slate"' in home          # dark palette offered
    assert re.search(r"md-copyright__highlight\">\s*Text and maps CC BY-SA 4.0", home)                          # licence in every footer


def test_home_page_states_as_of_date_and_licence(site):
    home = site.html("index.html")
    assert f"As of {AS_OF}" in home
    assert "creativecommons.org/licenses/by-sa/4.0/" in home
    assert "MIT" in home


def test_citations_render_numbered_with_a_reference_list(site):
    home = site.html("index.html")
    numbers = re.findall(r'<a class="cite" id="cite-(\d+)-1" href="#ref-\1"', home)
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and numbers
    assert 'id="sources-cited"' in home
    for n in numbers:
        assert f'<li id="ref-{n}">' in home


def test_reference_list_links_the_bibliography(site):
    home = site.html("index.html")
    for target in re.findall(r'class="cite-entry" href="([^"]+)"', home):
        path, anchor = target.split("#")
        assert path == "reference/sources/"
        assert f'id="{anchor}"' in site.html("reference/sources/index.html")


def test_offline_edition_uses_file_urls_and_local_shim(site, offline_site):
    assert "iframe-worker" not in site.html("index.html")      # served pages do without it
    home = offline_site.html("index.html")
    assert 'href="chapters/01-syria-since-2011.html"' in home
    assert "unpkg.com" not in home
    assert 'src="assets/vendor/iframe-worker/shim.js"' in home
    assert (offline_site.site / "search" / "search_index.js").exists()


def test_home_links_the_book_pdf_and_the_offline_edition(site, offline_site):
    home = site.html("index.html")
    assert 'href="pdf/aleppo-2024-book.pdf" download' in home
    assert 'href="download/aleppo-2024-offline.zip" download' in home
    offline_home = offline_site.html("index.html")
    assert 'href="pdf/aleppo-2024-book.pdf" download' in offline_home
    assert "aleppo-2024-offline.zip" not in offline_home     # it is that copy already


def test_offline_edition_links_the_bibliography_with_file_urls(offline_site):
    home = offline_site.html("index.html")
    assert 'class="cite-entry" href="reference/sources.html#src-' in home


def test_search_finds_the_text_once_not_its_copies(site):
    """Search covers every page's own text; boxes and sheets copied from elsewhere stay out."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    sections = {doc["location"] for doc in index["docs"]}
    assert "chapters/02-the-offensive/" in pages and "reference/glossary/" in pages
    assert not [page for page in pages if page.startswith("teachers/handouts/summary-")]
    assert "teachers/handouts/glossary-sheet/" not in pages
    assert "chapters/02-the-offensive/#sources-cited" not in sections
    key_terms = [doc for doc in index["docs"] if doc["location"].endswith("#key-terms")]
    assert key_terms and all(doc["text"] == "" for doc in key_terms)
    chapter = " ".join(doc["text"] for doc in index["docs"]
                       if doc["location"].startswith("chapters/02-the-offensive/"))
    assert "Military Operations Command" in chapter


def test_search_ranks_chapters_over_reference_over_teachers(site):
    """Material's search.boost, set for a whole folder in docs/chapters/.meta.yml and
    docs/teachers/.meta.yml: 2 for the chapters, 1 (none set) for the rest, 0.5 for teachers."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {}
    for doc in index["docs"]:
        folder = doc["location"].split("/")[0] if "/" in doc["location"] else ""
        boosts.setdefault(folder, set()).add(doc.get("boost", 1))
    assert boosts["chapters"] == {2} and boosts["reference"] == {1}
    assert boosts["teachers"] == {0.5}


def test_search_snippets_leave_out_the_maps_as_text(site):
    """A map's text version (tables whose cells the index would run together: "DatePlaceWhat
    happened 27 November 2024Atarib..."), its links and the Atlas's table of coordinates stay
    out of the search index; the chapter's text around a map is still found."""
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "\n".join(doc["text"] for doc in index["docs"])
    for copied in ("Events, in order", "Places on the map", "DatePlace", "PlaceArabic",
                   "Open the interactive map", "Static map (SVG)", "36.2170, 37.1670"):
        assert copied not in text, copied
    chapter = " ".join(doc["text"] for doc in index["docs"]
                       if doc["location"].startswith("chapters/01-syria-since-2011/"))
    assert "Hafez al-Assad became president in 1971" in chapter
