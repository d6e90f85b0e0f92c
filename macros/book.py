"""The book's data, loaded and cross-checked once per build."""

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import actors, glossary, maps, timeline
from .loader import load_entries
from .sources import Source


@dataclass(frozen=True)
class Book:
    """Everything in data/, validated and indexed by id."""

    sources: dict[str, Source]
    terms: list[glossary.Term]
    places: dict[str, maps.Place]
    maps: dict[str, maps.MapSpec]
    events: list[timeline.Event]
    actors: list[actors.Actor]

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
    )
    for check in (glossary.check, maps.check, timeline.check, actors.check):
        check(book)
    return book
