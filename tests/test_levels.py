"""A chapter's easier version: the same sections, maps, boxes and facts as the standard chapter,
in plainer words; its own URL, PDF, quiz and tooltips; a switch between the two levels."""

import re
from pathlib import Path

import pytest
import textstat
import yaml

from macros.chapters import (ChapterMeta, chapter_files, easier_files, level_uris, load_meta,
                             render_intro, reworded_claims)
from macros.errors import DataError
from macros.reading import prose

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EASIER = easier_files(DOCS)
STANDARD = chapter_files(DOCS)

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
DATE = re.compile(rf"\b\d{{1,2}}(?:\s*-\s*\d{{1,2}})? (?:{MONTHS})\b(?: \d{{4}})?|"
                  rf"\b(?:{MONTHS}) \d{{4}}\b")
NUMBER = re.compile(r"(?<![\w-])\d[\d,.]*\d(?!\w)|(?<![\w.,-])\d(?![\w.,])")
CALL = re.compile(r"\{\{\s*(map|contested|timeline)\((.*?)\)\s*\}\}")
H2 = re.compile(r"^## .*\{#([a-z0-9-]+)\}\s*$", re.M)
CITES = re.compile(r'cite\(([^)]*)\)')


def parts(path: Path) -> tuple[dict, str]:
    """A chapter file's front matter and body."""
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    return yaml.safe_load(front), body


def words_of(meta: dict) -> str:
    """Every string in a front matter, for the facts test."""
    if isinstance(meta, dict):
        return "\n".join(words_of(value) for value in meta.values())
    if isinstance(meta, list):
        return "\n".join(words_of(value) for value in meta)
    return str(meta)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if len(s.split()) > 1]


# --- The level's own checks (pure functions) -------------------------------------------------

STANDARD_CLAIM = {
    "id": "who-holds-the-city", "topic": "Who held the city on 29 November?",
    "sides": [{"party": "The Military Operations Command", "date": "2024-11-29",
               "claim": "announced that its forces had entered the city.", "sources": ["a"]},
              {"party": "Syrian state television", "date": "2024-11-29",
               "claim": "denied that the factions had reached the city.", "sources": ["b"]}],
    "established": "The army admitted the next day that they had.",
    "established_sources": ["c"],
}
BASE = {"chapter": 2, "key_question": "Why?",
        "discussion": [{"id": f"d{i}", "question": "Q?", "model_answer": "A."} for i in range(3)],
        "quiz": [{"id": f"q{i}", "question": "Q?", "answer": "A.", "explanation": "E."}
                 for i in range(4)]}


def easier_claim(**changes) -> dict:
    claim = {"id": "who-holds-the-city", "topic": "Were they in the city?",
             "sides": [{"claim": "said it was in the city."},
                       {"claim": "said it was not.", "party": "Syrian TV"}],
             "established": "The army said the next day that they were."}
    return {**claim, **changes}


def test_an_easier_claim_keeps_the_standard_dates_and_sources():
    standard = ChapterMeta.model_validate({**BASE, "claims": [STANDARD_CLAIM]})
    easier = load_meta("chapters/02-x/easier.md",
                       {**BASE, "level": "easier", "claims": [easier_claim()]})
    [claim] = reworded_claims(easier, standard, "docs/chapters/02-x/easier.md")
    assert claim.topic == "Were they in the city?"
    assert [s.party for s in claim.sides] == ["The Military Operations Command", "Syrian TV"]
    assert [s.claim for s in claim.sides] == ["said it was in the city.", "said it was not."]
    assert [str(s.date) for s in claim.sides] == ["2024-11-29", "2024-11-29"]
    assert [s.sources for s in claim.sides] == [["a"], ["b"]]
    assert claim.established_sources == ["c"]


