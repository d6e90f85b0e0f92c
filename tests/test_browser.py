"""The site as a reader's browser sees it: no console errors, no request to another host."""

from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from macros.chapters import chapter_files


class Visit:
    """A browser tab that records console errors and every request it makes."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def foreign_requests(self, allowed_scheme_host: tuple[str, str]) -> list[str]:
        return [url for url in self.requests
                if (urlsplit(url).scheme, urlsplit(url).hostname or "") != allowed_scheme_host
                and not url.startswith("data:")]


@pytest.fixture
def visit(browser):
    tab = Visit(browser)
    yield tab
    tab.context.close()


def test_home_chapter_and_navigation_stay_on_the_site(server, visit):
    page = visit.page
    page.goto(server, wait_until="networkidle")
    assert "Aleppo 2024" in page.title()

    page.goto(server + "chapters/02-the-offensive/", wait_until="networkidle")
    assert page.locator("h1").first.inner_text().startswith("2. The offensive")

    # Follow the footer's "next" link, as a reader going through the book would.
    page.locator("a.md-footer__link--next").click()
    page.wait_for_load_state("networkidle")
    assert page.url == server + "chapters/03-the-human-cost/"

    # And a link in the navigation drawer.
    page.goto(server, wait_until="networkidle")
    page.locator("nav.md-nav--primary a[href$='reference/glossary/']:visible").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == server + "reference/glossary/"

    assert visit.errors == []
    assert visit.foreign_requests(("http", "127.0.0.1")) == []


def test_offline_edition_reads_and_navigates_from_disk(offline_site, visit):
    page = visit.page
    page.goto((offline_site.site / "index.html").as_uri(), wait_until="load")
    page.locator("article a[href='chapters/01-syria-since-2011.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/chapters/01-syria-since-2011.html")
    assert page.locator("h1").first.inner_text().startswith("1. Syria since 2011")
    assert visit.errors == []
    assert visit.foreign_requests(("file", "")) == []


def test_offline_edition_searches_from_disk(offline_site, visit):
    page = visit.page
    page.goto((offline_site.site / "index.html").as_uri(), wait_until="load")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Damascus", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    assert visit.foreign_requests(("file", "")) == []


def test_search_index_loads_when_the_reader_reaches_for_search(server, browser):
    """No page load fetches the search index or starts the search worker; pointing at the
    search box, tapping the search button or a shortcut fetches it and search works; a page
    opened from a result (?h=) fetches it at once to highlight the words."""
    def index_requests(page):
        return [url for url in page.requested if url.endswith("/search/search_index.json")]

    def worker_requests(page):
        return [url for url in page.requested if "/workers/search." in url]

    def open_page(url, **context):
        page = browser.new_context(**context).new_page()
        page.requested = []
        page.on("request", lambda request: page.requested.append(request.url))
        page.goto(url, wait_until="networkidle")
        return page

    page = open_page(server + "chapters/02-the-offensive/")
    page.wait_for_timeout(500)
    assert index_requests(page) == [] and worker_requests(page) == []
    with page.expect_request("**/search/search_index.json", timeout=5_000):
        page.hover("input.md-search__input")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Damascus", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert len(worker_requests(page)) == 1
    page.context.close()

    # On a phone: the search button in the header; on a keyboard: "/".
    phone = open_page(server, viewport={"width": 390, "height": 800}, is_mobile=True,
                      has_touch=True)
    assert index_requests(phone) == []
    phone.tap("label.md-header__button[for='__search']")
    phone.locator("input.md-search__input").press_sequentially("Aleppo", delay=30)
    phone.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert len(index_requests(phone)) == 1
    phone.context.close()
    keys = open_page(server)
    with keys.expect_request("**/search/search_index.json", timeout=5_000):
        keys.keyboard.press("/")
    assert keys.evaluate("document.activeElement.matches('input.md-search__input')")
    keys.context.close()

    # Arriving from a result, the words searched for are marked.
    found = open_page(server + "chapters/02-the-offensive/?h=Damascus")
    assert len(index_requests(found)) == 1
    found.locator("article mark").first.wait_for(timeout=10_000)
    found.context.close()

    # Material's link to a page of which only sections matched carries an empty ?h=: nothing to
    # mark, so nothing to fetch.
    bare = open_page(server + "chapters/02-the-offensive/?h=")
    bare.wait_for_timeout(500)
    assert index_requests(bare) == [] and worker_requests(bare) == []
    bare.context.close()


def search_results(page, words: str) -> list[str]:
    """The pages of the results for `words`, in the order the search shows them."""
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(words, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                     "links => links.map(a => a.pathname)")


def test_search_ranks_the_chapter_above_the_teachers_page(server, visit):
    """Saraqib is in chapter 2 and in its lesson plan's timeline: the chapter comes first
    (search.boost from docs/chapters/.meta.yml and docs/teachers/.meta.yml)."""
    page = visit.page
    page.goto(server, wait_until="networkidle")
    results = search_results(page, "Saraqib")      # before: the lesson plan first
    assert results[0] == "/chapters/02-the-offensive/", results
    chapters = [i for i, path in enumerate(results) if path.startswith("/chapters/")]
    teachers = [i for i, path in enumerate(results) if path.startswith("/teachers/")]
    assert not teachers or max(chapters) < min(teachers), results
    assert visit.errors == []


SCHEME = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  shown: [...document.querySelectorAll('[data-palette] label')].filter(l => !l.hidden).map(l => l.title),
  meta: document.querySelector('meta[name=color-scheme]').content,
})"""


