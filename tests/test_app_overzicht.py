"""Overzicht in the app: the reference figures of 2025, like-for-like, small bases, formatting."""

import pytest

from tests.app_session import (  # noqa: F401
    login, real_server_navigation, titles)
from tests.conftest import PEILDATUM, d, delta, metric


@pytest.fixture
def sample(sample_db, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    return sample_db


def test_2025_shows_the_figures_of_the_reference_document(sample):
    at = login("manager", query={"jaar": "2025"})
    assert not at.exception and titles(at) == ["Overzicht"]
    assert metric(at, "Signalen en meldingen") == "42"
    assert (metric(at, "M-meldingen"), delta(at, "M-meldingen")) == (
        "18", "0 (0%) t.o.v. 2024 (18)")
    assert metric(at, "Aandeel drugsgerelateerde M-meldingen") == "50%"
    assert metric(at, "Bibob-onderzoeken") == "11"
    maatregelen = at.dataframe[0].value.set_index("Maatregel")["2025"].to_dict()
    assert maatregelen["Sluiting (art. 13b Opiumwet)"] == "1"
    assert maatregelen["Last onder dwangsom"] == "1"
    assert maatregelen["APV-maatregel straathandel"] == "9"
    assert "2025 vergeleken met 2024." in [m.value.strip("*") for m in at.markdown]


def test_the_plan_summary_counts_the_six_goals_of_2026(sample):
    at = login("manager", query={"jaar": "2025"})
    assert "Uitvoeringsplan 2026" in [h.value for h in at.subheader]
    assert "**6 doelen**" in [m.value for m in at.markdown]


def test_large_counts_use_a_thousands_dot(sample):
    # the sample holds 3,600 DOL registrations in 2025
    at = login("loo", query={"jaar": "2025"})
    assert metric(at, "DOL-registraties") == "3.600"


@pytest.fixture
def tiny(make_db, monkeypatch):
    # 2026 has data up to 2 March: it is compared with January..March 2025, not all of 2025
    signalen = [
        {"signaal_id": s, "datum_ontvangst": d(datum), "bron": "politie", "thema": "drugs",
         "status": "nieuw"}
        for s, datum in [("S1", "2025-02-10"), ("S2", "2025-11-05"), ("S3", "2026-01-15"),
                         ("S4", "2026-03-02")]
    ]
    meldingen = [{"melding_id": f"A{i}", "datum_ontvangst": d("2025-03-01"), "thema": "drugs",
                  "gekoppeld_signaal_id": "S1"} for i in range(12)]
    meldingen += [{"melding_id": f"B{i}", "datum_ontvangst": d("2026-02-01"), "thema": "fraude",
                   "gekoppeld_signaal_id": "S3"} for i in range(15)]
    path = make_db({"signalen": signalen, "m_meldingen": meldingen})
    monkeypatch.setenv("LOO_DB", str(path))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    return path


def test_an_unfinished_year_is_compared_like_for_like_and_says_so(tiny):
    at = login("regisseur", query={"jaar": "2026"})
    assert ("Vergelijkbare periode: 2026 is nog niet compleet: januari t/m maart 2026 "
            "vergeleken met dezelfde maanden van 2025 (januari t/m maart 2025).") in [
        i.value for i in at.info]
    assert (metric(at, "Signalen en meldingen"), delta(at, "Signalen en meldingen")) == (
        "2", "+1 t.o.v. 2025 (1)")  # S2 (November) is left out


def test_a_base_of_ten_or_more_gets_a_percentage(tiny):
    at = login("regisseur", query={"jaar": "2026"})
    assert delta(at, "M-meldingen") == "+3 (+25%) t.o.v. 2025 (12)"


def test_a_small_base_gets_only_an_absolute_difference(tiny):
    at = login("regisseur", query={"jaar": "2026"})
    assert "%" not in delta(at, "Signalen en meldingen")


def test_the_plan_summary_follows_the_newest_update_of_the_regisseur(make_db, monkeypatch,
                                                                     tmp_path):

    from dashboard import plan

    doelen = [{"doel_id": f"D{i}", "jaar": 2026, "spoor": 1, "wat": "w", "doel": "d",
               "voortgang": "loopt"} for i in (1, 2)]
    db = make_db({"plan_doelen": doelen, "signalen": [
        {"signaal_id": "S1", "datum_ontvangst": d("2026-01-05"), "bron": "politie",
         "thema": "drugs", "status": "nieuw"}]})
    monkeypatch.setenv("LOO_DB", str(db))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    plan.record_update("D1", 2026, "afgerond", "Training gegeven", PEILDATUM, "regisseur",
                       db=db)
    at = login("manager", query={"jaar": "2026"})
    lijst = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert lijst.splitlines() == ["- :material/play_circle: Loopt: **1**",
                                  "- :material/check_circle: Afgerond: **1**"]
