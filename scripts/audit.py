#!/usr/bin/env python3
"""make audit: Lighthouse scores (mobile and desktop) for the home page, two chapters and an Arabic chapter.

Serves site/ on 127.0.0.1 with gzip, as a static host would, runs npm's lighthouse with Debian's
Chromium, prints the four category scores per page and form factor, and under each row the
metrics the performance score is made of (FCP, LCP, TBT, CLS). Performance moves by several
points from one run to the next on a shared machine, so each page is audited RUNS times (`make
audit RUNS=5`) and the median is printed, with the lowest and highest run beside it, as
Lighthouse's own guidance on variability recommends. Prints figures; asserts nothing.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from localserver import serve

ROOT = Path(__file__).resolve().parent.parent


SITE = ROOT / "site"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "chapters/02-the-offensive/", "chapters/03-the-human-cost/", "ar/chapters/02-the-offensive/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RUNS = int(os.environ.get("RUNS", "3"))
# The metrics behind the performance score: Lighthouse's audit, unit, decimals shown.
METRICS = {"FCP": ("first-contentful-paint", " s", 2), "LCP": ("largest-contentful-paint", " s", 2),
           "TBT": ("total-blocking-time", " ms", 0), "CLS": ("cumulative-layout-shift", "", 3)}
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --disable-sync --no-first-run")


def main() -> int:
    with serve(SITE) as base:
        audit(base)
    return 0


def audit(base: str) -> None:
    print(f"Lighthouse, median of {RUNS} runs (lowest-highest)")
    speeds: list[int] = []
    print(f"{'page':34}{'form':>9}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for path in PAGES:
        for form in ("mobile", "desktop"):
            runs = [lighthouse(base + path, form) for _ in range(RUNS)]
            speeds.extend(run.pop("benchmark") for run in runs)
            timings = [run.pop("metrics") for run in runs]
            cells = []
            for category in CATEGORIES:
                scores = [run[category] for run in runs]
                spread = f"({min(scores)}-{max(scores)}) " if min(scores) != max(scores) else ""
                cells.append(f"{spread}{round(statistics.median(scores)):>3}")
            row = "".join(f"{cell:>16}" for cell in cells)
            print(f"{path or '/':34}{form:>9}{row}", flush=True)
            # What the performance score is made of, to see which metric costs it.
            print(f"{'':43}" + ", ".join(
                f"{name} {statistics.median(t[name] for t in timings):.{digits}f}{unit}"
                for name, (_, unit, digits) in METRICS.items()), flush=True)
    # Lighthouse's own measure of this machine's CPU (higher is faster; its 4x mobile slowdown
    # assumes about 1,000-2,000): scores from a busy or slow machine read low.
    print(f"benchmarkIndex {min(speeds)}-{max(speeds)} (median {round(statistics.median(speeds))})")


def lighthouse(url: str, form: str) -> dict:
    """One Lighthouse run: the four category scores (0-100), the machine's benchmarkIndex and,
    under "metrics", the METRICS values in the units shown."""
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--chrome-flags={FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
        if form == "desktop":
            command.append("--preset=desktop")
        subprocess.run(command, env=env, check=True, capture_output=True)
        result = json.loads(report.read_text())
    scores = {category: round(result["categories"][category]["score"] * 100)
              for category in CATEGORIES}
    metrics = {name: result["audits"][audit]["numericValue"] / (1000 if unit == " s" else 1)
               for name, (audit, unit, _) in METRICS.items()}
    return {**scores, "benchmark": round(result["environment"]["benchmarkIndex"]),
            "metrics": metrics}


if __name__ == "__main__":
    sys.exit(main())
