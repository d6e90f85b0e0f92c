"""Bad input stops the build with one line naming the file, the entry and the problem."""

import pytest

from macros.book import load_book
from macros.errors import DataError
from conftest import AS_OF, ROOT, build_errors, small_book, test_data

SOURCES = test_data("sources")
TERMS = test_data("glossary")


def load(tmp_path, sources=SOURCES, glossary=TERMS):
    return small_book(tmp_path, use=("sources", "glossary"), sources=sources, glossary=glossary)


def error_of(tmp_path, **files) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, **files)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_good_data_loads_into_typed_models(tmp_path):
    book = load(tmp_path)
    source = book.sources["wire-2024-11-28"]
    assert source.date.isoformat() == "2024-11-28"
    assert book.terms[0].forms == ["Hay'at Tahrir al-Sham", "HTS"]


def test_the_real_data_loads():
    book = load_book(ROOT / "data")
    assert book.sources and book.terms


def test_malformed_yaml(tmp_path):
    message = error_of(tmp_path, sources="- id: a\n  title: [unclosed\n")
    assert message.startswith("data/sources.yml: entry 'a', line 2: malformed YAML")


def test_not_a_list(tmp_path):
    assert error_of(tmp_path, sources="id: a\n") == \
        "data/sources.yml: expected a list of entries at the top level"


def test_missing_field(tmp_path):
    message = error_of(tmp_path, sources=SOURCES.replace("  title: Rebels launch an attack\n", ""))
    assert message == "data/sources.yml: entry 'wire-2024-11-28': missing field 'title'"


def test_unknown_field(tmp_path):
    message = error_of(tmp_path, sources=SOURCES + "  author: Someone\n")
    assert message == "data/sources.yml: entry 'monitor-2024-11-30': unknown field 'author'"


def test_duplicate_id(tmp_path):
    message = error_of(tmp_path, sources=SOURCES + SOURCES)
    assert message == ("data/sources.yml: entry 'wire-2024-11-28': "
                       "duplicate id (first used by entry #1)")


@pytest.mark.parametrize("bad", ["2024-13-28", "28 November 2024", "2024-02-30"])
def test_bad_date(tmp_path, bad):
    message = error_of(tmp_path, sources=SOURCES.replace("date: 2024-11-28\n", f"date: {bad}\n"))
    assert message == ("data/sources.yml: entry 'wire-2024-11-28': field 'date': "
                       f"date must be a real date written YYYY-MM-DD (got '{bad}')")


@pytest.mark.parametrize("bad", ["news.test/wire", "ftp://news.test/x", "https://"])
def test_bad_url(tmp_path, bad):
    message = error_of(tmp_path, sources=SOURCES.replace("https://news.test/wire", bad))
    assert message.startswith("data/sources.yml: entry 'wire-2024-11-28': field 'url': "
                              "url must be a full http(s) address")


def test_unknown_kind(tmp_path):
    message = error_of(tmp_path, sources=SOURCES.replace("kind: news", "kind: blog"))
    assert message.startswith("data/sources.yml: entry 'wire-2024-11-28': field 'kind': ")
    assert "'state-media'" in message


def test_state_media_must_name_its_state(tmp_path):
    message = error_of(tmp_path, sources=SOURCES.replace("kind: news", "kind: state-media"))
    assert message == ("data/sources.yml: entry 'wire-2024-11-28': "
                       "state-affiliated media must name their state in 'state'")


def test_bad_id(tmp_path):
    message = error_of(tmp_path, sources=SOURCES.replace("id: wire", "id: Wire"))
    assert "field 'id': id must be lowercase words joined by hyphens" in message


def test_entry_without_id_is_named_by_position(tmp_path):
    message = error_of(tmp_path, sources=SOURCES + "- publisher: X\n")
    assert message == "data/sources.yml: entry #4: missing field 'id'"


def test_glossary_cites_unknown_source(tmp_path):
    message = error_of(tmp_path, glossary=TERMS.replace("[wire-2024-11-28]",
                                                            "[nobody-said-this]"))
    assert message == ("data/glossary.yml: entry 'hts': unknown source 'nobody-said-this' "
                       "(not in data/sources.yml)")


@pytest.mark.parametrize("simple, problem", [
    (None, "missing field 'simple'"),
    ("''", "field 'simple': simple must not be empty (got '')"),
    ("'  '", "field 'simple': simple must not be empty (got '  ')"),
])
def test_glossary_term_needs_its_plain_words(tmp_path, simple, problem):
    line = "  simple: An armed group that led the offensive.\n"
    assert line in TERMS
    message = error_of(tmp_path, glossary=TERMS.replace(
        line, "" if simple is None else f"  simple: {simple}\n"))
    assert message == f"data/glossary.yml: entry 'hts': {problem}"


def test_glossary_form_defined_twice(tmp_path):
    second = TERMS.replace("id: hts", "id: hts-again").replace("term: Hay'at Tahrir al-Sham",
                                                                  "term: Tahrir al-Sham")
    message = error_of(tmp_path, glossary=TERMS + second)
    assert message == "data/glossary.yml: entry 'hts-again': 'HTS' is already defined by entry 'hts'"


def test_build_stops_on_bad_data_with_one_line(project_copy):
    sources = project_copy / "data" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("date: 2024-11-28",
                                                                    "date: 2024-11-31", 1))
    errors = build_errors(project_copy)
    assert len(errors) == 1
    assert errors[0].endswith("data/sources.yml: entry 'reuters-2024-11-28-rebels-launch-attack': "
                              "field 'date': date must be a real date written YYYY-MM-DD "
                              "(got '2024-11-31')")


