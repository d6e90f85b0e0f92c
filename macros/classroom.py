"""For your class: the files a lesson plan offers, and the worksheet its front matter describes.

A lesson plan (docs/teachers/lesson-plans/NN-slug.md) names in its front matter what students
do in each activity (`worksheet:`); the chapter's front matter gives the quiz and the discussion
questions. `python -m classroom` turns both into a worksheet (PDF and DOCX), slides (PPTX), the
quiz for learning platforms (QTI and Moodle XML) and an answer key (PDF), into
build/class/<paper>/. A build that offers PDFs (make pdf, make site) offers these files too: the
"For your class" panel links them with their sizes, and the build copies them into class/.
"""

import hashlib
import re
import shutil
from pathlib import Path

from mkdocs.utils.meta import get_data
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .chapters import chapter_files
from .editions import pdf_file, pdf_paper
from .errors import DataError
from .i18n import say
from .loader import describe_error

LESSON_FILE = re.compile(r"^teachers/lesson-plans/(\d\d)-[a-z0-9-]+\.md$")
CLASS_DIR = "class"                      # in the site: class/<file>
BUILT = Path("build/class")              # what python -m classroom writes: build/class/<paper>/
DIGEST_FILE = "inputs.sha256"

# What the panel offers, in its order: (kind, label, what the file is for), in English; every
# edition's words are data/words.yml's class-<kind> ("label: what it is for").
KINDS = ["worksheet.pdf", "worksheet.docx", "slides.pptx", "quiz-qti.zip", "quiz-moodle.xml",
         "quiz-easier-qti.zip", "quiz-easier-moodle.xml", "quiz-ar-qti.zip", "quiz-ar-moodle.xml",
         "answer-key.pdf"]
FORMATS = [(kind, *say("en", f"class-{kind}").split(": ", 1)) for kind in KINDS]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Table(_Strict):
    """An empty table for students to fill in: its column headings and how many rows."""

    columns: list[str] = Field(min_length=1, max_length=6)
    rows: int = Field(default=4, ge=1, le=12)


class Activity(_Strict):
    """What students do in one activity of a lesson plan, as their worksheet gives it."""

    activity: str                    # the id of the activity's heading in the plan: map-activity
    task: str                        # the instructions, written to the student
    map: str | None = None           # a map of data/maps.yml, printed with the activity
    table: Table | None = None
    questions: list[str] = []        # each followed by lines to write on
    lines: int = Field(default=3, ge=1, le=10)
    sources: list[str] = []          # sources of any fact the task states, printed under it

    @model_validator(mode="after")
    def _asks_something(self) -> "Activity":
        if not self.questions and not self.table:
            raise ValueError("an activity gives questions, a table to fill in, or both")
        return self


class LessonMeta(BaseModel):
    """A lesson plan's front matter: MkDocs' title and description, and the worksheet."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    description: str | None = None
    search: dict | None = None        # Material's search settings (from .meta.yml)
    worksheet: list[Activity] = Field(min_length=1)


def activity_headings(body: str) -> dict[str, str]:
    """The plan's activity headings, id to title: `### Activity 1: the map {#map-activity}`."""
    return {match.group(2): match.group(1).strip()
            for match in re.finditer(r"^### (Activity .+?) \{#([a-z0-9-]+)\}\s*$", body, re.M)}


def load_lesson(src_uri: str, meta: dict, body: str, book) -> LessonMeta:
    """Validate a lesson plan's front matter against its headings, maps and sources, or stop."""
    where = f"docs/{src_uri}"
    try:
        lesson = LessonMeta.model_validate(meta)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error["loc"]
        if len(loc) > 1 and isinstance(loc[1], int):       # worksheet #2: field 'map'
            entry, error = f"front matter worksheet #{loc[1] + 1}", {**error, "loc": loc[2:]}
        else:
            entry = "front matter"
        raise DataError(where, entry, describe_error(error)) from None
    headings = activity_headings(body)
    for n, activity in enumerate(lesson.worksheet, start=1):
        entry = f"front matter worksheet #{n} ('{activity.activity}')"
        if activity.activity not in headings:
            known = ", ".join(headings) or "none"
            raise DataError(where, entry, f"no heading '### Activity ... {{#{activity.activity}}}' "
                                          f"in this plan (its activities: {known})")
        if activity.map and activity.map not in book.maps:
            raise DataError(where, entry, f"unknown map '{activity.map}' (not in data/maps.yml)")
        for key in activity.sources:
            if key not in book.sources:
                raise DataError(where, entry, f"unknown source '{key}' (not in data/sources.yml)")
    missing = [key for key in headings if key not in {a.activity for a in lesson.worksheet}]
    if missing:
        raise DataError(where, "front matter worksheet",
                        f"activity '{missing[0]}' has a heading but no worksheet entry")
    return lesson


def lesson_files(docs_dir: Path) -> dict[int, Path]:
    """Chapter number to lesson plan file, for every plan in docs/teachers/lesson-plans/."""
    found = {}
    for path in sorted((docs_dir / "teachers" / "lesson-plans").glob("*.md")):
        match = LESSON_FILE.match(path.relative_to(docs_dir).as_posix())
        if match:
            found[int(match.group(1))] = path
    return found


