"""The frame's security checks: demo lock-out, session validity, lockout and audit calls.

dashboard/auth.py and dashboard/page.py call these; the stores behind them are
dashboard/sessions.py (revocation, failed logins) and dashboard/audit.py (the trail).
"""

import base64
import hashlib
import math
import re
from functools import cache, lru_cache
from pathlib import Path

import bcrypt

from core import audit, clock, resources
from core.audit import fail_closed
from dashboard import roles, sessions
from data_pipeline.db import data_version, database_path, read_connection

SAMPLE_DIR = resources.folder("sample_data")
# Pages that show records (pseudonymised lists): every view is in the audit trail.
SESSION_START = "_loo_sessie_start"
VIEWED = "_loo_bekeken"
CLIENT = "_loo_browser"
XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's own per-browser token, sent with the websocket


# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# turns Markdown, HTML, entities, Streamlit directives (:red[..], :material/..:) and LaTeX ($)
# in a data value into plain characters.
MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def literal(text):
    """A value from the data, made safe to put inside st.markdown: it shows as typed."""
    if text is None:
        return ""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


@cache
def _stand_in_hash():
    """A bcrypt hash at the accounts' cost (12) of a random secret nobody knows."""
    return bcrypt.hashpw(bcrypt.gensalt().hex().encode(), bcrypt.gensalt(rounds=12))


def stand_in_check(password):
    """For an unknown account name, a bcrypt check as costly as a real one (always False), so
    the time a refusal takes does not tell whether the name exists."""
    return bcrypt.checkpw((password or "").encode("utf-8")[:72], _stand_in_hash()) and False


# The sample exports' sha256, committed with the code: a file placed in sample_data/ later is
# not sample data, so loading it still ends demo mode.
SAMPLE_SUMS = "SHA256SUMS"


@cache
def sample_hashes(folder=SAMPLE_DIR):
    """The committed sha256 of every sample export (sample_data/SHA256SUMS, and the district
    partners' sample_data/district/SHA256SUMS)."""
    sums = [Path(folder) / SAMPLE_SUMS, *sorted(Path(folder).glob(f"*/{SAMPLE_SUMS}"))]
    lines = [line for p in sums for line in p.read_text(encoding="utf-8").splitlines()]
    return frozenset(line.split()[0] for line in lines if line.strip())


def is_sample(content):
    """True when these bytes are one of the committed sample exports."""
    return hashlib.sha256(content).hexdigest() in sample_hashes()


@lru_cache(maxsize=16)
def _real_data(path, version):
    with read_connection(path) as con:
        tables = {r[0] for r in con.execute("show tables").fetchall()}
        if "load_ledger" not in tables:
            return False
        loaded = {r[0] for r in con.execute(
            "select distinct sha256 from load_ledger where uitkomst = 'geladen' "
            "and bron is not null").fetchall()}
    return bool(loaded - sample_hashes())


def real_data_loaded(db=None):
    """True once the database holds an accepted load whose file is not in sample_data/."""
    path = database_path(db)
    version = data_version(path)
    if version is None:
        return False
    return _real_data(str(path), version)


def _record(action, **fields):
    audit.record(action, **fields)


@fail_closed
def cookie_accepted(token):
    """True for a library cookie (its decoded claims) issued after the user's last revocation."""
    try:
        username = str(token["username"]).lower()
        issued = sessions.issued_at(token)
    except (KeyError, TypeError, ValueError):
        return False
    return sessions.token_valid(username, issued)


def client_address(context):
    """The browser's address: behind the proxy on this machine (the only way in, see
    docs/deployment.md) the hop the proxy added last to X-Forwarded-For, else the
    connection's own address; None for a browser on this machine itself."""
    ip = context.ip_address
    if not isinstance(ip, str):  # None on this machine (and in Streamlit's AppTest)
        forwarded = context.headers.get("X-Forwarded-For")
        return (forwarded.split(",")[-1].strip() or None) if isinstance(forwarded, str) else None
    return ip


@fail_closed
def lock_message(username, client=None):
    """A Dutch message when this name must wait before the next try from this client."""
    until = sessions.locked_until(username, client)
    if until is None:
        return None
    seconds = max(1, math.ceil(until.timestamp() - clock.epoch()))
    wait = f"{seconds} seconden" if seconds < 120 else f"{math.ceil(seconds / 60)} minuten"
    return (f"Te veel mislukte inlogpogingen. Probeer het over {wait} opnieuw of vraag de "
            "beheerder om hulp.")


