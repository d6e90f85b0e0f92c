"""Every internal link and fragment of the built site resolves, generated pages included."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        for key in ("href", "src", "data-src"):        # data-src: map frames, set by site.js
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(attrs[key])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Lines naming each internal link whose file or fragment does not exist."""
    pages = {path: parse(path) for path in site.rglob("*.html")}
    problems = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "data:", "mailto:")):
                continue
            base = site if parts.path.startswith("/") else path.parent   # 404.html: root-relative
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(site)}: {link}"
            if not target.exists():
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where} (no such anchor)")
    return problems


def test_deployed_site_has_no_broken_links(site):
    """`make site`: every page, PDF and the offline zip it links is there."""
    assert broken_links(site.site) == []


def test_offline_edition_has_no_broken_links(offline_site):
    """The offline edition `make site` packs: its PDFs included."""
    assert broken_links(offline_site.site) == []


def test_preview_has_no_broken_links(preview):
    """`make build` and `make serve` offer no PDF or zip, so they link none."""
    assert broken_links(preview.site) == []


def test_the_checker_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#nowhere">x</a><a href="c/">y</a>'
                                     '<a href="#top" id="top">z</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<h1 id="here">b</h1>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html: b.html#nowhere (no such anchor)",
                                      "a.html: c/ (no such file)"]
