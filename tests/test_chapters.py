"""The chapter machinery (Markdown and front matter in, HTML out) and the book's six chapters."""

import datetime as dt
import re
from html import unescape

import pytest

from conftest import ROOT, run_mkdocs, seed_runs, small_book, word_runs
from macros.book import load_book
from macros.chapters import (carriers, chapter_files, check_claims, load_meta, publisher_names,
                             render_claim, render_quiz)
from macros.errors import DataError
from macros.reading import prose, reading_grade, reading_minutes, word_count
from macros.sources import Source
from macros.text import html_text

DOCS = ROOT / "docs"
CHAPTERS = chapter_files(DOCS)
ANATOMY = ["objectives", "how-do-we-know", "takeaways", "discussion", "quiz", "key-terms",
           "sources-cited"]

META = {
    "chapter": 2,
    "key_question": "How did it end?",
    "discussion": [{"id": f"d{n}", "question": f"Why {n}?", "model_answer": "Because."}
                   for n in range(3)],
    "quiz": [{"id": f"q{n}", "question": f"When {n}?", "options": ["Then", "Now"],
              "answer": "Now", "explanation": f"Secret explanation {n}."} for n in range(4)],
}


def split_front_matter(path):
    import yaml
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


# --- Machinery ------------------------------------------------------------------------------

def test_prose_drops_headings_markup_and_macro_calls():
    text = prose('# Title\n\n{{ chapter_intro() }}\n\n## Part {#part}\n\nA *bold* [claim](x.md).'
                 '{{ cite("a") }}\n\n- first point\n- second point\n\n!!! note "Box"\n\n'
                 '    Inside the box.\n')
    assert text.splitlines() == ["A bold claim.", "first point.", "second point.",
                                 "Inside the box."]


def test_reading_figures_on_a_known_text():
    # Flesch-Kincaid: 0.39 * 6 words/sentence + 11.8 * 1 syllable/word - 15.59 = -1.45
    assert reading_grade("The cat sat on the mat.") == -1.4
    assert word_count("The cat sat on the mat.") == 6
    assert reading_minutes(1) == 1 and reading_minutes(2001) == 11


def test_front_matter_loads():
    chapter = load_meta("chapters/02-x.md", META)
    assert [q.id for q in chapter.quiz] == ["q0", "q1", "q2", "q3"]


@pytest.mark.parametrize("change, message", [
    (lambda m: m.pop("key_question"), "front matter: missing field 'key_question'"),
    (lambda m: m["quiz"].pop(), "front matter: field 'quiz': List should have at least 4 items"),
    (lambda m: m["quiz"][1].update(answer="Never"),
     "front matter quiz #2 ('q1'): field 'answer': answer must be one of the options"),
    (lambda m: m["quiz"][2].update(options=["Then", "Now", "Then"]),
     "front matter quiz #3 ('q2'): field 'options': options must differ: 'Then' is given twice"),
    (lambda m: m["quiz"][3].update(explanation="  "),
     "front matter quiz #4 ('q3'): field 'explanation': explanation must not be empty"),
    (lambda m: m["discussion"][2].update(id="d0"), "front matter discussion: ids must be unique"),
    (lambda m: m.update(colour="red"), "front matter: unknown field 'colour'"),
])
def test_bad_front_matter_is_named(change, message):
    """Entries are counted from 1, as a writer counts them, and named once."""
    meta = {key: (list(map(dict, value)) if isinstance(value, list) else value)
            for key, value in META.items()}
    change(meta)
    with pytest.raises(DataError) as caught:
        load_meta("chapters/02-x.md", meta)
    assert str(caught.value).startswith(f"docs/chapters/02-x.md: {message}")


def _claim(*sides: dict, **fields) -> dict:
    return {"id": "entry", "topic": "Did they enter the city?", "sides": list(sides), **fields}


