"""The W3C Nu HTML checker on every page of the built site: no error outside a short allowlist."""

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Each entry: a pattern matching the checker's message, and why it is accepted.
ALLOWED = {
    r"^Attribute “autocomplete” is only allowed when the input type is":
        "Material's base.html puts autocomplete=off on its two hidden checkbox toggles (#__drawer, "
        "#__search) so that browsers do not restore their state; fixing it means copying the "
        "theme's whole base template.",
    r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden":
        "On section index pages (navigation.indexes: teachers/, teachers/handouts/) Material's "
        "nav partial labels the table-of-contents toggle #__toc, which those pages do not "
        "render; only the label is left over.",
}


def errors(folder) -> list[str]:
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             "--errors-only", str(folder)], capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    return [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m.get("type") == "error"
            and not any(re.search(pattern, m["message"]) for pattern in ALLOWED)]


def test_every_page_is_valid_html(site):
    assert shutil.which("java") and VNU.exists(), "run `make test` to install java and vnu-jar"
    found = errors(site.site)
    assert not found, "\n".join(found[:30])


@pytest.mark.tools
def test_the_checker_reports_an_error(tmp_path):
    assert shutil.which("java") and VNU.exists(), "run `make test` to install java and vnu-jar"
    (tmp_path / "bad.html").write_text('<!DOCTYPE html><html lang="en"><head><title>x</title>'
                                       '</head><body><p id="a" id="a">x</body></html>')
    assert any("Duplicate attribute" in line for line in errors(tmp_path))
