"""The book's data, loaded and cross-checked once per build."""

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .glossary import Term
from .loader import load_entries
from .sources import Source


@dataclass(frozen=True)
class Book:
    """Everything in data/, validated and indexed by id."""

    sources: dict[str, Source]
    terms: list[Term]


def load_book(data_dir: Path) -> Book:
    """Load every data file and check the references between them."""
    sources = {s.id: s for s in load_entries(data_dir / "sources.yml", Source, "data/sources.yml")}
    terms = load_entries(data_dir / "glossary.yml", Term, "data/glossary.yml")
    for term in terms:
        for key in term.sources:
            if key not in sources:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"unknown source '{key}' (not in data/sources.yml)")
    forms: dict[str, str] = {}
    for term in terms:
        for form in term.forms:
            if form in forms:
                raise DataError("data/glossary.yml", f"entry '{term.id}'",
                                f"'{form}' is already defined by entry '{forms[form]}'")
            forms[form] = term.id
    return Book(sources=sources, terms=terms)
