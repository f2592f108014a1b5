"""data_pipeline.staging on a connection of our own: the views over the attached file, the
reference tables from the contract and the per-source views, checked against values written
here."""

import datetime as dt

import duckdb
import pytest

from data_pipeline import staging
from data_pipeline.contract import SOURCES, table_ddl
from tests.conftest import build_db, d

SIGNALEN = [
    {"signaal_id": "S1", "datum_ontvangst": d("2025-01-10"), "bron": "politie",
     "thema": "drugs", "thema_bron": "Drugs", "status": "nieuw"},
    {"signaal_id": "S2", "datum_ontvangst": d("2025-02-20"), "bron": "politie",
     "thema": "fraude", "thema_bron": "fraude (zorg)", "status": "nieuw"},
]
HANDHAVING = [{"actie_id": "H1", "datum": d("2025-05-01"), "instrument": "apv_straathandel",
               "thema": "drugs", "thema_bron": "drugs"}]
# a plan goal with a start date: goals are no events, so the plan has no newest date
PLAN = [{"doel_id": "D1", "jaar": 2026, "spoor": 1, "wat": "a", "doel": "b",
         "startdatum": d("2026-01-01")}]
LEDGER = [{"load_id": 7, "bestand": "signalen.csv", "sha256": "ab" * 32, "bron": "signalen",
           "gestart": dt.datetime(2026, 1, 2, 9, 0), "uitkomst": "geladen"}]


def reader(path):
    """An in-memory catalog with the file attached read-only as 'bestand', layer defined."""
    con = duckdb.connect()
    con.execute("attach $path as bestand (read_only)", {"path": str(path)})
    staging.define(con, "bestand")
    return con


@pytest.fixture
def con(tmp_path):
    """Per test, not per module: mutmut links a mutant to the tests that call its function,
    and a module-wide fixture would link the layer to the first test only."""
    path = tmp_path / "loo.duckdb"
    connection = reader(build_db(path, {"signalen": SIGNALEN, "handhaving": HANDHAVING,
                                        "plan_doelen": PLAN, "load_ledger": LEDGER}))
    yield connection
    connection.close()


@pytest.fixture
def only_signalen(tmp_path):
    """An older file that has only the signalen table, with one row."""
    path = tmp_path / "oud.duckdb"
    file = duckdb.connect(str(path))
    file.execute(table_ddl(SOURCES["signalen"]))
    file.execute("insert into signalen (signaal_id, datum_ontvangst, bron, thema, status) "
                 "values ('S1', date '2025-01-10', 'politie', 'drugs', 'nieuw')")
    file.close()
    connection = reader(path)
    yield connection
    connection.close()


def rows(con, sql):
    return con.execute(sql).fetchall()


def test_a_table_in_the_file_passes_its_rows_through(con):
    assert rows(con, "select signaal_id from signalen order by 1") == [("S1",), ("S2",)]


def test_the_load_ledger_in_the_file_passes_its_rows_through(con):
    assert rows(con, "select load_id, bestand from load_ledger") == [(7, "signalen.csv")]


def test_a_table_the_file_lacks_is_there_and_empty(only_signalen):
    assert rows(only_signalen, "select count(*) from dol_registraties") == [(0,)]
    assert rows(only_signalen, "select count(*) from load_ledger") == [(0,)]


def test_a_table_in_an_older_file_still_passes_its_rows_through(only_signalen):
    assert rows(only_signalen, "select signaal_id from signalen") == [("S1",)]


def test_the_layer_works_over_an_older_file(only_signalen):
    assert rows(only_signalen, "select bron, rijen from stg_bronnen order by volgorde") == [
        ("signalen", 1), ("m_meldingen", 0), ("handhaving", 0), ("dol_registraties", 0),
        ("uitvoeringsplan", 0)]


def test_ref_instrument_holds_the_kind_of_every_instrument(con):
    assert sorted(rows(con, "select instrument, soort from ref_instrument")) == [
        ("anders", "maatregel"), ("apv_straathandel", "maatregel"),
        ("bestuurlijke_boete", "maatregel"), ("bestuurlijke_waarschuwing", "maatregel"),
        ("bibob_onderzoek", "bibob"), ("last_onder_dwangsom", "maatregel"),
        ("opiumwet_13b_sluiting", "maatregel"),
        ("registercontrole_dol_dor", "registercontrole")]


