"""Timeline events: dated, sourced, attached to a chapter.

One entry in data/timeline.yml becomes a row of the Timeline page, a line of a chapter's slice
(`{{ timeline(chapter=2) }}`, `{{ timeline(start="2024-11-27", end="2024-12-08") }}`) and a line
of the open-data file data/timeline.csv, written into the built site after each build.
"""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, field_validator

from .chapters import chapter_files
from .errors import DataError
from .i18n import PREFIX, Translated, say
from .page import Page
from .sources import Slug, after_as_of, format_date, format_month
from .text import Prose, csv_cell, html_attr, html_text

TIMELINE_PAGE = "reference/timeline.md"
WHO_IS_WHO_PAGE = "reference/who-is-who.md"
CSV_PATH = "data/timeline.csv"          # where the open-data file lands in the built site
CSV_COLUMNS = ["date", "event", "actors", "chapter", "source_urls", "id"]


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_RULE = ("date must be a real date written YYYY-MM-DD, or YYYY-MM or YYYY when only the "
             "month or the year is known")


@dataclass(frozen=True, order=True)
class EventDate:
    """A date known to the day, the month or only the year; 0 marks the unknown parts.

    Ordering puts "March 2011" before "18 March 2011": an event known only to the month opens it.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> "EventDate":
        """Read YYYY-MM-DD, YYYY-MM or YYYY (a bare year may arrive from YAML as a number)."""
        if isinstance(value, EventDate):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        match = _DATE.match(value) if isinstance(value, str) else None
        if not match:
            raise ValueError(DATE_RULE)
        year, month, day = (int(part) if part else 0 for part in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise ValueError(DATE_RULE) from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """One of "day", "month" or "year"."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The machine-readable form, as HTML's <time datetime> takes it: 2011, 2011-03, 2011-03-18."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def label(self, lang: str = "en") -> str:
        """The date as the book writes it: 18 March 2011, March 2011 or 2011."""
        if self.day:
            return format_date(self.first_day, lang)
        if self.month:
            return format_month(self.year, self.month, lang)
        return str(self.year)

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day the date can mean."""
        if self.day:
            return self.first_day
        if not self.month:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


class Event(Translated, BaseModel):
    """One dated event: what happened, who was involved, where the book tells it, who reported it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    translated: ClassVar[tuple[str, ...]] = ("text",)

    id: Slug
    date: Annotated[EventDate, PlainValidator(EventDate.parse)]
    text: Prose
    actors: list[str] = Field(min_length=1)
    chapter: int
    sources: list[str] = Field(min_length=1)
    ar: dict[str, Prose] | None = None     # its Arabic text, beside the English

    @field_validator("text")
    @classmethod
    def _text_is_one_line(cls, value: str) -> str:
        return " ".join(value.split())



def _error(event: Event, problem: str) -> DataError:
    return DataError("data/timeline.yml", f"entry '{event.id}'", problem)


def check(book) -> None:
    """Every event cites known sources and names known actors; the file runs in date order."""
    actor_ids = {actor.id for actor in book.actors}
    previous = None
    for event in book.events:
        for key in event.sources:
            if key not in book.sources:
                raise _error(event, f"unknown source '{key}' (not in data/sources.yml)")
        for key in event.actors:
            if key not in actor_ids:
                raise _error(event, f"unknown actor '{key}' (not in data/actors.yml)")
        if previous is not None and event.date < previous.date:
            raise _error(event, f"date {event.date.iso()} comes before the date of the entry "
                                f"above it ('{previous.id}', {previous.date.iso()}): keep the "
                                "file in date order")
        previous = event


def check_against_book(events: list[Event], as_of: dt.date, chapters: set[int]) -> None:
    """Every event lies on or before the book's "as of" date and belongs to a chapter that exists."""
    for event in events:
        late = after_as_of("date", event.date.first_day, as_of)
        if late:
            raise _error(event, late.replace(event.date.first_day.isoformat(), event.date.iso()))
        if event.chapter not in chapters:
            known = ", ".join(str(number) for number in sorted(chapters))
            raise _error(event, f"unknown chapter {event.chapter} (the chapters are {known})")


