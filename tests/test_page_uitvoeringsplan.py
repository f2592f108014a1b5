"""The Uitvoeringsplan page with AppTest: summary, goal cards, measured indicators, updates.

The roles live only in st.session_state['roles'] and the account name in ['username'] (set by
the frame after login); these tests run the page script alone and set both, as a logged-in
session would have them. The analytics database, the update store and the audit trail are
temporary files per test.
"""

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PEILDATUM, d, page_file
from dashboard import plan
from core import audit
from dashboard.security import literal

PAGE = page_file("uitvoeringsplan")


def doel(doel_id, spoor, wat, voortgang="loopt", jaar=2026, **extra):
    return {"doel_id": doel_id, "jaar": jaar, "spoor": spoor, "wat": wat,
            "doel": f"Doel van {wat}", "partners": "Politie; RIEC", "status": "Start 2026",
            "voortgang": voortgang, "startdatum": d(f"{jaar}-01-01"),
            "einddatum": d(f"{jaar}-12-31"), **extra}


GOALS = [
    doel("T-1.1", 1, "Training sociaal domein", "in_voorbereiding"),
    doel("T-1.2", 1, "Bijeenkomst COA", "loopt"),
    doel("T-2.1", 2, "Registercontroles DOL", "loopt", indicator="registercontroles_dol_dor",
         doelwaarde=12.0),
    doel("T-3.1", 3, "Integriteit HR", "niet_gestart"),
    doel("V-1.1", 1, "Oud doel", "afgerond", jaar=2025),
]
# 6 register checks by 20 June 2026: 6 * 12 / (5 + 20/30) = 12.7 -> 13 >= 12: op koers.
CONTROLES = [{"actie_id": f"r{i}", "datum": d(f"2026-0{m}-10"),
              "instrument": "registercontrole_dol_dor"} for i, m in enumerate([2, 3, 3, 4, 5, 6])]
CONTROLES.append({"actie_id": "x", "datum": d("2026-06-20"), "instrument": "apv_straathandel"})


VANDAAG = PEILDATUM  # the suite's today (tests/conftest.py)


@pytest.fixture
def files(make_db, tmp_path, monkeypatch):
    """Database, update store and audit trail in tmp_path, with three updates recorded."""
    db = make_db({"plan_doelen": GOALS, "handhaving": CONTROLES})
    monkeypatch.setenv("LOO_DB", str(db))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    ids = [g["doel_id"] for g in GOALS if g["jaar"] == 2026]
    plan.record_update("T-1.2", 2026, "vertraagd", "COA-locatie in verbouwing.", "2026-05-19",
                       "regisseur", doelen=ids, nu=dt.datetime(2026, 5, 19, 16))
    plan.record_update("T-1.1", 2026, "loopt", "Eerste sessie gegeven.", "2026-09-15",
                       "regisseur", doelen=ids, nu=dt.datetime(2026, 9, 15, 16))
    plan.record_update("T-2.1", 2026, "loopt", "Controles volgens planning.", "2026-10-01",
                       "regisseur", doelen=ids, nu=dt.datetime(2026, 10, 1, 16))
    return tmp_path


def run(rol, username=None, **state):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["roles"] = [rol]
    at.session_state["username"] = username or rol
    at.session_state["periode_jaar"] = 2026
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def texts(at):
    return "\n".join(m.value for m in at.markdown)


def test_regisseur_records_an_update_and_sees_it_in_the_history(files):
    at = run("regisseur", username="j.devries")
    at.selectbox(key="plan_doel").select("T-3.1").run()
    at.selectbox(key="plan_voortgang").select("loopt")
    at.text_area(key="plan_toelichting").input("Eerste sessie met HR gehouden.")
    at.date_input(key="plan_datum").set_value(d("2026-10-02"))
    at.button(key="plan_opslaan").click().run()
    assert not at.exception
    assert "Update opgeslagen voor T-3.1" in at.success[0].value
    stored = plan.history(2026, "T-3.1").row(0, named=True)
    assert (stored["voortgang"], stored["door"], stored["datum"]) == (
        "loopt", "j.devries", d("2026-10-02"))
    history = [m.value for m in at.markdown
               if literal("Eerste sessie met HR gehouden.") in m.value]
    assert any(v.startswith("**2 oktober 2026** · :material/play_circle: Loopt")
               for v in history)
    assert at.text_area(key="plan_toelichting").value == ""


