"""Render print documents to tagged PDF with WeasyPrint."""

from pathlib import Path

from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).with_name("print.css")
PAPER = {"a4": "A4", "letter": "letter"}


def render(document: str, out: Path, paper: str = "a4", stylesheet: Path = STYLESHEET) -> Path:
    """Write `document` (complete HTML) to `out` as PDF/UA-1, fonts embedded."""
    out.parent.mkdir(parents=True, exist_ok=True)
    sheets = [CSS(filename=str(stylesheet)), CSS(string=f"@page {{ size: {PAPER[paper]}; }}")]
    HTML(string=document, base_url=str(out.parent)).write_pdf(
        out, stylesheets=sheets, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return out
