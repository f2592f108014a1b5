"""Two processes: a reader keeps counting while a load swaps in a new database file."""

import subprocess
import sys
import textwrap

import polars as pl

from data_pipeline.load import load_file

READER = textwrap.dedent("""
    import sys, time
    from data_pipeline.db import read_connection

    db, stop = sys.argv[1], sys.argv[2]
    import os
    seen = []
    while not os.path.exists(stop):
        with read_connection(db) as con:
            seen.append(con.execute("select count(*) from dol_registraties").fetchall()[0][0])
    with read_connection(db) as con:
        seen.append(con.execute("select count(*) from dol_registraties").fetchall()[0][0])
    print(" ".join(map(str, seen)))
""")


def dol_export(path, n, offset=0):
    """A DOL export of n rows, written with polars."""
    ids = pl.int_range(offset, offset + n, eager=True)
    pl.DataFrame({
        "registratie_id": ids.cast(pl.String).str.zfill(8),
        "datum_registratie": pl.Series(["2025-06-01", "14-07-2025", "02/08/2025"] * (n // 3 + 1))
        .head(n),
        "opkoper_pseudoniem": (ids % 7).cast(pl.String).str.replace(r"^", "OPK-"),
        "branche": pl.Series(["fietsen", "goud_en_sieraden"] * (n // 2 + 1)).head(n),
        "aantal": (ids % 4 + 1).cast(pl.String),
        "gestolen_match": pl.Series(["nee", "ja", "nee", "nee"] * (n // 4 + 1)).head(n),
    }).write_csv(path, separator=";")
    return path


def test_reader_sees_the_old_or_the_new_count_and_never_fails(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(dol_export(tmp_path / "dol_registraties_1.csv", 1000), db=db)
    big = dol_export(tmp_path / "dol_registraties_2.csv", 300_000, offset=1000)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        result = load_file(big, db=db)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert result.ingevoegd == 300_000
    counts = [int(c) for c in out.split()]
    assert set(counts) <= {1000, 301_000}
    assert counts[0] == 1000
    assert counts[-1] == 301_000
    assert len(counts) > 2