def test_a_fixed_moment_dates_the_update_and_stamps_its_save_time(files, monkeypatch):
    """One clock: the page's today and the stored save time both come from the peildatum."""
    monkeypatch.setenv("LOO_PEILDATUM", "2026-06-20T14:05:00")
    at = run("regisseur")
    assert at.date_input(key="plan_datum").value == d("2026-06-20")
    at.selectbox(key="plan_doel").select("T-3.1").run()
    at.selectbox(key="plan_voortgang").select("loopt")
    at.text_area(key="plan_toelichting").input("Eerste sessie met HR gehouden.")
    at.button(key="plan_opslaan").click().run()
    stored = plan.history(2026, "T-3.1").row(0, named=True)
    assert (stored["datum"], stored["vastgelegd_op"]) == (
        d("2026-06-20"), dt.datetime(2026, 6, 20, 14, 5))


def test_the_date_fields_take_their_bounds_from_the_peildatum_and_the_year(files, monkeypatch):
    """Streamlit's default lower bound is ten years before the real today: never used here."""
    monkeypatch.setenv("LOO_PEILDATUM", "2026-06-20T14:05:00")
    at = run("regisseur")
    bounds = {key: (at.date_input(key=key).min, at.date_input(key=key).max)
              for key in ("plan_sinds", "plan_datum")}
    assert bounds == {"plan_sinds": (d("2025-01-01"), d("2026-06-20")),
                      "plan_datum": (d("2025-01-01"), d("2026-06-20"))}


def test_an_update_goes_to_the_audit_trail_without_its_text(files):
    at = run("regisseur")
    at.selectbox(key="plan_doel").select("T-2.1").run()
    at.selectbox(key="plan_voortgang").select("vertraagd")
    at.text_area(key="plan_toelichting").input("Controleur ziek.")
    at.button(key="plan_opslaan").click().run()
    entries = audit.entries(action="plan_wijziging")
    assert entries.height == 1
    entry = entries.row(0, named=True)
    assert (entry["user"], entry["role"], entry["object"]) == ("regisseur", "regisseur", "T-2.1")
    assert json.loads(entry["detail"]) == {"jaar": 2026, "voortgang": "vertraagd"}
    assert plan.history(2026, "T-2.1")["voortgang"].to_list() == ["loopt", "vertraagd"]


def test_without_an_audit_trail_no_update_is_stored(files, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(files))  # a folder: the trail cannot be opened
    at = run("regisseur")
    at.selectbox(key="plan_doel").select("T-2.1").run()
    at.text_area(key="plan_toelichting").input("Controleur ziek.")
    at.button(key="plan_opslaan").click().run()
    assert not at.exception
    assert "audittrail) is niet bereikbaar" in at.error[0].value
    assert "De update is niet opgeslagen." in at.error[0].value
    assert plan.count() == 3


def test_an_incomplete_update_lists_every_problem_in_dutch_and_stores_nothing(files):
    at = run("regisseur")
    at.button(key="plan_opslaan").click().run()
    assert not at.exception
    fout = at.error[0].value
    assert "Kies een doel." in fout and "Kies een voortgang." in fout
    assert "De toelichting is leeg" in fout
    assert plan.count() == 3
    assert audit.entries(action="plan_wijziging").is_empty()


@pytest.mark.parametrize("rol", ["loo", "manager"])
def test_loo_and_manager_see_no_edit_form(files, rol):
    at = run(rol)
    assert not at.exception
    keys = {w.key for w in [*at.selectbox, *at.text_area, *at.date_input, *at.button]}
    assert not keys & {"plan_doel", "plan_voortgang", "plan_toelichting", "plan_datum",
                       "plan_opslaan"}
    assert "Voortgang bijwerken" not in [e.label for e in at.expander]


def test_manager_sees_the_summary_with_attention_and_changes(files):
    at = run("manager", plan_sinds=d("2026-09-01"))
    assert not at.exception
    assert "Stand van zaken uitvoeringsplan 2026" in [h.value for h in at.subheader]
    body = texts(at)
    # per goal: voortgang, measurement and judgement; delayed goal first
    table = next(m.value for m in at.markdown if m.value.startswith("| Doel |"))
    lines = table.splitlines()[2:]
    assert lines[0].startswith("| Bijeenkomst COA | :material/hourglass_bottom: Vertraagd |")
    assert lines[0].endswith("| :red[:material/error: Achter] |")
    assert ("| Registercontroles DOL | :material/play_circle: Loopt | 6 van 12 controles, op koers "
            "| :green[:material/check: Op schema] |") in lines
    # counts per voortgang and spoor
    spoor = next(m.value for m in at.markdown if m.value.startswith("| Voortgang |"))
    assert spoor.splitlines()[2:] == [
        "| :material/radio_button_unchecked: Niet gestart | 0 | 0 | 1 | 1 |",
        "| :material/play_circle: Loopt | 1 | 1 | 0 | 2 |",
        "| :material/hourglass_bottom: Vertraagd | 1 | 0 | 0 | 1 |",
        "| **Totaal** | **2** | **1** | **1** | **4** |",
    ]
    # attention names the goal and why in one line: the latest update; changes since the date
    assert (f"**Bijeenkomst COA**: {literal('Vertraagd volgens de update van 19 mei 2026: ')}"
            f"{literal('“COA-locatie in verbouwing.”. Geen update sinds 19 mei 2026.')}") in body
    assert "**Veranderd sinds 1 september 2026** (2)" in body
    assert ("15 september 2026 · Training sociaal domein: :material/pending: In voorbereiding "
            "→ :material/play_circle: Loopt") in body
    assert "Laatst bijgewerkt:** 1 oktober 2026, 16:00 door regisseur" in body