def read_lesson(path: Path, docs_dir: Path, book) -> tuple[LessonMeta, str]:
    """A lesson plan from disk: its validated front matter and its body."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    return load_lesson(path.relative_to(docs_dir).as_posix(), meta, body, book), body


# --- The files ----------------------------------------------------------------------------

def class_file(stem: str, kind: str, paper: str) -> str:
    """The file name of one format for the chapter whose file is `stem`.md: a paper size shows
    in the name of the files laid out on paper (worksheets, answer key), as in the PDFs'."""
    name, _, ext = kind.partition(".")
    if ext in ("pdf", "docx"):
        return pdf_file(f"{stem}-{name}", paper).removesuffix(".pdf") + f".{ext}"
    return f"{stem}-{kind}"


def class_files(stems: list[str], paper: str) -> list[str]:
    """Every file `python -m classroom` writes for these chapters on `paper`."""
    return [class_file(stem, kind, paper) for stem in stems for kind, _, _ in FORMATS]


def inputs_digest(root: Path) -> str:
    """A hash of everything the class files are made from: the chapters and lesson plans, the
    data, the code that renders them and the pinned libraries. Equal digests mean the files need
    no remaking."""
    digest = hashlib.sha256()
    paths = [*sorted((root / "docs" / "chapters").glob("*.md")),
             *sorted((root / "docs" / "teachers" / "lesson-plans").glob("*.md")),
             *sorted(p for p in (root / "data").rglob("*") if p.is_file()),
             *sorted((root / "classroom").glob("*.*")),
             *sorted((root / "macros").rglob("*.py")), root / "pdf" / "render.py",
             root / "mkdocs.yml", root / "requirements.txt"]
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def check_built(root: Path, stems: list[str], paper: str) -> Path:
    """The folder of class files made from what is here now, or a DataError saying what to run."""
    folder = root / BUILT / paper
    stamp = folder / DIGEST_FILE
    run = f"run make pdf PAPER={paper} (or python -m classroom --paper {paper})"
    for name in class_files(stems, paper):
        if not (folder / name).is_file():
            raise DataError(f"{BUILT}/{paper}/{name}", None, f"missing: {run}")
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != inputs_digest(root):
        raise DataError(f"{BUILT}/{paper}", None,
                        f"made from older chapters, lesson plans, data or code: {run}")
    return folder


def human_size(size: int, lang: str = "en") -> str:
    """A file size as a reader reads it: 48 KB, 1.2 MB."""
    if size < 1000 * 1024:
        return say(lang, "size-kb", n=max(1, round(size / 1024)))
    return say(lang, "size-mb", n=f"{size / 1024 / 1024:.1f}")


def render_panel(links: list[tuple[str, str, str, int]], lang: str = "en") -> str:
    """The "For your class" box: each file as (href, label, purpose, size); without files (a
    build that offers no PDFs), a line saying which command makes them. Another edition names
    them in its words, and says which are in English (all but its own quiz)."""
    title = say(lang, "for-your-class")
    if not links:
        return f'!!! tip "{title}"\n\n    {say(lang, "class-files-later")}\n'
    comma = "، " if lang == "ar" else ", "
    items = "\n".join(f'    - <a href="{href}" download>{label}</a>{comma}{human_size(size, lang)}: '
                      f"{purpose}" for href, label, purpose, size in links)
    return f'!!! tip "{title}"\n\n{items}\n'


def register(env, book) -> None:
    """`for_your_class()` on a lesson plan: its chapter's class files, if this build has them.

    A build that offers PDFs checks first that the class files are there and made from what is
    here now, and stops with one line if not."""
    root = Path(env.project_dir)
    docs_dir = Path(env.conf["docs_dir"])
    stems = {number: path.stem for number, path in chapter_files(docs_dir).items()}
    paper = pdf_paper(env.conf)
    folder = check_built(root, list(stems.values()), paper) if paper else None
    env.class_files = (folder, class_files(list(stems.values()), paper) if paper else [])

    @env.macro
    def for_your_class() -> str:
        """The "For your class" box: worksheet, slides, quiz and answer key, with their sizes."""
        here = env.here
        match = LESSON_FILE.match(here.src_uri)
        if not match or int(match.group(1)) not in stems:
            return here.problem("for_your_class()", "works only in a lesson plan of a chapter "
                                "(docs/teachers/lesson-plans/NN-slug.md)")
        try:
            read_lesson(docs_dir / here.src_uri, docs_dir, book)
        except DataError as error:
            return here.defer(error)
        if folder is None:
            return render_panel([], here.lang)
        links = []
        for kind, label, purpose in FORMATS:
            name = class_file(stems[int(match.group(1))], kind, paper)
            if here.lang != "en":      # the edition's words; the file's format stays its name
                label, purpose = say(here.lang, f"class-{kind}").split(": ", 1)
            links.append((here.relative(f"{CLASS_DIR}/{name}"), label, purpose,
                          (folder / name).stat().st_size))
        return render_panel(links, here.lang)


def on_post_build(env) -> None:
    """Copy the class files into the site, when this build offers them."""
    folder, names = env.class_files
    if folder is None:
        return
    out = Path(env.conf["site_dir"]) / CLASS_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(folder / name, out / name)
