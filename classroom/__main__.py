"""make pdf: the class files of every chapter, into build/class/<paper>/.

usage: python -m classroom [--paper a4|letter] [--out build/class]

For each chapter: the worksheet (PDF, DOCX), the slides (PPTX), the quiz (QTI zip, Moodle XML)
and the answer key (PDF). Nothing is remade when the chapters, lesson plans, data and code are
what they were last time (inputs.sha256); otherwise the files are written to a folder beside the
old one and swapped in only when every one is done.
"""

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from macros import editions
from macros.classroom import BUILT, DIGEST_FILE, class_file, inputs_digest
from macros.errors import DataError

from . import quiz, sheets, slides
from .lesson import Edition, Lesson, load_lessons

ROOT = Path(__file__).resolve().parent.parent


def formats(lesson: Lesson, paper: str) -> dict[str, bytes]:
    """Every class file of one lesson, by kind (as macros.classroom.FORMATS names them)."""
    ident = f"aleppo-2024-{lesson.stem}"
    title = quiz.quiz_title(lesson.number, lesson.title)
    easier = lesson.chapter.easier
    # The Arabic edition's quiz: the same questions, from their ar: fields.
    arabic = lesson.meta.in_language("ar", f"docs/{lesson.chapter.src_uri}", "front matter")
    arabic_title = quiz.quiz_title(lesson.number, lesson.arabic_title, "ar")
    if easier is None:
        raise DataError(f"docs/{lesson.chapter.src_uri}", None, "has no easier version "
                        f"(docs/chapters/{lesson.stem}/easier.md), whose quiz the class files carry")
    return {
        "worksheet.pdf": sheets.to_pdf(sheets.worksheet_html(lesson), paper),
        "worksheet.docx": sheets.worksheet_docx(lesson, paper),
        "slides.pptx": slides.deck_pptx(lesson),
        "quiz-qti.zip": quiz.qti_package(ident, title, lesson.meta),
        "quiz-moodle.xml": quiz.moodle_xml(title, lesson.meta),
        "quiz-easier-qti.zip": quiz.qti_package(f"{ident}-easier", f"{title} (easier)",
                                                easier.meta),
        "quiz-easier-moodle.xml": quiz.moodle_xml(f"{title} (easier)", easier.meta),
        "quiz-ar-qti.zip": quiz.qti_package(f"{ident}-ar", arabic_title, arabic, "ar"),
        "quiz-ar-moodle.xml": quiz.moodle_xml(arabic_title, arabic, "ar"),
        "answer-key.pdf": sheets.to_pdf(sheets.answer_key_html(lesson), paper),
    }


def _write(job) -> list[tuple[str, int, float]]:
    lesson, paper, out = job
    start = time.monotonic()
    written = []
    for kind, data in formats(lesson, paper).items():
        name = class_file(lesson.stem, kind, paper)
        (out / name).write_bytes(data)
        written.append((name, len(data)))
    return [(name, size, time.monotonic() - start) for name, size in written]


def _config():
    """mkdocs.yml as MkDocs reads it; a setting MkDocs refuses comes back as one ConfigurationError
    that names it (MkDocs itself logs it, then aborts with no name)."""
    problems: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: problems.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        return load_config(str(ROOT / "mkdocs.yml"))
    except (ConfigurationError, Abort) as error:
        raise ConfigurationError(f"mkdocs.yml: {problems[0] if problems else error}") from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str]) -> int:
    parser = _Parser(prog="python -m classroom", description=__doc__.split("\n")[0])
    parser.add_argument("--paper", default="a4", choices=editions.PAPERS)
    parser.add_argument("--out", default=ROOT / BUILT, type=Path)
    args = parser.parse_args(argv)
    target = args.out / args.paper
    digest = inputs_digest(ROOT)
    stamp = target / DIGEST_FILE
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == digest:
        print(f"{target}: class files up to date")
        return 0
    start = time.monotonic()
    try:
        config = _config()
        editions.check(config)             # a bad SITE_URL stops here, before anything is written
        edition = Edition(config["site_name"].partition(": ")[0], config["extra"]["as_of"])
        lessons = load_lessons(ROOT, edition)
    except (DataError, ConfigurationError) as error:
        parser.exit(1, f"{parser.prog}: {error}\n")
    args.out.mkdir(parents=True, exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix=f".{args.paper}-", dir=args.out))
    try:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for files in pool.map(_write, [(lesson, args.paper, out) for lesson in lessons]):
                for name, size, seconds in files:
                    print(f"{target / name!s:58} {size / 1024:6.0f} KB")
        (out / DIGEST_FILE).write_text(digest + "\n", encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(out, target)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"class files for {len(lessons)} chapters "
          f"in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
