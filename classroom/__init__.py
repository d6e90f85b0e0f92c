"""The class formats: worksheets, slides, quizzes for learning platforms and answer keys.

Each format is a plain function of a chapter's lesson (classroom.lesson.Lesson: the chapter's
front matter at one reading level, its text, its lesson plan's worksheet and the book's data) that
returns bytes; `python -m classroom` writes them all into build/class/<paper>/.
"""

import io
import zipfile

# Zip entries carry this time, so that two builds give the same bytes (zip's first day).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of `entries` in their order, with fixed times and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def restamped(document: bytes) -> bytes:
    """An Office file (a zip) written again with fixed times: python-docx and python-pptx stamp
    each entry with the time of writing."""
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        return stable_zip([(info.filename, archive.read(info)) for info in archive.infolist()])
