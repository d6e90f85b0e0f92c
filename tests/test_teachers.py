"""For teachers: a lesson plan and answer key per chapter, and handouts that fit their pages."""

import re

import pytest
from jinja2 import Environment, StrictUndefined
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data
from pypdf import PdfReader

from conftest import AS_OF, ROOT
from macros.book import load_book
from macros.glossary import Term
from macros.reading import prose, reading_grade, word_count
from macros.sources import format_date
from macros.teaching import (WORD_BANK_SIZE, Chapter, load_chapters, render_level,
                             render_summary_header, render_summary_words, render_word_bank,
                             word_bank_terms)
from macros.timeline import offensive_span

CHAPTERS = load_chapters(ROOT / "docs")
BOOK = load_book(ROOT / "data")
# Handout page -> the most A4 sides it may print on (browser print, headless Chromium).
HANDOUTS = {"teachers/handouts/glossary-sheet/": 2, "teachers/handouts/timeline-sheet/": 2,
            "teachers/handouts/blank-map/": 2,
            **{f"teachers/handouts/summary-{n:02d}/": 1 for n in CHAPTERS},
            **{f"teachers/handouts/word-bank-{n:02d}/": 1 for n in CHAPTERS}}
# The one-page summaries serve the easier reading level, which aims at grades 6-8 (EDITORIAL.md).
SUMMARY_GRADE = 8.0


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_chapter_has_a_lesson_plan_with_its_answer_key(site, number):
    chapter = CHAPTERS[number]
    stem = chapter.src_uri.split("/")[-1].removesuffix(".md")
    html = site.html(f"teachers/lesson-plans/{stem}/index.html")
    assert '<h2 id="answer-key"' in html
    # Same count, order and ids as the chapter's quiz, then its easier version's, marked as such.
    easier = chapter.easier.meta if chapter.easier else None
    key_ids = re.findall(r'<div class="answer-key-item" id="key-([a-z0-9-]+)"', html)
    assert key_ids == [q.id for q in chapter.meta.quiz] + \
        [f"easier-{q.id}" for q in (easier.quiz if easier else [])]
    model_ids = re.findall(r'<div class="answer-key-item" id="model-([a-z0-9-]+)"', html)
    assert model_ids == [d.id for d in chapter.meta.discussion] + \
        [f"easier-{d.id}" for d in (easier.discussion if easier else [])]
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
                    r"<strong>Reading level:</strong> (?:Standard version, )?grade (\d+\.\d) "
                    r"\(Flesch-Kincaid\)", page)
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


# --- The one-page summaries, at the easier reading level ------------------------------------

def rendered_summary(number: int) -> str:
    """A summary page's Markdown as the build renders it, its citations left out as prose()
    leaves a chapter's out. A macro the page calls that is not listed here fails the test."""
    page = ROOT / f"docs/teachers/handouts/summary-{number:02d}.md"
    body, _ = get_data(page.read_text(encoding="utf-8"))
    span = offensive_span(load_config(str(ROOT / "mkdocs.yml")))

    def figures(n: int) -> tuple[int, float]:
        text = prose(CHAPTERS[n].body)
        return word_count(text), reading_grade(text)

    jinja = Environment(comment_start_string="{##", comment_end_string="##}",
                        undefined=StrictUndefined)
    return jinja.from_string(body).render(
        summary_header=lambda n: render_summary_header(CHAPTERS[n], "chapter.md", None, figures(n)),
        summary_words=lambda n: render_summary_words(word_bank_terms(CHAPTERS[n], BOOK.terms),
                                                     "word-bank.md"),
        cite=lambda *ids: "", as_of=AS_OF, offensive_start=format_date(span.start),
        offensive_end=format_date(span.end))


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_summary_reads_at_grade_8_or_below(number):
    """Measured as a chapter's "Assign this chapter" box measures it: its running prose
    (key question, reading line, objectives, takeaways, words to know), Flesch-Kincaid."""
    text = prose(rendered_summary(number))
    assert CHAPTERS[number].meta.key_question.split()[0] in text      # the whole page is read
    assert word_count(text) >= 150, f"summary {number}: {word_count(text)} words"
    grade = reading_grade(text)
    assert grade <= SUMMARY_GRADE, f"summary {number}: grade {grade}, above {SUMMARY_GRADE}"


