"""The Rapportage page with AppTest: regisseur and manager build and download, loo is refused.

Login: roles are set in st.session_state['roles'] as app.py leaves them after login. The
database is sample_data/ loaded by the real loader (conftest's session fixture sample_db).
"""

import io
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from core import audit
from tests.conftest import page_file

PAGE = page_file("rapportage")


@pytest.fixture
def omgeving(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    return tmp_path / "audit.sqlite"


def run(rol, username=None):
    at = AppTest.from_file(PAGE, default_timeout=180)
    at.session_state["roles"] = [rol]
    if username:
        at.session_state["username"] = username
    return at.run()


@pytest.mark.parametrize("rol", ["regisseur", "manager"])
def test_role_builds_the_report_and_gets_three_downloads(omgeving, rol):
    at = run(rol, username=rol)
    assert not at.exception and not at.error
    assert at.selectbox(key="rapport_jaar").options == ["2026", "2025", "2024"]
    at.selectbox(key="rapport_jaar").set_value(2025)
    at.button(key="rapport_maken").click().run()
    assert not at.exception and not at.error
    knoppen = at.get("download_button")
    assert [k.proto.label for k in knoppen] == [
        "Word-document (.docx)", "Excel-werkmap (.xlsx)", "Grafieken (vijf afbeeldingen, zip)"]
    assert [Path(k.proto.url).suffix for k in knoppen] == [".docx", ".xlsx", ".zip"]


def test_the_offered_document_carries_the_figures(omgeving):
    at = run("manager")
    at.selectbox(key="rapport_jaar").set_value(2025)
    at.button(key="rapport_maken").click().run()
    bestanden = at.session_state["rapport_bestanden"]
    tekst = "\n".join(p.text for p in docx.Document(io.BytesIO(bestanden["docx"])).paragraphs)
    assert "In 2025 zijn er in totaal 42 signalen en meldingen ontvangen" in tekst
    voorproef = [m.value for m in at.markdown]
    assert any(v.startswith("In 2025 zijn er in totaal 18 meldingen") for v in voorproef)


def test_building_is_recorded_in_the_audit_trail(omgeving):
    at = run("regisseur", username="regisseur")
    at.selectbox(key="rapport_jaar").set_value(2025)
    at.button(key="rapport_maken").click().run()
    log = audit.entries(path=omgeving)
    assert log.filter(log["action"] == "export")["object"].to_list() == ["rapportage"]


def test_switching_year_withdraws_the_downloads_of_the_other_year(omgeving):
    at = run("regisseur")
    at.selectbox(key="rapport_jaar").set_value(2025)
    at.button(key="rapport_maken").click().run()
    at.selectbox(key="rapport_jaar").set_value(2024).run()
    assert not at.get("download_button")
    assert any("Het gemaakte rapport is van 2025" in i.value for i in at.info)


def test_loo_role_is_refused(omgeving):
    at = run("loo")
    assert not at.exception
    assert any(e.value.startswith("Geen toegang") for e in at.error)
    assert not at.button and not at.get("download_button")
