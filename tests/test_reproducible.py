"""Two clean builds of the same sources are byte-identical."""

import hashlib

from conftest import run_mkdocs


def digests(root):
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    for name in ("one", "two"):
        result = run_mkdocs(tmp_path / name)
        assert result.returncode == 0, result.stdout + result.stderr
    first, second = digests(tmp_path / "one"), digests(tmp_path / "two")
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
