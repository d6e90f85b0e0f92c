"""make pdf: the book PDF and one PDF per chapter, from the built site, in each of its editions.

usage: python -m pdf [--site site] [--paper a4|letter] [--only book|chapters]

The PDFs are written to a folder beside site/pdf/ and moved into place only when every one is
done, so a failed run leaves no half-written PDF where the site offers them. When the site holds
the Arabic edition (site/ar/), its book and its chapters are printed too, right to left, into
site/pdf/ar/.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import load_config

from macros import editions
from macros.chapters import chapter_files, printed_pages
from macros.errors import DataError
from macros.i18n import DIRECTION, LANGUAGES, PREFIX, say
from macros.pages import page_url
from macros.sources import format_date

from .book import address, contents, cover, document, load_part, resolve_links
from .render import render

BACK_MATTER = [("reference/glossary/", "glossary"), ("reference/timeline/", "timeline"),
               ("reference/sources/", "sources")]
BOOK_FILE = editions.pdf_file(editions.BOOK_NAME, "a4")


def _edition(config, lang: str = "en") -> dict:
    """What the PDFs of the `lang` edition say of themselves: title, date, licence, address."""
    site_name = config["site_name"]
    for language in config.plugins["i18n"].config.languages if lang != "en" else ():
        if language.locale == lang and language.site_name:
            site_name = language.site_name
    title, _, subtitle = site_name.partition(": ")
    return {"lang": lang, "title": title, "subtitle": subtitle, "as_of": config["extra"]["as_of"],
            "licence": say(lang, "pdf-licence"), "site_url": editions.site_url(config)}


def site_languages(site: Path) -> list[str]:
    """The editions the built site holds: English, and each other one whose home page is there
    (site/ar/index.html)."""
    return [lang for lang in LANGUAGES if (site / PREFIX[lang] / "index.html").is_file()]


def _book_urls(docs_dir: Path, lang: str) -> list[tuple[str, str]]:
    """The pages of the book in the edition of `lang`, in order, with their id prefixes."""
    chapters = [(page_url(f"chapters/{path.name}", True, lang), f"ch{number}")
                for number, path in sorted(chapter_files(docs_dir).items())]
    return chapters + [(PREFIX[lang] + url, key) for url, key in BACK_MATTER]


def part_key(src_uri: str) -> str:
    """The prefix of a page's ids in its PDF, the same whatever else the run renders: ch3 for
    chapter 3, ch3e for its easier version, doc3 for its document set."""
    number = int(src_uri.split("/")[1][:2])
    return (f"{'doc' if src_uri.startswith('documents/') else 'ch'}{number}"
            f"{'e' if src_uri.endswith('/easier.md') else ''}")


def build_book(site: Path, docs_dir: Path, edition: dict, out: Path, paper: str) -> Path:
    """The whole book: cover, contents, the chapters, then glossary, timeline and sources, in
    the edition's language."""
    lang = edition.get("lang", "en")
    parts = [load_part(site, url, key, lang) for url, key in _book_urls(docs_dir, lang)]
    resolve_links(parts, site, edition["site_url"])
    site_url = edition["site_url"] and urljoin(edition["site_url"], PREFIX[lang])
    front = cover(edition["title"], edition["subtitle"], edition["as_of"], edition["licence"],
                  site_url, lang) + contents(parts, lang)
    return render(document(f"{edition['title']}: {edition['subtitle']}", parts, front, lang),
                  out, paper, right_to_left=DIRECTION[lang] == "rtl")


def build_chapter(site: Path, url: str, key: str, edition: dict, out: Path, paper: str) -> Path:
    """One chapter with its key terms and sources, led by a short title block."""
    lang = edition.get("lang", "en")
    part = load_part(site, url, key, lang)
    resolve_links([part], site, edition["site_url"])
    where = f'{address(edition["site_url"] + url, lang)} · ' if edition["site_url"] else ""
    when = say(lang, "pdf-chapter-as-of", date=format_date(edition["as_of"], lang))
    front = (f'<p class="chapter-edition">{edition["title"]}: {edition["subtitle"]} · {when} · '
             f'{where}{edition["licence"]}</p>')
    return render(document(part.title, [part], front, lang), out, paper,
                  right_to_left=DIRECTION[lang] == "rtl")


def jobs_for(site: Path, docs_dir: Path, edition: dict, out: Path, paper: str,
             only: str | None) -> list[tuple]:
    """The PDFs of one edition to render, as (site path, function, arguments): its book first,
    then every page it prints on its own (for English: every chapter at every level and every
    document set; the Arabic edition has its standard chapters)."""
    lang = edition["lang"]
    jobs = []
    if only in (None, "book"):
        path = editions.book_path(paper, lang)
        jobs.append((path, build_book, (site, docs_dir, edition, out / path, paper)))
    if only in (None, "chapters"):
        for src_uri in printed_pages(docs_dir, lang):
            path = editions.pdf_path(src_uri, paper, lang)
            jobs.append((path, build_chapter, (site, page_url(src_uri, True, lang),
                                               part_key(src_uri), edition, out / path, paper)))
    return jobs


def missing_page(site: Path, docs_dir: Path, lang: str) -> str | None:
    """The first page the `lang` edition's PDFs print that the built site lacks, or None."""
    urls = [url for url, _ in _book_urls(docs_dir, lang)]
    urls += [page_url(src_uri, True, lang) for src_uri in printed_pages(docs_dir, lang)]
    return next((url for url in urls if not (site / url / "index.html").is_file()), None)


def _run(job):
    name, function, args = job
    start = time.monotonic()
    path = function(*args)
    return name, path, time.monotonic() - start


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        """One line, not the usage text: `python -m pdf: argument --paper: invalid choice ...`."""
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str]) -> int:
    parser = _Parser(prog="python -m pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--paper", default="a4", choices=editions.PAPERS)
    parser.add_argument("--only", choices=["book", "chapters"])
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        parser.exit(1, f"{parser.prog}: {args.site}/ holds no built site: run make pdf, which "
                       "builds it first\n")
    try:
        config = load_config("mkdocs.yml")
        languages = site_languages(site)
        printed = [_edition(config, lang) for lang in languages]
    except DataError as error:
        parser.exit(1, f"{parser.prog}: {error}\n")
    docs_dir = Path(config["docs_dir"])
    for lang in languages:
        missing = missing_page(site, docs_dir, lang)
        if missing:
            parser.exit(1, f"{parser.prog}: {args.site}/{missing}index.html is missing: the "
                           f"'{lang}' edition's PDFs print it; build the site again\n")
    out = Path(tempfile.mkdtemp(prefix=".pdf-", dir=site))
    # Each edition's book first: the longest jobs, started while the chapters share the rest.
    jobs = sorted((job for edition in printed
                   for job in jobs_for(site, docs_dir, edition, out, args.paper, args.only)),
                  key=lambda job: job[1] is not build_book)
    start = time.monotonic()
    try:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for name, path, seconds in pool.map(_run, jobs):
                print(f"{args.site / name!s:44} {path.stat().st_size / 1024:6.0f} KB "
                      f"{seconds:5.1f} s")
        for path in sorted(out.rglob("*.pdf")):
            target = site / path.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"{len(jobs)} PDFs in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
