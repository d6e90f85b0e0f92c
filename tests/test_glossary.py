"""The glossary: one YAML file, three renderings (page, tooltips, key terms), checked end to end."""

import html
import re
import textwrap
from html.parser import HTMLParser

import markdown
import pytest

from conftest import ROOT, build_errors
from macros.book import load_book
from macros.chapters import chapter_files
from macros.errors import DataError
from macros.glossary import (SCRIPTS, Term, abbreviations, check, matcher, meaning,
                             render_glossary, render_key_terms, sort_key, terms_in, with_tooltips)
from macros.reading import reading_grade

BOOK = load_book(ROOT / "data")
TERMS = BOOK.terms
CHAPTERS = chapter_files(ROOT / "docs")
ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06FF\u200c /]+$")     # Arabic and Persian letters
LATIN_SCRIPT = re.compile(r"^[A-Za-zÀ-ɏ' .-]+$")           # Turkish and Kurdish (Latin) letters


# --- Reading a built page as a reader sees it -------------------------------------------------

BLOCK = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div",
         "summary", "details", "ol", "ul", "dl", "table", "blockquote", "br", "section"}
SKIP = {"code", "pre", "script", "style", "svg"}
# Raw-HTML boxes that show a term next to its definition (no tooltip needed) or a source title.
SKIP_CLASSES = {"key-terms", "references", "headerlink"}


