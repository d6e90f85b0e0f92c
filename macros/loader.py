"""Read one data/*.yml file into validated, typed models, or fail with a DataError."""

import re
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError

Model = TypeVar("Model", bound=BaseModel)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):    # libyaml when built with it
    """SafeLoader that leaves dates as text, so the models check them and name the entry; reads
    only true and false as yes-or-no values (YAML 1.1 also reads yes, no, on and off, so that
    `id: no` became False); and refuses a key given twice in one mapping (YAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the field '{key}' is given twice in one entry (first on line "
                    f"{seen[key] + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _BOOL if tag == "tag:yaml.org,2002:bool" else regexp)
            for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def describe_error(error: dict) -> str:
    """Turn one pydantic error into a short phrase a content editor can act on."""
    field = ".".join(str(part) for part in error["loc"]) or "entry"
    kind = error["type"]
    if kind == "missing":
        return f"missing field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    message = error["msg"].removeprefix("Value error, ")
    if not error["loc"]:
        return message
    got = repr(error["input"])
    if len(got) > 60:
        got = got[:57] + "..."
    return f"field '{field}': {message} (got {got})"


def _entry_name(index: int, raw: object) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return f"entry '{raw['id']}'"
    return f"entry #{index + 1}"


def read_yaml(path: Path, label: str) -> object:
    """Parse a YAML file, turning a syntax error into a DataError naming the entry and the line
    where the trouble starts (an unclosed quote starts where the quote opens, not where the
    parser gives up)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(label, None, "file not found") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError(label, f"line {line}", f"not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                        "save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        if context and getattr(exc, "context_mark", None):
            problem = f"{problem}, {context} that starts here"
        where = f"line {mark.line + 1}" if mark else None
        entry = _entry_at(text, mark.line) if mark else None
        raise DataError(label, ", ".join(filter(None, (entry, where))),
                        f"malformed YAML: {problem}") from None


def _entry_at(text: str, line: int) -> str | None:
    """The entry a line of a data file belongs to, by the nearest `- id:` above it."""
    for row in reversed(text.splitlines()[:line + 1]):
        found = re.match(r"-\s+id:\s*['\"]?([\w-]+)", row)
        if found:
            return f"entry '{found.group(1)}'"
    return None


def load_entries(path: Path, model: type[Model], label: str) -> list[Model]:
    """Load a YAML list of entries into `model` instances; ids must be unique.

    `label` names the file in error messages, as a content editor knows it (data/sources.yml).
    """
    raw = read_yaml(path, label)
    if raw is None:
        raise DataError(label, None, "the file is empty: it should hold a list of entries "
                        "(write [] for none)")
    if not isinstance(raw, list):
        raise DataError(label, None, "expected a list of entries at the top level")
    entries: list[Model] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(raw):
        name = _entry_name(index, item)
        if not isinstance(item, dict):
            raise DataError(label, name, "expected a mapping of field: value")
        try:
            entry = model.model_validate(item)
        except ValidationError as exc:
            raise DataError(label, name, describe_error(exc.errors()[0])) from None
        key = getattr(entry, "id", None)
        if key is not None:
            if key in seen:
                raise DataError(label, name, f"duplicate id (first used by entry #{seen[key] + 1})")
            seen[key] = index
        entries.append(entry)
    return entries
