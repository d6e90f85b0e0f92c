"""Read one data/*.yml file into validated, typed models, or fail with a DataError."""

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataError

Model = TypeVar("Model", bound=BaseModel)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):    # libyaml when built with it
    """SafeLoader that leaves dates as text, so the models check them and name the entry."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
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
    """Parse a YAML file, turning a syntax error into a DataError with its line number."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except FileNotFoundError:
        raise DataError(label, None, "file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(label, where, f"malformed YAML: {problem}") from None


def load_entries(path: Path, model: type[Model], label: str) -> list[Model]:
    """Load a YAML list of entries into `model` instances; ids must be unique.

    `label` names the file in error messages, as a content editor knows it (data/sources.yml).
    """
    raw = read_yaml(path, label)
    if raw is None:
        return []
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
