"""Trend and year-comparison queries against a tiny database counted by hand."""

import pytest

from dashboard import queries
from tests.conftest import d

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


def trends(db, bronnen, eenheid="maand", indeling="thema", van="2025-01-01", tot="2025-06-30"):
    df = queries.run("trends_per_periode", db=db, van=d(van), tot=d(tot), bronnen=bronnen,
                     eenheid=eenheid, indeling=indeling)
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
    tel, _ = trends(db, ["signalen", "m_meldingen"])
    assert tel[("2025-01-01", "drugs")] == 1  # S1, not M1 again
    assert tel[("2025-02-01", "witwassen")] == 1


def test_linked_melding_counts_when_only_meldingen_are_chosen(db):
    tel, _ = trends(db, ["m_meldingen"])
    assert tel == {("2025-01-01", "drugs"): 1, ("2025-02-01", "witwassen"): 1}


def test_quarters_group_three_months(db):
    tel, df = trends(db, ["signalen", "handhaving"], eenheid="kwartaal")
    assert sorted(set(df["periode"].to_list())) == [d("2025-01-01"), d("2025-04-01")]
    # H3 has no thema: it counts as onbekend rather than disappearing
    assert tel == {("2025-01-01", "drugs"): 2, ("2025-01-01", "fraude"): 1,
                   ("2025-04-01", "drugs"): 2, ("2025-04-01", "onbekend"): 1}


def test_gebied_keeps_only_rows_with_an_aandachtsgebied(db):
    tel, _ = trends(db, ["signalen", "m_meldingen", "handhaving"], indeling="gebied")
    # S1 buitengebied, S3 opslagboxen, H1 via its signal S3; M2, S2, H2, H3 have no gebied
    assert tel == {("2025-01-01", "buitengebied"): 1, ("2025-03-01", "opslagboxen"): 1,
                   ("2025-05-01", "opslagboxen"): 1}


def test_no_sources_chosen_gives_no_rows(db):
    _, df = trends(db, ["dol_registraties"])
    assert df.height == 0


def test_13b_closures_per_day_within_the_period(db):
    df = queries.run("trends_sluitingen_13b", db=db, van=d("2025-01-01"), tot=d("2025-12-31"))
    assert df.rows() == [(d("2025-05-01"), 2)]


def vergelijk(db, bron, a=("2024-01-01", "2024-12-31"), b=("2025-01-01", "2025-12-31"),
              indeling="instrument"):
    df = queries.run("jaarvergelijking_per_categorie", db=db, bron=bron, indeling=indeling,
                     a_van=d(a[0]), a_tot=d(a[1]), b_van=d(b[0]), b_tot=d(b[1]))
    return {r[0]: (r[1], r[2]) for r in df.iter_rows()}


def test_year_comparison_of_signals_per_thema(db):
    assert vergelijk(db, "signalen") == {"drugs": (1, 2), "fraude": (0, 1)}


def test_year_comparison_of_signals_and_meldingen_applies_the_counting_rule(db):
    assert vergelijk(db, "signalen_en_meldingen") == {"drugs": (1, 2), "fraude": (0, 1),
                                                      "witwassen": (0, 1)}


def test_year_comparison_of_handhaving_per_instrument(db):
    assert vergelijk(db, "handhaving") == {"opiumwet_13b_sluiting": (0, 2),
                                           "apv_straathandel": (1, 1)}


def test_year_comparison_of_handhaving_per_thema_counts_a_missing_thema_as_onbekend(db):
    assert vergelijk(db, "handhaving", indeling="thema") == {"drugs": (0, 2),
                                                             "onbekend": (1, 1)}


def test_year_comparison_of_dol_per_branche(db):
    assert vergelijk(db, "dol_registraties") == {"fietsen": (1, 1), "goud_en_sieraden": (1, 0)}


def test_year_comparison_respects_cut_periods(db):
    # like-for-like January..March: S3 (20 March) in, H1 (May) out
    got = vergelijk(db, "signalen", a=("2024-01-01", "2024-02-29"), b=("2025-01-01",
                                                                       "2025-02-28"))
    assert got == {"drugs": (0, 1)}
