"""Sources: the bibliography entries that every citation points to."""

import datetime as dt
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, field_validator,
                      model_validator)
import yaml

from .errors import DataError
from .i18n import say
from .text import Name, html_attr

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

MONTHS = ("January February March April May June July August September October November "
          "December").split()
# In Arabic, the Levantine name, a slash, the other name, as Syrian readers and AFP's Arabic
# service write a date (27 تشرين الثاني/نوفمبر 2024); digits stay Western, checkable by machine.
MONTHS_AR = ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
             "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
             "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر")
MONTH_NAMES = {"en": MONTHS, "ar": MONTHS_AR}


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


def format_date(day: dt.date, lang: str = "en") -> str:
    """A date as the book writes it: 27 November 2024 (27 تشرين الثاني/نوفمبر 2024)."""
    return f"{day.day} {MONTH_NAMES[lang][day.month - 1]} {day.year}"


def spoken_date(day: dt.date, lang: str = "en") -> str:
    """A date for a screen reader to say: in Arabic the Levantine month alone, since the
    written pair would be read out slash and all (27 تشرين الثاني 2024)."""
    if lang == "en":
        return format_date(day)
    return f"{day.day} {MONTH_NAMES[lang][day.month - 1].split('/')[0]} {day.year}"


def format_month(year: int, month: int, lang: str = "en") -> str:
    """A month as the book writes it: November 2024."""
    return f"{MONTH_NAMES[lang][month - 1]} {year}"


# Names of the languages sources are written in, for "In Arabic." after a non-English entry.
LANGUAGES = {"ar": "Arabic", "fa": "Persian", "tr": "Turkish", "ku": "Kurdish", "fr": "French",
             "de": "German", "it": "Italian", "es": "Spanish", "pt": "Portuguese", "ru": "Russian",
             "pl": "Polish", "nl": "Dutch", "he": "Hebrew", "zh": "Chinese", "sco": "Scots"}
LANGUAGES_AR = {"ar": "العربية", "fa": "الفارسية", "tr": "التركية", "ku": "الكردية",
                "fr": "الفرنسية", "de": "الألمانية", "it": "الإيطالية", "es": "الإسبانية",
                "pt": "البرتغالية", "ru": "الروسية", "pl": "البولندية", "nl": "الهولندية",
                "he": "العبرية", "zh": "الصينية", "sco": "الإسكتلندية"}
LANGUAGE_NAMES = {"en": LANGUAGES, "ar": LANGUAGES_AR}
PUBLISHERS_FILE = Path(__file__).resolve().parent.parent / "data" / "publishers.yml"


@lru_cache(maxsize=1)
def _arabic_names() -> dict:
    return yaml.safe_load(PUBLISHERS_FILE.read_text(encoding="utf-8"))


def arabic_name(kind: str, name: str) -> str:
    """A publisher's or a state's name in Arabic letters (data/publishers.yml)."""
    try:
        return _arabic_names()[kind][name]
    except KeyError:
        raise DataError("data/publishers.yml", f"{kind}", f"no Arabic name for '{name}': "
                        "add it, as Arabic news writes it") from None


class SourceKind(str, Enum):
    """What kind of voice a source is; the Sources page groups by it, in this order."""

    news = "news"                  # wire agencies and international media
    state_media = "state-media"    # state-affiliated media: say which state
    monitor = "monitor"            # monitors and NGOs
    un = "un"                      # UN agencies
    official = "official"          # governments and official statements
    research = "research"          # research institutes and reference works


# The Sources page's headings, in this order (data/words.yml: sources-kind-<kind>).
KIND_HEADINGS = {kind: say("en", f"sources-kind-{kind.value}") for kind in SourceKind}


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

    def describe_html(self, lang: str = "en") -> str:
        """Publisher, linked title, date and carrier, as one line of escaped HTML.

        A title in another language keeps its language (and, for Arabic or Persian, its
        direction) so that browsers and screen readers render and read it correctly. In another
        edition the publisher, title and carrier stay as published, marked as English.
        """
        def original(text: str, language: str | None) -> str:
            if (language or "en") == lang:
                return text
            if lang == "en":            # a bdi's own direction: the English edition as it was
                return f'<bdi lang="{html_attr(language)}">{text}</bdi>'
            direction = "rtl" if language in ("ar", "fa", "he") else "ltr"
            return f'<bdi lang="{html_attr(language or "en")}" dir="{direction}">{text}</bdi>'

        name = original(html_attr(self.publisher), None)
        state = self.state and (arabic_name("states", self.state) if lang == "ar" else self.state)
        parts = [say(lang, "state-affiliated", name=name, state=html_attr(state))
                 if self.state else name]
        hreflang = f' hreflang="{html_attr(self.language)}"' if self.language else ""
        title = original(html_attr(self.title), self.language)
        parts.append(f'<a href="{html_attr(self.url)}"{hreflang}>“{title}”</a>')
        if self.date:
            parts.append(format_date(self.date, lang))
        text = ("، " if lang == "ar" else ", ").join(parts)
        if self.via:
            text += say(lang, "via", name=original(html_attr(self.via), None))
        text += "."
        if self.language and self.language != lang:
            names = LANGUAGE_NAMES[lang]
            text += say(lang, "in-language",
                        name=html_attr(names.get(self.language.split("-")[0], self.language)))
        return text

    def voice(self, escape=str, lang: str = "en") -> str:
        """Whose voice the source is, as the book names it wherever it shows the publisher:
        "Anadolu Agency (state-affiliated, Turkey)". `escape` turns data into the output's text;
        in Arabic the names are Arabic (data/publishers.yml)."""
        if lang == "en":
            name, state = self.publisher, self.state
        else:
            name = arabic_name("publishers", self.publisher)
            state = self.state and arabic_name("states", self.state)
        return say(lang, "state-affiliated", name=escape(name), state=escape(state)) \
            if self.state else escape(name)

    def describe_text(self) -> str:
        """The same as plain text with the address, for files that are not HTML (slides' notes)."""
        parts = [self.voice(), f"“{self.title}”", *([format_date(self.date)] if self.date else [])]
        return ", ".join(parts) + (f" (via {self.via})" if self.via else "") + f". {self.url}"

    def tooltip(self) -> str:
        """Plain-text summary for a citation's hover tooltip."""
        return f"{self.publisher}: {self.title}{self._when()}"

    def byline(self, lang: str = "en") -> str:
        """Who and when, for a citation's spoken name; its title is one jump away, in the list."""
        if not self.date:
            return self.publisher
        return f"{self.publisher}{'، ' if lang == 'ar' else ', '}{spoken_date(self.date, lang)}"

    def _when(self, lang: str = "en") -> str:
        return f"{'، ' if lang == 'ar' else ', '}{format_date(self.date, lang)}" if self.date else ""
