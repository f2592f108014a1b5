"""Server-side session checks: revocation, lifetime, lockout and production settings."""

import datetime as dt
import os
import sqlite3

import jwt
import pytest

from core import clock
from dashboard import security, sessions, users

KEY = "Zq8v-3LkP0xW_rT7nB2mYc9HsE4uJdA6fG1iK5oR"


@pytest.fixture(autouse=True)
def stopped_clock(frozen):
    """Cookies are stamped and checked on the real clock: here it stands still."""
    return frozen


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    for name in ("LOO_CREDENTIALS", "LOO_COOKIE_KEY", "LOO_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "audit.sqlite"


def authenticator_cookie(username, key=KEY, issued=None):
    """A cookie exactly as streamlit-authenticator 0.4.2 makes it: its own encoder, its claims."""
    from streamlit_authenticator.models.cookie_model import CookieModel
    import streamlit as st

    model = CookieModel.__new__(CookieModel)
    model.cookie_key = key
    model.cookie_expiry_days = sessions.cookie_expiry_days()
    issued = clock.epoch() if issued is None else issued
    model.exp_date = issued + sessions.lifetime_seconds()
    st.session_state["username"] = username
    return model._token_encode()


def cookie_valid(token, key):
    """The username when the app logs in with this cookie, else None: streamlit-authenticator
    verifies the signature (HS256 only), then security.cookie_accepted checks revocation and
    lifetime on the server."""
    try:
        claims = jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return claims["username"].lower() if security.cookie_accepted(claims) else None


def test_authenticator_cookie_carries_username_and_exp_date_only():
    claims = jwt.decode(authenticator_cookie("jan"), KEY, algorithms=["HS256"])
    assert set(claims) == {"username", "exp_date"}


def test_fresh_cookie_is_valid():
    assert cookie_valid(authenticator_cookie("jan"), KEY) == "jan"


def test_cookie_issued_before_revoke_is_rejected():
    token = authenticator_cookie("jan", issued=clock.epoch() - 5)
    sessions.revoke("jan")
    assert cookie_valid(token, KEY) is None


def test_cookie_issued_after_revoke_is_accepted():
    sessions.revoke("jan", when=clock.epoch() - 5)
    assert cookie_valid(authenticator_cookie("jan"), KEY) == "jan"


def test_revoke_is_per_user():
    token = authenticator_cookie("piet", issued=clock.epoch() - 5)
    sessions.revoke("jan")
    assert cookie_valid(token, KEY) == "piet"


def test_revoke_never_moves_back_in_time():
    sessions.revoke("jan", when=2000.0)
    sessions.revoke("jan", when=1000.0)
    assert sessions.valid_after("jan") == 2000.0


def test_revoke_ignores_case_like_the_authenticator():
    token = authenticator_cookie("jan", issued=clock.epoch() - 5)
    sessions.revoke("JAN")
    assert cookie_valid(token, KEY) is None


def test_cookie_signed_with_another_key_is_rejected():
    assert cookie_valid(authenticator_cookie("jan", key="x" * 40), KEY) is None


def test_unsigned_cookie_is_rejected():
    token = jwt.encode({"username": "jan", "exp_date": clock.epoch() + 3600}, None,
                       algorithm="none")
    assert cookie_valid(token, KEY) is None


def test_garbage_cookie_is_rejected():
    assert cookie_valid("not-a-token", KEY) is None


def test_cookie_older_than_the_lifetime_is_rejected():
    token = authenticator_cookie("jan", issued=clock.epoch() - 8 * 3600 - 60)
    assert cookie_valid(token, KEY) is None


def test_cookie_from_the_future_is_rejected():
    token = authenticator_cookie("jan", issued=clock.epoch() + 3600)
    assert cookie_valid(token, KEY) is None


def test_lifetime_defaults_to_eight_hours():
    assert sessions.lifetime_seconds() == 8 * 3600


def test_lifetime_comes_from_configuration(tmp_path, monkeypatch):
    (tmp_path / "beveiliging.yaml").write_text("sessieduur_uren: 1\n")
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path))
    assert sessions.cookie_expiry_days() == pytest.approx(1 / 24)
    token = authenticator_cookie("jan", issued=clock.epoch() - 2 * 3600)
    assert cookie_valid(token, KEY) is None


def test_bad_configuration_is_a_dutch_error(tmp_path, monkeypatch):
    (tmp_path / "beveiliging.yaml").write_text("sessieduur_uren: -1\n")
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path))
    with pytest.raises(sessions.ProductionError, match="positief getal"):
        sessions.settings()


def test_four_failures_do_not_lock():
    for _ in range(4):
        sessions.register_failure("jan")
    assert sessions.locked_until("jan") is None


def test_five_failures_make_the_next_try_wait_thirty_seconds():
    now = clock.epoch()
    for i in range(5):
        sessions.register_failure("jan", now=now + i)
    until = sessions.locked_until("jan", now=now + 5)
    assert until == dt.datetime.fromtimestamp(now + 4 + 30, dt.timezone.utc)
    assert sessions.locked_until("jan", now=now + 4 + 31) is None


@pytest.mark.parametrize("failures,wait", [(5, 30), (6, 60), (7, 120), (9, 480), (10, 900),
                                           (40, 900)])
def test_each_further_failure_doubles_the_wait_up_to_fifteen_minutes(failures, wait):
    now = clock.epoch()
    for i in range(failures):
        sessions.register_failure("jan", now=now + i)
    last = now + failures - 1
    assert sessions.locked_until("jan", now=last) == dt.datetime.fromtimestamp(
        last + wait, dt.timezone.utc)