# --- Choosing a slice ----------------------------------------------------------------------

def select(events: list[Event], chapter: int | None = None, start: str | None = None,
           end: str | None = None) -> list[Event]:
    """The events of one chapter and/or date range, in date order.

    `start` and `end` take the same forms as the data (2024-11-27, 2024-11, 2024); an event is
    in the range when every day it can mean is: "November 2024" is not inside 27 November to
    8 December. Raises ValueError on a malformed bound.
    """
    low = EventDate.parse(start).first_day if start is not None else dt.date.min
    high = EventDate.parse(end).last_day if end is not None else dt.date.max
    if low > high:
        raise ValueError(f"start {start} is after end {end}")
    return [event for event in events
            if (chapter is None or event.chapter == chapter)
            and low <= event.date.first_day and event.date.last_day <= high]


# --- The offensive's days -------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """The offensive's first and last day (mkdocs.yml, extra.offensive): the one place they live."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def day(self, event: Event) -> int | None:
        """1 to `days` for an event known to the day within the span, else None."""
        if event.date.precision == "day" and self.start <= event.date.first_day <= self.end:
            return (event.date.first_day - self.start).days + 1
        return None


def offensive_span(conf) -> Span:
    """extra.offensive of mkdocs.yml, checked: two real dates, in order, before the as-of date."""
    value = conf["extra"].get("offensive")
    start, end = (value.get("start"), value.get("end")) if isinstance(value, dict) else (None, None)
    if not (isinstance(start, dt.date) and isinstance(end, dt.date) and start <= end):
        raise DataError("mkdocs.yml", "extra.offensive",
                        f"needs start and end, dates written YYYY-MM-DD, start first (got {value!r})")
    return Span(start, end)


# --- Rendering -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What rendering needs to know about the page and the rest of the book."""

    here: Page                         # the page being built, with its citations
    actor_names: dict[str, str]        # actor id -> the name shown in "Who"
    chapter_files: dict[int, str]      # chapter number -> its docs/ path, e.g. chapters/02-x.md
    offensive: "Span | None" = None    # its days are numbered "Day 1", "Day 2"...

    @property
    def src_uri(self) -> str:
        return self.here.src_uri

    def cite(self, *ids: str) -> str:
        return self.here.citations.cite(*ids)

    def link(self, target: str) -> str:
        """A Markdown link target for a docs/ file (MkDocs resolves it)."""
        return self.here.md_link(target)


def render_event(event: Event, ctx: Context) -> str:
    """One event as a list item: its <time>, what happened, its sources, who and which chapter."""
    lang = ctx.here.lang
    when = f'<time datetime="{event.date.iso()}">{event.date.label(lang)}</time>'
    if ctx.src_uri != TIMELINE_PAGE:
        when = f"[{when}]({ctx.link(TIMELINE_PAGE)}#event-{event.id})"
    day = ctx.offensive.day(event) if ctx.offensive else None
    badge = f' <span class="timeline-day">{say(lang, "day-n", n=day)}</span>' if day else ""
    who = ("، " if lang == "ar" else ", ").join(
        f"[{html_attr(ctx.actor_names[key])}]({ctx.link(WHO_IS_WHO_PAGE)}#actor-{key})"
        for key in event.actors)
    meta = f"{say(lang, 'who')} {who}"
    chapter_file = ctx.chapter_files.get(event.chapter)
    if chapter_file and chapter_file != ctx.src_uri:
        meta += f" · [{say(lang, 'chapter-cap-n', n=event.chapter)}]({ctx.link(chapter_file)})"
    classes = "timeline-event" + (" timeline-offensive" if day else "")
    return (f'<li class="{classes}" id="event-{event.id}" markdown="span">'
            f'<span class="timeline-when">{when}{badge}</span> '
            f"{html_text(event.text)}{ctx.cite(*event.sources)} "
            f'<span class="timeline-meta">{meta}</span></li>')


