"""Read connections: one per file version, never an older version after a swap."""

import os

from data_pipeline.db import read_connection
from tests.conftest import build_db, d


def _db_with_value(path, value):
    """A database whose one signal has the id str(value)."""
    return build_db(path, {"signalen": [{"signaal_id": str(value), "bron": "politie",
                                         "datum_ontvangst": d("2026-01-05"), "thema": "drugs",
                                         "status": "nieuw"}]})


def test_a_reader_after_a_swap_sees_the_new_file_while_an_old_reader_is_open(tmp_path):
    live = _db_with_value(tmp_path / "loo.duckdb", 1)
    new = _db_with_value(tmp_path / "nieuw.duckdb", 2)
    with read_connection(live) as old:
        assert old.execute("select signaal_id from signalen").fetchone()[0] == "1"
        os.replace(new, live)
        with read_connection(live) as fresh:
            assert fresh.execute("select signaal_id from signalen").fetchone()[0] == "2"
        assert old.execute("select signaal_id from signalen").fetchone()[0] == "1"


def test_only_the_current_version_keeps_a_reader_link(tmp_path):
    live = _db_with_value(tmp_path / "loo.duckdb", 1)
    with read_connection(live):
        pass
    os.replace(_db_with_value(tmp_path / "nieuw.duckdb", 2), live)
    with read_connection(live):
        pass
    links = list((tmp_path / ".lezers").glob("loo-*.duckdb"))
    assert [link.stat().st_ino for link in links] == [live.stat().st_ino]


def test_a_missing_database_says_so_in_dutch(tmp_path):
    try:
        with read_connection(tmp_path / "geen.duckdb"):
            pass
    except FileNotFoundError as exc:
        assert "bestaat niet" in str(exc)
    else:
        raise AssertionError("expected FileNotFoundError")
