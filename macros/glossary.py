"""Glossary terms: one YAML entry becomes a glossary entry, a tooltip everywhere and a key term.

The tooltips come from Python-Markdown's `abbr` extension, fed by a snippet that is written from
data/glossary.yml at the start of every build and appended to every page by pymdownx.snippets.
`abbr` puts one regular expression over the text: every form of every term, longest first,
between word boundaries, case-sensitive. `matcher()` builds the same expression, so the key-terms
box and the tests see exactly the occurrences the reader sees underlined.
"""

import re
from enum import Enum
from typing import Annotated, ClassVar

from pydantic import (BaseModel, ConfigDict, Field, ValidationInfo, field_validator,
                      model_validator)

from .errors import DataError
from .i18n import Translated, say
from .pages import GLOSSARY_PAGE, SOURCES_PAGE, page_title
from .reading import prose
from .sources import Slug
from .text import Name, Prose, html_attr

# The scripts a term's original name may be written in, and the direction each runs.
SCRIPTS = {"ar": ("Arabic", "rtl"), "fa": ("Persian", "rtl"), "tr": ("Turkish", "ltr"),
           "ku": ("Kurdish", "ltr")}

# Typographic apostrophes that Markdown sources or editors may produce for a straight one.
CURLY_APOSTROPHE = "\u2019"


class TermKind(str, Enum):
    """What a term names; shown as a label on the Glossary page."""

    organisation = "organisation"
    person = "person"
    place = "place"
    event = "event"
    concept = "concept"


def plain_forms(value: str | list[str]) -> str | list[str]:
    """A spelling, or a list of them, as the tooltips and the spelling checks read them: plain
    text on one line, or a ValueError saying what is wrong."""
    for form in [value] if isinstance(value, str) else value:
        if not form or form != form.strip() or any(c in form for c in "[]\n"):
            raise ValueError(f"'{form}' must be plain text: no brackets, line breaks or "
                             "spaces at either end")
    return value


