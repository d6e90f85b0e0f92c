"""A Python-Markdown extension: a glossary term's definition is written once per page.

The `abbr` extension gives every use of every term an <abbr title="Term: definition">, and the
macros do the same in the HTML they write (glossary.with_tooltips), which on a chapter repeats the
same definitions a hundred times (about a third of its HTML). Once the page's HTML is whole, this
keeps the title on the first use of each form of a term and leaves later uses a bare <abbr>: the
underline still marks them, and site.js shows their tooltip from the first use.
Without JavaScript the first use on a page still explains itself, and the key-terms box at the end
of each chapter and the Glossary page explain every term.

Used in mkdocs.yml as `macros.tooltips`, listed after `abbr`.
"""

import html
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# Both writers of tooltips write exactly this: a title, then the term's words without markup.
ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')


class FirstUseTitles(Postprocessor):
    """Drop the title of every <abbr> whose words already had one earlier on the page."""

    def run(self, text: str) -> str:
        seen: set[str] = set()

        def once(match: re.Match) -> str:
            words = html.unescape(match.group(1))     # the macros escape ' where abbr does not
            if words in seen:
                return f"<abbr>{match.group(1)}</abbr>"
            seen.add(words)
            return match.group(0)

        return ABBR.sub(once, text)


class TooltipsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw HTML is put back (30), so that the macros' tooltips count as well.
        md.postprocessors.register(FirstUseTitles(md), "abbr-first-use", 25)


def makeExtension(**kwargs) -> TooltipsExtension:
    return TooltipsExtension(**kwargs)
