"""Chapters: front matter (quiz, discussion, contested claims), reading figures, page components.

A chapter is docs/chapters/NN-slug.md. Its front matter holds what the site renders in several
places (the quiz in the chapter and in the teachers' answer key, for example); its body is prose
with a few macro calls: chapter_intro(), contested("id"), discussion_questions(),
self_check_quiz(), key_terms().
"""

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import ClassVar, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import documents
from .editions import book_path, pdf_link, pdf_path, site_url
from .errors import DataError
from .i18n import Translated, say
from .loader import describe_error
from .pages import link, page_url, translated_name
from .reading import prose, reading_minutes
from .sources import ID_PATTERN, Source, after_as_of, format_date
from .text import html_attr, html_text

CHAPTER_FILE = re.compile(r"^chapters/(\d\d)-[a-z0-9-]+\.md$")
# The easier version of a chapter: docs/chapters/NN-slug/easier.md, served at chapters/NN-slug/easier/.
EASIER_FILE = re.compile(r"^chapters/((\d\d)-[a-z0-9-]+)/easier\.md$")
LEVELS = {"standard": "Standard", "easier": "Easier"}


class _Strict(Translated, BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizQuestion(_Strict):
    """A self-check question; its answer is revealed on request and never printed."""

    id: str = Field(pattern=ID_PATTERN)
    question: str
    options: list[str] = []          # multiple choice when given; else a short written answer
    answer: str                      # the right option's text, or the model short answer
    explanation: str                 # why; a learning platform shows it as the feedback
    ar: dict[str, str | list[str]] | None = None   # the Arabic; its answer is found by position
    translated: ClassVar[tuple[str, ...]] = ("question", "options", "explanation")
    translated_optional: ClassVar[tuple[str, ...]] = ("answer",)

    def derived_translations(self, ar: dict, problem) -> dict:
        if not self.options:
            if not ar.get("answer"):
                raise problem("no Arabic for 'answer': add ar.answer")
            return {}
        if "answer" in ar:
            raise problem("ar.answer is the option in the English answer's place: leave it out")
        return {"answer": ar["options"][self.options.index(self.answer)]}

    @field_validator("options")
    @classmethod
    def _options_differ(cls, value: list[str]) -> list[str]:
        # A platform would score two identical options differently, and a student could not
        # tell them apart.
        seen = set()
        for option in value:
            if option in seen:
                raise ValueError(f"options must differ: {option!r} is given twice")
            seen.add(option)
        return value

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, value: str, info) -> str:
        options = info.data.get("options") or []
        if options and value not in options:
            raise ValueError("answer must be one of the options, word for word")
        return value

    @field_validator("explanation")
    @classmethod
    def _explanation_says_something(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("explanation must not be empty: it is the feedback a student gets")
        return value


class DiscussionQuestion(_Strict):
    """An open question for class; its model answer appears only in the teachers' section."""

    id: str = Field(pattern=ID_PATTERN)
    question: str
    model_answer: str
    ar: dict[str, str] | None = None
    translated: ClassVar[tuple[str, ...]] = ("question", "model_answer")


class Side(_Strict):
    """One party's version of a contested event.

    The party is who speaks. A source whose publisher the party names is the party's own words
    (SNHR's report); any other source carried them, and the box says so: "as reported by News.Az".
    """

    party: str                       # who says it, e.g. "Rebel commanders", "The Syrian army"
    claim: str
    date: dt.date | None = None
    sources: list[str] = Field(min_length=1)
    ar: dict[str, str] | None = None
    translated: ClassVar[tuple[str, ...]] = ("party", "claim")


class Claim(_Strict):
    """A contested claim: who said what, side by side, and what later reporting established."""

    id: str = Field(pattern=ID_PATTERN)
    topic: str
    sides: list[Side] = Field(min_length=2)
    established: str | None = None
    established_sources: list[str] = []
    ar: dict[str, str] | None = None
    translated: ClassVar[tuple[str, ...]] = ("topic", "established")
    translated_children: ClassVar[tuple[str, ...]] = ("sides",)


class SearchMeta(_Strict):
    """Material's search settings for a page: its rank against other pages, or none at all."""

    boost: float | None = Field(default=None, gt=0)
    exclude: bool = False


class ChapterMeta(_Strict):
    """A chapter's front matter."""

    level: Literal["standard", "easier"] = "standard"   # the file says which (docs/chapters/...)
    title: str | None = None         # MkDocs' own page title, if set
    description: str | None = None   # MkDocs' page description, if set
    search: SearchMeta | None = None  # set for all chapters in docs/chapters/.meta.yml
    chapter: int = Field(ge=1)          # the file name says which; the two must agree
    key_question: str
    discussion: list[DiscussionQuestion] = Field(min_length=3, max_length=5)
    quiz: list[QuizQuestion] = Field(min_length=4, max_length=6)
    claims: list[Claim] = []
    ar: dict[str, str] | None = None   # the key question in Arabic; the rest carry their own
    translated: ClassVar[tuple[str, ...]] = ("key_question",)
    translated_children: ClassVar[tuple[str, ...]] = ("discussion", "quiz", "claims")


class EasierSide(_Strict):
    """A side of a contested claim in plainer words; who said it, when and the sources stay the
    standard chapter's."""

    claim: str
    party: str | None = None         # a plainer name for who said it, if needed


class EasierClaim(_Strict):
    """A contested claim of the standard chapter, reworded for the easier level."""

    id: str = Field(pattern=ID_PATTERN)
    topic: str
    sides: list[EasierSide] = Field(min_length=2)
    established: str | None = None


class EasierMeta(ChapterMeta):
    """The front matter of a chapter's easier version: its own key question, discussion and quiz
    at that level, and the standard chapter's contested claims reworded (by id)."""

    level: Literal["easier"]
    claims: list[EasierClaim] = []


def load_meta(src_uri: str, meta: dict) -> ChapterMeta:
    """Validate a chapter's front matter, or stop with a DataError naming file and entry."""
    try:
        model = EasierMeta if EASIER_FILE.match(src_uri) else ChapterMeta
        chapter = model.model_validate(meta)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"]
        if len(loc) > 2 and isinstance(loc[1], int):          # quiz #2 ('an-id'): field 'answer'
            item = (meta.get(loc[0]) or [None] * (loc[1] + 1))[loc[1]]
            named = f" ('{item['id']}')" if isinstance(item, dict) and isinstance(
                item.get("id"), str) else ""
            entry, error = f"front matter {loc[0]} #{loc[1] + 1}{named}", {**error, "loc": loc[2:]}
        else:
            entry = "front matter"
        raise DataError(f"docs/{src_uri}", entry, describe_error(error)) from None
    if chapter.level == "easier" and not EASIER_FILE.match(src_uri):
        raise DataError(f"docs/{src_uri}", "front matter",
                        "level: easier belongs in the easier version, chapters/NN-slug/easier.md")
    for kind in ("quiz", "discussion", "claims"):
        ids = [item.id for item in getattr(chapter, kind)]
        if len(ids) != len(set(ids)):
            raise DataError(f"docs/{src_uri}", f"front matter {kind}", "ids must be unique")
    return chapter


# --- Components ---------------------------------------------------------------------------

def render_levels(level: str, hrefs: dict[str, str]) -> str:
    """The switch between a chapter's levels ("Standard · Easier"): a link to each other level,
    the reader's own marked as current. site.js carries the reader's section over on a click."""
    items = []
    for key, name in LEVELS.items():
        if key not in hrefs:
            continue
        if key == level:
            items.append(f'<span aria-current="page">{name}</span>')
        else:
            items.append(f'<a href="{html_attr(hrefs[key])}" data-level="{key}">{name}</a>')
    return ('<nav class="level-switch" aria-label="Reading level">'
            f'<span class="level-switch__label">Reading level:</span> {" · ".join(items)}</nav>\n')


def render_intro(chapter: ChapterMeta, words: int, grade: float, share: tuple[str, str],
                 pdf_href: str | None, levels: dict[str, str] | None = None,
                 lang: str = "en") -> str:
    """The level switch (when the chapter has more than one level), then the "Assign this
    chapter" box: time, level, link and the chapter's key question.

    `share` is the link to share, as (href, text); `pdf_href` is None when the build offers no PDF;
    `levels` maps each level the chapter has to its href from this page.
    """
    minutes = reading_minutes(words)
    href, text = share
    switch = render_levels(chapter.level, levels) if levels and len(levels) > 1 else ""
    named = f"{LEVELS[chapter.level]} version, " if switch else ""
    time = say(lang, "about-minutes", minutes=minutes, plural="s" if minutes > 1 else "",
               words=f"{words:,}")
    ltr = "" if lang == "en" else ' dir="ltr"'      # an address reads left to right
    lines = [
        switch,
        f'!!! abstract "{say(lang, "assign-this-chapter")}"\n',
        f"    **{say(lang, 'key-question')}** {chapter.key_question}\n",
        f"    **{say(lang, 'reading-time')}** {time}"
        f" · **{say(lang, 'reading-level')}** "
        f"{say(lang, 'grade-fk', named=named, grade=f'{grade:.1f}')}\n",
        f'    **{say(lang, "link-to-share")}** <a class="share-link"{ltr} href="{html_attr(href)}">'
        f"{html_attr(text)}</a>\n    {{: .share{'' if '://' in href else ' .share-here'} }}\n",
    ]
    if pdf_href:
        lines.append(f'    **{say(lang, "to-print")}** <a href="{pdf_href}" download>'
                     f'{say(lang, "chapter-as-pdf")}</a>\n    {{: .download-pdf }}\n')
    if say(lang, "translated-quotes"):
        lines.append(f"    *{say(lang, 'translated-quotes')}*\n")
    return "\n".join(lines)


def share_link(src_uri: str, site_url: str | None, directory_urls: bool,
               lang: str = "en") -> tuple[str, str]:
    """The link to share a page, as (href, text): its published address when the build knows it.

    Without SITE_URL the link points at the page itself and shows its path; site.js puts the
    address the reader is on in its place (the paragraph's `share-here` class).
    """
    if site_url:
        url = site_url + page_url(src_uri, True, lang)
        return url, url
    return link(src_uri, src_uri, directory_urls, lang), "/" + page_url(src_uri, True, lang)


def sentence(text: str) -> str:
    """`text` ending in punctuation, so that an answer and its explanation read as two sentences."""
    text = text.strip()
    return text if text[-1:] in ".?!\"”'’)" else text + "."


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


# --- Contested claims: who speaks, and who carried the words ---------------------------------

# How a party would say that an outlet carried its words ("a source speaking to Reuters"): the
# box says that itself, from the source's publisher, so that the name is typed once.
_CARRIED_BY = r"reported by|speaking to|quoted by|according to|told|via"


def publisher_names(source: Source) -> list[str]:
    """The names a party may give a source's publisher: as written, without its note in
    brackets, and the abbreviation in brackets ("Syrian Network for Human Rights (SNHR)")."""
    names = [source.publisher]
    bracketed = re.fullmatch(r"(.+?) \((.+)\)", source.publisher)
    if bracketed:
        names.append(bracketed.group(1))
        if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z]", bracketed.group(2)):
            names.append(bracketed.group(2))
    return names


