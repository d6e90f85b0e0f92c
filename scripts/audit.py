#!/usr/bin/env python3
"""make audit: Lighthouse scores (mobile and desktop) for the home page and two chapters.

Serves site/ on 127.0.0.1 with gzip, as a static host would, runs npm's lighthouse with Debian's Chromium, prints the four
category scores per page and form factor. Prints figures; asserts nothing.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from localserver import serve

ROOT = Path(__file__).resolve().parent.parent


SITE = ROOT / "site"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "chapters/02-the-offensive/", "chapters/03-the-human-cost/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --disable-sync --no-first-run")


def main() -> int:
    with serve(SITE) as base:
        audit(base)
    return 0


def audit(base: str) -> None:
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    print(f"{'page':34}{'form':>9}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for path in PAGES:
        for form in ("mobile", "desktop"):
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "report.json"
                command = [str(LIGHTHOUSE), base + path, "--quiet", "--output=json",
                           f"--output-path={report}", f"--chrome-flags={FLAGS}",
                           "--only-categories=" + ",".join(CATEGORIES)]
                if form == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, env=env, check=True, capture_output=True)
                scores = json.loads(report.read_text())["categories"]
            print(f"{path or '/':34}{form:>9}" + "".join(
                f"{round(scores[c]['score'] * 100):>16}" for c in CATEGORIES))


if __name__ == "__main__":
    sys.exit(main())
