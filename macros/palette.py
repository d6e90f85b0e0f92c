"""The colour palette a page loads: Material's palette stylesheet cut to the colours mkdocs.yml
uses.

Material's palette.css defines every primary and accent colour it offers (about twenty of
each, in both schemes): 12 KB, 2 KB compressed, on every page's first load, of which the book
uses one primary (indigo) and one accent (deep orange). After each build this writes the rules
for the configured colours and schemes, and nothing else, beside Material's file, as
palette-used.<Material's hash>.min.css; overrides/main.html links it instead. Derived from the
installed Material at every build, never kept by hand.
"""

import re
from pathlib import Path

import tinycss2

COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([a-z-]+)\]")


def used_colours(conf) -> dict[str, set[str]]:
    """The primary and accent colours mkdocs.yml's palette names (Material's default: indigo)."""
    palette = conf["theme"].get("palette") or []
    options = [palette] if isinstance(palette, dict) else palette
    return {kind: {str(option.get(kind) or "indigo").replace(" ", "-") for option in options}
            for kind in ("primary", "accent")}


def _keep(selector: str, colours: dict[str, set[str]]) -> bool:
    return all(value in colours[kind] for kind, value in COLOUR.findall(selector))


def _cut(rules, colours) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            kept = [s for s in selectors if _keep(s, colours)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None:
            inner = _cut(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                  skip_whitespace=True), colours)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
    return "".join(out)


def used_palette(css: str, colours: dict[str, set[str]]) -> str:
    """`css` (Material's palette stylesheet) with only the rules for `colours`."""
    return _cut(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                colours)


def on_post_build(env) -> None:
    """Write the cut palette beside Material's in the built site."""
    folder = Path(env.conf["site_dir"]) / "assets" / "stylesheets"
    for source in folder.glob("palette.*.min.css"):
        target = folder / source.name.replace("palette.", "palette-used.", 1)
        target.write_text(used_palette(source.read_text(encoding="utf-8"),
                                       used_colours(env.conf)), encoding="utf-8")
