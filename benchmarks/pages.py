"""Each page's complete set of queries, recorded from a real page run and replayed at any scale.

The set is recorded once by running every page through AppTest as the regisseur with a spy on
dashboard.queries.run, so the benchmark follows the pages as they change instead of a hand-kept
list. Cold = the first run of a page's queries in a fresh process (no result cache, DuckDB file
not yet opened by it); warm = the same queries through the page's result cache (st.cache_data,
keyed by data version), as a second visit to the page gets them.
"""

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dashboard import queries, roles

ROOT = Path(__file__).resolve().parent.parent
SKIP = {"audit", "data", "rapportage"}  # administration pages, not analytics renders


def _encode(value):
    return {"date": value.isoformat()} if isinstance(value, dt.date) else value


def _decode(value):
    return dt.date.fromisoformat(value["date"]) if isinstance(value, dict) else value


def record(db):
    """{page_id: [[query name, params], ...]} as the regisseur's page runs call them."""
    sys.path.insert(0, str(ROOT))
    from streamlit.runtime import pages_manager

    from dashboard import page
    from tests import app_session

    os.environ["LOO_DB"] = str(db)
    pages_manager.Path = app_session._NoPagesDirectory
    calls = []
    real_run = queries.run

    def spy(name, db=None, con=None, **params):
        calls.append([name, {k: _encode(v) for k, v in params.items()}])
        return real_run(name, db=db, con=con, **params)

    queries.run = spy
    try:
        at = app_session.login("regisseur")
        recorded = {}
        for page_id in roles.PAGES:
            if page_id in SKIP or not (ROOT / "pages" / f"{page_id}.py").exists():
                continue
            page.clear_cache()
            calls.clear()
            app_session.open_page(at, page_id)
            if at.exception:
                raise RuntimeError(f"page {page_id} raised while recording")
            recorded[page_id] = list(calls)
    finally:
        queries.run = real_run
    return recorded


def run_cold(db, recorded):
    """Seconds per page for the first run of its queries in this process (no cache)."""
    result = {}
    for page_id, calls in recorded.items():
        started = time.perf_counter()
        for name, params in calls:
            queries.run(name, db=db, **{k: _decode(v) for k, v in params.items()})
        result[page_id] = time.perf_counter() - started
    return result


def cold(db, recorded, repeats=3):
    """Median over fresh processes of each page's cold query time."""
    spec = json.dumps({"db": str(db), "recorded": recorded})
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-m", "benchmarks.pages"], input=spec, text=True,
                             capture_output=True, check=True, cwd=ROOT)
        runs.append(json.loads(out.stdout))
    return {p: statistics.median(r[p] for r in runs) for p in recorded}


def warm(db, recorded, repeats=7):
    """Median of each page's queries served from the page cache after a first run."""
    os.environ["LOO_DB"] = str(db)
    from dashboard import page

    def visit(calls):
        for name, params in calls:
            page.query(name, **{k: _decode(v) for k, v in params.items()})

    result = {}
    for page_id, calls in recorded.items():
        visit(calls)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            visit(calls)
            times.append(time.perf_counter() - started)
        result[page_id] = statistics.median(times)
    return result


if __name__ == "__main__":
    spec = json.loads(sys.stdin.read())
    print(json.dumps(run_cold(spec["db"], spec["recorded"])))
