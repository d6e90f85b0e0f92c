"""Render print documents to tagged PDF with WeasyPrint."""

from pathlib import Path

from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).with_name("print.css")
PAPER = {"a4": "A4", "letter": "letter"}


def render(document: str, out: Path, paper: str = "a4", stylesheet: Path = STYLESHEET,
           right_to_left: bool = False) -> Path:
    """Write `document` (complete HTML) to `out` as PDF/UA-1, fonts embedded; a right-to-left
    document also asks viewers to set its pages side by side from the right."""
    out.parent.mkdir(parents=True, exist_ok=True)
    sheets = [CSS(filename=str(stylesheet)), CSS(string=f"@page {{ size: {PAPER[paper]}; }}")]
    HTML(string=document, base_url=str(out.parent)).write_pdf(
        out, stylesheets=sheets, pdf_variant="pdf/ua-1", uncompressed_pdf=False,
        finisher=_pages_from_the_right if right_to_left else None)
    return out


def _pages_from_the_right(document, pdf) -> None:
    """The PDF's reading order, for viewers that show two pages at once (ViewerPreferences)."""
    pdf.catalog["ViewerPreferences"]["Direction"] = "/R2L"
