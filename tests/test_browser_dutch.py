"""No English in the interface: the login, the uploader, the date fields and Streamlit's "page
not found" dialog, in a real browser. Every page of every role is scanned with `english` on the
tour of tests/test_accessibility.py, which visits them all once.

Streamlit writes some text of its own (the uploader's "Drag and drop", "Browse files", "Limit
50MB per file", the date popup's month and day names, the app menu, "Running..."). The scan
reads what a sighted user sees and what a screen reader reads: the text of every element that
is not aria-hidden (Material icon names are aria-hidden ligatures) and the aria-label, title,
placeholder, aria-valuetext and alt of every element.
"""

import re

import pytest

from tests import browser

pytestmark = [pytest.mark.browser, browser.needs_chromium]

# English that Streamlit's own controls use; written out here, not read from the product.
MONTHS = ("January February March April May June July August September October November "
          "December").split()
ENGLISH = [
    "Drag and drop", "Browse files", "Limit", "per file", "Page not found", "Upload",
    "Running", "Deploy", "Rerun", "Settings", "Print", "Record a screencast", "Clear cache",
    "About", "Report a bug", "Get help", "Developer options", "Made with Streamlit",
    "Choose date", "Previous month", "Next month", "Mo Tu We", "Su Mo Tu", "Sunday", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Show password", "Dismiss",
    "Close", "Fullscreen", "Search", "Download as", "Show data", "Stop", "Main menu",
    "Use arrow keys", "does not seem to exist", "files are not allowed", "or smaller",
    *MONTHS,
]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")

# Everything a user sees or hears: text outside aria-hidden subtrees, and the naming attributes.
READ = """() => {
  const texts = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!e || e.closest('[aria-hidden="true"], script, style, noscript')) continue;
    if (n.nodeValue.trim()) texts.push(e.textContent.trim());
  }
  for (const a of ["aria-label", "title", "placeholder", "aria-valuetext", "alt",
                   "aria-roledescription"])
    document.querySelectorAll(`body [${a}]`).forEach(e => {
      if (!e.closest('[aria-hidden="true"]')) texts.push(e.getAttribute(a));
    });
  return texts;
}"""


def english(page):
    """The English words found on the page, with the text they were found in."""
    return sorted({f"{m.group(1)!r} in {t[:120]!r}" for t in page.evaluate(READ)
                   for m in [PATTERN.search(t)] if m})


@pytest.fixture
def context(chromium):
    made = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    yield made
    made.close()


def test_the_scan_finds_english_when_it_is_there(url, context):
    # the check itself: English put on the page is found (also in an aria-label)
    page = context.new_page()
    page.goto(url)
    browser.login_form(page)
    page.evaluate("""() => { const p = document.createElement('p');
        p.textContent = 'Drag and drop file here'; document.body.append(p);
        const b = document.createElement('button'); b.setAttribute('aria-label', 'Report a bug');
        document.body.append(b); }""")
    found = english(page)
    assert len(found) == 2
    assert "Drag and drop" in "".join(found) and "Report a bug" in "".join(found)


def test_the_login_page_and_an_unknown_path_speak_dutch(url, context):
    page = context.new_page()
    page.goto(url)
    browser.login_form(page)
    assert english(page) == []
    page.goto(f"{url}/bestaat-niet?jaar=2025")
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Pagina niet gevonden").wait_for(timeout=30_000)
    browser.idle(page)
    assert english(page) == []


def test_the_uploader_speaks_dutch_also_with_a_refused_file(url, context, tmp_path):
    page = context.new_page()
    browser.login(page, url, "regisseur")
    browser.open_from_menu(page, "Data & kwaliteit")
    uploader = page.locator('[data-testid="stFileUploader"]')
    uploader.get_by_text("per bestand").wait_for(timeout=30_000)
    assert english(page) == []
    wrong = tmp_path / "notities.txt"
    wrong.write_text("geen export\n", encoding="utf-8")
    uploader.locator('input[type="file"]').set_input_files(wrong)
    uploader.get_by_text("niet toegestaan").wait_for(timeout=30_000)
    assert english(page) == []


def test_the_date_fields_are_dutch_and_open_no_english_calendar(url, context):
    page = context.new_page()
    browser.login(page, url, "regisseur")
    page.locator('[data-testid="stSidebar"]').get_by_text("Van–tot").click()
    browser.idle(page)
    fields = page.locator('[data-testid="stDateInput"]')
    fields.nth(1).wait_for(timeout=30_000)
    assert fields.count() == 2
    # the popup button is not offered, and its keyboard shortcut opens nothing
    assert not page.locator('[data-testid="stDateInputCalendarButton"]').first.is_visible()
    day = fields.first.locator('[role="spinbutton"]').first
    assert day.get_attribute("aria-label") == "dag, Van"
    day.focus()
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("ArrowUp")  # typing still works: 1 January becomes 2 January
    browser.idle(page)
    calendar = page.locator('[data-testid="stDateInputCalendar"]')
    assert calendar.count() == 0 or not calendar.first.is_visible()
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "dag, Van"
    assert day.get_attribute("aria-valuenow") == "2"
    assert fields.first.locator('[role="spinbutton"]').nth(1).get_attribute(
        "aria-valuetext") == "01 – januari"
    assert english(page) == []


def test_the_app_menu_with_english_items_is_not_there(url, context):
    page = context.new_page()
    browser.login(page, url, "regisseur")
    assert page.locator('[data-testid="stMainMenu"]').count() == 0
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0


def test_a_click_on_the_day_of_a_date_field_leaves_the_day_to_type(url, context):
    page = context.new_page()
    browser.login(page, url, "regisseur")
    page.locator('[data-testid="stSidebar"]').get_by_text("Van–tot").click()
    browser.idle(page)
    day = page.locator('[data-testid="stDateInput"]').nth(1).locator('[role="spinbutton"]').first
    day.click()
    page.keyboard.press("ArrowDown")  # 31 December becomes 30 December
    browser.idle(page)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == \
        "dag, Tot en met"
    assert day.get_attribute("aria-valuenow") == "30"
