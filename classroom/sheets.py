"""Worksheets (PDF and Word) for students, with no answers; the answer key (PDF) for teachers.

A worksheet gives each activity of the lesson plan as its front matter describes it (the task,
its map, a table to fill in, questions with lines to write on), then the chapter's discussion
questions and its quiz without answers. The answer key is the teachers' page's own
(macros.teaching.render_answer_key), on paper.
"""

import base64
import datetime as dt
import html
import re
import io
from pathlib import Path

import markdown
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from macros.classroom import Activity
from macros.maps import load_basemap
from macros.maps.static import render_png, render_svg
from macros.sources import format_date
from macros.teaching import render_answer_key
from pdf.render import render

from . import restamped
from .lesson import Lesson, plain

STYLESHEET = Path(__file__).with_name("sheet.css")
LETTERS = "ABCDEFGH"
PAGE = {"a4": (Mm(210), Mm(297)), "letter": (Mm(215.9), Mm(279.4))}
INDIGO = RGBColor(0x28, 0x35, 0x93)


def office_time(lesson: Lesson) -> dt.datetime:
    """The time an Office file says it was made: the book's as-of date, the same every build."""
    return dt.datetime.combine(lesson.edition.as_of, dt.time())


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def edition_line(lesson: Lesson) -> str:
    """The footer of every sheet: the book, its as-of date and its licence."""
    edition = lesson.edition
    return f"{edition.title} · as of {format_date(edition.as_of)} · {edition.licence}"


def chapter_name(lesson: Lesson) -> str:
    """Chapter 2: The offensive, 27 November - 8 December 2024."""
    return f"Chapter {lesson.number}: {lesson.title.split('. ', 1)[-1]}"


def activities(lesson: Lesson) -> list[tuple[str, Activity]]:
    """The worksheet's activities with their headings from the plan, in the plan's order."""
    return [(lesson.activities[a.activity], a) for a in lesson.plan.worksheet]


def source_names(lesson: Lesson, ids: list[str]) -> str:
    """Sources in short, for a sheet: Reuters, 7 December 2024; AFP."""
    return "; ".join(lesson.book.sources[key].byline() for key in ids)


# --- The worksheet on paper ------------------------------------------------------------------

def _lines(count: int) -> str:
    return '<div class="lines">' + "<div></div>" * count + "</div>"


def _questions(items: list[str], lines: int) -> str:
    rows = "".join(f"<li><p>{_e(plain(q))}</p>{_lines(lines)}</li>" for q in items)
    return f'<ol class="questions">{rows}</ol>'


def _map_img(lesson: Lesson, map_id: str) -> str:
    spec = lesson.book.maps[map_id]
    svg = render_svg(spec, lesson.book, load_basemap())
    data = base64.b64encode(svg.encode()).decode()
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="Map: {_e(spec.title)}">'
            f"<figcaption>{_e(spec.title)}</figcaption></figure>")


def worksheet_html(lesson: Lesson) -> str:
    """The student worksheet as a complete HTML document, with no answer in it."""
    parts = [f'<p class="edition">{_e(edition_line(lesson))}</p>',
             f"<h1>Worksheet · {_e(chapter_name(lesson))}</h1>",
             '<p class="name"><span class="wide">Name</span><span>Class</span>'
             "<span>Date</span></p>",
             f'<p class="key-question"><strong>Key question:</strong> '
             f"{_e(plain(lesson.meta.key_question))}</p>"]
    for heading, activity in activities(lesson):
        parts.append(f"<section><h2>{_e(heading)}</h2><p>{_e(plain(activity.task))}</p>")
        if activity.map:
            parts.append(_map_img(lesson, activity.map))
        if activity.table:
            head = "".join(f"<th>{_e(plain(c))}</th>" for c in activity.table.columns)
            row = "<tr>" + "<td></td>" * len(activity.table.columns) + "</tr>"
            parts.append(f'<table class="fill"><thead><tr>{head}</tr></thead>'
                         f"<tbody>{row * activity.table.rows}</tbody></table>")
        if activity.questions:
            parts.append(_questions(activity.questions, activity.lines))
        if activity.sources:
            parts.append(f'<p class="sources">Sources: {_e(source_names(lesson, activity.sources))}'
                         "</p>")
        parts.append("</section>")
    parts.append("<section><h2>Discussion</h2>")
    parts.append(_questions([d.question for d in lesson.meta.discussion], 4))
    parts.append("</section><section><h2>Check yourself</h2>")
    items = []
    for q in lesson.meta.quiz:
        if q.options:
            options = "".join(f"<li>{letter}. {_e(plain(o))}</li>"
                              for letter, o in zip(LETTERS, q.options))
            items.append(f'<li><p>{_e(plain(q.question))}</p><ul class="options">{options}</ul></li>')
        else:
            items.append(f"<li><p>{_e(plain(q.question))}</p>{_lines(2)}</li>")
    parts.append(f'<ol class="questions">{"".join(items)}</ol></section>')
    return _document(f"Worksheet: {chapter_name(lesson)}", "".join(parts))


