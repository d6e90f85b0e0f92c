"""The Sources page: every source, grouped by the kind of voice it is, with the pages citing it.

Which pages cite a source is recorded as each page renders (CitedIn, fed with what each page's
citations saw), and written into the built Sources page once every page has rendered: the
Sources page itself renders before some of the pages that cite.
"""

import re
from pathlib import Path

from .i18n import say
from .pages import SOURCES_PAGE, link, page_title, page_url
from .sources import KIND_HEADINGS, Source, SourceKind
from .text import html_attr

# One line under each group's heading: what this kind of voice can and cannot tell you
# (data/words.yml: sources-note-<kind>).
KIND_NOTES = {kind: say("en", f"sources-note-{kind.value}") for kind in SourceKind}

# Where a source's "Cited in" line goes until every page has rendered.
_CITED_IN = re.compile(r'<span class="cited-in" data-source="([a-z0-9-]+)"></span>')


class CitedIn:
    """Which pages cite each source, recorded as each page renders."""

    def __init__(self, docs_dir: Path, lang: str = "en"):
        self.docs_dir = docs_dir
        self.lang = lang
        self.pages: dict[str, set[str]] = {}        # source id -> src_uris of the pages citing it

    def add(self, src_uri: str, source_ids: list[str]) -> None:
        """Record that the page built from `src_uri` cites `source_ids`."""
        for key in source_ids:
            self.pages.setdefault(key, set()).add(src_uri)

    def fill(self, page_html: str, use_directory_urls: bool) -> str:
        """The Sources page with each entry's "Cited in" line, in page order."""
        def cited_in(match: re.Match) -> str:
            lang = self.lang
            links = [f'<a href="{link(uri, SOURCES_PAGE, use_directory_urls, lang)}">'
                     f'{html_attr(page_title(self.docs_dir / uri, lang))}</a>'
                     for uri in sorted(self.pages.get(match.group(1), ()))]
            comma = "، " if lang == "ar" else ", "
            return (f' <span class="cited-in">{say(lang, "cited-in")} {comma.join(links)}.</span>'
                    if links else "")
        return _CITED_IN.sub(cited_in, page_html)


def _order(source: Source) -> tuple:
    """Within a group: by publisher, then oldest first, undated last, then by title."""
    return (source.publisher.casefold(), source.date is None, source.date or 0,
            source.title.casefold())


def render_bibliography(sources: dict[str, Source], lang: str = "en") -> str:
    """All sources as HTML sections by kind, each entry anchored as #src-<id>, with a place for
    the pages citing it (CitedIn.fill)."""
    out = []
    for kind in KIND_HEADINGS:
        group = sorted((s for s in sources.values() if s.kind is kind), key=_order)
        if not group:
            continue
        count = say(lang, "n-sources", n=len(group), s="s" if len(group) > 1 else "")
        out.append(f"## {say(lang, f'sources-kind-{kind.value}')} {{#{kind.value}}}\n")
        out.append(f'<p class="kind-note">{html_attr(say(lang, f"sources-note-{kind.value}"))} '
                   f'<span class="kind-count">({count})</span></p>\n')
        items = [f'<li id="src-{source.id}">{source.describe_html(lang)}'
                 f'<span class="cited-in" data-source="{source.id}"></span></li>'
                 for source in group]
        out.append('<ul class="bibliography">\n' + "\n".join(items) + "\n</ul>\n")
    return "\n".join(out)


def register(env, book) -> None:
    """The `bibliography()` macro for the Sources page."""
    @env.macro
    def bibliography() -> str:
        """Every source in data/sources.yml, grouped by kind."""
        return env.here.stylesheet_block("shelf.css") + render_bibliography(book.sources, env.lang)

    @env.macro
    def source_count() -> int:
        """How many sources the book lists."""
        return len(book.sources)


def on_post_build(env) -> None:
    """Write each source's "Cited in" line into the built Sources page."""
    directory_urls = env.conf["use_directory_urls"]
    url = page_url(SOURCES_PAGE, directory_urls, env.lang)
    path = Path(env.conf["site_dir"]) / (url + "index.html" if url.endswith("/") else url)
    path.write_text(env.cited_in.fill(path.read_text(encoding="utf-8"), directory_urls),
                    encoding="utf-8")
