"""The Sources page: every source, grouped by the kind of voice it is, with the pages citing it.

Which pages cite a source is recorded as each page renders (CitedIn, fed with what each page's
citations saw), and written into the built Sources page once every page has rendered: the
Sources page itself renders before some of the pages that cite.
"""

import re
from pathlib import Path

from .pages import SOURCES_PAGE, link, page_title, page_url
from .sources import KIND_HEADINGS, Source, SourceKind
from .text import html_attr

# One line under each group's heading: what this kind of voice can and cannot tell you.
KIND_NOTES = {
    SourceKind.news: "Reporters who check their stories, but who in the first days of a war "
                     "often rely on what each side tells them.",
    SourceKind.state_media: "Outlets owned or controlled by a government: a record of what that "
                            "government says, labelled with its state.",
    SourceKind.monitor: "Groups that count victims and document abuses, each with its own "
                        "methods and contacts.",
    SourceKind.un: "Reports of UN agencies, based on what their staff and partners on the ground "
                   "can reach.",
    SourceKind.official: "What governments and officials said, in their own words.",
    SourceKind.research: "Research institutes and reference works, used for background.",
}

# Where a source's "Cited in" line goes until every page has rendered.
_CITED_IN = re.compile(r'<span class="cited-in" data-source="([a-z0-9-]+)"></span>')


class CitedIn:
    """Which pages cite each source, recorded as each page renders."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.pages: dict[str, set[str]] = {}        # source id -> src_uris of the pages citing it

    def add(self, src_uri: str, source_ids: list[str]) -> None:
        """Record that the page built from `src_uri` cites `source_ids`."""
        for key in source_ids:
            self.pages.setdefault(key, set()).add(src_uri)

    def fill(self, page_html: str, use_directory_urls: bool) -> str:
        """The Sources page with each entry's "Cited in" line, in page order."""
        def cited_in(match: re.Match) -> str:
            links = [f'<a href="{link(uri, SOURCES_PAGE, use_directory_urls)}">'
                     f'{html_attr(page_title(self.docs_dir / uri))}</a>'
                     for uri in sorted(self.pages.get(match.group(1), ()))]
            return f' <span class="cited-in">Cited in: {", ".join(links)}.</span>' if links else ""
        return _CITED_IN.sub(cited_in, page_html)


def _order(source: Source) -> tuple:
    """Within a group: by publisher, then oldest first, undated last, then by title."""
    return (source.publisher.casefold(), source.date is None, source.date or 0,
            source.title.casefold())


def render_bibliography(sources: dict[str, Source]) -> str:
    """All sources as HTML sections by kind, each entry anchored as #src-<id>, with a place for
    the pages citing it (CitedIn.fill)."""
    out = []
    for kind, heading in KIND_HEADINGS.items():
        group = sorted((s for s in sources.values() if s.kind is kind), key=_order)
        if not group:
            continue
        count = f"{len(group)} source{'s' if len(group) > 1 else ''}"
        out.append(f"## {heading} {{#{kind.value}}}\n")
        out.append(f'<p class="kind-note">{html_attr(KIND_NOTES[kind])} '
                   f'<span class="kind-count">({count})</span></p>\n')
        items = [f'<li id="src-{source.id}">{source.describe_html()}'
                 f'<span class="cited-in" data-source="{source.id}"></span></li>'
                 for source in group]
        out.append('<ul class="bibliography">\n' + "\n".join(items) + "\n</ul>\n")
    return "\n".join(out)


def register(env, book) -> None:
    """The `bibliography()` macro for the Sources page."""
    @env.macro
    def bibliography() -> str:
        """Every source in data/sources.yml, grouped by kind."""
        return render_bibliography(book.sources)

    @env.macro
    def source_count() -> int:
        """How many sources the book lists."""
        return len(book.sources)


def on_post_build(env) -> None:
    """Write each source's "Cited in" line into the built Sources page."""
    directory_urls = env.conf["use_directory_urls"]
    url = page_url(SOURCES_PAGE, directory_urls)
    path = Path(env.conf["site_dir"]) / (url + "index.html" if url.endswith("/") else url)
    path.write_text(env.cited_in.fill(path.read_text(encoding="utf-8"), directory_urls),
                    encoding="utf-8")
