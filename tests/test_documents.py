"""Document sets: the data (data/documents.yml), its checks, and the pages made from it."""

import re

import pytest
import yaml

from conftest import ROOT, small_book, test_data
from macros.documents import QUOTE_LIMIT, render_document, render_key, render_set
from macros.errors import DataError


def book_with(tmp_path, change):
    """The test book with its document set changed by `change(set_dict)`."""
    sets = yaml.safe_load(test_data("documents"))
    change(sets[0])
    return small_book(tmp_path, documents=yaml.safe_dump(sets, allow_unicode=True))


def first_doc(**fields):
    def change(doc_set):
        doc_set["documents"][0].update(fields)
        for key in [k for k, v in fields.items() if v is None]:
            del doc_set["documents"][0][key]
    return change


def test_the_test_book_has_a_set_of_four_documents(tmp_path):
    book = small_book(tmp_path)
    [doc_set] = book.documents
    assert [doc.id for doc in doc_set.documents] == ["command-enters-city", "state-denies-entry",
                                                     "monitor-counts", "early-report"]


@pytest.mark.parametrize("change, problem", [
    (first_doc(source="no-such-source"),
     "document 'command-enters-city': unknown source 'no-such-source' (not in data/sources.yml)"),
    (first_doc(speaker=None), "entry #1: missing field 'documents.0.speaker'"),
    (first_doc(date=None), "entry #1: missing field 'documents.0.date'"),
    (first_doc(date="2024-11-31"), "entry #1: field 'documents.0.date': date must be a real date "
                                   "written YYYY-MM-DD"),
    (first_doc(text="word " * (QUOTE_LIMIT + 1)),
     f"entry #1: field 'documents.0.text': a quotation is at most {QUOTE_LIMIT} words (this one "
     f"has {QUOTE_LIMIT + 1}): quote a shorter extract"),
    (first_doc(provenance="A report."), "entry #1: field 'documents.0': give either 'source' (a "
                                        "data/sources.yml id) or 'provenance', not both"),
    (first_doc(translated_by=None), "entry #1: field 'documents.0': a text first said in another "
                                    "language needs 'translated_by'"),
    (first_doc(id="monitor-counts"), "document 'monitor-counts': duplicate id"),
    (lambda doc_set: doc_set["documents"].pop(), "entry #1: field 'documents': List should have "
                                                 "at least 4 items"),
])
def test_a_bad_document_stops_the_build_with_one_line(tmp_path, change, problem):
    with pytest.raises(DataError) as error:
        book_with(tmp_path, change)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"data/documents.yml: {problem}"), message


def test_a_document_shows_its_words_beside_the_modified_version_with_who_and_when(tmp_path):
    doc_set = small_book(tmp_path).documents[0]
    cited = []
    html = render_document(doc_set, doc_set.documents[1], lambda key: cited.append(key) or "[1]")
    assert html.startswith("### Document B: State television, 29 November 2024 "
                           "{#doc-state-denies-entry}\n")
    original, modified = re.findall(r"<blockquote><p>(.*?)</p></blockquote>", html)
    assert (original, modified) == ("A denial.", "The television said it was not true.")
    assert "<figcaption>Modified: the same in simpler words</figcaption>" in html
    assert ('<p class="doc-original-language" lang="ar" dir="auto">نفي</p>') in html
    assert ("State television, 29 November 2024, for viewers in government-held areas. "
            "Translated from Arabic by this book.[1]</p>") in html
    assert cited == ["state-2024-11-29"]
    assert html.count("<li><strong>") == 4


def test_the_model_answer_is_only_in_the_teachers_copy(tmp_path):
    doc_set = small_book(tmp_path).documents[0]
    student = render_set(doc_set, "2. The offensive", "../chapters/02-x.md", lambda key: "[1]")
    teacher = render_key(doc_set, "../../documents/02-x.md")
    assert doc_set.model_answer not in student
    assert doc_set.model_answer in teacher
    assert student.count("<th scope=\"row\">Document ") == 4      # one organiser row per document