@fail_closed
def login_failed(username, known, client=None):
    """Count the failure; the audit entry names the account only when it exists."""
    sessions.register_failure(username, client)
    _record("login_mislukt", user=username if known else None,
            detail="wachtwoord onjuist" if known else "onbekend account")


@fail_closed
def login_refused_locked(username, known):
    """A login attempt during a lockout: audited, not counted again."""
    _record("login_mislukt", user=username if known else None, detail="vergrendeld")


@fail_closed
def login_succeeded(state, username, roles, issued=None, client=None):
    """Clear failures, audit, and remember when this session's login was issued."""
    sessions.register_success(username, client)
    _record("login_gelukt", user=username, role=_role(roles))
    state[SESSION_START] = clock.epoch() if issued is None else issued


@fail_closed
@fail_closed
def cookie_login(state, token):
    """A login by cookie (a new tab, a reload, another device with a copied cookie): audited,
    and the session counts from the cookie's issue time."""
    _record("login_gelukt", user=str(token["username"]).lower(), role=_role(state.get("roles")),
            detail="met cookie")
    state[SESSION_START] = sessions.issued_at(token)


@fail_closed
def session_valid(state):
    """False when the logged-in session was revoked (logout elsewhere) or outlived its lifetime."""
    username = state.get("username")
    if not state.get("authentication_status") or not username:
        return True
    start = state.get(SESSION_START)
    return start is not None and sessions.token_valid(str(username).lower(), start)


def browser_token(cookies):
    """A hash of this browser's XSRF token (not of the cookie text, whose mask changes per
    response), from the cookies of the request that connected the session; None without one."""
    raw = (cookies or {}).get(XSRF_COOKIE)
    if not raw or not isinstance(raw, str):
        return None
    try:
        from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string
        token = decode_xsrf_token_string(raw)[0] or raw.encode()
    except ImportError:
        token = raw.encode()
    return hashlib.sha256(token).hexdigest()


def bind_browser(state, cookies):
    """Tie a logged-in session to the browser that logged in."""
    state[CLIENT] = browser_token(cookies)


def same_browser(state, cookies):
    """False when another client attached to this session (it knows the session id, which
    shows in upload URLs, but not the browser's XSRF token)."""
    return state.get(CLIENT) == browser_token(cookies)


@fail_closed
def other_browser_refused(username, roles):
    """A second client that attached to a logged-in session by its id: audited, session ended."""
    _record("login_mislukt", user=str(username or "") or None, role=_role(roles),
            detail="sessie-id uit een andere browser")


@fail_closed
def logged_out(username, roles):
    """Revoke every session of this user and audit the logout."""
    if username:
        sessions.revoke(str(username))
        _record("uitgelogd", user=str(username), role=_role(roles))


@fail_closed
def page_viewed(state, page_id, van=None, tot=None):
    """Audit a record-level page once per session, page and period."""
    if page_id not in roles.record_pages():
        return
    key = (page_id, str(van), str(tot))
    seen = state.setdefault(VIEWED, set())
    if key in seen:
        return
    detail = {"van": str(van), "tot": str(tot)} if van is not None else None
    _record("pagina_bekeken", user=state.get("username"), role=_role(state.get("roles")),
            object=page_id, detail=detail)
    seen.add(key)


DETAILS = "_loo_details_bekeken"
# Dimensions whose values are contract enums (safe in the trail); wijk and gebied are text
# from the export, so the trail keeps only a fingerprint of the chosen one.
ENUM_DIMENSIES = ("thema", "bron", "instrument", "branche", "status", "vervolg", "domein")


def keuze_detail(dimensie, categorieen):
    """What was opened, for the trail: the chosen categories of an enum dimension as they are,
    of another dimension (wijk, gebied) only as a SHA-256 fingerprint (see fingerprint)."""
    if dimensie is None:
        return {}
    tekst = ",".join(sorted("(geen)" if c is None else str(c) for c in categorieen))
    if dimensie in ENUM_DIMENSIES:
        return {"keuze": tekst}
    return {"keuze_sha256": fingerprint(tekst)}


