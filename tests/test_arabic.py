"""The Arabic edition at /ar/: its pages, its data, its alignment with the English, its words.

Every page the issue names has its Arabic beside it (x.ar.md); each English chapter paragraph
and its Arabic carry the same numbers, dates, citations and links (macros/alignment.py); every
entry of data/ has its Arabic, and a missing one stops the build with one line; the built Arabic
pages are right to left, say nothing in English outside source titles, and link each page to
its other edition.
"""

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_errors, run_mkdocs, small_book
from macros.alignment import compare
from macros.book import load_book
from macros.chapters import ChapterMeta, chapter_files
from macros.errors import DataError
from macros.i18n import WORDS
from macros.pages import translated_name

DOCS = ROOT / "docs"

# The pages of the Arabic edition: every page of the English edition but the easier chapters,
# the document sets, the mixed-class guide and the US curriculum alignment.
ENGLISH_ONLY = re.compile(r"^(chapters/[^/]+/easier\.md|documents/.*|teachers/mixed-class\.md|"
                          r"teachers/c3-alignment\.md|chapters/_template\.md)$")


def english_pages() -> list[str]:
    return sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")
                  if len(path.suffixes) == 1 and "assets" not in path.parts)


ARABIC_PAGES = [page for page in english_pages() if not ENGLISH_ONLY.match(page)]


def test_the_edition_holds_every_page_the_issue_names():
    names = set(ARABIC_PAGES)
    for page in ["index.md", "reference/glossary.md", "reference/timeline.md",
                 "reference/who-is-who.md", "reference/atlas.md", "reference/corrections.md",
                 "reference/changes.md", "teachers/teaching-contested-topics.md",
                 "teachers/handouts/index.md"]:
        assert page in names
    assert len([p for p in names if re.match(r"chapters/\d\d-[^/]+\.md$", p)]) == 7
    assert len([p for p in names if p.startswith("teachers/lesson-plans/")]) == 7


@pytest.mark.parametrize("page", ARABIC_PAGES)
def test_each_page_has_its_arabic(page):
    assert (DOCS / translated_name(page, "ar")).is_file(), f"docs/{translated_name(page, 'ar')}"


@pytest.mark.parametrize("page", ARABIC_PAGES)
def test_each_arabic_page_is_aligned_with_its_english(page):
    """Same sections, same blocks in each; in each block pair the same citations, links and
    numbers in digits, and each English month name as its Arabic pair."""
    arabic = DOCS / translated_name(page, "ar")
    problems = compare((DOCS / page).read_text(encoding="utf-8"),
                       arabic.read_text(encoding="utf-8"), f"docs/{translated_name(page, 'ar')}")
    assert not problems, "\n".join(problems)


def test_the_alignment_check_finds_a_changed_number_citation_link_and_month():
    english = ('## A {#a}\n\nOn 27 November 2024 it began.{{ cite("x") }} See [ch](a.md#b).\n\n'
               "- One item.\n")
    good = ('## أ {#a}\n\nفي 27 تشرين الثاني/نوفمبر 2024 بدأ.{{ cite("x") }} انظر [ف](a.md#b).\n\n'
            "- بند.\n")
    assert compare(english, good, "x") == []
    for bad, found in [(good.replace("27", "28"), "numbers differ"),
                       (good.replace('cite("x")', 'cite("y")'), "citations"),
                       (good.replace("a.md#b", "a.md"), "links"),
                       (good.replace("تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"), "November"),
                       (good.replace("- بند.\n", ""), "has 1 blocks"),
                       (good.replace("{#a}", "{#z}"), "sections differ")]:
        problems = compare(english, bad, "x")
        assert any(found in problem for problem in problems), (found, problems)


def test_a_number_joined_to_and_is_read_but_not_one_inside_a_name():
    assert compare("## A {#a}\n\nIn 2026 and 2027.\n", "## أ {#a}\n\nفي 2026 و2027.\n", "x") == []
    assert compare("## A {#a}\n\nKurdistan24 said.\n", "## أ {#a}\n\nقالت كردستان24.\n", "x") == []


# --- Data --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def arabic_book():
    return load_book(ROOT / "data").in_language("ar")