class Term(Translated, BaseModel):
    """A word a student may not know, with the forms in which it appears."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    translated: ClassVar[tuple[str, ...]] = ("term", "definition")
    translated_optional: ClassVar[tuple[str, ...]] = ("variants",)

    id: Slug
    term: Name
    kind: TermKind | None = None
    variants: list[Name] = []          # other names and abbreviations: tooltip, listed on the page
    plurals: list[Name] = []           # other grammatical forms: tooltip only
    avoid: list[Name] = []             # spellings the book never uses: listed, never tooltipped
    original: Name | None = None       # the name in its own script
    original_lang: str | None = None  # ar, fa, tr or ku
    transliteration: Name | None = None
    definition: Prose
    simple: Prose                      # the definition in plain words: the easier reading level
    chapters: list[Annotated[int, Field(ge=1)]] = []   # checked against docs/chapters/
    sources: list[str]
    ar: dict[str, Name | Prose | list[Name]] | None = None   # the Arabic edition's term and definition
    english: Name | None = None        # in another edition, the English term (set, never typed)

    def derived_translations(self, ar: dict, problem) -> dict:
        # The Arabic edition reads at one level, and lists the English name for readers who
        # move between the editions; English plurals and spellings to avoid are not its own.
        return {"simple": ar["definition"], "variants": ar.get("variants", []), "plurals": [],
                "avoid": [], "english": self.term}

    @field_validator("definition", "simple")
    @classmethod
    def _meaning_is_one_line(cls, value: str, info: ValidationInfo) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError(f"{info.field_name} must not be empty")
        if "--8<--" in value:
            # pymdownx.snippets would read it as an instruction to include a file.
            raise ValueError(f"{info.field_name} must not contain '--8<--'")
        return value

    @field_validator("term", "variants", "plurals", "avoid")
    @classmethod
    def _forms_are_plain(cls, value):
        return plain_forms(value)

    @field_validator("original_lang")
    @classmethod
    def _known_script(cls, value: str | None) -> str | None:
        if value is not None and value not in SCRIPTS:
            raise ValueError(f"original_lang must be one of {', '.join(SCRIPTS)}")
        return value

    @model_validator(mode="after")
    def _original_is_complete(self) -> "Term":
        if bool(self.original) != bool(self.original_lang):
            raise ValueError("'original' and 'original_lang' go together")
        if self.transliteration and not self.original:
            raise ValueError("a 'transliteration' needs the 'original' it transliterates")
        if len(set(self.chapters)) != len(self.chapters):
            raise ValueError("chapters must not repeat")
        clash = set(self.avoid) & set(self.tooltip_forms)
        if clash:
            raise ValueError(f"'{sorted(clash)[0]}' is both a form of the term and a spelling "
                             "to avoid")
        return self

    @property
    def forms(self) -> list[str]:
        """Every form of the term a reader is shown: the term itself, then its variants."""
        return [self.term, *self.variants]

    @property
    def tooltip_forms(self) -> list[str]:
        """Every string that gets the tooltip: the forms, the plurals, and their typographic
        twins (a capital at the start of a sentence, a curly apostrophe)."""
        out: list[str] = []
        for form in [*self.forms, *self.plurals]:
            candidates = [form]
            if form[0].islower():
                candidates.append(form[0].upper() + form[1:])
            candidates += [c.replace("'", CURLY_APOSTROPHE) for c in candidates if "'" in c]
            out += [c for c in candidates if c not in out]
        return out

    @property
    def direction(self) -> str | None:
        """rtl or ltr: how the original script runs."""
        return SCRIPTS[self.original_lang][1] if self.original_lang else None


# The book's reading levels, each with the field that defines a term at that level, and the
# snippet of tooltips for its pages (build/generated/).
LEVELS = {"standard": "definition", "easier": "simple"}
SNIPPETS = {"standard": "abbreviations.md", "easier": "abbreviations-easier.md"}


def meaning(term: Term, level: str = "standard") -> str:
    """What `term` means at a reading level: its definition, or its plain-words one."""
    if level not in LEVELS:
        raise ValueError(f"unknown reading level '{level}' (the levels are {', '.join(LEVELS)})")
    return getattr(term, LEVELS[level])


def tooltip_text(term: Term, level: str = "standard") -> str:
    """What the tooltip says: the term and its meaning (escaped later, as an attribute)."""
    return f"{term.term}: {meaning(term, level)}"


def snippet_name(level: str, lang: str = "en") -> str:
    """The generated snippet with the tooltips of a reading level in an edition's language (the
    other editions have the standard level only)."""
    return SNIPPETS[level] if lang == "en" else f"abbreviations-{lang}.md"


def tooltips_for(level: str, lang: str = "en") -> str:
    """The line a page ends with to give its terms their tooltips at its reading level."""
    return f'\n\n--8<-- "{snippet_name(level, lang)}"\n'


def abbreviations(terms: list[Term], level: str = "standard") -> str:
    """The abbr-extension snippet that puts a tooltip on every form of every term."""
    lines = []
    for term in terms:
        for form in term.tooltip_forms:
            lines.append(f"*[{form}]: {tooltip_text(term, level)}")
    # One definition per block: Python-Markdown retests every block processor on the rest of a
    # block after each definition it takes, so one long block made every page ten times slower.
    return "\n\n".join(lines) + "\n"


def matcher(terms: list[Term]) -> tuple[re.Pattern, dict[str, Term]]:
    """The regular expression the abbr extension builds from the snippet, and form -> term.

    Longest forms first, so "Hay'at Tahrir al-Sham" wins over "Tahrir al-Sham" inside it.
    """
    owner = {form: term for term in terms for form in term.tooltip_forms}
    forms = sorted(owner, key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!x)x"), owner
    return re.compile(r"\b(?:" + "|".join(re.escape(form) for form in forms) + r")\b"), owner


def with_tooltips(text: str, book) -> str:
    """`text` escaped for HTML, each glossary term in it wrapped in its tooltip <abbr>, as the abbr
    extension does in Markdown. For the raw HTML that Python-Markdown does not reach: map
    captions and the maps' text versions."""
    pattern, owner = book.term_matcher
    out, last = [], 0
    for match in pattern.finditer(text):
        form = match.group(0)
        out.append(html_attr(text[last:match.start()]))
        out.append(f'<abbr title="{html_attr(tooltip_text(owner[form]))}">{html_attr(form)}</abbr>')
        last = match.end()
    out.append(html_attr(text[last:]))
    return "".join(out)


def check(book) -> None:
    """Every term cites known sources; no form is claimed twice or is also a spelling to avoid."""
    forms: dict[str, str] = {}
    for term in book.terms:
        for key in term.sources:
            if key not in book.sources:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"unknown source '{key}' (not in data/sources.yml)")
        for form in term.tooltip_forms:
            if form in forms:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"'{form}' is already defined by entry '{forms[form]}'")
            forms[form] = term.id
    for term in book.terms:
        for spelling in term.avoid:
            if spelling in forms:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"'{spelling}' is to be avoided but is a form of entry "
                                f"'{forms[spelling]}'")


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms that occur in `text` exactly as the tooltips find them, alphabetically."""
    pattern, owner = matcher(terms)
    found = {owner[match.group(0)].id: owner[match.group(0)] for match in pattern.finditer(text)}
    return sorted(found.values(), key=sort_key)


# Front-matter fields that readers never see on the page.
NOT_SHOWN = {"id", "sources", "established_sources", "model_answer", "title", "description",
             "chapter", "date", "search", "__extends"}


def meta_prose(value, key: str | None = None) -> list[str]:
    """The texts of a page's front matter that the page shows (quiz, discussion, claims)."""
    if key in NOT_SHOWN:
        return []
    if isinstance(value, dict):
        return [text for k, v in value.items() for text in meta_prose(v, k)]
    if isinstance(value, list):
        return [text for item in value for text in meta_prose(item, key)]
    return [str(value)] if isinstance(value, str) else []


