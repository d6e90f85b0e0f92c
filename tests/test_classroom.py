"""The class formats: worksheets with no answers, slides, quizzes for learning platforms, the
"For your class" panel, and the bad input that stops them."""

import datetime as dt
import io
import re
import time
import zipfile

import pytest
from docx import Document
from lxml import etree
from pptx import Presentation
from pptx.util import Emu
from pypdf import PdfReader

from conftest import ROOT, build_errors
from classroom import quiz, sheets, slides
from classroom.lesson import Edition, load_lessons, plain
from macros.classroom import (FORMATS, class_file, class_files, human_size, load_lesson,
                              render_panel)
from macros.book import load_book
from macros.errors import DataError

LESSONS = load_lessons(ROOT, Edition("Aleppo 2024", dt.date(2026, 3, 15)))
IDS = [lesson.stem for lesson in LESSONS]
DTD = etree.DTD(str(ROOT / "tests" / "schemas" / "ims_qtiasiv1p2p1.dtd"))
# Pages, on A4 and on Letter; the answer key holds both reading levels' quizzes and questions.
PAGE_BUDGET = {"worksheet": 5, "answer-key": 5}


def secrets(lesson) -> list[str]:
    """Text that only the teacher's copy may hold: explanations, written answers, model answers."""
    found = [plain(q.explanation) for q in lesson.meta.quiz]
    found += [plain(q.answer) for q in lesson.meta.quiz if not q.options]
    found += [plain(d.model_answer) for d in lesson.meta.discussion]
    return found


def squash(text: str) -> str:
    """Text with hyphenation and line breaks undone, for comparing with what a file shows."""
    text = re.sub(r"-\s+", "-", text.replace("\u00ad", ""))      # north-|west broken at a line
    return re.sub(r"\s+", " ", text).strip()


def test_every_chapter_has_a_lesson_with_a_worksheet():
    assert [lesson.number for lesson in LESSONS] == list(range(1, 8))
    for lesson in LESSONS:
        assert [a.activity for a in lesson.plan.worksheet] == list(lesson.activities)


# --- Bad lesson plans ------------------------------------------------------------------------

BOOK = load_book(ROOT / "data")
BODY = "# Plan\n\n## Activities {#activities}\n\n### Activity 1: maps {#map-activity}\n"
ACTIVITY = {"activity": "map-activity", "task": "Look.", "questions": ["Why?"]}


@pytest.mark.parametrize("change, message", [
    (dict(activity="maps"), "front matter worksheet #1 ('maps'): no heading "
                            "'### Activity ... {#maps}' in this plan (its activities: map-activity)"),
    (dict(map="atlantis"), "front matter worksheet #1 ('map-activity'): unknown map 'atlantis'"),
    (dict(sources=["nobody"]), "front matter worksheet #1 ('map-activity'): unknown source 'nobody'"),
    (dict(questions=[]), "front matter worksheet #1: an activity gives questions, a table to fill "
                         "in, or both"),
    (dict(colour="red"), "front matter worksheet #1: unknown field 'colour'"),
])
def test_a_bad_worksheet_entry_is_named(change, message):
    meta = {"worksheet": [dict(ACTIVITY, **change)]}
    with pytest.raises(DataError) as caught:
        load_lesson("teachers/lesson-plans/02-x.md", meta, BODY, BOOK)
    assert str(caught.value).startswith(f"docs/teachers/lesson-plans/02-x.md: {message}")


def test_an_activity_without_a_worksheet_entry_is_named():
    body = BODY + "\n### Activity 2: words {#words-activity}\n"
    with pytest.raises(DataError) as caught:
        load_lesson("teachers/lesson-plans/02-x.md", {"worksheet": [ACTIVITY]}, body, BOOK)
    assert str(caught.value) == ("docs/teachers/lesson-plans/02-x.md: front matter worksheet: "
                                 "activity 'words-activity' has a heading but no worksheet entry")


@pytest.mark.parametrize("change, message", [
    (("    answer: 8 December 2024\n", "    answer: 9 December 2024\n"),
     "quiz #1 ('launch-and-end'): field 'answer': answer must be one of the options"),
    (("5 December 2024, 8 December 2024]", "27 November 2024, 8 December 2024]"),
     "quiz #1 ('launch-and-end'): field 'options': options must differ: '27 November 2024' is "
     "given twice"),
    (("    explanation: >-\n      The Israel-Hezbollah ceasefire began at 4 a.m. local time on 27 "
      "November 2024. Hezbollah\n      had been one of the Syrian government's most important "
      "allies.\n", "    explanation: \"\"\n"),
     "quiz #2 ('ceasefire-same-day'): field 'explanation': explanation must not be empty"),
])
def test_a_bad_quiz_question_stops_the_build_in_one_line(project_copy, change, message):
    """The chapter's file and the question are named; the worksheet, slides and quizzes are made
    from the same front matter (load_meta), so they stop on the same line."""
    path = project_copy / "docs" / "chapters" / "02-the-offensive.md"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    errors = build_errors(project_copy)
    assert len(errors) == 1
    assert f"docs/chapters/02-the-offensive.md: front matter {message}" in errors[0]


