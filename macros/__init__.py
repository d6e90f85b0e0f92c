"""The mkdocs-macros module: wires data and functions to the names pages use."""

import datetime as dt
from pathlib import Path

from .bibliography import render_bibliography
from .book import load_book
from .citations import Citations
from .errors import DataError
from .glossary import abbreviations
from .sources import format_date

GENERATED = Path("build/generated")


def define_env(env):
    """Load data/ once per build, write the generated snippets and register the macros."""
    root = Path(env.project_dir)
    book = load_book(root / "data")
    generated = root / GENERATED
    generated.mkdir(parents=True, exist_ok=True)
    (generated / "abbreviations.md").write_text(abbreviations(book.terms), encoding="utf-8")

    docs_dir = Path(env.conf["docs_dir"])
    directory_urls = env.conf["use_directory_urls"]
    as_of = env.conf["extra"]["as_of"]
    if not isinstance(as_of, dt.date):
        raise DataError("mkdocs.yml", "extra.as_of", f"must be a date YYYY-MM-DD (got {as_of!r})")
    env.variables["as_of"] = format_date(as_of)
    env.variables["book"] = book

    @env.macro
    def cite(*ids: str) -> str:
        """Cite one or more sources by id: numbered links to the page's reference list."""
        return env.citations.cite(*ids)

    @env.macro
    def bibliography() -> str:
        """Every source in data/sources.yml, grouped by kind."""
        return render_bibliography(book.sources, docs_dir, directory_urls)

    env.book = book


def on_pre_page_macros(env):
    """Start each page with no citations, so pages and rebuilds never share state."""
    env.citations = Citations(env.book.sources, env.page.file.src_uri,
                              env.conf["use_directory_urls"])


def on_post_page_macros(env):
    """Stop on unknown sources; append the page's reference list."""
    env.citations.check()
    env.markdown += env.citations.references()