def _named(name: str, text: str) -> re.Match | None:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)


def carriers(side: Side, sources: dict[str, Source]) -> list[Source]:
    """The cited sources that carried the party's words: those whose publisher the party does not
    name (whole words, case as written), one per publisher, in the order cited."""
    found: dict[str, Source] = {}
    for key in side.sources:
        source = sources.get(key)
        if source and not any(_named(name, side.party) for name in publisher_names(source)):
            found.setdefault(source.voice(), source)
    return list(found.values())


def _in_words(names: list[str], lang: str = "en") -> str:
    comma = "، " if lang == "ar" else ", "
    return names[0] if len(names) == 1 else \
        f"{comma.join(names[:-1])}{say(lang, 'and')}{names[-1]}"


def check_claims(src_uri: str, chapter: ChapterMeta, sources: dict[str, Source],
                 as_of: dt.date) -> None:
    """Each side cites known sources, is dated no later than the book, and leaves it to the box
    to say who carried its words; else a DataError naming the claim."""
    for claim in chapter.claims:
        def problem(text: str) -> DataError:
            return DataError(f"docs/{src_uri}", f"front matter claim '{claim.id}'", text)

        for key in [*(key for side in claim.sides for key in side.sources),
                    *claim.established_sources]:
            if key not in sources:
                raise problem(f"unknown source '{key}' (not in data/sources.yml)")
        for number, side in enumerate(claim.sides, start=1):
            late = side.date and after_as_of("date", side.date, as_of)
            if late:
                raise problem(late)
            if re.search(r"\breported by\b", side.party, re.I):
                raise problem(f"side {number}: the party says who reported it: leave that out, "
                              "the box adds \"as reported by\" and the publisher of each source "
                              "the party did not publish itself")
            for source in (sources[key] for key in side.sources):
                for name in publisher_names(source):
                    if re.search(rf"\b(?:{_CARRIED_BY})\s+(?:the\s+)?{re.escape(name)}(?!\w)",
                                 side.party, re.I):
                        raise problem(f"side {number}: the party names {name} as the outlet that "
                                      "carried its words: leave it out, the box adds \"as "
                                      f"reported by {source.voice()}\" from data/sources.yml")


