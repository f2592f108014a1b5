"""Trend and year-comparison queries against a tiny database counted by hand."""

import pytest

from dashboard import measures, queries
from tests.conftest import d, runner

SIGNALEN = [
    {"signaal_id": "S1", "datum_ontvangst": d("2025-01-10"), "bron": "politie",
     "thema": "drugs", "status": "nieuw", "gebied": "buitengebied"},
    {"signaal_id": "S2", "datum_ontvangst": d("2025-03-05"), "bron": "politie",
     "thema": "fraude", "status": "nieuw"},
    {"signaal_id": "S3", "datum_ontvangst": d("2025-03-20"), "bron": "politie",
     "thema": "drugs", "status": "nieuw", "gebied": "opslagboxen"},
    {"signaal_id": "S4", "datum_ontvangst": d("2024-03-20"), "bron": "politie",
     "thema": "drugs", "status": "nieuw"},
]
MELDINGEN = [
    {"melding_id": "M1", "datum_ontvangst": d("2025-01-08"), "thema": "drugs",
     "gekoppeld_signaal_id": "S1"},
    {"melding_id": "M2", "datum_ontvangst": d("2025-02-01"), "thema": "witwassen"},
]
HANDHAVING = [
    {"actie_id": "H1", "datum": d("2025-05-01"), "instrument": "opiumwet_13b_sluiting",
     "thema": "drugs", "signaal_id": "S3"},
    {"actie_id": "H2", "datum": d("2025-05-01"), "instrument": "opiumwet_13b_sluiting",
     "thema": "drugs"},
    {"actie_id": "H3", "datum": d("2025-06-01"), "instrument": "apv_straathandel"},
    {"actie_id": "H4", "datum": d("2024-06-01"), "instrument": "apv_straathandel"},
]
DOL = [
    {"registratie_id": "R1", "datum_registratie": d("2025-02-01"), "opkoper_pseudoniem": "O",
     "branche": "fietsen"},
    {"registratie_id": "R2", "datum_registratie": d("2024-02-01"), "opkoper_pseudoniem": "O",
     "branche": "fietsen"},
    {"registratie_id": "R3", "datum_registratie": d("2024-02-01"), "opkoper_pseudoniem": "O",
     "branche": "goud_en_sieraden"},
]


@pytest.fixture
def db(make_db):
    return make_db({"signalen": SIGNALEN, "m_meldingen": MELDINGEN, "handhaving": HANDHAVING,
                    "dol_registraties": DOL})


# The Trends page maps its chosen sources to measures (pages/trends.py maten): signalen and
# m_meldingen together -> signalen_en_meldingen, signalen alone -> signalen, m_meldingen alone
# -> m_meldingen, handhaving -> handhavingsacties.
def trends(db, maten, eenheid="maand", indeling="thema", van="2025-01-01", tot="2025-06-30"):
    df = measures.series(runner(db), maten, indeling, eenheid, d(van), d(tot))
    return {(str(r[0]), r[1]): r[2] for r in df.iter_rows() if r[2]}, df


def test_months_without_rows_are_zero_for_every_series(db):
    _, df = trends(db, ["signalen"])
    assert df.height == 6 * 2  # six months x (drugs, fraude)
    assert df.filter(df["periode"] == d("2025-02-01"))["aantal"].to_list() == [0, 0]


def test_signals_per_month_and_thema(db):
    tel, _ = trends(db, ["signalen"])
    assert tel == {("2025-01-01", "drugs"): 1, ("2025-03-01", "drugs"): 1,
                   ("2025-03-01", "fraude"): 1}


def test_linked_melding_counts_once_when_signals_are_chosen(db):
    tel, _ = trends(db, ["signalen_en_meldingen"])
    assert tel[("2025-01-01", "drugs")] == 1  # S1, not M1 again
    assert tel[("2025-02-01", "witwassen")] == 1


def test_linked_melding_counts_when_only_meldingen_are_chosen(db):
    tel, _ = trends(db, ["m_meldingen"])
    assert tel == {("2025-01-01", "drugs"): 1, ("2025-02-01", "witwassen"): 1}


