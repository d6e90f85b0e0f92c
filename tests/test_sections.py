"""macros/sections.py: Markdown in, HTML out, as pymdown-extensions tests its extensions."""

import re

import markdown

from macros.sections import FIRST_SCREENS, measure


# A first screen's worth of text: what follows it is far enough down to wrap.
TOP = "## Top\n\n" + "word " * (FIRST_SCREENS // 5 + 1) + "\n\n"


def render(text: str, top: str = TOP) -> str:
    return markdown.markdown(top + text,
                             extensions=["attr_list", "toc", "md_in_html", "macros.sections"])


def bodies(html: str) -> list[str]:
    return re.findall(r'<div class="section-body" style="([^"]*)">', html)


def test_text_between_headings_is_wrapped_and_headings_stay_outside():
    html = render("### Intro\n\nIntro.\n\n## One {#one}\n\nFirst.\n\nSecond.\n\n## Two\n\nLast.\n")
    assert len(bodies(html)) == 2
    # Headings sit between the wrappers.
    assert re.search(r'<div class="section-body"[^>]*>\s*<p>Intro.</p>\s*</div>\s*<h2 id="one">',
                     html)
    assert re.search(r'<h2 id="one">One</h2>\s*<div class="section-body"[^>]*>\s*<p>First.</p>'
                     r'\s*<p>Second.</p>\s*</div>\s*<h2', html)


def test_the_last_section_above_the_footer_is_not_wrapped():
    html = render("## One\n\nFirst.\n\n## Two\n\nLast.\n")
    assert html.rstrip().endswith("<h2 id=\"two\">Two</h2>\n<p>Last.</p>")
    assert len(bodies(html)) == 1
    assert bodies(render("Only a paragraph.\n")) == []


def test_size_variables_count_text_blocks_rows_and_figures():
    html = render("## One\n\nFive.\n\n- a\n- b\n\n## Two\n\nEnd.\n")
    assert bodies(html) == ["--chars: 9; --blocks: 3; --rows: 0; --table-chars: 0; --figures: 0"]


def test_raw_html_is_measured_as_it_will_show():
    # Raw HTML is stashed away while the Markdown is read; its size still counts.
    table = "<table><tr><td>alpha</td></tr><tr><td>beta</td></tr></table>"
    figure = '<figure class="map-figure"><img src="m.svg" alt=""><figcaption>Map</figcaption></figure>'
    html = render(f"## One\n\n{table}\n\n{figure}\n\n## Two\n\nEnd.\n")
    style = bodies(html)[0]
    assert "--rows: 2; --table-chars: 10; --figures: 1" in style
    assert "--chars: 3;" in style       # "Map", the caption


def test_closed_details_count_as_one_line():
    closed = measure("<details><summary>Show the answer</summary><p>" + "x" * 500
                     + "</p></details>")
    opened = measure("<details open><summary>Show</summary><p>" + "x" * 500 + "</p></details>")
    assert closed["chars"] == 1 and closed["blocks"] == 1
    assert opened["chars"] > 500 and opened["blocks"] == 2


def test_markdown_inside_html_is_measured_once():
    html = render('## One\n\n<div class="quiz" markdown>\n\nSome *words* here.\n\n</div>\n\n'
                  "## Two\n\nEnd.\n")
    assert "--chars: 16; --blocks: 1;" in bodies(html)[0]
