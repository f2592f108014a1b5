"""When nobody can log in (demo accounts off), the page says why and lists no files."""

import pytest

from tests import browser
from tests.conftest import command

pytestmark = [pytest.mark.browser, browser.needs_chromium]
OWN_EXPORT = "signaal_id;datum_ontvangst;bron;thema;status\nSIG-1;03-02-2025;politie;drugs;nieuw\n"


def test_demo_mode_over_real_data_explains_and_shows_no_file_list(chromium, tmp_path):
    export = tmp_path / "signalen_eigen.csv"
    export.write_text(OWN_EXPORT, encoding="utf-8")
    db = tmp_path / "loo.duckdb"
    command("data_pipeline", "load", export, "--db", db, check=True)
    with browser.streamlit_server(db, tmp_path / "streamlit.log") as url:
        page = chromium.new_page(viewport={"width": 1920, "height": 1080})
        try:
            page.goto(url)
            page.get_by_text("Demo-accounts zijn uitgeschakeld").wait_for(timeout=60_000)
            browser.idle(page)
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0
            assert not page.get_by_role("link", name="audit").count()
            assert not page.get_by_text("uitvoeringsplan", exact=True).count()
        finally:
            page.close()
