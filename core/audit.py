"""An append-only, tamper-evident audit trail: who did what, when, on which object.

Every entry is chained to the one before it: hash = sha256 of the canonical JSON of the entry,
which includes prev_hash. Changing, inserting or deleting a row in the middle breaks the chain
from that row on, and verify() names the first bad sequence number. Cutting rows off the end
cannot be seen from the chain alone; head() gives the last (seq, hash) to keep elsewhere.

Entries never hold a personal value: the object is a page id, a file name, a goal id or an
account name, and the detail only short identifiers and numbers. record() refuses anything
that looks like free text or a direct identifier.
"""

import datetime as dt
import functools
import hashlib
import json
import re

import polars as pl

from core import clock
from core.store import connect, store_path

ACTIONS = (
    "login_gelukt", "login_mislukt", "uitgelogd", "pagina_bekeken", "download", "export",
    "upload", "load", "plan_wijziging", "account_wijziging", "purge",
)
GENESIS = "0" * 64
FIELDS = ("seq", "tijd", "user", "role", "action", "object", "detail", "prev_hash", "hash")
SCHEMA = {"seq": pl.Int64, "tijd": pl.String, "user": pl.String, "role": pl.String,
          "action": pl.String, "object": pl.String, "detail": pl.String,
          "prev_hash": pl.String, "hash": pl.String}

# Identifiers, page ids, file names, counts: letters, digits and a little punctuation.
SAFE_TEXT = re.compile(r"^[\w .,:;/()\-+=#]*$")
MAX_OBJECT = 200
MAX_DETAIL = 400
# Direct identifiers that must never reach the trail, even inside an allowed character set.
IDENTIFIERS = (
    re.compile(r"(?<!\d)\d{9}(?!\d)"),  # BSN-shaped
    re.compile(r"(?<!\d)(?:\+31|0031|0)[ -]?6[ -]?\d{8}(?!\d)"),  # mobile number
    re.compile(r"(?<!\d)0\d{2,3}[ -]?\d{6,7}(?!\d)"),  # landline
    re.compile(r"\b[A-Z]{2}\d{2}[A-Z]{4}\d{7,10}\b", re.IGNORECASE),  # IBAN
    re.compile(r"\b[1-9]\d{3} ?[A-Z]{2} ?\d{1,5}\b", re.IGNORECASE),  # postcode + house number
)


class AuditError(ValueError):
    """An entry that may not be written; the message is Dutch and never repeats the value."""


def _check_text(text, what, limit):
    if text is None:
        return None
    text = str(text)
    if len(text) > limit:
        raise AuditError(f"Audittrail: {what} is langer dan {limit} tekens; alleen kenmerken, "
                         "geen vrije tekst.")
    if not SAFE_TEXT.match(text):
        raise AuditError(f"Audittrail: {what} bevat tekens die niet in een kenmerk horen; "
                         "alleen letters, cijfers en . , : ; / ( ) - + = #.")
    if any(p.search(text) for p in IDENTIFIERS):
        raise AuditError(f"Audittrail: {what} lijkt een direct identificerend gegeven te "
                         "bevatten en is niet vastgelegd.")
    return text


