#!/usr/bin/env python3
"""make bench: print how fast the site builds and how heavy its pages are.

Cold and warm build time (median of 5), the time of the class files (worksheets, slides, quizzes,
answer keys) and of the PDFs, the size of site/, the first-load weight of
the home page and every chapter, in English and in Arabic (gzip-compressed, as a server sends them; lazy map frames
counted apart), the size of each map document and of the search index (fetched on demand).
Prints figures; asserts nothing.
"""

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from localserver import serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.chapters import chapter_files, chapter_pages   # noqa: E402 (after the path is set)
from macros.pages import page_url                          # noqa: E402


SITE = ROOT / "site"
PY = sys.executable
# Built as make pdf builds it: the pages link the PDFs that main() then renders into site/pdf/.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PDF_PAPER="a4")
RUNS = 5


def timed(command: list[str]) -> float:
    start = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True)
    return time.monotonic() - start


def build_times() -> tuple[float, float]:
    build = [PY, "-m", "mkdocs", "build", "--strict", "--clean"]
    cold, warm = [], []
    for _ in range(RUNS):
        shutil.rmtree(ROOT / "build" / "generated", ignore_errors=True)
        shutil.rmtree(SITE, ignore_errors=True)
        cold.append(timed(build))
    for _ in range(RUNS):
        warm.append(timed(build))
    return statistics.median(cold), statistics.median(warm)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def kind_of(resource_type: str, url: str) -> str:
    if resource_type in ("document", "stylesheet", "script", "font", "image"):
        return {"document": "html", "stylesheet": "css", "script": "js"}.get(resource_type,
                                                                            resource_type + "s")
    return "other"


def page_weights(pages: list[str]) -> None:
    with serve(SITE) as base:
        _weigh(base, pages)


def _weigh(base: str, pages: list[str]) -> None:
    from playwright.sync_api import sync_playwright
    columns = ["html", "css", "js", "fonts", "images", "other"]
    print("\nFirst load, gzip bytes as sent (KB); maps load later, when scrolled to:")
    print(f"  {'page':38}" + "".join(f"{c:>8}" for c in columns) + f"{'total':>8}{'maps':>8}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        for path in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            sizes = {c: 0 for c in columns}
            frames = 0
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(base + path, wait_until="networkidle")
            first_load = list(responses)
            # Scroll through the page a screen at a time, as a reader would, so that each map
            # frame loads as it nears the screen (a jump to the end would pass over them), and
            # count them apart.
            page.evaluate("""async () => {
              for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
                window.scrollTo(0, y);
                await new Promise(done => setTimeout(done, 100));
              }
            }""")
            page.wait_for_timeout(1500)
            for response in responses:
                try:
                    body = response.body()
                except Exception:
                    continue
                sent = len(gzip.compress(body, 6))
                if response in first_load and response.frame == page.main_frame:
                    sizes[kind_of(response.request.resource_type, response.url)] += sent
                elif response.frame != page.main_frame or "/maps/" in response.url:
                    frames += sent
            context.close()
            total = sum(sizes.values())
            print(f"  {path or '/':38}" + "".join(f"{sizes[c] / 1024:8.1f}" for c in columns)
                  + f"{total / 1024:8.1f}{frames / 1024:8.1f}")
        browser.close()


def class_files() -> None:
    """Make the class files afresh (make pdf's first step), timed: wall clock and CPU."""
    shutil.rmtree(ROOT / "build" / "class" / "a4", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([PY, "-m", "classroom", "--paper", "a4"], cwd=ROOT, env=ENV, check=True,
                   capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"Class files (worksheets, slides, quizzes, answer keys): {time.monotonic() - start:.1f} s"
          f" ({cpu:.1f} s of CPU)")


def main() -> int:
    class_files()
    cold, warm = build_times()
    print(f"Build (median of {RUNS}): cold {cold:.2f} s, warm {warm:.2f} s")
    start = time.monotonic()
    result = subprocess.run([PY, "-m", "pdf", "--site", str(SITE)], cwd=ROOT, env=ENV,
                            check=True, capture_output=True, text=True)
    print(f"PDFs: {time.monotonic() - start:.1f} s")
    for line in result.stdout.splitlines()[:-1]:
        print("  " + line.replace(str(SITE) + "/", ""))
    print(f"Site size: {folder_size(SITE) / 1024 / 1024:.1f} MB "
          f"({folder_size(SITE / 'pdf') / 1024 / 1024:.1f} MB of it PDFs, "
          f"{folder_size(SITE / 'class') / 1024 / 1024:.1f} MB class files; the Arabic edition's "
          f"pages {folder_size(SITE / 'ar') / 1024 / 1024:.1f} MB)")
    for folder in ("maps", "ar/maps"):
        maps = sorted((SITE / folder).glob("*.html")) if (SITE / folder).exists() else []
        if maps:
            print(f"Map documents in {folder}/ (uncompressed):")
            for path in maps:
                print(f"  {path.name:30} {path.stat().st_size / 1024:7.1f} KB")
    index = SITE / "search" / "search_index.json"
    print(f"Search index (both languages), fetched when the reader reaches for search: "
          f"{len(gzip.compress(index.read_bytes(), 6)) / 1024:.1f} KB gzip "
          f"({index.stat().st_size / 1024:.0f} KB)")
    arabic = [f"chapters/{path.name}" for path in chapter_files(ROOT / "docs").values()]
    page_weights([""] + [page_url(uri, True) for uri in chapter_pages(ROOT / "docs")]
                 + ["ar/"] + [page_url(uri, True, "ar") for uri in arabic])
    return 0


if __name__ == "__main__":
    sys.exit(main())
