"""The Sources page: every source, grouped by the kind of voice it is, with the pages citing it.

The Sources page is rendered before some of the pages that cite, so which pages cite a source
is worked out from the Markdown files themselves, without rendering them: the `cite()` calls,
the contested claims in a chapter's front matter, and the macros that render data with its
sources (the glossary, the timeline, the Who's who, the maps and the gazetteer). A test compares
the result with the links of the built pages.
"""

import ast
import html
import re
from pathlib import Path

import yaml

from .citations import cited_ids
from .pages import SOURCES_PAGE, link, page_title
from .sources import KIND_HEADINGS, Source, SourceKind

# One line under each group's heading: what this kind of voice can and cannot tell you.
KIND_NOTES = {
    SourceKind.news: "Reporters who check their stories, but who in the first days of a war "
                     "often rely on what each side tells them.",
    SourceKind.state_media: "Outlets owned or controlled by a government: a record of what that "
                            "government says, labelled with its state.",
    SourceKind.monitor: "Groups that count victims and document abuses, each with its own "
                        "methods and contacts.",
    SourceKind.un: "Reports of UN agencies, based on what their staff and partners on the ground "
                   "can reach.",
    SourceKind.official: "What governments and officials said, in their own words.",
    SourceKind.research: "Research institutes and reference works, used for background.",
}

_MACRO_CALL = re.compile(r"\{\{\s*(glossary|who_is_who|timeline|map|gazetteer)\((.*?)\)\s*\}\}",
                         re.S)


def _front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    try:
        meta = yaml.safe_load(text.split("---\n", 2)[1])
    except (yaml.YAMLError, IndexError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _claim_sources(meta: dict) -> set[str]:
    """Sources of the contested claims a chapter shows from its front matter."""
    found: set[str] = set()
    for claim in meta.get("claims") or []:
        found.update(claim.get("established_sources") or [])
        for side in claim.get("sides") or []:
            found.update(side.get("sources") or [])
    return found


SOURCE_FIELDS = {"sources", "status_sources", "established_sources"}


def _sources_in(value) -> set[str]:
    """Every source id held anywhere in a data entry (its own, its events', its layers')."""
    if hasattr(type(value), "model_fields"):            # a pydantic model: read its fields as is
        value = {field: getattr(value, field) for field in type(value).model_fields}
    if isinstance(value, dict):
        return {key for field, item in value.items() for key in
                (item if field in SOURCE_FIELDS and isinstance(item, list) else _sources_in(item))}
    if isinstance(value, (list, tuple)):
        return {key for item in value for key in _sources_in(item)}
    return set()


def _arguments(arguments: str) -> tuple[list, dict]:
    call = ast.parse(f"f({arguments})", mode="eval").body
    return ([ast.literal_eval(arg) for arg in call.args],
            {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords})


def _data_sources(name: str, arguments: str, book) -> set[str]:
    """Sources that a data macro call renders with citations on its page."""
    if book is None:
        return set()
    try:
        args, kwargs = _arguments(arguments)
        if name == "glossary":
            return _sources_in(book.terms)
        if name == "who_is_who":
            return _sources_in(book.actors)
        if name == "gazetteer":
            return _sources_in(list(book.places.values()))
        if name == "map":
            spec = book.maps.get(args[0] if args else kwargs.get("map_id"))
            if spec is None:
                return set()
            from .maps import shown_events                # its events cite the timeline's sources
            return _sources_in(spec) | {key for event in shown_events(spec.layers, book.events_by_id)
                                        for key in event.sources}
        from .timeline import select                  # the slice the macro itself shows
        return _sources_in(select(book.events, *args, **kwargs))
    except (SyntaxError, ValueError, TypeError, IndexError):
        return set()                                    # the page's own build reports the error


def page_citations(text: str, book=None) -> set[str]:
    """The source ids a page's Markdown cites, found without rendering it."""
    found = cited_ids(text) | _claim_sources(_front_matter(text))
    for name, arguments in _MACRO_CALL.findall(text):
        found |= _data_sources(name, arguments, book)
    return found


def citing_pages(docs_dir: Path, book=None) -> dict[str, list[str]]:
    """For each source id, the docs/ paths (relative, POSIX) of the pages that cite it, in order."""
    citing: dict[str, list[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        for key in sorted(page_citations(path.read_text(encoding="utf-8"), book)):
            citing.setdefault(key, []).append(src_uri)
    return citing


def _order(source: Source) -> tuple:
    """Within a group: by publisher, then oldest first, undated last, then by title."""
    return (source.publisher.casefold(), source.date is None, source.date or 0,
            source.title.casefold())


def render_bibliography(sources: dict[str, Source], docs_dir: Path, use_directory_urls: bool,
                        book=None) -> str:
    """All sources as HTML sections by kind, each entry anchored as #src-<id>."""
    citing = citing_pages(docs_dir, book)
    out = []
    for kind, heading in KIND_HEADINGS.items():
        group = sorted((s for s in sources.values() if s.kind is kind), key=_order)
        if not group:
            continue
        count = f"{len(group)} source{'s' if len(group) > 1 else ''}"
        out.append(f"## {heading} {{#{kind.value}}}\n")
        out.append(f'<p class="kind-note">{html.escape(KIND_NOTES[kind])} '
                   f'<span class="kind-count">({count})</span></p>\n')
        items = []
        for source in group:
            links = [
                f'<a href="{link(uri, SOURCES_PAGE, use_directory_urls)}">'
                f'{html.escape(page_title(docs_dir / uri))}</a>'
                for uri in citing.get(source.id, [])]
            cited = f' <span class="cited-in">Cited in: {", ".join(links)}.</span>' if links else ""
            items.append(f'<li id="src-{source.id}">{source.describe_html()}{cited}</li>')
        out.append('<ul class="bibliography">\n' + "\n".join(items) + "\n</ul>\n")
    return "\n".join(out)


def register(env, book) -> None:
    """The `bibliography()` macro for the Sources page."""
    @env.macro
    def bibliography() -> str:
        """Every source in data/sources.yml, grouped by kind."""
        return render_bibliography(book.sources, env.docs_dir, env.directory_urls, book)

    @env.macro
    def source_count() -> int:
        """How many sources the book lists."""
        return len(book.sources)