def _detail_text(detail):
    """A detail as text: a short identifier string, or a flat dict of identifiers and numbers."""
    if detail is None or isinstance(detail, str):
        return _check_text(detail, "detail", MAX_DETAIL)
    if not isinstance(detail, dict):
        raise AuditError("Audittrail: detail moet tekst of een woordenboek zijn.")
    clean = {}
    for key, value in detail.items():
        _check_text(key, "detailsleutel", 40)
        if isinstance(value, (bool, int, float)) or value is None:
            clean[str(key)] = value
        else:
            clean[str(key)] = _check_text(value, f"detail '{key}'", MAX_OBJECT)
    text = json.dumps(clean, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_DETAIL:
        raise AuditError(f"Audittrail: detail is langer dan {MAX_DETAIL} tekens.")
    return text


def safe_name(text, limit=MAX_OBJECT):
    """A name we built ourselves (file name, page id) made fit for the trail: other characters
    become '_'. Not for data values: those never belong in the trail at all."""
    return re.sub(r"[^\w.,:;/()\-+=#]", "_", str(text))[:limit]


def entry_hash(entry):
    """sha256 over the canonical JSON of an entry's fields, prev_hash included."""
    body = {k: entry[k] for k in FIELDS if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def operator():
    """The OS account running a command (load, purge, users), or None if not a plain name."""
    import getpass

    try:
        name = getpass.getuser()
        _check_text(name, "gebruiker", 64)
        return name
    except (AuditError, OSError, KeyError):
        return None


def _now():
    return clock.real_now().isoformat(timespec="microseconds")


def record(action, user=None, role=None, object=None, detail=None, path=None):
    """Append one entry and return its sequence number."""
    if action not in ACTIONS:
        raise AuditError(f"Audittrail: onbekende actie '{action}'.")
    entry = {
        "tijd": _now(),
        "user": _check_text(user, "gebruiker", 64),
        "role": _check_text(role, "rol", 32),
        "action": action,
        "object": _check_text(object, "object", MAX_OBJECT),
        "detail": _detail_text(detail),
    }
    with connect(path) as con:
        # BEGIN IMMEDIATE takes the write lock before reading the head, so two writers can never
        # chain onto the same previous entry.
        con.execute("begin immediate")
        try:
            last = con.execute("select seq, hash from audit order by seq desc limit 1").fetchone()
            entry["seq"] = (last[0] + 1) if last else 1
            entry["prev_hash"] = last[1] if last else GENESIS
            entry["hash"] = entry_hash(entry)
            con.execute(
                'insert into audit (seq, tijd, "user", role, "action", object, detail, prev_hash, '
                "hash) values (:seq, :tijd, :user, :role, :action, :object, :detail, :prev_hash, "
                ":hash)", entry)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return entry["seq"]


def _rows(con):
    cur = con.execute(
        'select seq, tijd, "user", role, "action", object, detail, prev_hash, hash '
        "from audit order by seq")
    for row in cur:
        yield dict(zip(FIELDS, row))


def verify(path=None):
    """(True, None) when the chain is whole, else (False, seq of the first bad entry)."""
    with connect(path) as con:
        expected_seq, expected_prev = 1, GENESIS
        for entry in _rows(con):
            if (entry["seq"] != expected_seq or entry["prev_hash"] != expected_prev
                    or entry_hash(entry) != entry["hash"]):
                return False, entry["seq"]
            expected_seq, expected_prev = entry["seq"] + 1, entry["hash"]
    return True, None


def head(path=None):
    """(seq, hash) of the newest entry, or (0, GENESIS) for an empty trail."""
    with connect(path) as con:
        last = con.execute("select seq, hash from audit order by seq desc limit 1").fetchone()
    return tuple(last) if last else (0, GENESIS)


def users(path=None):
    """The distinct user names in the trail, sorted."""
    with connect(path) as con:
        return [r[0] for r in con.execute(
            'select distinct "user" from audit where "user" is not null order by 1')]


def _bound(value, end=False):
    """An ISO text bound for tijd; a date as `tot` includes that whole (UTC) day."""
    if value is None:
        return None
    if isinstance(value, str):
        value = (dt.date.fromisoformat(value) if len(value) == 10
                 else dt.datetime.fromisoformat(value))
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    day = value + dt.timedelta(days=1) if end else value
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc).isoformat(timespec="microseconds")


def entries(van=None, tot=None, user=None, action=None, path=None):
    """The entries in order, filtered by period (UTC, `tot` inclusive), user and action."""
    where, params = [], {}
    if van is not None:
        where.append("tijd >= :van")
        params["van"] = _bound(van)
    if tot is not None:
        end = isinstance(tot, dt.date) and not isinstance(tot, dt.datetime) or (
            isinstance(tot, str) and len(tot) == 10)
        where.append("tijd < :tot" if end else "tijd <= :tot")
        params["tot"] = _bound(tot, end=end)
    if user is not None:
        where.append('"user" = :user')
        params["user"] = user
    if action is not None:
        where.append('"action" = :action')
        params["action"] = action
    sql = ('select seq, tijd, "user", role, "action", object, detail, prev_hash, hash from audit'
           + (" where " + " and ".join(where) if where else "") + " order by seq")
    with connect(path) as con:
        rows = con.execute(sql, params).fetchall()
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


class AuditUnavailable(Exception):
    """The audit trail could not be written; the action must not go ahead."""


def fail_closed(function):
    """Any failure of the audit/session store stops the action with AuditUnavailable."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except AuditUnavailable:
            raise
        except Exception as exc:  # messages never hold a value; see audit.AuditError
            raise AuditUnavailable(
                "De beveiligingsregistratie (audittrail) is niet bereikbaar; de handeling is "
                "niet uitgevoerd. Neem contact op met de beheerder.") from exc

    return wrapper


@fail_closed
def load_recorded(filename, result, user=None, role=None, action="load", db=None):
    """Audit a load (CLI, db as given with --db) or upload (page) with its outcome; a file
    name that looks personal is left out."""
    name = safe_name(filename)
    try:
        _check_text(name, "object", MAX_OBJECT)
    except AuditError:
        name = None
    record(action, user=user, role=role, object=name,
            detail={"uitkomst": result.uitkomst, "bron": result.bron,
                    "ingevoegd": result.ingevoegd, "bijgewerkt": result.bijgewerkt},
            path=store_path(db))
