"""Every grammar case of the generated Dutch sentences."""

import pytest

from dashboard import sentences as z

JAAR = z.Periode(2025)
LOPEND = z.Periode(2026, tot_maand=10)
JANUARI = z.Periode(2026, tot_maand=1)
ZONDER_VORIG = z.Periode(2024, vorig_bekend=False)


@pytest.mark.parametrize("n, verwacht", [
    (0, "nul"), (1, "één"), (2, "twee"), (9, "negen"), (12, "twaalf"), (13, "13"),
    (1234, "1.234"),
])
def test_woord_writes_up_to_twelve_in_words(n, verwacht):
    assert z.woord(n) == verwacht


@pytest.mark.parametrize("n, verwacht", [
    (0, "geen meldingen"), (1, "één melding"), (2, "twee meldingen"), (18, "18 meldingen"),
])
def test_aantal_chooses_singular_plural_and_geen(n, verwacht):
    assert z.aantal(n, "melding", "meldingen") == verwacht


def test_aantal_uses_its_own_form_after_geen():
    assert z.aantal(0, "signaal of melding", "signalen en meldingen",
                    geen="signalen of meldingen") == "geen signalen of meldingen"


@pytest.mark.parametrize("delen, verwacht", [
    ([], ""), (["a"], "a"), (["a", "b"], "a en b"), (["a", "b", "c"], "a, b en c"),
])
def test_opsomming_joins_with_commas_and_en(delen, verwacht):
    assert z.opsomming(delen) == verwacht


@pytest.mark.parametrize("nu, vorig, verwacht", [
    (18, 18, ", evenveel als in 2024 (18)"),
    (0, 0, ", net als in 2024"),
    (0, 5, ", tegen vijf in 2024"),
    (3, 0, ", terwijl er in 2024 geen waren"),
    (8, 5, ", drie meer dan in 2024 (5)"),
    (4, 5, ", één minder dan in 2024 (5)"),
    (18, 15, ", drie meer dan in 2024 (15), een stijging van 20%"),
    (12, 15, ", drie minder dan in 2024 (15), een daling van 20%"),
    (1001, 1000, ", één meer dan in 2024 (1.000), een stijging van minder dan 1%"),
])
def test_vergelijking_covers_every_direction(nu, vorig, verwacht):
    assert z.vergelijking(nu, vorig, JAAR) == verwacht


def test_vergelijking_gives_no_percentage_below_a_base_of_ten():
    assert "%" not in z.vergelijking(18, 9, JAAR)
    assert z.vergelijking(18, 9, JAAR) == ", negen meer dan in 2024 (9)"


def test_vergelijking_of_an_unfinished_year_names_the_same_period():
    assert z.vergelijking(15, 18, LOPEND) == \
        ", drie minder dan in dezelfde periode van 2025 (18), een daling van 17%"


def test_vergelijking_is_empty_without_a_previous_year():
    assert z.vergelijking(5, 0, ZONDER_VORIG) == ""
    assert z.vergelijking(5, None, JAAR) == ""


@pytest.mark.parametrize("periode, verwacht", [
    (JAAR, "in 2025"), (LOPEND, "in de eerste tien maanden van 2026"),
    (JANUARI, "in januari 2026"),
])
def test_periode_wanneer_says_how_much_of_the_year(periode, verwacht):
    assert periode.wanneer() == verwacht


def test_periode_of_an_unfinished_year_ends_at_the_month_end():
    assert LOPEND.tot.isoformat() == "2026-10-31"
    assert LOPEND.vorig_tot.isoformat() == "2025-10-31"
    assert not LOPEND.volledig and JAAR.volledig


DRUGS = z.thema_gezegde("drugs")


@pytest.mark.parametrize("deel, geheel, verwacht", [
    (9, 18, "De helft daarvan (9) is drugsgerelateerd."),
    (18, 18, "Alle meldingen zijn drugsgerelateerd."),
    (2, 2, "Beide zijn drugsgerelateerd."),
    (1, 1, "Deze is drugsgerelateerd."),
    (0, 7, "Geen daarvan is drugsgerelateerd."),
    (7, 18, "Daarvan zijn er 7 (39%) drugsgerelateerd."),
    (1, 12, "Daarvan is er 1 (8%) drugsgerelateerd."),
    (3, 7, "Daarvan zijn er drie drugsgerelateerd."),
    (1, 7, "Daarvan is er één drugsgerelateerd."),
    (1, 2, "Daarvan is er één drugsgerelateerd."),
    (2, 4, "De helft daarvan (2) is drugsgerelateerd."),
    (5, 0, ""),
])
def test_aandeel_covers_every_share(deel, geheel, verwacht):
    assert z.aandeel(deel, geheel, DRUGS, "meldingen") == verwacht


