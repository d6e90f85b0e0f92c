"""One spelling per name: the spellings that data/glossary.yml and data/actors.yml list to avoid
appear nowhere a reader reads, in docs/ or data/, and each one found is named by file and line.

Left out on purpose: the lists of spellings to avoid themselves; a name in its own script and its
letter-by-letter transliteration (the glossary's `original` and `transliteration`); the titles of
sources (data/sources.yml `title`), which are the publishers' own words, quoted as published;
ids, addresses, codes and dates; and a page that names a spelling in order to correct it."""

import re
from pathlib import Path

import yaml

from conftest import ROOT, small_book
from macros.book import load_book

NOT_PROSE = {"id", "sources", "established_sources"}      # front-matter keys readers never see
# Fields of data/*.yml that hold ids, addresses, codes or dates, not text a reader reads.
NOT_TEXT = {"id", "url", "sources", "status_sources", "established_sources", "actors", "through",
            "event", "place", "kind", "original_lang", "language", "colour", "date", "state"}
# Other spellings on purpose: the lists of them, a name in its own script and its transliteration,
# source titles as published, and the documents' quotations, which keep their speakers' spelling.
QUOTED = {("glossary.yml", "avoid"), ("actors.yml", "avoid"), ("glossary.yml", "original"),
          ("glossary.yml", "transliteration"), ("sources.yml", "title"),
          ("documents.yml", "text"), ("documents.yml", "text_original")}
# Pages that name a spelling in order to correct it or to show how names vary.
CORRECTS = {("docs/reference/corrections.md", "Pourahmadi"),
            ("docs/reference/corrections.md", "Pour Hashemi"),
            *(("docs/chapters/06-what-happened-next.md", spelling)
              for spelling in ("Kiumars Pourhashemi", "Kioumars Pour Hashemi", "Pour Hashemi"))}
STR = "tag:yaml.org,2002:str"


def avoided(data: Path = ROOT / "data") -> dict[tuple[str, str], re.Pattern]:
    """Each spelling to avoid with the spelling the book writes: any case, whole words, a space
    matching any white space (a name wrapped across two lines of a file)."""
    book = load_book(data)
    pairs = [*((spelling, term.term) for term in book.terms for spelling in term.avoid),
             *((spelling, actor.name) for actor in book.actors for spelling in actor.avoid)]
    return {(spelling, name): re.compile(
        r"(?<!\w)" + r"\s+".join(map(re.escape, spelling.split())) + r"(?!\w)", re.I)
        for spelling, name in pairs}


def _yaml_texts(text: str, name: str, skip: set[str], first_line: int = 1):
    """(line, text) for each string a reader reads in a YAML document: its raw text as written
    (a folded paragraph keeps its line breaks) and the line of the file it starts on."""
    def walk(node, key=None):
        if key in skip or (name, key) in QUOTED:
            return
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                yield from walk(value, key_node.value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, key)
        elif node.tag == STR:
            yield first_line + node.start_mark.line, text[node.start_mark.index:node.end_mark.index]

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return list(walk(root)) if root is not None else []


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def reader_text(markdown_text: str, name: str = "page.md"):
    """(line, text) for what readers of a page see: its front matter's texts and its Markdown
    without macro calls, link targets, heading ids, HTML tags or source ids; lines kept."""
    found, body, first = [], markdown_text, 1
    if markdown_text.startswith("---\n"):
        _, front, body = markdown_text.split("---\n", 2)
        found = _yaml_texts(front, name, NOT_PROSE, first_line=2)
        first = front.count("\n") + 3
    body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", _blank, body, flags=re.S)
    body = re.sub(r"(?<=\])\([^)]*\)", _blank, body)
    body = re.sub(r"\{[#:.][^}]*\}|<[^>]*>", _blank, body)
    return found + [(first, body)]


def hits(where: str, texts, patterns) -> list[str]:
    """`where:line: 'spelling' (the book writes ...)` for each avoided spelling in `texts`."""
    out = []
    for line, text in texts:
        for (spelling, name), pattern in patterns.items():
            for match in pattern.finditer(text):
                if (where, spelling) not in CORRECTS:
                    at = line + text[:match.start()].count("\n")
                    out.append(f"{where}:{at}: {match.group(0)!r} (the book writes {name})")
    return out


def test_avoided_spellings_appear_on_no_page():
    """One spelling of each name across the book, so that the word a reader searches for finds
    every page about it; Who's who and the glossary list the others as "also spelled"."""
    patterns = avoided()
    assert len(patterns) >= 80, "data/glossary.yml and data/actors.yml list few spellings to avoid"
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 30
    found = [hit for path in pages
             for hit in hits(path.relative_to(ROOT).as_posix(),
                             reader_text(path.read_text(encoding="utf-8")), patterns)]
    assert not found, "spellings the book does not use:\n" + "\n".join(found)


def test_avoided_spellings_appear_in_no_data_text():
    """The same for the texts the pages are made from (glossary, timeline, actors, maps, places,
    sources' publishers), but for the fields that list or quote other spellings on purpose."""
    patterns = avoided()
    found = []
    for path in sorted((ROOT / "data").glob("*.yml")):
        texts = _yaml_texts(path.read_text(encoding="utf-8"), path.name, NOT_TEXT)
        found += hits(f"data/{path.name}", texts, patterns)
    assert not found, "spellings the book does not use:\n" + "\n".join(found)


def test_the_spelling_check_reads_what_readers_read_and_names_the_line():
    patterns = {("Julani", "Ahmed al-Sharaa"): re.compile(r"(?<!\w)Julani(?!\w)", re.I),
                ("Rami Abdel Rahman", "Rami Abdulrahman"):
                    re.compile(r"(?<!\w)Rami\s+Abdel\s+Rahman(?!\w)", re.I)}
    page = ("---\nquiz:\n  - question: Who is Julani?\n    sources: [julani-2024]\n---\n\n"
            "See [Idlib](../julani.md#julani) {#julani-front} and <a href=\"/julani\">it</a>.\n"
            "{{ cite(\"julani-2024\") }} Its head, Rami Abdel\nRahman, said so.\n")
    assert hits("docs/x.md", reader_text(page), patterns) == [
        "docs/x.md:3: 'Julani' (the book writes Ahmed al-Sharaa)",
        "docs/x.md:8: 'Rami Abdel\\nRahman' (the book writes Rami Abdulrahman)"]
    sources = ("- id: julani-1\n  publisher: Julani Post\n  title: Julani speaks\n"
               "  url: https://julani.test/\n")
    assert hits("data/sources.yml", _yaml_texts(sources, "sources.yml", NOT_TEXT), patterns) == [
        "data/sources.yml:2: 'Julani' (the book writes Ahmed al-Sharaa)"]
    actors = ("- id: sohr\n  name: SOHR\n  avoid: [Julani]\n  profile: >-\n"
              "    A monitor run by\n    Rami Abdel Rahman.\n")
    assert hits("data/actors.yml", _yaml_texts(actors, "actors.yml", NOT_TEXT), patterns) == [
        "data/actors.yml:6: 'Rami Abdel Rahman' (the book writes Rami Abdulrahman)"]


def test_the_avoided_spellings_are_read_from_both_files(tmp_path):
    small_book(tmp_path)
    assert set(avoided(tmp_path)) == {("Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham"),
                                      ("Julani", "Ahmed al-Sharaa"),
                                      ("Ahmad al-Sharaa", "Ahmed al-Sharaa")}
