"""The DOL/DOR-toezicht queries against figures computed by hand on a tiny database.

Period 1 January - 31 March 2025, registration term 7 days.
Registrations (id: registratie, opkoper, branche, aankoop -> days, aantal, gestolen_match):
  R1 2025-01-05 OPK-A goud      2025-01-05  0  2     nee
  R2 2025-01-20 OPK-A goud      2025-01-10 10  -(1)  ja
  R3 2025-01-31 OPK-B fietsen   2025-01-24  7  1     -
  R4 2025-02-01 OPK-A telefoons -          -   3     ja
  R5 2025-02-14 OPK-C goud      2025-02-13  1  1     nee
  R6 2025-03-31 OPK-B fietsen   2025-03-23  8  1     ja
  R7 2025-04-01 OPK-D goud (after the period), R8 2024-12-31 OPK-A goud (before it).
"""

import polars as pl
import pytest

from dashboard import measures, queries
from tests.conftest import d, runner

VAN, TOT = d("2025-01-01"), d("2025-03-31")
GOUD, FIETS, TEL = "goud_en_sieraden", "fietsen", "telefoons_en_elektronica"


def _r(rid, registratie, opkoper, branche, aankoop, aantal, match):
    return {"registratie_id": rid, "datum_registratie": d(registratie),
            "opkoper_pseudoniem": opkoper, "branche": branche,
            "datum_aankoop": d(aankoop) if aankoop else None, "aantal": aantal,
            "gestolen_match": match}


REGISTRATIES = [
    _r("R1", "2025-01-05", "OPK-A", GOUD, "2025-01-05", 2, False),
    _r("R2", "2025-01-20", "OPK-A", GOUD, "2025-01-10", None, True),
    _r("R3", "2025-01-31", "OPK-B", FIETS, "2025-01-24", 1, None),
    _r("R4", "2025-02-01", "OPK-A", TEL, None, 3, True),
    _r("R5", "2025-02-14", "OPK-C", GOUD, "2025-02-13", 1, False),
    _r("R6", "2025-03-31", "OPK-B", FIETS, "2025-03-23", 1, True),
    _r("R7", "2025-04-01", "OPK-D", GOUD, "2025-04-01", 1, True),
    _r("R8", "2024-12-31", "OPK-A", GOUD, "2024-12-30", 1, True),
]

CONTROLES = [
    {"actie_id": "C1", "datum": d("2025-02-10"), "instrument": "registercontrole_dol_dor",
     "uitkomst": "in orde"},
    {"actie_id": "C2", "datum": d("2025-03-01"), "instrument": "registercontrole_dol_dor",
     "uitkomst": "in orde"},
    {"actie_id": "C3", "datum": d("2025-03-15"), "instrument": "registercontrole_dol_dor"},
    {"actie_id": "C4", "datum": d("2025-04-10"), "instrument": "registercontrole_dol_dor",
     "uitkomst": "overtreding"},
    {"actie_id": "C5", "datum": d("2025-02-11"), "instrument": "apv_straathandel",
     "uitkomst": "in orde"},
]


@pytest.fixture
def db(make_db):
    return make_db({"dol_registraties": REGISTRATIES, "handhaving": CONTROLES})


def per_maand(db, naam):
    """(maand, branche, value) of one measure, only the non-zero cells."""
    df = measures.series(runner(db), [naam], "branche", "maand", VAN, TOT)
    return df.filter(pl.col("aantal") > 0).rows()


def test_registrations_per_month_and_branche_count_lines(db):
    # Jan: fietsen R3; goud R1 + R2 = 2. Feb: goud R5; telefoons R4. Mar: fietsen R6 (last day).
    assert per_maand(db, "dol_registraties") == [
        (d("2025-01-01"), FIETS, 1),
        (d("2025-01-01"), GOUD, 2),
        (d("2025-02-01"), GOUD, 1),
        (d("2025-02-01"), TEL, 1),
        (d("2025-03-01"), FIETS, 1),
    ]


def test_goods_per_month_and_branche_count_a_missing_aantal_as_one(db):
    # Jan: fietsen R3 (1); goud R1 (2) + R2 (missing aantal = 1) = 3.
    # Feb: goud R5 (1); telefoons R4 (3). Mar: fietsen R6 (1).
    assert per_maand(db, "dol_goederen") == [
        (d("2025-01-01"), FIETS, 1),
        (d("2025-01-01"), GOUD, 3),
        (d("2025-02-01"), GOUD, 1),
        (d("2025-02-01"), TEL, 3),
        (d("2025-03-01"), FIETS, 1),
    ]