def sort_key(term: Term) -> str:
    """Alphabetical order as a reader expects it: no case, no apostrophes; in Arabic, as
    dictionaries order it, without the article ال."""
    key = term.term.casefold().replace("'", "")
    key = key[2:] if key.startswith("ال") and len(key) > 3 else key
    return key.translate(_ALEF)


# Alef with hamza or madda sorts, and is grouped, with the bare alef, as Arabic dictionaries do.
_ALEF = str.maketrans("أإآ", "ااا")


# --- Rendering -----------------------------------------------------------------------------

def _original_html(term: Term, lang: str = "en") -> str:
    if not term.original or term.original_lang == lang:
        return ""
    language, direction = SCRIPTS[term.original_lang]
    translit = (f' (<i class="translit" lang="{lang if lang != "ar" else "en"}">'
                f'{html_attr(term.transliteration)}</i>)' if term.transliteration else "")
    return (f'<span class="term-original">{say(lang, "script-" + term.original_lang)}: '
            f'<span lang="{term.original_lang}" dir="{direction}">{html_attr(term.original)}'
            f"</span>{translit}</span>")


def _english_html(term: Term, lang: str) -> str:
    """In another edition, the term as the English edition writes it."""
    if not term.english or lang == "en":
        return ""
    return (f'<span class="term-original">{say(lang, "in-english-name")}: '
            f'<span lang="en" dir="ltr">{html_attr(term.english)}</span></span>')


def render_key_terms(terms: list[Term], glossary_url: str, level: str = "standard",
                     lang: str = "en") -> str:
    """The "Key terms" box: each term linked to its glossary entry, with its meaning."""
    if not terms:
        return ""
    def forms(term: Term) -> str:
        # The other words the text may use for the term, for site.js to find its tooltip here.
        other = [form for form in term.tooltip_forms if form != term.term]
        return f' data-forms="{html_attr("|".join(other))}"' if other else ""

    items = "\n".join(
        f'<dt{forms(term)}><a href="{html_attr(glossary_url)}#term-{term.id}">'
        f"{html_attr(term.term)}</a></dt>\n<dd>{html_attr(meaning(term, level))}</dd>"
        for term in terms)
    # Left out of the search index, which finds the same definitions on the Glossary page.
    # --entries lets the stylesheet guess the box's height before laying it out (site.css).
    return (f'<dl class="key-terms" style="--entries: {len(terms)}" data-search-exclude>\n'
            f'{items}\n</dl>\n')


def render_entry(term: Term, chapter_links: dict[int, tuple[str, str]],
                 source_links: dict[str, tuple[str, str]], avoid: list[str] | None = None,
                 lang: str = "en") -> str:
    """One glossary entry: <dt> anchored as #term-<id>, then its names, meaning and links.

    `avoid` is the spellings the book does not use, when they are kept elsewhere (a person's, in
    data/actors.yml); by default the term's own."""
    avoid = term.avoid if avoid is None else avoid
    kind = (f' <span class="term-kind">{say(lang, "kind-" + term.kind.value)}</span>'
            if term.kind else "")
    comma = "، " if lang == "ar" else ", "
    names = [name for name in (_original_html(term, lang), _english_html(term, lang)) if name]
    if term.variants:
        names.append(f'<span class="term-variants">{say(lang, "also")} '
                     f'{html_attr(comma.join(term.variants))}</span>')
    if avoid:
        names.append(f'<span class="term-avoid">Also spelled: '
                     f'{html_attr(", ".join(avoid))} (not used in this book)</span>')
    parts = [f'<dt id="term-{term.id}"><dfn>{html_attr(term.term)}</dfn>{kind}</dt>', "<dd>"]
    if names:
        parts.append(f'<p class="term-names">{" · ".join(names)}</p>')
    parts.append(f"<p>{html_attr(term.definition)}</p>")
    if term.simple != term.definition:
        parts.append(f'<p class="term-simple"><span class="term-simple-label">In plain words:'
                     f"</span> {html_attr(term.simple)}</p>")
    meta = []
    chapters = [n for n in term.chapters if n in chapter_links]
    if chapters:
        meta.append(say(lang, "read-more-in") + " " + comma.join(
            f'<a href="{html_attr(chapter_links[n][0])}" title="{html_attr(chapter_links[n][1])}">'
            f"{say(lang, 'chapter-n', n=n)}</a>" for n in chapters))
    known = [key for key in term.sources if key in source_links]
    if known:
        # Publishers stay as published: in another edition, marked as English (on a <bdi>: the
        # HTML minifier drops a lang from an <a> that follows another with the same lang).
        def publisher(name: str) -> str:
            return html_attr(name) if lang == "en" else \
                f'<bdi lang="en" dir="ltr">{html_attr(name)}</bdi>'
        meta.append(say(lang, "sources-colon") + " " + comma.join(
            f'<a href="{html_attr(source_links[key][0])}" title="{html_attr(source_links[key][1])}">'
            f"{publisher(source_links[key][2])}</a>" for key in known))
    if meta:
        parts.append(f'<p class="term-meta">{" · ".join(meta)}</p>')
    parts.append("</dd>")
    return "\n".join(parts)


