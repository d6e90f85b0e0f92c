"""Assemble print documents from the built site's pages."""

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from macros.i18n import DIRECTION, say
from macros.sources import format_date

# What the screen shows but paper has no use for.
DROP = [
    "a.headerlink", "details.quiz-answer", ".md-source-file", "a.cite-back",
    "iframe", ".md-content__button", "script", "noscript",
    # A map prints as its static twin and caption; its text version and links are for screens.
    "details.map-text", "figure .map-links",
    # The chapter's own PDF is the paper it is printed on; a link to share that only site.js
    # can fill in (a build without SITE_URL) has no address to print.
    "p.download-pdf", "p.share-here", "p.downloads",
    # The switch between reading levels; the box under it names the level on paper.
    "nav.level-switch",
]


@dataclass
class Part:
    """One page of the site, cut out for print: its id prefix, title and article HTML."""

    key: str            # unique prefix for the ids of this part, e.g. "ch1"
    title: str
    url: str            # the page's URL in the served site, relative to its root
    body: Tag


def page_url_for(path: Path, site: Path) -> str:
    """The served URL of a built page file: chapters/x/index.html -> chapters/x/."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def load_part(site: Path, url: str, key: str, lang: str = "en") -> Part:
    """Read one built page of the `lang` edition and keep its article, with ids made unique and
    links resolved."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    for selector in DROP:
        for node in article.select(selector):
            node.decompose()
    for image in article.select("figure img"):
        title = image.find_parent("figure").select_one("figcaption strong")
        if title:           # the alt pointed at the text version, which paper does not carry
            image["alt"] = say(lang, "pdf-map", title=title.get_text(" ", strip=True))
    h1 = article.find("h1")
    title = h1.get_text(" ", strip=True) if h1 else url
    for node in article.find_all(id=True):
        node["id"] = f"{key}-{node['id']}"
    for node in article.find_all("a", href=True):
        if node.get_text(strip=True) == node["href"]:
            node["class"] = node.get("class", []) + ["url-shown"]
    for node in article.find_all(["a", "img", "source"]):
        attr = "href" if node.name == "a" else "src"
        target = node.get(attr)
        if not target:
            continue
        if target.startswith("#"):
            node[attr] = f"#{key}-{target[1:]}"
        elif not urlsplit(target).scheme:
            node[attr] = "site:" + urljoin("/" + url, target).lstrip("/")
    if h1:
        h1["id"] = key
    return Part(key=key, title=title, url=url, body=article)


def resolve_links(parts: list[Part], site: Path, site_url: str | None) -> None:
    """Point links between parts at their place in this document; the rest at the web or disk."""
    keys = {part.url: part.key for part in parts}
    for part in parts:
        for node in part.body.find_all(["a", "img", "source"]):
            attr = "href" if node.name == "a" else "src"
            target = node.get(attr, "")
            if not target.startswith("site:"):
                continue
            path, _, fragment = target[len("site:"):].partition("#")
            if node.name != "a":
                node[attr] = (site / path).as_uri()
            elif path in keys:
                node[attr] = f"#{keys[path]}-{fragment}" if fragment else f"#{keys[path]}"
            elif site_url:      # a page not in this document: its address on the site
                node[attr] = urljoin(site_url, path) + (f"#{fragment}" if fragment else "")
                node["class"] = node.get("class", []) + ["site-link"]
            else:               # an address the build does not know: the words stay, unlinked
                node.unwrap()


def document(title: str, parts: list[Part], front: str, lang: str = "en") -> str:
    """A complete print document: front matter (cover, contents) and the parts in order, laid
    out in the direction of `lang`."""
    direction = f' dir="{DIRECTION[lang]}"' if DIRECTION[lang] != "ltr" else ""
    sections = "\n".join(
        f'<section class="part" data-key="{part.key}">{part.body.decode_contents()}</section>'
        for part in parts)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"{direction}>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n{front}\n{sections}\n"
            "</body>\n</html>\n")


def cover(title: str, subtitle: str, as_of: dt.date, licence: str, site_url: str | None,
          lang: str = "en") -> str:
    """The cover page in the words of `lang`; it names the edition's address when the build
    knows it."""
    when = say(lang, "pdf-as-of", date=format_date(as_of, lang))
    url = f'<p class="cover-url">{address(site_url, lang)}</p>\n' if site_url else ""
    return (f'<section class="cover">\n<p class="cover-title">{html.escape(title)}</p>\n'
            f'<p class="cover-subtitle">{html.escape(subtitle)}</p>\n'
            f'<p class="cover-asof">{when}</p>\n{url}'
            f'<p class="cover-licence">{html.escape(licence)}</p>\n</section>')


def contents(parts: list[Part], lang: str = "en") -> str:
    """A table of contents whose page numbers WeasyPrint fills in (target-counter)."""
    heading = say(lang, "pdf-contents")
    items = "\n".join(f'<li><a href="#{part.key}">{html.escape(part.title)}</a></li>'
                      for part in parts)
    return (f'<nav class="toc" aria-label="{heading}">\n<h1 class="toc-title">{heading}</h1>\n'
            f"<ol>\n{items}\n</ol>\n</nav>")


def address(url: str, lang: str = "en") -> str:
    """A web address to print in the text of `lang`, kept left to right inside right-to-left
    text (and left as it was in English, whose PDFs stay as they were)."""
    if DIRECTION[lang] == "ltr":
        return html.escape(url)
    return f'<bdi dir="ltr">{html.escape(url)}</bdi>'


_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Text with runs of white space collapsed (for comparing titles with PDF text)."""
    return _SPACE.sub(" ", text).strip()
