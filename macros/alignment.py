"""An Arabic page against its English page, paragraph by paragraph.

The two are aligned by section (each `##` heading's {#id}) and by order inside a section: the
n-th block of a section in Arabic translates the n-th block of the same section in English. A
block is a paragraph, one list item, a table row or a line of its own such as a map. Each pair
must carry the same citations, the same links and the same numbers written in digits, and each
English month name must come back as its Arabic pair (تشرين الثاني/نوفمبر).

    python -m macros.alignment docs/chapters/02-the-offensive.md   # the .ar.md beside it

prints one line per difference and exits 1 if there is any.
"""

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .sources import MONTHS, MONTHS_AR

CITE = re.compile(r"cite\(([^)]*)\)")
LINK = re.compile(r"\]\(([^)\s]+)\)")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# A number stands alone, or right after one of the Arabic one-letter words written joined to the
# next (و2027 "and 2027", ب2025); not inside a name (كردستان24, Kurdistan24).
NUMBER = re.compile(r"(?:(?<![\w.])|(?<=[^\w.][وبلف]))\d+(?:[.,]\d+)*")
HEADING = re.compile(r"^(#{1,3}) .*?(?:\{#([\w-]+)\})?\s*$")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")


@dataclass
class Block:
    section: str
    index: int
    line: int
    text: str


def body(text: str) -> tuple[str, int]:
    """The page without its front matter, and the number of lines removed."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        return "\n".join(lines[end + 1:]), end + 1
    return text, 0


def blocks(text: str) -> list[Block]:
    """The page's blocks in order, each tagged with its section id."""
    text, offset = body(text)
    section, found, current, start = "_top", [], [], 0
    counts: Counter = Counter()
    fenced = False

    def close():
        if current:
            found.append(Block(section, counts[section], start, "\n".join(current)))
            counts[section] += 1
            current.clear()

    for number, line in enumerate(text.split("\n"), start=1 + offset):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading:
            close()
            if len(heading.group(1)) == 2:
                section = heading.group(2) or f"_line{number}"
            continue
        if not line.strip():
            close()
            continue
        if not fenced and (ITEM.match(line) or line.lstrip().startswith("|")):
            close()
        if not current:
            start = number
        current.append(line)
    close()
    return found


def numbers(text: str) -> Counter:
    """The numbers a block writes in digits, outside macro calls and link targets."""
    text = LINK.sub("]", MACRO.sub(" ", text))
    return Counter(n.replace(",", "") for n in NUMBER.findall(text))


def citations(text: str) -> list[str]:
    return sorted(re.findall(r'"([^"]+)"', " ".join(CITE.findall(text))))


def links(text: str) -> list[str]:
    return sorted(LINK.findall(MACRO.sub(" ", text)))


def months(text: str) -> Counter:
    return Counter(re.findall(r"\b(" + "|".join(MONTHS) + r")\b", MACRO.sub(" ", text)))


def compare(english: str, arabic: str, where: str) -> list[str]:
    """Every difference between the two pages, one line each."""
    problems = []
    en, ar = blocks(english), blocks(arabic)
    en_sections = list(dict.fromkeys(b.section for b in en))
    ar_sections = list(dict.fromkeys(b.section for b in ar))
    if en_sections != ar_sections:
        missing = [s for s in en_sections if s not in ar_sections]
        extra = [s for s in ar_sections if s not in en_sections]
        problems.append(f"{where}: sections differ from the English page"
                        f" (missing {missing}, extra {extra})" if missing or extra else
                        f"{where}: sections are in a different order from the English page")
    by_section: dict[str, list[Block]] = {}
    for block in ar:
        by_section.setdefault(block.section, []).append(block)
    for section in en_sections:
        en_blocks = [b for b in en if b.section == section]
        ar_blocks = by_section.get(section, [])
        if len(en_blocks) != len(ar_blocks):
            problems.append(f"{where}: section #{section} has {len(ar_blocks)} blocks, "
                            f"the English has {len(en_blocks)}")
            continue
        for e, a in zip(en_blocks, ar_blocks):
            at = f"{where}:{a.line} (#{section}, block {e.index + 1}, English line {e.line})"
            if citations(e.text) != citations(a.text):
                problems.append(f"{at}: citations {citations(a.text)} differ from the English "
                                f"{citations(e.text)}")
            if links(e.text) != links(a.text):
                problems.append(f"{at}: links {links(a.text)} differ from the English "
                                f"{links(e.text)}")
            if numbers(e.text) != numbers(a.text):
                lost = numbers(e.text) - numbers(a.text)
                added = numbers(a.text) - numbers(e.text)
                problems.append(f"{at}: numbers differ: missing {sorted(lost)}, "
                                f"not in the English {sorted(added)}")
            for month, count in months(e.text).items():
                arabic_name = MONTHS_AR[MONTHS.index(month)]
                found = " ".join(a.text.split()).count(arabic_name)   # a name may wrap a line
                if found < count:
                    problems.append(f"{at}: {month} is written {count} time(s) in English, "
                                    f"'{arabic_name}' {found} time(s)")
    return problems


def arabic_path(english: Path) -> Path:
    return english.with_name(english.stem + ".ar.md")


def main(argv: list[str]) -> int:
    problems = []
    for name in argv:
        english = Path(name)
        arabic = arabic_path(english)
        if not arabic.exists():
            problems.append(f"{arabic}: missing (the Arabic of {english})")
            continue
        problems += compare(english.read_text(encoding="utf-8"),
                            arabic.read_text(encoding="utf-8"), str(arabic))
    print("\n".join(problems) or f"{len(argv)} page(s) aligned")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
