"""Server-side session rules that streamlit-authenticator 0.4.2 lacks.

Its re-authentication cookie (name from config/beveiliging.yaml) is a JWT signed HS256 with the
cookie key and carries only two claims: `username` and `exp_date` (a Unix timestamp, set to
login time + cookie_expiry_days). Its logout only deletes the cookie in that one browser, so a
copied cookie keeps working until exp_date. The app therefore sets cookie_expiry_days from the
session lifetime here, derives the issue time as exp_date - lifetime, and rejects a token issued
before the user's "valid after" time, which logout, a password change and account removal move
to now (revoke).

Failed logins are counted per account name and client (the browser's address) and per client,
stored as a sha256, never as the typed text. After a few failures within a window each further
try must wait, twice as long each time up to a maximum: that slows password guessing, while a
stranger elsewhere cannot lock a user out of their own browser.
"""

import datetime as dt
import hashlib
import math
import os
from pathlib import Path

import yaml

from core import audit, clock
from core.store import connect
from data_pipeline.settings import config_dir

CONFIG_FILE = "beveiliging.yaml"
DEFAULTS = {
    "sessieduur_uren": 8,
    "max_mislukte_pogingen": 5,
    "venster_minuten": 15,
    "eerste_wachttijd_seconden": 30,
    "vergrendeling_minuten": 15,
    "cookie_naam": "loo_dashboard",
}
MIN_KEY_LENGTH = 32
KNOWN_WEAK_KEYS = {"some_key", "some_signature_key", "random_signature_key", "changeme",
                   "secret", "demo"}
OIDC_SECTION = "oidc"
CLOCK_SKEW = 60  # seconds a token's derived issue time may lie in the future


class ProductionError(Exception):
    """Production settings that are unsafe; the app refuses to start. Dutch message."""


def raw_settings():
    """config/beveiliging.yaml as it stands, {} when absent."""
    path = config_dir() / CONFIG_FILE
    data = {}
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ProductionError(f"{CONFIG_FILE} moet sleutels met waarden bevatten.")
    return data


def settings():
    """config/beveiliging.yaml over the defaults; numbers must be positive. The `oidc:` section
    belongs to dashboard/oidc.py, which checks it."""
    result = dict(DEFAULTS)
    for key, value in raw_settings().items():
        if key == OIDC_SECTION:
            continue
        if key not in DEFAULTS:
            raise ProductionError(f"{CONFIG_FILE}: onbekende instelling '{key}'.")
        if key != "cookie_naam" and (not isinstance(value, (int, float)) or value <= 0):
            raise ProductionError(f"{CONFIG_FILE}: '{key}' moet een positief getal zijn.")
        result[key] = value
    return result


def lifetime_seconds():
    """The session lifetime in seconds (default 8 hours)."""
    return float(settings()["sessieduur_uren"]) * 3600


def cookie_expiry_days():
    """The value to give streamlit-authenticator as cookie_expiry_days."""
    return lifetime_seconds() / 86400


def revoke(username, when=None):
    """Every token of this user issued before now (or `when`) stops working."""
    when = clock.epoch() if when is None else when
    with connect() as con:
        con.execute(
            "insert into sessie_geldig_na (username, geldig_na) values (?, ?) "
            "on conflict (username) do update set geldig_na = max(geldig_na, excluded.geldig_na)",
            (username.lower(), when))


def valid_after(username):
    """The Unix time before which this user's tokens are void, or None."""
    with connect() as con:
        row = con.execute("select geldig_na from sessie_geldig_na where username = ?",
                          (username.lower(),)).fetchone()
    return row[0] if row else None


def token_valid(username, issued_at, now=None):
    """True when a token issued at `issued_at` (Unix time) is after revocation and not expired."""
    now = clock.epoch() if now is None else now
    if issued_at is None or not math.isfinite(issued_at):
        return False
    if issued_at > now + CLOCK_SKEW or issued_at + lifetime_seconds() <= now:
        return False
    after = valid_after(username)
    return after is None or issued_at > after


def issued_at(claims):
    """The issue time of a token: its exp_date minus the configured session lifetime."""
    return float(claims["exp_date"]) - lifetime_seconds()


def _key(username):
    return hashlib.sha256((username or "").strip().lower().encode("utf-8")).hexdigest()


def _keys(username, client):
    """The counters a login attempt touches: this name from this client, and the client."""
    name = (username or "").strip().lower()
    if not client:
        return [_key(name)]
    return [_key(f"{name}\n{client}"), _key(f"client\n{client}")]


def register_failure(username, client=None, now=None):
    """Count one failed login for this name from this client, and for the client."""
    now = clock.epoch() if now is None else now
    cfg = settings()
    keep = max(cfg["venster_minuten"], cfg["vergrendeling_minuten"]) * 60 + 86400
    with connect() as con:
        con.execute("delete from login_mislukt where tijd < ?", (now - keep,))
        con.executemany("insert into login_mislukt (sleutel, tijd) values (?, ?)",
                        [(key, now) for key in _keys(username, client)])


