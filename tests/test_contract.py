"""The schema built from the contract."""

import duckdb

from data_pipeline.contract import SOURCES


def test_every_source_table_exists_with_its_id_first(empty_db):
    con = duckdb.connect(str(empty_db), read_only=True)
    for source in SOURCES.values():
        cols = [r[0] for r in con.execute(f"describe {source.table}").fetchall()]
        assert cols[0] == source.id_column
        assert "load_id" in cols
    con.close()


def test_mapped_theme_columns_keep_the_raw_label(empty_db):
    con = duckdb.connect(str(empty_db), read_only=True)
    cols = [r[0] for r in con.execute("describe signalen").fetchall()]
    assert cols.index("thema_bron") == cols.index("thema") + 1
    con.close()


def test_every_name_written_into_sql_is_a_plain_identifier():
    from data_pipeline.contract import IDENTIFIER, identifiers

    names = identifiers()
    assert {"signalen", "signaal_id", "load_id", "thema_bron"} <= names
    assert all(IDENTIFIER.fullmatch(n) for n in names)
    assert not IDENTIFIER.fullmatch("signalen; drop table x") and not IDENTIFIER.fullmatch('a"b')
