"""The Sources page: every source, grouped by the kind of voice it is, with the pages citing it."""

import html
from pathlib import Path

from mkdocs.utils import get_relative_url

from .citations import SOURCES_PAGE, cited_ids, page_url
from .sources import KIND_HEADINGS, Source


def page_title(path: Path) -> str:
    """A page's title as the navigation shows it: front matter `title`, else its first heading."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":
        for line in lines[1:lines.index("---", 1)]:
            if line.startswith("title:"):
                return line.removeprefix("title:").strip().strip("\"'")
    for line in lines:
        if line.startswith("# "):
            return line[2:].split("{")[0].strip()
    return path.stem


def citing_pages(docs_dir: Path) -> dict[str, list[str]]:
    """For each source id, the docs/ paths (relative, POSIX) of the pages that cite it, in order."""
    citing: dict[str, list[str]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        for key in sorted(cited_ids(path.read_text(encoding="utf-8"))):
            citing.setdefault(key, []).append(src_uri)
    return citing


def render_bibliography(sources: dict[str, Source], docs_dir: Path,
                        use_directory_urls: bool) -> str:
    """All sources as HTML sections by kind, each entry anchored as #src-<id>."""
    citing = citing_pages(docs_dir)
    here = page_url(SOURCES_PAGE, use_directory_urls)
    out = []
    for kind, heading in KIND_HEADINGS.items():
        group = sorted((s for s in sources.values() if s.kind is kind),
                       key=lambda s: (s.publisher.lower(), s.title.lower()))
        if not group:
            continue
        out.append(f"## {heading} {{#{kind.value}}}\n")
        items = []
        for source in group:
            links = [
                f'<a href="{get_relative_url(page_url(uri, use_directory_urls), here)}">'
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
        return render_bibliography(book.sources, env.docs_dir, env.directory_urls)