def render_claim(claim: Claim, cite, sources: dict[str, Source], read_more: str = "",
                 lang: str = "en", english: Claim | None = None) -> str:
    """A contested claim as an admonition: each side with its date, who carried its words when
    the party did not publish them itself, and its sources; then the record; then `read_more`
    (the line linking the documents that speak for its sides), if any."""
    parts = []
    # Who carried a party's words is read from the English party, which names its own outlet.
    for side, original in zip(claim.sides, (english or claim).sides):
        when = f" ({format_date(side.date, lang)})" if side.date else ""
        carried = [html_text(source.voice(lang=lang)) for source in carriers(original, sources)]
        by = say(lang, "as-reported-by", names=_in_words(carried, lang)) if carried else ""
        parts.append(f"**{side.party}**{when}{by}: {side.claim}{cite(*side.sources)}")
    if claim.established:
        cited = cite(*claim.established_sources) if claim.established_sources else ""
        parts.append(f"**{say(lang, 'established')}** {claim.established}{cited}")
    if read_more:
        parts.append(read_more)
    body = "\n\n".join(parts)
    title = say(lang, "contested", topic=claim.topic)
    return (f'!!! contested "{title}"\n\n{_indent(body)}\n')


def render_discussion(chapter: ChapterMeta) -> str:
    """The discussion questions as a numbered list, anchored for teachers' links."""
    items = "\n".join(f'<li id="discuss-{q.id}" markdown="span">{q.question}</li>'
                      for q in chapter.discussion)
    return f'<ol class="discussion" markdown="block">\n{items}\n</ol>\n'



