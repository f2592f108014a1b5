"""The District page in a real browser at 1920x1080 (issue 16): a Zoetermeer LOO member sees
every gemeente side by side, no Wassenaar record, other gemeenten's small counts shielded; the
screenshot goes to tests/artifacts/ (`make screenshot` copies it to docs/screenshots/)."""

import re

import duckdb
import pytest
from playwright.sync_api import expect

from tests import browser
from tests.browser import ARTIFACTS, idle, login_form, streamlit_server, submit_login
from tests.conftest import ROOT, command
from tests.test_accessibility import axe, blocking

pytestmark = [pytest.mark.browser, browser.needs_chromium]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("district_browser")
    db = work / "loo.duckdb"
    command("data_pipeline", "load", ROOT / "sample_data", ROOT / "sample_data" / "district",
            "--db", db, check=True)
    env = {"LOO_PLAN_DB": str(work / "plan.sqlite"), "LOO_AUDIT_DB": str(work / "audit.sqlite")}
    with streamlit_server(db, work / "streamlit.log", env) as url:
        yield url, db


def test_the_district_page_at_1920x1080(server, chromium):
    url, db = server
    context = chromium.new_context(viewport={"width": 1920, "height": 1080},
                                   device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(url)
        login_form(page)
        submit_login(page, "loo_zoetermeer", "demo")
        page.goto(f"{url}/district")
        browser.heading(page, "District")
        idle(page)
        # React may draw the last tables a moment after the script state says notRunning
        expect(page.get_by_text("Andere gemeenten:").first).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "district_1920x1080.png"))
        tekst = page.inner_text("body")
        # the tables draw on a canvas; their headings and captions are text
        for kop in ("Kerncijfers 2026", "Signalen en meldingen per 10.000 inwoners, per thema",
                    "Meldingsbereidheid 2026", "Referentiewaarde:", "Andere gemeenten:"):
            assert kop in tekst, kop
        with duckdb.connect(str(db), read_only=True) as con:
            wassenaar = {r[0] for r in con.execute(
                "select signaal_id from signalen where gemeente = 'Wassenaar'").fetchall()}
        assert not set(re.findall(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b", tekst)) & wassenaar
        assert "gemeente Zoetermeer" in tekst  # the sidebar names the session's gemeente
        assert not blocking(axe(page), "district")
    finally:
        context.close()
