"""Where the database lives and how readers open it without blocking or being blocked by a load.

A load never writes into the live file: it copies it, changes the copy in one transaction and
swaps it in with os.replace (see data_pipeline.load). Readers therefore open short-lived
read-only connections; a reader that opened the old file keeps a consistent snapshot, and a
reader that opens after the swap sees the new data whole.
"""

import os
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "loo.duckdb"


def database_path(explicit=None):
    """The database file: --db, else $LOO_DB, else data/loo.duckdb in the project."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_DB"):
        return Path(os.environ["LOO_DB"])
    return DEFAULT_DB


def data_version(path=None):
    """A value that changes whenever a load swaps in a new file (inode, mtime, size)."""
    try:
        st = os.stat(database_path(path))
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def read_connection(path=None, attempts=40, wait=0.05):
    """A read-only connection, retried for a bounded time while another process holds a lock."""
    target = database_path(path)
    if not target.exists():
        raise FileNotFoundError(f"Database {target} bestaat niet: laad eerst gegevens.")
    for attempt in range(attempts):
        try:
            con = duckdb.connect(str(target), read_only=True)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(wait)
    try:
        yield con
    finally:
        con.close()
