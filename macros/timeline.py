"""Timeline events: dated, sourced, attached to a chapter."""

import datetime as dt

from pydantic import BaseModel, ConfigDict


class Event(BaseModel):
    """One dated event."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    title: str
    chapter: int
    sources: list[str]


def check(book) -> None:
    """Cross-checks of timeline.yml against the other data files."""


def register(env, book) -> None:
    """Macros for timelines."""
