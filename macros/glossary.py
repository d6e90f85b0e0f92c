"""Glossary terms: one YAML entry becomes a glossary entry, a tooltip everywhere and a key term."""

import re

from pydantic import BaseModel, ConfigDict, field_validator

from .sources import ID_PATTERN


class Term(BaseModel):
    """A word a student may not know, with the forms in which it appears."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    term: str
    variants: list[str] = []          # other spellings and abbreviations that get the tooltip
    original: str | None = None       # the name in its own script
    original_lang: str | None = None  # BCP 47 code of `original`, e.g. ar, tr, fa
    transliteration: str | None = None
    definition: str
    chapters: list[int] = []
    sources: list[str]

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not re.match(ID_PATTERN, value):
            raise ValueError("id must be lowercase words joined by hyphens, e.g. hts")
        return value

    @field_validator("definition")
    @classmethod
    def _definition_is_one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @property
    def forms(self) -> list[str]:
        """Every form of the term that gets a tooltip: the term itself, then its variants."""
        return [self.term, *self.variants]


def abbreviations(terms: list[Term]) -> str:
    """The abbr-extension snippet that puts a tooltip on every form of every term."""
    lines = []
    for term in terms:
        for form in term.forms:
            lines.append(f"*[{form}]: {term.term}: {term.definition}")
    return "\n".join(lines) + "\n"
