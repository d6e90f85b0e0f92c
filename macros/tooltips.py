"""A Python-Markdown extension: a glossary term's definition is written once per page.

The `abbr` extension gives every use of every term an <abbr title="Term: definition">, and the
macros do the same in the HTML they write (glossary.with_tooltips), which on a chapter repeats the
same definitions a hundred times (about a third of its HTML). Once the page's HTML is whole, this
keeps the title on the first use of each form of a term and leaves later uses a bare <abbr>: the
underline still marks them, and site.js shows their tooltip from the first use.
Without JavaScript the first use on a page still explains itself, and the key-terms box at the end
of each chapter and the Glossary page explain every term.

Used in mkdocs.yml as `macros.tooltips`, listed after `abbr`. It also joins the lines of a
wrapped paragraph before `abbr` runs (JoinLines), so a term split across two source lines is
found.
"""

import html
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Both writers of tooltips write exactly this: a title, then the term's words without markup.
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


# The terms a page's key-terms box defines (glossary.render_key_terms), by name as written.
KEY_TERM = re.compile(r'<dt(?: data-forms="[^"]*")?><a href="[^"]*#term-[^"]*">([^<]*)</a></dt>')


class FirstUseTitles(Postprocessor):
    """Drop the title of every <abbr> whose words already had one earlier on the page, and of
    every <abbr> of a term that the page's key-terms box defines (a chapter's): site.js shows
    those from the box, so that a chapter carries each definition once, where it can be read."""

    def run(self, text: str) -> str:
        seen: set[str] = set()
        boxed = {html.unescape(name) for name in KEY_TERM.findall(text)}

        def once(match: re.Match) -> str:
            words = html.unescape(match.group(1))     # the macros escape ' where abbr does not
            named = html.unescape(match.group(0)[len('<abbr title="'):]).split(": ", 1)[0]
            if words in seen or named in boxed:
                return f"<abbr>{match.group(1)}</abbr>"
            seen.add(words)
            return match.group(0)

        return ABBR.sub(once, text)


class JoinLines(Treeprocessor):
    """A line break inside a paragraph becomes a space before `abbr` looks for terms, so that a
    term the source wraps across two lines ("Deter the / Aggression") still gets its tooltip. The
    browser shows a line break in running text as a space anyway; code is left alone."""

    BREAK = re.compile(r"(?<=\S)[ \t]*\n[ \t]*(?=\S)")      # inside text, not between blocks

    def run(self, root) -> None:
        for element in root.iter():
            if element.tag in ("pre", "code"):
                continue
            for attr in ("text", "tail"):
                value = getattr(element, attr)
                if value and "\n" in value and not isinstance(value, AtomicString):
                    setattr(element, attr, self.BREAK.sub(" ", value))


class TooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before abbr's tree processor (7), after attr_list's (8) and inline processing (20).
        md.treeprocessors.register(JoinLines(md), "join-lines", 7.5)
        # After raw HTML is put back (30), so that the macros' tooltips count as well.
        md.postprocessors.register(FirstUseTitles(md), "abbr-first-use", 25)


def makeExtension(**kwargs) -> TooltipsExtension:
    return TooltipsExtension(**kwargs)
