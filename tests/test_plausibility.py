"""An accepted export that looks cut short is loaded with a warning: result, ledger, CLI."""

import datetime as dt
import subprocess
import sys

import duckdb

from data_pipeline import ledger
from data_pipeline.contract import LEDGER_DDL
from data_pipeline.load import LoadResult, load_file
from tests.conftest import ROOT
from tests.pipeline_files import ledger_rows, signalen_csv, table_rows


def rows(first, last, datum="10-10-2026"):
    """Signal lines SIG-<first> to SIG-<last>, all received on datum."""
    return [f"SIG-{n};{datum};politie;drugs;nieuw;" for n in range(first, last + 1)]


def load(tmp_path, name, lines):
    return load_file(signalen_csv(tmp_path / name, lines), db=tmp_path / "loo.duckdb")


def test_an_export_that_ends_earlier_than_the_loaded_data_is_loaded_with_a_warning(tmp_path):
    load(tmp_path, "signalen_okt.csv", rows(1, 3))
    result = load(tmp_path, "signalen_mei.csv", rows(13, 14, "10-05-2026"))
    assert result.uitkomst == "geladen" and result.ingevoegd == 2
    assert result.waarschuwingen == [
        "Let op: deze export loopt t/m 10 mei 2026, eerder dan de gegevens die er al waren "
        "(t/m 10 oktober 2026). Is dit de nieuwste export?"]


def test_an_export_with_far_fewer_rows_than_the_previous_one_is_loaded_with_a_warning(tmp_path):
    load(tmp_path, "signalen_1.csv", rows(1, 10))
    result = load(tmp_path, "signalen_2.csv", rows(1, 4, "11-10-2026"))
    assert result.uitkomst == "geladen"
    assert any("telt 4 rijen, veel minder dan de vorige export van deze bron (10 rijen)" in w
               for w in result.waarschuwingen)


def test_half_the_rows_of_the_previous_export_is_not_far_fewer(tmp_path):
    load(tmp_path, "signalen_1.csv", rows(1, 10))
    assert load(tmp_path, "signalen_2.csv", rows(1, 5, "11-10-2026")).waarschuwingen == []


def test_a_following_export_that_reaches_further_gets_no_warning(tmp_path):
    load(tmp_path, "signalen_1.csv", rows(1, 5, "01-10-2026"))
    assert load(tmp_path, "signalen_2.csv", rows(1, 6, "01-11-2026")).waarschuwingen == []


def test_a_refused_export_does_not_count_as_the_previous_one(tmp_path):
    load(tmp_path, "signalen_1.csv", rows(1, 4))
    load(tmp_path, "signalen_kapot.csv", rows(1, 40) + ["SIG-X;99-99-2026;politie;drugs;nieuw;"])
    assert load(tmp_path, "signalen_2.csv", rows(1, 3, "11-10-2026")).waarschuwingen == []


def test_the_warning_is_kept_in_the_ledger_beside_the_accepted_load(tmp_path):
    load(tmp_path, "signalen_okt.csv", rows(1, 3))
    load(tmp_path, "signalen_mei.csv", rows(13, 14, "10-05-2026"))
    bestand, uitkomst, *_, redenen = ledger_rows(tmp_path / "loo.duckdb")[-1]
    assert (bestand, uitkomst) == ("signalen_mei.csv", "geladen")
    assert redenen.startswith("Let op: deze export loopt t/m 10 mei 2026")


def test_nothing_is_lost_when_a_short_export_follows_a_long_one(tmp_path):
    load(tmp_path, "signalen_1.csv", rows(1, 10))
    load(tmp_path, "signalen_2.csv", rows(1, 2, "11-10-2026"))
    assert table_rows(tmp_path / "loo.duckdb", "select count(*) from signalen") == [(10,)]


def test_the_command_line_prints_the_warning(tmp_path):
    db = tmp_path / "loo.duckdb"
    load(tmp_path, "signalen_okt.csv", rows(1, 3))
    kort = signalen_csv(tmp_path / "signalen_mei.csv", rows(13, 14, "10-05-2026"))
    done = subprocess.run([sys.executable, "-m", "data_pipeline", "load", str(kort),
                           "--db", str(db)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0
    assert "Let op: deze export loopt t/m 10 mei 2026" in done.stderr


def test_the_ledger_keeps_a_note_and_each_warning_on_a_line_of_its_own():
    con = duckdb.connect()
    con.execute(LEDGER_DDL)
    result = LoadResult("signalen.csv", "signalen", "ab" * 32, uitkomst="geladen",
                        opmerking="3 eerder geladen rijen kregen een thema.",
                        waarschuwingen=["Let op: eerder.", "Let op: minder."])
    ledger.record(con, 1, result, dt.datetime(2026, 11, 30, 9), dt.datetime(2026, 11, 30, 9, 1))
    assert con.execute("select redenen from load_ledger").fetchall() == [(
        "3 eerder geladen rijen kregen een thema.\nLet op: eerder.\nLet op: minder.",)]


def test_another_gemeentes_export_is_compared_with_its_own_loads_only(tmp_path):
    # Wassenaar's export reaches October with ten rows; Zoetermeer's first export ends in May
    # with two: neither "ends earlier" nor "far fewer" holds against Zoetermeer's own (none)
    load(tmp_path, "signalen_okt.csv", rows(1, 10))
    result = load(tmp_path, "zoetermeer_signalen_mei.csv", rows(1, 2, "10-05-2026"))
    assert result.uitkomst == "geladen" and result.waarschuwingen == []


def test_a_gemeentes_later_export_is_compared_with_its_own_earlier_one(tmp_path):
    load(tmp_path, "zoetermeer_signalen_okt.csv", rows(1, 10))
    load(tmp_path, "signalen_nov.csv", rows(1, 10, "10-11-2026"))  # Wassenaar, further on
    result = load(tmp_path, "zoetermeer_signalen_mei.csv", rows(21, 22, "10-05-2026"))
    assert result.waarschuwingen == [
        "Let op: deze export loopt t/m 10 mei 2026, eerder dan de gegevens die er al waren "
        "(t/m 10 oktober 2026). Is dit de nieuwste export?",
        "Let op: deze export telt 2 rijen, veel minder dan de vorige export van deze bron "
        "(10 rijen). Staat er in het bronsysteem een filter aan?"]
