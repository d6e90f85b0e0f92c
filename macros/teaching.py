"""For teachers: answer keys and one-page chapter summaries, from the chapters themselves.

The quiz, the discussion questions and their model answers live once, in each chapter's front
matter; the objectives and takeaways live once, in the chapter's text. These functions render
them again for the teachers' pages, so an answer key can never drift from its quiz.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from .chapters import ChapterMeta, chapter_files, easier_files, load_meta, sentence
from .editions import pdf_link
from .glossary import terms_in
from .reading import prose, reading_minutes
from .text import html_attr


@dataclass(frozen=True)
class Chapter:
    """A chapter read from disk: where it is, its title, its front matter and its body."""

    number: int
    src_uri: str
    title: str
    meta: ChapterMeta
    body: str
    easier: "Chapter | None" = None   # its easier version, when it has one

    def section_items(self, anchor: str) -> list[str]:
        """The bullet points of the section whose heading ends in {#anchor}."""
        match = re.search(rf"^## .*\{{#{anchor}\}}\s*$(.*?)(?=^## |\Z)", self.body, re.M | re.S)
        if not match:
            return []
        items: list[str] = []
        for line in match.group(1).splitlines():
            if line.startswith("- "):
                items.append(line[2:].strip())
            elif items and line.startswith("  ") and line.strip():     # a wrapped item goes on
                items[-1] += " " + line.strip()
        return items


def _read(docs_dir: Path, number: int, path: Path, easier: "Chapter | None" = None
          ) -> Chapter | None:
    body, meta = get_data(path.read_text(encoding="utf-8"))
    if not meta:
        return None
    src_uri = path.relative_to(docs_dir).as_posix()
    title = re.search(r"^# (.+)$", body, re.M)
    return Chapter(number, src_uri, title.group(1).strip() if title else path.stem,
                   load_meta(src_uri, meta), body, easier)


def load_chapters(docs_dir: Path) -> dict[int, Chapter]:
    """Every written chapter (one with front matter), validated, with its easier version."""
    easier = easier_files(docs_dir)
    chapters = {}
    for number, path in chapter_files(docs_dir).items():
        simpler = _read(docs_dir, number, easier[number]) if number in easier else None
        chapter = _read(docs_dir, number, path, simpler)
        if chapter:
            chapters[number] = chapter
    return chapters


def render_answer_key(chapter: Chapter) -> str:
    """The quiz with its answers, then the discussion questions with model answers; then the
    same for the chapter's easier version, under its own heading."""
    letters = "ABCDEFGH"
    prefix = "" if chapter.meta.level == "standard" else f"{chapter.meta.level}-"
    quiz = []
    for n, q in enumerate(chapter.meta.quiz, start=1):
        answer = sentence(f"{letters[q.options.index(q.answer)]}. {q.answer}" if q.options
                          else q.answer)
        quiz.append(f'<div class="answer-key-item" id="key-{prefix}{q.id}" markdown>\n\n'
                    f"**Question {n}.** {q.question}\n\n"
                    f"**Answer:** {answer} {q.explanation}\n\n</div>\n")
    discussion = [f'<div class="answer-key-item" id="model-{prefix}{d.id}" markdown>\n\n'
                  f"**Discussion {n}.** {d.question}\n\n"
                  f"**A strong answer:** {d.model_answer}\n\n</div>\n"
                  for n, d in enumerate(chapter.meta.discussion, start=1)]
    easier = ""
    if chapter.easier:
        easier = (f"\n### The easier version's quiz and discussion {{#answer-key-easier}}\n\n"
                  f"{render_answer_key(chapter.easier)}")
    return (f'<div class="answer-key quiz-key" markdown>\n\n{"".join(quiz)}\n</div>\n\n'
            f"**Discussion questions: what a strong answer includes**\n\n"
            f'<div class="answer-key model-answers" markdown>\n\n{"".join(discussion)}\n'
            f"</div>\n{easier}")


def render_summary(chapter: Chapter, link: str, pdf: str | None, key_terms: list[str],
                   figures: tuple[int, float]) -> str:
    """A one-page summary: key question, reading figures, objectives, takeaways, key terms.

    `pdf` links the chapter's PDF, when the build offers one.
    """
    words, grade = figures
    download = f' · <a href="{pdf}" download>PDF</a>' if pdf else ""
    objectives = "\n".join(f"- {item}" for item in chapter.section_items("objectives"))
    takeaways = "\n".join(f"- {item}" for item in chapter.section_items("takeaways"))
    terms = ", ".join(key_terms) or "none"
    return (f"**Key question:** {chapter.meta.key_question}\n\n"
            f"**Read it:** [{chapter.title}]({link}) · about {reading_minutes(words)} minutes · "
            f"grade {grade:.1f}{download}\n\n"
            f"**What students learn**\n\n{objectives}\n\n"
            f"**Key takeaways**\n\n{takeaways}\n\n"
            f"**Key terms:** {html_attr(terms)}\n")


def render_level(figures: tuple[int, float]) -> str:
    """A chapter's reading level and time, as a lesson plan gives them at its top."""
    words, grade = figures
    minutes = reading_minutes(words)
    return (f"Grade {grade:.1f} (Flesch-Kincaid), about {minutes} minute{'s' if minutes > 1 else ''}"
            f" of reading ({words:,} words)")


def register(env, book) -> None:
    """`answer_key(n)`, `chapter_summary(n)` and `chapter_level(n)` for the teachers' pages."""
    chapters = load_chapters(env.docs_dir)

    def chapter(number: int) -> Chapter | None:
        if number not in chapters:
            env.here.problem(f"chapter {number}", "no such chapter, or it has no front matter yet")
        return chapters.get(number)

    @env.macro
    def answer_key(number: int) -> str:
        """Chapter `number`'s quiz answers and model discussion answers."""
        found = chapter(number)
        return render_answer_key(found) if found else ""

    @env.macro
    def chapter_summary(number: int) -> str:
        """A one-page summary of chapter `number`, for printing."""
        found = chapter(number)
        if not found:
            return ""
        link = env.here.md_link(found.src_uri)
        pdf = pdf_link(env.conf, found.src_uri, env.here)
        terms = [term.term for term in terms_in(prose(found.body), book.terms)]
        return render_summary(found, link, pdf, terms, env.reading.measure(prose(found.body)))

    @env.macro
    def chapter_level(number: int) -> str:
        """Chapter `number`'s reading level and time at each of its levels, measured as its
        "Assign this chapter" box measures them."""
        found = chapter(number)
        if not found:
            return ""
        level = render_level(env.reading.measure(prose(found.body)))
        if found.easier:
            easier = render_level(env.reading.measure(prose(found.easier.body)))
            level += (f"; [easier version]({env.here.md_link(found.easier.src_uri)}): "
                      f"{easier[0].lower()}{easier[1:]}")
        return level