def test_aandeel_of_another_theme_says_gaat_over():
    assert z.aandeel(2, 6, z.thema_gezegde("illegaal_verblijf")) == \
        "Daarvan gaan er twee over illegaal verblijf."


def test_m_meldingen_reproduces_the_reference_sentence():
    zin = z.m_meldingen(JAAR, 18, 18, [("drugs", 9), ("fraude", 4), ("witwassen", 3),
                                       ("illegaal_verblijf", 2)])
    assert zin == ("In 2025 zijn er in totaal 18 meldingen via Meld Misdaad Anoniem ontvangen, "
                   "evenveel als in 2024 (18). De helft daarvan (9) is drugsgerelateerd. De "
                   "andere helft gaat over fraude (4), witwassen (3) en illegaal verblijf (2).")


def test_m_meldingen_of_one_melding_is_singular():
    assert z.m_meldingen(JAAR, 1, 0, [("fraude", 1)]) == (
        "In 2025 is er één melding via Meld Misdaad Anoniem ontvangen, terwijl er in 2024 geen "
        "waren. Deze melding gaat over fraude.")


def test_m_meldingen_of_none_says_geen():
    assert z.m_meldingen(JAAR, 0, 3, []) == \
        "In 2025 zijn er geen meldingen via Meld Misdaad Anoniem ontvangen, tegen drie in 2024."


def test_m_meldingen_of_two_split_in_two_says_de_andere_melding():
    assert z.m_meldingen(JAAR, 2, None, [("drugs", 1), ("fraude", 1)]).endswith(
        "Daarvan is er één drugsgerelateerd. De andere melding gaat over fraude.")


def test_m_meldingen_names_the_remaining_count_when_not_half():
    zin = z.m_meldingen(JAAR, 5, 5, [("drugs", 3), ("fraude", 2)])
    assert zin.endswith("Daarvan zijn er drie drugsgerelateerd. De overige twee gaan over "
                        "fraude.")


def test_m_meldingen_of_an_unfinished_year_compares_like_for_like():
    zin = z.m_meldingen(LOPEND, 15, 16, [("drugs", 15)])
    assert zin.startswith("In de eerste tien maanden van 2026 zijn er in totaal 15 meldingen")
    assert "één minder dan in dezelfde periode van 2025 (16)" in zin


def test_signalen_en_meldingen_reproduces_the_reference_sentence():
    assert z.signalen_en_meldingen(JAAR, 42, None, 42) == (
        "In 2025 zijn er in totaal 42 signalen en meldingen ontvangen. Alle signalen en "
        "meldingen zijn besproken in het LOO.")


@pytest.mark.parametrize("n, besproken, verwacht", [
    (1, 1, "In 2025 is er één signaal of melding ontvangen. Deze is besproken in het LOO."),
    (0, 0, "In 2025 zijn er geen signalen of meldingen ontvangen."),
    (42, 40, "In 2025 zijn er in totaal 42 signalen en meldingen ontvangen. Daarvan zijn er 40 "
             "(95%) besproken in het LOO."),
])
def test_signalen_en_meldingen_agrees_in_number(n, besproken, verwacht):
    assert z.signalen_en_meldingen(JAAR, n, None, besproken) == verwacht


@pytest.mark.parametrize("b, i, verwacht", [
    (1, 3, "Bij één signaal is aanvullend bronnenonderzoek uitgevoerd en bij drie is een "
           "interventie ingezet"),
    (4, 0, "Bij vier signalen is aanvullend bronnenonderzoek uitgevoerd; er zijn geen "
           "interventies ingezet."),
    (0, 1, "Bij één signaal is een interventie ingezet"),
    (0, 0, "Er is geen aanvullend bronnenonderzoek uitgevoerd en er zijn geen interventies "
           "ingezet."),
])
def test_vervolg_covers_every_combination(b, i, verwacht):
    assert z.vervolg(b, i).startswith(verwacht)


def test_bestuursrechtelijk_reproduces_the_reference_figures():
    zin = z.bestuursrechtelijk(JAAR, 1, 1, 9)
    assert zin == ("Het bestuursrechtelijk optreden heeft in 2025 geleid tot één tijdelijke "
                   "sluiting op grond van artikel 13b Opiumwet en één last onder dwangsom. "
                   "Daarnaast is op grond van de APV negen keer bestuursrechtelijk opgetreden "
                   "tegen straatdealers.")