def test_top_opkopers_by_registrations(db):
    # OPK-A 3 of 6 (items 2+1+3 = 6), OPK-B 2 of 6, OPK-C 1 of 6; limit 2 keeps A and B.
    df = queries.run("dol_opkopers_top", db=db, van=VAN, tot=TOT, limiet=2)
    assert df.select("opkoper_pseudoniem", "registraties", "goederen").rows() == [
        ("OPK-A", 3, 6), ("OPK-B", 2, 2)]
    assert df["aandeel"].to_list() == pytest.approx([0.5, 1 / 3])


def test_opkoper_distribution_names_no_one(db):
    # 3 opkopers, 6 registrations, largest 3/6, top three 6/6, median of (3, 2, 1) = 2.
    df = queries.run("dol_opkopers_verdeling", db=db, van=VAN, tot=TOT)
    assert "opkoper_pseudoniem" not in df.columns
    row = df.row(0, named=True)
    assert (row["opkopers"], row["registraties"]) == (3, 6)
    assert row["aandeel_grootste"] == pytest.approx(0.5)
    assert row["aandeel_top3"] == pytest.approx(1.0)
    assert row["mediaan_per_opkoper"] == 2
    assert (row["grootste"], row["top3"]) == (3, 6)


def test_timeliness_total_with_term_of_seven_days(db):
    # Days: R1 0, R2 10, R3 7 (within: <= 7), R5 1, R6 8; R4 has no aankoop date.
    # Within 7: R1, R3, R5 = 3 of 5 = 60%; median of (0, 1, 7, 8, 10) = 7; max 10.
    df = queries.run("dol_tijdigheid", db=db, van=VAN, tot=TOT, termijn=7)
    totaal = df.filter(df["branche"] == "totaal").row(0, named=True)
    assert totaal == {"branche": "totaal", "registraties": 6, "met_aankoopdatum": 5,
                      "zonder_aankoopdatum": 1, "binnen_termijn": 3, "aandeel_tijdig": 0.6,
                      "mediaan_dagen": 7.0, "max_dagen": 10}
    assert df["branche"].to_list()[-1] == "totaal"


def test_timeliness_per_branche(db):
    # fietsen: R3 7, R6 8 -> 1 of 2, median 7.5; goud: R1 0, R2 10, R5 1 -> 2 of 3, median 1;
    # telefoons: R4 without aankoop date -> no share.
    df = queries.run("dol_tijdigheid", db=db, van=VAN, tot=TOT, termijn=7)
    rows = {r["branche"]: r for r in df.iter_rows(named=True)}
    assert (rows[FIETS]["binnen_termijn"], rows[FIETS]["mediaan_dagen"]) == (1, 7.5)
    assert rows[GOUD]["aandeel_tijdig"] == pytest.approx(2 / 3)
    assert rows[TEL]["aandeel_tijdig"] is None and rows[TEL]["zonder_aankoopdatum"] == 1


def test_timeliness_follows_the_configured_term(db):
    # A term of 1 day keeps R1 (0) and R5 (1): 2 of 5; a term of 10 days takes all 5.
    def binnen(termijn):
        df = queries.run("dol_tijdigheid", db=db, van=VAN, tot=TOT, termijn=termijn)
        return df.filter(df["branche"] == "totaal")["binnen_termijn"][0]

    assert (binnen(1), binnen(10)) == (2, 5)


def test_stolen_goods_matches_per_month_and_branche_count_a_missing_value_as_no_match(db):
    # Matches: Jan goud R2; Feb telefoons R4; Mar fietsen R6. R3 (Jan, fietsen) has no value:
    # no match. R1 and R5 are no match; R7 and R8 fall outside the period.
    assert per_maand(db, "dol_gestolen_match") == [
        (d("2025-01-01"), GOUD, 1),
        (d("2025-02-01"), TEL, 1),
        (d("2025-03-01"), FIETS, 1),
    ]


def test_register_checks_by_outcome(db):
    # C1, C2 in orde; C3 without outcome; C4 after the period; C5 another instrument.
    assert measures.by_dict(runner(db), "registercontroles", "uitkomst", VAN, TOT) == {
        "in orde": 2, "nog_geen_uitkomst": 1}


def test_empty_period_gives_empty_distribution(empty_db):
    row = queries.run("dol_opkopers_verdeling", db=empty_db, van=VAN,
                      tot=TOT).row(0, named=True)
    assert row["opkopers"] == 0 and row["aandeel_grootste"] is None
