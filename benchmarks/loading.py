"""Load throughput of the pipeline against DuckDB's bare read_csv of the same file."""

import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from data_pipeline import load


def bare_duckdb(path):
    """Seconds for `create table as select * from read_csv(...)` into a fresh file."""
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "bare.duckdb"))
        con.execute("set enable_progress_bar = false")
        started = time.perf_counter()
        con.execute("create table t as select * from read_csv($p)", {"p": str(path)})
        con.execute("checkpoint")
        seconds = time.perf_counter() - started
        rows = con.execute("select count(*) from t").fetchone()[0]
        con.close()
    return rows, seconds


def pipeline(path):
    """Seconds for the real loader (read, validate, privacy gate, upsert, swap) into a fresh file."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = load.load_file(path, db=Path(tmp) / "loo.duckdb")
        seconds = time.perf_counter() - started
    if result.uitkomst != "geladen":
        raise RuntimeError(result.samenvatting())
    return result.gelezen, seconds


def measure(path, repeat=1):
    """Both loads of one file, in the same run, as rows/s and their ratio (the median of
    `repeat` runs of each, alternating, on a shared machine)."""
    bares, ours = [], []
    for _ in range(repeat):
        rows, seconds = bare_duckdb(path)
        bares.append(seconds)
        ours.append(pipeline(path)[1])
    bare, ours = statistics.median(bares), statistics.median(ours)
    return {"rows": rows, "pipeline_s": ours, "bare_duckdb_s": bare,
            "pipeline_rows_per_s": rows / ours, "bare_rows_per_s": rows / bare,
            "ratio_of_bare": bare / ours, "runs": repeat}