@fail_closed
def detail_viewed(state, page_id, maten, dimensie, categorieen, van, tot, rijen):
    """Audit a drill-down (the rows behind a figure) once per session and choice: the page, the
    measures, the cut, the period and the number of rows; never a value of a row."""
    key = (page_id, tuple(maten), dimensie, tuple(map(str, categorieen)), str(van), str(tot))
    seen = state.setdefault(DETAILS, set())
    if key in seen:
        return
    detail = {"maten": "+".join(maten), "indeling": dimensie or "geen", "van": str(van),
              "tot": str(tot), "rijen": int(rijen), **keuze_detail(dimensie, categorieen)}
    _record("detail_bekeken", user=state.get("username"), role=_role(state.get("roles")),
            object=page_id, detail=detail)
    seen.add(key)


@fail_closed
def downloaded(state, filename, action="download"):
    """Audit a download or export by its file name."""
    _record(action, user=state.get("username"), role=_role(state.get("roles")),
            object=audit.safe_name(filename))


def uploaded(state, filename, result):
    """Audit an upload on the Data page."""
    audit.load_recorded(filename, result, user=state.get("username"),
                        role=_role(state.get("roles")), action="upload")


@fail_closed
def plan_changed(state, doel_id, jaar, voortgang):
    """Audit a plan status update (never its toelichting: that is free text)."""
    _record("plan_wijziging", user=state.get("username"), role=_role(state.get("roles")),
            object=audit.safe_name(doel_id), detail={"jaar": int(jaar), "voortgang": voortgang})


@fail_closed
def config_changed(state, bestand, detail):
    """Audit a label or column name the regisseur added to the configuration in the app."""
    _record("config_wijziging", user=state.get("username"), role=_role(state.get("roles")),
            object=bestand, detail=detail)


@fail_closed
def plan_corrected(state, update, voortgang, intrekken):
    """Audit a correction or withdrawal with the original's fields; its text only as a SHA-256
    fingerprint (free text may hold what had to go, and the trail is kept for years)."""
    _record("plan_intrekking" if intrekken else "plan_correctie", user=state.get("username"),
            role=_role(state.get("roles")), object=audit.safe_name(update["doel_id"]),
            detail={"update_id": int(update["update_id"]), "jaar": int(update["jaar"]),
                    "datum": update["datum"].isoformat(), "versie": int(update["versie"]),
                    "voortgang_was": update["voortgang"], "voortgang": voortgang,
                    "toelichting_was_sha256": fingerprint(update["toelichting"])})


def fingerprint(text):
    """SHA-256 of a text in lower-case base32: hex digests hold runs of 9 digits (about one in
    seven) that the trail refuses as BSN- or phone-shaped; base32 digits are only 2 to 7."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=").lower()


@fail_closed
def event_added(state, datum, tekst, thema):
    """Audit a new event on the Trends chart: date and theme, its text as a fingerprint."""
    _record("gebeurtenis_toegevoegd", user=state.get("username"),
            role=_role(state.get("roles")), object="gebeurtenis",
            detail={"datum": datum.isoformat(), "thema": thema or "alle",
                    "tekst_sha256_b32": fingerprint(tekst.strip())})


@fail_closed
def event_changed(state, event, datum, tekst, thema, intrekken):
    """Audit an edit or withdrawal of an event with the original's date and theme; texts only
    as fingerprints (free text, and the trail is kept for years)."""
    detail = {"gebeurtenis_id": int(event["gebeurtenis_id"]), "versie": int(event["versie"]),
              "datum_was": event["datum"], "thema_was": event["thema"] or "alle",
              "tekst_was_sha256_b32": fingerprint(event["tekst"])}
    if not intrekken:
        detail.update(datum=datum.isoformat(), thema=thema or "alle",
                      tekst_sha256_b32=fingerprint(tekst.strip()))
    _record("gebeurtenis_ingetrokken" if intrekken else "gebeurtenis_gewijzigd",
            user=state.get("username"), role=_role(state.get("roles")),
            object=f"gebeurtenis {int(event['gebeurtenis_id'])}", detail=detail)


def _role(user_roles):
    return roles.rol_label(user_roles) if user_roles else None
