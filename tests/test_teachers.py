"""For teachers: a lesson plan and answer key per chapter, and handouts that fit their pages."""

import re

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.book import load_book
from macros.teaching import load_chapters, render_level

CHAPTERS = load_chapters(ROOT / "docs")
# Handout page -> the most A4 sides it may print on (browser print, headless Chromium).
HANDOUTS = {"teachers/handouts/glossary-sheet/": 2, "teachers/handouts/timeline-sheet/": 2,
            "teachers/handouts/blank-map/": 2,
            **{f"teachers/handouts/summary-{n:02d}/": 1 for n in CHAPTERS}}


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_chapter_has_a_lesson_plan_with_its_answer_key(site, number):
    chapter = CHAPTERS[number]
    stem = chapter.src_uri.split("/")[-1].removesuffix(".md")
    html = site.html(f"teachers/lesson-plans/{stem}/index.html")
    assert '<h2 id="answer-key"' in html
    key_ids = re.findall(r'<div class="answer-key-item" id="key-([a-z0-9-]+)"', html)
    assert key_ids == [q.id for q in chapter.meta.quiz]          # same count, order and ids
    model_ids = re.findall(r'<div class="answer-key-item" id="model-([a-z0-9-]+)"', html)
    assert model_ids == [d.id for d in chapter.meta.discussion]
    for q in chapter.meta.quiz:
        assert q.explanation.split()[-1].strip(".") in html


BAND = re.compile(r"<dt>Grade band</dt>\s*<dd>\s*(?:<p>)?Grades (\d+)-(\d+) \(ages (\d+)-(\d+)\)")
LEVEL = re.compile(r"<dt>Reading level</dt>\s*<dd>\s*(?:<p>)?Grade (\d+\.\d) \(Flesch-Kincaid\), "
                   r"about (\d+) minutes? of reading \(([\d,]+) words\)")


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_lesson_plan_opens_with_its_grade_band_and_the_chapters_reading_level(site, number):
    """The band is written in the plan; the level is the chapter's own measurement, as its
    "Assign this chapter" box shows it, never typed in."""
    chapter = CHAPTERS[number]
    stem = chapter.src_uri.split("/")[-1].removesuffix(".md")
    plan = site.html(f"teachers/lesson-plans/{stem}/index.html")
    glance = plan[plan.index("At a glance"):]
    glance = glance[:glance.index("</dl>")]
    band, level = BAND.search(glance), LEVEL.search(glance)
    assert band, f"lesson plan {number}: no grade band at its top"
    low, high, young, old = map(int, band.groups())
    assert 6 <= low < high <= 12 and (young, old) == (low + 5, high + 6)    # US grade N: age N+5
    assert 12 <= young and old <= 19                 # the book is for students of 12-19
    assert level, f"lesson plan {number}: no reading level at its top"
    page = site.html(f"chapters/{stem}/index.html")
    box = re.search(r"Reading time:</strong> about (\d+) minutes? \(([\d,]+) words\) · "
                    r"<strong>Reading level:</strong> grade (\d+\.\d) \(Flesch-Kincaid\)", page)
    assert box, f"chapter {number}: no reading figures in its box"
    minutes, words, grade = box.groups()
    assert level.groups() == (grade, minutes, words), f"lesson plan {number}: {level.groups()}"


def test_reading_level_line():
    assert render_level((2772, 10.8)) == ("Grade 10.8 (Flesch-Kincaid), about 14 minutes of "
                                         "reading (2,772 words)")
    assert render_level((150, 7.0)) == "Grade 7.0 (Flesch-Kincaid), about 1 minute of reading (150 words)"


@pytest.mark.parametrize("page, budget", HANDOUTS.items(), ids=list(HANDOUTS))
def test_handout_prints_within_its_page_budget(server, browser, tmp_path, page, budget):
    tab = browser.new_page()
    try:
        tab.goto(server + page, wait_until="networkidle")
        tab.emulate_media(media="print")
        pdf = tmp_path / "handout.pdf"
        tab.pdf(path=str(pdf), format="A4", print_background=False)
    finally:
        tab.close()
    pages = len(PdfReader(pdf).pages)
    assert pages <= budget, f"{page}: {pages} A4 sides, budget {budget}"


def test_glossary_sheet_names_each_term_as_the_glossary_spells_it():
    """The sheet's one-line meanings are written for print; its names must follow the glossary,
    so a renamed or removed term shows up here rather than on a printed page."""
    terms = {term.id: term for term in load_book(ROOT / "data").terms}
    sheet = (ROOT / "docs/teachers/handouts/glossary-sheet.md").read_text(encoding="utf-8")
    links = re.findall(r"\[([^\]]+)\]\(\.\./\.\./reference/glossary\.md#term-([a-z0-9-]+)\)", sheet)
    assert len(links) >= 30
    for text, term_id in links:
        assert term_id in terms, f"glossary sheet: no term '{term_id}'"
        term = terms[term_id]
        named = re.fullmatch(r"(.+?) \(([^)]+)\)", text)       # "Syrian National Army (SNA)"
        for name in named.groups() if named else [text]:
            assert name in {term.term, *term.tooltip_forms}, f"glossary sheet: '{name}' ({term_id})"