def test_contested_claim_shows_every_side_with_its_sources_and_who_carried_its_words(tmp_path):
    """Markdown out, whole: a side quoted from another outlet says so, named from
    data/sources.yml (the test book: Reuters, Anadolu for Turkey's state, SOHR)."""
    sources = small_book(tmp_path, use=("sources",)).sources
    meta = dict(META, claims=[_claim(
        {"party": "Syria's state news agency SANA", "claim": "said no.", "date": "2024-11-29",
         "sources": ["wire-2024-11-28"]},
        {"party": "The factions", "claim": "said yes.",
         "sources": ["state-2024-11-29", "wire-2024-11-28", "wire-2024-11-28"]},
        {"party": "SOHR, a monitor", "claim": "said some.", "sources": ["monitor-2024-11-30"]},
        established="They had.", established_sources=["monitor-2024-11-30"])])
    claim = load_meta("chapters/02-x.md", meta).claims[0]
    cited = []
    text = render_claim(claim, lambda *ids: cited.extend(ids) or f"[{','.join(ids)}]", sources)
    assert text == (
        '!!! contested "Contested: Did they enter the city?"\n\n'
        "    **Syria's state news agency SANA** (29 November 2024), as reported by Reuters: "
        "said no.[wire-2024-11-28]\n\n"
        "    **The factions**, as reported by Anadolu &#40;state-affiliated, Turkey&#41; and "
        "Reuters: said yes.[state-2024-11-29,wire-2024-11-28,wire-2024-11-28]\n\n"
        "    **SOHR, a monitor**: said some.[monitor-2024-11-30]\n\n"
        "    **What later reporting established:** They had.[monitor-2024-11-30]\n")
    assert cited == ["wire-2024-11-28", "state-2024-11-29", "wire-2024-11-28", "wire-2024-11-28",
                     "monitor-2024-11-30", "monitor-2024-11-30"]


def test_a_party_names_its_publisher_by_name_short_name_or_abbreviation():
    def source(publisher: str) -> Source:
        return Source(id="s", publisher=publisher, title="T", url="https://a.test/", kind="news")

    assert publisher_names(source("Syrian Network for Human Rights (SNHR)")) == \
        ["Syrian Network for Human Rights (SNHR)", "Syrian Network for Human Rights", "SNHR"]
    assert publisher_names(source("MEMRI TV (translation of Iran's IRINN TV)")) == \
        ["MEMRI TV (translation of Iran's IRINN TV)", "MEMRI TV"]
    sources = {"own": source("UN Office for the Coordination of Humanitarian Affairs (OCHA)"),
               "tv": source("A News"), "wire": source("Reuters")}
    side = load_meta("chapters/02-x.md", dict(META, claims=[_claim(
        {"party": "UN OCHA, citing a news agency", "claim": "c.", "sources": ["own", "tv"]},
        {"party": "A News", "claim": "c.", "sources": ["tv", "wire"]})])).claims[0].sides
    # Whole words and capitals as written: "a news agency" is not A News.
    assert [s.publisher for s in carriers(side[0], sources)] == ["A News"]
    assert [s.publisher for s in carriers(side[1], sources)] == ["Reuters"]


@pytest.mark.parametrize("side, message", [
    ({"party": "The factions, as reported by Anadolu", "sources": ["state-2024-11-29"]},
     "side 2: the party says who reported it: leave that out, the box adds \"as reported by\" "
     "and the publisher of each source the party did not publish itself"),
    ({"party": "A commander speaking to Reuters", "sources": ["wire-2024-11-28"]},
     "side 2: the party names Reuters as the outlet that carried its words: leave it out, the "
     "box adds \"as reported by Reuters\" from data/sources.yml"),
    ({"party": "An official, according to Anadolu", "sources": ["state-2024-11-29"]},
     "side 2: the party names Anadolu as the outlet that carried its words: leave it out, the "
     "box adds \"as reported by Anadolu (state-affiliated, Turkey)\" from data/sources.yml"),
    ({"party": "The army", "sources": ["nope"]},
     "unknown source 'nope' (not in data/sources.yml)"),
])
def test_a_side_that_types_its_carrier_or_cites_an_unknown_source_is_named(tmp_path, side,
                                                                             message):
    """The carrier's name comes from data/sources.yml; typed in the party it would be a second
    copy, and one that a changed source would leave wrong."""
    sources = small_book(tmp_path, use=("sources",)).sources
    chapter = load_meta("chapters/02-x.md", dict(META, claims=[_claim(
        {"party": "SOHR", "claim": "said so.", "sources": ["monitor-2024-11-30"]},
        {"claim": "said so.", **side})]))
    with pytest.raises(DataError) as caught:
        check_claims("chapters/02-x.md", chapter, sources, dt.date(2025, 1, 1))
    assert str(caught.value) == f"docs/chapters/02-x.md: front matter claim 'entry': {message}"


def test_a_party_may_name_an_outlet_that_is_not_among_its_sources(tmp_path):
    """Asharq Al-Awsat quoted the sources, Reuters carried that report: both are said."""
    sources = small_book(tmp_path, use=("sources",)).sources
    chapter = load_meta("chapters/02-x.md", dict(META, claims=[_claim(
        {"party": "SOHR", "claim": "said so.", "sources": ["monitor-2024-11-30"]},
        {"party": "Sources quoted by Asharq Al-Awsat", "claim": "said no.",
         "sources": ["wire-2024-11-28"]})]))
    check_claims("chapters/02-x.md", chapter, sources, dt.date(2025, 1, 1))
    assert "**Sources quoted by Asharq Al-Awsat**, as reported by Reuters: said no." in \
        render_claim(chapter.claims[0], lambda *ids: "", sources)