def answer_key_html(lesson: Lesson) -> str:
    """The teacher's answer key: the quiz with its answers, the discussion with model answers."""
    body = markdown.markdown(render_answer_key(lesson.chapter), extensions=["md_in_html"])
    return _document(f"Answer key: {chapter_name(lesson)}",
                     f'<p class="edition">{_e(edition_line(lesson))} · for teachers</p>'
                     f"<h1>Answer key · {_e(chapter_name(lesson))}</h1>"
                     "<h2>Self-check quiz</h2>" + re.sub(r"<p><strong>(Discussion questions:[^<]*)"
                                                         r"</strong></p>", r"<h2>\1</h2>", body))


def _document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}'
            f"</title></head><body>{body}</body></html>\n")


def to_pdf(document: str, paper: str) -> bytes:
    """A sheet as a tagged PDF on `paper`."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = render(document, Path(tmp) / "sheet.pdf", paper, STYLESHEET)
        return out.read_bytes()


# --- The worksheet in Word -------------------------------------------------------------------

def _rule(paragraph) -> None:
    """A line to write on: an empty paragraph with a bottom border. Word and LibreOffice join
    the borders of like paragraphs into one box, so the line between two is drawn too."""
    borders = OxmlElement("w:pBdr")
    for side in ("bottom", "between"):
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "888888")):
            line.set(qn(f"w:{key}"), value)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _write_lines(doc, count: int) -> None:
    for _ in range(count):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.space_after = Pt(0)
        _rule(paragraph)


def _numbered(doc, n: int, text: str):
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.add_run(f"{n}. ").bold = True
    paragraph.add_run(text)
    return paragraph


def worksheet_docx(lesson: Lesson, paper: str) -> bytes:
    """The same worksheet as an editable Word document, with no answer in it."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE[paper]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(16))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].font.name = "Arial"
        doc.styles[name].font.color.rgb = INDIGO
    doc.core_properties.title = f"Worksheet: {chapter_name(lesson)}"
    doc.core_properties.author = lesson.edition.title
    doc.core_properties.comments = edition_line(lesson)
    doc.core_properties.created = doc.core_properties.modified = office_time(lesson)
    footer = section.footer.paragraphs[0]
    footer.text = edition_line(lesson)
    footer.runs[0].font.size = Pt(8)
    doc.add_heading(f"Worksheet · {chapter_name(lesson)}", level=1)
    doc.add_paragraph("Name: ______________________   Class: __________   Date: __________")
    key = doc.add_paragraph()
    key.add_run("Key question: ").bold = True
    key.add_run(plain(lesson.meta.key_question))
    picture_width = section.page_width - section.left_margin - section.right_margin
    for heading, activity in activities(lesson):
        doc.add_heading(heading, level=2)
        doc.add_paragraph(plain(activity.task))
        if activity.map:
            spec = lesson.book.maps[activity.map]
            doc.add_picture(io.BytesIO(render_png(spec, lesson.book, load_basemap())),
                            width=min(picture_width, Cm(12)))
            caption = doc.add_paragraph(spec.title)
            caption.runs[0].font.size = Pt(9)
        if activity.table:
            columns = activity.table.columns
            table = doc.add_table(rows=1 + activity.table.rows, cols=len(columns))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, columns):
                cell.text = plain(text)
                cell.paragraphs[0].runs[0].bold = True
            header = OxmlElement("w:tblHeader")           # repeated on the next page
            table.rows[0]._tr.get_or_add_trPr().append(header)
            for row in table.rows[1:]:
                row.height = Cm(1.1)
        for n, question in enumerate(activity.questions, start=1):
            _numbered(doc, n, plain(question))
            _write_lines(doc, activity.lines)
        if activity.sources:
            note = doc.add_paragraph(f"Sources: {source_names(lesson, activity.sources)}")
            note.runs[0].font.size = Pt(8)
    doc.add_heading("Discussion", level=2)
    for n, question in enumerate(lesson.meta.discussion, start=1):
        _numbered(doc, n, plain(question.question))
        _write_lines(doc, 4)
    doc.add_heading("Check yourself", level=2)
    for n, question in enumerate(lesson.meta.quiz, start=1):
        _numbered(doc, n, plain(question.question))
        if question.options:
            for letter, option in zip(LETTERS, question.options):
                doc.add_paragraph(f"☐  {letter}. {plain(option)}").paragraph_format.left_indent = Cm(0.6)
        else:
            _write_lines(doc, 2)
    out = io.BytesIO()
    doc.save(out)
    return restamped(out.getvalue())
