"""The small SQLite files beside the database (audit trail, sessions, plan updates).

Each is a separate file from the DuckDB database on purpose: a load swaps the database with
os.replace, and these must outlive every swap. WAL mode and a busy timeout let Streamlit
threads and command-line processes append at the same time; a second writer waits.

The files hold who did what (audit trail, sessions) and plan texts: only the service account may
read them, so each is kept at mode 0600 (with its -wal and -shm companions) and a folder made
here gets 0700.
"""

import os
import sqlite3
import stat
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


PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def make_folder(folder):
    """Create a missing folder and its missing parents, each readable by the owner only.

    mkdir with a mode, top down, and never a chmod: a folder that exists keeps its mode, even if
    a mistake here (or a mutant in make mutation) took it for a new one."""
    for step in reversed((folder, *folder.parents)):
        if not step.exists():
            try:
                os.mkdir(step, PRIVATE_DIR)
            except FileExistsError:
                pass  # made by another process in the meantime


def make_private(path):
    """Create the file with mode 0600 if it is missing, and narrow a looser mode on it and on
    its -wal and -shm files (an older version left them 0644)."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = name.stat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISREG(mode) and mode & 0o077:
            os.chmod(name, PRIVATE_FILE)


@contextmanager
def connect(path, schema, busy_ms):
    """A short-lived autocommit connection in WAL mode, schema (a script) created if needed,
    the file private to its owner; the caller manages its transactions."""
    path = Path(path)
    make_folder(path.parent)
    make_private(path)
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
