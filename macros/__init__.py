"""The mkdocs-macros module: loads data/ once per build and wires each concern's macros."""

import datetime as dt
import html
import os
import tempfile
from pathlib import Path

from . import (actors, bibliography, chapters, classroom, documents, editions, glossary, maps,
               palette, teaching, templates, timeline)
from .book import check_dates, load_book
from .citations import Citations
from .errors import DataError
from .i18n import build_language, say
from .pages import link_other_editions
from .page import Page
from .reading import FigureCache
from .sources import format_date

GENERATED = Path("build/generated")   # files derived from data/ at build time, never edited


def _writer(root: Path):
    def write_generated(name: str, text: str) -> Path:
        """Write build/generated/<name> atomically (builds may run side by side)."""
        target = root / GENERATED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         delete=False) as tmp:
            tmp.write(text)
        os.replace(tmp.name, target)
        return target
    return write_generated


def define_env(env):
    """Load and check data/, then let each concern register its macros."""
    root = Path(env.project_dir)
    editions.check(env.conf)
    book = load_book(root / "data")
    as_of = env.conf["extra"].get("as_of")
    if not isinstance(as_of, dt.date):
        raise DataError("mkdocs.yml", "extra.as_of", f"must be a date YYYY-MM-DD (got {as_of!r})")
    check_dates(book, as_of)
    # One build writes one edition (mkdocs-static-i18n runs one per language): its data is the
    # book in that language, so that every renderer shows it without knowing.
    env.lang = lang = build_language(env.conf)
    book = book.in_language(lang)
    env.book = book
    env.docs_dir = Path(env.conf["docs_dir"])
    env.write_generated = _writer(root)
    env.reading = FigureCache(root / GENERATED / "reading.json")
    env.cited_in = bibliography.CitedIn(env.docs_dir, lang)  # which pages cite each source
    env.variables["as_of"] = format_date(as_of, lang)
    # The title of each heading's permalink, which Python-Markdown's toc writes (mkdocs.yml gives
    # the English; each build makes its own Markdown, after this).
    env.conf["mdx_configs"].setdefault("toc", {})["permalink_title"] = say(lang, "link-to-section")
    # The words the theme's templates write in this edition (overrides/).
    env.conf["extra"]["words"] = {key: say(lang, key) for key in ("palette-default", "palette-slate",
                                                                  "what-changed")}
    env.conf["extra"]["words"]["as-of-note"] = say(lang, "as-of-note",
                                                   date=format_date(as_of, lang))
    offensive = timeline.offensive_span(env.conf)
    env.variables["offensive_start"] = format_date(offensive.start, lang)
    env.variables["offensive_end"] = format_date(offensive.end, lang)

    @env.macro
    def cite(*ids: str) -> str:
        """Cite one or more sources by id: numbered links to the page's reference list."""
        wrong = [key for key in ids if not isinstance(key, str)]
        if wrong:
            return env.here.problem(f"cite({', '.join(map(repr, ids))})",
                                    f"source ids go in quotes, as in cite(\"an-id\") (got {wrong[0]!r})")
        return env.here.citations.cite(*ids)

    for concern in (bibliography, glossary, timeline, actors, maps, chapters, documents,
                    editions, teaching, classroom):
        concern.register(env, book)


def on_pre_page_macros(env):
    """Start each page afresh (env.here), so pages and rebuilds never share state."""
    # Read per page: the offline plugin switches URL style after define_env has run.
    directory_urls = env.conf["use_directory_urls"]
    # A page in another edition (chapters/x.ar.md) is known by its English name (chapters/x.md).
    src_uri = getattr(env.page.file, "norm_src_uri", env.page.file.src_uri)
    env.here = Page(src_uri, directory_urls,
                    Citations(env.book.sources, src_uri, directory_urls, env.lang), lang=env.lang)
    known = {*env.macros, *env.variables, *env.filters, *env.env.globals}
    source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8")
    offset = templates.body_offset(source)
    templates.check_calls(env.markdown, env.env, known, env.here.where, offset)
    templates.check_headings(env.markdown, env.here.where, offset)
    # Material writes a page's description into <meta content="..."> without escaping it.
    description = env.page.meta.get("description")
    if isinstance(description, str):
        env.page.meta["description"] = html.escape(description, quote=True)
    chapters.on_pre_page(env)


def on_post_page_macros(env):
    """Stop on the page's first problem; else append its reference list and its terms'
    tooltips (at the page's reading level).

    A macro that meets bad input records it (env.here.defer) and returns "": the first problem is
    raised here, as one line, instead of inside Jinja (which prints a traceback)."""
    here = env.here
    if here.problems:
        raise here.problems[0]
    here.citations.check()
    env.cited_in.add(here.src_uri, here.citations.cited())
    env.markdown += here.citations.references() + glossary.tooltips_for(here.level, here.lang)
    if here.lang != "en":
        env.markdown = link_other_editions(env.markdown, here.src_uri, here.directory_urls,
                                           here.lang, env.docs_dir, say(here.lang, "in-english"))


def keep_english_404(env) -> None:
    """The site's one 404 page, which hosts serve for any missing address, is the English
    edition's: the Arabic build writes its own over it (Material renders 404.html at the site's
    root in every build), so the English one is kept aside and put back."""
    page = Path(env.conf["site_dir"]) / "404.html"
    kept = page.with_name("404.html.en")        # in the site being built, till the next build
    others = [lang for lang in getattr(env.conf.plugins.get("i18n"), "build_languages", [])
              if lang != "en"]
    if env.lang == "en" and page.exists() and others:
        kept.write_bytes(page.read_bytes())
    elif kept.exists():
        kept.replace(page)


def on_post_build(env):
    """Write what lives beside the pages: the map documents, the class files of a build that
    offers them; and the Sources page's "Cited in" lines, now that every page has rendered."""
    keep_english_404(env)
    maps.on_post_build(env)
    palette.on_post_build(env)
    bibliography.on_post_build(env)
    classroom.on_post_build(env)