@pytest.mark.parametrize("s, d, a, stukken", [
    (2, 0, 1, ["twee tijdelijke sluitingen", "er is geen last onder dwangsom opgelegd",
               "één keer bestuursrechtelijk"]),
    (0, 3, 0, ["drie lasten onder dwangsom", "er is geen pand gesloten",
               "Op grond van de APV is niet bestuursrechtelijk opgetreden"]),
    (0, 0, 15, ["In 2025 is geen pand gesloten", "en is geen last onder dwangsom opgelegd",
                "15 keer"]),
])
def test_bestuursrechtelijk_handles_zero_and_plural(s, d, a, stukken):
    zin = z.bestuursrechtelijk(JAAR, s, d, a)
    for stuk in stukken:
        assert stuk in zin


def test_bestuursrechtelijk_compares_with_the_previous_year_without_zeros():
    zin = z.bestuursrechtelijk(JAAR, 1, 1, 9, vorig=(0, 1, 7))
    assert zin.endswith("Ter vergelijking: in 2024 ging het om één last onder dwangsom en "
                        "zeven APV-maatregelen tegen straatdealers.")


def test_overige_maatregelen_lists_only_what_occurred():
    assert z.overige_maatregelen(JAAR, {"bestuurlijke_waarschuwing": 2,
                                        "bestuurlijke_boete": 1}) == \
        ("Verder registreerde de gemeente in 2025 twee bestuurlijke waarschuwingen en één "
         "bestuurlijke boete.")
    assert z.overige_maatregelen(JAAR, {"apv_straathandel": 4}) == ""


def test_bibob_reproduces_the_reference_figures():
    zin = z.bibob(JAAR, [("exploitatievergunning", 9), ("vastgoed", 2)], 11)
    assert zin == ("In 2025 zijn negen Bibob-onderzoeken uitgevoerd bij aanvragen voor "
                   "exploitatievergunningen. Daarnaast zijn twee Bibob-onderzoeken uitgevoerd "
                   "bij gemeentelijke vastgoedtransacties. In totaal zijn dat elf "
                   "Bibob-onderzoeken, evenveel als in 2024 (11).")


@pytest.mark.parametrize("per_domein, vorig, verwacht", [
    ([], 2, "In 2025 is geen Bibob-onderzoek uitgevoerd, tegen twee in 2024."),
    ([("vastgoed", 1)], 1, "In 2025 is één Bibob-onderzoek uitgevoerd bij gemeentelijke "
                           "vastgoedtransacties, evenveel als in 2024 (1)."),
    ([("exploitatievergunning", 1), ("vastgoed", 1)], 0,
     "In 2025 is één Bibob-onderzoek uitgevoerd bij aanvragen voor exploitatievergunningen. "
     "Daarnaast is één Bibob-onderzoek uitgevoerd bij gemeentelijke vastgoedtransacties. In "
     "totaal zijn dat twee Bibob-onderzoeken, terwijl er in 2024 geen waren."),
])
def test_bibob_handles_none_one_and_singular(per_domein, vorig, verwacht):
    assert z.bibob(JAAR, per_domein, vorig) == verwacht


def test_bibob_over_many_domains_lists_the_rest_with_counts():
    zin = z.bibob(JAAR, [("exploitatievergunning", 9), ("vastgoed", 2), ("subsidie", 1)], None)
    assert ("Daarnaast zijn Bibob-onderzoeken uitgevoerd bij gemeentelijke "
            "vastgoedtransacties (2) en bij subsidieaanvragen (1).") in zin
    assert zin.endswith("In totaal zijn dat twaalf Bibob-onderzoeken.")


@pytest.mark.parametrize("n, verwacht", [
    (0, "In 2025 zijn er geen signalen uit het buitengebied ontvangen."),
    (1, "In 2025 zijn er minder dan vijf signalen uit het buitengebied ontvangen."),
    (4, "In 2025 zijn er minder dan vijf signalen uit het buitengebied ontvangen."),
    (5, "In 2025 zijn er vijf signalen uit het buitengebied ontvangen."),
])
def test_gebied_suppresses_small_counts(n, verwacht):
    assert z.gebied(JAAR, "buitengebied", n) == verwacht


@pytest.mark.parametrize("n, verwacht", [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"),
                                         (1234, "1.234")])
def test_onderdrukt_hides_one_to_four(n, verwacht):
    assert z.onderdrukt(n) == verwacht


def test_thema_ontvangen_is_singular_for_one():
    assert z.thema_ontvangen(JAAR, "zorgfraude", 1, 0) == (
        "In 2025 is er één signaal of melding over zorgfraude ontvangen, terwijl er in 2024 "
        "geen waren.")


