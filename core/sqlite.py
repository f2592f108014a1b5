"""The small SQLite files beside the database (audit trail, sessions, plan updates).

Each is a separate file from the DuckDB database on purpose: a load swaps the database with
os.replace, and these must outlive every swap. WAL mode and a busy timeout let Streamlit
threads and command-line processes append at the same time; a second writer waits.
"""

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

_READY = set()  # files whose schema and WAL mode this process has already ensured


def retry(action, attempts=100, wait=0.05):
    """Retry an action while another connection briefly holds a lock that SQLite does not wait
    for by itself (switching a new file to WAL mode answers 'locked' at once)."""
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(wait)


@contextmanager
def connect(path, schema, busy_ms):
    """A short-lived autocommit connection in WAL mode, schema (a script) created if needed;
    the caller manages its transactions."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = str(path) not in _READY or not path.exists()
    con = sqlite3.connect(str(path), timeout=busy_ms / 1000, isolation_level=None)
    try:
        if fresh:
            retry(lambda: con.execute("pragma journal_mode = wal"))
            retry(lambda: con.executescript(schema))
            _READY.add(str(path))
        con.execute("pragma synchronous = full")
        yield con
    finally:
        con.close()