def test_quiz_answers_sit_in_folded_boxes():
    html = render_quiz(load_meta("chapters/02-x.md", META))
    assert html.count('<details class="quiz-answer" markdown>') == 4
    assert "**B. Now.** Secret explanation 0." in html
    assert html.index("When 0?") < html.index("Secret explanation 0.")


# --- The chapters -----------------------------------------------------------------------------

def test_chapters_are_numbered_from_one_without_a_gap():
    assert sorted(CHAPTERS) == list(range(1, len(CHAPTERS) + 1)) and len(CHAPTERS) >= 6


def test_another_chapter_is_one_file_and_one_nav_line_in_each_edition(project_copy):
    """Copy chapter 6 to an eighth chapter and list it in the nav: the build needs nothing else
    but the same in Arabic (its .ar.md and its line in the Arabic navigation); without those, it
    stops with one line naming the missing page."""
    chapters = project_copy / "docs" / "chapters"
    text = (chapters / "06-what-happened-next.md").read_text(encoding="utf-8")
    (chapters / "08-a-new-chapter.md").write_text(
        text.replace("chapter: 6", "chapter: 8", 1), encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    nav = '      - "7. One year on": chapters/07-one-year-on.md\n'
    assert nav in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(
        nav, nav + '      - "8. A new chapter": chapters/08-a-new-chapter.md\n'), encoding="utf-8")
    result = run_mkdocs(project_copy / "site", cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "docs/chapters/08-a-new-chapter.ar.md: missing: the ar edition needs this page" in output
    (chapters / "08-a-new-chapter.ar.md").write_text(
        (chapters / "06-what-happened-next.ar.md").read_text(encoding="utf-8"), encoding="utf-8")
    arabic = '                - "7. بعد عام": chapters/07-one-year-on.md\n'
    assert arabic in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(
        arabic, arabic + '                - "8. فصل جديد": chapters/08-a-new-chapter.md\n'),
        encoding="utf-8")
    result = run_mkdocs(project_copy / "site", cwd=project_copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (project_copy / "site" / "chapters" / "08-a-new-chapter" / "index.html").exists()
    assert (project_copy / "site" / "ar" / "chapters" / "08-a-new-chapter" / "index.html").exists()


@pytest.fixture(scope="module", params=sorted(CHAPTERS), ids=lambda n: f"chapter-{n}")
def chapter(request, site):
    path = CHAPTERS[request.param]
    meta, body = split_front_matter(path)
    html = site.html(f"chapters/{path.stem}/index.html")
    return request.param, path, meta, body, html


def test_anatomy(chapter):
    _, _, _, _, html = chapter
    headings = {m.group(1): m.start() for m in re.finditer(r'<h2 [^>]*\bid="([^"]+)"', html)}
    for section in ANATOMY:
        assert section in headings, section
    positions = [headings[section] for section in ANATOMY]
    assert positions == sorted(positions), "sections out of the EDITORIAL order"
    assert "Assign this chapter" in html
    assert 'href="../../pdf/' in html and '.pdf" download' in html


def test_length_and_reading_level(chapter):
    number, _, _, body, _ = chapter
    text = prose(body)
    words = word_count(text)
    assert 1800 <= words <= 3000, f"chapter {number}: {words} words"
    grade = reading_grade(text)
    assert 8.0 <= grade <= 12.0, f"chapter {number}: grade {grade}"


def test_citations(chapter):
    number, _, _, body, html = chapter
    cited = re.findall(r'<a class="cite" id="cite-(\d+)-\d+"', html)
    assert len(cited) >= 12, f"chapter {number}: {len(cited)} citations"
    assert len(set(cited)) >= 6, f"chapter {number}: {len(set(cited))} distinct sources"


def test_every_narrative_paragraph_cites_a_source(chapter):
    number, _, _, body, _ = chapter
    narrative = body.split("{#how-do-we-know}")[0].split("{#objectives}")[1]
    narrative = narrative.split("\n## ", 1)[1]          # skip the objectives list
    for paragraph in re.split(r"\n\s*\n", narrative):
        text = paragraph.strip()
        if (not text or text.startswith(("#", "{{", "!!!", "???", "<", "|", "-", "*", ":"))
                or len(text.split()) < 25):
            continue
        assert "cite(" in text, f"chapter {number}: uncited paragraph: {text[:80]}..."


def test_every_heading_has_an_explicit_id(chapter):
    number, _, _, body, _ = chapter
    for heading in re.findall(r"^#{2,3} .*$", body, flags=re.M):
        assert re.search(r"\{#[a-z0-9-]+\}\s*$", heading), f"chapter {number}: {heading}"


def test_heading_ids_are_unique_across_chapters():
    seen = {}
    for number, path in CHAPTERS.items():
        for anchor in re.findall(r"^#{2,3} .*\{#([a-z0-9-]+)\}\s*$",
                                 path.read_text(encoding="utf-8"), flags=re.M):
            if anchor in ANATOMY:
                continue
            assert anchor not in seen, f"#{anchor} in chapters {seen[anchor]} and {number}"
            seen[anchor] = number


def test_every_side_says_who_published_the_words_it_quotes():
    """In every chapter, each side of a contested box names, before its words, the publisher of
    every source it cites: in the party (the party published it: SNHR's own report) or after
    "as reported by". So no box shows, say, SANA's words over a footnote to News.Az without
    saying that News.Az carried them. A side fails if one of its sources' publishers, as
    data/sources.yml writes it, is in neither its party nor its "as reported by"."""
    book = load_book(ROOT / "data")
    sides = carried = 0
    for number, path in CHAPTERS.items():
        meta, _ = split_front_matter(path)
        for claim in load_meta(f"chapters/{path.name}", meta).claims:
            box = render_claim(claim, lambda *ids: "", book.sources)
            for side in claim.sides:
                heading = box.split(f"**{side.party}**", 1)[1].split(f": {side.claim}", 1)[0]
                reported = heading.partition(", as reported by ")[2]
                for key in side.sources:
                    source = book.sources[key]
                    assert (html_text(source.voice()) in reported or any(
                        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", side.party)
                        for name in publisher_names(source))), \
                        f"chapter {number}, {claim.id}: {side.party!r} quotes {source.publisher}"
                sides += 1
                carried += bool(reported)
    assert sides >= 50 and carried >= 35, (sides, carried)


def test_contested_boxes_say_who_carried_the_words_on_the_page(chapter):
    """The chapter page (and the PDF made from it) shows each box as rendered from data."""
    number, path, meta, _, html = chapter
    book = load_book(ROOT / "data")
    expected = sum(bool(carriers(side, book.sources))
                   for claim in load_meta(f"chapters/{path.name}", meta).claims
                   for side in claim.sides)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert text.count(", as reported by ") == expected
    if number == 3:
        assert ("Syria's state news agency SANA (29 November 2024), as reported by News.Az: said "
                "armed groups") in text


def test_every_contested_claim_is_shown(chapter):
    number, _, meta, body, html = chapter
    for claim in meta.get("claims", []):
        assert f'contested("{claim["id"]}")' in body, f"chapter {number}: {claim['id']} unused"
    assert html.count('class="admonition contested"') == len(meta.get("claims", []))


def test_no_ten_word_run_is_shared_with_the_seed(chapter):
    seed = seed_runs()
    number, path, _, _, _ = chapter
    shared = word_runs(path.read_text(encoding="utf-8")) & seed
    assert not shared, f"chapter {number} repeats the seed: {' '.join(sorted(shared)[0])}"


def test_quiz_answers_are_absent_from_print(chapter, server, browser):
    number, path, meta, _, _ = chapter
    page = browser.new_page()
    try:
        page.goto(f"{server}chapters/{path.stem}/", wait_until="load")
        # As if the student had opened every answer before printing.
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.emulate_media(media="print")
        printed = page.evaluate("document.body.innerText")   # innerText skips display: none
        for question in meta["quiz"]:
            assert question["question"].split()[0] in printed
            assert question["explanation"] not in printed, f"chapter {number}: answer printed"
        assert "Show the answer" not in printed
    finally:
        page.close()


@pytest.mark.parametrize("text, problem", [
    ("# A chapter\n", "missing: a chapter opens with its front matter between two --- lines"),
    ("---\nchapter: 2\nkey_question: [unclosed\n---\n# A chapter\n", "not valid YAML on line 3"),
])
def test_a_chapter_without_valid_front_matter_says_why(text, problem):
    from macros.chapters import front_matter_problem
    assert front_matter_problem(text).startswith(problem)


def test_a_broken_front_matter_stops_the_build_with_its_line(project_copy):
    from conftest import build_errors
    chapter = project_copy / "docs" / "chapters" / "03-the-human-cost.md"
    lines = chapter.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("key_question:")) + 1
    lines[number - 1] = "key_question: [unclosed"
    chapter.write_text("\n".join(lines), encoding="utf-8")
    errors = build_errors(project_copy)
    assert (f"docs/chapters/03-the-human-cost.md: front matter: not valid YAML on line {number}: "
            in errors[-1])