class VisibleText(HTMLParser):
    """The article's text with each <abbr> kept apart, so forms outside tooltips can be found."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []      # (tag, skipped)
        self.text: list[str] = []                    # running text; an <abbr> is one marker
        self.abbrs: list[tuple[str, str]] = []       # (text, title) of each <abbr>
        self.abbr: list[str] | None = None
        self.abbr_title = ""
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.inside = True
        classes = set((attrs.get("class") or "").split())
        skipped = bool(self.stack and self.stack[-1][1]) or tag in SKIP or bool(classes & SKIP_CLASSES)
        if tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.stack.append((tag, skipped))
        if tag in BLOCK:
            self.text.append("\n\n")
        if tag == "abbr" and not skipped:
            self.abbr, self.abbr_title = [], attrs.get("title", "")

    def handle_endtag(self, tag):
        if tag == "abbr" and self.abbr is not None:
            self.abbrs.append(("".join(self.abbr), self.abbr_title))
            self.text.append("\ue000")
            self.abbr = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag in BLOCK:
            self.text.append("\n\n")
        if tag == "article":
            self.inside = False

    def handle_data(self, data):
        if not self.inside or (self.stack and self.stack[-1][1]):
            return
        if self.abbr is not None:
            self.abbr.append(data)
        else:
            self.text.append(data)


def visible(page_html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(page_html)
    return parser


def built_chapter(site, number: int) -> str:
    return site.html(f"chapters/{CHAPTERS[number].stem}/index.html")


def written(site, number: int) -> bool:
    """A chapter counts once it has its body (the placeholder page has no key-terms section)."""
    return 'id="key-terms"' in built_chapter(site, number)


# --- The data ---------------------------------------------------------------------------------

def test_at_least_sixty_terms_of_every_kind():
    assert len(TERMS) >= 60, len(TERMS)
    kinds = {term.kind.value for term in TERMS if term.kind}
    assert {"organisation", "person", "place", "concept"} <= kinds


@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.id)
def test_each_term_is_complete(term):
    assert term.kind, "kind is missing"
    assert term.chapters, "chapters are missing"
    assert term.sources, "sources are missing"
    sentences = re.findall(r"[.!?](?:\s|$)", term.definition)
    assert 1 <= len(sentences) <= 3, f"{len(sentences)} sentences: keep it to one or two"
    assert len(term.definition.split()) <= 60, "definition too long for a tooltip"
    plain = re.findall(r"[.!?](?:\s|$)", term.simple)
    assert 1 <= len(plain) <= 2, f"simple: {len(plain)} sentences: keep it to one or two"
    assert len(term.simple.split()) <= 50, "simple: too long for a tooltip"


def test_plain_words_read_at_the_easier_level():
    """The easier level aims at grade 6-8 (EDITORIAL.md): the simple definitions, measured one by
    one as the chapters are, average grade 8 or below, and below the definitions they explain."""
    simple = [reading_grade(term.simple) for term in TERMS]
    standard = [reading_grade(term.definition) for term in TERMS]
    assert sum(simple) / len(simple) <= 8.0, f"mean grade {sum(simple) / len(simple):.2f}"
    assert sum(simple) < sum(standard)


def test_a_term_means_at_each_level():
    term = Term(**GOOD)
    assert meaning(term) == meaning(term, "standard") == "An armed group."
    assert meaning(term, "easier") == "A group that fights."
    with pytest.raises(ValueError, match="unknown reading level 'hard'"):
        meaning(term, "hard")


@pytest.mark.parametrize("term", [t for t in TERMS if t.original], ids=lambda term: term.id)
def test_original_script_matches_its_language(term):
    script = ARABIC_SCRIPT if SCRIPTS[term.original_lang][1] == "rtl" else LATIN_SCRIPT
    assert script.match(term.original), f"{term.original!r} is not in {term.original_lang} script"


def test_no_term_or_variant_is_defined_twice():
    seen: dict[str, str] = {}
    for term in TERMS:
        for form in term.tooltip_forms:
            assert form not in seen, f"'{form}' is defined by {seen[form]} and {term.id}"
            seen[form] = term.id
    avoided = {spelling for term in TERMS for spelling in term.avoid}
    assert not avoided & set(seen), "a spelling to avoid is also a tooltip form"


GOOD = dict(id="hts", term="Hay'at Tahrir al-Sham", kind="organisation", variants=["HTS"],
            definition="An armed group.", simple="A group that fights.", sources=["s"])


class _Book:
    def __init__(self, *terms):
        self.terms, self.sources = list(terms), {"s": None}


@pytest.mark.parametrize("second, message", [
    (dict(GOOD, id="other", term="Other", variants=["HTS"]),
     "data/glossary.yml: entry 'other': 'HTS' is already defined by entry 'hts'"),
    (dict(GOOD, id="other", term="hts", variants=[]),      # "Hts" at a sentence start is not HTS
     None),
    (dict(GOOD, id="other", term="Other", variants=[], avoid=["HTS"]),
     "data/glossary.yml: entry 'other': 'HTS' is to be avoided but is a form of entry 'hts'"),
])
def test_check_rejects_a_form_claimed_twice(second, message):
    book = _Book(Term(**GOOD), Term(**second))
    if message is None:
        check(book)
        return
    with pytest.raises(DataError) as caught:
        check(book)
    assert str(caught.value) == message


@pytest.mark.parametrize("change, problem", [
    (dict(original="هيئة"), "'original' and 'original_lang' go together"),
    (dict(original="x", original_lang="xx"), "original_lang must be one of"),
    (dict(chapters=[0]), "greater than or equal to 1"),
    (dict(variants=["HTS]"]), "must be plain text"),
    (dict(avoid=["HTS"]), "is both a form of the term and a spelling to avoid"),
    (dict(definition="See --8<-- file.md"), "definition must not contain '--8<--'"),
    (dict(simple="See --8<-- file.md"), "simple must not contain '--8<--'"),
])
def test_bad_terms_are_named(change, problem):
    with pytest.raises(Exception) as caught:
        Term(**dict(GOOD, **change))
    assert problem in str(caught.value)


def test_tooltip_forms_cover_sentence_starts_and_curly_apostrophes():
    term = Term(**dict(GOOD, term="barrel bomb", variants=[], plurals=["barrel bombs"]))
    assert term.tooltip_forms == ["barrel bomb", "Barrel bomb", "barrel bombs", "Barrel bombs"]
    assert "Hay\u2019at Tahrir al-Sham" in Term(**GOOD).tooltip_forms


def test_longest_form_wins_as_in_the_tooltips():
    sna = Term(id="sna", term="Syrian National Army", variants=["Turkish-backed Free Syrian Army"],
               definition="x.", simple="x.", sources=["s"])
    fsa = Term(id="fsa", term="Free Syrian Army", definition="x.", simple="x.", sources=["s"])
    assert [t.id for t in terms_in("The Turkish-backed Free Syrian Army", [sna, fsa])] == ["sna"]
    assert [t.id for t in terms_in("The Free Syrian Army of 2011", [sna, fsa])] == ["fsa"]
    assert terms_in("HTSX and xHTS", [Term(**GOOD)]) == []


# --- The tooltips in the built chapters -------------------------------------------------------

def test_snippet_is_generated_from_the_yaml(site):
    snippet = (ROOT / "build" / "generated" / "abbreviations.md").read_text(encoding="utf-8")
    assert snippet == abbreviations(TERMS)


@pytest.fixture(scope="module", params=sorted(CHAPTERS), ids=lambda n: f"chapter-{n}")
def chapter_text(request, site):
    if not written(site, request.param):
        pytest.fail(f"chapter {request.param} is not written yet")
    return request.param, visible(built_chapter(site, request.param))


def test_every_occurrence_in_a_chapter_carries_a_tooltip(chapter_text, site):
    number, page = chapter_text
    pattern, owner = matcher(TERMS)
    text = "".join(page.text)
    bare = [match.group(0) for match in pattern.finditer(text)]
    assert not bare, f"chapter {number}: terms without a tooltip: {sorted(set(bare))}"
    tooltipped = [(text, title) for text, title in page.abbrs if text in owner]
    occurrences = len(bare) + len(tooltipped)
    assert len(tooltipped) == occurrences == len(page.abbrs)
    # A chapter writes each definition of its text's terms once, in its key-terms box, which
    # names every form the text uses, and no <abbr> repeats it (site.js reads it from the box).
    # A term only a map's caption uses is not in the box: its first use carries the definition.
    box = key_terms_box(built_chapter(site, number))
    seen: set[str] = set()
    for form, title in tooltipped:
        term = owner[form]
        if form in box:
            assert title == "", f"chapter {number}: {form} carries its definition again"
            assert box[form] == (term.term, term.definition), f"chapter {number}: {form}"
        else:
            assert title == ("" if form in seen else f"{term.term}: {term.definition}"), form
            seen.add(form)
    assert len(box) >= 10


KEY_TERM_ENTRY = re.compile(r'<dt(?: data-forms="([^"]*)")?><a [^>]*>([^<]*)</a></dt>\s*<dd>([^<]*)</dd>')


def key_terms_box(page: str) -> dict[str, tuple[str, str]]:
    """Form -> (term, definition), as a chapter's key-terms box gives them to site.js."""
    box = re.search(r'<dl class="key-terms".*?</dl>', page, re.S).group(0)
    found = {}
    for forms, name, defined in KEY_TERM_ENTRY.findall(box):
        name, defined = html.unescape(name), html.unescape(defined)
        for form in [name, *html.unescape(forms).split("|")] if forms else [name]:
            found[form] = (name, defined)
    return found