# --- Quizzes ---------------------------------------------------------------------------------

# Each reading level's quiz, and the Arabic edition's ("ar": the standard quiz's ar: fields).
LEVELS = ["standard", "easier", "ar"]


def level_meta(lesson, level: str):
    """The front matter of the lesson's chapter at a reading level, or in Arabic."""
    if level == "ar":
        return lesson.meta.in_language("ar", "x", "front matter")
    return lesson.meta if level == "standard" else lesson.chapter.easier.meta


def language(level: str) -> str:
    return "ar" if level == "ar" else "en"


def qti_of(lesson, level: str = "standard") -> tuple[etree._Element, etree._Element]:
    """The package's manifest and assessment, each read back with a parser."""
    ident = f"aleppo-2024-{lesson.stem}"
    package = quiz.qti_package(ident, quiz.quiz_title(lesson.number, lesson.title),
                               level_meta(lesson, level), language(level))
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert archive.testzip() is None
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        href = manifest.find(".//{*}resource").get("href")
        assert href in archive.namelist() and len(archive.namelist()) == 2
        return manifest, etree.fromstring(archive.read(href))


def without_namespace(root: etree._Element) -> etree._Element:
    """A copy with the QTI namespace taken off: the IMS DTD predates XML namespaces."""
    copy = etree.fromstring(etree.tostring(root))
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(copy)
    return copy


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_qti_package_is_valid_and_marks_the_right_answers(lesson, level):
    manifest, assessment = qti_of(lesson, level)
    meta = level_meta(lesson, level)
    assert manifest.find(".//{*}resource").get("type") == "imsqti_xmlv1p2"
    assert DTD.validate(without_namespace(assessment)), DTD.error_log.filter_from_errors()
    items = assessment.findall(".//{*}item")
    assert len(items) == len(meta.quiz)
    for item, question in zip(items, meta.quiz):
        kind = item.xpath(".//*[local-name()='fieldlabel'][.='question_type']/"
                          "following-sibling::*[1]/text()")[0]
        assert item.findtext(".//{*}presentation/{*}material/{*}mattext") == plain(question.question)
        feedback = item.findtext(".//{*}itemfeedback//{*}mattext")
        assert plain(question.explanation) in feedback
        if question.options:
            assert kind == "multiple_choice_question"
            labels = {label.get("ident"): label.findtext(".//{*}mattext")
                      for label in item.iter("{*}response_label")}
            assert list(labels.values()) == [plain(o) for o in question.options]
            right = item.findall(".//{*}varequal")
            assert len(right) == 1 and labels[right[0].text] == plain(question.answer)
            assert item.findtext(".//{*}setvar") == "100"
        else:
            assert kind == "essay_question"
            assert plain(question.answer) in feedback


def test_the_dtd_check_would_catch_a_misplaced_element():
    _, assessment = qti_of(LESSONS[0])
    broken = without_namespace(assessment)
    item = broken.find(".//item")
    item.append(etree.Element("presentation"))          # after resprocessing and itemfeedback
    assert not DTD.validate(broken)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_moodle_file_marks_the_right_answers(lesson, level):
    meta = level_meta(lesson, level)
    root = etree.fromstring(quiz.moodle_xml("Chapter", meta, language(level)))
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    assert len(questions) - 1 == len(meta.quiz)
    for node, question in zip(questions[1:], meta.quiz):
        assert node.findtext("questiontext/text") == plain(question.question)
        assert plain(question.explanation) in node.findtext("generalfeedback/text")
        if question.options:
            assert node.get("type") == "multichoice" and node.findtext("single") == "true"
            answers = {a.findtext("text"): a.get("fraction") for a in node.findall("answer")}
            assert list(answers) == [plain(o) for o in question.options]
            assert [text for text, fraction in answers.items() if fraction == "100"] == \
                [plain(question.answer)]
            assert set(answers.values()) == {"100", "0"}
        else:
            assert node.get("type") == "essay"
            assert plain(question.answer) in node.findtext("graderinfo/text")
    if level == "ar":       # Moodle letters options in Latin letters: the Arabic file does not
        assert {n.findtext("answernumbering") for n in questions[1:] if n.get("type") ==
                "multichoice"} == {"none"}
        assert all(re.search(r"[\u0600-\u06FF]", n.findtext("questiontext/text"))
                   for n in questions[1:])


