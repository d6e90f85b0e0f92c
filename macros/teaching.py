"""For teachers: answer keys, the tops of the one-page summaries and the word banks, from the
chapters and the glossary.

The quiz, the discussion questions and their model answers live once, in each chapter's front
matter; a term's plain-words meaning lives once, in data/glossary.yml. These functions render
them again for the teachers' pages, so an answer key can never drift from its quiz nor a word
bank from the glossary. A summary's own text, written at a lower reading level than the chapter,
is in its page (docs/teachers/handouts/summary-NN.md).
"""

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.utils.meta import get_data

from .chapters import LETTERS, ChapterMeta, chapter_files, easier_files, load_meta, sentence
from .editions import pdf_link
from .glossary import SCRIPTS, Term, matcher, terms_in
from .i18n import say
from .pages import GLOSSARY_PAGE, read_in, word_bank_page
from .reading import prose, reading_minutes
from .text import html_attr, html_text

# The words a word bank gives: as many as fit one printed page (A4 or Letter) with room beside
# each for the student's own example (tests/test_teachers.py prints every bank and counts pages).
WORD_BANK_SIZE = 10


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


def load_chapters(docs_dir: Path, lang: str = "en") -> dict[int, Chapter]:
    """Every written chapter (one with front matter), validated, with its easier version; in
    another edition, its page there (chapters/x.ar.md) with the front matter in that language."""
    easier = easier_files(docs_dir)
    chapters = {}
    for number, path in chapter_files(docs_dir).items():
        simpler = _read(docs_dir, number, easier[number]) if number in easier else None
        chapter = _read(docs_dir, number, path, simpler)
        if chapter and lang != "en":
            body = read_in(path, lang)
            title = re.search(r"^# (.+)$", body, re.M)
            chapter = replace(chapter, title=title.group(1).strip() if title else chapter.title,
                              body=body, easier=None,
                              meta=chapter.meta.in_language(lang, f"docs/{chapter.src_uri}",
                                                            "front matter"))
        if chapter:
            chapters[number] = chapter
    return chapters


def render_answer_key(chapter: Chapter, lang: str = "en") -> str:
    """The quiz with its answers, then the discussion questions with model answers; then the
    same for the chapter's easier version, under its own heading."""
    letters = LETTERS[lang]
    prefix = "" if chapter.meta.level == "standard" else f"{chapter.meta.level}-"
    quiz = []
    for n, q in enumerate(chapter.meta.quiz, start=1):
        answer = sentence(f"{letters[q.options.index(q.answer)]}. {q.answer}" if q.options
                          else q.answer)
        quiz.append(f'<div class="answer-key-item" id="key-{prefix}{q.id}" markdown>\n\n'
                    f"**{say(lang, 'question-n', n=n)}** {q.question}\n\n"
                    f"**{say(lang, 'answer')}** {answer} {q.explanation}\n\n</div>\n")
    discussion = [f'<div class="answer-key-item" id="model-{prefix}{d.id}" markdown>\n\n'
                  f"**{say(lang, 'discussion-n', n=n)}** {d.question}\n\n"
                  f"**{say(lang, 'strong-answer')}** {d.model_answer}\n\n</div>\n"
                  for n, d in enumerate(chapter.meta.discussion, start=1)]
    easier = ""
    if chapter.easier:
        easier = (f"\n### The easier version's quiz and discussion {{#answer-key-easier}}\n\n"
                  f"{render_answer_key(chapter.easier)}")
    return (f'<div class="answer-key quiz-key" markdown>\n\n{"".join(quiz)}\n</div>\n\n'
            f"**{say(lang, 'discussion-heading')}**\n\n"
            f'<div class="answer-key model-answers" markdown>\n\n{"".join(discussion)}\n'
            f"</div>\n{easier}")


def render_summary_header(chapter: Chapter, link: str, pdf: str | None,
                          figures: tuple[int, float], lang: str = "en") -> str:
    """The top of a one-page summary: the key question, then the chapter's link, reading time
    and level. `pdf` links the chapter's PDF, when the build offers one. A summary states only
    what its chapter states, so that, like the chapter's takeaways, it cites nothing itself."""
    words, grade = figures
    download = f' · <a href="{pdf}" download>PDF</a>' if pdf else ""
    return (f"**{say(lang, 'key-question')}** {chapter.meta.key_question}\n\n"
            f"**{say(lang, 'read-it')}** [{chapter.title}]({link}) · "
            f"{say(lang, 'summary-figures', minutes=reading_minutes(words), grade=f'{grade:.1f}')}"
            f"{download}. {say(lang, 'summary-sources')}\n")


def render_summary_words(terms: list[Term], bank_link: str, lang: str = "en") -> str:
    """The end of a one-page summary: the chapter's words to know, and where they are explained."""
    names = ("، " if lang == "ar" else ", ").join(html_text(term.term) for term in terms)
    return f"**{say(lang, 'words-to-know')}** {names}. {say(lang, 'word-bank-explains', link=bank_link)}\n"


