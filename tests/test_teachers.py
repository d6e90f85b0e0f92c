"""For teachers: a lesson plan and answer key per chapter, and handouts that fit their pages."""

import re

import pytest
from pypdf import PdfReader

from conftest import ROOT
from macros.book import load_book
from macros.teaching import load_chapters

CHAPTERS = load_chapters(ROOT / "docs")
# Handout page -> the most A4 sides it may print on (browser print, headless Chromium).
HANDOUTS = {"teachers/handouts/glossary-sheet/": 2, "teachers/handouts/timeline-sheet/": 2,
            "teachers/handouts/blank-map/": 2,
            **{f"teachers/handouts/summary-0{n}/": 1 for n in range(1, 7)}}


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
