"""An append-only, tamper-evident audit trail: who did what, when, on which object.

Every entry is chained to the one before it: hash = HMAC-SHA256, with a secret key, of the
canonical JSON of the entry, which includes prev_hash. The key lives outside the data folder
($LOO_AUDIT_KEY, default ~/.config/loo-dashboard/audit.key), so whoever can edit the trail's
file but cannot read the key cannot recompute the chain after changing, inserting or deleting a
row: verify() names the first bad sequence number. Cutting rows off the end, or rewriting
everything with the key, cannot be seen from the file alone: head() gives the last (seq, hash)
to publish elsewhere, and hash_at() checks a published head later.

A trail written before the key (plain sha256 of the same JSON) stays verifiable: the first
keyed write seals it with a keyed entry `keten_gesleuteld` whose prev_hash pins the old part.
Unkeyed entries are accepted only as such a sealed prefix; anywhere else they are a break.

Entries never hold a personal value: the object is a page id, a file name, a goal id or an
account name, and the detail only short identifiers and numbers. record() refuses anything
that looks like free text or a direct identifier.
"""

import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import re
import secrets
from pathlib import Path

import polars as pl

from core import clock
from core.resources import data_dir, database_path
from core.sqlite import make_folder
from core.store import connect, store_path

ACTIONS = (
    "login_gelukt", "login_mislukt", "uitgelogd", "pagina_bekeken", "download", "export",
    "upload", "load", "plan_wijziging", "plan_correctie", "plan_intrekking", "account_wijziging",
    "config_wijziging", "purge", "detail_bekeken",
    "gebeurtenis_toegevoegd", "gebeurtenis_gewijzigd", "gebeurtenis_ingetrokken",
)
GENESIS = "0" * 64
# Written only by record() itself, after the entries made before the trail had a key.
SEAL = "keten_gesleuteld"
KEY_ENV = "LOO_AUDIT_KEY"
MIN_KEY_LENGTH = 32
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


class AuditKeyError(AuditError):
    """The trail's key is missing or unsafe; the message is Dutch and names the file only."""


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


