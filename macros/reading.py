"""Reading figures: the running text of a page, its length, reading time and grade level."""

import hashlib
import json
import math
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import textstat

WORDS_PER_MINUTE = 200          # a careful school reader of non-fiction

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]:?")
_ITEM = re.compile(r"^(?:[-*+]|\d+\.|>|:)\s+")
_SKIP = re.compile(r"^(?:#|\||!!!|\?\?\?|<[^>]+>$|\{[:#.][^}]*\}$)")


def prose(markdown: str) -> str:
    """The chapter's running text, as a reader reads it: no headings, markup or macro calls.

    Each paragraph and list item is one block ending in punctuation, so that a list of short
    points is not read as one endless sentence. Headings and box titles are left out.
    """
    blocks: list[list[str]] = [[]]
    for line in _JINJA.sub(" ", markdown).splitlines():
        stripped = line.strip()
        if not stripped or _SKIP.match(stripped):
            blocks.append([])
            continue
        if _ITEM.match(stripped):
            blocks.append([])
            stripped = _ITEM.sub("", stripped)
        blocks[-1].append(stripped)
    cleaned = []
    for block in blocks:
        text = " ".join(block)
        text = _LINK.sub(r"\1", _FOOTNOTE.sub("", _ATTRS.sub("", _TAG.sub("", text))))
        text = re.sub(r"[*_`]+", "", text).strip()
        if text:
            cleaned.append(text if text[-1] in ".?!:;\"”'’)" else text + ".")
    return "\n".join(cleaned)


@lru_cache(maxsize=64)
def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return textstat.lexicon_count(text, removepunct=True)


@lru_cache(maxsize=64)     # a chapter is measured for its page and again for its summary
def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text, to one decimal."""
    return round(textstat.flesch_kincaid_grade(text), 1)


def sentence_length(text: str) -> float:
    """Mean words per sentence, to one decimal: the Arabic edition's measure of reading ease
    (sentences end in . ? ! ؟ or a block's end)."""
    sentences = [s for s in re.split(r"[.?!؟\n]+", text) if s.split()]
    return round(len(text.split()) / max(1, len(sentences)), 1)


def reading_minutes(words: int) -> int:
    """Minutes a student needs to read `words` carefully."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


class FigureCache:
    """Word counts and grades by text, kept on disk between builds: measuring a chapter's
    syllables takes textstat about half a second, and most builds change no chapter."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}

    def measure(self, text: str, lang: str = "en") -> tuple[int, float]:
        """(words, Flesch-Kincaid grade) of `text`; in Arabic, for which Flesch-Kincaid means
        nothing, (words, mean words per sentence)."""
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self.known:
            self.known[key] = ([word_count(text), reading_grade(text)] if lang == "en" else
                               [len(text.split()), sentence_length(text)])
            self._save()
        words, grade = self.known[key]
        return words, grade

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent,
                                         delete=False) as tmp:
            json.dump(self.known, tmp, sort_keys=True)
        os.replace(tmp.name, self.path)
