"""Where the database lives and how readers open it without blocking or being blocked by a load.

A load never writes into the live file: it copies it, changes the copy in one transaction and
swaps it in with os.replace (see data_pipeline.load). Readers share one read-only connection per
file version in each process and take a cursor per use (connections are not thread-safe).

Why readers connect through a hard link named after the file version: DuckDB keeps one database
instance per path in a process, so a connection opened after a swap, while an older one is still
open, would be handed the old instance and read old data under the new version. A path per
version (data/.lezers/loo-<inode>-<mtime>.duckdb, a hard link to the live file) rules that out.

A reader connection is an in-memory catalog with that file attached read-only: the semantic
layer's views (data_pipeline.staging) live in memory on top of it, so every reader sees the
same definitions and the file holds nothing but data.
"""

import os
import threading
import time
from contextlib import contextmanager

import duckdb

from core.resources import database_path
from data_pipeline import staging

READERS = ".lezers"
CATALOG = "loo"  # the attached database file; unqualified names are the semantic layer's

_lock = threading.Lock()
_shared = {}  # live path -> (version, connection)


def data_version(path=None):
    """A value that changes whenever a load swaps in a new file (inode, mtime, size)."""
    try:
        st = os.stat(database_path(path))
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _version_link(target, version):
    """A hard link to the live file under a name of its own version; None if it was swapped."""
    folder = target.parent / READERS
    folder.mkdir(exist_ok=True)
    link = folder / f"{target.stem}-{version[0]}-{version[1]}.duckdb"
    if not link.exists():
        tmp = folder / f".{link.name}.{os.getpid()}.{threading.get_ident()}"
        os.link(target, tmp)
        os.replace(tmp, link)
    if os.stat(link).st_ino != version[0]:
        link.unlink(missing_ok=True)
        return None
    for old in folder.glob(f"{target.stem}-*.duckdb"):
        if old != link:
            old.unlink(missing_ok=True)  # open readers keep their file; only the name goes
    return link


def _open(link):
    """An in-memory catalog with the file attached read-only and the semantic layer on it."""
    con = duckdb.connect()
    try:
        con.execute(f"attach $path as {CATALOG} (read_only)", {"path": str(link)})
        staging.define(con, CATALOG)
    except BaseException:
        con.close()
        raise
    return con


def _connect(target, attempts, wait):
    """A read-only connection to the current version of target, retried for a bounded time."""
    for attempt in range(attempts):
        version = data_version(target)
        if version is None:
            raise FileNotFoundError(f"Database {target} bestaat niet: laad eerst gegevens.")
        try:
            link = _version_link(target, version)
            if link is not None:
                return version, _open(link)
        except (duckdb.IOException, FileNotFoundError):
            if attempt == attempts - 1:
                raise
        time.sleep(wait)
    raise duckdb.IOException(f"Database {target} kon niet worden geopend.")


def snapshot(path=None, attempts=40, wait=0.05):
    """(version, connection) of the database's current version; holding the connection keeps
    that version readable after a swap, so several queries can read one consistent state."""
    target = database_path(path).resolve()
    with _lock:
        version, con = _shared.get(str(target), (None, None))
        if con is None or version != data_version(target):
            version, con = _connect(target, attempts, wait)
            _shared[str(target)] = (version, con)
    return version, con


@contextmanager
def cursor(con):
    """A cursor of a shared connection, for one thread's use."""
    with _lock:
        cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()


@contextmanager
def read_connection(path=None, attempts=40, wait=0.05):
    """A cursor on the shared read-only connection of the database's current version."""
    _, con = snapshot(path, attempts, wait)
    with cursor(con) as cur:
        yield cur
