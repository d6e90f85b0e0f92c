"""The book's two languages: which one a build writes, the words its macros write in each, and a
data entry's text in the build's language.

English is the source. A translated entry carries its Arabic beside its English, in an `ar:`
mapping with the same keys (`ar: {question: ..., options: [...], explanation: ...}`), so that its
ids, dates, numbers and sources are written once. The Arabic build takes the Arabic or stops
with one line naming the file, the entry and the missing field: it never falls back to English.
"""

from pathlib import Path
from typing import Any, ClassVar

import yaml

from .errors import DataError

LANGUAGES = ("en", "ar")
DIRECTION = {"en": "ltr", "ar": "rtl"}
# Where each language's pages live in the built site.
PREFIX = {"en": "", "ar": "ar/"}


def build_language(conf) -> str:
    """The language the running build writes: mkdocs-static-i18n builds English, then Arabic."""
    plugin = conf.plugins.get("i18n") if hasattr(conf, "plugins") else None
    return getattr(plugin, "current_language", None) or "en"


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


class Translated:
    """A data model whose text fields (`translated`) have an Arabic twin in its `ar` mapping, and
    whose lists of such models (`translated_children`) each carry their own."""

    translated: ClassVar[tuple[str, ...]] = ()
    translated_optional: ClassVar[tuple[str, ...]] = ()    # may be given, or left out
    translated_children: ClassVar[tuple[str, ...]] = ()

    def derived_translations(self, ar: dict, problem) -> dict:
        """Fields whose translation follows from others (a quiz's answer, from its option), or
        that the other edition leaves out; `problem(text)` is the DataError to raise."""
        return {}

    def in_language(self, lang: str, where: str, entry: str):
        """This entry as the `lang` edition shows it; a DataError if a translation is missing."""
        if lang == "en":
            return self
        ar = getattr(self, "ar", None) or {}
        wanted = [name for name in self.translated if not _blank(getattr(self, name))]
        if not ar and wanted:
            raise DataError(where, entry, f"no Arabic: add 'ar:' with {', '.join(wanted)}")
        allowed = (*self.translated, *self.translated_optional)
        unknown = sorted(set(ar) - set(allowed))
        if unknown:
            raise DataError(where, entry, f"ar.{unknown[0]} is not a translated field (those "
                                          f"are {', '.join(allowed)})")
        update = {}
        for name in wanted:
            english, arabic = getattr(self, name), ar.get(name)
            if _blank(arabic):
                raise DataError(where, entry, f"no Arabic for '{name}': add ar.{name}")
            if isinstance(english, list) != isinstance(arabic, list) or (
                    isinstance(english, list) and len(english) != len(arabic)):
                raise DataError(where, entry, f"ar.{name} must be a list of {len(english)}, "
                                              "in the English order" if isinstance(english, list)
                                else f"ar.{name} must be text, as {name} is")
            update[name] = arabic
        update.update({name: ar[name] for name in self.translated_optional if name in ar})
        update.update(self.derived_translations(ar, lambda text: DataError(where, entry, text)))
        for name in self.translated_children:
            update[name] = [child.in_language(lang, where, f"{entry}, {name} #{number}"
                                              + (f" ('{child.id}')" if getattr(child, "id", None)
                                                 else ""))
                            for number, child in enumerate(getattr(self, name), start=1)]
        return self.model_copy(update=update)


# The words the macros write around the data, in each language (data/words.yml).
WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "words.yml"
WORDS: dict[str, dict[str, str]] = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


def say(lang: str, key: str, **values) -> str:
    """The macros' words for `key` in `lang`, with {values} filled in."""
    try:
        text = WORDS[key][lang]
    except KeyError:
        raise DataError("data/words.yml", f"entry '{key}'", f"no text in '{lang}'") from None
    return text.format(**values) if values else text
