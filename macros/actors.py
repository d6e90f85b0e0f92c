"""Who's who: the actors a reader meets, grouped by kind, each anchored as #actor-<id>."""

import datetime as dt
import re
from enum import Enum

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import DataError
from .i18n import Translated, say
from .glossary import TermKind, plain_forms
from .sources import IsoDate, Slug, after_as_of, format_date
from .timeline import TIMELINE_PAGE
from .text import Name, Prose, html_text


class ActorKind(str, Enum):
    """What kind of actor; the Who's who page groups by it, in this order."""

    armed_group = "armed-group"        # armed groups, alliances and their command structures
    government = "government"          # governments, state administrations and state forces
    international = "international"    # the UN and its agencies
    monitor = "monitor"                # monitors and civil-society groups that count and rescue
    person = "person"


# The Who's who page's headings, in this order (data/words.yml: actors-<kind>).
KIND_HEADINGS = {kind: say("en", f"actors-{kind.value}") for kind in ActorKind}


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) if value is not None else None


class Actor(Translated, BaseModel):
    """One armed group, government, monitor or person, described neutrally and with sources."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    translated: ClassVar[tuple[str, ...]] = ("name", "short", "profile", "aims", "backers", "status")
    # Other names in Arabic are not the English ones one by one ("ISIS", "ISIL" and "Daesh").
    translated_optional: ClassVar[tuple[str, ...]] = ("also_known_as",)

    id: Slug
    name: Name
    short: Name | None = None             # the short form the timeline shows, e.g. HTS
    kind: ActorKind
    also_known_as: list[Name] = []        # former names, noms de guerre, other names
    avoid: list[Name] = []                # other spellings: listed, never written in the book
    profile: Prose                         # who or what it is, in neutral words
    aims: Prose | None = None              # what it says it wants (attributed), or did
    backers: Prose | None = None           # who supports it
    sources: list[str] = Field(min_length=1)
    status: Prose | None = None            # the situation as of `as_of`: designations, roles
    as_of: IsoDate | None = None
    status_sources: list[str] = []
    ar: dict[str, Prose | list[Name]] | None = None   # its Arabic, beside the English

    def derived_translations(self, ar: dict, problem) -> dict:
        # Other spellings in Latin letters are the English edition's.
        return {"avoid": [], "also_known_as": ar.get("also_known_as", [])}

    @field_validator("profile", "aims", "backers", "status")
    @classmethod
    def _text_is_one_line(cls, value: str | None) -> str | None:
        return _one_line(value)

    @field_validator("avoid")
    @classmethod
    def _spellings_are_plain(cls, value: list[str]) -> list[str]:
        return plain_forms(value)

    @model_validator(mode="after")
    def _status_is_dated_and_sourced(self) -> "Actor":
        if self.status and not (self.as_of and self.status_sources):
            raise ValueError("a status needs its 'as_of' date and its 'status_sources'")
        if not self.status and (self.as_of or self.status_sources):
            raise ValueError("'as_of' and 'status_sources' belong to a 'status'")
        clash = set(self.avoid) & set(self.names)
        if clash:
            raise ValueError(f"'{sorted(clash)[0]}' is both a name of the actor and a spelling "
                             "to avoid")
        return self

    @property
    def names(self) -> list[str]:
        """The names the book may write: its name, short form and other names."""
        return [self.name, *([self.short] if self.short else []), *self.also_known_as]

    @property
    def heading(self) -> str:
        """The name as a heading shows it: Hay'at Tahrir al-Sham (HTS), but not Bashar al-Assad
        (Assad)."""
        name = self.name[:1].upper() + self.name[1:]       # "the White Helmets" opens a heading
        if self.short and not re.search(rf"\b{re.escape(self.short)}\b", name, re.I):
            return f"{name} ({self.short})"
        return name


def _error(actor: Actor, problem: str) -> DataError:
    return DataError("data/actors.yml", f"entry '{actor.id}'", problem)


def check(book) -> None:
    """Every actor cites known sources; each spelling to avoid is listed once, in data/actors.yml
    or data/glossary.yml, and is no name the book writes; a person in the glossary is spelled as
    the person's entry here, which keeps the person's spellings to avoid."""
    for actor in book.actors:
        for key in [*actor.sources, *actor.status_sources]:
            if key not in book.sources:
                raise _error(actor, f"unknown source '{key}' (not in data/sources.yml)")
    people = {actor.name for actor in book.actors if actor.kind is ActorKind.person}
    for term in book.terms:
        if term.kind is not TermKind.person:
            continue
        where = ("data/glossary.yml", f"entry '{term.id}'")
        if term.term not in people:
            raise DataError(*where, f"no person in data/actors.yml is named '{term.term}': spell "
                            "a person as their entry there does")
        if term.avoid:
            raise DataError(*where, "a person's spellings to avoid go in 'avoid' of their entry "
                            "in data/actors.yml")
    written = {name: f"entry '{actor.id}'" for actor in book.actors for name in actor.names}
    written |= {form: f"data/glossary.yml entry '{term.id}'"
                for term in book.terms for form in term.tooltip_forms}
    avoided = {spelling: f"data/glossary.yml entry '{term.id}'"
               for term in book.terms for spelling in term.avoid}
    for actor in book.actors:
        for name in actor.names:
            if name in avoided:
                raise _error(actor, f"'{name}' is a name of the actor but is to be avoided by "
                             f"{avoided[name]}")
    for actor in book.actors:
        for spelling in actor.avoid:
            if spelling in written:
                raise _error(actor, f"'{spelling}' is to be avoided but is a name the book "
                             f"writes ({written[spelling]})")
            if spelling in avoided:
                raise _error(actor, f"'{spelling}' is already avoided by {avoided[spelling]}: "
                             "list it once")
            avoided[spelling] = f"entry '{actor.id}'"


def check_against_book(actors: list[Actor], as_of: dt.date) -> None:
    """No status is dated after the book's "as of" date."""
    for actor in actors:
        late = actor.as_of and after_as_of("as_of", actor.as_of, as_of)
        if late:
            raise _error(actor, late)