# How each edition letters a question's options.
LETTERS = {"en": "ABCDEFGH", "ar": "أبجدهوزح"}


def render_quiz(chapter: ChapterMeta, lang: str = "en") -> str:
    """The self-check quiz; each answer sits in a closed box that print never shows.

    A question with options names its right letter in data-answer, for site.js to turn the options
    into buttons (the letter is in the answer box already).
    """
    items = []
    letters = LETTERS[lang]
    for n, q in enumerate(chapter.quiz, start=1):
        options = right = ""
        answer = q.answer
        if q.options:
            letter = letters[q.options.index(q.answer)]
            right = f' data-answer="{letter}"'
            options = "\n".join(f"{letters[i]}. {html_attr(opt)}<br>"
                                for i, opt in enumerate(q.options))
            options = f'<p class="quiz-options" markdown="span">\n{options}\n</p>\n'
            answer = f"{letter}. {q.answer}"
        answer = sentence(answer)
        items.append(
            f'<div class="quiz-item" id="quiz-{q.id}"{right} markdown>\n\n'
            f"**{say(lang, 'question-n', n=n)}** {q.question}\n\n{options}\n"
            f'<details class="quiz-answer" markdown>\n<summary>{say(lang, "show-answer")}'
            '</summary>\n\n'
            f"**{answer}** {q.explanation}\n\n</details>\n\n</div>\n")
    return '<div class="quiz" markdown>\n\n' + "\n".join(items) + "\n</div>\n"


