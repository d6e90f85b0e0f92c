"""Who's who: the actor model, its checks, the page and the book's own actors."""

import datetime as dt
import re

import markdown
import pytest

from conftest import ROOT, small_book, test_data
from macros.actors import KIND_HEADINGS, Actor, ActorKind, check_against_book, render_who_is_who
from macros.book import load_book
from macros.errors import DataError
from test_timeline import ACTORS, BOOK_AS_OF, EVENTS, error_of, load

BOOK = load_book(ROOT / "data")
AS_OF = dt.date(2025, 11, 1)                # the test book's as-of date

ACTOR = dict(id="hts", name="Hay'at Tahrir al-Sham", short="HTS", kind="armed-group",
             profile="An armed group.", sources=["a"])


def test_actor_heading_adds_the_short_form_only_when_it_adds_something():
    assert Actor(**ACTOR).heading == "Hay'at Tahrir al-Sham (HTS)"
    assert Actor(**dict(ACTOR, name="Islamic State group", short="IS")).heading == \
        "Islamic State group (IS)"
    assert Actor(**dict(ACTOR, name="Bashar al-Assad", short="Assad")).heading == "Bashar al-Assad"
    assert Actor(**dict(ACTOR, name="the White Helmets", short=None)).heading == "The White Helmets"


@pytest.mark.parametrize("extra, problem", [
    (dict(status="Dissolved."), "a status needs its 'as_of' date and its 'status_sources'"),
    (dict(status="Dissolved.", as_of="2025-01-29"), "a status needs its 'as_of' date"),
    (dict(as_of="2025-01-29"), "'as_of' and 'status_sources' belong to a 'status'"),
])
def test_a_status_is_always_dated_and_sourced(tmp_path, extra, problem):
    lines = "".join(f"  {key}: {value}\n" for key, value in extra.items())
    actors = ACTORS.replace("  sources: [wire-2024-11-28]\n- id: sohr",
                            f"  sources: [wire-2024-11-28]\n{lines}- id: sohr")
    assert problem in error_of(tmp_path, actors=actors)


def test_unknown_kind_and_bad_as_of_date_are_named(tmp_path):
    message = error_of(tmp_path, actors=ACTORS.replace("kind: monitor", "kind: blogger"))
    assert message.startswith("data/actors.yml: entry 'sohr': field 'kind': ")
    bad = ACTORS.replace("  sources: [wire-2024-11-28]\n- id: sohr",
                         "  sources: [wire-2024-11-28]\n  status: Gone.\n"
                         "  as_of: 2025-02-30\n  status_sources: [wire-2024-11-28]\n"
                         "- id: sohr")
    assert error_of(tmp_path, actors=bad) == (
        "data/actors.yml: entry 'hts': field 'as_of': date must be a real date written "
        "YYYY-MM-DD (got '2025-02-30')")


def test_actor_cites_unknown_source(tmp_path):
    message = error_of(tmp_path, actors=ACTORS.replace("  profile: A monitor.\n  sources: "
                                                       "[monitor-2024-11-30]",
                                                       "  profile: A monitor.\n  sources: [nope]"))
    assert message == "data/actors.yml: entry 'sohr': unknown source 'nope' (not in data/sources.yml)"


# --- One spelling per person -------------------------------------------------------------------

PERSON = "- id: ahmed-al-sharaa\n  name: Ahmed al-Sharaa\n"
TERMS = test_data("glossary")
GLOSSARY_PERSON = ("- id: sharaa\n  term: Ahmed al-Sharaa\n  kind: person\n  definition: A leader.\n  simple: A leader.\n"
                   "  sources: [wire-2024-11-28]\n")