# --- Rendering -----------------------------------------------------------------------------

def render_actor(actor: Actor, events: list, cite, timeline_link: str, lang: str = "en") -> str:
    """One actor: a heading anchored #actor-<id>, the profile, aims, backers, dated status and
    the timeline events that involve it."""
    out = [f"### {html_text(actor.heading)} {{#actor-{actor.id}}}\n"]
    profile = html_text(actor.profile)
    names = []
    comma = "، " if lang == "ar" else ", "
    if actor.also_known_as:
        names.append(f"*{say(lang, 'also-known-as')}* "
                     f"{comma.join(map(html_text, actor.also_known_as))}.")
    if actor.avoid:
        names.append(f"*Also spelled:* {', '.join(map(html_text, actor.avoid))} "
                     "(not used in this book).")
    if names:
        profile = " ".join(names) + f"\n\n{profile}"
    out.append(profile + cite(*actor.sources) + "\n")
    for label, text in (("aims", actor.aims), ("backers", actor.backers)):
        if text:
            out.append(f"**{say(lang, label)}** {html_text(text)}\n")
    if actor.status:
        when = (f'<time datetime="{actor.as_of.isoformat()}">{format_date(actor.as_of, lang)}'
                '</time>')
        out.append(f'<p class="actor-status" markdown="span"><strong>'
                   f'{say(lang, "as-of-date", date=when)}</strong> {html_text(actor.status)}'
                   f"{cite(*actor.status_sources)}</p>\n")
    if events:
        links = "\n".join(f'<li markdown="span">[<time datetime="{event.date.iso()}">'
                          f"{event.date.label(lang)}</time>]({timeline_link}#event-{event.id}): "
                          f"{html_text(event.text)}</li>"
                          for event in events)
        count = say(lang, "n-events", n=len(events), s="s" if len(events) > 1 else "")
        out.append(f'<details class="actor-events" markdown="block">\n'
                   f"<summary>{say(lang, 'in-the-timeline')} {count}</summary>\n\n"
                   f'<ul markdown="block">\n{links}\n</ul>\n\n</details>\n')
    return "\n".join(out)


def render_who_is_who(actors: list[Actor], events: list, cite, timeline_link: str,
                      lang: str = "en") -> str:
    """Every actor, grouped by kind under ## headings (#armed-group ...), alphabetical within."""
    out = []
    for kind in KIND_HEADINGS:
        group = sorted((actor for actor in actors if actor.kind is kind),
                       key=lambda actor: actor.name.lower().removeprefix("the "))
        if not group:
            continue
        out.append(f"## {say(lang, f'actors-{kind.value}')} {{#{kind.value}}}\n")
        for actor in group:
            involved = [event for event in events if actor.id in event.actors]
            out.append(render_actor(actor, involved, cite, timeline_link, lang))
    return "\n".join(out)


def register(env, book) -> None:
    """The `who_is_who()` macro for the Who's who page."""
    check_against_book(book.actors, env.conf["extra"]["as_of"])

    @env.macro
    def who_is_who() -> str:
        """Every actor in data/actors.yml, grouped by kind."""
        return env.here.stylesheet_block("shelf.css") + render_who_is_who(book.actors, book.events, env.here.citations.cite,
                                 env.here.md_link(TIMELINE_PAGE), env.lang)
