"""Sources: the bibliography entries that every citation points to."""

import datetime as dt
import re
from enum import Enum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, field_validator,
                      model_validator)
from .text import Name, html_attr

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

MONTHS = ("January February March April May June July August September October November "
          "December").split()


def _slug(value: str) -> str:
    if not re.match(ID_PATTERN, value):
        raise ValueError("id must be lowercase words joined by hyphens, e.g. hama-taken")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("date must be a real date written YYYY-MM-DD") from None
    return value


# Field types every data file shares: an entry id, and a date written YYYY-MM-DD.
Slug = Annotated[str, AfterValidator(_slug)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def after_as_of(what: str, date: dt.date, as_of: dt.date) -> str | None:
    """The problem with a date after the book's as-of date, or None: the book tells nothing later."""
    if date <= as_of:
        return None
    return (f"{what} {date.isoformat()} is after the book's as-of date ({format_date(as_of)}, "
            "extra.as_of in mkdocs.yml)")


def format_date(day: dt.date) -> str:
    """A date as the book writes it: 27 November 2024."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# Names of the languages sources are written in, for "In Arabic." after a non-English entry.
LANGUAGES = {"ar": "Arabic", "fa": "Persian", "tr": "Turkish", "ku": "Kurdish", "fr": "French",
             "de": "German", "it": "Italian", "es": "Spanish", "pt": "Portuguese", "ru": "Russian",
             "pl": "Polish", "nl": "Dutch", "he": "Hebrew", "zh": "Chinese"}


class SourceKind(str, Enum):
    """What kind of voice a source is; the Sources page groups by it, in this order."""

    news = "news"                  # wire agencies and international media
    state_media = "state-media"    # state-affiliated media: say which state
    monitor = "monitor"            # monitors and NGOs
    un = "un"                      # UN agencies
    official = "official"          # governments and official statements
    research = "research"          # research institutes and reference works


KIND_HEADINGS = {
    SourceKind.news: "Wire agencies and international media",
    SourceKind.state_media: "State-affiliated media",
    SourceKind.monitor: "Monitors and NGOs",
    SourceKind.un: "UN agencies",
    SourceKind.official: "Governments and official statements",
    SourceKind.research: "Research and reference works",
}


class Source(BaseModel):
    """One published item the book cites."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    publisher: Name
    title: Name
    date: IsoDate | None = None
    url: str
    kind: SourceKind
    state: Name | None = None          # required for state-affiliated media
    via: Name | None = None            # the site that carried a syndicated story or a copy
    language: str | None = None       # BCP 47 code when the source is not in English

    @field_validator("url")
    @classmethod
    def _url_is_web_address(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            raise ValueError("url must be a full http(s) address")
        return value

    @model_validator(mode="after")
    def _state_media_names_its_state(self) -> "Source":
        if self.kind is SourceKind.state_media and not self.state:
            raise ValueError("state-affiliated media must name their state in 'state'")
        return self

    def describe_html(self) -> str:
        """Publisher, linked title, date and carrier, as one line of escaped HTML.

        A title in another language keeps its language (and, for Arabic or Persian, its
        direction) so that browsers and screen readers render and read it correctly.
        """
        parts = [self.voice(html_attr)]
        title = html_attr(self.title)
        lang = ""
        if self.language:
            lang = f' hreflang="{html_attr(self.language)}"'
            title = f'<bdi lang="{html_attr(self.language)}">{title}</bdi>'
        parts.append(f'<a href="{html_attr(self.url)}"{lang}>“{title}”</a>')
        if self.date:
            parts.append(format_date(self.date))
        text = ", ".join(parts)
        if self.via:
            text += f" (via {html_attr(self.via)})"
        text += "."
        if self.language:
            name = LANGUAGES.get(self.language.split("-")[0], self.language)
            text += f" In {html_attr(name)}."
        return text

    def voice(self, escape=str) -> str:
        """Whose voice the source is, as the book names it wherever it shows the publisher:
        "Anadolu Agency (state-affiliated, Turkey)". `escape` turns data into the output's text."""
        name = escape(self.publisher)
        return f"{name} (state-affiliated, {escape(self.state)})" if self.state else name

    def describe_text(self) -> str:
        """The same as plain text with the address, for files that are not HTML (slides' notes)."""
        parts = [self.voice(), f"“{self.title}”", *([format_date(self.date)] if self.date else [])]
        return ", ".join(parts) + (f" (via {self.via})" if self.via else "") + f". {self.url}"

    def tooltip(self) -> str:
        """Plain-text summary for a citation's hover tooltip."""
        return f"{self.publisher}: {self.title}{self._when()}"

    def byline(self) -> str:
        """Who and when, for a citation's spoken name; its title is one jump away, in the list."""
        return f"{self.publisher}{self._when()}"

    def _when(self) -> str:
        return f", {format_date(self.date)}" if self.date else ""
