"""Maps: places and map specifications, rendered as folium maps with static twins."""

from pydantic import BaseModel, ConfigDict


class Place(BaseModel):
    """A place a map shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    lat: float
    lon: float


class MapSpec(BaseModel):
    """One map: what it shows and how it is captioned."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str


def check(book) -> None:
    """Cross-checks of maps.yml against places.yml and sources.yml."""


def register(env, book) -> None:
    """Macros for maps."""


def on_post_build(env) -> None:
    """Write the map documents into the built site."""
