"""District isolation in the query layer and the accounts (issue 16.3): every query of records
or figures names $gemeente, page.query sets it from the session whatever the caller passes, and
accounts carry their gemeente."""

import datetime as dt

import pytest
import yaml

from dashboard import page, queries, users
from tests.conftest import ROOT

# Queries that may read without $gemeente, each with its reason (written out here).
ZONDER_GEMEENTE = {
    "categorie": "a macro, no table",
    "fct_metingen": "a view; every query over it filters",
    "stg_signalen": "a view", "stg_m_meldingen": "a view", "stg_handhaving": "a view",
    "stg_dol_registraties": "a view", "stg_signalen_en_meldingen": "a view",
    "stg_vergaderingen": "a view, per gemeente",
    "district_gemeenten": "names and dates of the gemeenten, no figures",
    "district_metingen": "aggregates per gemeente for the district page, shielded there",
}


def test_every_other_query_filters_on_the_gemeente():
    namen = sorted(p.stem for p in (ROOT / "queries").glob("*.sql"))
    zonder = [n for n in namen if "gemeente" not in queries.parameters(n)]
    assert sorted(zonder) == sorted(ZONDER_GEMEENTE)


def test_page_runs_only_the_district_queries_across_gemeenten(monkeypatch):
    monkeypatch.setattr(page.guard, "gegevens", lambda: None)
    with pytest.raises(KeyError):
        page.district_query("loo_te_bespreken", vergadering=dt.date(2026, 10, 13), limiet=10)


def test_page_query_sets_the_gemeente_from_the_session_not_the_caller(monkeypatch):
    gezien = {}
    monkeypatch.setattr(page.guard, "gegevens", lambda: None)
    monkeypatch.setattr(page, "_query", lambda name, **params: gezien.update(params))
    monkeypatch.setattr(page.st, "session_state", {"gemeente": "Zoetermeer", "roles": ["loo"]})
    page.query("meting", maten=["signalen"], van=dt.date(2025, 1, 1), tot=dt.date(2025, 12, 31),
               thema=None, gemeente="Wassenaar")
    assert gezien["gemeente"] == "Zoetermeer"


def test_a_query_outside_a_page_defaults_to_the_configured_gemeente():
    queries.beperk(None)
    assert queries.standaard_gemeente() == "Wassenaar"  # config/instellingen.yaml
    queries.beperk("Zoetermeer")
    try:
        assert queries.standaard_gemeente() == "Zoetermeer"
    finally:
        queries.beperk(None)


def test_an_account_keeps_its_gemeente_in_the_configured_spelling(tmp_path):
    path = tmp_path / "accounts.yaml"
    users.add(path, "jzoet", "$2b$12$" + "a" * 53, ["loo"], gemeente="zoetermeer")
    users.add(path, "jwas", "$2b$12$" + "b" * 53, ["regisseur"])
    data = yaml.safe_load(path.read_text())["credentials"]["usernames"]
    assert data["jzoet"]["gemeente"] == "Zoetermeer" and "gemeente" not in data["jwas"]
    assert users.gemeente_van(data, "jzoet") == "Zoetermeer"
    assert users.gemeente_van(data, "jwas") is None
    with pytest.raises(users.UsersError, match="Onbekende gemeente"):
        users.add(path, "jleiden", "$2b$12$" + "c" * 53, ["loo"], gemeente="Leiden")


def test_demo_accounts_are_the_design_three_plus_zoetermeer_and_the_coordinator():
    creds = users.demo_credentials("hash")["usernames"]
    assert {n: (u["roles"], u["gemeente"]) for n, u in creds.items()} == {
        "regisseur": (["regisseur"], "Wassenaar"), "loo": (["loo"], "Wassenaar"),
        "manager": (["manager"], "Wassenaar"), "loo_zoetermeer": (["loo"], "Zoetermeer"),
        "district": (["district"], "Zoetermeer")}


def test_a_row_without_gemeente_belongs_to_the_configured_one(make_db):
    from dashboard.queries import run

    db = make_db({"signalen": [
        {"signaal_id": "S-1", "datum_ontvangst": dt.date(2025, 3, 3), "bron": "politie",
         "thema": "drugs", "status": "nieuw"},
        {"signaal_id": "S-1", "datum_ontvangst": dt.date(2025, 3, 4), "bron": "politie",
         "thema": "drugs", "status": "nieuw", "gemeente": "Zoetermeer"}]})
    tel = {g: run("meting", db=db, gemeente=g, maten=["signalen"], van=dt.date(2025, 1, 1),
                  tot=dt.date(2025, 12, 31), thema=None)["waarde"][0]
           for g in ("Wassenaar", "Zoetermeer", "Leiden")}
    assert tel == {"Wassenaar": 1, "Zoetermeer": 1, "Leiden": 0}
