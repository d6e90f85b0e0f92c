"""The book's data, loaded and cross-checked once per build."""

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from . import actors, documents, glossary, maps, timeline
from .errors import DataError
from .loader import load_entries
from .sources import Source, after_as_of


@dataclass(frozen=True)
class Book:
    """Everything in data/, validated and indexed by id."""

    sources: dict[str, Source]
    terms: list[glossary.Term]
    places: dict[str, maps.Place]
    maps: dict[str, maps.MapSpec]
    events: list[timeline.Event]
    actors: list[actors.Actor]
    documents: list[documents.DocumentSet]

    def in_language(self, lang: str) -> "Book":
        """The book as the `lang` edition shows it: every entry's text in that language (its
        `ar:` fields), or a DataError naming the first entry without it. Sources stay as
        published."""
        if lang == "en":
            return self

        def each(entries: list, file: str, what: str = "entry") -> list:
            return [entry.in_language(lang, f"data/{file}", f"{what} '{entry.id}'")
                    for entry in entries]

        return replace(self, terms=each(self.terms, "glossary.yml"),
                       places=_by_id(each(list(self.places.values()), "places.yml")),
                       maps=_by_id(each(list(self.maps.values()), "maps.yml")),
                       events=each(self.events, "timeline.yml"),
                       actors=each(self.actors, "actors.yml"))

    @cached_property
    def events_by_id(self) -> dict[str, timeline.Event]:
        """Timeline events by id: maps mark them by id."""
        return _by_id(self.events)

    @cached_property
    def term_matcher(self) -> tuple[re.Pattern, dict[str, glossary.Term]]:
        """The glossary's forms as one expression, built once: see glossary.with_tooltips."""
        return glossary.matcher(self.terms)


def _by_id(entries: list) -> dict:
    return {entry.id: entry for entry in entries}


def check_dates(book: Book, as_of: dt.date) -> None:
    """No source, map or document is dated after the book's as-of date (events and actors check their own)."""
    for source in book.sources.values():
        late = source.date and after_as_of("date", source.date, as_of)
        if late:
            raise DataError("data/sources.yml", f"entry '{source.id}'", late)
    for spec in book.maps.values():
        late = after_as_of("as_of", spec.as_of, as_of)
        if late:
            raise DataError("data/maps.yml", f"entry '{spec.id}'", late)
    for doc_set in book.documents:
        for doc in doc_set.documents:
            late = after_as_of("date", doc.date, as_of)
            if late:
                raise DataError("data/documents.yml", f"document '{doc.id}'", late)


def load_book(data_dir: Path) -> Book:
    """Load every data file, then let each concern check its references to the others."""
    def load(name: str, model: type) -> list:
        return load_entries(data_dir / name, model, f"data/{name}")

    book = Book(
        sources=_by_id(load("sources.yml", Source)),
        terms=load("glossary.yml", glossary.Term),
        places=_by_id(load("places.yml", maps.Place)),
        maps=_by_id(load("maps.yml", maps.MapSpec)),
        events=load("timeline.yml", timeline.Event),
        actors=load("actors.yml", actors.Actor),
        documents=load("documents.yml", documents.DocumentSet),
    )
    for check in (glossary.check, maps.check, timeline.check, actors.check, documents.check):
        check(book)
    return book
