"""The code's shape: modules import each other top-down, with no circle anywhere."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGES = ("macros", "pdf")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, known: set[str]) -> set[str]:
    """The project modules `path` imports, at the top or inside a function alike."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from . import x` imports the module x; `from .x import y` the module x.
            targets = [f"{base}.{alias.name}" for alias in node.names]
            if not any(target in known for target in targets):
                targets = [base]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    paths = [path for package in PACKAGES for path in sorted((root / package).rglob("*.py"))]
    known = {module_name(path) for path in paths}
    return {module_name(path): imports(path, known) for path in paths}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle, as the modules around it (depth-first search)."""
    found, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_circle():
    assert cycles(graph()) == []


def test_the_check_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_the_map_model_sits_below_its_renderers():
    edges = graph()
    assert {"macros.maps.model", "macros.maps.style"} <= edges["macros.maps.interactive"]
    assert {"macros.maps.model", "macros.maps.style"} <= edges["macros.maps.static"]
    assert not edges["macros.maps.model"] & {"macros.maps.interactive", "macros.maps.static",
                                            "macros.maps.figure", "macros.maps"}