def test_every_entry_of_the_data_has_its_arabic(arabic_book):
    """Glossary, Who's who, timeline, places and maps all load in Arabic (else one DataError)."""
    english = load_book(ROOT / "data")
    assert [term.id for term in arabic_book.terms] == [term.id for term in english.terms]
    arabic = re.compile(r"[\u0600-\u06FF]")
    for term in arabic_book.terms:
        assert arabic.search(term.term) and arabic.search(term.definition), term.id
        assert term.english and not term.avoid and not term.plurals
    for actor in arabic_book.actors:
        assert arabic.search(actor.name) and arabic.search(actor.profile), actor.id
    for event in arabic_book.events:
        assert arabic.search(event.text), event.id
    for place in arabic_book.places.values():
        assert arabic.search(place.name) and arabic.search(place.note), place.id
    for spec in arabic_book.maps.values():
        assert arabic.search(spec.title) and arabic.search(spec.caption), spec.id
        for layer in spec.layers:
            assert arabic.search(layer.name), (spec.id, layer.name)


def test_the_arabic_glossary_covers_every_term_with_its_own_words(arabic_book):
    english = {term.id: term for term in load_book(ROOT / "data").terms}
    assert {term.id for term in arabic_book.terms} == set(english)
    for term in arabic_book.terms:
        assert term.definition != english[term.id].definition
        assert not re.search(r"[A-Za-z]{3,}", term.definition.replace("M4", "").replace("M5", "")), \
            term.id


@pytest.mark.parametrize("number", sorted(chapter_files(DOCS)))
def test_each_chapter_front_matter_has_its_arabic(number):
    path = chapter_files(DOCS)[number]
    meta = ChapterMeta.model_validate(yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]))
    arabic = meta.in_language("ar", f"docs/chapters/{path.name}", "front matter")
    for english, translated in zip(meta.quiz, arabic.quiz):
        if english.options:      # the answer is the option in the same place
            assert translated.answer == translated.options[english.options.index(english.answer)]
    assert arabic.key_question != meta.key_question
    assert [len(c.sides) for c in arabic.claims] == [len(c.sides) for c in meta.claims]


def _error_line(error: DataError) -> str:
    text = str(error)
    assert "\n" not in text
    return text


def test_an_entry_without_its_arabic_stops_the_build_with_one_line(tmp_path):
    book = small_book(tmp_path)
    with pytest.raises(DataError) as raised:
        book.in_language("ar")
    line = _error_line(raised.value)
    assert line.startswith("data/") and "entry '" in line and "Arabic" in line


QUIZ = {"key_question": "Why?", "discussion": [{"id": f"d{n}", "question": "Q?", "model_answer": "A."}
                                               for n in range(3)],
        "quiz": [{"id": f"q{n}", "question": "Q?", "options": ["a", "b"], "answer": "b",
                  "explanation": "Because."} for n in range(4)], "chapter": 1}


def _arabic_quiz(**changes):
    meta = yaml.safe_load(yaml.safe_dump(QUIZ))
    meta["ar"] = {"key_question": "لماذا؟"}
    for item in meta["discussion"]:
        item["ar"] = {"question": "سؤال؟", "model_answer": "جواب."}
    for item in meta["quiz"]:
        item["ar"] = {"question": "سؤال؟", "options": ["أ", "ب"], "explanation": "لأن."}
    for path, value in changes.items():
        kind, number, key = path.split(".")
        item = meta[kind][int(number)]["ar"]
        if value is None:
            del item[key]
        else:
            item[key] = value
    return ChapterMeta.model_validate(meta).in_language("ar", "docs/chapters/01-x.md",
                                                        "front matter")


def test_a_quiz_answer_comes_from_the_option_in_its_place():
    assert _arabic_quiz().quiz[0].answer == "ب"


@pytest.mark.parametrize("changes, problem", [
    ({"quiz.1.explanation": None}, "front matter, quiz #2 ('q1'): no Arabic for 'explanation'"),
    ({"quiz.0.options": ["أ"]}, "front matter, quiz #1 ('q0'): ar.options must be a list of 2"),
    ({"quiz.0.answer": "ب"}, "ar.answer is the option in the English answer's place"),
    ({"discussion.2.tip": "x"}, "front matter, discussion #3 ('d2'): ar.tip is not a translated"),
])
def test_a_bad_or_missing_translation_is_named(changes, problem):
    with pytest.raises(DataError) as raised:
        _arabic_quiz(**changes)
    line = _error_line(raised.value)
    assert line.startswith("docs/chapters/01-x.md: ") and problem in line, line


