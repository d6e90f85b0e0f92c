"""Python-Markdown extension: the blocks between two headings, wrapped so the browser can skip them.

A chapter is long: on a phone, its first layout spends most of its time on text far below the
screen. Each run of blocks between two headings becomes one `<div class="section-body">`, which
the stylesheet (site.css) lays out only when the reader scrolls near it (`content-visibility:
auto`). Until then it stands in at a height guessed from what it holds, written here as CSS
variables (see `measure`). The headings stay outside the wrappers, so the table of contents
and links to a heading find it without drawing the text around it.

Used in mkdocs.yml as `macros.sections`; plain Python-Markdown, so it moves to any tool that reads
Markdown extensions.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

# Runs that start within this many characters of text from the top of the page are not wrapped:
# about three screens of a 320 px phone, more than the tallest desktop screen shows. A figure
# (a map) counts as FIGURE_CHARS characters.
FIRST_SCREENS = 3000
FIGURE_CHARS = 500
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAG = re.compile(r"<[^>]*>")
CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b).*?</details>", re.S)
TABLE = re.compile(r"<table\b.*?</table>", re.S)
ROW = re.compile(r"<tr\b")
FIGURE = re.compile(r"<figure\b")
BLOCK = re.compile(r'<(?:p|li|dt|dd|h[1-6]|figcaption|summary|div class="admonition)\b')


def text_length(html: str) -> int:
    """Characters of text an HTML fragment shows, runs of white space counted as one."""
    return len(" ".join(TAG.sub(" ", html).split()))


def measure(html: str) -> dict[str, int]:
    """What the height of an HTML fragment is guessed from (the variables site.css reads).

    Table text is counted apart from running text, because table cells are narrow and wrap
    sooner. A closed <details> shows one line, its summary.
    """
    shown = CLOSED_DETAILS.sub("<summary>.</summary>", html)
    tables = "".join(TABLE.findall(shown))
    prose = TABLE.sub("", shown)
    return {"chars": text_length(prose), "blocks": len(BLOCK.findall(prose)),
            "rows": len(ROW.findall(tables)), "table-chars": text_length(tables),
            "figures": len(FIGURE.findall(shown))}


class SectionBodies(Treeprocessor):
    """Wrap each run of top-level blocks between headings in a div.section-body.

    Runs that start on the first screens are left as they are. While a page is still arriving,
    the browser draws it more than once, and a wrapper it meets for the first time is drawn at its
    stand-in height for one frame: on screen, what follows would jump (a layout shift).
    The last run is left too: it sits above the footer, where a stand-in shorter than the
    text would let the text seem to lie over the footer to tools that measure a page before it
    is drawn (axe's contrast check). On a chapter it is the list of sources, which defers itself
    with a stand-in of its own (site.css).
    """

    def run(self, root: etree.Element) -> None:
        runs: list[list[etree.Element]] = [[]]
        for child in root:
            if child.tag in HEADINGS:
                runs.append([])
            else:
                runs[-1].append(child)
        before = 0          # how much the page holds above the run, in characters of text
        for blocks in [run for run in runs if run][:-1]:
            size = measure("".join(self.html(block) for block in blocks))
            if before >= FIRST_SCREENS:
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

    def extendMarkdown(self, md) -> None:
        # Priority 1: after toc (5) and attr_list (8), so headings keep their ids and anchors.
        md.treeprocessors.register(SectionBodies(md), "section_bodies", 1)


def makeExtension(**kwargs) -> SectionsExtension:
    return SectionsExtension(**kwargs)
