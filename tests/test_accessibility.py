"""axe-core on every page of the served site, in both colour schemes: no serious or critical
violation."""

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = {"serious", "critical"}


def pages(site) -> list[str]:
    return sorted(path.relative_to(site.site).as_posix().removesuffix("index.html")
                  for path in site.site.rglob("*.html") if path.name != "404.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(site, server, browser, scheme):
    assert AXE.exists(), "run `make test` (npm ci) to install axe-core"
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    try:
        for url in pages(site):
            page.goto(server + url, wait_until="load")
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
            found += [f"{url or '/'} [{scheme}] {v['id']} ({v['impact']}): {v['nodes'][:3]}"
                      for v in violations if v["impact"] in IMPACTS]
    finally:
        context.close()
    assert not found, "\n".join(found)
