"""A chapter's slides as an editable PowerPoint deck (16:9), with the sources in the speaker notes.

The deck: the title and key question; what students will learn; the chapter's maps (the static
twins); a slice of its timeline; one contested claim with its sides next to each other; the key
takeaways; the discussion questions. Text is never shrunk below 20 pt, which a class reads from
the back of the room: what does not fit on one slide goes on to the next.
"""

import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from macros.chapters import Claim
from macros.maps import load_basemap
from macros.maps.static import render_png
from macros.sources import format_date
from macros.timeline import Event, select

from .lesson import Lesson, plain, sources_text
from . import restamped
from .sheets import chapter_name, edition_line, office_time

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.45)
BODY_HEIGHT = HEIGHT - BODY_TOP - Inches(0.7)
BODY_WIDTH = WIDTH - 2 * MARGIN
FONT = "Arial"                 # Liberation Sans, with the same widths, where Arial is missing
INDIGO = RGBColor(0x28, 0x35, 0x93)
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x55, 0x55, 0x55)
SIZES = (28, 26, 24, 22, 20)   # body text, largest first; 20 pt is the floor
ROOMY = SIZES[:3]              # what a slide of several paragraphs aims for: 24 pt or more
MAP_SCALE = 0.7               # the map drawn smaller, its labels not, so they read larger on a slide
TIMELINE_EVENTS = 8            # at most, spread over the chapter's events
# Average width of a character in Arial, in ems, rounded up: measured on the book's text in
# Liberation Sans (Arial's widths) as LibreOffice lays out a slide, 0.41-0.44 regular; bold
# headings with capitals ran to 0.55. A word is as wide as its characters; lines break only
# between words; and every deck is checked by eye in LibreOffice's rendering (README).
CHAR_EM = {False: 0.47, True: 0.56}
SPACE_EM = 0.28
LINE = 1.17                    # line height, in ems (LibreOffice's and PowerPoint's single)

Runs = list[tuple[str, bool]]  # a paragraph: (text, bold) runs


def lines_needed(runs: Runs, width: Emu, size: int) -> int:
    """How many lines a paragraph takes in a box `width` wide at `size` pt (an upper estimate)."""
    room = Emu(width).pt - 8                       # the box's own inner margins
    lines, used = 1, 0.0
    for text, bold in runs:
        for word in text.split():
            needed = len(word) * CHAR_EM[bold] * size
            if used and used + SPACE_EM * size + needed > room:
                lines, used = lines + 1, needed
            else:
                used += (SPACE_EM * size if used else 0) + needed
    return lines


def height_needed(paragraphs: list[Runs], width: Emu, size: int, gap: float = 0.5) -> float:
    """The height in points that `paragraphs` take, `gap` lines apart, with half a line spare."""
    lines = sum(lines_needed(p, width, size) for p in paragraphs)
    return (lines * LINE + gap * max(0, len(paragraphs) - 1) + 0.5) * size


def fitting_size(paragraphs: list[Runs], width: Emu, height: Emu, sizes=SIZES) -> int | None:
    """The largest size at which `paragraphs` fit the box, or None if none does."""
    for size in sizes:
        if height_needed(paragraphs, width, size) <= Emu(height).pt:
            return size
    return None


def pack(items: list[Runs], width: Emu, height: Emu, sizes=ROOMY) -> list[list[Runs]]:
    """Paragraphs in as few groups as fit the box at one of `sizes`, spread evenly, in order
    (a paragraph too long for them stands alone, at 20 pt or more)."""
    greedy: list[list[Runs]] = [[]]
    for item in items:
        if greedy[-1] and fitting_size(greedy[-1] + [item], width, height, sizes) is None:
            greedy.append([item])
        else:
            greedy[-1].append(item)
    count = len(greedy)
    even = [items[round(n * len(items) / count):round((n + 1) * len(items) / count)]
            for n in range(count)]
    if all(fitting_size(group, width, height, sizes) for group in even):
        return even
    return greedy


# --- Drawing ---------------------------------------------------------------------------------

def _box(slide, left, top, width, height):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.03)
    return frame


def _run(paragraph, text: str, size: int, bold: bool = False, color=INK) -> None:
    run = paragraph.add_run()
    run.text = text
    run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
    run.font.color.rgb = color


def _bullet(paragraph) -> None:
    props = paragraph._p.get_or_add_pPr()
    props.set("marL", str(Inches(0.4)))
    props.set("indent", str(-Inches(0.4)))
    etree.SubElement(props, qn("a:buChar"), char="•")


def _paragraphs(frame, items: list[list[tuple[str, bool]]], size: int, bullets: bool) -> None:
    """Write paragraphs made of (text, bold) runs, half a line apart."""
    for n, runs in enumerate(items):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.5)
        if bullets:
            _bullet(paragraph)
        for text, bold in runs:
            _run(paragraph, text, size, bold)


