"""The 2025 figures of the uitvoeringsplan, counted in a database loaded from sample_data/
(conftest's sample_db: the real loader, `python -m data_pipeline load`)."""

import duckdb
import pytest


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


def test_42_signalen_en_meldingen_received_in_2025(one):
    # counting rule: signals, plus M-meldingen not linked to an existing signal
    assert one("""
        select
            (select count(*) from signalen where year(datum_ontvangst) = 2025)
            + (select count(*) from m_meldingen as m
               left join signalen as s on s.signaal_id = m.gekoppeld_signaal_id
               where year(m.datum_ontvangst) = 2025 and s.signaal_id is null)
    """) == 42


def test_every_2025_signal_was_discussed_in_the_loo(one):
    assert one("select count(*) from signalen where year(datum_ontvangst) = 2025") == 42
    assert one("""select count(*) from signalen
                  where year(datum_ontvangst) = 2025 and datum_besproken_loo is null""") == 0


def test_every_2025_m_melding_counts_once_as_its_signal(one):
    assert one("""select count(*) from m_meldingen as m
                  join signalen as s on s.signaal_id = m.gekoppeld_signaal_id
                  where year(m.datum_ontvangst) = 2025
                    and s.bron = 'meld_misdaad_anoniem'
                    and year(s.datum_ontvangst) = 2025""") == 18


@pytest.mark.parametrize("jaar", [2024, 2025])
def test_18_m_meldingen_per_year(one, jaar):
    assert one("select count(*) from m_meldingen where year(datum_ontvangst) = $jaar",
               jaar=jaar) == 18


def test_half_of_the_2025_m_meldingen_are_drug_related(one):
    assert one("""select count(*) from m_meldingen
                  where year(datum_ontvangst) = 2025 and thema = 'drugs'""") == 9


def test_the_other_2025_m_meldingen_are_fraude_witwassen_or_illegaal_verblijf(one):
    assert one("""select count(*) from m_meldingen
                  where year(datum_ontvangst) = 2025
                    and thema in ('fraude', 'witwassen', 'illegaal_verblijf')""") == 9


@pytest.mark.parametrize("instrument, aantal", [
    ("opiumwet_13b_sluiting", 1),
    ("last_onder_dwangsom", 1),
    ("apv_straathandel", 9),
    ("bibob_onderzoek", 11),
])
def test_2025_handhaving_per_instrument(one, instrument, aantal):
    assert one("""select count(*) from handhaving
                  where year(datum) = 2025 and instrument = $instrument""",
               instrument=instrument) == aantal


def test_2025_has_no_other_instruments(one):
    assert one("select count(*) from handhaving where year(datum) = 2025") == 22


@pytest.mark.parametrize("domein, aantal", [("exploitatievergunning", 9), ("vastgoed", 2)])
def test_2025_bibob_per_domein(one, domein, aantal):
    assert one("""select count(*) from handhaving
                  where year(datum) = 2025 and instrument = 'bibob_onderzoek'
                    and domein = $domein""", domein=domein) == aantal


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


def test_register_checks_only_in_2026(one):
    assert one("""select count(*) from handhaving
                  where instrument = 'registercontrole_dol_dor' and year(datum) = 2026""") > 0
    assert one("""select count(*) from handhaving
                  where instrument = 'registercontrole_dol_dor' and year(datum) < 2026""") == 0


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
