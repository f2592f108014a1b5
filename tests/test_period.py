"""Like-for-like comparison windows and their Dutch sentences."""

import datetime as dt

import pytest

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


# --- the planted bug: a range after the newest data is not "cut" to before its own start ---

def test_a_range_entirely_after_the_data_keeps_its_own_dates():
    # Without the check van <= nieuwste the range became "1 november t/m 31 oktober".
    p = period.Periode(d("2026-11-01"), d("2026-11-30"), None, "x")
    v = period.vergelijking(p, d("2026-10-23"))
    assert (v.van, v.tot, v.vorig_van, v.vorig_tot, v.ingekort) == (
        d("2026-11-01"), d("2026-11-30"), d("2025-11-01"), d("2025-11-30"), False)
    assert v.tekst == ("1 november 2026 t/m 30 november 2026 vergeleken met dezelfde periode "
                       "een jaar eerder (1 november 2025 t/m 30 november 2025).")


def test_a_year_entirely_after_the_data_is_compared_whole():
    v = period.vergelijking(jaar(2027), d("2026-10-23"))
    assert (v.van, v.tot, v.ingekort) == (d("2027-01-01"), d("2027-12-31"), False)
    assert v.tekst == "2027 vergeleken met 2026."


def test_a_range_that_starts_on_the_newest_day_is_cut_at_the_end_of_that_month():
    p = period.Periode(d("2026-10-23"), d("2026-12-31"), None, "x")
    v = period.vergelijking(p, d("2026-10-23"))
    assert (v.van, v.tot, v.ingekort) == (d("2026-10-23"), d("2026-10-31"), True)


def test_a_range_cut_short_by_the_data_says_where_the_data_end_and_what_is_compared():
    p = period.Periode(d("2026-09-15"), d("2026-12-31"), None, "x")
    v = period.vergelijking(p, d("2026-10-23"))
    assert (v.van, v.tot, v.vorig_van, v.vorig_tot, v.ingekort) == (
        d("2026-09-15"), d("2026-10-31"), d("2025-09-15"), d("2025-10-31"), True)
    assert v.tekst == ("De gegevens lopen tot 23 oktober 2026: 15 september 2026 t/m "
                       "31 oktober 2026 vergeleken met 15 september 2025 t/m 31 oktober 2025.")


def test_a_range_ending_in_the_last_month_with_data_is_not_cut():
    p = period.Periode(d("2026-01-01"), d("2026-10-31"), None, "x")
    v = period.vergelijking(p, d("2026-10-23"))
    assert (v.tot, v.ingekort) == (d("2026-10-31"), False)
    assert v.tekst.startswith("1 januari 2026 t/m 31 oktober 2026 vergeleken met dezelfde")


def test_without_data_nothing_is_cut():
    v = period.vergelijking(jaar(2026), None)
    assert (v.tot, v.ingekort, v.tekst) == (d("2026-12-31"), False, "2026 vergeleken met 2025.")


def test_a_year_with_data_in_january_only_compares_january():
    v = period.vergelijking(jaar(2026), d("2026-01-20"))
    assert v.tekst == ("2026 is nog niet compleet: januari 2026 vergeleken met dezelfde maanden "
                       "van 2025 (januari 2025).")


def test_months_across_a_year_end_name_both_years():
    assert period._maanden(d("2025-11-01"), d("2026-02-28")) == "november 2025 t/m februari 2026"


def test_months_within_one_year_name_the_year_once():
    assert period._maanden(d("2026-03-01"), d("2026-05-31")) == "maart t/m mei 2026"


def test_the_same_month_in_another_year_is_a_span_not_one_month():
    assert period._maanden(d("2025-03-01"), d("2026-03-31")) == "maart 2025 t/m maart 2026"


# --- small date helpers ---

def test_a_date_a_year_earlier_keeps_day_and_month():
    assert period.jaar_eerder(d("2026-03-15")) == d("2025-03-15")


@pytest.mark.parametrize("dag, einde", [("2024-02-10", "2024-02-29"), ("2025-02-01", "2025-02-28"),
                                        ("2026-11-30", "2026-11-30"), ("2026-12-01", "2026-12-31")])
def test_the_end_of_the_month(dag, einde):
    assert period.maand_einde(d(dag)) == d(einde)


@pytest.mark.parametrize("text, datum", [("2025-03-01", d("2025-03-01")),
                                         ("2025-03-01T10:30:00", d("2025-03-01")),
                                         ("abc", None), ("", None), ("2025-02-30", None)])
def test_an_iso_date_from_url_text(text, datum):
    assert period._iso(text) == datum


@pytest.mark.parametrize("given, kept", [
    (None, None), ("1950-06-01", "1990-01-01"), ("1990-01-01", "1990-01-01"),
    ("2025-05-31", "2025-05-31"), ("2199-12-31", "2199-12-31"), ("2300-01-01", "2199-12-31")])
def test_a_date_is_kept_within_the_bounds_of_the_date_fields(given, kept):
    assert period.binnen(given and d(given)) == (kept and d(kept))


# --- comparing two whole years (Jaarvergelijking) ---

def test_comparing_two_years_when_the_data_end_in_neither_compares_them_whole():
    assert period.jaren_vergelijken(2023, 2024, d("2026-10-23")) == (
        d("2023-01-01"), d("2023-12-31"), d("2024-01-01"), d("2024-12-31"), None)


def test_comparing_years_without_data_compares_them_whole():
    assert period.jaren_vergelijken(2025, 2026, None)[4] is None


def test_comparing_with_a_year_whose_data_reach_december_compares_them_whole():
    assert period.jaren_vergelijken(2025, 2026, d("2026-12-02")) == (
        d("2025-01-01"), d("2025-12-31"), d("2026-01-01"), d("2026-12-31"), None)


def test_comparing_with_an_unfinished_year_gives_all_four_bounds_and_the_sentence():
    assert period.jaren_vergelijken(2026, 2024, d("2026-02-10")) == (
        d("2026-01-01"), d("2026-02-28"), d("2024-01-01"), d("2024-02-29"),
        "Vergelijkbare periode: 2026 is nog niet compleet (gegevens t/m 10 februari 2026), dus "
        "beide jaren tellen alleen januari t/m februari.")


def test_comparing_with_a_year_whose_data_end_in_january_counts_january_only():
    assert period.jaren_vergelijken(2025, 2026, d("2026-01-09"))[4] == (
        "Vergelijkbare periode: 2026 is nog niet compleet (gegevens t/m 9 januari 2026), dus "
        "beide jaren tellen alleen januari.")