def test_zipped_files_are_the_same_bytes_every_time(monkeypatch):
    """python-docx and python-pptx stamp their zips with the time; the files are restamped."""
    lesson = LESSONS[1]
    made = [quiz.qti_package("x", "T", lesson.meta), sheets.worksheet_docx(lesson, "a4"),
            slides.deck_pptx(lesson)]
    later = time.localtime(time.time() + 3 * 3600)
    monkeypatch.setattr(time, "localtime", lambda *args: later)
    assert [quiz.qti_package("x", "T", lesson.meta), sheets.worksheet_docx(lesson, "a4"),
            slides.deck_pptx(lesson)] == made


# --- Worksheets --------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["a4", "letter"])
def paper(request):
    return request.param


def pdf_text(data: bytes) -> tuple[int, str]:
    """The pages and the running text of a sheet, its footers left out (a sentence can run on
    over a page break)."""
    reader = PdfReader(io.BytesIO(data))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()
             if not re.search(r"^Aleppo 2024 · as of|Page \d+ of \d+$", line)]
    return len(reader.pages), squash(" ".join(lines))


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squash(" ".join(texts))


@pytest.mark.build
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_worksheet_holds_every_question_and_no_answer(lesson, paper):
    pages, text = pdf_text(sheets.to_pdf(sheets.worksheet_html(lesson), paper))
    assert pages <= PAGE_BUDGET["worksheet"], f"{pages} pages on {paper}"
    word = docx_text(sheets.worksheet_docx(lesson, paper))
    for shown in (text, word):
        for question in [q.question for q in lesson.meta.quiz] + \
                [d.question for d in lesson.meta.discussion] + \
                [q for a in lesson.plan.worksheet for q in a.questions]:
            assert squash(plain(question)) in shown
        for secret in secrets(lesson):
            assert squash(secret) not in shown
        assert "Answer:" not in shown and "strong answer" not in shown


@pytest.mark.build
@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_answer_key_holds_every_answer(lesson, paper):
    pages, text = pdf_text(sheets.to_pdf(sheets.answer_key_html(lesson), paper))
    assert pages <= PAGE_BUDGET["answer-key"], f"{pages} pages on {paper}"
    for secret in secrets(lesson):
        assert squash(secret) in text


def test_the_secrets_check_finds_an_answer():
    """The check above would see an answer that slipped into a worksheet."""
    lesson = LESSONS[1]
    leaked = sheets.worksheet_html(lesson).replace("</body>", f"<p>{secrets(lesson)[0]}</p></body>")
    assert squash(secrets(lesson)[0]) in squash(re.sub(r"<[^>]+>", " ", leaked))


def test_a_word_worksheet_is_on_its_paper():
    lesson = LESSONS[0]
    for paper, width in (("a4", 210), ("letter", 215.9)):
        section = Document(io.BytesIO(sheets.worksheet_docx(lesson, paper))).sections[0]
        assert round(Emu(section.page_width).mm, 1) == width


# --- Slides ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_the_slides_have_their_parts_big_type_and_sources_in_the_notes(lesson):
    data = slides.deck_pptx(lesson)
    deck = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (slides.WIDTH, slides.HEIGHT)     # 16:9
    assert 6 <= slides.content_slides(data) <= 10
    titles = [slides.slide_title(slide) for slide in deck.slides]
    first = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes
                     if shape.has_text_frame)
    assert squash(plain(lesson.meta.key_question)) in squash(first)
    assert titles[1] == "What you will learn"
    claim = slides.chosen_claim(lesson)
    assert f"Contested: {plain(claim.topic)}" in titles
    assert titles[-1].startswith("Discuss")
    pictures = [shape for slide in deck.slides for shape in slide.shapes
                if shape.shape_type == 13]
    assert len(pictures) == len(lesson.maps) >= 1
    notes = "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides)
    for map_id in lesson.maps:
        for key in lesson.book.maps[map_id].sources:
            assert lesson.book.sources[key].url in notes
    for event in slides.timeline_slice(lesson):
        assert lesson.book.sources[event.sources[0]].url in notes
    for side in claim.sides:
        assert lesson.book.sources[side.sources[0]].url in notes
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= deck.slide_width
            assert shape.top + shape.height <= deck.slide_height
            if not shape.has_text_frame or shape.top > slides.HEIGHT - slides.Inches(0.9):
                continue                                     # a picture, or the small footer
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size.pt >= 20, (slides.slide_title(slide), run.text)


