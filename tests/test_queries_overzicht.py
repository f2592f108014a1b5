"""Overzicht, freshness and period queries against a tiny database counted by hand."""

import datetime as dt

import pytest

from dashboard import measures, queries
from tests.conftest import d, runner

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


def tel(db, names, van="2025-01-01", tot="2025-12-31", thema=None):
    """{measure: value} over [van, tot], the way the Overzicht tiles count."""
    return measures.values(runner(db), names, d(van), d(tot), thema)


def test_signalen_en_meldingen_counts_a_linked_melding_once(db):
    # 2025: S1, S2 + unlinked M2 + dangling M3 = 4 (M1 is S1)
    assert tel(db, ["signalen_en_meldingen"]) == {"signalen_en_meldingen": 4}


def test_m_meldingen_count_every_melding_also_a_linked_one(db):
    # 2025: M1 (linked to S1), M2, M3 = 3; M4 is 2026
    assert tel(db, ["m_meldingen"]) == {"m_meldingen": 3}


def test_drug_related_m_meldingen_are_those_with_thema_drugs(db):
    # 2025 with thema drugs: M1, M2 = 2 (M3 witwassen, M4 outside 2025)
    assert tel(db, ["m_meldingen"], thema="drugs") == {"m_meldingen": 2}


def test_bestuurlijke_maatregelen_exclude_bibob_and_register_checks(db):
    # 2025: H1 13b, H2 dwangsom, H3 + H4 APV, H5 waarschuwing = 5; H6 Bibob, H7 registercontrole
    # and H8 (2024) do not count
    assert tel(db, ["bestuurlijke_maatregelen"]) == {"bestuurlijke_maatregelen": 5}


def test_bestuurlijke_maatregelen_per_instrument(db):
    per = measures.by_dict(runner(db), "bestuurlijke_maatregelen", "instrument",
                           d("2025-01-01"), d("2025-12-31"))
    assert per == {"opiumwet_13b_sluiting": 1, "last_onder_dwangsom": 1, "apv_straathandel": 2,
                   "bestuurlijke_waarschuwing": 1}


def test_bibob_and_register_checks_are_counted_as_their_own_measures(db):
    # 2025: H6 is the one Bibob investigation, H7 the one register check
    assert tel(db, ["bibob_onderzoeken", "registercontroles"]) == {"bibob_onderzoeken": 1,
                                                                   "registercontroles": 1}


def test_dol_registrations_count_lines_not_goods(db):
    # four lines of 3 goods each: 4 registrations, 12 goods
    assert tel(db, ["dol_registraties", "dol_goederen"]) == {"dol_registraties": 4,
                                                             "dol_goederen": 12}


def test_period_bounds_are_inclusive(db):
    # 31 Dec 2024 - 10 Jan 2025: S3 (first day) and S1 (last day); M1 (8 January)
    assert tel(db, ["signalen", "m_meldingen"], "2024-12-31", "2025-01-10") == {
        "signalen": 2, "m_meldingen": 1}


def test_empty_period_lists_every_measure_with_zero_not_null(db):
    k = tel(db, list(measures.MEASURES), "2020-01-01", "2020-12-31")
    assert set(k) == set(measures.MEASURES)
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