def test_every_word_the_macros_write_has_both_languages():
    for key, texts in WORDS.items():
        assert set(texts) == {"en", "ar"}, key
        assert all(isinstance(text, str) for text in texts.values()), key
    # Each language leaves out some words on purpose ("" : the map's Arabic column in the Arabic
    # edition, the translated-quotes note in the English); most it writes.
    assert sum(1 for texts in WORDS.values() if texts["ar"]) > 0.9 * len(WORDS)


def test_a_missing_arabic_page_stops_the_build(project_copy):
    """Its place in the Arabic navigation names it; the page is never built in English."""
    (project_copy / "docs" / "reference" / "atlas.ar.md").unlink()
    result = run_mkdocs(project_copy / "site", cwd=project_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "'reference/atlas.md' is included in the 'nav' configuration" in output
    assert not (project_copy / "site" / "ar" / "reference" / "atlas").exists()


# --- The built edition ---------------------------------------------------------------------

def arabic_html(site) -> list[Path]:
    """The Arabic edition's pages (its map documents are tests/test_maps_arabic.py's)."""
    return sorted(path for path in (site.site / "ar").rglob("*.html")
                  if not path.relative_to(site.site / "ar").as_posix().startswith("maps/"))


def test_the_site_holds_the_arabic_edition(site):
    built = {path.relative_to(site.site / "ar").as_posix() for path in arabic_html(site)}
    for page in ARABIC_PAGES:
        stem = page.removesuffix(".md")
        expected = "index.html" if stem == "index" else (
            stem.removesuffix("index") + "index.html" if stem.endswith("index") else stem + "/index.html")
        assert expected in built, expected


# Words in Latin letters an Arabic page may hold in its own text: road names, paper sizes,
# file formats a reader meets on the buttons, the licences' names.
ALLOWED_LATIN = {"M4", "M5", "A4", "PDF", "SVG", "CC", "BY-SA", "MIT", "Ctrl", "Cmd", "P", "zip",
                 "Letter"}


def latin_words(soup: BeautifulSoup) -> list[str]:
    """The words in Latin letters of a page's text and footer, outside what is marked as
    another language, code, a source list or an address."""
    article = soup.new_tag("div")
    article.extend([soup.select_one("article"), soup.select_one("footer")])
    for element in article.select('[lang]:not([lang="ar"]), code, pre, script, style, svg, '
                                  'iframe, .share-link, .references, .cited-in a'):
        element.decompose()
    return [word for word in re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", article.get_text(" "))
            if word not in ALLOWED_LATIN]


def test_arabic_pages_are_right_to_left_and_say_nothing_in_english(site):
    found = {}
    for path in arabic_html(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "ar", path
        assert soup.body["dir"] == "rtl", path
        words = latin_words(soup)
        if words:
            found[path.relative_to(site.site).as_posix()] = words[:8]
    assert not found, found


def test_english_source_titles_in_arabic_pages_are_marked(site):
    page = site.html("ar/chapters/02-the-offensive/index.html")
    soup = BeautifulSoup(page, "html.parser")
    references = soup.select("ol.references li")
    assert len(references) > 20
    for item in references:
        marked = item.select('bdi[lang][dir]')
        assert marked and all(b["dir"] in ("ltr", "rtl") for b in marked), item


def test_each_page_links_its_other_edition(site):
    """The header's language link opens the same page in the other language."""
    english = BeautifulSoup(site.html("chapters/02-the-offensive/index.html"), "html.parser")
    arabic = BeautifulSoup(site.html("ar/chapters/02-the-offensive/index.html"), "html.parser")
    to_arabic = english.select_one('a.md-header__language[hreflang="ar"]')["href"]
    to_english = arabic.select_one('a.md-header__language[hreflang="en"]')["href"]
    assert to_arabic.endswith("ar/chapters/02-the-offensive/")
    assert to_english.endswith("chapters/02-the-offensive/") and "ar/" not in to_english
    only_english = BeautifulSoup(site.html("documents/02-the-offensive/index.html"), "html.parser")
    home = only_english.select_one('a.md-header__language[hreflang="ar"]')["href"]
    assert not home.startswith("/") and home.endswith("ar/")


def test_arabic_pages_link_english_only_pages_as_english(site):
    soup = BeautifulSoup(site.html("ar/teachers/lesson-plans/02-the-offensive/index.html"),
                         "html.parser")
    links = [a for a in soup.select('a[hreflang="en"]') if "documents/" in a["href"]]
    assert links
    for link in links:
        assert "/ar/" not in link["href"] and "(بالإنجليزية)" in link.parent.get_text()


def test_the_arabic_glossary_page_has_every_term(site):
    soup = BeautifulSoup(site.html("ar/reference/glossary/index.html"), "html.parser")
    ids = {dt["id"].removeprefix("term-") for dt in soup.select("dl.glossary dt[id]")}
    assert ids == {term.id for term in load_book(ROOT / "data").terms}


def test_an_arabic_chapter_renders_its_boxes_in_arabic(site):
    page = site.html("ar/chapters/02-the-offensive/index.html")
    assert "كلّف طلابك بهذا الفصل" in page and "موضع خلاف" in page
    assert "ما أثبتته التقارير اللاحقة" in page and "أظهر الإجابة" in page
    assert "تشرين الثاني/نوفمبر" in page
    assert "Assign this chapter" not in page and "Contested:" not in page


# --- Search ------------------------------------------------------------------------------

def _search(page, words: str) -> list[str]:
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(words, delay=30)
    # Playwright types letters that are not on a US keyboard as inserted text, without the key
    # events a reader's keyboard sends; Material's search listens for those too (offline, it
    # waits for one): End, which changes nothing, sends one.
    search.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link",
                                     "links => links.map(a => a.href)")


def _about_aleppo(page, href: str) -> bool:
    page.goto(href, wait_until="load")
    return "حلب" in page.locator("article").inner_text()


def test_arabic_search_finds_aleppo_online(server, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + "ar/", wait_until="networkidle")
        results = _search(page, "حلب")
        arabic = [href for href in results if "/ar/" in href]
        assert arabic and results[0] == arabic[0], results[:5]
        assert _about_aleppo(page, arabic[0])
    finally:
        context.close()


def test_arabic_search_finds_aleppo_offline(offline_site, browser):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((offline_site.site / "ar" / "index.html").as_uri(), wait_until="load")
        results = _search(page, "حلب")
        arabic = [href for href in results if "/ar/" in href]
        assert arabic and results[0] == arabic[0], results[:5]
        assert _about_aleppo(page, arabic[0])
        assert [url for url in requests if not url.startswith("file:")] == []
    finally:
        context.close()


# --- Reading ease ------------------------------------------------------------------------

# The Arabic chapters' target (EDITORIAL-AR.md: "a target stated and met per chapter"): sentences
# of at most 20 words on average, and no longer than the English chapter's.
MAX_WORDS_PER_SENTENCE = 20


@pytest.mark.parametrize("number", sorted(chapter_files(DOCS)))
def test_arabic_chapters_keep_their_sentences_short(number):
    from macros.alignment import body
    from macros.reading import prose, sentence_length
    english = chapter_files(DOCS)[number]
    arabic = english.with_name(translated_name(english.name, "ar"))
    ar = sentence_length(prose(body(arabic.read_text(encoding="utf-8"))[0]))
    en = sentence_length(prose(body(english.read_text(encoding="utf-8"))[0]))
    assert ar <= MAX_WORDS_PER_SENTENCE and ar <= en, (ar, en)


def test_an_outlet_without_its_arabic_name_stops_the_build_with_one_line(project_copy):
    path = project_copy / "data" / "publishers.yml"
    text = path.read_text(encoding="utf-8")
    assert "  Reuters: " in text
    path.write_text("\n".join(line for line in text.splitlines()
                              if not line.startswith("  Reuters: ")) + "\n", encoding="utf-8")
    errors = build_errors(project_copy)      # MkDocs names the page, then the problem
    assert errors[-1] == ("ERROR   -  data/publishers.yml: publishers: no Arabic name for "
                          "'Reuters': add it, as Arabic news writes it"), errors
    assert len(errors) <= 2


def test_the_language_link_keeps_the_readers_section(server, browser):
    """A reader at a section of an English chapter lands on the same section in Arabic, and back
    (site.js carries the address's #section across, as for the reading levels)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + "chapters/02-the-offensive/#hama-homs-damascus", wait_until="load")
        page.locator("a.md-header__language").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/ar/chapters/02-the-offensive/#hama-homs-damascus"), page.url
        assert page.locator("html").get_attribute("lang") == "ar"
        page.locator("a.md-header__language").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/chapters/02-the-offensive/#hama-homs-damascus"), page.url
        assert "/ar/" not in page.url
    finally:
        context.close()
