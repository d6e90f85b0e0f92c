"""The PDF edition: the book and every chapter, made from the session's build."""

import re
import subprocess
from html import unescape

import pdfplumber
import pytest
from mkdocs.config import load_config
from pypdf import PdfReader

from conftest import ROOT
from macros.chapters import chapter_files
from macros.maps.model import SMALLEST_PRINTED_TEXT
from pdf.__main__ import BOOK_FILE, _edition, build_chapter

CHAPTERS = chapter_files(ROOT / "docs")
MAX_CHAPTER_PAGES = 13


@pytest.fixture(scope="session")
def book(pdfs):
    with pdfplumber.open(pdfs / BOOK_FILE) as pdf:
        yield pdf


def chapter_titles(site, edition: str = "") -> list[str]:
    """The chapters' titles as their pages give them, in the edition at `edition` ("ar/")."""
    titles = []
    for _, path in sorted(CHAPTERS.items()):
        html = site.html(f"{edition}chapters/{path.stem}/index.html")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
        titles.append(unescape(re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", heading)))
    return titles


def large_text(pdf, size_at_least=18) -> list[str]:
    """Per page, the text set in heading sizes, spaces removed (a title may wrap over lines)."""
    return ["".join(c["text"] for c in page.chars if c["size"] >= size_at_least).replace(" ", "")
            for page in pdf.pages]


def test_book_holds_every_chapter_title_in_order(book, site):
    text = " ".join((page.extract_text() or "") for page in book.pages[2:])
    text = re.sub(r"\s+", " ", text)
    positions = [text.find(title) for title in chapter_titles(site)]
    assert -1 not in positions and positions == sorted(positions)


def test_contents_page_numbers_match_the_headings(book, site):
    toc = book.pages[1].extract_text()
    listed = dict(re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", toc, flags=re.M))
    headings = large_text(book)
    for title in chapter_titles(site):
        assert title in listed, f"{title} missing from the contents"
        squeezed = title.replace(" ", "")
        actual = next(n for n, text in enumerate(headings, start=1) if squeezed in text)
        assert int(listed[title]) == actual, title


def test_book_has_a_bookmark_for_every_chapter(pdfs, site):
    outline = PdfReader(pdfs / BOOK_FILE).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    for title in chapter_titles(site):
        assert title in top


def pdf_files(pdfs):
    return [pdfs / BOOK_FILE] + [pdfs / f"{path.stem}.pdf" for path in CHAPTERS.values()]


def test_every_pdf_is_tagged_with_fonts_embedded(pdfs):
    for path in pdf_files(pdfs):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, flags=re.M), path.name
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows, f"{path.name}: no fonts"
        for row in rows:
            assert row.split()[-5] == "yes", f"{path.name}: not embedded: {row}"


def test_book_embeds_an_arabic_font(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs / BOOK_FILE)], capture_output=True, text=True)
    assert "Arabic" in fonts.stdout


def test_no_map_label_prints_under_7_points(pdfs):
    """The static maps' text is the PDF's only DejaVu Sans (the pages are set in Noto): read at
    the size WeasyPrint printed it, after any scaling of the figure."""
    with_maps = 0
    for path in sorted(pdfs.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            sizes = [char["size"] for page in pdf.pages for char in page.chars
                     if "DejaVu" in char["fontname"] and char["text"].strip()]
        if sizes:
            with_maps += 1
            assert min(sizes) >= SMALLEST_PRINTED_TEXT - 0.01, f"{path.name}: {min(sizes):.2f} pt"
    assert with_maps >= 6          # the book and the five chapters that show a map


def test_every_chapter_pdf_opens_within_its_page_budget(pdfs, site):
    for title, path in zip(chapter_titles(site), (pdfs / f"{p.stem}.pdf" for p in
                                                  CHAPTERS.values())):
        reader = PdfReader(path)
        assert 1 <= len(reader.pages) <= MAX_CHAPTER_PAGES, f"{path.name}: {len(reader.pages)}"
        assert title in re.sub(r"\s+", " ", reader.pages[0].extract_text())


def test_quiz_answers_never_reach_a_pdf(pdfs, site):
    for _, path in sorted(CHAPTERS.items()):
        text = " ".join(page.extract_text() for page in PdfReader(pdfs / f"{path.stem}.pdf").pages)
        assert "Show the answer" not in text


def test_a_chapter_pdf_renders_byte_identical_twice(pdfs, site, tmp_path):
    """The PDFs carry no date or random id, so a rebuild changes nothing a reader downloads."""
    edition = _edition(load_config(str(ROOT / "mkdocs.yml")))
    again = build_chapter(site.site, "chapters/03-the-human-cost/", "ch3", edition,
                          tmp_path / "03-the-human-cost.pdf", "a4")
    assert again.read_bytes() == (pdfs / "03-the-human-cost.pdf").read_bytes()
