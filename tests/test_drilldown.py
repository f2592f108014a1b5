"""Drill-down (issue 15.2): the rows behind a figure add up to it, every view is audited (fail
closed), and a role without records gets no rows, only a narrower aggregate.

Pages run on the real sample database with AppTest; a table cell is chosen the way Streamlit
lets a script choose one (the dataframe's selection in st.session_state), a Trends bar the way
the chart's on_select callback keeps it. Expected ids and counts are plain SQL on the sample.
"""

import json

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core import audit
from dashboard import drilldown, security
from dashboard.period import SOORT_JAAR
from tests.conftest import d, page_file

TABEL = "jv_tabel_signalen_en_meldingen_gebied_{}_{}"


@pytest.fixture(autouse=True)
def sample(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    return sample_db


def sql(db, query, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, list(params)).fetchall()


def gebied_ids(db, gebied, van, tot):
    """The signals of an aandachtsgebied received in [van, tot], straight from the table."""
    return sorted(r[0] for r in sql(
        db, "select signaal_id from signalen where lower(trim(gebied)) = ? "
            "and datum_ontvangst between ? and ?", gebied, d(van), d(tot)))


def jaarvergelijking(rol, jaar_a, jaar_b, cel=None, rij=None, indeling="gebied"):
    at = AppTest.from_file(page_file("jaarvergelijking"), default_timeout=90)
    state = {"roles": [rol], "username": rol, "periode_soort": SOORT_JAAR, "periode_jaar": jaar_b,
             "jv_bron": "signalen_en_meldingen", "jv_jaar_a": jaar_a, "jv_jaar_b": jaar_b,
             "jv_indeling": indeling}
    for key, value in state.items():
        at.session_state[key] = value
    at.run()  # first run: the table exists, so the row of a label can be looked up
    assert not at.exception, at.exception
    if cel or rij:
        labels = at.dataframe[0].value.iloc[:, 0].tolist()
        keuze = {"rows": [], "columns": [], "cells": []}
        if cel:
            keuze["cells"] = [(labels.index(cel[0]), cel[1])]
        else:
            keuze["rows"] = [labels.index(rij)]
        at.session_state[TABEL.format(jaar_a, jaar_b) if indeling == "gebied"
                         else f"jv_tabel_signalen_en_meldingen_{indeling}_{jaar_a}_{jaar_b}"] = \
            {"selection": keuze}
        at.run()
        assert not at.exception, at.exception
    return at


def figure(at, label, kolom):
    tabel = at.dataframe[0].value
    return tabel.loc[tabel.iloc[:, 0] == label, kolom].iloc[0]


def rows_shown(at):
    """The drill-down table (its Kenmerk column), or None when the page shows no rows."""
    tabellen = [t.value for t in at.dataframe if "Kenmerk" in t.value.columns]
    return sorted(tabellen[0]["Kenmerk"].tolist()) if tabellen else None


def detail_entries():
    return audit.entries(action="detail_bekeken").to_dicts()


@pytest.mark.parametrize("rol", ["regisseur", "loo"])
def test_the_rows_behind_a_cell_add_up_to_it_and_are_the_records(sample_db, rol):
    at = jaarvergelijking(rol, 2024, 2025, cel=("Buitengebied", "2025"))
    ids = gebied_ids(sample_db, "buitengebied", "2025-01-01", "2025-12-31")
    assert rows_shown(at) == ids
    assert int(figure(at, "Buitengebied", "2025")) == len(ids) > 0
    assert "Rijen achter het cijfer: Signalen en meldingen, Buitengebied, 2025" in [
        s.value for s in at.subheader]


def test_the_rows_behind_an_unfinished_year_are_those_of_the_same_months(sample_db):
    at = jaarvergelijking("regisseur", 2025, 2026, cel=("Buitengebied", "2025 *"))
    ids = gebied_ids(sample_db, "buitengebied", "2025-01-01", "2025-10-31")
    assert rows_shown(at) == ids and int(figure(at, "Buitengebied", "2025 *")) == len(ids)


def test_a_selected_row_opens_its_newest_year_and_the_total_row_every_record(sample_db):
    at = jaarvergelijking("loo", 2024, 2025, rij="Centrum")
    assert rows_shown(at) == gebied_ids(sample_db, "centrum", "2025-01-01", "2025-12-31")
    at = jaarvergelijking("loo", 2024, 2025, cel=("Totaal", "2024"))
    signalen = sql(sample_db, "select count(*) from signalen where datum_ontvangst between "
                              "'2024-01-01' and '2024-12-31'")[0][0]
    los = sql(sample_db, "select count(*) from m_meldingen where gekoppeld_signaal_id is null "
                         "and datum_ontvangst between '2024-01-01' and '2024-12-31'")[0][0]
    assert len(rows_shown(at)) == signalen + los == int(figure(at, "Totaal", "2024"))


def test_a_drill_down_is_audited_once_with_what_was_opened_and_no_row_value(sample_db):
    at = jaarvergelijking("regisseur", 2024, 2025, cel=("Buitengebied", "2025"))
    at.run()  # a rerun of the same view is the same view
    entries = detail_entries()
    assert len(entries) == 1
    entry = entries[0]
    detail = json.loads(entry["detail"])
    assert (entry["user"], entry["role"], entry["object"]) == ("regisseur", "regisseur",
                                                               "jaarvergelijking")
    assert detail["maten"] == "signalen_en_meldingen" and detail["indeling"] == "gebied"
    assert (detail["van"], detail["tot"], detail["rijen"]) == ("2025-01-01", "2025-12-31", 3)
    # the chosen area is text from the export: only its fingerprint is in the trail
    assert "buitengebied" not in json.dumps(entry).lower()
    assert not any(i in json.dumps(entry) for i in gebied_ids(sample_db, "buitengebied",
                                                              "2025-01-01", "2025-12-31"))


def test_a_theme_is_named_in_the_trail(sample_db):
    at = jaarvergelijking("loo", 2024, 2025, cel=("Drugs", "2025"), indeling="thema")
    assert rows_shown(at) and json.loads(detail_entries()[0]["detail"])["keuze"] == "drugs"


def test_without_the_audit_trail_no_rows_are_shown(sample_db, tmp_path, monkeypatch):
    # a key inside the trail's own folder is refused: the trail cannot be written
    monkeypatch.setenv("LOO_AUDIT_KEY", str(tmp_path / "audit.key"))
    at = jaarvergelijking("regisseur", 2024, 2025, cel=("Buitengebied", "2025"))
    assert rows_shown(at) is None
    assert any("audittrail" in e.value for e in at.error)


def test_the_manager_gets_no_rows_but_the_figure_per_month(sample_db):
    at = jaarvergelijking("manager", 2024, 2025, cel=("Totaal", "2025"))
    assert rows_shown(at) is None and not detail_entries()
    per_maand = next(t.value for t in at.dataframe if "Maand" in t.value.columns)
    assert len(per_maand) == 12
    assert sum(int(v) for v in per_maand["Aantal"]) == int(figure(at, "Totaal", "2025"))
    # nothing on the page carries a record's key
    ids = gebied_ids(sample_db, "buitengebied", "2024-01-01", "2025-12-31")
    assert not any(i in t.value.to_string() for t in at.dataframe for i in ids)


def trends(rol, indeling, keuze):
    at = AppTest.from_file(page_file("trends"), default_timeout=90)
    for key, value in {"roles": [rol], "username": rol, "periode_soort": SOORT_JAAR,
                       "periode_jaar": 2025, "trends_indeling": indeling,
                       "trends_eenheid": "kwartaal", drilldown.TRENDS_KEUZE: keuze}.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_trends_bar_opens_its_rows_which_add_up_to_it(sample_db):
    at = trends("loo", "gebied", {"periode": "2025-07-01", "reeks": "Buitengebied"})
    ids = gebied_ids(sample_db, "buitengebied", "2025-07-01", "2025-09-30")
    assert rows_shown(at) == ids
    tabel = at.dataframe[0].value
    assert int(tabel.loc[tabel["Periode"] == "K3 2025", "Buitengebied"].iloc[0]) == len(ids)
    assert json.loads(detail_entries()[0]["detail"])["rijen"] == len(ids)


def test_a_merged_trends_series_opens_the_rows_of_all_its_themes(sample_db):
    at = trends("regisseur", "thema", {"periode": "2025-07-01",
                                       "reeks": "Overige thema's (samen)"})
    tabel = at.dataframe[0].value
    cijfer = int(tabel.loc[tabel["Periode"] == "K3 2025", "Overige thema's (samen)"].iloc[0])
    assert len(rows_shown(at)) == cijfer > 0


def test_the_manager_on_trends_gets_the_series_not_rows(sample_db):
    at = trends("manager", "thema", {"periode": "2025-07-01", "reeks": "Drugs"})
    assert rows_shown(at) is None and not detail_entries()
    reeks = next(t.value for t in at.dataframe if list(t.value.columns) == ["Periode", "Aantal"])
    assert reeks["Periode"].tolist() == ["K1 2025", "K2 2025", "K3 2025", "K4 2025"]


def test_a_choice_from_another_view_opens_nothing(sample_db):
    at = trends("loo", "gebied", {"periode": "2019-01-01", "reeks": "Buitengebied"})
    assert rows_shown(at) is None and not detail_entries()


def test_a_selected_point_is_read_from_vega_lite_epoch_milliseconds_or_text():
    staat = {"selection": {"keuze": [{"periode": 1751328000000, "Thema": "Drugs"}]}}
    assert drilldown.gekozen_punt(staat) == {"periode": 1751328000000, "Thema": "Drugs"}
    assert drilldown.als_datum(1751328000000) == d("2025-07-01")
    assert drilldown.als_datum("2025-07-01T00:00:00") == d("2025-07-01")
    assert drilldown.als_datum("geen datum") is None
    assert drilldown.gekozen_punt({"selection": {"keuze": {}}}) == {}
    assert drilldown.periode_einde(d("2025-07-01"), True) == d("2025-09-30")
    assert drilldown.periode_einde(d("2025-12-01"), False) == d("2025-12-31")


def test_the_trail_gets_a_fingerprint_of_a_wijk_and_the_value_of_a_theme():
    assert security.keuze_detail("thema", ["drugs"]) == {"keuze": "drugs"}
    wijk = security.keuze_detail("wijk", ["Maaldrift/buitengebied"])
    assert list(wijk) == ["keuze_sha256"] and "Maaldrift" not in wijk["keuze_sha256"]
