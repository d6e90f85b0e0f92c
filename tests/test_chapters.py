"""The chapter machinery (Markdown and front matter in, HTML out) and the book's six chapters."""

import re

import pytest

from conftest import ROOT, run_mkdocs, seed_runs, word_runs
from macros.chapters import chapter_files, load_meta, render_claim, render_quiz
from macros.errors import DataError
from macros.reading import prose, reading_grade, reading_minutes, word_count

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


def test_contested_claim_shows_every_side_with_its_sources():
    meta = dict(META, claims=[{
        "id": "entry", "topic": "Did they enter the city?",
        "sides": [{"party": "Rebel commanders", "claim": "said yes.", "date": "2024-11-29",
                   "sources": ["a"]},
                  {"party": "The army", "claim": "said no.", "sources": ["b"]}],
        "established": "They had.", "established_sources": ["c"]}])
    claim = load_meta("chapters/02-x.md", meta).claims[0]
    cited = []
    text = render_claim(claim, lambda *ids: cited.extend(ids) or f"[{','.join(ids)}]")
    assert text.startswith('!!! contested "Contested: Did they enter the city?"')
    assert "**Rebel commanders** (29 November 2024): said yes.[a]" in text
    assert "**The army**: said no.[b]" in text
    assert "**What later reporting established:** They had.[c]" in text
    assert cited == ["a", "b", "c"]


def test_quiz_answers_sit_in_folded_boxes():
    html = render_quiz(load_meta("chapters/02-x.md", META))
    assert html.count('<details class="quiz-answer" markdown>') == 4
    assert "**B. Now.** Secret explanation 0." in html
    assert html.index("When 0?") < html.index("Secret explanation 0.")


# --- The chapters -----------------------------------------------------------------------------

def test_chapters_are_numbered_from_one_without_a_gap():
    assert sorted(CHAPTERS) == list(range(1, len(CHAPTERS) + 1)) and len(CHAPTERS) >= 6


def test_a_seventh_chapter_is_one_file_and_one_nav_line(project_copy):
    """Copy chapter 6 to a seventh chapter and list it in the nav: the build needs nothing else."""
    chapters = project_copy / "docs" / "chapters"
    text = (chapters / "06-what-happened-next.md").read_text(encoding="utf-8")
    (chapters / "07-a-new-chapter.md").write_text(
        text.replace("chapter: 6", "chapter: 7", 1), encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    nav = '      - "6. What happened next": chapters/06-what-happened-next.md\n'
    config.write_text(config.read_text(encoding="utf-8").replace(
        nav, nav + '      - "7. A new chapter": chapters/07-a-new-chapter.md\n'), encoding="utf-8")
    result = run_mkdocs(project_copy / "site", cwd=project_copy)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert (project_copy / "site" / "chapters" / "07-a-new-chapter" / "index.html").exists()


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