def test_ref_vervolg_marks_the_follow_ups_that_are_an_intervention(con):
    assert sorted(rows(con, "select vervolg, interventie from ref_vervolg")) == [
        ("anders", False), ("bestuursrechtelijk", True), ("bronnenonderzoek", False),
        ("geen", False), ("riec", True), ("strafrechtelijk", True),
        ("zorg_en_veiligheid", True)]


def test_stg_bronnen_gives_rows_and_newest_date_per_source_in_contract_order(con):
    assert rows(con, "select bron, volgorde, rijen, nieuwste_datum from stg_bronnen "
                     "order by volgorde") == [
        ("signalen", 1, 2, d("2025-02-20")), ("m_meldingen", 2, 0, None),
        ("handhaving", 3, 1, d("2025-05-01")), ("dol_registraties", 4, 0, None),
        ("uitvoeringsplan", 5, 1, None)]


def test_stg_datums_gives_every_event_date_with_its_source(con):
    assert sorted(rows(con, "select bron, datum from stg_datums")) == [
        ("handhaving", d("2025-05-01")), ("signalen", d("2025-01-10")),
        ("signalen", d("2025-02-20"))]


def test_stg_thema_labels_gives_each_rows_thema_and_raw_label(con):
    assert sorted(rows(con, "select bron, thema, thema_bron from stg_thema_labels")) == [
        ("handhaving", "drugs", "drugs"), ("signalen", "drugs", "Drugs"),
        ("signalen", "fraude", "fraude (zorg)")]


@pytest.mark.parametrize("view", [
    "stg_signalen", "stg_m_meldingen", "stg_signalen_en_meldingen", "stg_handhaving",
    "stg_dol_registraties", "stg_vergaderingen", "fct_metingen"])
def test_every_view_of_the_semantic_layer_is_defined(con, view):
    assert con.execute(f"select count(*) from {view}").fetchone()[0] >= 0


def test_the_categorie_macro_is_defined(con):
    assert rows(con, "select function_name from duckdb_functions() "
                     "where function_name = 'categorie'") == [("categorie",)]


def test_fct_metingen_counts_the_signals_of_the_file(con):
    assert rows(con, "select count(*) from fct_metingen where maat = 'signalen'") == [(2,)]


@pytest.mark.parametrize("table, columns", [
    ("ref_instrument", ["instrument", "soort"]), ("ref_vervolg", ["vervolg", "interventie"])])
def test_reference_tables_have_lower_case_columns_for_select_star_readers(con, table, columns):
    assert [c[0] for c in con.execute(f"select * from {table}").description] == columns


def test_a_ledger_row_of_a_gemeente_keeps_it_and_one_without_gets_the_configured(tmp_path):
    zoetermeer = {**LEDGER[0], "load_id": 8, "gemeente": "Zoetermeer"}
    c = reader(build_db(tmp_path / "loo.duckdb", {"load_ledger": [LEDGER[0], zoetermeer]}))
    assert c.sql("select load_id, gemeente from load_ledger order by load_id").fetchall() == [
        (7, "Wassenaar"), (8, "Zoetermeer")]


def test_a_ledger_from_before_district_mode_is_the_configured_gemeentes(tmp_path):
    path = build_db(tmp_path / "loo.duckdb", {"load_ledger": LEDGER})
    with duckdb.connect(str(path)) as old:
        old.execute("alter table load_ledger drop column gemeente")
    c = reader(path)
    assert c.sql("select load_id, bestand, gemeente from load_ledger").fetchall() == [
        (7, "signalen.csv", "Wassenaar")]


def test_the_configured_name_is_quoted_as_a_literal():
    assert staging.sql_literal("'s-Hertogenbosch") == "'''s-Hertogenbosch'"
    assert staging.sql_literal("Wassenaar") == "'Wassenaar'"
