"""The Handhaving & Bibob queries against figures computed by hand on a tiny database.

Period 1 January - 30 June 2025; the year before is 1 January - 30 June 2024.
"""

import polars as pl
import pytest

from dashboard import queries
from tests.conftest import d

VAN, TOT = d("2025-01-01"), d("2025-06-30")


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


def test_instruments_per_month(db):
    # Jan: 13b; Feb: dwangsom, apv; Mar: 2 bibob, waarschuwing; Apr: apv;
    # May: 2 bibob, registercontrole; Jun: apv (A5, the last day).
    df = queries.run("handhaving_per_periode", db=db, van=VAN, tot=TOT, deel="month")
    assert df.rows() == [
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
    df = queries.run("handhaving_per_periode", db=db, van=VAN, tot=TOT, deel="quarter")
    per_kwartaal = dict(df.group_by("periode").agg(pl.col("aantal").sum()).rows())
    assert per_kwartaal == {d("2025-01-01"): 6, d("2025-04-01"): 5}


def test_tiles_against_the_same_period_a_year_before(db):
    # 13b: A1 vs A8 (30 June 2024 inside); dwangsom: A2 vs none (A9 is 1 July 2024);
    # APV: A3 A4 A5 vs A7.
    df = queries.run("handhaving_tegels", db=db, van=VAN, tot=TOT)
    assert df.select("instrument", "aantal", "aantal_vorig", "verschil").rows() == [
        ("opiumwet_13b_sluiting", 1, 1, 0),
        ("last_onder_dwangsom", 1, 0, 1),
        ("apv_straathandel", 3, 1, 2),
    ]
    assert df["van_vorig"][0] == d("2024-01-01") and df["tot_vorig"][0] == d("2024-06-30")


def test_tiles_list_every_instrument_when_empty(empty_db):
    df = queries.run("handhaving_tegels", db=empty_db, van=VAN, tot=TOT)
    assert df["aantal"].to_list() == [0, 0, 0]


def test_bibob_by_domein_and_uitkomst(db):
    # A10, A11 exploitatievergunning/geen bezwaar; A12 vastgoed without uitkomst;
    # A13 without domein, weigering.
    df = queries.run("handhaving_bibob", db=db, van=VAN, tot=TOT)
    assert df.rows() == [
        ("exploitatievergunning", "geen bezwaar", 2),
        ("onbekend", "weigering", 1),
        ("vastgoed", "nog_geen_uitkomst", 1),
    ]


def test_share_of_signals_with_a_bestuursrechtelijke_measure(db):
    # Received in the period: S1-S6 = 6. With a measure: S1, S2, S4, S5, S6 = 5 (S3 only has a
    # Bibob investigation). Via vervolg: S2, S5 = 2; via action: S1, S2, S4, S6 = 4.
    row = queries.run("handhaving_signalen_maatregel", db=db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert row["signalen"] == 6
    assert row["met_maatregel"] == 5
    assert (row["via_vervolg"], row["via_actie"]) == (2, 4)
    assert row["aandeel"] == pytest.approx(5 / 6)


def test_share_is_empty_without_signals(empty_db):
    row = queries.run("handhaving_signalen_maatregel", db=empty_db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert row["signalen"] == 0 and row["aandeel"] is None
