"""A plan update's toelichting passes the privacy gate and holds no control characters."""

import datetime as dt

import pytest

from dashboard import plan


def problems(toelichting):
    return plan.problems("T-1", 2026, "loopt", toelichting, "2026-10-01", "regisseur", {"T-1"},
                         vandaag=dt.date(2026, 11, 30))


@pytest.mark.parametrize("tekst,soort", [
    ("Gebeld met 06-12345678 over de locatie.", "telefoonnummer"),
    ("Mail gestuurd aan j.jansen@wassenaar.nl.", "e-mailadres"),
    ("BSN 111222333 doorgegeven aan het RIEC.", "BSN"),
    ("Betaald vanaf NL91ABNA0417164300.", "IBAN"),
])
def test_a_note_with_personal_data_is_refused_by_its_kind(tekst, soort):
    found = problems(tekst)
    assert len(found) == 1 and soort in found[0]


@pytest.mark.parametrize("value", ["06-12345678", "j.jansen@wassenaar.nl"])
def test_the_refusal_never_repeats_the_value(value):
    assert value not in problems(f"Contact: {value}")[0]


def test_a_note_with_a_control_character_is_refused():
    assert "stuurteken" in problems("Controle uitgevoerd\x01 in oktober.")[0]


def test_an_ordinary_note_with_dates_and_counts_passes():
    assert problems("Drie controles in oktober 2026; volgende op 12-11-2026.\nLoopt.") == []
