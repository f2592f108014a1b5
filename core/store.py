"""The SQLite store beside the database: audit trail, revoked sessions, failed logins
(core.sqlite: WAL, busy timeout, schema once)."""

import os
from pathlib import Path

from core import sqlite
from core.resources import database_path

BUSY_TIMEOUT_MS = 10_000

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


def connect(path=None):
    """A short-lived connection with the schema in place; the caller manages transactions."""
    return sqlite.connect(Path(path) if path else store_path(), SCHEMA, BUSY_TIMEOUT_MS)
