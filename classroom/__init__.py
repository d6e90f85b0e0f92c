"""The class formats: worksheets, slides, quizzes for learning platforms and answer keys.

Each format is a plain function of a chapter's lesson (classroom.lesson.Lesson: the chapter's
front matter at one reading level, its text, its lesson plan's worksheet and the book's data) that
returns bytes; `python -m classroom` writes them all into build/class/<paper>/.
"""