def test_text_too_long_for_a_slide_goes_on_to_the_next():
    long = [[("word " * 60, False)] for _ in range(6)]
    groups = slides.pack(long, slides.BODY_WIDTH, slides.BODY_HEIGHT)
    assert len(groups) > 1 and sum(map(len, groups)) == 6
    for group in groups:
        assert slides.fitting_size(group, slides.BODY_WIDTH, slides.BODY_HEIGHT) >= 20


def test_the_line_estimate_breaks_between_words():
    width = Emu(int(30 * 12700))                       # 30 pt: the box keeps 22 of them
    assert slides.lines_needed([("a " * 10, False)], width, 10) > 1
    assert slides.lines_needed([("a", False)], width, 10) == 1


# --- The panel ---------------------------------------------------------------------------------

def test_the_panel_lists_each_file_with_its_size():
    text = render_panel([("../class/x-worksheet.pdf", "Worksheet (PDF)", "to print", 43_000)])
    assert '<a href="../class/x-worksheet.pdf" download>Worksheet (PDF)</a>, 42 KB: to print' in text
    assert "make pdf" in render_panel([])
    assert human_size(1_500_000) == "1.4 MB" and human_size(10) == "1 KB"


def test_files_on_paper_carry_the_paper_in_their_names():
    assert class_file("02-x", "worksheet.pdf", "letter") == "02-x-worksheet-letter.pdf"
    assert class_file("02-x", "worksheet.docx", "a4") == "02-x-worksheet.docx"
    assert class_file("02-x", "slides.pptx", "letter") == "02-x-slides.pptx"
    assert len(class_files(["01-a", "02-b"], "a4")) == 2 * len(FORMATS)


def test_every_lesson_plan_calls_the_panel_near_its_top():
    for lesson in LESSONS:
        path = ROOT / "docs" / "teachers" / "lesson-plans" / f"{lesson.stem}.md"
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert body.index("{{ for_your_class() }}") < body.index("## Objectives")


def test_the_deploy_build_links_every_class_file_with_its_size(site):
    for lesson in LESSONS:
        page = site.html(f"teachers/lesson-plans/{lesson.stem}/index.html")
        for kind, label, _ in FORMATS:
            name = class_file(lesson.stem, kind, "a4")
            path = site.site / "class" / name
            assert path.stat().st_size > 0
            assert f'href="../../../class/{name}" download>{label}</a>, ' \
                   f"{human_size(path.stat().st_size)}" in page


def test_the_class_files_are_in_the_offline_zip(deploy):
    with zipfile.ZipFile(deploy.zip) as archive:
        names = set(archive.namelist())
    for lesson in LESSONS:
        for kind, _, _ in FORMATS:
            assert f"offline/class/{class_file(lesson.stem, kind, 'a4')}" in names


def test_a_preview_links_no_class_file(preview):
    page = preview.html("teachers/lesson-plans/02-the-offensive/index.html")
    assert not re.search(r'href="[./]*class/', page) and "make pdf" in page
    assert not (preview.site / "class").exists()


def test_a_build_that_offers_class_files_stops_when_they_are_missing_or_stale(tmp_path):
    from macros.classroom import DIGEST_FILE, check_built, inputs_digest
    for folder in ("docs/chapters", "docs/teachers/lesson-plans", "data", "classroom", "macros",
                   "pdf"):
        (tmp_path / folder).mkdir(parents=True)
    for name in ("mkdocs.yml", "requirements.txt", "pdf/render.py"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    built = tmp_path / "build" / "class" / "a4"
    built.mkdir(parents=True)
    with pytest.raises(DataError) as caught:
        check_built(tmp_path, ["01-a"], "a4")
    assert str(caught.value) == ("build/class/a4/01-a-worksheet.pdf: missing: run make pdf "
                                 "PAPER=a4 (or python -m classroom --paper a4)")
    for name in class_files(["01-a"], "a4"):
        (built / name).write_bytes(b"x")
    (built / DIGEST_FILE).write_text(inputs_digest(tmp_path), encoding="utf-8")
    assert check_built(tmp_path, ["01-a"], "a4") == built
    (tmp_path / "data" / "timeline.yml").write_text("- id: new\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_built(tmp_path, ["01-a"], "a4")
    assert str(caught.value).startswith("build/class/a4: made from older chapters, lesson plans, "
                                        "data or code: run make pdf PAPER=a4")


def test_a_bad_worksheet_stops_the_build_in_one_line(project_copy):
    path = project_copy / "docs" / "teachers" / "lesson-plans" / "02-the-offensive.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    map: offensive\n", "    map: atlantis\n", 1), encoding="utf-8")
    errors = build_errors(project_copy)          # MkDocs names the page, then the problem
    assert errors[-1].endswith("docs/teachers/lesson-plans/02-the-offensive.md: front matter "
                               "worksheet #1 ('map-activity'): unknown map 'atlantis' (not in "
                               "data/maps.yml)")
