"""Chapters: front matter (quiz, discussion, contested claims), reading figures, page components.

A chapter is docs/chapters/NN-slug.md. Its front matter holds what the site renders in several
places (the quiz in the chapter and in the teachers' answer key, for example); its body is prose
with a few macro calls: chapter_intro(), contested("id"), discussion_questions(),
self_check_quiz(), key_terms().
"""

import datetime as dt
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .editions import pdf_link, site_url
from .errors import DataError
from .loader import describe_error
from .pages import link, page_url
from .reading import prose, reading_minutes
from .sources import ID_PATTERN, after_as_of, format_date
from .text import html_attr

CHAPTER_FILE = re.compile(r"^chapters/(\d\d)-[a-z0-9-]+\.md$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizQuestion(_Strict):
    """A self-check question; its answer is revealed on request and never printed."""

    id: str = Field(pattern=ID_PATTERN)
    question: str
    options: list[str] = []          # multiple choice when given; else a short written answer
    answer: str                      # the right option's text, or the model short answer
    explanation: str                 # why; a learning platform shows it as the feedback

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


class Side(_Strict):
    """One party's version of a contested event."""

    party: str                       # who says it, e.g. "Rebel commanders", "The Syrian army"
    claim: str
    date: dt.date | None = None
    sources: list[str] = Field(min_length=1)


class Claim(_Strict):
    """A contested claim: who said what, side by side, and what later reporting established."""

    id: str = Field(pattern=ID_PATTERN)
    topic: str
    sides: list[Side] = Field(min_length=2)
    established: str | None = None
    established_sources: list[str] = []


class SearchMeta(_Strict):
    """Material's search settings for a page: its rank against other pages, or none at all."""

    boost: float | None = Field(default=None, gt=0)
    exclude: bool = False


class ChapterMeta(_Strict):
    """A chapter's front matter."""

    title: str | None = None         # MkDocs' own page title, if set
    description: str | None = None   # MkDocs' page description, if set
    search: SearchMeta | None = None  # set for all chapters in docs/chapters/.meta.yml
    chapter: int = Field(ge=1)          # the file name says which; the two must agree
    key_question: str
    discussion: list[DiscussionQuestion] = Field(min_length=3, max_length=5)
    quiz: list[QuizQuestion] = Field(min_length=4, max_length=6)
    claims: list[Claim] = []


def load_meta(src_uri: str, meta: dict) -> ChapterMeta:
    """Validate a chapter's front matter, or stop with a DataError naming file and entry."""
    try:
        chapter = ChapterMeta.model_validate(meta)
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
    for kind in ("quiz", "discussion", "claims"):
        ids = [item.id for item in getattr(chapter, kind)]
        if len(ids) != len(set(ids)):
            raise DataError(f"docs/{src_uri}", f"front matter {kind}", "ids must be unique")
    return chapter


# --- Components ---------------------------------------------------------------------------

def render_intro(chapter: ChapterMeta, words: int, grade: float, share: tuple[str, str],
                 pdf_href: str | None) -> str:
    """The "Assign this chapter" box: time, level, link and the chapter's key question.

    `share` is the link to share, as (href, text); `pdf_href` is None when the build offers no PDF.
    """
    minutes = reading_minutes(words)
    href, text = share
    lines = [
        '!!! abstract "Assign this chapter"\n',
        f"    **Key question:** {chapter.key_question}\n",
        f"    **Reading time:** about {minutes} minute{'s' if minutes > 1 else ''} ({words:,} words)"
        f" · **Reading level:** grade {grade:.1f} (Flesch-Kincaid)\n",
        f'    **Link to share:** <a class="share-link" href="{html_attr(href)}">'
        f"{html_attr(text)}</a>\n    {{: .share{'' if '://' in href else ' .share-here'} }}\n",
    ]
    if pdf_href:
        lines.append(f'    **To print or read offline:** <a href="{pdf_href}" download>this chapter as '
                     "PDF</a>\n    {: .download-pdf }\n")
    return "\n".join(lines)


def share_link(src_uri: str, site_url: str | None, directory_urls: bool) -> tuple[str, str]:
    """The link to share a page, as (href, text): its published address when the build knows it.

    Without SITE_URL the link points at the page itself and shows its path; site.js puts the
    address the reader is on in its place (the paragraph's `share-here` class).
    """
    if site_url:
        url = site_url + page_url(src_uri, True)
        return url, url
    return link(src_uri, src_uri, directory_urls), "/" + page_url(src_uri, True)


def sentence(text: str) -> str:
    """`text` ending in punctuation, so that an answer and its explanation read as two sentences."""
    text = text.strip()
    return text if text[-1:] in ".?!\"”'’)" else text + "."


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def render_claim(claim: Claim, cite) -> str:
    """A contested claim as an admonition: each side with its date and sources, then the record."""
    parts = []
    for side in claim.sides:
        when = f" ({format_date(side.date)})" if side.date else ""
        parts.append(f"**{side.party}**{when}: {side.claim}{cite(*side.sources)}")
    if claim.established:
        sources = cite(*claim.established_sources) if claim.established_sources else ""
        parts.append(f"**What later reporting established:** {claim.established}{sources}")
    body = "\n\n".join(parts)
    return (f'!!! contested "Contested: {claim.topic}"\n\n{_indent(body)}\n')


def render_discussion(chapter: ChapterMeta) -> str:
    """The discussion questions as a numbered list, anchored for teachers' links."""
    items = "\n".join(f'<li id="discuss-{q.id}" markdown="span">{q.question}</li>'
                      for q in chapter.discussion)
    return f'<ol class="discussion" markdown="block">\n{items}\n</ol>\n'



def render_quiz(chapter: ChapterMeta) -> str:
    """The self-check quiz; each answer sits in a closed box that print never shows.

    A question with options names its right letter in data-answer, for site.js to turn the options
    into buttons (the letter is in the answer box already).
    """
    items = []
    letters = "ABCDEFGH"
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
            f"**Question {n}.** {q.question}\n\n{options}\n"
            f'<details class="quiz-answer" markdown>\n<summary>Show the answer</summary>\n\n'
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


def on_pre_page(env) -> None:
    """For a chapter: validate its front matter and measure its prose before macros run."""
    src_uri = env.here.src_uri
    if chapter_number(src_uri) is None:
        return
    # The page's meta may hold the folder's .meta.yml alone (Material's meta plugin) when the
    # file's own front matter is missing or broken: say what is wrong with the file's.
    if "chapter" not in (env.page.meta or {}):
        problem = front_matter_problem(Path(env.page.file.abs_src_path).read_text(encoding="utf-8"))
        if problem:
            raise DataError(f"docs/{src_uri}", "front matter", problem)
    # Material's meta plugin notes which .meta.yml files it merged in, under "__extends".
    chapter = load_meta(src_uri, {k: v for k, v in env.page.meta.items() if k != "__extends"})
    for claim in chapter.claims:
        for side in claim.sides:
            late = side.date and after_as_of("date", side.date, env.conf["extra"]["as_of"])
            if late:
                raise DataError(f"docs/{src_uri}", f"front matter claim '{claim.id}'", late)
    if chapter.chapter != chapter_number(src_uri):
        raise DataError(f"docs/{src_uri}", "front matter",
                        f"chapter is {chapter.chapter} but the file name says "
                        f"{chapter_number(src_uri)}")
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
        return render_intro(here.chapter, here.words, here.grade,
                            share_link(here.src_uri, site_url(env.conf), here.directory_urls),
                            pdf_link(env.conf, here.src_uri, here))

    @env.macro
    def contested(claim_id: str) -> str:
        """A contested claim from this chapter's front matter."""
        for claim in (current().claims if env.here.chapter else []):
            if claim.id == claim_id:
                return render_claim(claim, env.here.citations.cite)
        return env.here.problem(f"contested('{claim_id}')",
                                "no claim with this id in the front matter")

    @env.macro
    def discussion_questions() -> str:
        """This chapter's discussion questions."""
        return render_discussion(env.here.chapter) if current() else ""

    @env.macro
    def self_check_quiz() -> str:
        """This chapter's self-check quiz."""
        return render_quiz(env.here.chapter) if current() else ""


def chapter_files(docs_dir: Path) -> dict[int, Path]:
    """Chapter number to file, for every chapter in docs/chapters/."""
    found = {}
    for path in sorted((docs_dir / "chapters").glob("*.md")):
        number = chapter_number(f"chapters/{path.name}")
        if number is not None:
            found[number] = path
    return found
