"""Pages and the links between them: the one place that knows a page's URL in either edition.

The served site uses directory URLs (chapters/x/), the offline edition .html URLs
(chapters/x.html); every macro that links one page to another, and pdf/, goes through here.
"""

import posixpath
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from .errors import DataError
from .i18n import LANGUAGES, PREFIX

TRANSLATED = {f".{lang}" for lang in LANGUAGES if lang != "en"}

SOURCES_PAGE = "reference/sources.md"
GLOSSARY_PAGE = "reference/glossary.md"


def is_translation(path: Path | str) -> bool:
    """Whether a docs/ file is another edition's page (chapters/x.ar.md), not an English one."""
    suffixes = Path(path).suffixes
    return len(suffixes) >= 2 and suffixes[-1] == ".md" and suffixes[-2] in TRANSLATED


_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s#:]+\.md)(#[^)\s]*)?\)")


def link_other_editions(markdown: str, src_uri: str, directory_urls: bool, lang: str,
                        docs_dir: Path, note: str) -> str:
    """A page of another edition (`lang`) with each link to a page that edition does not have
    (a document set, an easier chapter) pointed at the English page, marked as English and
    followed by `note` ("(بالإنجليزية)"). MkDocs resolves the other links itself."""
    def english(match: re.Match) -> str:
        text, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        if (docs_dir / translated_name(path, lang)).is_file() or not (docs_dir / path).is_file():
            return match.group(0)
        href = relative(page_url(path, directory_urls, "en"), src_uri, directory_urls, lang)
        return f'<a href="{href}{anchor}" hreflang="en">{text}</a> {note}'
    return _MD_LINK.sub(english, markdown)


def read_in(path: Path, lang: str) -> str:
    """The text of docs/ file `path` in the edition of `lang` (its .ar.md beside it), or a
    DataError naming the missing page: an edition never shows the English in its place."""
    translated = path.with_name(translated_name(path.name, lang))
    if not translated.is_file():
        where = translated.as_posix()
        where = "docs/" + where.split("/docs/", 1)[1] if "/docs/" in where else where
        raise DataError(where, None, f"missing: the {lang} edition needs this page, the "
                                     f"translation of {path.name} beside it")
    return translated.read_text(encoding="utf-8")


def translated_name(src_uri: str, lang: str) -> str:
    """The file of page `src_uri` (chapters/x.md) in the edition of `lang`: chapters/x.ar.md."""
    return src_uri if lang == "en" else f"{src_uri.removesuffix('.md')}.{lang}.md"


def word_bank_page(number: int) -> str:
    """The handout that gives chapter `number`'s words in plain words."""
    return f"teachers/handouts/word-bank-{number:02d}.md"


def page_url(src_uri: str, use_directory_urls: bool, lang: str = "en") -> str:
    """The URL MkDocs gives a Markdown file (its English name: chapters/x.md, whose Arabic is
    chapters/x.ar.md), in either URL style, in the edition of `lang` (ar/chapters/x/)."""
    stem = PREFIX[lang] + src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative(target: str, src_uri: str, directory_urls: bool, lang: str = "en") -> str:
    """`target` (a path from the site root) relative to the page built from `src_uri`."""
    return get_relative_url(target, page_url(src_uri, directory_urls, lang) or ".")


def link(target_src_uri: str, src_uri: str, directory_urls: bool, lang: str = "en") -> str:
    """The href from the page built from `src_uri` to the page built from `target_src_uri`, both
    in the edition of `lang`."""
    return relative(page_url(target_src_uri, directory_urls, lang), src_uri, directory_urls, lang)


def page_title(path: Path, lang: str = "en") -> str:
    """A page's title as the navigation shows it: front matter `title`, else its first heading;
    in another edition, its page's (chapters/x.ar.md)."""
    lines = (path.read_text(encoding="utf-8") if lang == "en" else read_in(path, lang)).splitlines()
    if lines and lines[0] == "---":
        for line in lines[1:lines.index("---", 1)]:
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("\"'")
    for line in lines:
        if line.startswith("# "):
            return line[2:].split("{")[0].strip()
    return path.stem

