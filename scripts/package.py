#!/usr/bin/env python3
"""Package the offline edition: nothing half-made, and the same bytes every time.

usage: python scripts/package.py pdfs SITE DEST PAPER   copy SITE/pdf into DEST/pdf, checked
       python scripts/package.py zip FOLDER ZIPFILE     zip FOLDER reproducibly

`pdfs` copies the PDFs only if every one the edition links is there, on the paper it names, and
made from the site that is there now (not older than its pages); otherwise it stops with one line
and copies nothing; an edition holding the Arabic pages (DEST/ar/) links the Arabic PDFs too.
`zip` stores the files in name order with the time of the last commit (SOURCE_DATE_EPOCH) and
fixed permissions, so two builds give byte-identical zips.
"""

import os
import shutil
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.chapters import pdf_paths           # noqa: E402 (after the path is set)
from macros.i18n import LANGUAGES, PREFIX       # noqa: E402


def expected_pdfs(paper: str, languages: tuple[str, ...] = ("en",)) -> list[str]:
    """The PDF files (paths in pdf/) an edition on `paper` links, in each of `languages`: the
    book's, one per chapter and level, and one per document set, as far as that language has
    them (the Arabic edition's are in ar/)."""
    return [path.removeprefix("pdf/") for lang in languages
            for path in pdf_paths(ROOT / "docs", paper, lang)]


def copy_pdfs(site: Path, dest: Path, paper: str) -> None:
    folder = site / "pdf"
    built = (site / "index.html").stat().st_mtime
    languages = tuple(lang for lang in LANGUAGES if lang == "en" or (dest / PREFIX[lang]).is_dir())
    for name in expected_pdfs(paper, languages):
        path = folder / name
        if not path.is_file():
            sys.exit(f"package.py: {path} is missing: run make pdf PAPER={paper} first")
        if path.stat().st_mtime < built:
            sys.exit(f"package.py: {path} is older than the site beside it: run make pdf "
                     f"PAPER={paper} again")
    for name in expected_pdfs(paper, languages):
        (dest / "pdf" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / name, dest / "pdf" / name)


def zip_folder(folder: Path, target: Path) -> None:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))     # 1980, zip's first day
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo((Path(folder.name) / path.relative_to(folder)).as_posix(), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "pdfs":
        copy_pdfs(Path(argv[1]), Path(argv[2]), argv[3])
    elif len(argv) == 3 and argv[0] == "zip":
        zip_folder(Path(argv[1]), Path(argv[2]))
    else:
        sys.exit(__doc__.split("\n\n")[0] + "\n" + __doc__.split("\n\n")[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