class Deck:
    """A presentation being written, slide by slide, each with speaker notes."""

    def __init__(self, lesson: Lesson):
        self.lesson = lesson
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.blank = self.prs.slide_layouts[6]
        props = self.prs.core_properties
        props.title = f"Slides: {chapter_name(lesson)}"
        props.author = lesson.edition.title
        props.comments = edition_line(lesson)
        props.created = props.modified = office_time(lesson)
        props.revision = 1

    def slide(self, title: str, notes: list[str]):
        """A new slide with its title (at most two lines at 32 pt) and speaker notes."""
        slide = self.prs.slides.add_slide(self.blank)
        frame = _box(slide, MARGIN, Inches(0.35), BODY_WIDTH, Inches(1.0))
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        size = fitting_size([[(title, True)]], BODY_WIDTH, Inches(1.0), (34, 32, 30, 28)) or 28
        _run(frame.paragraphs[0], title, size, bold=True, color=INDIGO)
        footer = _box(slide, MARGIN, HEIGHT - Inches(0.5), BODY_WIDTH, Inches(0.35))
        _run(footer.paragraphs[0], f"{self.lesson.edition.title} · {chapter_name(self.lesson)}",
             12, color=GREY)
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        return slide

    def text(self, title: str, items: list[Runs], notes: list[str], bullets: bool = True,
             continued: str | None = None) -> int:
        """Slides of paragraphs under one title, as many as the text needs; returns how many.
        Slides after the first take `continued` as their title (default: the title, continued)."""
        groups = pack(items, BODY_WIDTH - Inches(0.4), BODY_HEIGHT)
        for n, group in enumerate(groups):
            heading = title if n == 0 else (continued or f"{title} (continued)")
            slide = self.slide(heading, notes)
            frame = _box(slide, MARGIN, BODY_TOP, BODY_WIDTH, BODY_HEIGHT)
            size = fitting_size(group, BODY_WIDTH - Inches(0.4), BODY_HEIGHT)
            if size is None:
                raise ValueError(f"{title}: a paragraph is too long for one slide at 20 pt")
            _paragraphs(frame, group, size, bullets)
        return len(groups)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return restamped(out.getvalue())


# --- The slides ------------------------------------------------------------------------------

def _sources_notes(lesson: Lesson, ids: list[str], lead: str = "Sources:") -> list[str]:
    return [lead, *(f"- {line}" for line in sources_text(lesson.book, ids))]


def title_slide(deck: Deck) -> None:
    lesson = deck.lesson
    slide = deck.prs.slides.add_slide(deck.blank)
    frame = _box(slide, MARGIN, Inches(1.2), BODY_WIDTH, Inches(2.2))
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _run(frame.paragraphs[0], f"Chapter {lesson.number}", 24, color=GREY)
    title = lesson.title.split(". ", 1)[-1]
    _run(frame.add_paragraph(), title, fitting_size([[(title, True)]], BODY_WIDTH, Inches(1.6),
                                                    (44, 40, 36, 32)) or 32, bold=True,
         color=INDIGO)
    question = plain(lesson.meta.key_question)
    body = _box(slide, MARGIN, Inches(3.7), BODY_WIDTH, Inches(2.6))
    size = fitting_size([[("Key question: ", True), (question, False)]], BODY_WIDTH,
                        Inches(2.6)) or 20
    paragraph = body.paragraphs[0]
    _run(paragraph, "Key question: ", size, bold=True)
    _run(paragraph, question, size)
    footer = _box(slide, MARGIN, HEIGHT - Inches(0.8), BODY_WIDTH, Inches(0.5))
    _run(footer.paragraphs[0], edition_line(lesson), 14, color=GREY)
    slide.notes_slide.notes_text_frame.text = (
        f"{edition_line(lesson)}\nThe chapter, its lesson plan and its answer key are on the "
        "site; every slide's notes list the sources of what it shows.")


