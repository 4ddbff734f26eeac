"""WCAG 2.1 AA in real Chromium: axe-core finds nothing serious on the main pages; the keyboard works.

axe-core is vendored for the tests only (tests/vendor/, its licence beside it), never served by the site.
"""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from tests.core.browser import NEEDS_CHROMIUM, signed_in_page

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core-4.14.1.min.js"
RUN_AXE = """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     targets: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary)})))"""

pytestmark = NEEDS_CHROMIUM


def _serious(page, site, path):
    response = page.goto(site + path)
    assert response.status == 200, path
    violations = page.evaluate(RUN_AXE)
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


def test_main_pages_have_no_serious_accessibility_violation(browser, site, main_pages):
    pages = {}
    found = {}
    for name, user, path in main_pages:
        if user not in pages:
            pages[user] = signed_in_page(browser, site, user)
            # Into every page before its own scripts: the site's CSP forbids an added <script> tag.
            pages[user].add_init_script(path=str(AXE))
        found[name] = _serious(pages[user], site, path)
    failing = {name: violations for name, violations in found.items() if violations}
    for name, violations in failing.items():  # shown when the test fails
        for v in violations:
            print(f"{name}: {v['id']} ({v['impact']}) {v['help']}", *v["targets"], sep="\n    ")
    assert failing == {}
    # axe is really looking: an image without a text alternative on the last page is critical.
    page = pages[user]
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=/favicon.ico>')")
    assert [v["id"] for v in page.evaluate(RUN_AXE) if v["impact"] == "critical"] == ["image-alt"]


FOCUS_STYLE = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  return {text: el.textContent.trim(), href: el.getAttribute('href'), visible: el.getBoundingClientRect().width > 1,
          outline: s.outlineStyle + ' ' + s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow};
}"""


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_first_tab_reaches_the_skip_link_with_a_visible_focus(browser, site, officer):
    page = signed_in_page(browser, site, officer)
    page.goto(site + reverse("programmes:inbox"))
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_STYLE)
    assert (focus["text"], focus["href"], focus["visible"]) == ("Bỏ qua, đến nội dung chính", "#main", True)
    assert focus["outline"] != "none 0px" or focus["boxShadow"] != "none"
    # WCAG 2.1 1.4.11: the focus ring against the white page around it, at least 3:1.
    assert _contrast(_rgb(focus["outlineColor"]), (255, 255, 255)) >= 3
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_keyboard_alone_reaches_the_page_links_with_visible_focus(browser, site, officer_assignment, officer):
    page = signed_in_page(browser, site, officer)
    page.goto(site + reverse("programmes:inbox"))
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        seen.append(focus)
        if focus["href"] == reverse("programmes:assignment", args=[officer_assignment.pk]):
            break
    assert seen[-1]["href"] == reverse("programmes:assignment", args=[officer_assignment.pk])
    assert [f["text"] for f in seen if f["outline"] == "none 0px" and f["boxShadow"] == "none"] == []
