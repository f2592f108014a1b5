"""Tiny shared fixtures: an empty database with the contract's schema and a row-maker."""

import datetime as dt

import duckdb
import pytest

from data_pipeline.contract import SOURCES, all_ddl


def build_db(path, rows=None):
    """Create a database with every table of the contract and insert the given rows per table."""
    con = duckdb.connect(str(path))
    for ddl in all_ddl():
        con.execute(ddl)
    for table, records in (rows or {}).items():
        for record in records:
            cols = list(record)
            marks = ", ".join(f"${c}" for c in cols)
            con.execute(f"insert into {table} ({', '.join(cols)}) values ({marks})", record)
    con.close()
    return path


@pytest.fixture
def make_db(tmp_path):
    """A factory: make_db({'signalen': [{...}, ...]}) returns the path of a fresh database."""
    counter = iter(range(1000))

    def make(rows=None):
        return build_db(tmp_path / f"db{next(counter)}.duckdb", rows)

    return make


@pytest.fixture
def empty_db(make_db):
    """A database with the schema and no rows."""
    return make_db()


def d(text):
    """A date from ISO text, for readable fixtures."""
    return dt.date.fromisoformat(text)


__all__ = ["build_db", "d", "SOURCES"]
