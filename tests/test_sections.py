"""macros/sections.py: Markdown in, HTML out, as pymdown-extensions tests its extensions."""

import re

import markdown

from macros.sections import FIRST_SCREENS, defer_on_page, measure


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


def test_size_variables_count_text_and_blocks():
    html = render("## One\n\nFive.\n\n- a\n- b\n\n## Two\n\nEnd.\n")
    assert bodies(html) == ["--chars: 9; --paragraphs: 1; --items: 2; --breaks: 0; --summaries: 0; "
                            "--figures: 0; --lists: 1; --rows: 0; --table-chars: 0"]


def test_raw_html_is_measured_as_it_will_show():
    # Raw HTML is stashed away while the Markdown is read; its size still counts.
    table = "<table><tr><td>alpha</td></tr><tr><td>beta</td></tr></table>"
    figure = ('<figure class="map-figure"><img src="m.svg" alt="">'
              "<figcaption>Map</figcaption></figure>")
    html = render(f"## One\n\n{table}\n\n{figure}\n\n## Two\n\nEnd.\n")
    style = bodies(html)[0]
    assert "--figures: 1;" in style and "--rows: 2; --table-chars: 10" in style
    assert "--chars: 3;" in style       # "Map", the caption


def test_a_closed_details_counts_its_summary_only():
    closed = measure("<details><summary>Show</summary><p>" + "x" * 500 + "</p></details>")
    opened = measure("<details open><summary>Show</summary><p>" + "x" * 500 + "</p></details>")
    assert (closed["chars"], closed["paragraphs"], closed["summaries"]) == (4, 0, 1)
    assert (opened["chars"], opened["paragraphs"], opened["summaries"]) == (505, 1, 1)


def test_quiz_options_count_their_line_breaks():
    quiz = measure('<p class="quiz-options">A. one<br/>B. two<br/>C. three<br/></p>')
    assert quiz["breaks"] == 3 and quiz["paragraphs"] == 1


def test_markdown_inside_html_is_measured_once():
    html = render('## One\n\n<div class="quiz" markdown>\n\nSome *words* here.\n\n</div>\n\n'
                  "## Two\n\nEnd.\n")
    assert "--chars: 16; --paragraphs: 1;" in bodies(html)[0]


def test_a_page_can_be_left_as_it_is():
    # MkDocs renders each page with the extension's configuration of the moment: chapters only.
    text = TOP + "## One\n\nFirst.\n\n## Two\n\nLast.\n"
    off = markdown.markdown(text, extensions=["macros.sections"],
                            extension_configs={"macros.sections": {"defer": False}})
    assert "section-body" not in off
    config = {"mdx_configs": {}}
    defer_on_page(config, False)
    assert config["mdx_configs"] == {"macros.sections": {"defer": False}}


def test_a_list_that_sizes_itself_is_not_wrapped_again():
    # Key terms and Sources cited stand in for themselves (--entries); a wrapper would blur it.
    own = '<dl class="key-terms" style="--entries: 2" data-search-exclude>\n<dt>a</dt>\n</dl>'
    html = render(f"## Key terms\n\n{own}\n\n## One\n\nText.\n\n## Two\n\nEnd.\n")
    assert re.search(r'<h2 id="key-terms">Key terms</h2>\s*<dl class="key-terms"', html)
    assert len(bodies(html)) == 1           # only "One"