def render_glossary(terms: list[Term], chapter_links: dict[int, tuple[str, str]] | None = None,
                    source_links: dict[str, tuple[str, str, str]] | None = None,
                    also_avoided: dict[str, list[str]] | None = None,
                    lang: str = "en") -> str:
    """The Glossary page: a jump bar, then one alphabetical definition list per letter.

    `chapter_links` maps a chapter number to (url, title); `source_links` maps a source id to
    (url, tooltip, label); `also_avoided` maps a term, as written, to spellings to avoid kept
    elsewhere (an actor's). Each entry is anchored as #term-<id>.
    """
    chapter_links = chapter_links or {}
    source_links = source_links or {}
    also_avoided = also_avoided or {}
    by_letter: dict[str, list[Term]] = {}
    for term in sorted(terms, key=sort_key):
        by_letter.setdefault(sort_key(term)[0].upper(), []).append(term)
    jump = " ".join(f'<a href="#letter-{letter.lower()}">{letter}</a>' for letter in by_letter)
    out = [f'<nav class="glossary-jump" aria-label="{say(lang, "glossary-by-letter")}">{jump}</nav>\n']
    for letter, group in by_letter.items():
        out.append(f"## {letter} {{#letter-{letter.lower()}}}\n")
        entries = "\n".join(render_entry(term, chapter_links, source_links,
                                          [*term.avoid, *also_avoided.get(term.term, [])], lang)
                            for term in group)
        out.append(f'<dl class="glossary">\n{entries}\n</dl>\n')
    return "\n".join(out)


# --- Wiring --------------------------------------------------------------------------------

def register(env, book) -> None:
    """Write the tooltip snippet that pymdownx.snippets appends to every page; wire the macros."""
    from .chapters import chapter_files

    for level in (SNIPPETS if env.lang == "en" else ["standard"]):
        env.write_generated(snippet_name(level, env.lang), abbreviations(book.terms, level))
    known = set(chapter_files(env.docs_dir))
    for term in book.terms:
        for number in term.chapters:
            if number not in known:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"unknown chapter {number} (the chapters are "
                                f"{', '.join(map(str, sorted(known)))})")

    @env.macro
    def key_terms() -> str:
        """The glossary terms that occur in this page's text, its boxes and its quiz."""
        text = "\n".join([prose(env.markdown), *meta_prose(env.page.meta or {})])
        return render_key_terms(terms_in(text, book.terms), env.here.link(GLOSSARY_PAGE),
                                env.here.level, env.here.lang)

    @env.macro
    def glossary() -> str:
        """The whole glossary, for the Glossary page."""
        chapters = {number: (env.here.link(path.relative_to(env.docs_dir).as_posix()),
                             page_title(path, env.lang))
                    for number, path in chapter_files(env.docs_dir).items()}
        bibliography = env.here.link(SOURCES_PAGE)
        sources = {key: (f"{bibliography}#src-{key}", source.tooltip(), source.publisher)
                   for key, source in book.sources.items()}
        env.here.citations.link_to(*(key for term in book.terms for key in term.sources))
        # A person's spellings to avoid are kept with the person, in data/actors.yml.
        avoided = {actor.name: actor.avoid for actor in book.actors if actor.avoid}
        return env.here.stylesheet_block("shelf.css") + render_glossary(book.terms, chapters, sources, avoided, env.lang)

    @env.macro
    def glossary_size() -> int:
        """How many terms the glossary holds."""
        return len(book.terms)
