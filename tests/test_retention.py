"""Bewaartermijnen: what passes its term goes, in one swap, recorded in ledger and audit trail."""

import datetime as dt
import functools

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from core import audit
from data_pipeline import retention
from data_pipeline.contract import SOURCES
from data_pipeline.settings import ConfigError
from tests.conftest import ROOT, command, d
TODAY = dt.date(2026, 11, 30)


def signaal(i, ontvangst, afgesloten=None):
    return {"signaal_id": f"S{i}", "datum_ontvangst": d(ontvangst), "bron": "politie",
            "thema": "drugs", "status": "afgesloten" if afgesloten else "nieuw",
            "datum_afgesloten": d(afgesloten) if afgesloten else None}


def dol(i, registratie):
    return {"registratie_id": f"R{i}", "datum_registratie": d(registratie),
            "opkoper_pseudoniem": "OPK-1", "branche": "fietsen"}


@pytest.fixture(autouse=True)
def audit_store(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.delenv("LOO_CONFIG", raising=False)


@pytest.fixture
def db(make_db):
    return make_db({
        "signalen": [
            signaal(1, "2020-01-10", "2021-11-29"),  # closed 5 years + 1 day ago: goes
            signaal(2, "2020-01-10", "2021-11-30"),  # closed exactly 5 years ago: stays
            signaal(3, "2021-06-01"),  # never closed, received > 5 years ago: goes
            signaal(4, "2025-03-01", "2025-04-01"),
        ],
        "dol_registraties": [dol(1, "2024-11-29"), dol(2, "2024-11-30"), dol(3, "2026-01-05")],
        "plan_doelen": [{"doel_id": "D1", "jaar": 2015, "spoor": 1, "wat": "x", "doel": "y"}],
    })


def ids(db, table, column):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(r[0] for r in con.execute(f"select {column} from {table}").fetchall())
    finally:
        con.close()


def by_source(frame):
    return {r["bron"]: r for r in frame.iter_rows(named=True)}


def test_default_terms_come_from_the_configuration():
    terms = retention.load_terms()
    assert terms["signalen"].jaren == 5
    assert terms["signalen"].vanaf == ("datum_afgesloten", "datum_ontvangst")
    assert terms["dol_registraties"].jaren == 2
    assert "uitvoeringsplan" not in terms


def test_cutoff_subtracts_years_months_and_days():
    term = retention.Term("signalen", jaren=1, maanden=1, dagen=1)
    assert term.cutoff(dt.date(2026, 3, 31)) == dt.date(2025, 2, 27)
    assert retention.Term("signalen", maanden=14).cutoff(dt.date(2026, 1, 15)) == dt.date(
        2024, 11, 15)


def test_plan_counts_what_would_go_without_changing_anything(db):
    plan = by_source(retention.plan_purge(db, today=TODAY))
    assert plan["signalen"]["aantal"] == 2
    assert plan["signalen"]["grens"] == dt.date(2021, 11, 30)
    assert plan["dol_registraties"]["aantal"] == 1
    assert plan["uitvoeringsplan"]["termijn"] == "onbeperkt"
    assert ids(db, "signalen", "signaal_id") == ["S1", "S2", "S3", "S4"]


def test_purge_removes_what_passed_its_term(db):
    retention.purge(db, today=TODAY)
    assert ids(db, "signalen", "signaal_id") == ["S2", "S4"]
    assert ids(db, "dol_registraties", "registratie_id") == ["R2", "R3"]
    assert ids(db, "plan_doelen", "doel_id") == ["D1"]


def test_dry_run_changes_nothing(db):
    before = db.read_bytes()
    frame = retention.purge(db, dry_run=True, today=TODAY)
    assert by_source(frame)["signalen"]["aantal"] == 2
    assert db.read_bytes() == before
    assert audit.entries().height == 0


def test_purge_writes_a_ledger_row_per_source(db):
    retention.purge(db, today=TODAY)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("select bron, uitkomst, bestand, redenen from load_ledger "
                       "order by load_id").fetchall()
    con.close()
    assert [r[0] for r in rows] == ["signalen", "m_meldingen", "handhaving", "dol_registraties"]
    assert {r[1] for r in rows} == {"purge"} and {r[2] for r in rows} == {"bewaartermijnen.yaml"}
    assert "2 rijen verwijderd" in rows[0][3]


def test_purge_is_in_the_audit_trail(db):
    retention.purge(db, today=TODAY, user="regisseur", role="regisseur")
    df = audit.entries(action="purge")
    assert df["object"].to_list() == ["signalen", "m_meldingen", "handhaving", "dol_registraties"]
    assert '"verwijderd":2' in df["detail"][0]
    assert audit.verify() == (True, None)


def test_second_purge_removes_nothing_more(db):
    retention.purge(db, today=TODAY)
    frame = retention.purge(db, today=TODAY)
    assert frame["aantal"].sum() == 0


def test_purge_swaps_the_file_so_open_snapshots_stay_whole(db):
    reader = duckdb.connect(str(db), read_only=True)
    try:
        retention.purge(db, today=TODAY)
        assert reader.execute("select count(*) from signalen").fetchall()[0][0] == 4
    finally:
        reader.close()
    assert ids(db, "signalen", "signaal_id") == ["S2", "S4"]


def test_failed_purge_leaves_the_database_as_it_was(db, monkeypatch):
    before = db.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr("data_pipeline.ledger.record", broken)
    with pytest.raises(RuntimeError):
        retention.purge(db, today=TODAY)
    assert db.read_bytes() == before
    assert audit.entries().height == 0
    assert not list(db.parent.glob(f".{db.name}.*"))


def config(tmp_path, monkeypatch, text, rest="  termijn: null\n"):
    """A bewaartermijnen.yaml of the text, the other sources kept (rest=None: left out)."""
    folder = tmp_path / "cfg"
    folder.mkdir()
    named = {line.split(":")[0] for line in text.splitlines() if line and line[0] != " "}
    others = "".join(f"{bron}:\n{rest}" for bron in SOURCES if bron not in named) if rest else ""
    (folder / "bewaartermijnen.yaml").write_text(text + others)
    monkeypatch.setenv("LOO_CONFIG", str(folder))


@pytest.mark.parametrize("text, message", [
    ("onbekend:\n  termijn: {jaren: 1}\n", "geen bron"),
    ("signalen:\n  termijn: {eeuwen: 1}\n", "jaren, maanden"),
    ("signalen:\n  termijn: {jaren: -1}\n", "geheel getal"),
    ("signalen:\n  termijn: {jaren: 0}\n", "is 0"),
    ("signalen:\n  termijn: {jaren: 1}\n  vanaf: [wijk]\n", "geen datumkolom"),
    ("signalen:\n  termijn: {jaren: 1}\n  vanaf: ['datum_ontvangst); drop table x; --']\n",
     "geen datumkolom"),
])
def test_bad_configuration_is_refused_in_dutch(tmp_path, monkeypatch, db, text, message):
    config(tmp_path, monkeypatch, text)
    before = db.read_bytes()
    with pytest.raises(ConfigError, match=message):
        retention.purge(db, today=TODAY)
    assert db.read_bytes() == before


def test_a_source_without_a_bewaartermijn_stops_the_purge_by_name(tmp_path, monkeypatch, db):
    config(tmp_path, monkeypatch, "signalen:\n  termijn: {jaren: 5}\n", rest=None)
    before = db.read_bytes()
    with pytest.raises(ConfigError, match="geen bewaartermijn voor m_meldingen, handhaving"):
        retention.purge(db, today=TODAY)
    assert db.read_bytes() == before


def test_the_shipped_configuration_names_every_source_of_the_contract():
    assert set(retention.load_terms()) | {"uitvoeringsplan"} == set(SOURCES)


def test_a_term_in_days_from_configuration(tmp_path, monkeypatch, db):
    config(tmp_path, monkeypatch, "dol_registraties:\n  termijn: {dagen: 365}\n")
    plan = by_source(retention.plan_purge(db, today=TODAY))
    assert plan["dol_registraties"]["grens"] == dt.date(2025, 11, 30)
    assert plan["dol_registraties"]["aantal"] == 2
    assert plan["signalen"]["termijn"] == "onbeperkt"


cli = functools.partial(command, "data_pipeline", "purge")  # as a user runs it


def test_command_dry_run_reports_in_dutch(db):
    result = cli("--dry-run", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Proefdraai" in result.stdout and "signalen: zou 2 rijen verwijderen" in result.stdout


def test_command_purges(db):
    result = cli("--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "signalen: 2 rijen verwijderd" in result.stdout
    assert "dol_registraties: 1 rij verwijderd" in result.stdout
    assert ids(db, "dol_registraties", "registratie_id")[0] != "R1"


def test_command_on_a_missing_database_exits_1(tmp_path):
    result = cli("--db", str(tmp_path / "weg.duckdb"))
    assert result.returncode == 1 and "bestaat niet" in result.stderr


def test_command_usage_error_exits_2():
    assert cli("--onzin").returncode == 2


def test_without_an_audit_setting_the_purge_is_audited_beside_its_database(db, monkeypatch):
    monkeypatch.delenv("LOO_AUDIT_DB")
    monkeypatch.setenv("LOO_DB", "/nonexistent/loo.duckdb")
    retention.purge(db, today=TODAY)
    assert audit.entries(path=db.parent / "audit.sqlite").height == 4


def test_pipeline_cli_loads_are_audited_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.delenv("LOO_AUDIT_DB")
    db = tmp_path / "cli" / "loo.duckdb"
    result = command("data_pipeline", "load", ROOT / "sample_data" / "uitvoeringsplan_2026.csv",
                     "--db", db)
    assert result.returncode == 0, result.stderr
    df = audit.entries(path=db.parent / "audit.sqlite")
    assert df["action"].to_list() == ["load"]
    assert df["object"].to_list() == ["uitvoeringsplan_2026.csv"]
    assert '"uitkomst":"geladen"' in df["detail"][0]


def test_command_counts_back_from_the_given_peildatum(db):
    result = cli("--dry-run", "--peildatum", "2026-11-29", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Bewaartermijnen op 29 november 2026" in result.stdout
    assert "signalen: zou 1 rij verwijderen" in result.stdout  # S1 was closed one day too late


def test_command_refuses_a_peildatum_that_is_no_date_in_dutch(db):
    result = cli("--peildatum", "30-11-2026", "--db", str(db))
    assert result.returncode == 2 and "Peildatum '30-11-2026' is geen datum" in result.stderr
    assert ids(db, "signalen", "signaal_id") == ["S1", "S2", "S3", "S4"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(today=st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_on_any_day_the_plan_counts_what_lies_before_the_cutoff(db, today):
    plan = by_source(retention.plan_purge(db, today=today))
    grens = retention.Term("signalen", jaren=5).cutoff(today)
    ontvangst = {"S1": "2020-01-10", "S2": "2020-01-10", "S3": "2021-06-01", "S4": "2025-03-01"}
    afgesloten = {"S1": "2021-11-29", "S2": "2021-11-30", "S4": "2025-04-01"}
    expected = sum(d(afgesloten.get(s, ontvangst[s])) < grens for s in ontvangst)
    assert plan["signalen"]["aantal"] == expected