def _canonical(entry):
    """The UTF-8 of the JSON of an entry's fields, prev_hash included: keys sorted, no spaces."""
    body = {k: entry[k] for k in FIELDS if k != "hash"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def entry_hash(entry, key):
    """HMAC-SHA256 with the trail's key over the canonical JSON of an entry."""
    return hmac.new(key, _canonical(entry), hashlib.sha256).hexdigest()


def plain_hash(entry):
    """sha256 over the canonical JSON: how entries were hashed before the trail had a key."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


# --- the key


def key_path():
    """$LOO_AUDIT_KEY, else audit.key in the user's configuration folder (never in data/)."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "loo-dashboard" / "audit.key"


def production():
    """True when accounts are configured in the environment: then a key is never made here."""
    return bool(os.environ.get("LOO_CREDENTIALS"))


def _data_folders(store):
    """The folders whose contents an attacker of the trail may hold: the trail's, the
    database's and the default data folder."""
    folders = {Path(store).parent, database_path().parent, data_dir()}
    return sorted({f.resolve() for f in folders})


def _create_key(path):
    """Write a new random key with mode 0600, in a folder made 0700; if another process made
    one at the same moment, theirs is kept (link refuses to overwrite)."""
    make_folder(path.parent)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(draft)


def check_key(store=None):
    """The key (bytes) from its file, refused with a Dutch message when it is missing, short,
    not random, inside a data folder or open to others. Never makes a key."""
    path = key_path()
    if not path.is_file():
        raise AuditKeyError(
            f"Audittrail: geen sleutelbestand {path}. Maak een sleutel van minstens "
            f"{MIN_KEY_LENGTH} willekeurige tekens buiten de datamap en zet {KEY_ENV} op dat "
            "bestand (zie docs/deployment.md).")
    where = path.resolve()
    for folder in _data_folders(store or store_path()):
        if where.is_relative_to(folder):
            raise AuditKeyError(
                f"Audittrail: het sleutelbestand {path} staat in de datamap {folder}; wie de "
                "audittrail kan wijzigen, kan dan ook de sleutel lezen. Zet de sleutel erbuiten.")
    if path.stat().st_mode & 0o027:
        raise AuditKeyError(f"Audittrail: het sleutelbestand {path} is leesbaar of schrijfbaar "
                            "voor anderen; zet de rechten op 0600.")
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise AuditKeyError(f"Audittrail: het sleutelbestand {path} is niet te lezen.") from exc
    if len(key) < MIN_KEY_LENGTH:
        raise AuditKeyError(f"Audittrail: de sleutel in {path} is te kort ({len(key)} tekens); "
                            f"minimaal {MIN_KEY_LENGTH} willekeurige tekens.")
    if len(set(key)) < 10:
        raise AuditKeyError(f"Audittrail: de sleutel in {path} is niet willekeurig genoeg "
                            "(te weinig verschillende tekens).")
    return key


def trail_key(store, create):
    """The key; with create=True (a trail without keyed entries, outside production) a missing
    key file is made first."""
    if create and not production() and not key_path().exists():
        _create_key(key_path())
    return check_key(store)


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


def _last(con):
    """The newest entry as a dict, or None for an empty trail."""
    row = con.execute('select seq, tijd, "user", role, "action", object, detail, prev_hash, hash '
                      "from audit order by seq desc limit 1").fetchone()
    return dict(zip(FIELDS, row)) if row else None


def _append(con, entry, last, key):
    """Chain an entry onto the last one, hash it with the key and insert it; returns it."""
    entry["seq"] = (last["seq"] + 1) if last else 1
    entry["prev_hash"] = last["hash"] if last else GENESIS
    entry["hash"] = entry_hash(entry, key)
    con.execute(
        'insert into audit (seq, tijd, "user", role, "action", object, detail, prev_hash, '
        "hash) values (:seq, :tijd, :user, :role, :action, :object, :detail, :prev_hash, "
        ":hash)", entry)
    return entry


def _seal(old_entries):
    """The keyed entry that closes the entries written before the trail had a key."""
    return {"tijd": _now(), "user": None, "role": None, "action": SEAL, "object": None,
            "detail": _detail_text({"oude_regels": old_entries})}


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
            last = _last(con)
            unkeyed = last is not None and plain_hash(last) == last["hash"]
            key = trail_key(path, create=last is None or unkeyed)
            if unkeyed:
                last = _append(con, _seal(last["seq"]), last, key)
            _append(con, entry, last, key)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return entry["seq"]


def ready(path=None):
    """Check, before a command changes anything, that record() could write now: the key it
    would use (made, as record() would make it). Raises AuditKeyError otherwise."""
    with connect(path) as con:
        last = _last(con)
    return trail_key(path, create=last is None or plain_hash(last) == last["hash"])


def _rows(con):
    cur = con.execute(
        'select seq, tijd, "user", role, "action", object, detail, prev_hash, hash '
        "from audit order by seq")
    for row in cur:
        yield dict(zip(FIELDS, row))


def verify(path=None):
    """(True, None) when the chain is whole, else (False, seq of the first bad entry).

    Every entry must carry the keyed hash, except a prefix of unkeyed entries that a keyed
    `keten_gesleuteld` entry closes; a prefix that nothing closes cannot be trusted from
    entry 1 on."""
    key, keyed, old = None, False, False
    with connect(path) as con:
        expected_seq, expected_prev = 1, GENESIS
        for entry in _rows(con):
            key = key or check_key(path)
            if entry["seq"] != expected_seq or entry["prev_hash"] != expected_prev:
                return False, entry["seq"]
            if hmac.compare_digest(entry_hash(entry, key), entry["hash"]):
                if old and not keyed and entry["action"] != SEAL:
                    return False, entry["seq"]
                keyed = True
            elif keyed or plain_hash(entry) != entry["hash"]:
                return False, entry["seq"]
            else:
                old = True
            expected_seq, expected_prev = entry["seq"] + 1, entry["hash"]
    if old and not keyed:
        return False, 1
    return True, None


def head(path=None):
    """(seq, hash) of the newest entry, or (0, GENESIS) for an empty trail."""
    with connect(path) as con:
        last = con.execute("select seq, hash from audit order by seq desc limit 1").fetchone()
    return tuple(last) if last else (0, GENESIS)


def hash_at(seq, path=None):
    """The stored hash of entry seq (GENESIS for 0, before the first), or None when the trail
    has no such entry: what a head published earlier is checked against."""
    if seq == 0:
        return GENESIS
    with connect(path) as con:
        row = con.execute("select hash from audit where seq = :seq", {"seq": seq}).fetchone()
    return row[0] if row else None


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