# --- Wiring --------------------------------------------------------------------------------

def chapter_number(src_uri: str) -> int | None:
    """The chapter number of a page, from its file name, or None for other pages."""
    match = CHAPTER_FILE.match(src_uri)
    return int(match.group(1)) if match else None


def front_matter_problem(text: str) -> str | None:
    """What is wrong with a chapter file's own front matter: none at all, YAML that does not
    parse (MkDocs drops it without a word), or not a mapping; None if it reads."""
    if not text.startswith("---"):
        return "missing: a chapter opens with its front matter between two --- lines"
    block = text.split("---", 2)[1]
    try:
        yaml.safe_load(block)
    except yaml.YAMLError as exc:
        # Where the trouble starts (an unclosed bracket where it opens); the block begins on the
        # opening --- line, so its line 0 is the file's line 1.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = f" on line {mark.line + 1}" if mark else ""
        return f"not valid YAML{line}: {getattr(exc, 'problem', None) or exc}"
    return None if isinstance(yaml.safe_load(block), dict) else \
        "empty or not a mapping of field: value"


def reworded_claims(easier: ChapterMeta, standard: ChapterMeta, where: str) -> list[Claim]:
    """The standard chapter's contested claims in the easier version's words: who said it, when
    and the sources come from the standard claim, so that a date or citation lives in one place."""
    by_id = {claim.id: claim for claim in standard.claims}
    mine = {claim.id for claim in easier.claims}
    for claim in standard.claims:
        if claim.id not in mine:
            raise DataError(where, f"front matter claim '{claim.id}'",
                            "the standard chapter's claim has no easier wording: add it to claims")
    merged = []
    for claim in easier.claims:
        entry = f"front matter claim '{claim.id}'"
        base = by_id.get(claim.id)
        if base is None:
            raise DataError(where, entry, "the standard chapter has no claim with this id")
        if len(claim.sides) != len(base.sides):
            raise DataError(where, entry, f"has {len(claim.sides)} sides, the standard claim "
                                          f"{len(base.sides)}: one per side, in the same order")
        if bool(claim.established) != bool(base.established):
            raise DataError(where, entry, "give 'established' when the standard claim does, "
                                          "and only then")
        sides = [side.model_copy(update={"claim": mine.claim, "party": mine.party or side.party})
                 for side, mine in zip(base.sides, claim.sides)]
        merged.append(base.model_copy(update={"topic": claim.topic, "sides": sides,
                                              "established": claim.established}))
    return merged


@lru_cache(maxsize=32)
def _file_meta(path: Path, mtime: float) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}


def standard_meta(docs_dir: Path, number: int) -> ChapterMeta:
    """The standard chapter's front matter, read from its file (validated as its page is)."""
    path = chapter_files(docs_dir)[number]
    src_uri = f"chapters/{path.name}"
    problem = front_matter_problem(path.read_text(encoding="utf-8"))
    if problem:
        raise DataError(f"docs/{src_uri}", "front matter", problem)
    return load_meta(src_uri, _file_meta(path, path.stat().st_mtime))