def test_build_stops_on_unknown_citation(project_copy):
    page = project_copy / "docs" / "teachers" / "index.md"
    page.write_text('# For teachers\n\nA claim.{{ cite("no-such-source") }}\n', encoding="utf-8")
    errors = build_errors(project_copy)
    assert errors[-1].endswith("docs/teachers/index.md: cites unknown source 'no-such-source' "
                               "(not in data/sources.yml)")


# --- Bad files, each one line naming file, entry and line --------------------------------------

def test_an_unclosed_quote_is_named_where_it_opens(tmp_path):
    broken = SOURCES.replace('title: "Fighting \\"in\\" the <west>"', 'title: "Fighting the west')
    assert broken != SOURCES
    message = error_of(tmp_path, sources=broken)
    line = broken.splitlines().index('  title: "Fighting the west') + 1
    assert message.startswith(f"data/sources.yml: entry 'monitor-2024-11-30', line {line}: "
                               "malformed YAML: ")


def test_an_empty_file_is_named(tmp_path):
    assert error_of(tmp_path, glossary="") == \
        "data/glossary.yml: the file is empty: it should hold a list of entries (write [] for none)"
    assert load(tmp_path, glossary="[]\n").terms == []


def test_a_byte_that_is_not_utf8_is_named_with_its_line(tmp_path):
    (tmp_path / "sources.yml").write_bytes(SOURCES.encode("utf-8").replace(b"Reuters", b"Reu\xe9ters"))
    (tmp_path / "glossary.yml").write_text(TERMS, encoding="utf-8")
    for name in ("places", "maps", "timeline", "actors"):
        (tmp_path / f"{name}.yml").write_text("[]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_book(tmp_path)
    assert str(caught.value) == ("data/sources.yml: line 2: not UTF-8 text (byte 0xe9); "
                                 "save the file as UTF-8")


def test_no_and_yes_are_text_not_booleans(tmp_path):
    book = load(tmp_path, glossary=TERMS.replace("id: hts", "id: no"))
    assert book.terms[0].id == "no"


def test_a_field_given_twice_is_named(tmp_path):
    twice = SOURCES.replace("  date: 2024-11-28\n", "  date: 2024-11-28\n  date: 2024-11-29\n")
    message = error_of(tmp_path, sources=twice)
    assert message == ("data/sources.yml: entry 'wire-2024-11-28', line 5: malformed YAML: the "
                       "field 'date' is given twice in one entry (first on line 4)")


def test_sources_and_maps_dated_after_the_as_of_date_are_refused(tmp_path):
    import datetime as dt
    from macros.book import check_dates
    book = small_book(tmp_path)
    check_dates(book, dt.date(2024, 12, 8))
    with pytest.raises(DataError) as caught:
        check_dates(book, dt.date(2024, 11, 28))
    assert str(caught.value) == ("data/sources.yml: entry 'state-2024-11-29': date 2024-11-29 is "
                                 "after the book's as-of date (28 November 2024, extra.as_of in "
                                 "mkdocs.yml)")
    with pytest.raises(DataError) as caught:
        check_dates(book, dt.date(2024, 11, 30))
    assert str(caught.value).startswith("data/maps.yml: entry 'north': as_of 2024-12-01 is after")


# --- Bad macro calls in a page: one line, with the file's line -----------------------------------

@pytest.mark.parametrize("call, message", [
    ("{{ cite( }}", "line {line}: macro syntax: "),
    ("{{ glosary() }}", "line {line}: unknown macro 'glosary'"),
    ("{{ cite(42) }}", "cite(42): source ids go in quotes, as in cite(\"an-id\") (got 42)"),
])
def test_a_bad_macro_call_is_one_line_with_its_line(project_copy, call, message):
    page = project_copy / "docs" / "chapters" / "04-turkeys-balancing-act.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1)
                if text.startswith("## ")) + 2
    lines.insert(line - 1, f"A sentence. {call}")
    page.write_text("\n".join(lines), encoding="utf-8")
    errors = build_errors(project_copy)      # MkDocs first names the page it was reading
    assert f"docs/chapters/04-turkeys-balancing-act.md: {message.format(line=line)}" in errors[-1]


def test_a_field_longer_than_its_limit_is_refused(tmp_path):
    from macros.text import NAME_LIMIT
    long_title = "A" * (NAME_LIMIT + 1)
    message = error_of(tmp_path, sources=SOURCES.replace("title: Rebels launch an attack",
                                                         f"title: {long_title}"))
    assert message.startswith("data/sources.yml: entry 'wire-2024-11-28': field 'title': String "
                              f"should have at most {NAME_LIMIT} characters")


def test_a_heading_without_an_id_stops_the_build_with_its_line(project_copy):
    page = project_copy / "docs" / "teachers" / "index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    line = len(lines) + 2
    page.write_text("\n".join(lines + ["", "## A new section", "", "Text."]), encoding="utf-8")
    errors = build_errors(project_copy)
    assert errors[-1].endswith(f"docs/teachers/index.md: line {line}: heading without an explicit "
                               "id: end it with {#an-id} so that links to it survive rewording")


def test_a_contested_claim_dated_after_the_as_of_date_stops_the_build(project_copy):
    page = project_copy / "docs" / "chapters" / "03-the-human-cost.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("        date: 2024-12-02", "        date: 2031-01-01", 1),
                    encoding="utf-8")
    errors = build_errors(project_copy)
    assert "docs/chapters/03-the-human-cost.md: front matter claim '" in errors[-1]
    assert errors[-1].endswith("': date 2031-01-01 is after the book's as-of date "
                               f"({AS_OF}, extra.as_of in mkdocs.yml)")
