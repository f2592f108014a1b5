"""Login through the real form: demo accounts, wrong passwords, logout, production mode."""

import secrets

import bcrypt
import pytest
import yaml

from core import audit
from dashboard import auth
from tests.app_session import (  # noqa: F401
    errors, fill, login, real_server_navigation, start, titles)
from tests.conftest import EPOCH, page_file


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
    assert any(f"(rol: {rol}" in c.value for c in at.sidebar.caption)


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


# The login cookie (dashboard.auth): the library's format, our own reading and writing.
KEY = "k" * 20 + "0123456789abcdefghij"


def test_a_new_token_carries_the_name_and_expires_one_session_later(frozen):
    import jwt

    claims = jwt.decode(auth.new_token("loo", KEY), KEY, algorithms=["HS256"])
    assert claims == {"username": "loo", "exp_date": EPOCH + 8 * 3600}  # config: 8 hours


def test_the_cookie_of_the_request_is_read_only_with_our_key_and_algorithm(frozen):
    import jwt

    good = auth.new_token("manager", KEY)
    assert auth.read_token({"loo_dashboard": good}, KEY)["username"] == "manager"
    claims = {"username": "regisseur", "exp_date": EPOCH + 3600}
    forged = [jwt.encode(claims, "some_key", algorithm="HS256"),
              jwt.encode(claims, None, algorithm="none"),
              jwt.encode(claims, KEY, algorithm="HS512"), "geen-token", ""]
    for token in forged:
        assert auth.read_token({"loo_dashboard": token}, KEY) is None, token
    assert auth.read_token({"andere_cookie": good}, KEY) is None
    assert auth.read_token({}, KEY) is None


def test_the_page_script_writes_and_deletes_the_cookie_without_sending_anything(frozen):
    token = auth.new_token("loo", KEY)
    written = auth.cookie_script(token)
    assert f'"loo_dashboard={token}; Expires=Mon, 30 Nov 2026 19:00:00 GMT; Path=/; ' \
           'SameSite=Strict"' in written
    assert 'location.protocol === "https:" ? "; Secure"' in written
    deleted = auth.cookie_script(None)
    assert '"loo_dashboard=; Max-Age=0; Path=/; SameSite=Strict"' in deleted
    for script in (written, deleted):  # no component value, no message back to the server
        assert "postMessage" not in script and "Streamlit" not in script
        assert script.count("<script>") == 1 and script.count("</script>") == 1


def test_a_value_in_the_script_cannot_close_it():
    assert "</" not in auth._js_string("x</script><script>alert(1)</script>")
