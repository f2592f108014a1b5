"""Security in the app itself (AppTest through the real login form): production checks, demo
lock-out on real data, lockout, revocation, audit entries and small-number suppression."""

import os
import secrets

import bcrypt
import pytest
import yaml

from dashboard import sessions
from core import audit
from tests.app_session import (  # noqa: F401
    errors, fill, login, open_page, real_server_navigation, start, titles)
from tests.conftest import EPOCH, command

PASSWORD = "lang-genoeg-wachtwoord"


@pytest.fixture
def demo(sample_db, monkeypatch, tmp_path):
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    monkeypatch.delenv("LOO_COOKIE_KEY", raising=False)
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))


@pytest.fixture
def production(demo, monkeypatch, tmp_path):
    path = tmp_path / "accounts.yaml"
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    path.write_text(yaml.safe_dump({"credentials": {"usernames": {
        "jdevries": {"name": "J. de Vries", "roles": ["manager"], "password": hashed}}}}))
    os.chmod(path, 0o600)
    monkeypatch.setenv("LOO_CREDENTIALS", str(path))
    monkeypatch.setenv("LOO_COOKIE_KEY", secrets.token_urlsafe(48))
    return path


def form_shown(at):
    return "Gebruikersnaam" in [t.label for t in at.text_input]


def test_production_logs_in_with_a_strong_key(production):
    at = fill(start(), "jdevries", PASSWORD)
    assert not at.exception and titles(at) == ["Overzicht"]


@pytest.mark.parametrize("key, message", [
    (None, "geen cookiesleutel"), ("some_key", "standaardwaarde"), ("k" * 20, "te kort"),
])
def test_production_refuses_to_start_with_an_unsafe_key(production, monkeypatch, key, message):
    if key is None:
        monkeypatch.delenv("LOO_COOKIE_KEY")
    else:
        monkeypatch.setenv("LOO_COOKIE_KEY", key)
    at = start()
    assert not at.exception
    assert any(message in e for e in errors(at))
    assert not form_shown(at)


def test_production_refuses_plain_text_passwords(production):
    production.write_text(yaml.safe_dump({"credentials": {"usernames": {
        "jdevries": {"name": "J", "roles": ["manager"], "password": PASSWORD}}}}))
    at = start()
    assert any("bcrypt" in e for e in errors(at)) and not form_shown(at)


def test_demo_accounts_work_on_the_sample_data(demo):
    assert titles(login("regisseur")) == ["Overzicht"]


def test_demo_accounts_stop_working_once_real_data_is_loaded(demo, monkeypatch, tmp_path):
    db = tmp_path / "echt.duckdb"
    own = tmp_path / "uitvoeringsplan_echt.csv"
    own.write_text("doel_id,jaar,spoor,wat,doel\nD-1,2026,2,Iets,Iets anders\n")
    command("data_pipeline", "load", own, "--db", db, check=True)
    monkeypatch.setenv("LOO_DB", str(db))
    at = start()
    assert any("Demo-accounts zijn uitgeschakeld" in e for e in errors(at))
    assert not form_shown(at)


def test_five_failed_logins_lock_the_account(demo):
    at = start()
    for _ in range(5):
        fill(at, "loo", "fout-wachtwoord")
    fill(at, "loo", "demo")
    assert any("Te veel mislukte inlogpogingen" in e for e in errors(at))
    assert titles(at) == []
    assert audit.entries(action="login_mislukt")["detail"].to_list()[-1] == "vergrendeld"


def test_login_failure_success_and_logout_are_audited(demo):
    at = fill(start(), "onbekende-naam", "x")
    fill(at, "regisseur", "demo")
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click()
    at.run()
    df = audit.entries()
    assert df["action"].to_list() == ["login_mislukt", "login_gelukt", "uitgelogd"]
    assert df["user"].to_list() == [None, "regisseur", "regisseur"]
    assert audit.verify() == (True, None)


def test_logout_revokes_the_users_sessions_from_the_moment_of_logout(demo, frozen):
    at = login("loo")  # the session starts at EPOCH (the frozen real clock)
    frozen.advance(90)
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click()
    at.run()
    assert sessions.valid_after("loo") == EPOCH + 90


def test_a_session_revoked_elsewhere_ends_on_its_next_run(demo):
    at = login("loo")
    assert titles(at) == ["Overzicht"]
    sessions.revoke("loo")  # the same user logged out in another browser
    at.run()
    assert titles(at) == [] and form_shown(at)


def test_record_level_pages_are_audited(demo):
    at = open_page(login("loo", query={"jaar": "2026"}), "loo")
    assert titles(at) == ["LOO-overleg"]
    df = audit.entries(action="pagina_bekeken")
    assert df["object"].to_list() == ["loo"] and df["user"].to_list() == ["loo"]


def test_aggregate_pages_are_not_audited_as_record_views(demo):
    open_page(login("manager"), "trends")
    assert audit.entries(action="pagina_bekeken").height == 0


def trends_by_gebied(rol):
    at = open_page(login(rol, query={"jaar": "2025"}), "trends")
    at.radio(key="trends_indeling").set_value("gebied")
    at.multiselect(key="trends_bronnen").set_value(["signalen"])
    return at.run()


def test_manager_sees_small_counts_per_gebied_as_below_five(demo):
    at = trends_by_gebied("manager")
    assert not at.exception
    tabel = at.dataframe[0].value
    cells = tabel.drop(columns=["Periode"]).to_numpy().ravel().tolist()
    assert "<5" in cells
    assert not [c for c in cells if c in ("1", "2", "3", "4")]
    assert any("<5 = 1 tot 4" in c.value for c in at.caption)


def test_manager_gets_no_chart_that_would_carry_the_small_counts(demo):
    at = trends_by_gebied("manager")
    assert not at.get("vega_lite_chart")


def test_loo_member_sees_the_exact_counts_per_gebied(demo):
    at = trends_by_gebied("loo")
    cells = at.dataframe[0].value.drop(columns=["Periode"]).to_numpy().ravel().tolist()
    assert "<5" not in [str(c) for c in cells]
    assert at.get("vega_lite_chart")


def test_a_role_in_the_url_changes_nothing(demo):
    at = open_page(login("manager", query={"roles": "regisseur", "rol": "regisseur"}), "data")
    assert any(e.startswith("Geen toegang") for e in errors(at))
    assert at.session_state["roles"] == ["manager"]
