"""What the site tells others about its readers: no Referer to cited sites, no request to a third
party in any browser the book supports."""

from urllib.parse import urlsplit


def test_every_page_sends_no_referrer(site):
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 30
    missing = [page.relative_to(site.site).as_posix() for page in pages
               if page.parent.name != "maps"
               and '<meta name="referrer" content="no-referrer">' not in page.read_text(encoding="utf-8")]
    assert missing == []


def test_a_browser_without_resize_observer_asks_no_third_party(browser, server):
    """Material fetches a ResizeObserver polyfill from unpkg.com where the browser has none; the
    site's own copy must come first."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script("delete window.ResizeObserver;")
    page = context.new_page()
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}chapters/02-the-offensive/", wait_until="networkidle")
    own = urlsplit(server).netloc
    assert set(hosts) == {own}
    assert page.evaluate("typeof ResizeObserver") == "function"      # the site's copy
    assert errors == []
    context.close()