def test_every_term_occurs_in_at_least_one_chapter(site):
    used: set[str] = set()
    for number in CHAPTERS:
        page = visible(built_chapter(site, number))
        used |= _terms_shown(page) | {term.id for term in terms_in("".join(page.text), TERMS)}
    missing = sorted(term.id for term in TERMS if term.id not in used)
    assert not missing, f"glossary terms no chapter uses: {missing}"


MAP_PARTS = re.compile(r'<figure class="map-figure".*?</figure>|<details class="map-text"[^>]*>.*?</details>',
                       re.S)


def _terms_shown(page: VisibleText) -> set[str]:
    _, owner = matcher(TERMS)
    return {owner[text].id for text, _ in page.abbrs if text in owner}


def test_each_term_is_used_in_the_chapters_it_names(chapter_text):
    number, page = chapter_text
    shown = _terms_shown(page)
    unused = sorted(term.id for term in TERMS if number in term.chapters and term.id not in shown)
    assert not unused, f"chapter {number} is listed for terms it never uses: {unused}"


def test_key_terms_box_lists_the_terms_the_chapter_uses(chapter_text, site):
    number, page = chapter_text
    html_text = built_chapter(site, number)
    box = re.search(r'<dl class="key-terms" style="--entries: (\d+)" data-search-exclude>(.*?)</dl>',
                    html_text, flags=re.S)
    listed = re.findall(r'#term-([a-z0-9-]+)"', box[2])
    assert int(box[1]) == len(listed)     # the count the stylesheet guesses the height from
    # The box lists the terms of the chapter's own text; a map's tables of places (with their
    # tooltips) would add every town on the map.
    own_text = visible(MAP_PARTS.sub("", html_text))
    assert set(listed) == _terms_shown(own_text)
    assert listed == [t.id for t in sorted((t for t in TERMS if t.id in listed), key=sort_key)]


