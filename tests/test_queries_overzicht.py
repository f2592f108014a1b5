"""Overzicht, freshness and period queries against a tiny database counted by hand."""

import datetime as dt

import pytest

from dashboard import queries
from tests.conftest import d

SIGNALEN = [
    {"signaal_id": "S1", "datum_ontvangst": d("2025-01-10"), "bron": "meld_misdaad_anoniem",
     "thema": "drugs", "status": "afgesloten"},
    {"signaal_id": "S2", "datum_ontvangst": d("2025-03-05"), "bron": "politie",
     "thema": "fraude", "status": "nieuw"},
    {"signaal_id": "S3", "datum_ontvangst": d("2024-12-31"), "bron": "politie",
     "thema": "drugs", "status": "nieuw"},
]
MELDINGEN = [
    # M1 is registered as S1: counts once (as the signal)
    {"melding_id": "M1", "datum_ontvangst": d("2025-01-08"), "thema": "drugs",
     "gekoppeld_signaal_id": "S1"},
    # M2 is not linked: counts as its own case
    {"melding_id": "M2", "datum_ontvangst": d("2025-02-01"), "thema": "drugs"},
    # M3 points to a signal that is not in the database: it counts, nothing else holds it
    {"melding_id": "M3", "datum_ontvangst": d("2025-04-01"), "thema": "witwassen",
     "gekoppeld_signaal_id": "S-ELDERS"},
    # M4 falls outside 2025
    {"melding_id": "M4", "datum_ontvangst": d("2026-01-01"), "thema": "drugs"},
]
HANDHAVING = [
    {"actie_id": "H1", "datum": d("2025-05-01"), "instrument": "opiumwet_13b_sluiting"},
    {"actie_id": "H2", "datum": d("2025-05-02"), "instrument": "last_onder_dwangsom"},
    {"actie_id": "H3", "datum": d("2025-06-01"), "instrument": "apv_straathandel"},
    {"actie_id": "H4", "datum": d("2025-06-02"), "instrument": "apv_straathandel"},
    {"actie_id": "H5", "datum": d("2025-07-01"), "instrument": "bestuurlijke_waarschuwing"},
    {"actie_id": "H6", "datum": d("2025-07-02"), "instrument": "bibob_onderzoek",
     "domein": "exploitatievergunning"},
    {"actie_id": "H7", "datum": d("2025-08-01"), "instrument": "registercontrole_dol_dor"},
    {"actie_id": "H8", "datum": d("2024-08-01"), "instrument": "apv_straathandel"},
]
DOL = [
    {"registratie_id": f"R{i}", "datum_registratie": d("2025-09-01"),
     "opkoper_pseudoniem": "OP-1", "branche": "fietsen", "aantal": 3} for i in range(4)
]
PLAN = [
    {"doel_id": "D1", "jaar": 2026, "spoor": 1, "wat": "a", "doel": "b", "voortgang": "loopt"},
    {"doel_id": "D2", "jaar": 2026, "spoor": 2, "wat": "a", "doel": "b", "voortgang": "loopt"},
    {"doel_id": "D3", "jaar": 2026, "spoor": 3, "wat": "a", "doel": "b"},
    {"doel_id": "D4", "jaar": 2025, "spoor": 3, "wat": "a", "doel": "b",
     "voortgang": "afgerond"},
]


@pytest.fixture
def db(make_db):
    return make_db({"signalen": SIGNALEN, "m_meldingen": MELDINGEN, "handhaving": HANDHAVING,
                    "dol_registraties": DOL, "plan_doelen": PLAN})


def kengetallen(db, van, tot):
    return queries.run("overzicht_kengetallen", db=db, van=d(van), tot=d(tot)).row(0, named=True)


def test_signalen_en_meldingen_counts_a_linked_melding_once(db):
    # 2025: S1, S2 + unlinked M2 + dangling M3 = 4 (M1 is S1)
    assert kengetallen(db, "2025-01-01", "2025-12-31")["signalen_en_meldingen"] == 4


def test_m_meldingen_count_every_melding_and_the_drug_related_ones(db):
    k = kengetallen(db, "2025-01-01", "2025-12-31")
    assert (k["m_meldingen"], k["m_meldingen_drugs"]) == (3, 2)


def test_bestuurlijke_maatregelen_exclude_bibob_and_register_checks(db):
    k = kengetallen(db, "2025-01-01", "2025-12-31")
    assert (k["bestuurlijke_maatregelen"], k["sluitingen_13b"], k["dwangsommen"], k["apv"],
            k["overige_maatregelen"]) == (5, 1, 1, 2, 1)
    assert (k["bibob"], k["registercontroles"]) == (1, 1)


def test_dol_registrations_count_lines_not_goods(db):
    assert kengetallen(db, "2025-01-01", "2025-12-31")["dol_registraties"] == 4


def test_period_bounds_are_inclusive(db):
    k = kengetallen(db, "2024-12-31", "2025-01-10")
    assert (k["signalen"], k["m_meldingen"]) == (2, 1)


def test_empty_period_gives_zeros_not_nulls(db):
    k = kengetallen(db, "2020-01-01", "2020-12-31")
    assert set(k.values()) == {0}


def test_plan_years_newest_first(db):
    assert queries.run("plan_jaren", db=db)["jaar"].to_list() == [2026, 2025]


def test_plan_doelen_of_one_year_in_spoor_order(db):
    df = queries.run("plan_doelen", db=db, jaar=2026)
    assert df["doel_id"].to_list() == ["D1", "D2", "D3"]


def test_data_years_have_the_newest_date_within_each_year(db):
    df = queries.run("data_jaren", db=db)
    assert df.rows() == [(2024, d("2024-12-31")), (2025, d("2025-09-01")),
                         (2026, d("2026-01-01"))]


def test_versheid_has_every_source_with_rows_and_newest_date(db):
    df = queries.run("versheid", db=db)
    rows = {r["bron"]: (r["rijen"], r["nieuwste_datum"]) for r in df.iter_rows(named=True)}
    assert rows == {"signalen": (3, d("2025-03-05")), "m_meldingen": (4, d("2026-01-01")),
                    "handhaving": (8, d("2025-08-01")),
                    "dol_registraties": (4, d("2025-09-01")), "uitvoeringsplan": (4, None)}


def test_versheid_last_load_counts_only_accepted_loads(make_db):
    t = dt.datetime
    ledger = [
        {"load_id": 1, "bestand": "signalen_a.csv", "sha256": "a", "bron": "signalen",
         "gestart": t(2025, 1, 1, 9), "beeindigd": t(2025, 1, 1, 9, 1), "uitkomst": "geladen"},
        {"load_id": 2, "bestand": "signalen_b.csv", "sha256": "b", "bron": "signalen",
         "gestart": t(2025, 2, 1, 9), "beeindigd": t(2025, 2, 1, 9, 1),
         "uitkomst": "geweigerd"},
    ]
    db = make_db({"load_ledger": ledger})
    df = queries.run("versheid", db=db)
    assert df.filter(df["bron"] == "signalen")["laatst_geladen"].item() == t(2025, 1, 1, 9, 1)
    assert df.filter(df["bron"] == "handhaving")["laatst_geladen"].item() is None
