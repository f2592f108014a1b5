"""The Handhaving & Bibob queries against figures computed by hand on a tiny database.

Period 1 January - 30 June 2025; the year before is 1 January - 30 June 2024.
"""

import polars as pl
import pytest

from dashboard import measures, queries
from tests.conftest import d, runner

VAN, TOT = d("2025-01-01"), d("2025-06-30")
# the instruments of the drug tiles on the Handhaving page, in their order
DRUGS = ("opiumwet_13b_sluiting", "last_onder_dwangsom", "apv_straathandel")


def _a(aid, datum, instrument, signaal=None, domein=None, uitkomst=None):
    return {"actie_id": aid, "datum": d(datum), "instrument": instrument, "thema": "drugs",
            "domein": domein, "uitkomst": uitkomst, "signaal_id": signaal,
            "subject_pseudoniem": f"P-{aid}"}


ACTIES = [
    _a("A1", "2025-01-15", "opiumwet_13b_sluiting", "S1"),
    _a("A2", "2025-02-03", "last_onder_dwangsom", "S2"),
    _a("A3", "2025-02-20", "apv_straathandel"),
    _a("A4", "2025-04-01", "apv_straathandel"),
    _a("A5", "2025-06-30", "apv_straathandel"),          # last day: inside
    _a("A6", "2025-07-01", "apv_straathandel"),          # day after: outside
    _a("A7", "2024-03-01", "apv_straathandel"),          # year before
    _a("A8", "2024-06-30", "opiumwet_13b_sluiting"),     # year before, last day
    _a("A9", "2024-07-01", "last_onder_dwangsom"),       # outside the year before
    _a("A10", "2025-03-10", "bibob_onderzoek", domein="exploitatievergunning",
       uitkomst="geen bezwaar"),
    _a("A11", "2025-03-11", "bibob_onderzoek", domein="exploitatievergunning",
       uitkomst="geen bezwaar"),
    _a("A12", "2025-05-02", "bibob_onderzoek", "S3", domein="vastgoed"),
    _a("A13", "2025-05-03", "bibob_onderzoek", uitkomst="weigering"),
    _a("A14", "2025-05-20", "registercontrole_dol_dor", uitkomst="in orde"),
    _a("A15", "2025-03-01", "bestuurlijke_waarschuwing", "S4"),
    _a("A16", "2025-08-01", "bestuurlijke_boete", "S6"),  # after the period, linked to S6
]


def _s(sid, ontvangst, vervolg):
    return {"signaal_id": sid, "datum_ontvangst": d(ontvangst), "bron": "gemeente",
            "thema": "drugs", "status": "afgesloten", "vervolg": vervolg}


SIGNALEN = [
    _s("S1", "2025-01-05", "geen"),                 # linked 13b closure -> counts (action)
    _s("S2", "2025-01-20", "bestuursrechtelijk"),   # vervolg and linked dwangsom -> once
    _s("S3", "2025-02-01", "riec"),                 # only a Bibob investigation -> no
    _s("S4", "2025-02-15", None),                   # linked waarschuwing -> counts
    _s("S5", "2025-03-01", "bestuursrechtelijk"),   # vervolg only -> counts
    _s("S6", "2025-04-01", "geen"),                 # boete in August, any date -> counts
    _s("S7", "2024-12-31", "bestuursrechtelijk"),   # received before the period
]


@pytest.fixture
def db(make_db):
    return make_db({"handhaving": ACTIES, "signalen": SIGNALEN})


def per_periode(db, eenheid):
    """handhavingsacties per period and instrument, only the non-zero cells (as the page)."""
    df = measures.series(runner(db), ["handhavingsacties"], "instrument", eenheid, VAN, TOT)
    return df.filter(pl.col("aantal") > 0)


