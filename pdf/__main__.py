"""make pdf: the book PDF and one PDF per chapter, from the built site.

usage: python -m pdf [--site site] [--paper a4|letter] [--only book|chapters]
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import load_config

from macros.chapters import chapter_files

from .book import contents, cover, document, load_part, resolve_links
from .render import render

BACK_MATTER = [("reference/glossary/", "glossary"), ("reference/timeline/", "timeline"),
               ("reference/sources/", "sources")]
BOOK_FILE = "aleppo-2024-book.pdf"


def _edition(config) -> dict:
    title, _, subtitle = config["site_name"].partition(": ")
    return {"title": title, "subtitle": subtitle, "as_of": config["extra"]["as_of"],
            "licence": "Text and maps: CC BY-SA 4.0. Code: MIT.",
            "site_url": config["site_url"]}


def _chapter_urls(docs_dir: Path) -> list[tuple[str, str]]:
    return [(f"chapters/{path.stem}/", f"ch{number}")
            for number, path in sorted(chapter_files(docs_dir).items())]


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
    front = (f'<p class="chapter-edition">{edition["title"]}: {edition["subtitle"]} · '
             f'as of {edition["as_of"].day} {edition["as_of"].strftime("%B %Y")} · '
             f'{edition["site_url"]}{url} · {edition["licence"]}</p>')
    return render(document(part.title, [part], front), out, paper)


def _run(job):
    name, function, args = job
    start = time.monotonic()
    path = function(*args)
    return name, path, time.monotonic() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--site", default="site", type=Path)
    parser.add_argument("--paper", default="a4", choices=["a4", "letter"])
    parser.add_argument("--only", choices=["book", "chapters"])
    args = parser.parse_args(argv)
    config = load_config("mkdocs.yml")
    edition = _edition(config)
    docs_dir = Path(config["docs_dir"])
    out = args.site / "pdf"
    suffix = "" if args.paper == "a4" else "-letter"
    jobs = []
    if args.only in (None, "book"):
        jobs.append(("book", build_book, (args.site, docs_dir, edition,
                                          out / BOOK_FILE.replace(".pdf", f"{suffix}.pdf"),
                                          args.paper)))
    if args.only in (None, "chapters"):
        for url, key in _chapter_urls(docs_dir):
            name = url.strip("/").split("/")[-1]
            jobs.append((name, build_chapter, (args.site, url, key, edition,
                                               out / f"{name}{suffix}.pdf", args.paper)))
    start = time.monotonic()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name, path, seconds in pool.map(_run, jobs):
            print(f"{path}  {path.stat().st_size / 1024:8.0f} KB  {seconds:5.1f} s")
    print(f"{len(jobs)} PDFs in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
