"""The LOO-overleg page with AppTest: roles, the meeting view from the URL, presentation mode.

Login: the frame keeps the roles only in st.session_state['roles'] (set by app.py after the
streamlit-authenticator login); these tests run the page script alone and set that key, as a
logged-in session would have it. The database is the hand-counted one of test_queries_loo.
"""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import security
from tests import browser
from tests.conftest import PEILDATUM, d, metric, page_file
from tests.test_queries_loo import HANDHAVING, MELDINGEN, SIGNALEN

PAGE = page_file("loo")
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
    assert at.selectbox(key="vergadering").value.isoformat() == "2025-04-02"
    assert any(c.value == "Vorig overleg: 5 maart 2025" for c in at.caption)
    assert metric(at, "Signalen en meldingen") == "5"
    assert "Openstaande signalen op 2 april 2025: 5" in subheaders(at)
    assert "Nog te bespreken: 3 signalen" in subheaders(at)


def test_incoming_list_shows_only_pseudonymised_columns(db):
    at = run("loo", vergadering="2025-04-02")
    lijst = at.dataframe[0].value
    assert list(lijst.columns) == ["Signaal", "Ontvangen", "Bron", "Thema", "Wijk", "Status"]
    assert list(lijst["Signaal"]) == ["S4", "S5", "S9"]
    assert "P-S4" not in lijst.to_string()  # subject pseudonyms are not shown


def test_funnel_counts_the_cohort_as_it_stood_on_the_meeting_date(db):
    # Received 1 January - 2 April 2025: S1 S2 S3 S4 S5 S7 S8 S9 = 8 (S10 comes later).
    # Discussed by 2 April: S1 S2 S3 S7 S8 = 5 (S5 on 9 April), after 26, 13, 2, 23 and 0 days.
    at = run("loo", vergadering="2025-04-02")
    assert metric(at, "Ontvangen") == "8"
    assert metric(at, "Besproken in het LOO") == "5"
    assert "mediaan 13 dagen na ontvangst (n = 5)" in [c.value for c in at.caption]


def test_previous_meeting_falls_back_a_month_without_history(db):
    at = run("loo", vergadering="2024-09-15")
    assert any("15 augustus 2024" in c.value and "een maand terug" in c.value
               for c in at.caption)


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
    assert subheaders(at) == ["Van signaal tot afsluiting: signalen ontvangen 1 januari t/m "
                              "2 april 2025"]


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


def test_invalid_meeting_date_in_url_gets_a_dutch_warning_and_today(db):
    at = run("loo", vergadering="2025-13-45")
    assert not at.exception
    assert "geen geldige datum" in at.warning[0].value
    assert at.selectbox(key="vergadering").value == PEILDATUM


def test_presentation_mode_opens_the_section_from_the_url(db):
    # meeting of 9 April: since 5 March (not counting it) only S5 was discussed
    at = run("loo", vergadering="2025-04-09", scherm="1", sectie="Vervolg")
    assert subheaders(at) == ["Vervolg besloten sinds het vorige overleg (5 maart 2025): "
                              "1 besproken"]


def test_presentation_list_is_a_large_type_table_in_parts(make_db, monkeypatch):
    # 25 new signals after the previous meeting (5 March), N00-N24 on 6-30 March: with S4, S5
    # and S9, 28 rows in parts of 14, the rows that fit below the figures on the 1080 px screen
    # in 22px type (tests/test_browser_presentation.py measures that one more would not fit).
    # A hostile wijk label is escaped for st.table's Markdown and shows literally.
    nieuw = [dict(SIGNALEN[3], signaal_id=f"N{i:02d}", datum_ontvangst=d(f"2025-03-{6 + i:02d}"),
                  wijk="**vet** <b>x</b>" if i == 0 else "Centrum") for i in range(25)]
    monkeypatch.setenv("LOO_DB", str(make_db({"signalen": SIGNALEN + nieuw})))
    at = run("loo", vergadering="2025-04-02", scherm="1")
    assert at.dataframe.len == 0 and at.table.len == 1
    tabel = at.table[0].value
    # by date, then id: N04 and S4 both on 10 March
    assert list(tabel["Signaal"]) == ["N00", "N01", "N02", "N03", "N04", "S4"] + [
        f"N{i:02d}" for i in range(5, 13)]
    assert tabel["Wijk"][0] == security.literal("**vet** <b>x</b>")
    assert at.radio(key="binnengekomen_rijen").options == ["rij 1–14 van 28",
                                                           "rij 15–28 van 28"]
    at.radio(key="binnengekomen_rijen").set_value("15–28").run()
    assert list(at.table[0].value["Signaal"]) == ["N13", "N14", "S5"] + [
        f"N{i:02d}" for i in range(15, 25)] + ["S9"]