def test_summary_header_sends_the_reader_to_the_chapters_sources():
    header = render_summary_header(CHAPTERS[2], "../../chapters/02-the-offensive.md", None,
                                   (2772, 10.8))
    assert header.startswith(f"**Key question:** {CHAPTERS[2].meta.key_question}\n\n")
    assert ("**Read it:** [" + CHAPTERS[2].title + "](../../chapters/02-the-offensive.md) · "
            "about 14 minutes · grade 10.8. The chapter gives the sources of every fact on this "
            "page.\n") in header


# --- Word banks --------------------------------------------------------------------------------

def _term(key: str, name: str, chapters: list[int], **more) -> Term:
    return Term(id=key, term=name, chapters=chapters, definition=f"{name} in full.",
                simple=f"{name} in plain words.", sources=["s"], **more)


SPREAD = _term("spread", "Spread", [1, 2, 3, 4])     # used in every chapter
OWN = _term("own", "Own", [2])                         # this chapter's own word
ONCE = _term("once", "Once", [2])
ELSEWHERE = _term("elsewhere", "Elsewhere", [3])       # not a term of this chapter


def test_word_bank_keeps_the_chapters_own_words_in_reading_order():
    body = ("Once we met Spread. Spread, Spread and Spread again; Own and Own. "
            "Elsewhere, Elsewhere, Elsewhere.")
    chapter = Chapter(2, "chapters/02-x.md", "2. X", CHAPTERS[2].meta, body)
    terms = [SPREAD, OWN, ONCE, ELSEWHERE]
    # Own scores 2 uses / 1 chapter, Spread 4 / 4 and Once 1 / 1: Once wins the tie by coming first.
    assert [t.id for t in word_bank_terms(chapter, terms, size=2)] == ["once", "own"]
    assert [t.id for t in word_bank_terms(chapter, terms, size=3)] == ["once", "spread", "own"]
    assert [t.id for t in word_bank_terms(chapter, terms)] == ["once", "spread", "own"]


def test_word_bank_is_text_with_room_to_write():
    hostile = _term("xyz", "XYZ <i>group</i>", [2], original="<b>x</b>", original_lang="ar")
    hostile = hostile.model_copy(update={"simple": 'A "plain" <script>alert(1)</script> [a](b).'})
    bank = render_word_bank(CHAPTERS[2], [hostile, OWN],
                            ("../../chapters/02-x.md", "../../reference/glossary.md",
                             "../../../reference/glossary/"), more=3)
    assert "<script>" not in bank and "<i>" not in bank and "<b>" not in bank
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &#91;a&#93;&#40;b&#41;." in bank
    assert bank.startswith("The 2 words you will meet most in [2. The offensive")
    assert '<th scope="col" class="word-bank-own">My example or my language</th>' in bank
    assert bank.count('<td class="word-bank-own"></td>') == 2          # one empty cell a word
    assert ('<a href="../../../reference/glossary/#term-own">Own</a></th>'
            "<td>Own in plain words.</td>") in bank
    assert 'Arabic: <span lang="ar" dir="rtl">&lt;b&gt;x&lt;/b&gt;</span>' in bank
    assert "The chapter uses 3 more words from the [Glossary](../../reference/glossary.md)." in bank


def test_summary_words_are_the_word_bank():
    words = render_summary_words([OWN, ONCE], "word-bank-02.md")
    assert words == ("**Words to know:** Own, Once. The [word bank](word-bank-02.md) explains "
                     "each in plain words.\n")


@pytest.mark.parametrize("number", sorted(CHAPTERS))
def test_every_chapter_has_a_word_bank_of_its_words(site, number):
    page = site.html(f"teachers/handouts/word-bank-{number:02d}/index.html")
    shown = re.findall(r'<th scope="?row"?><a href="[^"]*#term-([a-z0-9-]+)"', page)
    expected = [term.id for term in word_bank_terms(CHAPTERS[number], BOOK.terms)]
    assert shown == expected and len(shown) == WORD_BANK_SIZE
    summary = site.html(f"teachers/handouts/summary-{number:02d}/index.html")
    assert f'href="../word-bank-{number:02d}/"' in summary