# --- The Glossary page ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def glossary_page(site):
    return site.html("reference/glossary/index.html")


def test_glossary_page_is_a_definition_list_anchored_by_term(glossary_page):
    lists = re.findall(r'<dl class="glossary">(.*?)</dl>', glossary_page, flags=re.S)
    dts = re.findall(r'<dt id="term-([a-z0-9-]+)">', "".join(lists))
    assert sorted(dts) == sorted(term.id for term in TERMS)
    by_id = {term.id: term for term in TERMS}
    assert [sort_key(by_id[i]) for i in dts] == sorted(sort_key(by_id[i]) for i in dts)


def test_glossary_page_has_a_working_jump_bar(glossary_page):
    bar = re.search(r'<nav class="glossary-jump"[^>]*>(.*?)</nav>', glossary_page).group(1)
    for letter in re.findall(r'href="#(letter-[a-z])"', bar):
        assert f'id="{letter}"' in glossary_page


def test_original_script_runs_in_its_direction(glossary_page):
    for term in (t for t in TERMS if t.original):
        direction = SCRIPTS[term.original_lang][1]
        shown = (f'<span lang="{term.original_lang}" dir="{direction}">'
                 f'{html.escape(term.original)}</span>')
        assert shown in glossary_page, term.id


def test_a_persons_other_spellings_kept_in_whos_who_show_in_the_glossary():
    person = Term(id="sharaa", term="Ahmed al-Sharaa", kind="person", variants=["al-Sharaa"],
                  definition="A leader.", simple="A leader.", sources=["s"])
    page = render_glossary([person, Term(**dict(GOOD, avoid=["Hayat Tahrir al-Sham"]))],
                           also_avoided={"Ahmed al-Sharaa": ["Julani", "Golani"]})
    assert ('<p class="term-names"><span class="term-variants">Also: al-Sharaa</span> · '
            '<span class="term-avoid">Also spelled: Julani, Golani (not used in this book)</span>'
            "</p>") in page
    assert "Also spelled: Hayat Tahrir al-Sham (not used in this book)" in page


def test_variants_and_avoided_spellings_are_shown(glossary_page):
    """A person's spellings to avoid are kept with the person in data/actors.yml, and shown here
    too."""
    people = {actor.name: actor.avoid for actor in BOOK.actors}
    shown = 0
    for term in TERMS:
        entry = glossary_page.split(f'<dt id="term-{term.id}">', 1)[1].split("</dd>", 1)[0]
        for form in [*term.variants, *term.avoid, *people.get(term.term, [])]:
            assert html.escape(form) in entry, f"{term.id}: {form}"
        shown += len(people.get(term.term, []))
    assert shown >= 15


def test_glossary_links_lead_to_chapters_and_sources(site, glossary_page):
    sources_page = site.html("reference/sources/index.html")
    for href in set(re.findall(r'href="([^"#]*)#src-([a-z0-9-]+)"', glossary_page)):
        assert href[0] == "../sources/" and f'<li id="src-{href[1]}">' in sources_page
    for href in set(re.findall(r'href="\.\./\.\./(chapters/[^"]+)"', glossary_page)):
        assert (site.site / href / "index.html").exists(), href