def book_error(tmp_path, actors=ACTORS, glossary=TERMS) -> str:
    with pytest.raises(DataError) as caught:
        small_book(tmp_path, use=("sources", "glossary", "actors"), actors=actors,
                   glossary=glossary)
    assert "\n" not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize("actors, glossary, message", [
    (ACTORS.replace("avoid: [Julani,", "avoid: [al-Sharaa,"), TERMS,
     "data/actors.yml: entry 'ahmed-al-sharaa': 'al-Sharaa' is both a name of the actor and a "
     "spelling to avoid"),
    (ACTORS.replace("avoid: [Julani,", "avoid: [Hayat Tahrir al-Sham,"), TERMS,
     "data/actors.yml: entry 'ahmed-al-sharaa': 'Hayat Tahrir al-Sham' is already avoided by "
     "data/glossary.yml entry 'hts': list it once"),
    (ACTORS.replace("avoid: [Julani,", "avoid: [HTS,"), TERMS,
     "data/actors.yml: entry 'ahmed-al-sharaa': 'HTS' is to be avoided but is a name the book "
     "writes (data/glossary.yml entry 'hts')"),
    (ACTORS.replace("avoid: [Julani,", "avoid: [SOHR,"), TERMS,
     "data/actors.yml: entry 'ahmed-al-sharaa': 'SOHR' is to be avoided but is a name the book "
     "writes (entry 'sohr')"),
    (ACTORS.replace("  short: SOHR\n", "  short: SOHR\n  also_known_as: [Hayat Tahrir al-Sham]\n"),
     TERMS, "data/actors.yml: entry 'sohr': 'Hayat Tahrir al-Sham' is a name of the actor but is "
     "to be avoided by data/glossary.yml entry 'hts'"),
    (ACTORS.replace("avoid: [Julani,", "avoid: [\" Julani\","), TERMS,
     "data/actors.yml: entry 'ahmed-al-sharaa': field 'avoid': ' Julani' must be plain text"),
    (ACTORS, TERMS + GLOSSARY_PERSON.replace("Ahmed al-Sharaa", "Ahmad al-Sharaa"),
     "data/glossary.yml: entry 'sharaa': no person in data/actors.yml is named 'Ahmad "
     "al-Sharaa': spell a person as their entry there does"),
    (ACTORS, TERMS + GLOSSARY_PERSON + "  avoid: [Golani]\n",
     "data/glossary.yml: entry 'sharaa': a person's spellings to avoid go in 'avoid' of their "
     "entry in data/actors.yml"),
])
def test_each_spelling_to_avoid_is_listed_once_and_never_a_name(tmp_path, actors, glossary,
                                                                  message):
    assert PERSON in ACTORS
    assert book_error(tmp_path, actors, glossary).startswith(message)


def test_a_person_is_spelled_in_the_glossary_as_in_whos_who(tmp_path):
    book = small_book(tmp_path, use=("sources", "glossary", "actors"), actors=ACTORS,
                      glossary=TERMS + GLOSSARY_PERSON)
    assert [term.term for term in book.terms if term.kind == "person"] == ["Ahmed al-Sharaa"]


def test_every_person_of_the_book_has_one_spelling():
    """Each person the glossary names is spelled as in Who's who, and no spelling is avoided in
    two places or avoided and written (the build's checks); the people whose names are spelled
    several ways in English have their other spellings listed."""
    people = {actor.id: actor for actor in BOOK.actors if actor.kind is ActorKind.person}
    for term in (term for term in BOOK.terms if term.kind == "person"):
        assert term.term in {person.name for person in people.values()} and not term.avoid
    for needed in ("ahmed-al-sharaa", "bashar-al-assad", "recep-tayyip-erdogan",
                   "kioumars-pourhashemi", "mazloum-abdi", "rami-abdulrahman", "abbas-araghchi"):
        assert people[needed].avoid, needed
    spellings = [spelling for actor in BOOK.actors for spelling in actor.avoid]
    assert len(spellings) == len(set(spellings))


def test_status_after_the_books_as_of_date_is_refused():
    late = Actor(**dict(ACTOR, status="Gone.", as_of="2025-12-01", status_sources=["a"]))
    with pytest.raises(DataError, match=r"^data/actors.yml: entry 'hts': as_of 2025-12-01 is after "
                                        r"the book's as-of date \(1 November 2025"):
        check_against_book([late], AS_OF)


