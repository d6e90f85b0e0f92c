"""Citations: `{{ cite("id") }}` in a page, a numbered reference list at its end."""


from .errors import DataError
from .i18n import say
from .pages import SOURCES_PAGE, link
from .sources import Source
from .text import html_attr


class Citations:
    """The citations of one page, numbered in order of first use."""

    def __init__(self, sources: dict[str, Source], src_uri: str, use_directory_urls: bool,
                 lang: str = "en"):
        self.sources = sources
        self.lang = lang
        self.src_uri = src_uri
        self.use_directory_urls = use_directory_urls
        self.order: list[str] = []          # source ids by number - 1
        self.uses: dict[str, int] = {}      # how many times each source was cited
        self.unknown: list[str] = []
        self.linked: list[str] = []         # sources linked without a number (the glossary's)

    def link_to(self, *ids: str) -> None:
        """Record sources a page links to in the bibliography without citing them by number."""
        self.linked += ids

    def cited(self) -> list[str]:
        """Every source this page points its reader to: cited by number or linked."""
        return list(dict.fromkeys(self.order + self.linked))

    def cite(self, *ids: str) -> str:
        """Render one or more citations as superscript numbers linked to the reference list."""
        if not ids:
            self.unknown.append("(empty cite())")
            return ""
        return "".join(self._one(source_id) for source_id in ids)

    def _one(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        if source is None:
            self.unknown.append(source_id)
            return f"<sup>[unknown source {html_attr(source_id)}]</sup>"
        if source_id not in self.uses:
            self.order.append(source_id)
            self.uses[source_id] = 0
        self.uses[source_id] += 1
        number = self.order.index(source_id) + 1
        anchor = f"cite-{number}-{self.uses[source_id]}"
        # aria-label, not title: a title on each of a chapter's ~100 citations would give each
        # its own Material tooltip, and building them costs phones about a second of script.
        # One element, raised by the stylesheet, not <sup><a>: a chapter has over a hundred, and
        # each element is style and layout work when a page loads on a phone.
        # Who and when, not the title: heard at every citation, a title is a sentence too long,
        # and it is one jump away in the page's list of sources.
        label = html_attr(say(self.lang, "source-n", n=number, byline=source.byline(self.lang)))
        return (f'<a class="cite" id="{anchor}" href="#ref-{number}" aria-label="{label}">'
                f'[{number}]</a>')

    def check(self) -> None:
        """Stop the build if the page cited a source that data/sources.yml does not hold."""
        if self.unknown:
            names = ", ".join(f"'{name}'" for name in self.unknown)
            raise DataError(f"docs/{self.src_uri}", None,
                            f"cites unknown source {names} (not in data/sources.yml)")

    def references(self) -> str:
        """The page's reference list as HTML, or '' when nothing was cited."""
        if not self.order:
            return ""
        lang = self.lang
        bibliography = link(SOURCES_PAGE, self.src_uri, self.use_directory_urls, lang)
        items = []
        for number, source_id in enumerate(self.order, start=1):
            source = self.sources[source_id]
            backlinks = " ".join(
                f'<a class="cite-back" href="#cite-{number}-{use}" '
                f'aria-label="{say(lang, "back-to-citation", n=number, use="" if use == 1 else f" ({use})")}">↩</a>'
                for use in range(1, self.uses[source_id] + 1))
            items.append(
                f'<li id="ref-{number}">{source.describe_html(lang)} {backlinks} '
                f'<a class="cite-entry" href="{bibliography}#src-{source_id}">'
                f'{say(lang, "in-the-bibliography")}</a></li>')
        # Left out of the search index: the Sources page is where sources are searched for.
        # --entries lets the stylesheet guess the list's height before laying it out (site.css).
        return (f'\n\n## {say(lang, "sources-cited")} {{#sources-cited data-search-exclude}}\n\n'
                f'<ol class="references" style="--entries: {len(items)}">\n'
                + "\n".join(items) + "\n</ol>\n")