# --- Escaping in every rendering --------------------------------------------------------------

HOSTILE = Term(id="xyz", term="XYZ <i>group</i>", variants=["XYZ"], kind="concept",
               definition='A "test" <script>alert(1)</script> & <b>bold</b> claim.',
               simple='A <em>plain</em> "test" <script>alert(2)</script>.',
               original="<b>x</b>", original_lang="ar", sources=["s"], chapters=[2])


def test_definition_is_escaped_on_the_glossary_page():
    page = render_glossary([HOSTILE], {2: ("../x/", 'Title "<2>"')},
                           {"s": ("../sources/#src-s", "<tip>", "<Pub>")})
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;Pub&gt;" in page and 'title="Title &quot;&lt;2&gt;&quot;"' in page
    assert "<em>" not in page and "&lt;script&gt;alert&#40;2&#41;&lt;/script&gt;" in page


def test_definition_is_escaped_in_the_key_terms_box():
    box = render_key_terms([HOSTILE], "../glossary/")
    assert "<script>" not in box and "<b>" not in box
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;" in box


def test_definition_is_escaped_in_the_tooltip(tmp_path):
    """The same pipeline as mkdocs.yml: abbr, and the snippet appended by pymdownx.snippets."""
    (tmp_path / "abbreviations.md").write_text(abbreviations([HOSTILE]), encoding="utf-8")
    md = markdown.Markdown(extensions=["abbr", "pymdownx.snippets"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(tmp_path)], "auto_append": ["abbreviations.md"],
                              "check_paths": True}})
    out = md.convert(textwrap.dedent("""\
        The XYZ said so.
        """))
    assert "<script>" not in out and "<b>" not in out
    assert ('<abbr title="XYZ &lt;i&gt;group&lt;/i&gt;: A &quot;test&quot; '
            '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; claim.">XYZ</abbr>'
            in out)


def test_raw_html_gets_the_tooltips_markdown_would_give(tmp_path):
    """Map captions and text versions are raw HTML: with_tooltips marks them as abbr does."""
    text = ("Hay'at Tahrir al-Sham and the Syrian National Army fought near Idlib; "
            "barrel bombs fell on rebels.")
    (tmp_path / "abbreviations.md").write_text(abbreviations(TERMS), encoding="utf-8")
    md = markdown.Markdown(extensions=["abbr", "pymdownx.snippets"], extension_configs={
        "pymdownx.snippets": {"base_path": [str(tmp_path)], "auto_append": ["abbreviations.md"],
                              "check_paths": True}})
    expected = md.convert(text).removeprefix("<p>").removesuffix("</p>")
    assert with_tooltips(text, BOOK).replace("&#x27;", "'") == expected      # same, once parsed
    assert with_tooltips(text, BOOK).count("<abbr ") >= 4


def test_raw_html_tooltips_escape_the_text_around_them():
    hostile = "<b>Idlib</b> & \"Aleppo\""
    out = with_tooltips(hostile, BOOK)
    assert out.startswith("&lt;b&gt;<abbr title=") and out.endswith("&amp; &quot;Aleppo&quot;")
    assert "<b>" not in out


def test_tooltips_in_the_built_site_carry_no_markup(site):
    for page in site.site.rglob("*.html"):
        for title in re.findall(r'<abbr title="([^"]*)"', page.read_text(encoding="utf-8")):
            assert "<" not in title and ">" not in title, page


# --- The tooltips in a reader's browser (site.js) ---------------------------------------------

TIP = "#glossary-tip"


@pytest.fixture
def chapter_two(browser, server):
    """Chapter 2 in a phone-sized tab that can be touched as well as pointed at."""
    context = browser.new_context(viewport={"width": 390, "height": 740}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}chapters/02-the-offensive/", wait_until="load")
    yield page
    assert errors == []
    context.close()


