"""Document sets: the parties' own words, for reading like a historian.

Each chapter has one set (data/documents.yml): a central question and 4-6 short documents, each an
exact quotation with who said it, when, for whom and where it was published, a headnote, a
modified version for weaker readers and four questions (sourcing, context, corroboration, close
reading). The set's page (docs/documents/NN-slug.md) is rendered from it; the model answer
appears only on the teachers' page; a contested box in a chapter links the documents that speak
for one of its sides ("Read what they said").
"""

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .editions import pdf_link
from .errors import DataError
from .i18n import say
from .pages import is_translation, page_title, page_url, relative
from .sources import LANGUAGES, IsoDate, Slug, format_date
from .text import Name, Prose, html_text

QUOTE_LIMIT = 150            # words in a document's quotation: short extracts, never a whole text
LETTERS = "ABCDEFGH"
QUESTION_KINDS = {"sourcing": "Sourcing", "context": "Context", "corroboration": "Corroboration",
                  "close_reading": "Close reading"}


def words(text: str) -> int:
    """Words in a quotation, as a reader counts them."""
    return len(re.findall(r"[^\s—–-]+", text))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Questions(_Strict):
    """The four kinds of question a historian asks of a document."""

    sourcing: Prose
    context: Prose
    corroboration: Prose
    close_reading: Prose


class Document(_Strict):
    """One short document: an exact quotation, who said it, when, for whom, and where it appeared."""

    id: Slug
    speaker: Name = Field(min_length=1)
    date: IsoDate
    audience: Name = Field(min_length=1)
    source: Slug | None = None           # the page it is quoted from (data/sources.yml)
    provenance: Prose | None = None      # instead of a source: where a text without a page comes from
    original_language: Literal["en", "ar", "tr", "fa", "ru", "ku", "he"] = "en"
    translated_by: Name | None = None    # who put it into English: an outlet, or "this book"
    text_original: Prose | None = None   # the words as first published, when this book translated
    claim: Slug | None = None            # the contested claim (chapter front matter) it is a side of
    headnote: Prose
    text: Prose
    modified: Prose
    questions: Questions

    @field_validator("text")
    @classmethod
    def _short(cls, value: str) -> str:
        if words(value) > QUOTE_LIMIT:
            raise ValueError(f"a quotation is at most {QUOTE_LIMIT} words (this one has "
                             f"{words(value)}): quote a shorter extract")
        return value

    @model_validator(mode="after")
    def _attributed(self) -> "Document":
        if (self.source is None) == (self.provenance is None):
            raise ValueError("give either 'source' (a data/sources.yml id) or 'provenance', "
                             "not both")
        if self.original_language != "en" and not self.translated_by:
            raise ValueError("a text first said in another language needs 'translated_by'")
        if self.original_language == "en" and (self.translated_by or self.text_original):
            raise ValueError("'translated_by' and 'text_original' are for texts first said in "
                             "another language (original_language)")
        if self.text_original and self.translated_by != "this book":
            raise ValueError("'text_original' is for a translation by this book "
                             "(translated_by: this book)")
        return self


class DocumentSet(_Strict):
    """A chapter's document set: one central question, 4-6 documents, a model answer."""

    chapter: int = Field(ge=1)
    question: Prose
    model_answer: Prose                  # teachers only
    documents: list[Document] = Field(min_length=4, max_length=6)

    @property
    def id(self) -> str:
        return f"chapter-{self.chapter}"


def check(book) -> None:
    """Sources exist, ids are unique across sets, one set per chapter."""
    seen: set[str] = set()
    chapters: set[int] = set()
    for doc_set in book.documents:
        entry = f"set for chapter {doc_set.chapter}"
        if doc_set.chapter in chapters:
            raise DataError("data/documents.yml", entry, "a chapter has one set")
        chapters.add(doc_set.chapter)
        for doc in doc_set.documents:
            where = f"document '{doc.id}'"
            if doc.id in seen:
                raise DataError("data/documents.yml", where, "duplicate id")
            seen.add(doc.id)
            if doc.source and doc.source not in book.sources:
                raise DataError("data/documents.yml", where,
                                f"unknown source '{doc.source}' (not in data/sources.yml)")


# --- Rendering ----------------------------------------------------------------------------

def label(doc_set: DocumentSet, doc: Document) -> str:
    """A document's name in its set: Document A, B, ..."""
    return f"Document {LETTERS[doc_set.documents.index(doc)]}"


