"""Time-bound words carry their date: "still", "so far", "not yet", "is expected to" and their kin
are true only on some day, so a sentence that uses one also says which (EDITORIAL.md, "dates")."""

import re

import pytest
import yaml
from conftest import AS_OF, ROOT
from macros.glossary import meta_prose
from macros.reading import prose

DOCS = ROOT / "docs"
PAGES = sorted(path for path in DOCS.rglob("*.md") if not path.name.startswith("_"))

# Words that are true only on the day they were written.
TIME_BOUND = re.compile(
    r"\b(?:so far|still|not yet|yet to|(?<!up )to date|as yet|currently|at present|at the moment"
    r"|(?:is|are|was|were) expected to|(?:plans?|planned) to|by the end of(?! the (?:lesson|unit|class))|so far this year"
    r"|remains? to be seen|for now|ongoing)\b", re.I)
# What dates a sentence: a year, or the book's as-of date, or a day and month.
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
DATED = re.compile(rf"\b(?:1[89]\d\d|20\d\d)s?\b|\b\d{{1,2}} (?:{MONTHS})\b")
SENTENCE = re.compile(r"(?<=[.?!”])\s+(?=[A-Z“\"‘'(])")


def texts(path):
    """The page's running text and the texts of its front matter, {{ as_of }} written out."""
    text = path.read_text(encoding="utf-8").replace("{{ as_of }}", AS_OF)
    meta = {}
    if text.startswith("---\n"):
        _, front, text = text.split("---\n", 2)
        meta = yaml.safe_load(front) or {}
    return [prose(text), *meta_prose(meta)]


def undated(text):
    for sentence in SENTENCE.split(text.replace("\n", " ")):
        if TIME_BOUND.search(sentence) and not DATED.search(sentence):
            yield sentence.strip()


def test_the_check_finds_an_undated_still_and_passes_a_dated_one():
    assert list(undated("The road is still closed.")) == ["The road is still closed."]
    assert list(undated("In March 2020 the road was still closed.")) == []
    assert list(undated(f"As of {AS_OF}, talks were still under way.")) == []
    assert list(undated("By the end of the lesson students can name them.")) == []
    assert list(undated("By 8 December the army was expected to hold.")) == []
    assert list(undated("Stillness fell.")) == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_time_bound_words_carry_their_date(path):
    found = [sentence for text in texts(path) for sentence in undated(text)]
    assert not found, f"{path.relative_to(ROOT)}: time-bound words without a date:\n" + \
        "\n".join(f"  - {sentence}" for sentence in found)
