"""The PDF edition: the whole book and one PDF per chapter, made from the built site.

`python -m pdf` (make pdf) reads the pages MkDocs wrote into site/, assembles them into print
documents (book.py) and renders each with WeasyPrint as a tagged PDF/UA-1 file (render.py).
"""