def translation_note(doc: Document) -> str:
    """Whose English a quotation is in, when it was first said in another language."""
    if doc.original_language == "en":
        return ""
    language = LANGUAGES.get(doc.original_language, doc.original_language)
    by = "this book" if doc.translated_by == "this book" else html_text(doc.translated_by)
    return f" Translated from {language} by {by}."


def render_document(doc_set: DocumentSet, doc: Document, cite) -> str:
    """One document: heading, headnote, the original beside its modified version, where it comes
    from, and its four questions."""
    where = cite(doc.source) if doc.source else ""
    provenance = f" {html_text(doc.provenance)}" if doc.provenance else ""
    original = ""
    if doc.text_original:
        language = LANGUAGES.get(doc.original_language, doc.original_language)
        original = (f'\n<p class="doc-original-label">As first published, in {language}:</p>\n'
                    f'<p class="doc-original-language" lang="{doc.original_language}" '
                    f'dir="auto">{html_text(doc.text_original)}</p>')
    questions = "\n".join(f"<li><strong>{name}.</strong> {html_text(getattr(doc.questions, key))}"
                          "</li>" for key, name in QUESTION_KINDS.items())
    return (
        f"### {label(doc_set, doc)}: {html_text(doc.speaker)}, {format_date(doc.date)} "
        f"{{#doc-{doc.id}}}\n\n"
        f'<p class="doc-headnote">{html_text(doc.headnote)}</p>\n\n'
        '<div class="doc-versions">\n'
        '<figure class="doc-version doc-original">\n<figcaption>The document</figcaption>\n'
        f"<blockquote><p>{html_text(doc.text)}</p></blockquote>{original}\n</figure>\n"
        '<figure class="doc-version doc-modified">\n'
        "<figcaption>Modified: the same in simpler words</figcaption>\n"
        f"<blockquote><p>{html_text(doc.modified)}</p></blockquote>\n</figure>\n</div>\n\n"
        f'<p class="doc-source"><strong>Who, when, for whom:</strong> '
        f"{html_text(doc.speaker)}, {format_date(doc.date)}, for {html_text(doc.audience)}."
        f"{translation_note(doc)}{provenance}{where}</p>\n\n"
        f'<ol class="doc-questions">\n{questions}\n</ol>\n')


def render_organiser(doc_set: DocumentSet) -> str:
    """The graphic organiser: a row per document, empty cells for the student to fill in."""
    head = ("<tr><th scope=\"col\">Document</th><th scope=\"col\">Who wrote it, when and for "
            "whom?</th><th scope=\"col\">What does it say happened?</th><th scope=\"col\">Why "
            "might they say so?</th><th scope=\"col\">Which document agrees or disagrees, and "
            "how?</th></tr>")
    rows = "\n".join(f"<tr><th scope=\"row\">{label(doc_set, doc)}</th>"
                     "<td></td><td></td><td></td><td></td></tr>" for doc in doc_set.documents)
    # A phone scrolls the table sideways, as Material's own tables do; paper gives it the width.
    return (f'<div class="organiser-wrap" tabindex="0" role="region" aria-label="Graphic organiser">'
            f'\n<table class="organiser">\n<thead>{head}</thead>\n<tbody>\n{rows}\n</tbody>\n'
            "</table>\n</div>\n")


def render_set(doc_set: DocumentSet, chapter_title: str, chapter_link: str, cite,
               style: str = "") -> str:
    """A set's page: the question, the documents, the organiser and room for an answer;
    `style` (a stylesheet's link) opens its first paragraph."""
    documents = "\n".join(render_document(doc_set, doc, cite) for doc in doc_set.documents)
    return (
        f'!!! question "The central question"\n\n    {html_text(doc_set.question)}\n\n'
        f"{style}These documents go with [{html_text(chapter_title)}]({chapter_link}). "
        "Each is a short "
        "extract, quoted exactly, with who said it, when and for whom. Beside each is a modified "
        "version in simpler words: read either, or both. Then answer the questions under it.\n\n"
        f"## The documents {{#documents}}\n\n{documents}\n"
        "## Graphic organiser {#organiser}\n\n"
        "Fill in one row for each document, then use the table to answer the central question.\n\n"
        f"{render_organiser(doc_set)}\n"
        "## Your answer {#your-answer}\n\n"
        f"Answer the central question in a paragraph: {html_text(doc_set.question)} Use at least "
        "three documents, name who said each thing, and say where they disagree.\n\n"
        '<div class="answer-space" aria-hidden="true"></div>\n')


