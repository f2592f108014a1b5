"""Login through the real form: demo accounts, wrong passwords, logout, production mode."""

import secrets

import bcrypt
import pytest
import yaml

from core import audit
from dashboard import auth
from tests.app_session import (  # noqa: F401
    errors, fill, login, real_server_navigation, start, titles)
from tests.conftest import page_file


@pytest.fixture
def db(make_db, monkeypatch, demo_env):
    path = make_db()
    monkeypatch.setenv("LOO_DB", str(path))
    return path


@pytest.fixture
def demo_env(monkeypatch):
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    monkeypatch.delenv("LOO_COOKIE_KEY", raising=False)


def test_before_login_only_the_form_and_the_demo_banner_show(db):
    at = start()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert at.warning[0].value.startswith("DEMO")
    assert titles(at) == [] and not at.metric


def test_a_wrong_password_is_refused_in_dutch(db):
    at = login("regisseur", "fout")
    assert "Gebruikersnaam of wachtwoord is onjuist." in errors(at)
    assert titles(at) == []


@pytest.mark.parametrize("rol", ["regisseur", "loo", "manager"])
def test_each_demo_account_logs_in_with_its_own_role(db, rol):
    at = login(rol)
    assert not at.exception
    assert titles(at) == ["Overzicht"]
    assert at.session_state["roles"] == [rol]
    assert any(f"(rol: {rol})" in c.value for c in at.sidebar.caption)


def test_logout_returns_to_the_login_form(db):
    at = login("loo")
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click()
    at.run()
    assert titles(at) == [] and "Gebruikersnaam" in [t.label for t in at.text_input]


def test_demo_cookie_key_is_random_and_never_the_library_default():
    key = auth._demo_cookie_key()
    assert key != "some_key" and len(key) == 64 and key == auth._demo_cookie_key()


@pytest.fixture
def production(tmp_path, monkeypatch, db):
    creds = {"credentials": {"usernames": {"j.jansen": {
        "name": "J. Jansen", "email": "j.jansen@example.invalid", "roles": ["manager"],
        "password": bcrypt.hashpw(b"lang-en-geheim-1", bcrypt.gensalt(4)).decode()}}}}
    path = tmp_path / "credentials.yaml"
    path.write_text(yaml.safe_dump(creds), encoding="utf-8")
    monkeypatch.setenv("LOO_CREDENTIALS", str(path))
    monkeypatch.setenv("LOO_COOKIE_KEY", secrets.token_urlsafe(48))  # a real random key
    return path


def test_production_has_no_demo_banner_and_no_demo_accounts(production):
    at = login("regisseur", "demo")
    assert not [w for w in at.warning if w.value.startswith("DEMO")]
    assert "Gebruikersnaam of wachtwoord is onjuist." in errors(at)


def test_production_account_logs_in_with_its_configured_role(production):
    at = fill(start(), "j.jansen", "lang-en-geheim-1")
    assert titles(at) == ["Overzicht"] and at.session_state["roles"] == ["manager"]


def test_a_page_run_without_the_frame_sends_an_anonymous_user_to_the_login(db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(page_file("trends"), default_timeout=60).run()
    assert at.warning[0].value.startswith("U bent niet ingelogd.")
    assert titles(at) == [] and not at.metric


@pytest.fixture
def bcrypt_checks(monkeypatch):
    """The cost factor of every bcrypt check a login makes."""
    costs, real = [], bcrypt.checkpw

    def spy(password, hashed):
        costs.append(int(hashed[4:6]))
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    return costs


def test_an_unknown_name_costs_the_same_bcrypt_check_as_a_known_one(db, bcrypt_checks):
    login("regisseur", "fout")
    known = list(bcrypt_checks)
    bcrypt_checks.clear()
    at = login("onbekende.gebruiker", "fout")
    assert "Gebruikersnaam of wachtwoord is onjuist." in errors(at)
    assert known == bcrypt_checks == [12]


def test_a_name_typed_in_capitals_is_that_account_in_the_audit_trail(db):
    login("REGISSEUR", "fout")
    entry = audit.entries(action="login_mislukt").row(-1, named=True)
    assert (entry["user"], entry["detail"]) == ("regisseur", "wachtwoord onjuist")


def test_a_name_typed_in_capitals_logs_in_as_that_account(db):
    at = login(" Manager ", "demo")
    assert (titles(at), at.session_state["username"]) == (["Overzicht"], "manager")