@pytest.mark.parametrize("system, scheme, label", [("light", "default", "Switch to dark mode"),
                                                    ("dark", "slate", "Switch to light mode")])
def test_colour_scheme_follows_the_system_until_the_reader_chooses(server, browser, system,
                                                                   scheme, label):
    shown = {"scheme": scheme, "shown": [label], "meta": system}     # meta: the browser's scheme
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.goto(server + "chapters/02-the-offensive/")
    assert page.evaluate(SCHEME) == shown

    # A click on the toggle switches, and the choice holds on the next page.
    page.locator("[data-palette] label:not([hidden])").click()
    other = "slate" if scheme == "default" else "default"
    assert page.evaluate(SCHEME)["scheme"] == other
    page.goto(server)
    assert page.evaluate(SCHEME)["scheme"] == other
    assert page.evaluate("document.body.hasAttribute('data-md-color-switching')") is False

    # Enter on the focused toggle switches back, as in Material.
    page.focus("[data-palette] input:checked")
    page.keyboard.press("Enter")
    assert page.evaluate(SCHEME) == shown
    context.close()


def test_colour_scheme_is_set_before_the_text_and_the_header_does_not_shift(server, browser):
    """The scheme is applied in the header, so the text is styled once; no layout shift on load."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 412, "height": 823},
                                  is_mobile=True, has_touch=True)
    context.add_init_script("""
      window.__shifts = [];
      new PerformanceObserver(list => list.getEntries().forEach(e => __shifts.push(e.value)))
        .observe({type: 'layout-shift', buffered: true});
      // The scheme the body has when the parser reaches the chapter's text.
      new MutationObserver((records, observer) => {
        if (!document.querySelector('.md-content')) return;
        window.__schemeAtText = document.body.getAttribute('data-md-color-scheme');
        observer.disconnect();
      }).observe(document, {childList: true, subtree: true});""")
    page = context.new_page()
    page.goto(server + "chapters/02-the-offensive/", wait_until="load")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__schemeAtText") == "slate"
    assert page.evaluate("window.__shifts") == []
    # Material's own palette component, which restyles the page after load, is not mounted.
    assert page.locator("[data-md-component=palette]").count() == 0
    context.close()


def test_colour_scheme_toggle_is_hidden_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server)
    assert page.locator("[data-palette]").is_hidden()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    context.close()


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_end_of_chapter_lists_wait_to_be_laid_out_and_their_links_still_land(site, server, browser,
                                                                           width):
    """Key terms and Sources cited are laid out when the reader nears them (content-visibility);
    their stand-in height is a little over the real one, and links into them land on target."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    lists = "ol.references, dl.key-terms"
    heights = "els => els.map(e => e.offsetHeight)"
    for chapter in sorted((site.site / "chapters").glob("0*/index.html")):
        page.goto(server + f"chapters/{chapter.parent.name}/")
        assert page.eval_on_selector_all(
            lists, "els => els.map(e => getComputedStyle(e).contentVisibility)") == ["auto"] * 2
        guessed = page.eval_on_selector_all(lists, heights)
        page.add_style_tag(content=lists + " { content-visibility: visible !important }")
        real = page.eval_on_selector_all(lists, heights)
        # Never short (a list overflowing its stand-in seems, to axe, to lie over the footer),
        # and not far over.
        assert all(r <= g <= 1.75 * r for g, r in zip(guessed, real)), (chapter, guessed, real)

    # From the top of the page, a citation and a key term's link land on their targets.
    for fragment in ("ref-40", "key-terms"):
        page.goto(server + "chapters/02-the-offensive/")
        page.locator(f"a[href='#{fragment}']").first.evaluate("a => a.click()")
        page.wait_for_timeout(300)
        top = page.evaluate(f"document.getElementById('{fragment}').getBoundingClientRect().top")
        # Below the header and the Back-to-top pill (site.css gives jump targets that margin;
        # a heading adds its own top margin).
        assert 0 <= top <= 160, (fragment, top)
    context.close()


CHAPTERS = [f"chapters/{path.stem}/" for _, path in sorted(chapter_files(ROOT / "docs").items())]


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_on_screen_shifts_while_a_chapter_arrives(server, browser, width):
    """Every chapter, on a phone and a laptop: no layout shift while the page loads."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script("""
      window.__shifts = [];
      new PerformanceObserver(list => list.getEntries().forEach(e => __shifts.push(e.value)))
        .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    for path in CHAPTERS:
        page.goto(server + path, wait_until="load")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__shifts") == [], path
    context.close()


