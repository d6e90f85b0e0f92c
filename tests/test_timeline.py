"""The timeline: dates that may be partial, checked data, rendered slices, the CSV, the built page."""

import csv
import datetime as dt
import io
import re
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from mkdocs.config import load_config

from conftest import ROOT, build_errors, small_book, test_data
from macros.book import load_book
from macros.citations import Citations
from macros.errors import DataError
from macros.page import Page
from macros.sources import Source
from macros.timeline import (CSV_COLUMNS, CSV_PATH, Context, Span, offensive_span,
                             EventDate, check_against_book, chapter_paths, render_by_year,
                             render_event, render_list, select, to_csv)

AS_OF = dt.date(2025, 11, 1)                # the test book's as-of date
BOOK = load_book(ROOT / "data")
CONFIG = load_config(str(ROOT / "mkdocs.yml"))
BOOK_AS_OF = CONFIG["extra"]["as_of"]       # the date the book's own account runs to
OFFENSIVE = offensive_span(CONFIG)
CHAPTERS = chapter_paths(ROOT / "docs")

EVENTS, ACTORS = test_data("timeline"), test_data("actors")


def load(tmp_path, events=EVENTS, actors=ACTORS):
    """The test book's sources, actors and events (the given ones instead, if any)."""
    return small_book(tmp_path, use=("sources", "actors", "timeline"), timeline=events,
                      actors=actors)


def error_of(tmp_path, **files) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, **files)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- Dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso, label, precision", [
    ("2024-11-27", "2024-11-27", "27 November 2024", "day"),
    ("2011-03", "2011-03", "March 2011", "month"),
    ("2019", "2019", "2019", "year"),
    (2019, "2019", "2019", "year"),                # YAML reads a bare year as a number
])
def test_dates_known_to_the_day_month_or_year(text, iso, label, precision):
    date = EventDate.parse(text)
    assert (date.iso(), date.label(), date.precision) == (iso, label, precision)


def test_a_partial_date_spans_its_month_or_year_and_opens_it():
    assert EventDate.parse("2024-02").last_day == dt.date(2024, 2, 29)
    assert EventDate.parse("2024-12").last_day == dt.date(2024, 12, 31)
    assert EventDate.parse("2024").first_day == dt.date(2024, 1, 1)
    assert EventDate.parse("2011-03") < EventDate.parse("2011-03-01") < EventDate.parse("2011-04")


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "27 November 2024", "24-11-27",
                                 "2024-1-5", ""])
def test_bad_date_stops_with_one_line(tmp_path, bad):
    message = error_of(tmp_path, events=EVENTS.replace("2024-11-27", bad or "''"))
    assert message.startswith("data/timeline.yml: entry 'launch': field 'date': date must be a "
                              "real date written YYYY-MM-DD, or YYYY-MM or YYYY")
    assert message.endswith(f"(got '{bad}')")


# --- Cross-checks ---------------------------------------------------------------------------

def test_good_events_load_in_order(tmp_path):
    book = load(tmp_path)
    assert [event.id for event in book.events] == ["uprising", "launch", "highway-cut",
                                                   "city-reached"]
    span = Span(dt.date(2024, 11, 27), dt.date(2024, 12, 8))
    assert span.day(book.events[1]) == 1 and span.day(book.events[0]) is None


def test_unknown_source(tmp_path):
    message = error_of(tmp_path, events=EVENTS.replace("[wire-2024-11-28]\n- id: launch",
                                                       "[no-such-source]\n- id: launch"))
    assert message == ("data/timeline.yml: entry 'uprising': unknown source 'no-such-source' "
                       "(not in data/sources.yml)")


def test_unknown_actor(tmp_path):
    message = error_of(tmp_path, events=EVENTS.replace("actors: [hts]", "actors: [hts, nobody]"))
    assert message == ("data/timeline.yml: entry 'launch': unknown actor 'nobody' "
                       "(not in data/actors.yml)")


@pytest.mark.parametrize("field, filled", [("actors", "[hts]"),
                                           ("sources", "[wire-2024-11-28]")])
def test_every_event_needs_actors_and_sources(tmp_path, field, filled):
    head, launch = EVENTS.split("- id: launch")
    events = head + "- id: launch" + launch.replace(f"{field}: {filled}", f"{field}: []")
    message = error_of(tmp_path, events=events)
    assert message.startswith(f"data/timeline.yml: entry 'launch': field '{field}': "
                              "List should have at least 1 item")


def test_events_out_of_order(tmp_path):
    message = error_of(tmp_path, events=EVENTS.replace("2011-03", "2024-12"))
    assert message == ("data/timeline.yml: entry 'launch': date 2024-11-27 comes before the date "
                       "of the entry above it ('uprising', 2024-12): keep the file in date order")


def test_unknown_chapter_and_date_after_as_of(tmp_path):
    book = load(tmp_path)
    with pytest.raises(DataError, match=r"^data/timeline.yml: entry 'uprising': unknown chapter 1 "
                                        r"\(the chapters are 2, 3\)$"):
        check_against_book(book.events, AS_OF, {2, 3})
    late = load(tmp_path, events=EVENTS.replace("date: 2024-11-29", "date: 2025-11-02"))
    with pytest.raises(DataError, match=r"^data/timeline.yml: entry 'city-reached': date 2025-11-02 is "
                                        r"after the book's as-of date \(1 November 2025"):
        check_against_book(late.events, AS_OF, {1, 2})


