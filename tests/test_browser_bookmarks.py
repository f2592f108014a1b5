"""Bookmarks survive the login: 20 logins from a bookmarked URL, at a person's pace and at a
password manager's, each land on the bookmarked page with the same URL parameters, shown.

One real `streamlit run app.py` over the sample data (demo accounts); every login is a fresh
browser context, so a new session that starts logged out on the bookmark. The meeting dates are
meetings of the sample data (datum_besproken_loo), written out here.
"""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import expect

from tests import browser, expected

pytestmark = [pytest.mark.browser, browser.needs_chromium]

# (role, page, parameters, what the page shows for them: (label of a select box, its value))
BOOKMARKS = [
    ("manager", "overzicht", {"jaar": "2025"}, ("Jaar", "2025")),
    ("regisseur", "jaarvergelijking", {"jaar": "2025"}, ("Tot en met jaar (B)", "2025")),
    ("loo", "trends", {"jaar": "2024"}, ("Jaar", None)),
    ("regisseur", "handhaving", {"van": "2025-03-01", "tot": "2025-06-30"}, None),
    ("manager", "dol", {"van": "2024-01-01", "tot": "2024-12-31"}, None),
    ("loo", "loo", {"vergadering": "2026-10-13", "scherm": "1", "jaar": "2026"},
     ("Datum van het overleg", "13 oktober 2026")),
    ("regisseur", "loo", {"vergadering": "2025-04-08", "scherm": "1",
                          "sectie": "Nog te bespreken"},
     ("Datum van het overleg", "8 april 2025")),
    ("loo", "loo", {"jaar": "2024", "vergadering": "2026-09-08"},
     ("Datum van het overleg", "8 september 2026")),
    ("manager", "uitvoeringsplan", {"jaar": "2026"}, None),
    ("regisseur", "rapportage", {"jaar": "2025"}, None),
]
PACES = ("mens", "autofill")


def bookmark_url(base, page_id, params):
    return f"{base}/{page_id}?{urlencode(params)}"


def log_in(page, user, pace):
    """A person: waits until the page is quiet, types, clicks. A password manager: fills both
    fields and submits the moment the form exists, while the page may still be running."""
    if pace == "mens":
        browser.login_form(page)
        page.locator(browser.USER_FIELD).press_sequentially(user, delay=60)
        page.locator(browser.PASSWORD_FIELD).press_sequentially("demo", delay=60)
        page.wait_for_timeout(300)  # a person looks before clicking
    else:
        page.locator(browser.USER_FIELD).wait_for(state="attached", timeout=60_000)
        page.locator(browser.USER_FIELD).fill(user)
        page.locator(browser.PASSWORD_FIELD).fill("demo")
    page.locator(browser.LOGIN_BUTTON).click()


def select_value(page, label):
    """The value a select box shows, found by its label (the text of its combobox field)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label)).first
    return box.locator("input").first.input_value()


@pytest.mark.parametrize("pace", PACES)
@pytest.mark.parametrize("user, page_id, params, toont", BOOKMARKS,
                         ids=[f"{b[1]}-{'-'.join(b[2])}" for b in BOOKMARKS])
def test_a_bookmark_keeps_its_page_and_parameters_through_the_login(
        url, chromium, pace, user, page_id, params, toont):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(bookmark_url(url, page_id, params))
        log_in(page, user, pace)
        browser.heading(page, expected.title(page_id))
        page.wait_for_load_state("networkidle")
        browser.idle(page)
        adres = urlparse(page.url)
        assert adres.path == f"/{page_id}"
        kept = {k: v[0] for k, v in parse_qs(adres.query).items() if k in params}
        assert kept == params, page.url
        if toont:
            label, waarde = toont
            assert select_value(page, label) == (waarde or params["jaar"])
        if params.get("scherm") == "1":  # presentation mode: no sidebar
            # React may draw the page's style a moment after the script state says notRunning
            expect(page.locator('[data-testid="stSidebar"]').first).to_be_hidden()
        if "sectie" in params:
            checked = page.locator(
                '[data-testid="stMain"] [data-testid="stRadio"] input:checked').first
            assert checked.evaluate("e => e.closest('label').innerText.trim()") == params["sectie"]
    finally:
        context.close()