@pytest.mark.parametrize("claims, problem", [
    ([], "front matter claim 'who-holds-the-city': the standard chapter's claim has no easier "
         "wording: add it to claims"),
    ([easier_claim(), easier_claim(id="invented")],
     "front matter claim 'invented': the standard chapter has no claim with this id"),
    ([easier_claim(sides=[{"claim": "a"}, {"claim": "b"}, {"claim": "c"}])],
     "front matter claim 'who-holds-the-city': has 3 sides, the standard claim 2: one per side, "
     "in the same order"),
    ([easier_claim(established=None)],
     "front matter claim 'who-holds-the-city': give 'established' when the standard claim does, "
     "and only then"),
])
def test_an_easier_claim_that_does_not_match_its_standard_claim_stops_the_build(claims, problem):
    standard = ChapterMeta.model_validate({**BASE, "claims": [STANDARD_CLAIM]})
    easier = load_meta("chapters/02-x/easier.md", {**BASE, "level": "easier", "claims": claims})
    with pytest.raises(DataError) as error:
        reworded_claims(easier, standard, "docs/chapters/02-x/easier.md")
    assert str(error.value) == f"docs/chapters/02-x/easier.md: {problem}"


def test_the_level_belongs_to_the_file():
    with pytest.raises(DataError, match="^docs/chapters/02-x.md: front matter: level: easier "
                                        "belongs in the easier version"):
        load_meta("chapters/02-x.md", {**BASE, "level": "easier"})
    with pytest.raises(DataError, match="^docs/chapters/02-x/easier.md: front matter: missing field "
                                        "'level'"):
        load_meta("chapters/02-x/easier.md", BASE)       # the easier file says what it is


def test_the_switch_names_both_levels_and_marks_the_readers_own():
    chapter = load_meta("chapters/02-x/easier.md", {**BASE, "level": "easier"})
    html = render_intro(chapter, 1200, 7.2, ("../", "/chapters/02-x/easier/"), None,
                        {"standard": "../", "easier": "./"})
    switch = html.split("\n")[0]
    assert switch == ('<nav class="level-switch" aria-label="Reading level">'
                      '<span class="level-switch__label">Reading level:</span> '
                      '<a href="../" data-level="standard">Standard</a> · '
                      '<span aria-current="page">Easier</span></nav>')
    assert "**Reading level:** Easier version, grade 7.2 (Flesch-Kincaid)" in html
    alone = render_intro(chapter, 1200, 7.2, ("../", "x"), None, {"standard": "../"})
    assert "level-switch" not in alone and "version, grade" not in alone


def test_level_uris_find_both_levels_from_either_page(tmp_path):
    (tmp_path / "chapters" / "02-x").mkdir(parents=True)
    (tmp_path / "chapters" / "02-x.md").write_text("")
    (tmp_path / "chapters" / "03-y.md").write_text("")
    (tmp_path / "chapters" / "02-x" / "easier.md").write_text("")
    both = {"standard": "chapters/02-x.md", "easier": "chapters/02-x/easier.md"}
    assert level_uris("chapters/02-x.md", tmp_path) == both
    assert level_uris("chapters/02-x/easier.md", tmp_path) == both
    assert level_uris("chapters/03-y.md", tmp_path) == {"standard": "chapters/03-y.md"}
    assert level_uris("reference/glossary.md", tmp_path) == {}


# --- Each easier chapter against its standard chapter ---------------------------------------

def test_every_chapter_has_an_easier_version():
    assert sorted(EASIER) == sorted(STANDARD)


@pytest.fixture(params=sorted(EASIER), ids=lambda n: f"chapter-{n}")
def pair(request):
    number = request.param
    return parts(STANDARD[number]), parts(EASIER[number]), EASIER[number]


def test_the_easier_text_reads_at_grade_6_to_8(pair):
    _, (_, body), path = pair
    text = prose(body)
    grade = textstat.flesch_kincaid_grade(text)
    assert 6.0 <= grade <= 8.0, f"{path.relative_to(ROOT)}: grade {grade:.1f}"
    short = [s for s in sentences(text) if len(s.split()) < 20]
    assert len(short) / len(sentences(text)) >= 0.8, \
        f"{path.relative_to(ROOT)}: only {len(short)} of {len(sentences(text))} sentences under 20 words"


def test_the_easier_text_has_the_standard_sections_in_order(pair):
    (_, standard), (_, easier), _ = pair
    assert H2.findall(easier) == H2.findall(standard)
    heading = re.compile(r"^# (.+)$", re.M)
    assert heading.search(easier).group(1) == heading.search(standard).group(1) + " (easier)"


def test_the_easier_text_shows_the_same_maps_boxes_and_timeline(pair):
    (_, standard), (_, easier), _ = pair
    assert sorted(CALL.findall(easier)) == sorted(CALL.findall(standard))
    for call in ("chapter_intro()", "discussion_questions()", "self_check_quiz()", "key_terms()"):
        assert easier.count("{{ " + call + " }}") == 1, call


