"""A chapter's lesson as the class formats read it: front matter, text, worksheet, data."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from macros.book import Book, load_book
from macros.chapters import ChapterMeta
from macros.classroom import LessonMeta, activity_headings, lesson_files, read_lesson
from macros.errors import DataError
from macros.pages import page_title
from macros.teaching import Chapter, load_chapters

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.S)
_ATTRS = re.compile(r"\s*\{[:#.][^}]*\}")


@dataclass(frozen=True)
class Edition:
    """What every file names: the book, its as-of date and its licence."""

    title: str
    as_of: dt.date
    licence: str = "Text and maps: CC BY-SA 4.0"


@dataclass(frozen=True)
class Lesson:
    """One chapter's lesson at one reading level: `meta` is the front matter of that level."""

    number: int
    stem: str                        # the chapter's file stem: 02-the-offensive
    title: str                       # as its heading gives it: 2. The offensive, ...
    meta: ChapterMeta
    chapter: Chapter                 # the text: objectives, takeaways, the maps it shows
    plan: LessonMeta
    activities: dict[str, str]       # activity id to its heading in the plan
    plan_maps: list[str]             # the maps the lesson plan shows
    book: Book
    edition: Edition
    arabic_title: str = ""           # the chapter's title in the Arabic edition

    @property
    def maps(self) -> list[str]:
        """The maps of the chapter, or of its lesson plan when the chapter shows none."""
        return _map_calls(self.chapter.body) or self.plan_maps


def _map_calls(text: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\{\{\s*map\(\s*\"([a-z0-9-]+)\"", text)))


def plain(text: str) -> str:
    """Text from the book's Markdown as a reader sees it: no macro calls, markup or attributes."""
    html = markdown.markdown(_ATTRS.sub("", _JINJA.sub("", text)))
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split()).replace(" .", ".") \
        .replace(" ,", ",")


def load_lessons(root: Path, edition: Edition) -> list[Lesson]:
    """Every chapter that has front matter and a lesson plan, in order; bad input stops here."""
    docs = root / "docs"
    book = load_book(root / "data")
    chapters = load_chapters(docs)
    plans = lesson_files(docs)
    lessons = []
    for number, chapter in sorted(chapters.items()):
        if number not in plans:
            raise DataError(f"docs/{chapter.src_uri}", None, "has no lesson plan in "
                            "docs/teachers/lesson-plans/ (NN-slug.md with its number)")
        plan, body = read_lesson(plans[number], docs, book)
        arabic = page_title(docs / chapter.src_uri, "ar")
        lessons.append(Lesson(number, Path(chapter.src_uri).stem, chapter.title, chapter.meta,
                              chapter, plan, activity_headings(body), _map_calls(body), book,
                              edition, arabic))
    return lessons


def sources_text(book: Book, ids: list[str]) -> list[str]:
    """Each source as one line of plain text, for speaker notes."""
    return [book.sources[key].describe_text() for key in dict.fromkeys(ids)]