# --- Slices and rendering -------------------------------------------------------------------

def test_select_by_chapter_and_by_range_of_partial_dates():
    offensive = select(BOOK.events, start="2024-11-27", end="2024-12-08")
    assert offensive and all(OFFENSIVE.start <= e.date.first_day <= OFFENSIVE.end
                             for e in offensive)
    assert {e.chapter for e in select(BOOK.events, chapter=2)} == {2}
    year = select(BOOK.events, start="2016", end="2016")
    assert year and {e.date.year for e in year} == {2016}
    # "March 2011" is not wholly inside 18 March 2011 to the end, so it is left out
    assert "protests-begin-in-daraa" not in {e.id for e in select(BOOK.events, start="2011-03-18")}
    with pytest.raises(ValueError):
        select(BOOK.events, start="yesterday")


SOURCES = {"wire-2024-11-28": Source(
    id="wire-2024-11-28", publisher="Reuters", title="Story",
    url="https://example.org/a", kind="news")}


def context(src_uri):
    here = Page(src_uri, True, Citations(SOURCES, src_uri, True))
    return Context(here, {"hts": "HTS", "sohr": "SOHR"},
                   {1: "chapters/01-syria-since-2011.md", 2: "chapters/02-the-offensive.md"},
                   OFFENSIVE)


def test_event_renders_time_day_actors_chapter_and_citation(tmp_path):
    event = load(tmp_path).events[1]
    html = markdown.markdown(render_list([event], context("reference/timeline.md")),
                             extensions=["md_in_html", "attr_list"])
    assert '<li class="timeline-event timeline-offensive" id="event-launch">' in html
    assert '<time datetime="2024-11-27">27 November 2024</time>' in html
    assert '<span class="timeline-day">Day 1</span>' in html
    assert '<a href="who-is-who.md#actor-hts">HTS</a>' in html
    assert '<a href="../chapters/01-syria-since-2011.md">Chapter 1</a>' in html
    assert 'href="#ref-1"' in html


def test_a_slice_in_a_chapter_links_back_to_the_timeline_and_not_to_itself(tmp_path):
    event = load(tmp_path).events[1]
    text = render_event(event, context("chapters/01-syria-since-2011.md"))
    assert '[<time datetime="2024-11-27">27 November 2024</time>](../reference/timeline.md#event-launch)' in text
    assert "Chapter 1" not in text
    assert "(../reference/who-is-who.md#actor-hts)" in text


def test_month_precision_renders_a_month_time(tmp_path):
    event = load(tmp_path).events[0]
    text = render_event(event, context("reference/timeline.md"))
    assert '<time datetime="2011-03">March 2011</time>' in text and "timeline-day" not in text


def test_event_text_is_escaped(tmp_path):
    book = load(tmp_path, events=EVENTS.replace("Factions led by HTS attack west of Aleppo.",
                                                "'<script>alert(1)</script> & more'"))
    html = render_event(book.events[1], context("reference/timeline.md"))
    assert "<script>" not in html and "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &amp; more" in html


def test_full_timeline_is_grouped_by_year_with_explicit_ids():
    names = {actor.id: actor.short or actor.name for actor in BOOK.actors}
    here = Page("reference/timeline.md", True, Citations(BOOK.sources, "reference/timeline.md", True))
    text = render_by_year(BOOK.events, Context(here, names, CHAPTERS))
    years = re.findall(r"^## (\d{4}) \{#year-(\d{4})\}$", text, re.M)
    assert years and all(a == b for a, b in years)
    assert [int(a) for a, _ in years] == sorted({e.date.year for e in BOOK.events})


# --- The book's own timeline ----------------------------------------------------------------

def test_the_timeline_is_long_sorted_sourced_and_attached_to_chapters():
    events = BOOK.events
    assert len(events) >= 60
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert events[0].date.iso().startswith("2011-03")
    assert all(e.sources and e.actors for e in events)
    check_against_book(events, BOOK_AS_OF, set(CHAPTERS))
    assert set(CHAPTERS) == set(range(1, len(CHAPTERS) + 1)) and len(CHAPTERS) >= 6
    assert {e.chapter for e in events} == set(CHAPTERS)     # every chapter has its slice


def test_every_day_of_the_offensive_has_events():
    days = {OFFENSIVE.day(e) for e in BOOK.events} - {None}
    assert days == set(range(1, OFFENSIVE.days + 1)) and OFFENSIVE.days == 12


def test_contested_labels_are_only_attributed():
    """EDITORIAL: "regime" and "liberation" are other people's words; "terrorist" only in a listing."""
    for event in BOOK.events:
        assert not re.search(r"\bregime\b|\bliberat", event.text, re.I), event.id
        for sentence in re.split(r"(?<=\.) ", event.text):
            if re.search(r"terroris", sentence, re.I):
                assert re.search(r"\blist|designat", sentence, re.I), event.id