def test_every_number_and_date_in_the_easier_text_is_in_the_standard_chapter(pair):
    (standard_meta, standard), (easier_meta, easier), path = pair
    # Whitespace as a reader sees it: a date may wrap across two lines of either file.
    source = re.sub(r"\s+", " ", standard + "\n" + words_of(standard_meta))
    text = CITES.sub("", easier + words_of({k: v for k, v in easier_meta.items()
                                            if k not in ("chapter",)}))
    text = re.sub(r"\s+", " ", re.sub(r"\{#[^}]*\}|\{\{[^}]*\}\}|\]\([^)]*\)", "", text))
    missing = sorted({d for d in DATE.findall(text) if d not in source} |
                     {n for n in NUMBER.findall(text) if n not in source})
    assert not missing, f"{path.relative_to(ROOT)}: not in the standard chapter: {missing}"


def test_the_easier_text_cites_only_what_the_standard_chapter_cites(pair):
    (_, standard), (_, easier), path = pair
    ids = lambda text: set(re.findall(r'"([a-z0-9-]+)"', " ".join(CITES.findall(text))))
    assert ids(easier) <= ids(standard), sorted(ids(easier) - ids(standard))


def test_every_factual_paragraph_of_the_easier_text_is_cited(pair):
    _, (_, easier), path = pair
    section = None
    uncited = []
    for block in re.split(r"\n\s*\n", easier):
        block = block.strip()
        heading = H2.match(block)
        if heading:
            section = heading.group(1)
            continue
        if section in (None, "objectives", "how-do-we-know", "takeaways", "discussion", "quiz",
                       "key-terms"):
            continue
        if not block or block[0] in "#{<!|*-:>" or block[0].isdigit():
            continue
        if len(block.split()) >= 25 and "cite(" not in block:
            uncited.append(block[:60])
    assert not uncited, f"{path.relative_to(ROOT)}: paragraphs without a citation: {uncited}"


# --- The built site ---------------------------------------------------------------------------

def easier_urls() -> list[tuple[str, str]]:
    return [(f"chapters/{STANDARD[n].stem}/", f"chapters/{STANDARD[n].stem}/easier/")
            for n in sorted(EASIER)]


def test_each_level_links_the_other_and_names_itself(site):
    for standard, easier in easier_urls():
        page = site.html(easier + "index.html")
        assert '<span aria-current="page">Easier</span>' in page
        assert '<a href="../" data-level="standard">Standard</a>' in page
        assert "Easier version, grade" in page
        page = site.html(standard + "index.html")
        assert '<a href="easier/" data-level="easier">Easier</a>' in page


def test_the_easier_level_explains_terms_in_plain_words(site):
    from macros.book import load_book
    terms = {term.term: term for term in load_book(ROOT / "data").terms}
    for _, easier in easier_urls():
        page = site.html(easier + "index.html")
        key_terms = re.search(r'<dl class="key-terms".*?</dl>', page, re.S).group(0)
        shown = re.findall(r'#term-[^"]*">([^<]+)</a></dt>\s*<dd>([^<]*)</dd>', key_terms)
        assert shown
        for name, meaning in shown:
            from html import unescape
            assert unescape(meaning) == terms[unescape(name)].simple, name


def test_search_finds_each_level_under_its_own_title(site):
    import json
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    for _, easier in easier_urls():
        assert titles[easier].endswith("(easier)"), titles[easier]


def test_each_easier_chapter_has_its_own_pdf_naming_its_level(pdfs):
    from pypdf import PdfReader
    for number in sorted(EASIER):
        path = pdfs / f"{STANDARD[number].stem}-easier.pdf"
        first = re.sub(r"\s+", " ", PdfReader(path).pages[0].extract_text())
        assert "(easier)" in first and "Easier version" in first, path.name


def test_the_switch_keeps_the_readers_section(server, browser):
    standard, _ = easier_urls()[0]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}{standard}#takeaways")
    page.click(".level-switch a[data-level=easier]")
    page.wait_for_load_state()
    assert page.url.endswith("/easier/#takeaways")
    assert page.evaluate("document.getElementById('takeaways').getBoundingClientRect().top") < 400
    page.close()
