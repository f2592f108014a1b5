"""The small SQLite store beside the database: audit trail, revoked sessions, failed logins.

It is a separate file from the DuckDB database on purpose: a load swaps the database file with
os.replace, and the audit trail must outlive every swap. SQLite in WAL mode with a busy timeout
lets several Streamlit threads and CLI processes append at the same time.
"""

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from data_pipeline.db import database_path

BUSY_TIMEOUT_MS = 10_000
_READY = set()  # store files whose schema this process has already ensured

SCHEMA = """
create table if not exists audit (
    seq integer primary key,
    tijd text not null,
    "user" text,
    role text,
    "action" text not null,
    object text,
    detail text,
    prev_hash text not null,
    hash text not null
);
-- Append-only inside SQLite: a changed or deleted row is refused here, and anyone who drops
-- these triggers to edit the file directly is caught by the hash chain (audit.verify).
create trigger if not exists audit_no_update before update on audit
begin select raise(abort, 'audittrail is alleen aanvullen'); end;
create trigger if not exists audit_no_delete before delete on audit
begin select raise(abort, 'audittrail is alleen aanvullen'); end;

create table if not exists sessie_geldig_na (
    username text primary key,
    geldig_na real not null
);
create table if not exists login_mislukt (
    sleutel text not null,
    tijd real not null
);
create index if not exists login_mislukt_sleutel on login_mislukt (sleutel, tijd);
"""


def store_path(db=None):
    """$LOO_AUDIT_DB, else audit.sqlite in the folder of the database (db, as --db gives it)."""
    if os.environ.get("LOO_AUDIT_DB"):
        return Path(os.environ["LOO_AUDIT_DB"])
    return database_path(db).parent / "audit.sqlite"


@contextmanager
def connect(path=None):
    """A short-lived connection with the schema in place; the caller manages transactions."""
    target = Path(path) if path else store_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = str(target) not in _READY or not target.exists()
    con = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        con.execute("pragma journal_mode = wal")
        con.execute("pragma synchronous = full")
        if fresh:
            con.executescript(SCHEMA)
            _READY.add(str(target))
        yield con
    finally:
        con.close()
