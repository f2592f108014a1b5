"""Like-for-like comparison windows and their Dutch sentences."""

import datetime as dt

from dashboard import period
from tests.conftest import d


def jaar(j):
    return period.Periode(dt.date(j, 1, 1), dt.date(j, 12, 31), j, str(j))


def test_a_complete_year_is_compared_with_the_whole_year_before():
    v = period.vergelijking(jaar(2025), d("2026-10-31"))
    assert (v.van, v.tot, v.vorig_van, v.vorig_tot, v.ingekort) == (
        d("2025-01-01"), d("2025-12-31"), d("2024-01-01"), d("2024-12-31"), False)
    assert v.tekst == "2025 vergeleken met 2024."


def test_an_unfinished_year_is_cut_at_the_last_month_with_data_on_both_sides():
    v = period.vergelijking(jaar(2026), d("2026-10-23"))
    assert (v.van, v.tot, v.vorig_van, v.vorig_tot, v.ingekort) == (
        d("2026-01-01"), d("2026-10-31"), d("2025-01-01"), d("2025-10-31"), True)
    assert v.tekst == ("2026 is nog niet compleet: januari t/m oktober 2026 vergeleken met "
                       "dezelfde maanden van 2025 (januari t/m oktober 2025).")


def test_data_reaching_into_december_make_a_year_complete():
    assert not period.vergelijking(jaar(2025), d("2025-12-03")).ingekort


def test_a_free_range_is_compared_with_the_same_dates_a_year_earlier():
    p = period.Periode(d("2025-03-01"), d("2025-05-31"), None, "x")
    v = period.vergelijking(p, d("2026-10-31"))
    assert (v.vorig_van, v.vorig_tot, v.ingekort) == (d("2024-03-01"), d("2024-05-31"), False)
    assert "1 maart 2025 t/m 31 mei 2025" in v.tekst


def test_29_february_a_year_earlier_is_28_february():
    assert period.jaar_eerder(d("2024-02-29")) == d("2023-02-28")


def test_two_complete_years_are_compared_whole():
    assert period.jaren_vergelijken(2024, 2025, d("2026-10-31"))[4] is None


def test_comparing_with_an_unfinished_year_counts_the_same_months_in_both():
    a_van, a_tot, b_van, b_tot, tekst = period.jaren_vergelijken(2024, 2026, d("2026-10-23"))
    assert (a_tot, b_tot) == (d("2024-10-31"), d("2026-10-31"))
    assert "januari t/m oktober" in tekst and "23 oktober 2026" in tekst
