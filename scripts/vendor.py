#!/usr/bin/env python3
"""Fetch the vendored front-end files again from the npm registry and check their checksums.

usage: python scripts/vendor.py [--check]

Reads docs/assets/vendor/PROVENANCE.yml. With --check, only verifies the committed copies.
"""

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

VENDOR = Path(__file__).resolve().parent.parent / "docs" / "assets" / "vendor"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def npm_package(spec: str) -> Iterator[Path]:
    """The files of the npm package `name@version`, fresh from the registry, in a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        tarball = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(Path(tmp) / tarball) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp) / "package"


def verified(source: Path, checksum: str, label: str) -> bytes:
    """The bytes of `source`, or stop if they do not match the recorded SHA-256."""
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != checksum:
        sys.exit(f"{label}: registry copy does not match its checksum")
    return data


def check() -> list[str]:
    """Return one line per vendored file that is missing or differs from its recorded checksum."""
    problems = []
    for package in yaml.safe_load((VENDOR / "PROVENANCE.yml").read_text(encoding="utf-8")):
        for entry in package["files"]:
            target = VENDOR / entry["to"]
            if not target.exists():
                problems.append(f"{entry['to']}: missing")
            elif sha256(target) != entry["sha256"]:
                problems.append(f"{entry['to']}: checksum differs from PROVENANCE.yml")
    return problems


def fetch() -> None:
    for package in yaml.safe_load((VENDOR / "PROVENANCE.yml").read_text(encoding="utf-8")):
        spec = f"{package['package']}@{package['version']}"
        with npm_package(spec) as files:
            for entry in package["files"]:
                data = verified(files / entry["from"], entry["sha256"], f"{spec} {entry['from']}")
                target = VENDOR / entry["to"]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                print(f"{spec} {entry['from']} -> {target.relative_to(VENDOR.parent.parent.parent)}")


if __name__ == "__main__":
    if "--check" not in sys.argv:
        fetch()
    problems = check()
    print("\n".join(problems) or "all vendored files match PROVENANCE.yml")
    sys.exit(1 if problems else 0)