def test_instruments_per_month(db):
    # Jan: 13b; Feb: dwangsom, apv; Mar: 2 bibob, waarschuwing; Apr: apv;
    # May: 2 bibob, registercontrole; Jun: apv (A5, the last day).
    assert per_periode(db, "maand").rows() == [
        (d("2025-01-01"), "opiumwet_13b_sluiting", 1),
        (d("2025-02-01"), "apv_straathandel", 1),
        (d("2025-02-01"), "last_onder_dwangsom", 1),
        (d("2025-03-01"), "bestuurlijke_waarschuwing", 1),
        (d("2025-03-01"), "bibob_onderzoek", 2),
        (d("2025-04-01"), "apv_straathandel", 1),
        (d("2025-05-01"), "bibob_onderzoek", 2),
        (d("2025-05-01"), "registercontrole_dol_dor", 1),
        (d("2025-06-01"), "apv_straathandel", 1),
    ]


def test_instruments_per_quarter(db):
    # Q1: 13b 1, dwangsom 1, apv 1, bibob 2, waarschuwing 1 (6); Q2: apv 2, bibob 2, controle 1.
    df = per_periode(db, "kwartaal")
    per_kwartaal = dict(df.group_by("periode").agg(pl.col("aantal").sum()).rows())
    assert per_kwartaal == {d("2025-01-01"): 6, d("2025-04-01"): 5}


def test_tiles_against_the_same_period_a_year_before(db):
    # 13b: A1 vs A8 (30 June 2024 inside); dwangsom: A2 vs none (A9 is 1 July 2024);
    # APV: A3 A4 A5 vs A7.
    run = runner(db)
    nu = measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", VAN, TOT)
    vorig = measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", d("2024-01-01"),
                             d("2024-06-30"))
    assert [(i, nu.get(i, 0), vorig.get(i, 0)) for i in DRUGS] == [
        ("opiumwet_13b_sluiting", 1, 1),
        ("last_onder_dwangsom", 1, 0),
        ("apv_straathandel", 3, 1),
    ]


def test_tiles_have_no_maatregelen_on_an_empty_database(empty_db):
    """No category at all, so every tile shows 0 (the page fills a missing one with 0)."""
    assert measures.by_dict(runner(empty_db), "bestuurlijke_maatregelen", "instrument", VAN,
                            TOT) == {}


def test_bibob_by_domein_and_uitkomst_with_onbekend_and_nog_geen_uitkomst(db):
    # A10, A11 exploitatievergunning/geen bezwaar; A12 vastgoed without uitkomst;
    # A13 without domein, weigering.
    df = measures.by(runner(db), "bibob_onderzoeken", "domein", VAN, TOT, dimensie2="uitkomst")
    assert sorted(df.rows()) == [
        ("exploitatievergunning", "geen bezwaar", 2),
        ("onbekend", "weigering", 1),
        ("vastgoed", "nog_geen_uitkomst", 1),
    ]


def test_signals_with_a_bestuursrechtelijke_measure_via_vervolg_or_linked_action(db):
    # Received in the period: S1-S6 = 6. With a measure: S1, S2, S4, S5, S6 = 5 (S3 only has a
    # Bibob investigation). Via vervolg: S2, S5 = 2; via action: S1, S2, S4, S6 = 4.
    row = queries.run("handhaving_signalen_maatregel", db=db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert row == {"signalen": 6, "met_maatregel": 5, "via_vervolg": 2, "via_actie": 4}


def test_measure_signalen_met_maatregel_counts_the_same_signals(db):
    # the share on the page: 5 of the 6 signals received (see the test above)
    assert measures.values(runner(db), ["signalen_met_maatregel", "signalen"], VAN, TOT) == {
        "signalen_met_maatregel": 5, "signalen": 6}


def test_a_linked_action_of_instrument_anders_is_a_bestuurlijke_maatregel(make_db):
    """'anders' is of soort maatregel (contract.INSTRUMENT_SOORT): its signal counts."""
    db = make_db({"signalen": [_s("S1", "2025-02-01", "geen")],
                  "handhaving": [_a("A1", "2025-03-01", "anders", "S1")]})
    row = queries.run("handhaving_signalen_maatregel", db=db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert (row["met_maatregel"], row["via_actie"]) == (1, 1)


def test_no_signals_gives_zero_counts_not_nulls(empty_db):
    """The page shows no share when signalen is 0; the counts themselves are 0, not null."""
    row = queries.run("handhaving_signalen_maatregel", db=empty_db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert row == {"signalen": 0, "met_maatregel": 0, "via_vervolg": 0, "via_actie": 0}