def test_failures_spread_beyond_the_window_do_not_lock():
    now = clock.epoch()
    for i in range(5):
        sessions.register_failure("jan", now=now + i * 300)
    assert sessions.locked_until("jan", now=now + 1201) is None


def test_lock_is_per_account_name():
    for _ in range(5):
        sessions.register_failure("jan")
    assert sessions.locked_until("piet") is None
    assert sessions.locked_until("JAN ") is not None


def test_failures_from_one_client_do_not_make_the_name_wait_elsewhere():
    for _ in range(10):
        sessions.register_failure("regisseur", "203.0.113.9")
    assert sessions.locked_until("regisseur", "203.0.113.9") is not None
    assert sessions.locked_until("regisseur", "198.51.100.4") is None


def test_a_client_guessing_many_names_waits_for_every_name():
    for i in range(5):
        sessions.register_failure(f"naam{i}", "203.0.113.9")
    assert sessions.locked_until("nog-een-naam", "203.0.113.9") is not None
    assert sessions.locked_until("nog-een-naam", "198.51.100.4") is None


def test_success_clears_failures():
    for _ in range(4):
        sessions.register_failure("jan")
    sessions.register_success("jan")
    sessions.register_failure("jan")
    assert sessions.locked_until("jan") is None


def test_typed_names_are_not_stored_as_text(store):
    sessions.register_failure("geheim-wachtwoord-per-ongeluk")
    con = sqlite3.connect(store)
    assert "geheim" not in repr(con.execute("select * from login_mislukt").fetchall())
    con.close()


@pytest.mark.parametrize("key, message", [
    (None, "geen cookiesleutel"),
    ("", "geen cookiesleutel"),
    ("some_key", "standaardwaarde"),
    ("kort-maar-willekeurig-9X", "te kort"),
    ("ab" * 20, "niet willekeurig"),
])
def test_unsafe_cookie_keys_are_refused(key, message):
    with pytest.raises(sessions.ProductionError, match=message):
        sessions.check_cookie_key(key)


def test_random_cookie_key_is_accepted():
    assert sessions.check_cookie_key(KEY) == KEY


def production_files(tmp_path, monkeypatch, password_hash=None, mode=0o600):
    path = tmp_path / "accounts.yaml"
    users.write(path, {"credentials": {"usernames": {"jan": {
        "name": "jan", "roles": ["regisseur"],
        "password": password_hash or users.hash_password("lang-genoeg-wachtwoord")}}}})
    os.chmod(path, mode)
    monkeypatch.setenv("LOO_CREDENTIALS", str(path))
    monkeypatch.setenv("LOO_COOKIE_KEY", KEY)
    return path


def test_production_settings_return_credentials_and_key(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch)
    credentials, key = sessions.check_production_settings()
    assert list(credentials["usernames"]) == ["jan"] and key == KEY


def test_production_refuses_the_default_key(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch)
    monkeypatch.setenv("LOO_COOKIE_KEY", "some_key")
    with pytest.raises(sessions.ProductionError, match="standaardwaarde"):
        sessions.check_production_settings()


def test_production_refuses_a_missing_key(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch)
    monkeypatch.delenv("LOO_COOKIE_KEY")
    with pytest.raises(sessions.ProductionError, match="geen cookiesleutel"):
        sessions.check_production_settings()


def test_production_refuses_plain_text_passwords(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch, password_hash="welkom123")
    with pytest.raises(sessions.ProductionError, match="bcrypt"):
        sessions.check_production_settings()


def test_production_refuses_a_world_writable_file(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch, mode=0o666)
    with pytest.raises(sessions.ProductionError, match="0600"):
        sessions.check_production_settings()


def test_production_refuses_a_missing_file(tmp_path, monkeypatch):
    production_files(tmp_path, monkeypatch)
    monkeypatch.setenv("LOO_CREDENTIALS", str(tmp_path / "weg.yaml"))
    with pytest.raises(sessions.ProductionError, match="bestaat niet"):
        sessions.check_production_settings()


def test_production_accepts_credentials_from_secrets(monkeypatch):
    monkeypatch.setenv("LOO_COOKIE_KEY", KEY)
    creds = {"usernames": {"jan": {"name": "jan", "roles": ["loo"],
                                   "password": users.hash_password("lang-genoeg-wachtwoord")}}}
    assert sessions.check_production_settings(secrets_credentials=creds)[0] == creds


def test_production_checks_secrets_credentials_too(monkeypatch):
    monkeypatch.setenv("LOO_COOKIE_KEY", KEY)
    creds = {"usernames": {"jan": {"name": "jan", "roles": ["baas"], "password": "x"}}}
    with pytest.raises(sessions.ProductionError, match="bcrypt.*geldige rol"):
        sessions.check_production_settings(secrets_credentials=creds)


def test_production_refuses_to_start_without_xsrf_protection(tmp_path, monkeypatch):
    from streamlit import config

    production_files(tmp_path, monkeypatch)
    before = config.get_option("server.enableXsrfProtection")
    config.set_option("server.enableXsrfProtection", False)
    try:
        with pytest.raises(sessions.ProductionError, match="enableXsrfProtection"):
            sessions.check_production_settings()
    finally:
        config.set_option("server.enableXsrfProtection", before)