def map_slide(deck: Deck, map_id: str) -> None:
    lesson = deck.lesson
    spec = lesson.book.maps[map_id]
    notes = [plain(spec.caption), f"As of {format_date(spec.as_of)}.",
             *_sources_notes(lesson, spec.sources)]
    slide = deck.slide(spec.title, notes)
    png = render_png(spec, lesson.book, load_basemap(), dpi=200, scale=MAP_SCALE)
    picture = slide.shapes.add_picture(io.BytesIO(png),
                                       MARGIN, BODY_TOP - Inches(0.1))
    scale = min(BODY_WIDTH / picture.width, (BODY_HEIGHT + Inches(0.2)) / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = int((WIDTH - picture.width) / 2)


def timeline_slice(lesson: Lesson) -> list[Event]:
    """At most TIMELINE_EVENTS of the chapter's events, spread evenly from its first to its last."""
    events = select(lesson.book.events, chapter=lesson.number)
    if len(events) <= TIMELINE_EVENTS:
        return events
    step = (len(events) - 1) / (TIMELINE_EVENTS - 1)
    return [events[round(n * step)] for n in range(TIMELINE_EVENTS)]


def timeline_slides(deck: Deck) -> int:
    lesson = deck.lesson
    events = timeline_slice(lesson)
    if not events:
        return 0
    items = [[(f"{event.date.label()}: ", True), (plain(event.text), False)] for event in events]
    notes = ["A slice of the chapter's events on the Timeline page (data/timeline.yml)."]
    for event in events:
        notes += _sources_notes(lesson, event.sources, f"{event.date.label()}:")
    span = f"{events[0].date.label()} to {events[-1].date.label()}"
    return deck.text(f"Timeline: {span}", items, notes, bullets=False,
                     continued="Timeline (continued)")


def chosen_claim(lesson: Lesson) -> Claim | None:
    """The contested claim with the fewest sides (the first of those): the clearest side by side."""
    claims = lesson.meta.claims
    return min(claims, key=lambda claim: len(claim.sides)) if claims else None


GAP = Inches(0.3)                # between the columns of a claim's sides
ESTABLISHED = Inches(1.8)        # the band for what later reporting established


def _column_size(chunk: list[tuple[str, str]], height: Emu) -> int | None:
    """The size at which every side of `chunk` fits its column, or None."""
    width = int((BODY_WIDTH - GAP * (len(chunk) - 1)) / len(chunk))
    sizes = [fitting_size([[(party, True)], [(text, False)]], width, height)
             for party, text in chunk]
    return None if None in sizes else min(sizes)


def claim_slides(deck: Deck) -> int:
    """The claim's sides in columns, as many a slide as fit (three at most); what later
    reporting established below them, or on a slide of its own when there is no room."""
    lesson = deck.lesson
    claim = chosen_claim(lesson)
    if claim is None:
        return 0
    ids = [key for side in claim.sides for key in side.sources] + claim.established_sources
    notes = ["Each side's words are its own; the chapter shows the same box with citations.",
             *_sources_notes(lesson, ids)]
    sides = [(side.party + (f" ({format_date(side.date)})" if side.date else ""),
              plain(side.claim)) for side in claim.sides]
    # The most sides a slide that keeps 24 pt; else the layout with the largest type.
    layouts = []
    for per_slide in (3, 2, 1):
        chunks = [sides[n:n + per_slide] for n in range(0, len(sides), per_slide)]
        sizes = [_column_size(chunk, BODY_HEIGHT) for chunk in chunks]
        if None not in sizes:
            layouts.append((min(sizes), chunks))
    if not layouts:
        raise ValueError(f"claim '{claim.id}': a side is too long for a slide at 20 pt")
    roomy = [layout for layout in layouts if layout[0] >= 24]
    chunks = (roomy[0] if roomy else max(layouts, key=lambda layout: layout[0]))[1]
    established = [("What later reporting established: ", True),
                   (plain(claim.established), False)] if claim.established else None
    band = 0
    if established and _column_size(chunks[-1], BODY_HEIGHT - ESTABLISHED) and fitting_size(
            [established], BODY_WIDTH, ESTABLISHED):
        band = ESTABLISHED
    topic = f"Contested: {plain(claim.topic)}"
    for number, chunk in enumerate(chunks):
        last = number == len(chunks) - 1
        height = BODY_HEIGHT - (band if last else 0)
        size = _column_size(chunk, height)
        width = int((BODY_WIDTH - GAP * (len(chunk) - 1)) / len(chunk))
        slide = deck.slide(topic + (" (continued)" if number else ""), notes)
        for column, (party, text) in enumerate(chunk):
            frame = _box(slide, MARGIN + column * (width + GAP), BODY_TOP, width, height)
            _paragraphs(frame, [[(party, True)], [(text, False)]], size, bullets=False)
        if last and band:
            frame = _box(slide, MARGIN, BODY_TOP + height + Inches(0.1), BODY_WIDTH, band)
            _paragraphs(frame, [established], fitting_size([established], BODY_WIDTH, band),
                        bullets=False)
    extra = 0
    if established and not band:
        extra = deck.text(topic + " (continued)", [established], notes, bullets=False)
    return len(chunks) + extra


def deck_pptx(lesson: Lesson) -> bytes:
    """The chapter's slides as a .pptx file."""
    deck = Deck(lesson)
    title_slide(deck)
    chapter = lesson.chapter
    source_note = ["From the chapter's own sections; their sources are cited in the chapter."]
    deck.text("What you will learn", [[(plain(item), False)]
                                      for item in chapter.section_items("objectives")], source_note)
    for map_id in lesson.maps:
        map_slide(deck, map_id)
    timeline_slides(deck)
    claim_slides(deck)
    deck.text("Key takeaways", [[(plain(item), False)]
                                for item in chapter.section_items("takeaways")], source_note)
    deck.text("Discuss", [[(f"{n}. ", True), (plain(d.question), False)]
                          for n, d in enumerate(lesson.meta.discussion, start=1)],
              ["Model answers are in the answer key, for the teacher only."], bullets=False)
    return deck.save()


def content_slides(pptx: bytes) -> int:
    """How many slides stand between the title and the discussion questions."""
    titles = [slide_title(slide) for slide in Presentation(io.BytesIO(pptx)).slides]
    first_discuss = next(n for n, title in enumerate(titles) if title.startswith("Discuss"))
    return first_discuss - 1


def slide_title(slide) -> str:
    """The first line of a slide's first text box: its title."""
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            return shape.text_frame.paragraphs[0].text
    return ""