def render_list(events: list[Event], ctx: Context) -> str:
    """Events as one ordered list."""
    items = "\n".join(render_event(event, ctx) for event in events)
    return f'<ol class="timeline" markdown="block">\n{items}\n</ol>\n'


def render_by_year(events: list[Event], ctx: Context) -> str:
    """Events under one heading per year (#year-2011 ...), with a line of links to the years."""
    years = sorted({event.date.year for event in events})
    out = [say(ctx.here.lang, "jump-to") + " " + " · ".join(f"[{year}](#year-{year})"
                                                           for year in years) + "\n"]
    for year in years:
        out.append(f"## {year} {{#year-{year}}}\n")
        out.append(render_list([event for event in events if event.date.year == year], ctx))
    return "\n".join(out)


# --- Open data -----------------------------------------------------------------------------

def to_csv(events: list[Event], actor_names: dict[str, str], source_urls: dict[str, str]) -> str:
    """The timeline as CSV (RFC 4180: comma-separated, CRLF line ends, UTF-8), one event a row.

    Several actors are joined with "; ", several source URLs with a space.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([
            event.date.iso(),
            csv_cell(event.text),
            csv_cell("; ".join(actor_names[key] for key in event.actors)),
            event.chapter,
            " ".join(source_urls[key] for key in event.sources),
            event.id,
        ])
    return buffer.getvalue()


def write_csv(site_dir: Path, book, lang: str = "en") -> Path:
    """Write data/timeline.csv into the built site (an edition's own: ar/data/timeline.csv)."""
    target = Path(site_dir) / (PREFIX[lang] + CSV_PATH)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = to_csv(book.events, {actor.id: actor.name for actor in book.actors},
                  {key: source.url for key, source in book.sources.items()})
    target.write_bytes(text.encode("utf-8"))
    return target


# --- Wiring --------------------------------------------------------------------------------

def chapter_paths(docs_dir: Path) -> dict[int, str]:
    """Chapter number -> docs/ path of its page (chapters/NN-slug.md)."""
    return {number: f"chapters/{path.name}" for number, path in chapter_files(docs_dir).items()}


def register(env, book) -> None:
    """Check the events against the book's date and chapters; wire the macros and the CSV."""
    chapters = chapter_paths(env.docs_dir)
    check_against_book(book.events, env.conf["extra"]["as_of"], set(chapters))
    names = {actor.id: actor.short or actor.name for actor in book.actors}
    env.post_build_functions.append(on_post_build)

    offensive = offensive_span(env.conf)

    def context() -> Context:
        return Context(env.here, names, chapters, offensive)

    @env.macro
    def timeline(chapter: int | None = None, start: str | None = None,
                 end: str | None = None) -> str:
        """All events by year, or (given a chapter and/or a date range) one list of that slice."""
        if chapter is None and start is None and end is None:
            return env.here.stylesheet_block("shelf.css") + render_by_year(book.events, context())
        call = f"timeline(chapter={chapter!r}, start={start!r}, end={end!r})"
        if chapter is not None and chapter not in chapters:
            return env.here.problem(call, f"unknown chapter {chapter}")
        try:
            events = select(book.events, chapter, start, end)
        except ValueError as exc:
            return env.here.problem(call, str(exc))
        if not events:
            return env.here.problem(call, "no event in data/timeline.yml matches")
        return env.here.stylesheet_block("shelf.css") + render_list(events, context())

    @env.macro
    def timeline_csv_href() -> str:
        """The link from this page to the open-data file, in either edition."""
        return env.here.relative(PREFIX[env.lang] + CSV_PATH)


def on_post_build(env) -> None:
    """Write the timeline CSV beside the pages, from the same data the pages show."""
    write_csv(Path(env.conf["site_dir"]), env.book, env.lang)
