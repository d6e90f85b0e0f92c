"""Shared fixtures: one strict build of each edition per test session, and a browser."""

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


def run_mkdocs(site_dir: Path, offline: bool = False, cwd: Path = ROOT):
    """Run a strict MkDocs build; return the finished process (output in .stdout)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", OFFLINE="true" if offline else "false")
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


def _build(tmp_path_factory, name: str, offline: bool) -> Build:
    site = tmp_path_factory.mktemp(name) / "site"
    result = run_mkdocs(site, offline=offline)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"{name} build failed:\n{log}"
    return Build(site, log)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The served edition (directory URLs), built once."""
    return _build(tmp_path_factory, "online", offline=False)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Build:
    """The offline edition (Material's offline plugin, .html URLs), built once."""
    return _build(tmp_path_factory, "offline", offline=True)


@pytest.fixture(scope="session")
def pdfs(site):
    """Run `python -m pdf` once on the session's build; return the folder of PDFs."""
    result = subprocess.run([sys.executable, "-m", "pdf", "--site", str(site.site)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site.site / "pdf"


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
