"""The LOO-overleg page with AppTest: roles, the meeting view from the URL, presentation mode.

Login: the frame keeps the roles only in st.session_state['roles'] (set by app.py after the
streamlit-authenticator login); these tests run the page script alone and set that key, as a
logged-in session would have it. The database is the hand-counted one of test_queries_loo.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_queries_loo import HANDHAVING, MELDINGEN, SIGNALEN

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "loo.py")
SECTIES = ["Binnengekomen sinds het vorige overleg", "Openstaande signalen", "Nog te bespreken",
           "Vervolg besloten sinds het vorige overleg", "Van signaal tot afsluiting"]


@pytest.fixture
def db(make_db, monkeypatch):
    path = make_db({"signalen": SIGNALEN, "m_meldingen": MELDINGEN, "handhaving": HANDHAVING})
    monkeypatch.setenv("LOO_DB", str(path))
    return path


def run(rol, **query):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["roles"] = [rol]
    at.session_state["periode_jaar"] = 2025
    at.query_params.update(query)
    return at.run()


def subheaders(at):
    return [h.value for h in at.subheader]


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("rol", ["regisseur", "loo"])
def test_allowed_roles_see_every_section(db, rol):
    at = run(rol, vergadering="2025-04-02")
    assert not at.exception
    assert [h.value for h in at.title] == ["LOO-overleg"]
    assert [any(h.startswith(s) for h in subheaders(at)) for s in SECTIES] == [True] * 5


def test_manager_is_refused(db):
    at = run("manager")
    assert not at.exception
    assert "Geen toegang" in at.error[0].value
    assert subheaders(at) == [] and at.dataframe.len == 0


def test_meeting_date_from_url_sets_previous_meeting_and_incoming(db):
    # Hand count (test_queries_loo): previous meeting 5 March; 3 signals + 2 unlinked M = 5.
    at = run("loo", vergadering="2025-04-02")
    assert at.date_input(key="vergadering").value.isoformat() == "2025-04-02"
    assert any("Vorig overleg: 5 maart 2025" in c.value for c in at.caption)
    assert metric(at, "Signalen en meldingen") == "5"
    assert metric(at, "Openstaande signalen") == "5"
    assert metric(at, "Signalen die nog niet in het LOO zijn besproken") == "3"


def test_incoming_list_shows_only_pseudonymised_columns(db):
    at = run("loo", vergadering="2025-04-02")
    lijst = at.dataframe[0].value
    assert list(lijst.columns) == ["Signaal", "Ontvangen", "Bron", "Thema", "Wijk", "Status"]
    assert list(lijst["Signaal"]) == ["S4", "S5", "S9"]
    assert "P-S4" not in lijst.to_string()  # subject pseudonyms are not shown


def test_funnel_shows_counts_and_median_lead_time(db):
    # 2025: 9 received, 6 besproken with median 16,5 days after ontvangst.
    at = run("loo", vergadering="2025-04-02")
    besproken = next(m for m in at.metric if m.label == "Besproken in het LOO")
    assert metric(at, "Signaal ontvangen") == "9"
    assert besproken.value == "6" and "mediaan 16,5 dagen" in besproken.delta


def test_previous_meeting_falls_back_a_month_without_history(db):
    at = run("loo", vergadering="2024-09-15")
    assert any("15 augustus 2024" in c.value and "een maand terug" in c.value for c in at.caption)


def test_presentation_mode_from_url_enlarges_type_and_hides_sidebar(db):
    at = run("loo", vergadering="2025-04-02", scherm="1")
    css = "".join(m.value for m in at.markdown if "<style>" in m.value)
    assert "font-size: 22px" in css and '[data-testid="stSidebar"]' in css
    assert at.toggle(key="scherm").value is True


def test_presentation_mode_shows_one_section_at_a_time(db):
    at = run("loo", vergadering="2025-04-02", scherm="1")
    assert [h for h in subheaders(at)] == [
        "Binnengekomen sinds het vorige overleg (5 maart 2025)"]
    at.radio(key="sectie").set_value("Trechter").run()
    assert not at.exception
    assert subheaders(at) == ["Van signaal tot afsluiting: signalen ontvangen in 2025"]


def test_normal_mode_injects_no_presentation_style(db):
    at = run("loo", vergadering="2025-04-02")
    assert not any("<style>" in m.value for m in at.markdown)
    assert at.radio.len == 0


def test_toggle_switches_presentation_mode_and_the_url(db):
    at = run("loo", vergadering="2025-04-02")
    at.toggle(key="scherm").set_value(True).run()
    assert any("font-size: 22px" in m.value for m in at.markdown)
    assert at.query_params.get("scherm") in ("1", ["1"])
    assert at.query_params.get("vergadering") in ("2025-04-02", ["2025-04-02"])
