"""Text from data, into each place it lands: one function per context, used by every renderer.

Data files are edited by readers who correct a date or add a term, so every string in them is
text: it is shown as typed and never becomes markup or code. Most of it reaches the page through
Markdown (the macros write Markdown and HTML that Python-Markdown and its extensions then read),
so escaping for HTML is not enough: `[a](javascript:...)`, `![x](data:,x){onerror=...}`, a
backtick or `==` would still be read as syntax. `html_text` and `html_attr` also write every
character that Markdown or one of the book's extensions reads as syntax as a character reference,
which the browser shows as the character and Markdown leaves alone. Hyphens, full stops and
apostrophes stay as they are, so that glossary terms in the text still get their tooltips.

Where text lands elsewhere: `csv_cell` for the timeline's CSV; the static maps' labels are
plain text to matplotlib (`text.parse_math` is off in macros/maps/static.py). A JavaScript template literal (folium's tooltips) takes `html_text`, which leaves
no backtick, backslash or `$` in it.
"""

import html
from typing import Annotated

from pydantic import StringConstraints

# The longest text a data field takes, so that one entry cannot swell every page that shows it
# (a 100 KB title would be repeated in every citation of it). Listed in the README.
NAME_LIMIT = 400          # a name, title, publisher or label
PROSE_LIMIT = 1500        # a definition, profile, note, caption or event
Name = Annotated[str, StringConstraints(max_length=NAME_LIMIT)]
Prose = Annotated[str, StringConstraints(max_length=PROSE_LIMIT)]

# Markdown and pymdownx syntax characters (links, images, code, emphasis, attr_list braces, mark,
# caret, tilde, smart symbols' parentheses, tables), with the backslash and `$` (a JavaScript
# template literal's `${`). `<`, `>`, `&` and quotes are html.escape's.
_SYNTAX = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_{}[]()!^~=|$"})


def html_text(text: str) -> str:
    """`text` as HTML element content that stays text when Markdown reads the page."""
    return html.escape(str(text), quote=False).translate(_SYNTAX)


def html_attr(text: str) -> str:
    """`text` as the value of a double-quoted HTML attribute, also inside Markdown."""
    return html.escape(str(text), quote=True).translate(_SYNTAX)


def csv_cell(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet opens: a leading =, +, -, @, tab or carriage return
    would make it a formula, so such a cell starts with an apostrophe (shown by no spreadsheet)."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
