"""The Auditlog page: regisseur only, chain status, filters and the export, via the real login."""

import sqlite3

import pytest

from core import audit
from tests.app_session import (  # noqa: F401
    errors, login, open_page, real_server_navigation, titles)


@pytest.fixture
def env(make_db, monkeypatch, tmp_path):
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    monkeypatch.delenv("LOO_COOKIE_KEY", raising=False)
    monkeypatch.setenv("LOO_DB", str(make_db()))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    audit.record("load", user="regisseur", role="regisseur", object="signalen_2026.csv",
                 detail={"uitkomst": "geladen", "ingevoegd": 12})
    audit.record("download", user="loo", role="loo", object="trends.csv")
    return tmp_path / "audit.sqlite"


def table(at):
    return at.dataframe[0].value


def test_regisseur_sees_the_trail_and_an_intact_chain(env):
    at = open_page(login("regisseur"), "audit")
    assert not at.exception
    assert titles(at) == ["Auditlog"]
    assert any("keten van de audittrail is intact" in s.value for s in at.success)
    shown = table(at)
    assert "Lading" in shown["Handeling"].tolist()
    assert "signalen_2026.csv" in shown["Object"].tolist()
    assert "ingevoegd: 12, uitkomst: geladen" in shown["Detail"].tolist()


@pytest.mark.parametrize("rol", ["loo", "manager"])
def test_other_roles_are_refused(env, rol):
    at = open_page(login(rol), "audit")
    assert any(e.startswith("Geen toegang") for e in errors(at))
    assert not at.dataframe


def test_a_tampered_trail_is_reported_with_the_entry(env):
    con = sqlite3.connect(env)
    con.execute("drop trigger audit_no_update")
    con.execute("update audit set \"user\" = 'iemand' where seq = 2")
    con.commit()
    con.close()
    at = open_page(login("regisseur"), "audit")
    assert any("regel 2 klopt niet" in e for e in errors(at))


def test_filter_by_action(env):
    at = open_page(login("regisseur"), "audit")
    at.selectbox(key="audit_handeling").select("download").run()
    assert table(at)["Handeling"].tolist() == ["Download"]


def test_filter_by_user(env):
    at = open_page(login("regisseur"), "audit")
    at.selectbox(key="audit_gebruiker").select("loo").run()
    assert set(table(at)["Gebruiker"]) == {"loo"}


def test_period_before_the_entries_shows_nothing(env):
    import datetime as dt
    at = open_page(login("regisseur"), "audit")
    at.date_input(key="audit_tot").set_value(dt.date(2001, 1, 1))  # > 10 years back
    at.date_input(key="audit_van").set_value(dt.date(2000, 1, 1)).run()
    assert not at.dataframe
    assert any("Geen regels" in i.value for i in at.info)


def test_every_action_of_the_trail_has_a_dutch_name_in_the_filter():
    """A new action without a label would show as its code, e.g. 'detail_bekeken'."""
    import ast

    from tests.conftest import ROOT

    tree = ast.parse((ROOT / "pages" / "audit.py").read_text())
    labels = next(ast.literal_eval(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign)
                  and getattr(n.targets[0], "id", None) == "HANDELINGEN")
    assert sorted(labels) == sorted([*audit.ACTIONS, audit.SEAL])


@pytest.fixture
def district_env(env, make_db, monkeypatch):
    """The trail of env plus entries of a Zoetermeer account, over data of two gemeenten."""
    sig = {"datum_ontvangst": "2026-03-02", "bron": "politie", "thema": "drugs",
           "status": "nieuw"}
    monkeypatch.setenv("LOO_DB", str(make_db({"signalen": [
        {**sig, "signaal_id": "S-1", "gemeente": "Wassenaar"},
        {**sig, "signaal_id": "S-1", "gemeente": "Zoetermeer"}]})))
    audit.record("download", user="loo_zoetermeer", role="loo", object="overzicht.csv")
    return env


def test_in_a_district_the_regisseur_sees_no_entry_of_another_gemeentes_account(district_env):
    at = open_page(login("regisseur"), "audit")
    assert not at.exception
    gebruikers = set(table(at)["Gebruiker"])
    assert "loo_zoetermeer" not in gebruikers and {"regisseur", "loo"} <= gebruikers
    assert "loo_zoetermeer" not in at.selectbox(key="audit_gebruiker").options
    assert any("keten van de audittrail is intact" in s.value for s in at.success)


def test_with_one_gemeente_the_regisseur_sees_every_account(env):
    audit.record("download", user="loo_zoetermeer", role="loo", object="overzicht.csv")
    at = open_page(login("regisseur"), "audit")
    assert "loo_zoetermeer" in set(table(at)["Gebruiker"])