def test_dol_counts_registrations_dealers_and_matches():
    assert z.dol(JAAR, 1234, 1000, 1, 0) == (
        "In 2025 zijn er in totaal 1.234 registraties in het Digitaal Opkopersregister gedaan "
        "door één opkoper, 234 meer dan in 2024 (1.000), een stijging van 23%. Geen daarvan "
        "leverde een match op met als gestolen geregistreerde goederen.")
    assert "Daarvan leverde er één een match op" in z.dol(JAAR, 5, None, 2, 1)
    assert z.dol(JAAR, 0, 0, 0) == ("In 2025 zijn er geen registraties in het Digitaal "
                                    "Opkopersregister gedaan, net als in 2024.")


@pytest.mark.parametrize("n, eerder, verwacht", [
    (0, 0, "In 2025 zijn nog geen registercontroles uitgevoerd."),
    (0, 3, "In 2025 zijn geen registercontroles uitgevoerd."),
    (1, 0, "In 2025 is de eerste registercontrole uitgevoerd."),
    (4, 0, "In 2025 zijn de eerste registercontroles uitgevoerd: vier in totaal."),
    (1, 2, "In 2025 is één registercontrole uitgevoerd."),
    (6, 2, "In 2025 zijn zes registercontroles uitgevoerd."),
])
def test_registercontroles_calls_the_first_ones_the_first(n, eerder, verwacht):
    assert z.registercontroles(JAAR, n, eerder) == verwacht


@pytest.mark.parametrize("periode, verwacht", [
    (JAAR, "Periode: 2025, vergeleken met 2024."),
    (ZONDER_VORIG, "Periode: 2024. Over het jaar ervoor zijn geen gegevens; er wordt niet "
                   "vergeleken."),
    (LOPEND, "Periode: januari tot en met oktober 2026. 2026 is nog niet compleet; vergeleken "
             "wordt met dezelfde maanden van 2025."),
])
def test_periode_omschrijving_says_what_is_compared(periode, verwacht):
    assert periode.omschrijving() == verwacht


@pytest.mark.parametrize("periode, n, verwacht", [
    (JAAR, 12, "Het LOO is in 2025 twaalf keer bijeengekomen om signalen te bespreken."),
    (LOPEND, 1, "Het LOO is in de eerste tien maanden van 2026 één keer bijeengekomen om "
                "signalen te bespreken."),
    (JAAR, 0, ""),
])
def test_loo_vergaderingen_counts_meetings(periode, n, verwacht):
    assert z.loo_vergaderingen(periode, n) == verwacht


def test_gebied_hidden_to_protect_another_count_says_vijf_of_meer():
    assert z.gebied(JAAR, "opslagboxen", 7, afgeschermd=True) == \
        "In 2025 zijn er vijf of meer signalen over opslagboxen ontvangen."


# -- properties: agreement in number holds for every count --------------------------------------

from hypothesis import given
from hypothesis import strategies as st

AANTALLEN = st.integers(min_value=0, max_value=5000)
FOUT = ("één meldingen", " 1 meldingen", "zijn er één ", "is er twee", "zijn er in totaal één",
        "is er in totaal", "geen melding ", "1 keer", "  ", " ,", "..")


@given(AANTALLEN, st.one_of(st.none(), AANTALLEN), st.integers(min_value=0, max_value=5000))
def test_m_meldingen_agree_in_number_for_any_count(nu, vorig, drugs):
    drugs = min(drugs, nu)
    rest = nu - drugs
    per_thema = sorted([("drugs", drugs), ("fraude", rest)], key=lambda t: -t[1])
    zin = z.m_meldingen(JAAR, nu, vorig, per_thema)
    assert zin.endswith(".") and zin[0].isupper()
    assert not any(f in zin for f in FOUT), zin
    if nu == 1:
        assert "is er één melding" in zin
    elif nu == 0:
        assert "geen meldingen" in zin
    else:
        assert f"in totaal {z.woord(nu)} meldingen" in zin


@given(AANTALLEN, AANTALLEN)
def test_vergelijking_names_the_difference_or_says_evenveel(nu, vorig):
    zin = z.vergelijking(nu, vorig, JAAR)
    if nu == vorig:
        assert "evenveel" in zin or "net als" in zin
    elif nu and vorig:
        assert f"{z.woord(abs(nu - vorig))} {'meer' if nu > vorig else 'minder'} dan" in zin
        assert ("%" in zin) == (vorig >= z.PERCENTAGE_BASIS)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_aandeel_never_exceeds_its_whole_and_is_one_sentence(deel, geheel):
    deel = min(deel, geheel)
    zin = z.aandeel(deel, geheel, z.Gezegde("is", "zijn", "besproken"), "signalen")
    assert zin.count(".") == 1 and zin.endswith(".")
    if deel == 1 and geheel > 2:
        assert "is er" in zin
