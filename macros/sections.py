"""Python-Markdown extension: the blocks between two headings, wrapped so the browser can skip them.

A chapter is long: on a phone, its first layout spends most of its time on text far below the
screen. Each run of blocks between two headings becomes one `<div class="section-body">`, which
the stylesheet (site.css) lays out only when the reader scrolls near it (`content-visibility:
auto`). Until then it stands in at a height guessed from what it holds, written here as CSS
variables (see `measure`). The headings stay outside the wrappers, so the table of contents
and links to a heading find it without drawing the text around it.

Used in mkdocs.yml as `macros.sections`, on chapters only (`defer_on_page`); plain
Python-Markdown, so it moves to any tool that reads Markdown extensions.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

NAME = "macros.sections"            # as listed under markdown_extensions in mkdocs.yml
# Runs that start within this many characters of text from the top of the page are not wrapped:
# about three screens of a 320 px phone, more than the tallest desktop screen shows. A figure
# (a map) counts as FIGURE_CHARS characters.
FIRST_SCREENS = 3000
FIGURE_CHARS = 500
# A list that stands in for itself until drawn (style="--entries: N", read by site.css); raw
# HTML comes back from the Markdown inside a paragraph of its own.
SELF_SIZED = re.compile(
    r'\s*(?:<p>)?\s*<(ol|dl)\b[^>]*\bstyle="--entries: \d+"[^>]*>.*</\1>\s*(?:</p>)?\s*$', re.S)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAG = re.compile(r"<[^>]*>")
CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b).*?</details>", re.S)
SUMMARY = re.compile(r"<summary\b.*?</summary>", re.S)
TABLE = re.compile(r"<table\b.*?</table>", re.S)
# What a run's height is guessed from, besides its characters of text: site.css gives each a
# height per width band.
COUNTED = {"paragraphs": re.compile(r"<p\b"), "items": re.compile(r"<li\b"),
           "breaks": re.compile(r"<br\b"), "summaries": re.compile(r"<summary\b"),
           "figures": re.compile(r"<figure\b"), "lists": re.compile(r"<(?:ul|ol|dl)\b")}
ROW = re.compile(r"<tr\b")


def text_length(html: str) -> int:
    """Characters of text an HTML fragment shows, runs of white space counted as one."""
    return len(" ".join(TAG.sub(" ", html).split()))


def measure(html: str) -> dict[str, int]:
    """What the height of an HTML fragment is guessed from (the variables site.css reads).

    Characters of running text, and of tables apart (table cells are narrow and wrap sooner);
    paragraphs, list items, line breaks (a quiz's options, one a line), summaries of <details>
    (a quiz's "Show the answer"), figures (maps), lists and table rows. A closed <details>
    shows its summary only.
    """
    shown = CLOSED_DETAILS.sub(lambda details: SUMMARY.search(details.group(0)).group(0), html)
    tables = "".join(TABLE.findall(shown))
    prose = TABLE.sub("", shown)
    size = {"chars": text_length(prose)}
    size.update({name: len(pattern.findall(prose)) for name, pattern in COUNTED.items()})
    size.update({"rows": len(ROW.findall(tables)), "table-chars": text_length(tables)})
    return size


class SectionBodies(Treeprocessor):
    """Wrap each run of top-level blocks between headings in a div.section-body.

    Three kinds of run are left as they are:
    - runs that start on the first screens: while a page is still arriving, the browser draws
      it more than once, and a wrapper it meets for the first time is drawn at its stand-in
      height for one frame, so on screen what follows would jump (a layout shift);
    - a run that is one list already standing in for itself (key terms, sources cited: site.css
      guesses their height from --entries, entry by entry): one guess is enough, and theirs is
      the closer;
    - the last run, above the footer, where a stand-in shorter than the text would let the text
      seem to lie over the footer to tools that measure a page before it is drawn (axe's
      contrast check). On a chapter it is the list of sources, sized by itself.
    """

    def run(self, root: etree.Element) -> None:
        runs: list[list[etree.Element]] = [[]]
        for child in root:
            if child.tag in HEADINGS:
                runs.append([])
            else:
                runs[-1].append(child)
        before = 0          # how much the page holds above the run, in characters of text
        for blocks in [blocks for blocks in runs if blocks][:-1]:
            fragment = "".join(self.html(block) for block in blocks)
            size = measure(fragment)
            if before >= FIRST_SCREENS and not SELF_SIZED.match(fragment):
                self.wrap(root, blocks, size)
            before += size["chars"] + size["table-chars"] + FIGURE_CHARS * size["figures"]

    def wrap(self, root: etree.Element, blocks: list[etree.Element], size: dict[str, int]) -> None:
        index = list(root).index(blocks[0])
        style = "; ".join(f"--{name}: {value}" for name, value in size.items())
        body = etree.Element("div", {"class": "section-body", "style": style})
        for block in blocks:
            root.remove(block)
        body.extend(blocks)
        body.tail = "\n"
        root.insert(index, body)

    def html(self, block: etree.Element) -> str:
        """The block as HTML, with raw HTML the Markdown stashed away put back."""
        text = etree.tostring(block, encoding="unicode")

        def unstash(match: re.Match) -> str:
            raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            return raw if isinstance(raw, str) else etree.tostring(raw, encoding="unicode")

        # Stashed HTML can hold placeholders of its own (Markdown inside HTML).
        for _ in range(4):
            text, found = HTML_PLACEHOLDER_RE.subn(unstash, text)
            if not found:
                break
        return text


class SectionsExtension(Extension):
    """Register SectionBodies after the table of contents and every inline change."""

    def __init__(self, **kwargs):
        self.config = {"defer": [True, "Wrap the page's sections; False leaves it as it is"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        if self.getConfig("defer"):
            # Priority 1: after toc (5) and attr_list (8), so headings keep their ids and anchors.
            md.treeprocessors.register(SectionBodies(md), "section_bodies", 1)


def defer_on_page(config, defer: bool) -> None:
    """Turn the wrapping on or off for the page MkDocs renders next.

    MkDocs builds each page's Markdown afresh from `mdx_configs`. Only chapters turn it on:
    their stand-in heights are fitted to what chapters hold (site.css); other pages mix
    tables, cards and lists in proportions too varied for one guess.
    """
    config["mdx_configs"].setdefault(NAME, {})["defer"] = defer


def makeExtension(**kwargs) -> SectionsExtension:
    return SectionsExtension(**kwargs)
