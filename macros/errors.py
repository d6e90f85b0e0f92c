"""The one error type for bad content: it names the file, the entry and the problem."""

from mkdocs.exceptions import PluginError


class DataError(PluginError):
    """Bad input in data/ or docs/, reported by MkDocs as one line that stops the build."""

    def __init__(self, file: str, entry: str | None, problem: str):
        self.file, self.entry, self.problem = file, entry, problem
        where = f"{file}: {entry}" if entry else file
        super().__init__(f"{where}: {problem}")
