"""In-page jumps: a table-of-contents entry, a citation number and a "↩" back-link each land
with their target in full view, below the header and clear of the "Back to top" pill (which
Material shows after an upward scroll, and an upward jump is one)."""

import pytest

CHAPTER = "chapters/02-the-offensive/"
SIZES = {
    "phone": dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True),
    "laptop": dict(viewport={"width": 1366, "height": 768}),
}

# The scroll position, sampled each frame until it has not moved for 800 ms: longer than
# Material's 250 ms pause before it watches the scroll direction again after a jump, and its
# pill's fade-in.
SETTLE = """() => new Promise(done => {
  let last = scrollY, since = performance.now();
  const started = since;
  (function frame(now) {
    if (scrollY !== last) { last = scrollY; since = now; }
    if (now - since > 800 || now - started > 8000) done(scrollY);
    else requestAnimationFrame(frame);
  })(performance.now());
})"""

# The target's box, and those of the fixed and sticky elements a reader sees (the header, the
# "Back to top" pill, anything else pinned to the screen), in viewport coordinates.
LAYOUT = """(id) => {
  const box = el => { const r = el.getBoundingClientRect();
                      return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const target = document.getElementById(id);
  const pinned = [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    if (style.position !== 'fixed' && style.position !== 'sticky') return false;
    if (el.contains(target) || el.hidden) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 &&
      el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  }).map(el => ({name: el.tagName.toLowerCase() + (el.className ? '.' +
                  String(el.className).trim().split(/\\s+/).join('.') : ''), ...box(el)}));
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return {target: box(target), pinned, header: header.bottom,
          width: innerWidth, height: innerHeight};
}"""


def overlaps(a: dict, b: dict) -> bool:
    return (a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"])


def landing_problems(page, target_id: str) -> list[str]:
    """What is wrong with where the jump to #target_id landed, once scrolling has settled."""
    page.evaluate(SETTLE)
    seen = page.evaluate(LAYOUT, target_id)
    box, problems = seen["target"], []
    if not (box["top"] >= 0 and box["left"] >= 0 and box["bottom"] <= seen["height"]
            and box["right"] <= seen["width"]):
        problems.append(f"#{target_id} is not wholly in the viewport: {box}")
    if box["top"] < seen["header"]:
        problems.append(f"#{target_id} starts at {box['top']:.0f}px, above the header's "
                        f"bottom edge at {seen['header']:.0f}px")
    for other in seen["pinned"]:
        if overlaps(box, other):
            problems.append(f"#{target_id} {box} lies under {other['name']} {other}")
    return problems


def follow(page, link, phone: bool) -> None:
    """Tap (phone) or click (laptop) a link as the reader would."""
    link.scroll_into_view_if_needed()
    page.evaluate(SETTLE)
    if phone:
        link.tap()
    else:
        link.click()


def open_toc(page, phone: bool):
    """The table of contents: the right-hand column on a laptop; on a phone, inside the
    navigation drawer, under "Table of contents"."""
    if phone:
        page.locator("label.md-header__button[for='__drawer']").tap()
        if not page.locator("#__toc").is_checked():       # still open from the last time
            page.locator("nav.md-nav--primary label.md-nav__link[for='__toc']:visible").tap()
        page.wait_for_timeout(400)            # the drawer slides in
    return page.locator("nav.md-nav--secondary")


def contents_up(page, phone):
    """Halfway through the chapter, back to an earlier section from the table of contents."""
    page.evaluate("scrollTo(0, document.body.scrollHeight * 0.6)")
    follow(page, open_toc(page, phone).locator("a[href='#road-to-aleppo']:visible").first, phone)
    yield "road-to-aleppo"
    follow(page, open_toc(page, phone).locator("a[href='#how-do-we-know']:visible").first, phone)
    yield "how-do-we-know"


def citation_and_back(page, phone):
    """A citation number down to its source, and the source's "↩" back up to it."""
    follow(page, page.locator("a.cite#cite-3-1"), phone)
    yield "ref-3"
    follow(page, page.locator("#ref-3 a.cite-back[href='#cite-3-1']"), phone)
    yield "cite-3-1"


def back_from_sources(page, phone):
    """A reader who scrolled down to the sources goes back to where one is cited."""
    page.locator("#ref-3").scroll_into_view_if_needed()
    follow(page, page.locator("#ref-3 a.cite-back[href='#cite-3-1']"), phone)
    yield "cite-3-1"


# Each starts on the chapter opened afresh, without a fragment: Material leaves the pill alone
# on the first change of fragment after a page opens, so a first jump upward shows it.
JOURNEYS = {"contents": contents_up, "citation": citation_and_back,
            "back-link": back_from_sources}


@pytest.mark.parametrize("journey", JOURNEYS)
@pytest.mark.parametrize("size", SIZES)
def test_jumps_land_with_the_target_in_view(server, browser, size, journey):
    phone = size == "phone"
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    problems: dict[str, list[str]] = {}
    try:
        page.goto(server + CHAPTER, wait_until="networkidle")
        for target in JOURNEYS[journey](page, phone):
            problems[target] = landing_problems(page, target)
    finally:
        context.close()
    failed = {target: found for target, found in problems.items() if found}
    assert not failed, f"{size}, {journey}: " + "; ".join(
        f"#{target}: {' / '.join(found)}" for target, found in failed.items())
