"""Glossary terms: one YAML entry becomes a glossary entry, a tooltip everywhere and a key term."""

import html
import posixpath
import re

from pydantic import BaseModel, ConfigDict, field_validator

from .errors import DataError
from .reading import prose
from .sources import ID_PATTERN


class Term(BaseModel):
    """A word a student may not know, with the forms in which it appears."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    term: str
    variants: list[str] = []          # other spellings and abbreviations that get the tooltip
    original: str | None = None       # the name in its own script
    original_lang: str | None = None  # BCP 47 code of `original`, e.g. ar, tr, fa
    transliteration: str | None = None
    definition: str
    chapters: list[int] = []
    sources: list[str]

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not re.match(ID_PATTERN, value):
            raise ValueError("id must be lowercase words joined by hyphens, e.g. hts")
        return value

    @field_validator("definition")
    @classmethod
    def _definition_is_one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @property
    def forms(self) -> list[str]:
        """Every form of the term that gets a tooltip: the term itself, then its variants."""
        return [self.term, *self.variants]


def abbreviations(terms: list[Term]) -> str:
    """The abbr-extension snippet that puts a tooltip on every form of every term."""
    lines = []
    for term in terms:
        for form in term.forms:
            lines.append(f"*[{form}]: {term.term}: {term.definition}")
    return "\n".join(lines) + "\n"


def check(book) -> None:
    """Every term cites known sources, and no form of a term is claimed by two entries."""
    forms: dict[str, str] = {}
    for term in book.terms:
        for key in term.sources:
            if key not in book.sources:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"unknown source '{key}' (not in data/sources.yml)")
        for form in term.forms:
            if form in forms:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"'{form}' is already defined by entry '{forms[form]}'")
            forms[form] = term.id


def register(env, book) -> None:
    """Write the tooltip snippet that pymdownx.snippets appends to every page; wire the macros."""
    env.write_generated("abbreviations.md", abbreviations(book.terms))

    @env.macro
    def key_terms() -> str:
        """The glossary terms that occur in this page's text."""
        here = env.page.file.src_uri
        target = posixpath.relpath("reference/glossary.md", posixpath.dirname(here) or ".")
        return render_key_terms(terms_in(prose(env.markdown), book.terms), target)

    @env.macro
    def glossary() -> str:
        """The whole glossary, for the Glossary page."""
        return render_glossary(book.terms)


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms any of whose forms occur in `text` as whole words (as the tooltips match)."""
    found = []
    for term in terms:
        if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) for form in term.forms):
            found.append(term)
    return sorted(found, key=lambda term: term.term.lower())


def render_key_terms(terms: list[Term], glossary_url: str) -> str:
    """The "Key terms" list: each term linked to its glossary entry, with its definition."""
    if not terms:
        return ""
    return "\n".join(f"- [{term.term}]({glossary_url}#term-{term.id}): {term.definition}"
                     for term in terms) + "\n"


def render_glossary(terms: list[Term]) -> str:
    """The Glossary page: a definition list, alphabetical, each term anchored as #term-<id>."""
    items = []
    for term in sorted(terms, key=lambda term: term.term.lower()):
        extra = ""
        if term.variants:
            extra += f' <span class="variants">(also {html.escape(", ".join(term.variants))})</span>'
        if term.original:
            translit = (f' <span class="translit">{html.escape(term.transliteration)}</span>'
                        if term.transliteration else "")
            extra += (f' <span lang="{term.original_lang}" dir="rtl">'
                      f'{html.escape(term.original)}</span>{translit}')
        items.append(f'<dt id="term-{term.id}">{html.escape(term.term)}{extra}</dt>\n'
                     f"<dd>{html.escape(term.definition)}</dd>")
    return '<dl class="glossary">\n' + "\n".join(items) + "\n</dl>\n"
