"""The session in a real browser: a bookmark on a fresh server, and logout, at 1920x1080.

A real `streamlit run app.py` serves a sample database built by the CLI; Playwright drives
Debian's Chromium. Every demo account's pages and refusals are checked on the tour of
tests/test_accessibility.py.
"""

import pytest

from tests import browser

pytestmark = [pytest.mark.browser, browser.needs_chromium]


@pytest.fixture
def new_page(chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def test_a_bookmark_opened_first_on_a_fresh_server_survives_the_login(url, new_page):
    # First test of the module on purpose: the server has served nothing yet, so Streamlit
    # runs the page without app.py (its pages/-directory mode); the page sends the visitor to
    # the login and app.py opens the bookmarked page with its parameters afterwards.
    page = new_page
    page.goto(f"{url}/trends?jaar=2024")
    browser.login_form(page)
    browser.submit_login(page, "manager", "demo", expect="Trends per thema")
    assert page.url.endswith("/trends?jaar=2024")
    assert page.locator('[data-testid="stExpander"]').first.inner_text().strip().endswith(
        "naar thema, 2024")


def test_logout_ends_the_session_also_after_a_reload(url, new_page):
    page = new_page
    browser.login(page, url, "loo")
    browser.logout(page)
    browser.cookie_gone(page)  # the authenticator deletes it from the browser, asynchronously
    page.goto(f"{url}/trends")
    browser.login_form(page)
    assert page.locator("h1").count() == 0