def test_page_groups_by_kind_anchors_each_actor_and_lists_its_events(tmp_path):
    book = load(tmp_path, events=EVENTS)
    cite = lambda *ids: f"<sup>{','.join(ids)}</sup>"      # noqa: E731
    text = render_who_is_who(book.actors, book.events, cite, "timeline.md")
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html"])
    assert html.index('<h2 id="armed-group">') < html.index('id="actor-hts"') < \
        html.index('<h2 id="monitor">') < html.index('id="actor-sohr"')
    assert '<h3 id="actor-hts">Hay\'at Tahrir al-Sham &#40;HTS&#41;</h3>' in html   # "(HTS)"
    assert '<a href="timeline.md#event-launch"><time datetime="2024-11-27">27 November 2024' in html
    assert "In the timeline: 3 events</summary>" in html and "In the timeline: 1 event<" in html
    assert ("<p><em>Also known as:</em> Abu Mohammed al-Jolani. <em>Also spelled:</em> Julani, "
            "Ahmad al-Sharaa (not used in this book).</p>") in html


def test_status_shows_its_date_as_a_time_element(tmp_path):
    actors = ACTORS.replace("  sources: [wire-2024-11-28]\n- id: sohr",
                            "  sources: [wire-2024-11-28]\n  status: <b>Dissolved</b>.\n"
                            "  as_of: 2025-01-29\n  status_sources: [wire-2024-11-28]\n"
                            "- id: sohr")
    book = load(tmp_path, actors=actors)
    text = render_who_is_who(book.actors, [], lambda *ids: "", "timeline.md")
    assert ('<strong>As of <time datetime="2025-01-29">29 January 2025</time>:</strong> '
            "&lt;b&gt;Dissolved&lt;/b&gt;.") in text


# --- The book's own actors ------------------------------------------------------------------

def test_the_book_has_the_actors_a_reader_meets():
    assert len(BOOK.actors) >= 25
    assert {actor.kind for actor in BOOK.actors} == set(ActorKind)
    ids = {actor.id for actor in BOOK.actors}
    for needed in ("hts", "sna", "sdf", "syrian-government", "turkey", "russia", "iran",
                   "hezbollah", "sohr", "un-ocha", "bashar-al-assad", "ahmed-al-sharaa"):
        assert needed in ids
    check_against_book(BOOK.actors, BOOK_AS_OF)


def test_every_actor_since_2011_appears_in_the_timeline():
    involved = {key for event in BOOK.events for key in event.actors}
    outside = {"hafez-al-assad",                # the timeline starts in March 2011
               "rami-abdulrahman"}              # in the book for how SOHR counts, not an event
    assert {actor.id for actor in BOOK.actors} - involved == outside


def test_contested_labels_are_only_attributed_or_dated():
    """EDITORIAL: "regime" and "liberation" are others' words; "terrorist" only as a dated listing."""
    for actor in BOOK.actors:
        for text in (actor.profile, actor.aims, actor.backers, actor.status):
            if not text:
                continue
            assert not re.search(r"\bregime\b|\bliberat", text, re.I), actor.id
            for sentence in re.split(r"(?<=\.) ", text):
                if re.search(r"terroris", sentence, re.I):
                    assert re.search(r"\blist|designat", sentence, re.I), (actor.id, sentence)
                    assert re.search(r"\b(19|20)\d\d\b", sentence), (actor.id, sentence)


# --- The built page -------------------------------------------------------------------------

def test_who_is_who_page_is_grouped_anchored_and_links_to_the_timeline(site):
    page = site.html("reference/who-is-who/index.html").split("<article", 1)[1]
    for kind in KIND_HEADINGS:
        assert f'<h2 id="{kind.value}">' in page
    for actor in BOOK.actors:
        assert f'<h3 id="actor-{actor.id}">' in page
    timeline = site.html("reference/timeline/index.html")
    targets = re.findall(r'href="\.\./timeline/#(event-[a-z0-9-]+)"', page)
    assert targets and all(f'id="{target}"' in timeline for target in set(targets))
    assert page.count('<p class="actor-status">') == sum(1 for a in BOOK.actors if a.status)
