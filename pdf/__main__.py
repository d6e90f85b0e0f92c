"""make pdf: the book PDF and one PDF per chapter, from the built site.

usage: python -m pdf [--site site] [--paper a4|letter] [--only book|chapters]

The PDFs are written to a folder beside site/pdf/ and moved into place only when every one is
done, so a failed run leaves no half-written PDF where the site offers them.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import load_config

from macros import editions
from macros.chapters import chapter_files, printed_pages
from macros.errors import DataError
from macros.pages import page_url

from .book import contents, cover, document, load_part, resolve_links
from .render import render

BACK_MATTER = [("reference/glossary/", "glossary"), ("reference/timeline/", "timeline"),
               ("reference/sources/", "sources")]
BOOK_FILE = editions.pdf_file(editions.BOOK_NAME, "a4")


def _edition(config) -> dict:
    title, _, subtitle = config["site_name"].partition(": ")
    return {"title": title, "subtitle": subtitle, "as_of": config["extra"]["as_of"],
            "licence": "Text and maps: CC BY-SA 4.0. Code: MIT.",
            "site_url": editions.site_url(config)}


def _chapter_urls(docs_dir: Path) -> list[tuple[str, str]]:
    return [(f"chapters/{path.stem}/", f"ch{number}")
            for number, path in sorted(chapter_files(docs_dir).items())]


def part_key(src_uri: str) -> str:
    """The prefix of a page's ids in its PDF, the same whatever else the run renders: ch3 for
    chapter 3, ch3e for its easier version, doc3 for its document set."""
    number = int(src_uri.split("/")[1][:2])
    return (f"{'doc' if src_uri.startswith('documents/') else 'ch'}{number}"
            f"{'e' if src_uri.endswith('/easier.md') else ''}")


def build_book(site: Path, docs_dir: Path, edition: dict, out: Path, paper: str) -> Path:
    """The whole book: cover, contents, the six chapters, then glossary, timeline and sources."""
    parts = [load_part(site, url, key) for url, key in _chapter_urls(docs_dir) + BACK_MATTER]
    resolve_links(parts, site, edition["site_url"])
    front = cover(edition["title"], edition["subtitle"], edition["as_of"], edition["licence"],
                  edition["site_url"]) + contents(parts)
    return render(document(f"{edition['title']}: {edition['subtitle']}", parts, front), out, paper)


def build_chapter(site: Path, url: str, key: str, edition: dict, out: Path, paper: str) -> Path:
    """One chapter with its key terms and sources, led by a short title block."""
    part = load_part(site, url, key)
    resolve_links([part], site, edition["site_url"])
    address = f'{edition["site_url"]}{url} · ' if edition["site_url"] else ""
    front = (f'<p class="chapter-edition">{edition["title"]}: {edition["subtitle"]} · '
             f'as of {edition["as_of"].day} {edition["as_of"].strftime("%B %Y")} · '
             f'{address}{edition["licence"]}</p>')
    return render(document(part.title, [part], front), out, paper)


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
        edition = _edition(config)
    except DataError as error:
        parser.exit(1, f"{parser.prog}: {error}\n")
    docs_dir = Path(config["docs_dir"])
    out = Path(tempfile.mkdtemp(prefix=".pdf-", dir=site))
    jobs = []
    if args.only in (None, "book"):
        jobs.append(("book", build_book, (site, docs_dir, edition,
                                          out / editions.pdf_file(editions.BOOK_NAME, args.paper),
                                          args.paper)))
    if args.only in (None, "chapters"):
        # Every chapter at every level has its own PDF, and so has every document set; the book
        # holds the standard chapters.
        for src_uri in printed_pages(docs_dir):
            url, name = page_url(src_uri, True), editions.pdf_name(src_uri)
            jobs.append((name, build_chapter, (site, url, part_key(src_uri), edition,
                                               out / editions.pdf_file(name, args.paper),
                                               args.paper)))
    start = time.monotonic()
    try:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for name, path, seconds in pool.map(_run, jobs):
                print(f"{args.site / 'pdf' / path.name!s:44} {path.stat().st_size / 1024:6.0f} KB "
                      f"{seconds:5.1f} s")
        (site / "pdf").mkdir(exist_ok=True)
        for path in out.iterdir():
            os.replace(path, site / "pdf" / path.name)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"{len(jobs)} PDFs in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