def on_pre_page(env) -> None:
    """For a chapter, at either level: validate its front matter and measure its prose before
    macros run."""
    src_uri = env.here.src_uri
    number = chapter_number(src_uri) or easier_number(src_uri)
    if number is None:
        return
    if env.here.lang != "en":
        # Another edition's chapter: the English front matter, in that language (its ar: fields).
        standard = standard_meta(env.docs_dir, number)
        check_claims(src_uri, standard, env.book.sources, env.conf["extra"]["as_of"])
        env.here.english = standard            # whose parties name the outlets they published
        env.here.chapter = standard.in_language(env.here.lang, f"docs/{src_uri}", "front matter")
        env.here.words, env.here.grade = env.reading.measure(prose(env.markdown), env.here.lang)
        return
    # The page's meta may hold the folder's .meta.yml alone (Material's meta plugin) when the
    # file's own front matter is missing or broken: say what is wrong with the file's.
    if "chapter" not in (env.page.meta or {}):
        problem = front_matter_problem(Path(env.page.file.abs_src_path).read_text(encoding="utf-8"))
        if problem:
            raise DataError(f"docs/{src_uri}", "front matter", problem)
    # Material's meta plugin notes which .meta.yml files it merged in, under "__extends".
    chapter = load_meta(src_uri, {k: v for k, v in env.page.meta.items() if k != "__extends"})
    if chapter.chapter != number:
        raise DataError(f"docs/{src_uri}", "front matter",
                        f"chapter is {chapter.chapter} but the file name says {number}")
    if chapter.level == "easier":
        standard = standard_meta(env.docs_dir, number)
        claims = reworded_claims(chapter, standard, f"docs/{src_uri}")
        chapter = ChapterMeta.model_validate(
            {**chapter.model_dump(exclude={"claims"}), "claims": [c.model_dump() for c in claims]})
    check_claims(src_uri, chapter, env.book.sources, env.conf["extra"]["as_of"])
    env.here.chapter = chapter
    env.here.words, env.here.grade = env.reading.measure(prose(env.markdown))


def register(env, book) -> None:
    """The macros a chapter page calls."""

    def current() -> ChapterMeta | None:
        if env.here.chapter is None:
            env.here.problem(None, "chapter macros only work in docs/chapters/NN-*.md")
        return env.here.chapter

    @env.macro
    def chapter_intro() -> str:
        """The "Assign this chapter" box."""
        here = env.here
        if current() is None:
            return ""
        levels = {level: here.link(uri)       # the other editions have one level
                  for level, uri in level_uris(here.src_uri, env.docs_dir).items()
                  } if here.lang == "en" else {}
        return render_intro(here.chapter, here.words, here.grade,
                            share_link(here.src_uri, site_url(env.conf), here.directory_urls,
                                       here.lang),
                            pdf_link(env.conf, here.src_uri, here), levels, here.lang)

    # A document of a chapter's set may speak for one side of a contested claim: the claim must
    # be the chapter's, and its box links the document ("Read what they said").
    files = chapter_files(env.docs_dir)
    doc_sets = {doc_set.chapter: doc_set for doc_set in book.documents if doc_set.chapter in files}
    for number, doc_set in doc_sets.items():
        claims = {claim.id for claim in standard_meta(env.docs_dir, number).claims}
        for doc in doc_set.documents:
            if doc.claim and doc.claim not in claims:
                raise DataError("data/documents.yml", f"document '{doc.id}'",
                                f"unknown claim '{doc.claim}' (chapter {number}'s front matter "
                                "has no contested claim with this id)")

    def read_more(claim_id: str) -> str:
        if env.here.lang != "en":
            return ""             # the document sets are in English only
        doc_set = doc_sets.get(env.here.chapter.chapter)
        docs = [doc for doc in doc_set.documents if doc.claim == claim_id] if doc_set else []
        if not docs:
            return ""
        page = documents.set_page(env.docs_dir, doc_set.chapter)
        return documents.render_links(doc_set, docs, env.here.md_link(page))

    @env.macro
    def contested(claim_id: str) -> str:
        """A contested claim from this chapter's front matter."""
        for claim in (current().claims if env.here.chapter else []):
            if claim.id == claim_id:
                english = next((c for c in env.here.english.claims if c.id == claim_id),
                               None) if env.here.english else None
                try:
                    return render_claim(claim, env.here.citations.cite, book.sources,
                                        read_more(claim_id), env.here.lang, english)
                except DataError as error:      # an outlet without its Arabic name
                    return env.here.defer(error)
        return env.here.problem(f"contested('{claim_id}')",
                                "no claim with this id in the front matter")

    @env.macro
    def discussion_questions() -> str:
        """This chapter's discussion questions."""
        return render_discussion(env.here.chapter) if current() else ""

    @env.macro
    def self_check_quiz() -> str:
        """This chapter's self-check quiz."""
        return render_quiz(env.here.chapter, env.here.lang) if current() else ""


