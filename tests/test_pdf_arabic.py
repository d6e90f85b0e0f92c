"""The Arabic edition's PDFs: its book and its chapters, right to left.

The first tests take the print documents apart without rendering. The others read what the
session's `make site` rendered, and need the Arabic edition in it: while mkdocs.yml leaves the
Arabic build off (`build: false`), the site holds no ar/ and they are skipped, saying so; once
the site holds ar/, every Arabic PDF is required.
"""

import ctypes
import datetime as dt
import re
import subprocess
import sys
from html import unescape

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import ROOT
from macros.chapters import chapter_files, printed_pages
from macros.editions import book_path, pdf_path
from macros.i18n import say
from macros.maps.model import SMALLEST_PRINTED_TEXT
from macros.pages import page_url
from pdf.__main__ import BOOK_FILE, jobs_for, missing_page
from pdf.book import contents, cover, document
from pdf.render import render
from test_pdf import MAX_CHAPTER_PAGES, chapter_titles

DOCS = ROOT / "docs"
CHAPTERS = chapter_files(DOCS)
ARABIC = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
CONTESTED = (0.556863, 0.141176, 0.666667)      # .admonition.contested's border, #8e24aa
QUIZ = (1.0, 0.439216, 0.262745)                # .quiz-item's border, #ff7043


def rect_sides(page, colour) -> set[str]:
    """Which side of its box a border of `colour` is drawn on: WeasyPrint fills the border as an
    outer rectangle minus an inner one, so the inner one is short of the outer on that side."""
    rects = [rect for rect in page.rects
             if tuple(round(c, 3) for c in rect.get("non_stroking_color") or ()) ==
             tuple(round(c, 3) for c in colour)]
    sides = set()
    for outer in rects:
        for inner in rects:
            if inner["top"] == outer["top"] and inner["x1"] < outer["x1"] - 1 and \
                    abs(inner["x0"] - outer["x0"]) < 0.1:
                sides.add("right")
            if inner["top"] == outer["top"] and inner["x0"] > outer["x0"] + 1 and \
                    abs(inner["x1"] - outer["x1"]) < 0.1:
                sides.add("left")
    return sides


# --- The print documents, before rendering ----------------------------------------------------

