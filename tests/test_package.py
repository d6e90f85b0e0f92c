"""The offline edition's packaging: no partial or stale PDFs, and the same zip bytes every time."""

import os
import subprocess
import sys
import time

from conftest import ROOT

SCRIPT = [sys.executable, str(ROOT / "scripts" / "package.py")]
sys.path.insert(0, str(ROOT / "scripts"))
from package import expected_pdfs  # noqa: E402


def package(*args, **env):
    return subprocess.run(SCRIPT + [str(arg) for arg in args], capture_output=True, text=True,
                          env={**os.environ, **env}, check=False)


def built_site(tmp_path, names):
    site = tmp_path / "site"
    (site / "pdf").mkdir(parents=True)
    (site / "index.html").write_text("<p>built</p>", encoding="utf-8")
    for name in names:
        (site / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "pdf" / name).write_bytes(b"%PDF-1.7")
    return site


def test_every_pdf_of_the_edition_is_copied(tmp_path):
    site = built_site(tmp_path, expected_pdfs("letter"))
    result = package("pdfs", site, tmp_path / "offline", "letter")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "offline" / "pdf").iterdir()) == \
        sorted(expected_pdfs("letter"))


def test_an_edition_holding_the_arabic_pages_takes_the_arabic_pdfs(tmp_path):
    both = expected_pdfs("a4", ("en", "ar"))
    arabic = [name for name in both if name.startswith("ar/")]
    assert "ar/aleppo-2024-book.pdf" in arabic and "ar/02-the-offensive.pdf" in arabic
    assert not any("easier" in name or "documents-" in name for name in arabic)
    site = built_site(tmp_path, both)
    (tmp_path / "offline" / "ar").mkdir(parents=True)
    result = package("pdfs", site, tmp_path / "offline", "a4")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "offline" / "pdf"
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.pdf")) == \
        sorted(both)
    (site / "pdf" / arabic[-1]).unlink()
    result = package("pdfs", site, tmp_path / "again", "a4")
    assert result.returncode == 0       # an edition without ar/ does not link them
    (tmp_path / "third" / "ar").mkdir(parents=True)
    result = package("pdfs", site, tmp_path / "third", "a4")
    assert result.returncode != 0 and f"pdf/{arabic[-1]} is missing" in result.stderr
    assert not (tmp_path / "third" / "pdf").exists()


def test_a_missing_pdf_stops_with_one_line_and_copies_nothing(tmp_path):
    site = built_site(tmp_path, expected_pdfs("a4")[:1])
    result = package("pdfs", site, tmp_path / "offline", "a4")
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "is missing: run make pdf PAPER=a4" in result.stderr
    assert not (tmp_path / "offline").exists()


def test_pdfs_older_than_the_site_are_not_packaged(tmp_path):
    site = built_site(tmp_path, expected_pdfs("a4"))
    past = time.time() - 3600
    for path in (site / "pdf").iterdir():
        os.utime(path, (past, past))
    result = package("pdfs", site, tmp_path / "offline", "a4")
    assert result.returncode != 0 and "is older than the site beside it" in result.stderr
    assert not (tmp_path / "offline").exists()


def test_the_zip_is_byte_identical_whatever_the_file_times(tmp_path):
    folder = tmp_path / "offline"
    (folder / "chapters").mkdir(parents=True)
    (folder / "index.html").write_text("home", encoding="utf-8")
    (folder / "chapters" / "a.html").write_text("chapter", encoding="utf-8")
    assert package("zip", folder, tmp_path / "one.zip", SOURCE_DATE_EPOCH="1733000000").returncode == 0
    os.utime(folder / "index.html", (time.time() + 999, time.time() + 999))
    assert package("zip", folder, tmp_path / "two.zip", SOURCE_DATE_EPOCH="1733000000").returncode == 0
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    import zipfile
    assert zipfile.ZipFile(tmp_path / "one.zip").namelist() == ["offline/chapters/a.html",
                                                                 "offline/index.html"]