def test_presentation_mode_folds_counting_rules_into_the_toelichting(db):
    # the meeting screen shows the figures; counting rules, freshness and the previous meeting
    # are in the Toelichting popover, the tiles carry what the normal view writes beside them
    at = run("loo", vergadering="2025-04-02", scherm="1", sectie="Trechter")
    assert not at.exception
    popover = [p for p in at.get("popover") if p.proto.popover.label == "Toelichting"]
    assert len(popover) == 1
    binnen = [c.value for c in popover[0].caption]
    assert "Vorig overleg: 5 maart 2025" in binnen
    assert any(c.startswith("Telregels: ") for c in binnen)
    assert any(c.startswith("Gegevens t/m") for c in binnen)
    assert metric(at, "Besproken in het LOO") == "5"
    assert [m.proto.delta for m in at.metric if m.label == "Besproken in het LOO"] == [
        "mediaan 13 dagen na ontvangst (n = 5)"]


def test_presentation_mode_shows_the_longest_waiting_signal(db):
    # waiting on 2 April: S4 (10 March, 23 days), S5 (20 March), S9 (2 April)
    at = run("loo", vergadering="2025-04-02", scherm="1", sectie="Nog te bespreken")
    assert (metric(at, "Nog te bespreken"), metric(at, "Langst wachtend")) == ("3", "23 dagen")


def test_sample_2025_funnel_has_every_signal_discussed(sample_db, monkeypatch):
    # The reference document: 42 signalen en meldingen in 2025, every one discussed in the LOO
    # (in the sample every M-melding of 2025 is registered as a signal, so 42 signals).
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = run("loo", vergadering=str(PEILDATUM))
    assert not at.exception
    assert (metric(at, "Ontvangen"), metric(at, "Besproken in het LOO")) == ("42", "42")


# --- the meeting screen in a real browser ----------------------------------------------------

KOPPEN = {"Binnengekomen": "Binnengekomen sinds", "Openstaand": "Openstaande signalen",
          "Nog te bespreken": "Nog te bespreken", "Vervolg": "Vervolg besloten",
          "Trechter": "Van signaal tot afsluiting"}
MEET = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const tekst = document.querySelector('[data-testid="stCaptionContainer"]');
  return {overloop: main.scrollHeight - main.clientHeight,
          zijbalk: sidebar ? sidebar.getBoundingClientRect().width > 0
                             && getComputedStyle(sidebar).display !== 'none' : false,
          letter: parseFloat(getComputedStyle(tekst).fontSize)};
}"""


@pytest.mark.browser
@browser.needs_chromium
def test_bookmarked_meeting_screen_fits_1920x1080_in_every_section(
        sample_db, chromium, tmp_path):
    # The sample data, the bookmark of the meeting of 13 October 2026 opened on a fresh server:
    # after the login every section shows without scrolling, sidebar hidden, type >= 20px.
    with browser.streamlit_server(sample_db, tmp_path / "streamlit.log") as url:
        pg = chromium.new_page(viewport={"width": 1920, "height": 1080})
        try:
            pg.goto(url + "/loo?scherm=1&vergadering=2026-10-13")
            browser.login_form(pg)
            browser.submit_login(pg, "loo", "demo", expect="LOO-overleg")
            pg.get_by_text("Trechter", exact=True).wait_for()
            for sectie, kop in KOPPEN.items():
                pg.get_by_text(sectie, exact=True).click()
                pg.wait_for_selector(f'h3:has-text("{kop}")')
                browser.idle(pg)
                browser.charts_drawn(pg)
                maten = pg.evaluate(MEET)
                pg.screenshot(path=str(tmp_path / f"scherm_{sectie}.png"))
                assert maten["overloop"] <= 0, (sectie, maten)
                assert not maten["zijbalk"], sectie
                assert maten["letter"] >= 20, (sectie, maten)
            assert "scherm=1" in pg.url and "vergadering=2026-10-13" in pg.url
        finally:
            pg.close()


MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november "
           "december").split()


def test_the_meeting_is_chosen_from_the_meetings_in_the_data_in_dutch(db):
    # the meetings are the discussion dates of the hand-made signals, plus today and the date
    # from the URL, newest first; no date popup with English month names
    at = run("loo", vergadering="2025-04-02")
    verwacht = sorted({s["datum_besproken_loo"] for s in SIGNALEN if s["datum_besproken_loo"]}
                      | {PEILDATUM, d("2025-04-02")}, reverse=True)
    labels = [f"{v.day} {MAANDEN[v.month - 1]} {v.year}" for v in verwacht]
    labels[0] += " (vandaag)"
    labels[labels.index("2 april 2025")] += " (geen overleg in de gegevens)"
    assert at.selectbox(key="vergadering").options == labels
    assert at.date_input.len == 0