def test_an_arabic_document_is_marked_arabic_right_to_left():
    html = document("عنوان", [], "", "ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<html lang="en">' in document("Title", [], "")


def test_the_cover_and_contents_are_written_in_arabic():
    front = cover("حلب 2024", "حرب سوريا", dt.date(2026, 3, 15), say("ar", "pdf-licence"),
                  "https://school.test/aleppo/ar/", "ar")
    front += contents([], "ar")
    words = re.sub(r"https://[^<]+|<[^>]+>", " ", front)
    assert set(re.findall(r"[A-Za-z]+", words)) <= {"CC", "BY", "SA", "MIT"}
    assert "15 آذار/مارس 2026" in front and say("ar", "pdf-contents") in front
    assert '<bdi dir="ltr">https://school.test/aleppo/ar/</bdi>' in front


def test_tables_lists_and_boxes_run_right_to_left_in_arabic(tmp_path):
    """A table's first column, a list's numbers and a box's rule stand on the right."""
    body = ('<table><tr><td>111</td><td>222</td></tr></table>'
            '<ol><li>نص البند الأول من القائمة</li></ol>'
            '<div class="admonition contested"><p>رواية</p></div>')
    path = render(document("جدول", [], body, "ar"), tmp_path / "ar.pdf", right_to_left=True)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = {word["text"]: word for word in page.extract_words()}
        assert words["111"]["x0"] > words["222"]["x1"]
        number = next(word for text, word in words.items() if re.fullmatch(r"\.?1\.?", text))
        assert number["x0"] > max(word["x1"] for text, word in words.items()
                                  if ARABIC.search(text) and abs(word["top"] - number["top"]) < 3)
        assert rect_sides(page, CONTESTED) == {"right"}


def test_the_arabic_edition_prints_its_book_and_its_standard_chapters(tmp_path):
    jobs = jobs_for(tmp_path, DOCS, {"lang": "ar"}, tmp_path / "out", "a4", None)
    paths = [path for path, _, _ in jobs]
    assert paths == [book_path("a4", "ar")] + [pdf_path(f"chapters/{path.name}", "a4", "ar")
                                               for path in CHAPTERS.values()]
    assert paths[0] == "pdf/ar/aleppo-2024-book.pdf"
    assert all(args[-2] == tmp_path / "out" / path for path, _, args in jobs)


def test_a_page_the_arabic_pdfs_need_missing_from_the_site_stops_with_one_line(tmp_path):
    site = tmp_path / "site"
    needed = ["", "ar/", "reference/glossary/", "reference/timeline/", "reference/sources/"]
    needed += [page_url(uri, True) for uri in printed_pages(DOCS)]
    for url in needed:
        (site / url).mkdir(parents=True, exist_ok=True)
        (site / url / "index.html").write_text("<p>built</p>", encoding="utf-8")
    first = f"ar/chapters/{CHAPTERS[1].stem}/"
    assert missing_page(site, DOCS, "en") is None and missing_page(site, DOCS, "ar") == first
    result = subprocess.run([sys.executable, "-m", "pdf", "--site", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"python -m pdf: {site}/{first}index.html is missing: the 'ar' "
                             "edition's PDFs print it; build the site again\n")
    assert not (site / "pdf").exists()


# --- What make site rendered ------------------------------------------------------------------
# pdfium (pypdfium2) reads these PDFs' text in reading order and their bookmarks, many times
# faster than pypdf and pdfplumber; pdfplumber gives the places of characters and rules.

@pytest.fixture(scope="session")
def arabic(site, pdfs):
    """The Arabic PDFs' folder, when the site holds the Arabic edition."""
    if not (site.site / "ar" / "index.html").is_file():
        pytest.skip("the site holds no Arabic edition: mkdocs.yml builds it once its "
                    "translations are in (build: false under the ar language)")
    return pdfs / "ar"


def arabic_files(arabic) -> list:
    return [arabic / BOOK_FILE] + [arabic / f"{path.stem}.pdf" for path in CHAPTERS.values()]


def bookmarks(path) -> list[tuple[str, int]]:
    """The PDF's top bookmarks: (title, page number)."""
    pdf = pdfium.PdfDocument(path)
    return [(mark.get_title(), mark.get_dest().get_index() + 1) for mark in pdf.get_toc()
            if mark.level == 0]


def page_text(path, number: int) -> str:
    """A page's text, its Arabic words in reading order (pdfium reorders right-to-left runs)."""
    return pdfium.PdfDocument(path)[number - 1].get_textpage().get_text_bounded()


def arabic_words(text: str) -> set[str]:
    """The Arabic words of a text, without their lams and alefs: pdfium gives the two letters
    of a lam-alef ligature in the order they are drawn."""
    return {re.sub("[لاأإآ]", "", word) for word in re.findall(r"[\u0600-\u06ff]+", text)}


def test_the_arabic_edition_has_exactly_its_book_and_chapter_pdfs(arabic):
    assert sorted(path.name for path in arabic.iterdir()) == sorted(
        path.name for path in arabic_files(arabic))


def test_each_arabic_chapter_pdf_opens_with_its_arabic_title(arabic, site):
    for title, path in zip(chapter_titles(site, "ar/"), arabic_files(arabic)[1:]):
        text = page_text(path, 1)
        letters = [char for char in text if char.isalpha()]
        assert len(ARABIC.findall(text)) > 0.8 * len(letters), path.name
        assert arabic_words(title) <= arabic_words(text), path.name


def test_the_arabic_book_has_a_bookmark_for_every_chapter_in_arabic(arabic, site):
    top = [title for title, _ in bookmarks(arabic / BOOK_FILE)]
    assert top[0] == say("ar", "pdf-contents")
    titles = chapter_titles(site, "ar/")
    assert [title for title in top if title in titles] == titles
    for title, path in zip(titles, arabic_files(arabic)[1:]):
        assert bookmarks(path)[0] == (title, 1), path.name


def test_the_arabic_contents_numbers_the_pages_of_the_chapters_right_to_left(arabic):
    starts = [number for _, number in bookmarks(arabic / BOOK_FILE)[1:]]
    with pdfplumber.open(arabic / BOOK_FILE, pages=[2]) as pdf:
        page = pdf.pages[0]
        # Each line ends, at its left, in the page number after the leader's dots.
        listed = [int(n) for n in re.findall(r"^(\d+)\.{3,}", page.extract_text(), flags=re.M)]
        words = page.extract_words()
    assert listed == starts
    numbers = [word for word in words if re.match(r"^\d+\.{3,}", word["text"])]
    titles = [word for word in words if ARABIC.search(word["text"])]
    assert max(word["x0"] for word in numbers) < page.width * 0.2
    assert max(word["x1"] for word in titles) > page.width * 0.85


def test_contested_boxes_and_quiz_questions_are_marked_on_the_right(arabic):
    found = {"contested": set(), "quiz": set()}
    with pdfplumber.open(arabic / f"{CHAPTERS[2].stem}.pdf") as pdf:
        for page in pdf.pages:
            found["contested"] |= rect_sides(page, CONTESTED)
            found["quiz"] |= rect_sides(page, QUIZ)
    assert found == {"contested": {"right"}, "quiz": {"right"}}


def text_lines(chars) -> list[list]:
    """Characters grouped into lines: those whose middles fall within a line's first character
    (Latin and Arabic fonts on one line stand at different heights)."""
    lines = []
    for char in sorted(chars, key=lambda char: char["top"]):
        middle = (char["top"] + char["bottom"]) / 2
        line = next((line for line in lines if line[0]["top"] <= middle <= line[0]["bottom"]),
                    None)
        if line is None:
            lines.append([char])
        else:
            line.append(char)
    return lines


def test_the_arabic_chapters_start_at_the_right_margin(arabic):
    """Every line of a chapter's title ends at the right margin; its shortest starts well
    clear of the left one."""
    margin = 15 * 72 / 25.4 + 6         # print.css's @page margin, and the body's 8 px
    for path in arabic_files(arabic)[1:]:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            lines = text_lines(char for char in page.chars if char["size"] >= 18)
            assert lines, path.name
            for line in lines:
                assert abs(page.width - margin - max(char["x1"] for char in line)) < 2, path.name
            assert max(min(char["x0"] for char in line) for line in lines) > 2 * margin


def test_english_source_titles_stay_left_to_right(arabic, site):
    html = site.html(f"ar/chapters/{CHAPTERS[2].stem}/index.html")
    titles = [unescape(title) for title in re.findall(
        r'<a href="http[^"]*">“<bdi lang="en" dir="ltr">([^<]{12,60})</bdi>', html)]
    assert len(titles) > 10
    # pdfplumber gives the words of a line from left to right, as they are drawn (pdfium would
    # put them in an order of its own).
    with pdfplumber.open(arabic / f"{CHAPTERS[2].stem}.pdf") as pdf:
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    # Titles short enough to keep to one line read in their own order, word after word.
    found = [title for title in titles if title in text]
    assert len(found) > 0.8 * len(titles), set(titles) - set(found)


def catalog(path) -> tuple[bool, str, str]:
    """Whether the PDF is tagged, its language and the reading order it asks of viewers."""
    pdf = pdfium.PdfDocument(path)
    lang = (ctypes.c_ushort * 16)()
    size = pdfium_c.FPDFCatalog_GetLanguage(pdf, lang, ctypes.sizeof(lang))   # UTF-16, with a 0
    direction = ctypes.create_string_buffer(16)
    pdfium_c.FPDF_VIEWERREF_GetName(pdf, b"Direction", direction, 16)
    return (bool(pdfium_c.FPDFCatalog_IsTagged(pdf)),
            "".join(map(chr, lang[:max(size // 2 - 1, 0)])), direction.value.decode())


def test_every_arabic_pdf_is_tagged_arabic_with_fonts_embedded(arabic):
    for path in arabic_files(arabic):
        assert catalog(path) == (True, "ar", "R2L"), path.name
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert any("Noto-Naskh-Arabic" in row for row in rows), path.name
        for row in rows:
            assert row.split()[-5] == "yes", f"{path.name}: not embedded: {row}"


def test_the_arabic_pdfs_keep_within_the_english_budgets(arabic, pdfs):
    for path in arabic_files(arabic)[1:]:
        assert 1 <= len(pdfium.PdfDocument(path)) <= MAX_CHAPTER_PAGES, path.name
    book = arabic / BOOK_FILE
    assert len(pdfium.PdfDocument(book)) <= len(pdfium.PdfDocument(pdfs / BOOK_FILE))
    assert book.stat().st_size < 15 * 1024 * 1024


def pages_in_the_maps_font(path) -> list[int]:
    """The numbers of the pages with a character set in DejaVu Sans."""
    pdf, name, flags = pdfium.PdfDocument(path), ctypes.create_string_buffer(128), ctypes.c_int()
    pages = []
    for number, page in enumerate(pdf, start=1):
        text = page.get_textpage()
        for index in range(text.count_chars()):
            pdfium_c.FPDFText_GetFontInfo(text, index, name, 128, flags)
            if b"DejaVu" in name.value:
                pages.append(number)
                break
    return pages


def on_a_map(char, page) -> bool:
    """Whether a character lies on a map: a static map is drawn on a white ground."""
    return any(rect["width"] > 100 and rect["height"] > 100
               and tuple(rect.get("non_stroking_color") or ()) == (1.0, 1.0, 1.0)
               and rect["x0"] <= char["x0"] and char["x1"] <= rect["x1"]
               and rect["top"] <= char["top"] and char["bottom"] <= rect["bottom"]
               for rect in page.rects)


def test_only_the_maps_are_set_in_the_maps_font(arabic):
    """DejaVu Sans is the maps' font alone, in Arabic as in English (test_pdf reads the labels'
    printed sizes by it): no letter or bracket of the text falls back to it, and no map label
    prints under 7 pt."""
    for path in arabic_files(arabic):
        numbers = pages_in_the_maps_font(path)
        if not numbers:
            continue
        with pdfplumber.open(path, pages=numbers) as pdf:
            for page in pdf.pages:
                labels = [char for char in page.chars if "DejaVu" in char["fontname"]]
                stray = "".join(char["text"] for char in labels if not on_a_map(char, page))
                assert not stray, f"{path.name}, page {page.page_number}: {stray[:40]}"
                sizes = [char["size"] for char in labels if char["text"].strip()]
                assert min(sizes) >= SMALLEST_PRINTED_TEXT - 0.01, path.name


def test_the_cover_and_contents_pages_print_no_english_word(arabic):
    book = arabic / BOOK_FILE
    assert set(re.findall(r"[A-Za-z]+", page_text(book, 1))) <= {"CC", "BY", "SA", "MIT"}
    assert not re.findall(r"[A-Za-z]+", page_text(book, 2))
