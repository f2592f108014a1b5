"""The committed sample exports load whole, with every theme label mapped."""

from dashboard import queries
from data_pipeline.load import load_paths
from tests.conftest import ROOT, command
from tests.pipeline_files import table_rows

SAMPLE = ROOT / "sample_data"


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
    assert command("data_pipeline", "load", SAMPLE, "--db", db).returncode == 0
    again = command("data_pipeline", "load", SAMPLE, "--db", db)
    assert again.returncode == 0
    assert again.stdout.count("Al geladen") == len(list(SAMPLE.glob("*.csv")))
