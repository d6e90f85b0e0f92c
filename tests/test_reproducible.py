"""Two clean builds of the same sources are byte-identical."""

import hashlib

from conftest import run_mkdocs


def digests(root):
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(preview, tmp_path):
    result = run_mkdocs(tmp_path / "again")
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = digests(preview.site), digests(tmp_path / "again")
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