def easier_number(src_uri: str) -> int | None:
    """The chapter number of an easier version's page, or None for other pages."""
    match = EASIER_FILE.match(src_uri)
    return int(match.group(2)) if match else None


def level_uris(src_uri: str, docs_dir: Path) -> dict[str, str]:
    """Level -> page (docs/-relative) for the chapter that `src_uri` belongs to, with only the
    levels that exist; empty for a page that is not a chapter."""
    match = CHAPTER_FILE.match(src_uri) or EASIER_FILE.match(src_uri)
    if not match:
        return {}
    stem = src_uri.removeprefix("chapters/").split("/")[0].removesuffix(".md")
    found = {"standard": f"chapters/{stem}.md"}
    if (docs_dir / "chapters" / stem / "easier.md").is_file():
        found["easier"] = f"chapters/{stem}/easier.md"
    return found


def easier_files(docs_dir: Path) -> dict[int, Path]:
    """Chapter number to its easier version's file, for the chapters that have one."""
    return {number: path.with_suffix("") / "easier.md"
            for number, path in chapter_files(docs_dir).items()
            if (path.with_suffix("") / "easier.md").is_file()}


def chapter_pages(docs_dir: Path) -> list[str]:
    """Every chapter page at every level (docs/-relative), each chapter's standard one first."""
    easier = easier_files(docs_dir)
    pages = []
    for number, path in chapter_files(docs_dir).items():
        pages.append(f"chapters/{path.name}")
        if number in easier:
            pages.append(f"chapters/{path.stem}/easier.md")
    return pages


def printed_pages(docs_dir: Path, lang: str = "en") -> list[str]:
    """Every page with a PDF of its own besides the book's: each chapter at each level, then
    each document set; in another edition, those of them it has a page of (chapters/x.ar.md)."""
    return [src_uri for src_uri in chapter_pages(docs_dir) + documents.set_pages(docs_dir)
            if (docs_dir / translated_name(src_uri, lang)).is_file()]


def pdf_paths(docs_dir: Path, paper: str, lang: str = "en") -> list[str]:
    """The site paths of the `lang` edition's PDFs on `paper`: the book's, then those of the
    pages printed on their own (pdf/aleppo-2024-book.pdf, pdf/01-syria-since-2011.pdf, ...)."""
    return [book_path(paper, lang)] + [pdf_path(src_uri, paper, lang)
                                       for src_uri in printed_pages(docs_dir, lang)]


def chapter_files(docs_dir: Path) -> dict[int, Path]:
    """Chapter number to file, for every chapter in docs/chapters/."""
    found = {}
    for path in sorted((docs_dir / "chapters").glob("*.md")):
        number = chapter_number(f"chapters/{path.name}")
        if number is not None:
            found[number] = path
    return found
