"""Events on the Trends chart: the audited store beside the database, the form, the chart.

A hand-made database (signals in 2025); the store, the audit trail and the chart spec are read
back as a user or an auditor would: the rows AppTest's Vega-Lite element carries and
core.audit.entries.
"""

import datetime as dt
import sqlite3

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core import audit
from dashboard import charts, events
from dashboard.period import SOORT_JAAR
from tests.conftest import page_file

TEKST = "Actiedag drugs centrum"


@pytest.fixture
def files(make_db, tmp_path, monkeypatch):
    rows = [{"signaal_id": f"S{i}", "datum_ontvangst": dt.date(2025, 1 + i % 12, 3),
             "bron": "politie", "thema": "drugs" if i % 2 else "fraude", "status": "nieuw"}
            for i in range(40)]
    monkeypatch.setenv("LOO_DB", str(make_db({"signalen": rows})))
    monkeypatch.setenv("LOO_EVENTS_DB", str(tmp_path / "events.sqlite"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    return tmp_path


def trends(rol="regisseur"):
    at = AppTest.from_file(page_file("trends"), default_timeout=60)
    at.session_state["roles"] = [rol]
    at.session_state["username"] = rol
    at.session_state["periode_soort"] = SOORT_JAAR
    at.session_state["periode_jaar"] = 2025
    at.run()
    assert not at.exception, at.exception
    return at


def save(at, datum, tekst, thema=None):
    at.text_input(key="gebeurtenis_datum").input(datum)
    at.text_input(key="gebeurtenis_tekst").input(tekst)
    at.selectbox(key="gebeurtenis_thema").set_value(thema)
    next(b for b in at.button if b.label == "Opslaan").click()
    at.run()
    assert not at.exception, at.exception
    return at


def chart_events(at):
    """The event rows the chart sends to the browser (the Vega-Lite element's datasets)."""
    chart = at.get("vega_lite_chart")[0].proto
    for dataset in chart.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all().to_pydict()
        if "label" in table:
            return dict(zip(table["label"], table["datum"]))
    return {}


def test_an_event_added_in_the_app_is_on_the_chart_and_in_the_audit_trail(files):
    at = save(trends(), "2025-05-06", TEKST, "drugs")
    assert [s.value for s in at.success] == ["Gebeurtenis toegevoegd."]
    op_grafiek = chart_events(trends("loo"))
    assert op_grafiek[TEKST] == dt.date(2025, 5, 6)
    assert "Start publiekscampagne" in op_grafiek  # from config/gebeurtenissen.yaml
    entry = audit.entries(action="gebeurtenis_toegevoegd").row(0, named=True)
    assert entry["user"] == "regisseur" and '"datum":"2025-05-06"' in entry["detail"]
    assert '"thema":"drugs"' in entry["detail"] and TEKST not in entry["detail"]


def test_the_list_under_the_chart_marks_the_source(files):
    at = trends("loo")
    lijst = at.dataframe[-1].value
    assert set(lijst["Bron"]) == {"Configuratie (config/gebeurtenissen.yaml)"}
    events.add("2025-07-01", "Extra LOO", None, "regisseur")
    lijst = trends("loo").dataframe[-1].value
    assert lijst.set_index("Gebeurtenis").loc["Extra LOO", "Bron"] == "In de app"
    assert lijst["Nr."].tolist() == [str(n) for n in range(1, len(lijst) + 1)]


def test_an_event_for_one_theme_shows_only_when_that_theme_is_in_the_chart(files):
    events.add("2025-05-06", "Alleen mensenhandel", "mensenhandel", "regisseur")
    events.add("2025-05-07", "Alleen drugs", "drugs", "regisseur")
    op_grafiek = chart_events(trends("loo"))
    assert "Alleen drugs" in op_grafiek and "Alleen mensenhandel" not in op_grafiek


def test_edit_and_withdraw_are_audited_and_change_the_chart(files):
    at = save(trends(), "2025-05-06", TEKST)
    gekozen = events.in_app()[0]["gebeurtenis_id"]
    at.selectbox(key="gebeurtenis_keuze").set_value(gekozen).run()
    assert at.text_input(key="gebeurtenis_tekst").value == TEKST  # the form is filled in
    at = save(at, "2025-06-06", "Actiedag verschoven")
    assert chart_events(trends())["Actiedag verschoven"] == dt.date(2025, 6, 6)
    assert audit.entries(action="gebeurtenis_gewijzigd").height == 1
    at.selectbox(key="gebeurtenis_keuze").set_value(gekozen).run()
    at.radio(key="gebeurtenis_soort").set_value("Intrekken")
    next(b for b in at.button if b.label == "Opslaan").click()
    at.run()
    assert [s.value for s in at.success] == ["Gebeurtenis ingetrokken."]
    assert "Actiedag verschoven" not in chart_events(trends())
    entry = audit.entries(action="gebeurtenis_ingetrokken").row(0, named=True)
    assert entry["object"] == f"gebeurtenis {gekozen}" and '"datum_was":"2025-06-06"' in \
        entry["detail"]


@pytest.mark.parametrize("tekst,soort", [
    ("Bel 06-12345678 voor info", "telefoonnummer"),
    ("Mail j.jansen@wassenaar.nl", "e-mailadres"),
    ("Sluiting\nop maandag", "stuurteken"),
    ("Sluiting\x07pand", "stuurteken"),
])
def test_text_with_an_identifier_or_a_control_character_is_refused_without_quoting_it(
        files, tekst, soort):
    at = save(trends(), "2025-05-06", tekst)
    fout = " ".join(e.value for e in at.error)
    assert soort in fout
    assert "12345678" not in fout and "jansen" not in fout and "maandag" not in fout
    assert events.in_app() == [] and audit.entries(action="gebeurtenis_toegevoegd").is_empty()


def test_a_text_longer_than_60_characters_or_a_bad_date_is_refused():
    fouten = events.problems("31-02-2025", "x" * 61, None, "regisseur",
                             vandaag=dt.date(2026, 11, 30))
    assert any("61 tekens; maximaal 60" in f for f in fouten)
    assert any("geen geldige datum" in f for f in fouten)


def test_without_an_audit_trail_nothing_is_stored(files, monkeypatch):
    at = trends()
    monkeypatch.setenv("LOO_AUDIT_DB", str(files))  # a folder: the trail cannot be opened
    at = save(at, "2025-05-06", TEKST)
    assert "niets opgeslagen" in at.error[0].value
    assert events.in_app() == []


def test_other_roles_get_no_form(files):
    for rol in ("loo", "manager"):
        assert not [t for t in trends(rol).text_input if t.key == "gebeurtenis_tekst"]


def test_the_store_refuses_delete_and_a_rewrite_outside_a_version_step(files):
    rij = events.add("2025-05-06", TEKST, None, "regisseur")
    with sqlite3.connect(events.store_path()) as con:
        with pytest.raises(sqlite3.IntegrityError, match="nooit verwijderd"):
            con.execute("delete from gebeurtenissen")
        with pytest.raises(sqlite3.IntegrityError, match="één versie verder"):
            con.execute("update gebeurtenissen set tekst = 'stil' where gebeurtenis_id = ?",
                        [rij["gebeurtenis_id"]])
    events.change(rij["gebeurtenis_id"], None, None, None, "regisseur", intrekken=True)
    with pytest.raises(events.EventError, match="al ingetrokken"):
        events.change(rij["gebeurtenis_id"], "2025-05-07", "Nieuw", None, "regisseur")


# --- label placement: markers in a band above the plot never overlap ---

def boxes(posities, rijen, breedte=charts.MARKER_BREEDTE, hoogte=charts.MARKER_RIJ):
    return [(x - breedte / 2, x + breedte / 2, r * hoogte, (r + 1) * hoogte)
            for x, r in zip(posities, rijen)]


def overlap(a, b):
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


@pytest.mark.parametrize("dagen", [
    [0, 1, 2, 3],  # four events on consecutive days
    [100, 100, 100],  # three on the same day
    [10, 40, 12, 300, 11, 41],  # unsorted, two clusters
    [5, 20, 35, 50, 65],  # just under a marker's width apart on the narrowest plot
])
def test_no_two_event_markers_overlap_for_close_dates(dagen):
    van, tot = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    datums = [van + dt.timedelta(days=n) for n in dagen]
    for breedte in (charts.SMALSTE_PLOT, 1200):  # a phone and a projector
        posities = charts.marker_posities(datums, van, tot, breedte)
        b = boxes(posities, charts.label_rijen(charts.marker_posities(datums, van, tot)))
        assert not [(i, j) for i in range(len(b)) for j in range(i + 1, len(b))
                    if overlap(b[i], b[j])]


def test_markers_far_apart_share_the_first_row():
    assert charts.label_rijen([0, 100, 200]) == [0, 0, 0]
    assert charts.label_rijen([0, 10, 20, 100]) == [0, 1, 2, 0]


def test_the_markers_sit_above_the_plot_area(files):
    spec = trends().get("vega_lite_chart")[0].proto.spec
    assert '"scale":null' in spec.replace(" ", "")  # y in pixels, negative: above the plot
    assert '"clip":false' in spec.replace(" ", "")
