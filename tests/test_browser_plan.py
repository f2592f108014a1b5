"""The Uitvoeringsplan page in a real browser at 1920x1080, served by a real `streamlit run`.

The database is the sample loaded by the CLI (conftest's sample_db); the update store
(LOO_PLAN_DB) and audit trail are this module's own, in a temporary folder. Demo mode: the demo accounts log in with
password 'demo', and the page seeds the sample history into the empty store.
"""

import time

import pytest

from tests.browser import (ARTIFACTS, idle, needs_chromium, login, open_from_menu, streamlit_server,
                           visible)

SUMMARY = ".st-key-plan_samenvatting"

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    """A dashboard over the sample database with its own, empty update store and audit trail."""
    work = tmp_path_factory.mktemp("plan_browser")
    env = {"LOO_PLAN_DB": str(work / "plan.sqlite"), "LOO_AUDIT_DB": str(work / "audit.sqlite")}
    with streamlit_server(sample_db, work / "streamlit.log", env) as url:
        yield url


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def open_plan(page, url, user):
    """Log in with the demo account and open the plan page from the menu."""
    login(page, url, user)
    open_from_menu(page, "Uitvoeringsplan")
    visible(page, SUMMARY)
    idle(page)


def test_manager_summary_fits_one_full_hd_screen(server, page):
    open_plan(page, server, "manager")
    assert page.locator('[data-testid="stException"]').count() == 0
    box = page.locator(SUMMARY).bounding_box()
    assert page.evaluate("window.scrollY") == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan_manager_1920x1080.png"))
    assert box["y"] + box["height"] <= 1080
    text = page.locator(SUMMARY).inner_text()
    assert "Stand van zaken uitvoeringsplan 2026" in text
    assert "Aandacht nodig" in text and "Veranderd sinds" in text
    assert "Pilot organisatiebrede toepassing Wet Bibob" in text
    assert page.get_by_text("Voortgang bijwerken").count() == 0


def test_regisseur_records_an_update_in_the_browser(server, page):
    open_plan(page, server, "regisseur")
    started = time.monotonic()
    page.locator(".st-key-plan_doel input").click()  # the searchable input opens the list
    page.keyboard.type("UP-2026-3.2")
    page.get_by_role("option", name="UP-2026-3.2").click()
    page.get_by_text("Nu: ").wait_for()  # the goal's current voortgang, preselected below
    idle(page)
    page.locator(".st-key-plan_voortgang input").click()
    page.keyboard.type("Afgerond")
    page.get_by_role("option", name="Afgerond").click()
    page.locator(".st-key-plan_toelichting textarea").fill(
        "Tweede sessie voor leidinggevenden gehouden.")
    page.locator(".st-key-plan_opslaan button").click()
    page.get_by_text("Update opgeslagen voor UP-2026-3.2").wait_for()
    idle(page)
    print(f"update vastgelegd in {time.monotonic() - started:.1f} s (zonder menselijk typen)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan_regisseur_update.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Tweede sessie" not in page.locator(SUMMARY).inner_text()  # text stays in the cards
    assert page.get_by_text("Tweede sessie voor leidinggevenden gehouden.").count() >= 2
