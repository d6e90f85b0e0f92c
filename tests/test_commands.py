"""The README's commands, as a reader types them on a fresh clone, and what the deploy build holds.

`make site` itself runs once per session (the `deploy` fixture in conftest.py), and every other
build test reads what it produced.
"""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, fresh_clone, run_make, run_mkdocs
from macros.chapters import chapter_files, pdf_paths
from macros.i18n import LANGUAGES, PREFIX

CHAPTERS = chapter_files(ROOT / "docs")


def site_pdfs(site: Path) -> list[str]:
    """Every PDF make site renders, as paths in pdf/: the book, then every chapter at every
    level and every document set, each its own PDF; and the Arabic edition's, when the site
    holds that edition."""
    return [path.removeprefix("pdf/") for lang in LANGUAGES if (site / PREFIX[lang]).is_dir()
            for path in pdf_paths(ROOT / "docs", "a4", lang)]
ADDRESS = "https://school.test/aleppo-2024/"


def readme_commands() -> set[str]:
    return set(re.findall(r"`make ([a-z]+)", (ROOT / "README.md").read_text(encoding="utf-8")))


def text_files(root: Path):
    for path in root.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".js", ".csv", ".geojson", ".txt"):
            yield path, path.read_text(encoding="utf-8")


# --- make alone, and the commands the README names -----------------------------------------------

def test_make_alone_lists_every_command_the_readme_names():
    result = subprocess.run(["make"], cwd=ROOT, capture_output=True, text=True, check=True)
    listed = set(re.findall(r"^  make ([a-z]+)  ", result.stdout, flags=re.M))
    assert readme_commands() <= listed, readme_commands() - listed
    assert {"serve", "build", "pdf", "offline", "site", "bench", "audit", "test"} <= listed


# --- make site on a fresh clone --------------------------------------------------------------------

def test_make_site_renders_every_pdf(site, pdfs):
    expected = site_pdfs(site.site)
    for name in expected:
        assert (pdfs / name).read_bytes().startswith(b"%PDF-"), name
    folders = {str(Path(name).parent) for name in expected} - {"."}        # ar/
    assert sorted(path.relative_to(pdfs).as_posix() for path in pdfs.rglob("*")) == \
        sorted([*expected, *folders])                                     # nothing half-written


def test_the_offline_zip_holds_the_offline_edition_and_its_pdfs(deploy, site):
    with zipfile.ZipFile(deploy.zip) as archive:
        names = set(archive.namelist())
    assert "offline/index.html" in names and "offline/chapters/02-the-offensive.html" in names
    assert {f"offline/pdf/{name}" for name in site_pdfs(site.site)} <= names
    assert not [name for name in names if ".partial" in name]


def test_no_made_up_address_reaches_a_reader(site, offline_site):
    for root in (site.site, offline_site.site):
        for path, text in text_files(root):
            assert "example.org" not in text, path
            assert 'rel="canonical"' not in text, path
    assert "<loc>" not in (site.site / "sitemap.xml").read_text(encoding="utf-8")


def test_without_site_url_the_share_link_points_at_the_page_itself(site, offline_site):
    share = re.compile(r'<p class="share share-here"><strong>Link to share:</strong> '
                       r'<a class="share-link" href="([^"]+)">([^<]+)</a></p>')
    assert share.search(site.html("chapters/02-the-offensive/index.html")).groups() == \
        ("./", "/chapters/02-the-offensive/")
    assert share.search(offline_site.html("chapters/02-the-offensive.html")).group(1) == \
        "02-the-offensive.html"


def test_the_share_link_shows_the_address_the_reader_is_on(server, browser):
    page = browser.new_page()
    page.goto(server + "chapters/03-the-human-cost/#why-tolls-differ")
    link = page.locator("a.share-link")
    expected = server + "chapters/03-the-human-cost/"
    assert link.text_content() == expected and link.get_attribute("href") == expected
    page.close()


def test_the_share_line_goes_in_the_edition_opened_from_disk(offline_site, browser):
    page = browser.new_page()
    page.goto((offline_site.site / "chapters" / "03-the-human-cost.html").as_uri())
    assert page.locator("p.share").is_hidden()
    page.close()