# --- Open data ------------------------------------------------------------------------------

def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_matches_the_yaml():
    names = {actor.id: actor.name for actor in BOOK.actors}
    text = to_csv(BOOK.events, names, {key: s.url for key, s in BOOK.sources.items()})
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = csv_rows(text)
    assert len(rows) == len(BOOK.events)
    for row, event in zip(rows, BOOK.events):
        assert row["id"] == event.id and row["date"] == event.date.iso()
        assert row["event"] == event.text and row["chapter"] == str(event.chapter)
        assert row["actors"].split("; ") == [names[key] for key in event.actors]
        assert row["source_urls"].split(" ") == [BOOK.sources[key].url for key in event.sources]


# --- The built site -------------------------------------------------------------------------

def article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_timeline_page_shows_every_event_in_order_with_time_elements(site):
    page = article(site.html("reference/timeline/index.html"))
    ids = re.findall(r'<li class="timeline-event[^"]*" id="event-([a-z0-9-]+)"', page)
    assert ids == [event.id for event in BOOK.events]
    times = re.findall(r'<li class="timeline-event[^"]*" id="event-[^"]+"><span class="timeline-when">'
                       r'<time datetime="([0-9-]+)">', page)
    assert times == [event.date.iso() for event in BOOK.events]
    for year in {event.date.year for event in BOOK.events}:
        assert f'<h2 id="year-{year}">' in page
    assert 'id="sources-cited"' in page
    assert page.count('class="timeline-day"') == sum(1 for e in BOOK.events if OFFENSIVE.day(e))


def links_resolve(build, page_path: str, page_url: str, selector: str) -> int:
    """Check every relative link inside `selector` elements of a built page; return how many."""
    page = article(build.html(page_path))
    count = 0
    for block in re.findall(selector, page, re.S):
        for href in re.findall(r'href="([^"]+)"', block):
            if urlsplit(href).scheme or href.startswith("#ref-"):
                continue
            target = urlsplit(urljoin("http://site/" + page_url, href))
            path = target.path.lstrip("/")
            file = build.site / (path + "index.html" if path.endswith("/") or not path else path)
            assert file.exists(), (page_path, href)
            if target.fragment:
                assert f'id="{target.fragment}"' in file.read_text(encoding="utf-8"), href
            count += 1
    return count


@pytest.mark.build          # its build fixture is chosen at run time, where the marker cannot see it
@pytest.mark.parametrize("edition", ["site", "offline_site"])
def test_links_from_the_timeline_work_in_both_editions(edition, request):
    build = request.getfixturevalue(edition)
    if edition == "site":
        path, url = "reference/timeline/index.html", "reference/timeline/"
    else:
        path = url = "reference/timeline.html"
    assert links_resolve(build, path, url, r'<ol class="timeline">(.*?)</ol>') > 200
    csv_link = re.search(r'<a href="([^"]+)" download>Download the timeline as CSV',
                         build.html(path)).group(1)
    assert (build.site / urljoin("/" + url, csv_link).lstrip("/")).exists()


def test_csv_in_the_site_matches_the_yaml_and_is_the_same_in_two_builds(site, offline_site):
    built = (site.site / CSV_PATH).read_bytes()
    names = {actor.id: actor.name for actor in BOOK.actors}
    expected = to_csv(BOOK.events, names, {key: s.url for key, s in BOOK.sources.items()})
    assert built == expected.encode("utf-8")
    assert built == (offline_site.site / CSV_PATH).read_bytes()


# --- Errors in a real build -----------------------------------------------------------------

def test_build_stops_on_a_bad_timeline_date_with_one_line(project_copy):
    data = project_copy / "data" / "timeline.yml"
    first = BOOK.events[-1]
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(f"date: {first.date.iso()}", "date: 2025-02-30"), encoding="utf-8")
    errors = build_errors(project_copy)
    assert len(errors) == 1
    assert errors[0].endswith(f"data/timeline.yml: entry '{first.id}': field 'date': date must be "
                              "a real date written YYYY-MM-DD, or YYYY-MM or YYYY when only the "
                              "month or the year is known (got '2025-02-30')")


def test_build_stops_on_a_bad_timeline_macro_call_with_one_line(project_copy):
    page = project_copy / "docs" / "teachers" / "index.md"
    page.write_text("# For teachers\n\n{{ timeline(chapter=9) }}\n", encoding="utf-8")
    errors = build_errors(project_copy)
    # MkDocs names the page on a line of its own, then our one line says what is wrong.
    assert errors[-1].endswith("docs/teachers/index.md: timeline(chapter=9, start=None, end=None): "
                              "unknown chapter 9")


@pytest.mark.parametrize("value", [None, {"start": "2024-11-27"},
                                   {"start": dt.date(2024, 12, 8), "end": dt.date(2024, 11, 27)}])
def test_the_offensive_span_is_checked(value):
    with pytest.raises(DataError) as caught:
        offensive_span({"extra": {"offensive": value}})
    assert str(caught.value).startswith("mkdocs.yml: extra.offensive: needs start and end")
