"""The 2025 figures of the uitvoeringsplan as the dashboard's measures give them for a database
loaded from sample_data/ (conftest's sample_db: the real loader, `python -m data_pipeline load`);
the expected figures are the plan's, written in a table here, and a few facts of the sample's
design checked on its rows."""

import datetime as dt

import duckdb
import pytest

from dashboard import measures
from tests.conftest import runner


@pytest.fixture
def one(sample_db):
    """Run a query on the loaded sample and return its single value."""
    con = duckdb.connect(str(sample_db), read_only=True)

    def value(sql, **params):
        return con.execute(sql, params).fetchone()[0]

    yield value
    con.close()


def test_every_sample_file_loads_with_all_its_rows(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    loads = con.execute(
        "select bron, uitkomst, ingevoegd from load_ledger order by bron").fetchall()
    con.close()
    assert len(loads) == 5
    assert all(row[2] > 0 for row in loads), loads


# The 2025 figures of the reference plan (/work/shared/reference/uitvoeringsplan-2026-
# ondermijning.txt) as the dashboard's measures must give them for the sample. Written here,
# never counted by the test: measure, thema (None: all), expected, where the plan says it.
FIGURES_2025 = [
    ("signalen_en_meldingen", None, 42,
     "Signaalgestuurde aanpak: in 2025 zijn er in totaal 42 signalen en meldingen ontvangen"),
    ("m_meldingen", None, 18, "Meldroutes: in 2025 in totaal 18 meldingen via M"),
    ("m_meldingen", "drugs", 9, "Meldroutes: 50% van deze (18) meldingen is drugsgerelateerd"),
    ("bestuurlijke_maatregelen", None, 11,
     "Bestuursrechtelijk optreden: een sluiting, een last onder dwangsom, negen keer APV"),
    ("bibob_onderzoeken", None, 11,
     "Wet Bibob: 9 bij exploitatievergunningen, daarnaast 2 bij vastgoedtransacties"),
    ("bibob_organisatiebreed", None, 2, "Wet Bibob: de 2 buiten exploitatievergunningen"),
    ("registercontroles", None, 0, "DOL/DOR: in 2026 volgt de fase van registercontroles"),
    ("handhavingsacties", None, 22, "1 + 1 + 9 maatregelen en 9 + 2 Bibob-onderzoeken"),
    # the sample's design: every 2025 M-melding was registered as a signal, and the LOO
    # discussed every signal ("Alle signalen en meldingen zijn [besproken]")
    ("signalen", None, 42, "42 signalen en meldingen, alle M-meldingen als signaal"),
    ("m_meldingen_los", None, 0, "geen M-melding zonder signaal"),
    ("besproken_loo", None, 42, "alle signalen besproken in het LOO"),
]
JAAR_2025 = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def run(sample_db):
    return runner(sample_db)


@pytest.mark.parametrize("maat, thema, expected, plan", FIGURES_2025,
                         ids=[f"{m}-{t or 'alle'}" for m, t, _, _ in FIGURES_2025])
def test_2025_figure_of_the_plan(run, maat, thema, expected, plan):
    assert measures.value(run, maat, *JAAR_2025, thema=thema) == expected, plan


def test_18_m_meldingen_in_2024_too(run):
    # Meldroutes: bijna gelijk aan hetzelfde hoeveelheid meldingen in 2024 (18)
    assert measures.value(run, "m_meldingen", dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == 18


def test_2025_bestuurlijke_maatregelen_per_instrument(run):
    # Bestuursrechtelijk optreden: een tijdelijke sluiting (13b), een last onder dwangsom en
    # negen keer op grond van de APV tegen straatdealers; nothing else
    assert measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", *JAAR_2025) == {
        "opiumwet_13b_sluiting": 1, "last_onder_dwangsom": 1, "apv_straathandel": 9}


def test_2025_bibob_onderzoeken_per_domein(run):
    # Wet Bibob: 9 bij exploitatievergunningen, 2 bij gemeentelijke vastgoedtransacties
    assert measures.by_dict(run, "bibob_onderzoeken", "domein", *JAAR_2025) == {
        "exploitatievergunning": 9, "vastgoed": 2}


def test_the_other_2025_m_meldingen_are_fraude_witwassen_or_illegaal_verblijf(run):
    # Meldroutes: de andere helft: fraude, witwassen en illegaal verblijf
    per_thema = measures.by_dict(run, "m_meldingen", "thema", *JAAR_2025)
    assert per_thema == {"drugs": 9, "fraude": 4, "witwassen": 3, "illegaal_verblijf": 2}


def test_2025_drug_measures_follow_a_drugs_signal_about_the_same_subject(one):
    assert one("""select count(*) from handhaving as h
                  join signalen as s on s.signaal_id = h.signaal_id
                  where year(h.datum) = 2025
                    and h.instrument in ('opiumwet_13b_sluiting', 'last_onder_dwangsom')
                    and h.thema = 'drugs' and s.thema = 'drugs'
                    and h.subject_pseudoniem = s.subject_pseudoniem""") == 2


def test_2025_buitengebied_signals_found_no_misstanden(one):
    assert one("""select count(*) from signalen
                  where year(datum_ontvangst) = 2025 and gebied = 'buitengebied'""") > 0
    assert one("""select count(*) from signalen
                  where year(datum_ontvangst) = 2025 and gebied = 'buitengebied'
                    and not (status = 'afgesloten'
                             and vervolg in ('geen', 'bronnenonderzoek'))""") == 0


def test_register_checks_only_in_2026(run):
    jaar_2026 = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert measures.value(run, "registercontroles", *jaar_2026) > 0
    assert measures.value(run, "registercontroles", dt.date(2000, 1, 1), dt.date(2025, 12, 31)) \
        == 0


def test_dol_registrations_in_every_year(one):
    assert one("""select count(distinct year(datum_registratie)) from dol_registraties""") == 3


def test_the_plan_2026_has_six_goals_two_per_spoor(one):
    assert one("select count(*) from plan_doelen where jaar = 2026") == 6
    assert one("""select count(*) from (select spoor from plan_doelen where jaar = 2026
                  group by spoor having count(*) = 2)""") == 3


def test_no_theme_is_unknown_after_mapping(one):
    total = 0
    for table in ("signalen", "m_meldingen", "handhaving"):
        total += one(f"select count(*) from {table} where thema = 'onbekend'")
    assert total == 0
