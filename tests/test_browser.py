"""The site as a reader's browser sees it: no console errors, no request to another host."""

from urllib.parse import urlsplit

import pytest


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
