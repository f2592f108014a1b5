"""Small helpers for the pipeline tests: write tiny exports and read tables back."""

import duckdb

SIGNALEN_HEADER = "signaal_id;datum_ontvangst;bron;thema;status;wijk"


def write_csv(path, lines, encoding="utf-8", bom=False, newline="\n"):
    """Write the lines as a CSV file in the given encoding."""
    data = newline.join(lines) + newline
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    path.write_bytes(raw)
    return path


def signalen_csv(path, rows, header=SIGNALEN_HEADER, **kw):
    """A signalen export with the given data lines under the standard header."""
    return write_csv(path, [header, *rows], **kw)


def table_rows(db, sql, params=None):
    """All rows of a query on a database file, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def ledger_rows(db):
    """The ledger as (bestand, uitkomst, gelezen, ingevoegd, bijgewerkt, ongewijzigd, redenen)."""
    return table_rows(db, "select bestand, uitkomst, gelezen, ingevoegd, bijgewerkt, ongewijzigd, "
                          "redenen from load_ledger order by load_id")
