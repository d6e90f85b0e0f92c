"""Shared fixtures: `make site` once per test session on a fresh clone, its editions, a browser."""

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
# Pinned build date (as the Makefile does), so that builds can be compared byte for byte.
SOURCE_DATE_EPOCH = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, text=True,
                                   capture_output=True).stdout.strip() or "0"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _as_of() -> str:
    """The date the book's account runs to (extra.as_of), as pages write it: 15 March 2026."""
    from mkdocs.config import load_config
    from macros.sources import format_date
    return format_date(load_config(str(ROOT / "mkdocs.yml"))["extra"]["as_of"])


AS_OF = _as_of()


def run_mkdocs(site_dir: Path, offline: bool = False, cwd: Path = ROOT, **settings: str):
    """Run a strict MkDocs build (as make build: no SITE_URL, PDF or zip unless `settings` give
    them); return the finished process (output in .stdout)."""
    env = {k: v for k, v in os.environ.items() if k not in BUILD_SETTINGS}
    env.update(settings, NO_MKDOCS_2_WARNING="1", OFFLINE="true" if offline else "false")
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=cwd, env=env, capture_output=True, text=True, check=False)


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def word_runs(text: str, n: int = 10) -> set[tuple[str, ...]]:
    """Every run of `n` consecutive words in `text`, case and punctuation ignored."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def seed_runs() -> set[tuple[str, ...]]:
    """The 10-word runs of the seed report(s) beside the project; skips the test without them."""
    seeds = sorted((SHARED / "seed").glob("*.txt")) if SHARED.exists() else []
    if not seeds:
        pytest.skip("the seed report is not beside the project")
    return set().union(*(word_runs(path.read_text(encoding="utf-8")) for path in seeds))


# --- The test book: one small data set for every test that needs data (tests/data/README.md) --

TEST_DATA = ROOT / "tests" / "data"
DATA_FILES = ("sources", "glossary", "places", "maps", "timeline", "actors", "documents")


def test_data(name: str) -> str:
    """The text of one file of the test book, e.g. test_data("places")."""
    return (TEST_DATA / f"{name}.yml").read_text(encoding="utf-8")


test_data.__test__ = False      # a helper, not a test


def small_book(folder: Path, use: tuple[str, ...] = DATA_FILES, **texts: str):
    """Load the test book from `folder`: the files named in `use` (the others empty), any of
    them given as text instead (small_book(tmp_path, places=...))."""
    from macros.book import load_book
    for name in DATA_FILES:
        text = texts.get(name, test_data(name) if name in use else "[]\n")
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return load_book(folder)


def build_errors(project: Path) -> list[str]:
    """Build a broken project copy: it must fail without a traceback; return its ERROR lines."""
    result = run_mkdocs(project / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output[-2000:]
    return [line for line in output.splitlines() if line.startswith("ERROR")]


@pytest.fixture
def project_copy(tmp_path):
    """A throwaway copy of the project, to break on purpose."""
    copy = tmp_path / "project"
    copy.mkdir()
    return copy_project(copy)


def copy_project(copy: Path) -> Path:
    """Copy what a build reads (configuration, pages, data, macros, theme) into `copy`."""
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    return copy


class Build:
    """A finished build: its directory and its console output."""

    def __init__(self, site: Path, log: str):
        self.site, self.log = site, log

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


# What the Makefile's targets set for a build; a command run "as written" starts without them.
BUILD_SETTINGS = ("SITE_URL", "PDF_PAPER", "OFFLINE_ZIP", "OFFLINE", "PAPER", "MAKEFLAGS",
                  "MAKELEVEL", "MFLAGS")


def fresh_clone(dest: Path) -> Path:
    """Copy the project as a fresh clone of it would hold it: the files git tracks or would
    track (uncommitted changes included, nothing ignored such as site/ or build/), with this
    checkout's installed .venv linked in so that make does not install it again."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)      # mtimes kept: make sees .venv as up to date
    if (ROOT / ".venv").is_dir():
        (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def run_make(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`make <args>` in `project` as a reader types it, with only `env` added."""
    base = {k: v for k, v in os.environ.items() if k not in BUILD_SETTINGS}
    return subprocess.run(["make", *args], cwd=project, env=dict(base, **env),
                          capture_output=True, text=True, check=False)


class Deploy:
    """`make site` on a fresh clone, as the README gives it: the project and make's output."""

    def __init__(self, project: Path, log: str):
        self.project, self.log = project, log
        self.zip = project / "site" / "download" / "aleppo-2024-offline.zip"


@pytest.fixture(scope="session")
def deploy(tmp_path_factory) -> Deploy:
    """The deploy build every other fixture reads: `make site` on a fresh clone, once."""
    project = fresh_clone(tmp_path_factory.mktemp("clone"))
    result = run_make(project, "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"make site failed:\n{log[-4000:]}"
    return Deploy(project, log)


@pytest.fixture(scope="session")
def site(deploy) -> Build:
    """The served edition (directory URLs) as `make site` leaves it in site/."""
    return Build(deploy.project / "site", deploy.log)


@pytest.fixture(scope="session")
def offline_site(deploy) -> Build:
    """The offline edition (Material's offline plugin, .html URLs) as `make site` packs it."""
    return Build(deploy.project / "build" / "offline", deploy.log)


@pytest.fixture(scope="session")
def pdfs(site):
    """The folder of PDFs `make site` rendered."""
    return site.site / "pdf"


@pytest.fixture(scope="session")
def preview(tmp_path_factory) -> Build:
    """A build as `make build` and `make serve` make it: pages only, no SITE_URL."""
    site = tmp_path_factory.mktemp("preview") / "site"
    result = run_mkdocs(site)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"preview build failed:\n{log}"
    return Build(site, log)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The served edition on http://127.0.0.1:<port>/."""
    handler = functools.partial(_QuietHandler, directory=str(site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# Tests that need a build of their own or the session's `make site`; `make check` leaves them out.
BUILD_FIXTURES = {"deploy", "site", "offline_site", "pdfs", "preview", "server", "browser",
                  "project_copy", "clone", "addressed", "hostile_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