# --- previews offer only what they hold ------------------------------------------------------------

def test_preview_links_no_pdf_and_no_zip(preview):
    for path, text in text_files(preview.site):
        assert ".pdf" not in text or path.name in ("search_index.json",), path
        assert "aleppo-2024-offline.zip" not in text, path
    chapter = preview.html("chapters/02-the-offensive/index.html")
    assert "Link to share:" in chapter and "To print or read offline" not in chapter


# --- SITE_URL -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def addressed(tmp_path_factory):
    """A build told where it will be published."""
    site = tmp_path_factory.mktemp("addressed") / "site"
    result = run_mkdocs(site, SITE_URL=ADDRESS)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_site_url_gives_canonical_links_sitemap_and_share_link(addressed):
    chapter = (addressed / "chapters/02-the-offensive/index.html").read_text(encoding="utf-8")
    url = ADDRESS + "chapters/02-the-offensive/"
    assert f'<link rel="canonical" href="{url}">' in chapter
    assert (f'<p class="share"><strong>Link to share:</strong> '
            f'<a class="share-link" href="{url}">{url}</a></p>') in chapter
    assert f"<loc>{url}</loc>" in (addressed / "sitemap.xml").read_text(encoding="utf-8")


def test_site_url_names_the_address_in_a_chapter_pdf(site, tmp_path):
    from mkdocs.config import load_config
    from pypdf import PdfReader
    from pdf.__main__ import _edition, build_chapter
    edition = dict(_edition(load_config(str(ROOT / "mkdocs.yml"))), site_url=ADDRESS)
    out = build_chapter(site.site, "chapters/06-what-happened-next/", "ch6", edition,
                        tmp_path / "06.pdf", "a4")
    first = re.sub(r"\s+", "", PdfReader(out).pages[0].extract_text())
    assert ADDRESS + "chapters/06-what-happened-next/" in first


# --- bad input to the commands: one line, a non-zero exit, nothing half-written ------------------

@pytest.fixture
def clone(tmp_path):
    return fresh_clone(tmp_path)


def one_line_error(result) -> str:
    """The command failed; return the one line it wrote about why (make's own lines left out)."""
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines()
             if line.startswith(("ERROR", "PAPER", "python -m pdf:", "python -m classroom:",
                                 "Error:"))]
    assert len(lines) == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


def nothing_written(project: Path) -> bool:
    return not (project / "site").exists() and not (project / "build").exists()


def test_an_unknown_paper_stops_make_pdf(clone):
    line = one_line_error(run_make(clone, "pdf", "PAPER=a5"))
    assert line == "PAPER must be a4 or letter (got 'a5')"
    assert nothing_written(clone)


@pytest.mark.parametrize("address, says", [
    ("ftp://school.test/aleppo/", "SITE_URL must be an http:// or https:// address "
                                  "(got 'ftp://school.test/aleppo/')"),
    ("school.test/aleppo", "The URL isn't valid, it should include the http:// (scheme)"),  # MkDocs
])
def test_a_site_url_that_is_not_http_stops_make_site(clone, address, says):
    line = one_line_error(run_make(clone, "site", f"SITE_URL={address}"))
    assert "site_url" in line and line.endswith(says)
    assert nothing_written(clone)


def test_pdf_without_a_built_site_says_so(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pdf", "--site", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True)
    line = one_line_error(result)
    assert line.startswith("python -m pdf: ") and "no built site" in line


def test_pdf_with_an_unknown_paper_says_so_in_one_line():
    result = subprocess.run([sys.executable, "-m", "pdf", "--paper", "a5"], cwd=ROOT,
                            capture_output=True, text=True)
    assert "invalid choice: 'a5'" in one_line_error(result)


def test_a_failed_pdf_run_leaves_no_pdf_behind(tmp_path):
    """A site missing its chapters: the run fails, and site/pdf/ gets no partial file."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pdf", "--site", str(site), "--only",
                             "chapters"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert [path.name for path in site.iterdir()] == ["index.html"]