def test_quarters_group_three_months(db):
    tel, df = trends(db, ["signalen", "handhavingsacties"], eenheid="kwartaal")
    assert sorted(set(df["periode"].to_list())) == [d("2025-01-01"), d("2025-04-01")]
    # Q1: S1 + S3 drugs, S2 fraude; Q2: H1 + H2 drugs, and H3 has no thema: it counts as
    # onbekend rather than disappearing
    assert tel == {("2025-01-01", "drugs"): 2, ("2025-01-01", "fraude"): 1,
                   ("2025-04-01", "drugs"): 2, ("2025-04-01", "onbekend"): 1}


def test_gebied_keeps_only_rows_with_an_aandachtsgebied(db):
    tel, _ = trends(db, ["signalen_en_meldingen", "handhavingsacties"], indeling="gebied")
    # S1 buitengebied, S3 opslagboxen, H1 via its signal S3; M2, S2, H2, H3 have no gebied
    assert tel == {("2025-01-01", "buitengebied"): 1, ("2025-03-01", "opslagboxen"): 1,
                   ("2025-05-01", "opslagboxen"): 1}


def test_a_measure_without_rows_in_the_period_gives_no_series(db):
    """No row at all, not a series of zeros: there is no Bibob investigation in the fixture."""
    _, df = trends(db, ["bibob_onderzoeken"])
    assert df.height == 0


def test_13b_closures_per_day_within_the_period(db):
    df = queries.run("trends_sluitingen_13b", db=db, van=d("2025-01-01"), tot=d("2025-12-31"))
    assert df.rows() == [(d("2025-05-01"), 2)]


def vergelijk(db, maat, indeling, a=("2024-01-01", "2024-12-31"),
              b=("2025-01-01", "2025-12-31")):
    """{categorie: (A, B)} the way the Jaarvergelijking page puts two years side by side."""
    run = runner(db)
    per_a = measures.by_dict(run, maat, indeling, d(a[0]), d(a[1]))
    per_b = measures.by_dict(run, maat, indeling, d(b[0]), d(b[1]))
    return {c: (per_a.get(c, 0), per_b.get(c, 0)) for c in set(per_a) | set(per_b)}


def test_year_comparison_of_signals_per_thema(db):
    # 2024: S4 drugs; 2025: S1 + S3 drugs, S2 fraude
    assert vergelijk(db, "signalen", "thema") == {"drugs": (1, 2), "fraude": (0, 1)}


def test_year_comparison_of_signals_and_meldingen_applies_the_counting_rule(db):
    # 2025 adds the unlinked M2 (witwassen); M1 is S1 and does not count again
    assert vergelijk(db, "signalen_en_meldingen", "thema") == {
        "drugs": (1, 2), "fraude": (0, 1), "witwassen": (0, 1)}


def test_year_comparison_of_handhaving_per_instrument(db):
    # 2024: H4 APV; 2025: H1 + H2 13b, H3 APV
    assert vergelijk(db, "handhavingsacties", "instrument") == {"opiumwet_13b_sluiting": (0, 2),
                                                  "apv_straathandel": (1, 1)}


def test_year_comparison_of_handhaving_per_thema_counts_a_missing_thema_as_onbekend(db):
    # H4 (2024) and H3 (2025) have no thema
    assert vergelijk(db, "handhavingsacties", "thema") == {"drugs": (0, 2),
                                                            "onbekend": (1, 1)}


def test_year_comparison_of_dol_per_branche(db):
    # 2024: R2 fietsen, R3 goud; 2025: R1 fietsen
    assert vergelijk(db, "dol_registraties", "branche") == {
        "fietsen": (1, 1), "goud_en_sieraden": (1, 0)}


def test_year_comparison_respects_cut_periods(db):
    # like-for-like January..February: S1 (10 January 2025) in; S4 (20 March 2024), S2 and S3
    # (March 2025) out
    got = vergelijk(db, "signalen", "thema", a=("2024-01-01", "2024-02-29"),
                    b=("2025-01-01", "2025-02-28"))
    assert got == {"drugs": (0, 1)}