def word_bank_terms(chapter: Chapter, terms: list[Term], size: int = WORD_BANK_SIZE) -> list[Term]:
    """The `size` glossary terms that matter most to the chapter, in the order it first uses them.

    A term counts if its `chapters` name this one and the chapter's text uses it; it scores the
    times the text uses it, divided by the number of chapters it belongs to, so that each bank
    teaches its own chapter's words rather than the same few that every chapter uses (HTS, SOHR).
    The term the chapter uses first wins a tie."""
    pattern, owner = matcher(terms)
    count: Counter[str] = Counter()
    first: dict[str, int] = {}
    by_id: dict[str, Term] = {}
    for match in pattern.finditer(prose(chapter.body)):
        term = owner[match.group(0)]
        if chapter.number in term.chapters:
            count[term.id] += 1
            first.setdefault(term.id, match.start())
            by_id[term.id] = term
    chosen = sorted(count, key=lambda key: (-count[key] / len(by_id[key].chapters), first[key]))
    chosen = chosen[:size]
    return [by_id[key] for key in sorted(chosen, key=first.__getitem__)]


def _word_cell(term: Term, glossary_url: str, lang: str = "en") -> str:
    original = ""
    if term.english:            # another edition shows the English name
        original = (f'<span class="word-bank-original">{say(lang, "in-english-name")}: '
                    f'<span lang="en" dir="ltr">{html_text(term.english)}</span></span>')
    elif term.original:
        language, direction = SCRIPTS[term.original_lang]
        original = (f'<span class="word-bank-original">{language}: <span lang="{term.original_lang}"'
                    f' dir="{direction}">{html_text(term.original)}</span></span>')
    return (f'<th scope="row"><a href="{html_attr(glossary_url)}#term-{term.id}">'
            f"{html_text(term.term)}</a>{original}</th>")


def render_word_bank(chapter: Chapter, terms: list[Term], links: tuple[str, str, str],
                     more: int, lang: str = "en") -> str:
    """A chapter's word bank: each word with its meaning in plain words and an empty cell for the
    student's example or translation. `links` are the Markdown links to the chapter and the
    Glossary and the Glossary's href; `more` counts the chapter's other glossary terms."""
    chapter_link, glossary_link, glossary_url = links
    rows = "\n".join(f"<tr>{_word_cell(term, glossary_url, lang)}<td>{html_text(term.simple)}"
                     '</td><td class="word-bank-own"></td></tr>' for term in terms)
    others = (f"\n{say(lang, 'word-bank-more', more=more, link=glossary_link)}\n" if more else "")
    return (say(lang, "word-bank-intro", n=len(terms), title=chapter.title, link=chapter_link)
            + "\n\n"
            f'<table class="word-bank">\n<thead><tr><th scope="col">{say(lang, "word-bank-word")}</th>'
            f'<th scope="col">{say(lang, "word-bank-meaning")}</th>'
            f'<th scope="col" class="word-bank-own">{say(lang, "word-bank-own")}</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>\n{others}")


def render_level(figures: tuple[int, float], lang: str = "en") -> str:
    """A chapter's reading level and time, as a lesson plan gives them at its top."""
    words, grade = figures
    minutes = reading_minutes(words)
    return say(lang, "level-line", grade=f"{grade:.1f}", minutes=minutes,
               s="s" if minutes > 1 else "", words=f"{words:,}")


def register(env, book) -> None:
    """`answer_key(n)`, `summary_header(n)`, `summary_words(n)`, `word_bank(n)` and
    `chapter_level(n)` for the teachers' pages."""
    chapters = load_chapters(env.docs_dir, env.lang)
    lang = env.lang

    def chapter(number: int) -> Chapter | None:
        if number not in chapters:
            env.here.problem(f"chapter {number}", "no such chapter, or it has no front matter yet")
        return chapters.get(number)

    @env.macro
    def answer_key(number: int) -> str:
        """Chapter `number`'s quiz answers and model discussion answers."""
        found = chapter(number)
        return (env.here.stylesheet_block("shelf.css") + render_answer_key(found, lang)) if found else ""

    @env.macro
    def summary_header(number: int) -> str:
        """The top of chapter `number`'s one-page summary: key question, link, time and level."""
        found = chapter(number)
        if not found:
            return ""
        link = env.here.md_link(found.src_uri)
        pdf = pdf_link(env.conf, found.src_uri, env.here)
        return render_summary_header(found, link, pdf,
                                     env.reading.measure(prose(found.body), lang), lang)

    @env.macro
    def summary_words(number: int) -> str:
        """The end of chapter `number`'s one-page summary: its words to know."""
        found = chapter(number)
        if not found:
            return ""
        return render_summary_words(word_bank_terms(found, book.terms),
                                    env.here.md_link(word_bank_page(number)), lang)

    @env.macro
    def word_bank(number: int) -> str:
        """Chapter `number`'s word bank: its most used terms in plain words, for printing."""
        found = chapter(number)
        if not found:
            return ""
        chosen = word_bank_terms(found, book.terms)
        more = len(terms_in(prose(found.body), book.terms)) - len(chosen)
        links = (env.here.md_link(found.src_uri), env.here.md_link(GLOSSARY_PAGE),
                 env.here.link(GLOSSARY_PAGE))
        return env.here.stylesheet("sheets.css") + render_word_bank(found, chosen, links, more,
                                                                    lang)

    @env.macro
    def chapter_level(number: int) -> str:
        """Chapter `number`'s reading level and time at each of its levels, measured as its
        "Assign this chapter" box measures them."""
        found = chapter(number)
        if not found:
            return ""
        level = render_level(env.reading.measure(prose(found.body), lang), lang)
        if found.easier:
            easier = render_level(env.reading.measure(prose(found.easier.body)))
            level += (f"; [easier version]({env.here.md_link(found.easier.src_uri)}): "
                      f"{easier[0].lower()}{easier[1:]}")
        return level