def render_links(doc_set: DocumentSet, docs: list[Document], href: str) -> str:
    """"Read what they said": links from a contested box to the documents of its sides."""
    # The speaker as the box names them, without who carried their words (the document says).
    links = ", ".join(f"[{label(doc_set, doc)} ({html_text(doc.speaker.split(', ')[0])})]"
                      f"({href}#doc-{doc.id})" for doc in docs)
    return f"**Read what they said:** {links}"


def render_key(doc_set: DocumentSet, set_link: str) -> str:
    """The teachers' part of a set: its question, its documents listed, the model answer."""
    listed = "\n".join(f"- [{label(doc_set, doc)}]({set_link}#doc-{doc.id}): "
                       f"{html_text(doc.speaker)}, {format_date(doc.date)}"
                       for doc in doc_set.documents)
    return (f"[The chapter's document set]({set_link}) extends this lesson, or makes a second one "
            "(about 40 minutes): pairs read the documents, the original or the modified version, "
            "answer the four questions under each and fill in the graphic organiser; then each "
            "student answers the central question in a paragraph that uses at least three "
            "documents. The set prints as a worksheet with room to write.\n\n"
            f"**Central question:** {html_text(doc_set.question)}\n\n{listed}\n\n"
            f'<div class="answer-key model-answers" markdown>\n\n**What a strong answer '
            f"includes:** {html_text(doc_set.model_answer)}\n\n</div>\n")


# --- Wiring ------------------------------------------------------------------------------

def set_page(docs_dir: Path, number: int) -> str | None:
    """The docs/-relative page of chapter `number`'s document set: documents/<chapter file name>,
    or None when there is no such chapter."""
    found = sorted(path for path in (docs_dir / "chapters").glob(f"{number:02d}-*.md")
                   if not is_translation(path))
    return f"documents/{found[0].name}" if found else None


def set_pages(docs_dir: Path) -> list[str]:
    """The docs/-relative pages of the document sets that exist, in chapter order."""
    return [f"documents/{path.name}" for path in sorted((docs_dir / "documents").glob("[0-9]*.md"))
            if not is_translation(path)]


def register(env, book) -> None:
    """`document_set(n)` for a set's page, `document_set_key(n)` for the teachers' page.

    The chapters' contested boxes link their documents (chapters.py), which also checks that each
    document's `claim` is one of its chapter's contested claims."""
    sets = {doc_set.chapter: doc_set for doc_set in book.documents}
    for doc_set in book.documents:
        if set_page(env.docs_dir, doc_set.chapter) is None:
            raise DataError("data/documents.yml", f"set for chapter {doc_set.chapter}",
                            "no such chapter in docs/chapters/")

    def found(number: int) -> DocumentSet | None:
        if number not in sets:
            env.here.problem(f"chapter {number}", "no document set for this chapter in "
                                                  "data/documents.yml")
        return sets.get(number)

    @env.macro
    def document_set(number: int) -> str:
        """Chapter `number`'s document set, for its page in docs/documents/."""
        doc_set = found(number)
        if not doc_set:
            return ""
        chapter = set_page(env.docs_dir, number).replace("documents/", "chapters/", 1)
        pdf = pdf_link(env.conf, env.here.src_uri, env.here)
        download = (f'<p class="downloads"><a class="md-button" href="{pdf}" download>Print this '
                    "set: PDF with room to write</a></p>\n\n") if pdf else ""
        return download + render_set(doc_set, page_title(env.docs_dir / chapter),
                                     env.here.md_link(chapter), env.here.citations.cite,
                                     env.here.stylesheet("sheets.css"))

    @env.macro
    def document_sets() -> str:
        """The list of sets, each with its chapter and central question, for the index page."""
        items = []
        for number in sorted(sets):
            page = set_page(env.docs_dir, number)
            title = page_title(env.docs_dir / page.replace("documents/", "chapters/", 1))
            items.append(f"- [{html_text(title)}]({env.here.md_link(page)}): "
                         f"{html_text(sets[number].question)} "
                         f"({len(sets[number].documents)} documents)")
        return "\n".join(items) + "\n"

    @env.macro
    def document_set_key(number: int) -> str:
        """Chapter `number`'s set as teachers see it: with the model answer."""
        doc_set = found(number)
        if not doc_set:
            return ""
        here = env.here
        if here.lang != "en":
            # The sets are in English only: the other edition points to them and to the key.
            key = relative(page_url(here.src_uri, here.directory_urls, "en"), here.src_uri,
                           here.directory_urls, here.lang) + "#document-set"
            return say(here.lang, "document-set-in-english",
                       set=here.md_link(set_page(env.docs_dir, number)), answers=key) + "\n"
        return render_key(doc_set, here.md_link(set_page(env.docs_dir, number)))
