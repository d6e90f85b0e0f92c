"""The other editions of a page, and what a build offers: its PDF, the offline zip, its address.

A build links only files it will contain. The Makefile says what a build offers through two
settings of `extra` in mkdocs.yml: `pdf_paper` (make pdf and make site render the PDFs after the
build, on that paper) and `offline_zip` (make site packs the offline edition). Previews and
`make build` offer neither. The site's own address, `site_url`, comes from SITE_URL; without it
no page names an address it does not know.
"""

from urllib.parse import urlsplit

from .errors import DataError
from .i18n import PREFIX, say


PAPERS = ("a4", "letter")
BOOK_NAME = "aleppo-2024-book"              # the book PDF, written by `python -m pdf`
OFFLINE_ZIP = "download/aleppo-2024-offline.zip"


def pdf_file(name: str, paper: str) -> str:
    """The file name of a PDF on `paper`: A4 is the default, Letter carries a suffix."""
    return f"{name}.pdf" if paper == "a4" else f"{name}-{paper}.pdf"


def pdf_path(src_uri: str, paper: str, lang: str = "en") -> str:
    """The site path of a page's PDF: pdf/<chapter file stem>.pdf (a level other than the
    standard adds its name: 02-the-offensive-easier.pdf; a document set is
    documents-02-the-offensive.pdf), or the book for other pages; the Arabic edition's are in
    pdf/ar/."""
    folder = "pdf/" + PREFIX[lang]
    if src_uri.startswith(("chapters/", "documents/0")):
        return folder + pdf_file(pdf_name(src_uri), paper)
    return book_path(paper, lang)


def book_path(paper: str, lang: str = "en") -> str:
    """The site path of the book's PDF in the edition of `lang`: pdf/ar/aleppo-2024-book.pdf."""
    return f"pdf/{PREFIX[lang]}{pdf_file(BOOK_NAME, paper)}"


def pdf_name(src_uri: str) -> str:
    """A page's PDF name without paper or suffix: chapters/02-x/easier.md -> 02-x-easier, a
    document set's documents/02-x.md -> documents-02-x."""
    return src_uri.removeprefix("chapters/").removesuffix(".md").replace("/", "-")


def pdf_paper(conf) -> str | None:
    """The paper of the PDFs this build offers, or None when it offers none."""
    paper = conf["extra"].get("pdf_paper") or None
    if paper is not None and paper not in PAPERS:
        raise DataError("mkdocs.yml", "extra.pdf_paper",
                        f"must be {' or '.join(PAPERS)}, or empty for a build without PDFs "
                        f"(got {paper!r})")
    return paper


def pdf_link(conf, src_uri: str, here) -> str | None:
    """The href from page `here` (a page.Page) to the PDF of page `src_uri`, or None if this
    build has none."""
    paper = pdf_paper(conf)
    return here.relative(pdf_path(src_uri, paper, here.lang)) if paper else None


def site_url(conf) -> str | None:
    """The address the site is published at (SITE_URL), ending in '/', or None when unknown."""
    url = conf.get("site_url") or None
    if url is not None and urlsplit(url).scheme not in ("http", "https"):
        raise DataError("mkdocs.yml", "site_url",
                        f"SITE_URL must be an http:// or https:// address (got {url!r})")
    return url if url is None or url.endswith("/") else url + "/"


def check(conf) -> None:
    """Stop the build at once on a bad paper size or address, before anything is written."""
    pdf_paper(conf)
    site_url(conf)


def register(env, book) -> None:
    """`download_links()` for a page: its PDF (the book's, off a chapter) and the offline site."""

    @env.macro
    def download_links(offline: bool = False) -> str:
        """HTML links to what this build offers: this page's PDF, and the offline edition if asked."""
        here = env.here
        links = []
        href = pdf_link(env.conf, here.src_uri, here)
        if href:
            label = say(here.lang, "download-chapter-pdf" if here.src_uri.startswith("chapters/")
                        else "download-book-pdf")
            links.append(f'<a class="md-button" href="{href}" download>{label}</a>')
        # The offline edition is itself that copy, so it never links the zip.
        if offline and here.directory_urls and env.conf["extra"].get("offline_zip"):
            links.append(f'<a class="md-button" href="{here.relative(OFFLINE_ZIP)}" '
                         f'download>{say(here.lang, "download-offline")}</a>')
        return '<p class="downloads">' + " ".join(links) + "</p>" if links else ""
