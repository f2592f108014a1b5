"""The committed sample exports load whole, with every theme label mapped."""

import subprocess
import sys
from pathlib import Path

from dashboard import queries
from data_pipeline.load import load_paths
from tests.pipeline_files import table_rows

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def test_sample_data_loads_every_file_with_known_themes(tmp_path):
    db = tmp_path / "loo.duckdb"
    results = load_paths([SAMPLE], db=db)
    assert {r.bron for r in results} == {"signalen", "m_meldingen", "handhaving",
                                          "dol_registraties", "uitvoeringsplan"}
    assert all(r.uitkomst == "geladen" for r in results), [
        str(p) for r in results for p in r.problemen]
    for r in results:
        assert r.ingevoegd == r.gelezen > 0
    assert queries.run("onbekende_themas", db=db).height == 0
    assert table_rows(db, "select count(*) from plan_doelen where jaar = 2026") == [(6,)]


def test_make_db_command_loads_the_sample_and_a_second_run_changes_nothing(tmp_path):
    db = tmp_path / "data" / "loo.duckdb"
    command = [sys.executable, "-m", "data_pipeline", "load", str(SAMPLE), "--db", str(db)]
    assert subprocess.run(command, capture_output=True).returncode == 0
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0
    assert again.stdout.count("Al geladen") == len(list(SAMPLE.glob("*.csv")))