def test_goal_with_an_indicator_shows_measured_progress_and_projection(files):
    at = run("manager")
    assert (":material/check_circle: Op koers: 6 van 12 gemeten, verwachting eind 2026: 13."
            in texts(at))
    bars = at.get("progress")
    assert len(bars) == 1
    assert bars[0].proto.value == 50


def test_cards_per_spoor_show_behind_goals_first(files):
    at = run("loo")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[:2] == ["#### Bijeenkomst COA", "#### Training sociaal domein"]
    assert f"**In samenwerking met:** {literal('Politie, RIEC')}" in texts(at)


def test_year_end_view_moves_only_goals_behind_or_at_risk_while_the_year_runs(files):
    at = run("manager")
    assert "Jaareinde 2026: bereikt en doorschuiven" in [h.value for h in at.subheader]
    body = texts(at)
    # COA is vertraagd, HR not started: they may move on; training and checks are on schedule
    assert "**Schuift mogelijk door naar 2027** (2)" in body
    assert "**Op schema** (2)" in body and "**Bereikt** (0)" in body


def test_after_the_year_every_goal_not_reached_moves_to_next_year(files, monkeypatch):
    monkeypatch.setenv("LOO_PEILDATUM", "2027-01-15")
    body = texts(run("manager"))
    assert "**Schuift door naar 2027** (4)" in body and "**Op schema**" not in body


def test_a_goal_behind_by_its_update_is_never_green_in_its_card(files):
    at = run("manager")
    coa = next(m.value for m in at.markdown if m.value.startswith("**Voortgang:** ")
               and "Vertraagd" in m.value)
    assert coa.endswith(":red[:material/error: Achter]")
    assert not [s for s in at.success if "Bijeenkomst" in s.value]


def test_an_earlier_plan_year_can_be_chosen(files):
    at = run("manager")
    assert at.selectbox(key="plan_jaar").options == ["2026", "2025"]
    at.selectbox(key="plan_jaar").select(2025).run()
    assert not at.exception
    assert "Stand van zaken uitvoeringsplan 2025" in [h.value for h in at.subheader]
    assert "**Bereikt** (1)" in texts(at)


def test_demo_mode_seeds_the_sample_history_for_the_sample_plan(make_db, tmp_path,
                                                                  monkeypatch):
    sample_ids = sorted({r["doel_id"] for r in plan.sample_history()})
    goals = [doel(i, int(i[8]), f"Doel {i}") for i in sample_ids]
    monkeypatch.setenv("LOO_DB", str(make_db({"plan_doelen": goals})))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    at = run("manager")
    assert not at.exception
    assert plan.count() == len(plan.SAMPLE_2026)


def test_choosing_a_goal_preselects_its_current_voortgang(files):
    at = run("regisseur")
    at.selectbox(key="plan_doel").select("T-1.2").run()
    assert at.selectbox(key="plan_voortgang").value == "vertraagd"
    assert any(m.value.startswith("Nu: :material/hourglass_bottom: Vertraagd · laatste update "
                                  "19 mei 2026") for m in at.markdown)


def test_free_text_is_shown_as_text_not_as_markdown(files):
    at = run("regisseur")
    at.selectbox(key="plan_doel").select("T-3.1").run()
    at.selectbox(key="plan_voortgang").select("loopt")
    tekst = "Kosten $5 en $6, **niet** [link](http://x)"
    at.text_area(key="plan_toelichting").input(tekst)
    at.button(key="plan_opslaan").click().run()
    assert any(literal(tekst) in m.value for m in at.markdown)
    assert not any(tekst in m.value for m in at.markdown)


def test_without_a_login_the_page_shows_no_plan(files):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert len(at.warning) + len(at.error) == 1
    assert at.selectbox.len == 0 and at.markdown.len == 0 and at.subheader.len == 0
