"""Who's who: the actors a reader meets."""

from pydantic import BaseModel, ConfigDict


class Actor(BaseModel):
    """One armed group, government, monitor or person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str


def check(book) -> None:
    """Cross-checks of actors.yml against the other data files."""


def register(env, book) -> None:
    """Macros for the Who's who page."""