def register_success(username, client=None):
    """A successful login clears the failures of this name from this client."""
    with connect() as con:
        con.execute("delete from login_mislukt where sleutel = ?", (_keys(username, client)[0],))


def wait_seconds(failures):
    """How long the next try waits after this many failures within the window (0: none)."""
    cfg = settings()
    free = int(cfg["max_mislukte_pogingen"])
    if failures < free:
        return 0.0
    first, cap = float(cfg["eerste_wachttijd_seconden"]), cfg["vergrendeling_minuten"] * 60.0
    return min(first * 2 ** min(failures - free, 32), cap)


def locked_until(username, client=None, now=None):
    """The UTC datetime until which this name from this client must wait, or None."""
    now = clock.epoch() if now is None else now
    window = settings()["venster_minuten"] * 60
    until = None
    with connect() as con:
        for key in _keys(username, client):
            times = [t for (t,) in con.execute(
                "select tijd from login_mislukt where sleutel = ? and tijd > ? order by tijd",
                (key, now - window))]
            if times and wait_seconds(len(times)):
                until = max(until or 0, times[-1] + wait_seconds(len(times)))
    if until is None or until <= now:
        return None
    return dt.datetime.fromtimestamp(until, dt.timezone.utc)


def _secret(name):
    """A value from the environment, else from st.secrets, else None."""
    if os.environ.get(name):
        return os.environ[name]
    try:
        import streamlit as st
        value = st.secrets.get(name) or st.secrets.get(name.lower())
    except Exception:
        return None
    return str(value) if value else None


def cookie_key():
    """The cookie key: $LOO_COOKIE_KEY or st.secrets['LOO_COOKIE_KEY'/'loo_cookie_key']."""
    return _secret("LOO_COOKIE_KEY")


def check_cookie_key(key):
    """Refuse a missing, known default or short cookie key; returns it when usable."""
    if not key:
        raise ProductionError(
            "Productie: geen cookiesleutel. Zet LOO_COOKIE_KEY (of loo_cookie_key in "
            f"secrets.toml) op minstens {MIN_KEY_LENGTH} willekeurige tekens.")
    if key.strip().lower() in KNOWN_WEAK_KEYS:
        raise ProductionError("Productie: de cookiesleutel is een bekende standaardwaarde; "
                              "kies een eigen willekeurige sleutel.")
    if len(key) < MIN_KEY_LENGTH:
        raise ProductionError(f"Productie: de cookiesleutel is te kort ({len(key)} tekens); "
                              f"minimaal {MIN_KEY_LENGTH} willekeurige tekens.")
    if len(set(key)) < 10:
        raise ProductionError("Productie: de cookiesleutel is niet willekeurig genoeg "
                              "(te weinig verschillende tekens).")
    return key


def credentials_file():
    """$LOO_CREDENTIALS or st.secrets; None means demo mode."""
    value = _secret("LOO_CREDENTIALS")
    return Path(value) if value else None


def check_production_settings(secrets_credentials=None):
    """(credentials dict, cookie key) for production; raises ProductionError when unsafe.

    The accounts come from the file named by $LOO_CREDENTIALS (or LOO_CREDENTIALS in
    st.secrets), else from a `credentials` table in secrets.toml passed in here.
    """
    import streamlit as st

    from dashboard import users

    if not st.get_option("server.enableXsrfProtection"):
        raise ProductionError("Productie: server.enableXsrfProtection staat uit; zonder het "
                              "XSRF-token is een sessie niet aan de browser te binden.")
    path = credentials_file()
    key = check_cookie_key(cookie_key())
    if path is not None:
        if not path.is_file():
            raise ProductionError(f"Productie: accountbestand {path} bestaat niet.")
        if path.stat().st_mode & 0o022:
            raise ProductionError(f"Productie: accountbestand {path.name} is schrijfbaar voor "
                                  "anderen; zet de rechten op 0600.")
        try:
            data = users.read(path)
        except users.UsersError as exc:
            raise ProductionError(f"Productie: {exc}") from exc
    elif secrets_credentials:
        data = {"credentials": secrets_credentials}
    else:
        raise ProductionError("Productie: geen accounts; zet LOO_CREDENTIALS.")
    found = users.problems(data)
    if found:
        raise ProductionError("Productie: " + "; ".join(found) + ".")
    settings()
    try:
        audit.check_key()  # production never makes its own audit key: IT puts it in place
    except audit.AuditKeyError as exc:
        raise ProductionError(f"Productie: {exc}") from exc
    return data["credentials"], key
