"""The Corrections and discrepancies page: a media-literacy lesson, structured and cited."""

import re

import pytest

from conftest import AS_OF, ROOT, seed_runs, word_runs
from macros.reading import prose, reading_grade, word_count

PATH = ROOT / "docs" / "reference" / "corrections.md"
BODY = PATH.read_text(encoding="utf-8").split("---\n", 2)[2]
LESSON = ["what-differed", "why-it-happens", "how-to-tell"]


@pytest.fixture(scope="module")
def page(site):
    return site.html("reference/corrections/index.html")


def test_every_heading_has_an_explicit_id():
    for heading in re.findall(r"^#{2,3} .*$", BODY, flags=re.M):
        assert re.search(r"\{#[a-z0-9-]+\}\s*$", heading), heading


def test_the_lesson_has_its_three_parts_in_order(page):
    positions = [page.index(f'<h2 id="{section}"') for section in LESSON]
    assert positions == sorted(positions)
    assert len(re.findall(r'<h3 id="', page.split('id="what-differed"')[1]
                          .split('id="why-it-happens"')[0])) >= 5


def test_at_least_ten_citations_that_resolve(page, site):
    cited = re.findall(r'<a class="cite" id="cite-(\d+)-\d+"', page)
    assert len(cited) >= 10 and len(set(cited)) >= 10
    assert 'id="sources-cited"' in page
    sources = site.html("reference/sources/index.html")
    for key in set(re.findall(r'class="cite-entry" href="[^"]*#src-([a-z0-9-]+)"', page)):
        assert f'<li id="src-{key}">' in sources


def test_reading_level_suits_the_readers():
    text = prose(BODY)
    assert word_count(text) >= 1000
    assert 9.0 <= reading_grade(text) <= 11.0, reading_grade(text)


def test_page_carries_its_as_of_date(page):
    assert f"As of {AS_OF}" in page


def test_the_early_report_is_described_not_named():
    assert "an early wire report of 29 November 2024" in BODY
    assert not re.search(r"\bseed\b", BODY, flags=re.I)


def test_no_ten_word_run_is_shared_with_the_seed():
    shared = word_runs(PATH.read_text(encoding="utf-8")) & seed_runs()
    assert not shared, " ".join(sorted(shared)[0])