def expected_tip(abbr) -> str:
    """What a term's tooltip says: the term and its definition."""
    pattern, owner = matcher(TERMS)
    term = owner[abbr.inner_text()]
    return f"{term.term}: {term.definition}"


def test_no_tooltip_is_built_until_a_reader_asks(chapter_two):
    assert chapter_two.locator("article abbr").count() > 50
    # The key-terms box holds the definitions; only a term that a map alone names keeps one.
    assert chapter_two.locator("article abbr[title]").count() < 10
    assert chapter_two.locator(f"{TIP}, .md-tooltip2").count() == 0


def test_hovering_a_term_shows_its_definition_until_the_pointer_leaves(chapter_two):
    abbr = chapter_two.locator("article abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tip = chapter_two.locator(TIP)
    tip.wait_for(state="visible")
    assert tip.inner_text() == expected_tip(abbr)
    assert abbr.get_attribute("aria-describedby") == "glossary-tip"
    assert abbr.get_attribute("title") is None           # no native tooltip
    # The tooltip sits just under the term.
    term_box, tip_box = abbr.bounding_box(), tip.locator(".md-tooltip2__inner").bounding_box()
    assert 0 <= tip_box["y"] - (term_box["y"] + term_box["height"]) <= 12
    chapter_two.mouse.move(0, 0)
    chapter_two.wait_for_function(f"getComputedStyle(document.querySelector('{TIP}')).opacity === '0'")
    assert abbr.get_attribute("title") is None and abbr.get_attribute("aria-describedby") is None


def test_a_variant_shows_the_definition_its_key_term_gives(chapter_two):
    """A term written in another form (HTS) finds its entry in the key-terms box by that form."""
    later = chapter_two.locator("article p abbr", has_text=re.compile(r"^HTS$")).first
    later.scroll_into_view_if_needed()
    later.hover()
    tip = chapter_two.locator(TIP)
    tip.wait_for(state="visible")
    assert tip.inner_text() == expected_tip(later)
    assert tip.inner_text().startswith("Hay'at Tahrir al-Sham: ")
    assert later.get_attribute("title") is None
    chapter_two.keyboard.press("Escape")
    chapter_two.wait_for_function(f"getComputedStyle(document.querySelector('{TIP}')).opacity === '0'")
    assert later.get_attribute("title") is None and later.get_attribute("data-title") is None


def test_escape_dismisses_the_tooltip(chapter_two):
    abbr = chapter_two.locator("article abbr").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    chapter_two.locator(TIP).wait_for(state="visible")
    chapter_two.keyboard.press("Escape")
    assert "md-tooltip2--active" not in chapter_two.locator(TIP).get_attribute("class")


def test_tapping_a_term_shows_it_and_tapping_elsewhere_hides_it(chapter_two):
    terms = chapter_two.locator("article abbr")     # not [title]: it moves while shown
    first, second = terms.nth(0), terms.nth(3)
    first.scroll_into_view_if_needed()
    first.tap()
    tip = chapter_two.locator(TIP)
    assert "md-tooltip2--active" in tip.get_attribute("class")
    assert tip.inner_text() == expected_tip(first)
    second.scroll_into_view_if_needed()
    second.tap()                                            # another term: the tooltip moves
    assert tip.inner_text() == expected_tip(second)
    chapter_two.locator("article h1").tap()
    assert "md-tooltip2--active" not in tip.get_attribute("class")


def test_a_term_naming_a_chapter_that_does_not_exist_stops_the_build(project_copy):
    glossary = project_copy / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("chapters: [1, 2, 4]", "chapters: [1, 2, 9]", 1),
                        encoding="utf-8")
    errors = build_errors(project_copy)
    numbers = ", ".join(str(n) for n in sorted(CHAPTERS))
    assert len(errors) == 1 and errors[0].endswith(
        f"unknown chapter 9 (the chapters are {numbers})"), errors
    assert "data/glossary.yml: entry '" in errors[0]
