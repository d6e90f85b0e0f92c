"""Golden pages: Markdown with macro calls in, whole article HTML out (tests/golden/README.md)."""

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TEST_DATA, run_mkdocs

GOLDEN = ROOT / "tests" / "golden"
PAGES = sorted(path.relative_to(GOLDEN / "docs").as_posix()
               for path in (GOLDEN / "docs").rglob("*.md"))
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def expected_path(page: str) -> Path:
    return GOLDEN / "expected" / page.replace("/", "--").replace(".md", ".html")


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Path:
    """The golden pages built with the book's configuration, theme and macros, and their data."""
    project = tmp_path_factory.mktemp("golden")
    for name in ("macros", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(GOLDEN / "docs", project / "docs")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copytree(TEST_DATA, project / "data")
    shutil.copy(ROOT / "data" / "words.yml", project / "data")     # the macros' words
    shutil.copytree(ROOT / "data" / "basemap", project / "data" / "basemap")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[0]
    # Expectations stay readable: the pages as the macros and Markdown write them, before the
    # build's HTML minifier collapses their whitespace.
    config = config.replace("minify_html: true", "minify_html: false")
    # The golden pages are English: the Arabic edition has its own pages and data.
    config = config.replace("build_only_locale: !ENV [BOOK_LANGUAGE, null]", "build_only_locale: en")
    (project / "mkdocs.yml").write_text(config + "\n", encoding="utf-8")
    result = run_mkdocs(project / "site", cwd=project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return project / "site"


@pytest.mark.parametrize("page", PAGES)
def test_golden_page(golden_site, page):
    built = golden_site / page.replace(".md", "/index.html").replace("index/index.html",
                                                                      "index.html")
    article = ARTICLE.search(built.read_text(encoding="utf-8")).group(1).strip() + "\n"
    expected = expected_path(page)
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(article, encoding="utf-8")
    assert expected.exists(), f"no expected HTML for {page}: run with UPDATE_GOLDEN=1"
    assert article == expected.read_text(encoding="utf-8")
