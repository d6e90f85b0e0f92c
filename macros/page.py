"""The page being rendered: what the macros know of it, made new for each page."""

import posixpath
from dataclasses import dataclass, field

from .chapters import ChapterMeta
from .citations import Citations
from .errors import DataError
from .pages import link, relative, translated_name


@dataclass(eq=False)                  # each page is itself, and a key for per-page counts
class Page:
    """Everything the macros know of the page being rendered, made new for each page (so pages
    and rebuilds never share state): where it is, in which URL style, what it cites, the problems
    its macros met, and for a chapter its front matter and reading figures."""

    src_uri: str                      # docs/-relative, e.g. chapters/02-the-offensive.md
    directory_urls: bool              # chapters/x/ (served) or chapters/x.html (offline)
    citations: Citations
    problems: list[DataError] = field(default_factory=list)
    chapter: ChapterMeta | None = None
    english: ChapterMeta | None = None   # in another edition, the chapter's English front matter
    words: int = 0                    # a chapter's running prose, as its intro box reports it
    grade: float = 0.0
    lang: str = "en"                  # the edition: en, or ar (built from src_uri's .ar.md)
    stylesheets: set[str] = field(default_factory=set)   # linked so far (stylesheet())

    @property
    def level(self) -> str:
        """The page's reading level: a chapter's easier version, or standard for every page."""
        return self.chapter.level if self.chapter else "standard"

    @property
    def where(self) -> str:
        """The file a problem on this page is reported against."""
        return f"docs/{translated_name(self.src_uri, self.lang)}"

    def defer(self, error: DataError) -> str:
        """Record a problem, raised as one line once the page has rendered; "" for the macro."""
        self.problems.append(error)
        return ""

    def problem(self, entry: str | None, text: str) -> str:
        """Record a problem with this page's own file; "" for the macro."""
        return self.defer(DataError(self.where, entry, text))

    def link(self, target_src_uri: str) -> str:
        """The href from this page to the page built from `target_src_uri`, for HTML."""
        return link(target_src_uri, self.src_uri, self.directory_urls, self.lang)

    def md_link(self, target_src_uri: str) -> str:
        """A Markdown link target to another docs/ file, which MkDocs checks and resolves for
        either edition."""
        return posixpath.relpath(target_src_uri, posixpath.dirname(self.src_uri) or ".")

    def stylesheet(self, name: str) -> str:
        """A link to one of the book's own stylesheets (docs/assets/stylesheets/), for the pages
        that alone need it; HTML allows it in the body. Once per page: "" after the first."""
        if name in self.stylesheets:
            return ""
        self.stylesheets.add(name)
        return f'<link rel="stylesheet" href="{self.relative(f"assets/stylesheets/{name}")}">'

    def stylesheet_block(self, name: str) -> str:
        """The same link as a block of its own, before a macro's Markdown: in a <div> that takes
        no room (alone on a line, Python-Markdown would wrap it in an empty paragraph)."""
        link = self.stylesheet(name)
        return f"<div hidden>{link}</div>\n\n" if link else ""

    def relative(self, target: str) -> str:
        """The href from this page to `target`, a file's path from the site root."""
        return relative(target, self.src_uri, self.directory_urls, self.lang)
