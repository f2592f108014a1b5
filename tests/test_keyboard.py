"""Keyboard only, no mouse: log in, switch pages, change the period, and see where focus is.

A real `streamlit run app.py` over the sample database; Playwright drives Chromium with key
presses only (Tab, typing, Enter, arrow keys). Each step is checked by what it should change:
the heading, the path and the query parameters in the address bar. Focus must be visible: the
focused link or button matches :focus-visible and has a solid outline of at least 2px.
"""

from urllib.parse import parse_qs, urlparse

import pytest

from tests import browser

pytestmark = [
    pytest.mark.browser,
    browser.needs_chromium,
]

TABS = 80  # more Tab presses than any page has focusable elements before the target

# What has focus: its role, name and how the focus is drawn.
FOCUS = """() => {
  const e = document.activeElement;
  const cs = getComputedStyle(e);
  return {tag: e.tagName, type: e.type || '',
          name: e.getAttribute('aria-label') || e.innerText || '',
          sidebar: !!e.closest('[data-testid="stSidebar"]'),
          visible: e.matches(':focus-visible'), outline: cs.outlineStyle,
          width: parseFloat(cs.outlineWidth)};
}"""


@pytest.fixture(scope="module")
def page(login_page):
    """One browser tab for the whole walk; the tests below run in order on it."""
    return login_page


def focus(page):
    return page.evaluate(FOCUS)


def tab_to(page, wanted, backwards=False):
    """Press Tab (or Shift+Tab) until wanted(focus) holds; fail after TABS presses."""
    seen = []
    for _ in range(TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        f = focus(page)
        if wanted(f):
            return f
        seen.append(f"{f['tag']}:{f['name'][:30]!r}")
    raise AssertionError(f"focus never reached the target; visited {seen}")


def query(page):
    return parse_qs(urlparse(page.url).query)


def named(text, sidebar=None):
    """A focus predicate: the element's name (aria-label or text) ends with text."""
    def wanted(f):
        return f["name"].strip().endswith(text) and (sidebar is None or f["sidebar"] == sidebar)
    return wanted


def test_login_with_the_keyboard(page):
    tab_to(page, named("Gebruikersnaam"))
    page.keyboard.type("loo")
    assert focus(page)["name"] == "Gebruikersnaam"
    page.keyboard.press("Tab")
    assert focus(page)["name"] == "Wachtwoord"
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    browser.heading(page, "Overzicht")
    assert page.get_by_label("Gebruikersnaam").count() == 0


def test_a_focused_text_field_has_a_visible_outline_on_its_frame(url, page):
    context = page.context.browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        tab = context.new_page()  # a second visitor on the login page
        tab.goto(url)
        browser.login_form(tab)
        tab_to(tab, named("Gebruikersnaam"))
        frame = tab.evaluate("""() => {
          const f = document.activeElement.closest('[data-testid$="RootElement"]');
          const cs = getComputedStyle(f);
          return {outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth)};
        }""")
    finally:
        context.close()
    assert frame["outline"] == "solid" and frame["width"] >= 2, frame


def test_switch_page_through_the_sidebar_with_tab_and_enter(page):
    link = tab_to(page, named("Trends per thema", sidebar=True))
    assert link["tag"] == "A"
    page.keyboard.press("Enter")
    browser.heading(page, "Trends per thema")
    assert urlparse(page.url).path.endswith("/trends")


def test_a_focused_sidebar_link_has_a_visible_outline(page):
    link = tab_to(page, named("Jaarvergelijking", sidebar=True))
    assert link["visible"] and link["outline"] not in ("none", "") and link["width"] >= 2, link
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(browser.ARTIFACTS / "focus_zijbalk.png"))


def test_a_focused_button_has_a_visible_outline(page):
    button = tab_to(page, named("Uitloggen", sidebar=True))
    assert button["tag"] == "BUTTON"
    assert button["visible"] and button["outline"] not in ("none", "") and \
        button["width"] >= 2, button


def test_change_the_year_in_the_sidebar_with_the_keyboard(page):
    assert query(page).get("jaar") == ["2026"]
    tab_to(page, named("Jaar", sidebar=True), backwards=True)
    page.keyboard.type("2025")
    page.keyboard.press("Enter")
    browser.idle(page)
    page.wait_for_url(lambda u: parse_qs(urlparse(u).query).get("jaar") == ["2025"],
                      timeout=30_000)
    browser.heading(page, "Trends per thema")
    assert urlparse(page.url).path.endswith("/trends")


def test_switch_to_a_date_range_with_the_arrow_keys(page):
    radio = tab_to(page, lambda f: f["type"] == "radio" and f["sidebar"], backwards=True)
    assert radio["visible"] and radio["outline"] not in ("none", ""), radio
    page.keyboard.press("ArrowRight")
    page.wait_for_url(lambda u: {"van", "tot"} <= set(parse_qs(urlparse(u).query)),
                      timeout=30_000)
    page.get_by_role("group", name="Van", exact=True).wait_for(timeout=30_000)
    browser.idle(page)
    q = query(page)
    assert q["van"] == ["2025-01-01"] and "jaar" not in q


def test_type_a_start_date_with_the_keyboard(page):
    tab_to(page, named("dag, Van", sidebar=True))
    page.keyboard.type("15032025")  # day, month and year segments, each moves on by itself
    page.keyboard.press("Escape")  # closes the calendar that opened while typing: commits
    page.wait_for_url(lambda u: parse_qs(urlparse(u).query).get("van") == ["2025-03-15"],
                      timeout=30_000)
    browser.heading(page, "Trends per thema")
    assert query(page)["tot"] == ["2025-12-31"]