def test_a_document_without_a_page_names_where_it_comes_from(tmp_path):
    doc_set = small_book(tmp_path).documents[0]
    html = render_document(doc_set, doc_set.documents[3], lambda key: pytest.fail("no source"))
    assert "An early report whose outlet is not named; short extracts only.</p>" in html


# --- The book's sets --------------------------------------------------------------------------

from macros.book import load_book                       # noqa: E402
from macros.chapters import chapter_files               # noqa: E402

BOOK = load_book(ROOT / "data")
CHAPTERS = chapter_files(ROOT / "docs")


def test_every_chapter_has_one_set_of_four_to_six_documents():
    assert sorted(doc_set.chapter for doc_set in BOOK.documents) == sorted(CHAPTERS)
    for doc_set in BOOK.documents:
        assert 4 <= len(doc_set.documents) <= 6
        speakers = {doc.speaker.split(",")[0] for doc in doc_set.documents}
        assert len(speakers) >= 3, f"chapter {doc_set.chapter}: fewer than three voices"


def test_a_document_naming_an_unknown_claim_stops_the_build(project_copy):
    from conftest import build_errors
    path = project_copy / "data" / "documents.yml"
    text = path.read_text(encoding="utf-8")
    doc = next(doc for s in BOOK.documents for doc in s.documents if doc.claim)
    path.write_text(text.replace(f"claim: {doc.claim}\n", "claim: no-such-claim\n", 1),
                    encoding="utf-8")
    errors = build_errors(project_copy)
    assert f"data/documents.yml: document '{doc.id}': unknown claim 'no-such-claim'" in errors[-1]


def _visible(html: str) -> str:
    from html import unescape
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_model_answers_are_only_in_the_teachers_pages(site):
    answers = {doc_set.chapter: re.sub(r"\s+", " ", doc_set.model_answer)[:80]
               for doc_set in BOOK.documents}
    for page in site.site.rglob("*.html"):
        where = page.relative_to(site.site).as_posix()
        text = _visible(page.read_text(encoding="utf-8"))
        for chapter, answer in answers.items():
            if answer in text:
                assert where.startswith("teachers/lesson-plans/"), f"{where}: chapter {chapter}"


def test_each_lesson_plan_gives_its_sets_model_answer(site):
    for doc_set in BOOK.documents:
        page = site.html(f"teachers/lesson-plans/{CHAPTERS[doc_set.chapter].stem}/index.html")
        assert re.sub(r"\s+", " ", doc_set.model_answer)[:80] in _visible(page)


def test_contested_boxes_link_the_documents_that_speak_for_their_sides(site):
    for doc_set in BOOK.documents:
        stem = CHAPTERS[doc_set.chapter].stem
        chapter = site.html(f"chapters/{stem}/index.html")
        set_page = site.html(f"documents/{stem}/index.html")
        for doc in doc_set.documents:
            assert f'id="doc-{doc.id}"' in set_page
            if doc.claim:
                assert f'href="../../documents/{stem}/#doc-{doc.id}"' in chapter, doc.id


def test_each_set_prints_as_its_own_pdf_without_the_model_answer(pdfs):
    from pypdf import PdfReader
    for doc_set in BOOK.documents:
        path = pdfs / f"documents-{CHAPTERS[doc_set.chapter].stem}.pdf"
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))
        assert "Graphic organiser" in text and "The central question" in text, path.name
        assert re.sub(r"\s+", " ", doc_set.model_answer)[:60] not in text, path.name


def test_the_sheets_stylesheet_reaches_only_the_pages_to_fill_in(site):
    assert (site.site / "assets" / "stylesheets" / "sheets.css").is_file()
    link = 'assets/stylesheets/sheets.css">'
    assert link in site.html(f"documents/{CHAPTERS[2].stem}/index.html")
    assert link in site.html("teachers/handouts/word-bank-02/index.html")
    assert link not in site.html(f"chapters/{CHAPTERS[2].stem}/index.html")
