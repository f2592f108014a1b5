"""The dashboard in a real browser: every demo account, every page, at 1920x1080.

A real `streamlit run app.py` serves a sample database built by the CLI; Playwright drives
Debian's Chromium. Screenshots go to tests/artifacts/ (gitignored); `make screenshot` copies
the regisseur's Overzicht to docs/screenshots/overzicht.png for the README.
"""

import pytest

from tests import browser, expected

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser.CHROMIUM.exists(),
                       reason="Chromium niet gevonden op /usr/bin/chromium"),
]

PAGE_IDS = list(expected.PAGES)
EXCEPTION = '[data-testid="stException"]'


@pytest.fixture
def new_page(chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name):
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = browser.ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


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


@pytest.mark.parametrize("user", expected.ROLES)
def test_each_account_sees_its_pages_and_is_refused_the_others(url, new_page, user):
    page = new_page
    allowed = expected.pages_of(user)  # the design's table, not the product's
    # each role lands on the first page it may open (the district coordinator on District)
    page.goto(url)
    browser.login_form(page)
    browser.submit_login(page, user, "demo", expect=expected.title(expected.landing(user)))
    browser.cookie_set(page)
    menu = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    # Streamlit draws no menu for a single page (the district coordinator's District)
    assert [m.strip().split("\n")[-1] for m in menu] == (
        [expected.title(p) for p in allowed] if len(allowed) > 1 else [])
    for page_id in allowed:
        title = expected.title(page_id)
        if len(allowed) > 1:
            browser.open_from_menu(page, title)
        else:  # the one page is open already, without a menu
            browser.heading(page, title)
        browser.charts_drawn(page)
        assert page.locator(EXCEPTION).count() == 0, page_id
        shot(page, f"{user}_{page_id}")
    for page_id in [p for p in PAGE_IDS if p not in allowed]:
        # a new browser session on the forbidden URL: the login cookie, then the refusal
        page.goto(f"{url}/{page_id}")
        try:
            page.get_by_text("Geen toegang:").wait_for(timeout=60_000)
        except Exception:
            shot(page, f"{user}_{page_id}_mislukt")
            raise
        browser.idle(page)
        assert page.locator("h1").count() == 0 and page.locator(EXCEPTION).count() == 0
        shot(page, f"{user}_{page_id}_geweigerd")


def test_logout_ends_the_session_also_after_a_reload(url, new_page):
    page = new_page
    browser.login(page, url, "loo")
    browser.logout(page)
    browser.cookie_gone(page)  # the authenticator deletes it from the browser, asynchronously
    page.goto(f"{url}/trends")
    browser.login_form(page)
    assert page.locator("h1").count() == 0
