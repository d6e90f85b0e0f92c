"""Links to the other editions of a page: its PDF, and the offline copy of the whole site."""

from mkdocs.utils import get_relative_url

from .citations import page_url

BOOK_PDF = "pdf/aleppo-2024-book.pdf"      # written by `python -m pdf` (make pdf)
OFFLINE_ZIP = "download/aleppo-2024-offline.zip"


def pdf_path(src_uri: str) -> str:
    """The site path of a page's PDF: pdf/<chapter file stem>.pdf, or the book for other pages."""
    if src_uri.startswith("chapters/"):
        return "pdf/" + src_uri.split("/")[-1].removesuffix(".md") + ".pdf"
    return BOOK_PDF


def relative(target: str, src_uri: str, directory_urls: bool) -> str:
    """`target` (a path from the site root) relative to the page built from `src_uri`."""
    return get_relative_url(target, page_url(src_uri, directory_urls) or ".")


def register(env, book) -> None:
    """`download_links()` for a page: its PDF (the book's, off a chapter) and the offline site."""

    @env.macro
    def download_links(offline: bool = False) -> str:
        """Markdown-free HTML links to this page's PDF (and the offline edition if asked)."""
        src_uri = env.page.file.src_uri
        label = "Download this chapter as PDF" if src_uri.startswith("chapters/") else \
            "Download the whole book as PDF"
        links = [f'<a class="md-button" href="{relative(pdf_path(src_uri), src_uri, env.directory_urls)}" '
                 f'download>{label}</a>']
        if offline and env.directory_urls:      # the offline edition is itself that copy
            links.append(f'<a class="md-button" href="{relative(OFFLINE_ZIP, src_uri, env.directory_urls)}" '
                         'download>Download the offline site (zip)</a>')
        return '<p class="downloads">' + " ".join(links) + "</p>"
