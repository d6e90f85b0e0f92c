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
from pathlib import Path

import yaml

VENDOR = Path(__file__).resolve().parent.parent / "docs" / "assets" / "vendor"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout.split()[-1]
            with tarfile.open(Path(tmp) / out) as tar:
                tar.extractall(tmp, filter="data")
            for entry in package["files"]:
                source = Path(tmp) / "package" / entry["from"]
                if sha256(source) != entry["sha256"]:
                    sys.exit(f"{spec} {entry['from']}: registry copy does not match its checksum")
                target = VENDOR / entry["to"]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
                print(f"{spec} {entry['from']} -> {target.relative_to(VENDOR.parent.parent.parent)}")


if __name__ == "__main__":
    if "--check" not in sys.argv:
        fetch()
    problems = check()
    print("\n".join(problems) or "all vendored files match PROVENANCE.yml")
    sys.exit(1 if problems else 0)
