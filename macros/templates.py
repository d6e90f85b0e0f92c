"""A page's macro calls, checked before they run: a syntax error or a misspelt macro stops the
build with one line naming the file and its line, instead of Jinja's traceback."""

import re

from jinja2 import TemplateSyntaxError, nodes

from .errors import DataError


def body_offset(source: str) -> int:
    """How many lines of the file come before the text MkDocs hands the macros (front matter)."""
    lines = source.split("\n")
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                offset = number + 1
                while offset < len(lines) and not lines[offset].strip():
                    offset += 1         # MkDocs drops the blank lines after the front matter
                return offset
    return 0


def check_headings(markdown: str, where: str, offset: int) -> None:
    """Every ## and ### heading carries an explicit {#id}, so that links to it survive rewording."""
    fenced = False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"#{2,3} ", line) and not re.search(r"\{[^}]*#[\w-]+[^}]*\}\s*$", line):
            raise DataError(where, f"line {number + offset}",
                            "heading without an explicit id: end it with {#an-id} so that "
                            "links to it survive rewording")


def check_calls(markdown: str, jinja_env, known: set[str], where: str, offset: int) -> None:
    """Stop on a template syntax error or a call to a name no macro, variable or filter has."""
    try:
        tree = jinja_env.parse(markdown)
    except TemplateSyntaxError as exc:
        raise DataError(where, f"line {exc.lineno + offset}",
                        f"macro syntax: {exc.message}") from None
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name not in known:
            raise DataError(where, f"line {call.lineno + offset}",
                            f"unknown macro '{call.node.name}'")
