"""Indicator queries against hand-counted rows, and the projection to year end."""

import datetime as dt

import polars as pl
import pytest

from dashboard import indicators, measures
from tests.conftest import PEILDATUM, ROOT, d, runner


def actie(actie_id, datum, instrument, domein=None):
    return {"actie_id": actie_id, "datum": d(datum), "instrument": instrument, "domein": domein}


@pytest.fixture
def handhaving_db(make_db):
    """Register checks: 2 in Feb 2026, 1 in Apr 2026, 1 in 2025 (other year).
    Bibob: exploitatievergunning Jan 2026, vastgoed Mar 2026 x2, no domein Mar 2026,
    subsidie Dec 2025 (other year). One APV action (other instrument) in Feb 2026.
    Newest handhaving date: 2026-04-20."""
    return make_db({"handhaving": [
        actie("r1", "2026-02-03", "registercontrole_dol_dor"),
        actie("r2", "2026-02-28", "registercontrole_dol_dor"),
        actie("r3", "2026-04-20", "registercontrole_dol_dor"),
        actie("r0", "2025-12-31", "registercontrole_dol_dor"),
        actie("b1", "2026-01-10", "bibob_onderzoek", "exploitatievergunning"),
        actie("b2", "2026-03-01", "bibob_onderzoek", "vastgoed"),
        actie("b3", "2026-03-31", "bibob_onderzoek", "vastgoed"),
        actie("b4", "2026-03-15", "bibob_onderzoek"),
        actie("b0", "2025-12-01", "bibob_onderzoek", "subsidie"),
        actie("a1", "2026-02-10", "apv_straathandel"),
    ]})


def test_registercontroles_counts_checks_per_month_of_the_plan_year(handhaving_db):
    rows = indicators.measure(runner(handhaving_db), "registercontroles_dol_dor", 2026)
    assert rows["maand"].to_list() == [dt.date(2026, m, 1) for m in range(1, 13)]
    assert rows["waarde"].to_list() == [0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    assert rows["cumulatief"].to_list() == [0, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3]
    assert rows["gemeten_tot"].to_list() == [d("2026-04-20")] * 12


def test_registercontroles_of_another_year_count_only_that_year(handhaving_db):
    rows = indicators.measure(runner(handhaving_db), "registercontroles_dol_dor", 2025)
    assert rows["waarde"].sum() == 1
    assert rows["waarde"].to_list()[11] == 1


def test_bibob_onderzoeken_counts_all_domains(handhaving_db):
    rows = indicators.measure(runner(handhaving_db), "bibob_onderzoeken", 2026)
    assert rows["waarde"].to_list()[:4] == [1, 0, 3, 0]
    assert rows["cumulatief"].to_list()[-1] == 4


def test_bibob_organisatiebreed_leaves_out_exploitatievergunningen(handhaving_db):
    rows = indicators.measure(runner(handhaving_db), "bibob_organisatiebreed", 2026)
    assert rows["waarde"].to_list()[:4] == [0, 0, 3, 0]
    assert rows["cumulatief"].to_list()[-1] == 3


def test_bibob_per_domein_breaks_down_the_year_total_by_categorie(handhaving_db):
    # 2026: exploitatievergunning b1, vastgoed b2 b3, no domein b4 (onbekend) = 4; b0 is 2025.
    rows = measures.by(runner(handhaving_db), "bibob_onderzoeken", "domein", d("2026-01-01"),
                       d("2026-12-31"))
    assert rows.columns == ["categorie", "waarde"]
    assert rows.rows() == [("exploitatievergunning", 1), ("onbekend", 1), ("vastgoed", 2)]


def test_indicators_on_an_empty_database_are_zero_all_year(empty_db):
    rows = indicators.measure(runner(empty_db), "bibob_onderzoeken", 2026)
    assert rows["cumulatief"].to_list() == [0] * 12
    assert rows["gemeten_tot"].null_count() == 12


def signaal(signaal_id, ontvangen, besproken=None):
    return {"signaal_id": signaal_id, "datum_ontvangst": d(ontvangen), "bron": "politie",
            "thema": "drugs", "status": "nieuw",
            "datum_besproken_loo": d(besproken) if besproken else None}


def test_signalen_besproken_loo_is_the_share_discussed_per_month_and_cumulative(make_db):
    db = make_db({"signalen": [
        signaal("s1", "2026-01-05", "2026-01-20"), signaal("s2", "2026-01-09", "2026-02-17"),
        signaal("s3", "2026-03-02", "2026-03-16"), signaal("s4", "2026-03-25"),
        signaal("s0", "2025-11-02"),
    ]})
    # January: s1 and s2 received, both discussed (s2 in February) -> 1.0; February and April
    # nothing received -> no share; March: s3 discussed, s4 not -> 0.5. Cumulative 3 of 4.
    rows = indicators.measure(runner(db), "signalen_besproken_loo", 2026)
    assert rows["waarde"].to_list()[:4] == [1.0, None, 0.5, None]
    assert rows["cumulatief"].to_list()[:4] == [1.0, 1.0, 0.75, 0.75]


def test_signalen_besproken_loo_divides_the_measure_besproken_loo_by_the_measure_signalen(
        make_db):
    # Received in 2026: s1..s5 = 5; discussed (on any date since, s5 only in 2027): s1 s2 s3 s5
    # = 4 -> 0.8 at year end, the two registered measures divided.
    db = make_db({"signalen": [
        signaal("s1", "2026-01-05", "2026-01-20"), signaal("s2", "2026-01-09", "2026-02-17"),
        signaal("s3", "2026-03-02", "2026-03-16"), signaal("s4", "2026-03-25"),
        signaal("s5", "2026-12-20", "2027-01-10"), signaal("s0", "2025-11-02", "2026-01-20"),
    ]})
    run = runner(db)
    rows = indicators.measure(run, "signalen_besproken_loo", 2026)
    assert rows["cumulatief"][-1] == pytest.approx(0.8)
    jaar = measures.values(run, ["besproken_loo", "signalen"], d("2026-01-01"), d("2026-12-31"))
    assert rows["cumulatief"][-1] == pytest.approx(jaar["besproken_loo"] / jaar["signalen"])


def melding(melding_id, ontvangen, thema, gekoppeld=None):
    return {"melding_id": melding_id, "datum_ontvangst": d(ontvangen), "thema": thema,
            "gekoppeld_signaal_id": gekoppeld}


def test_signalen_per_thema_count_a_linked_m_melding_once(make_db):
    db = make_db({
        "signalen": [
            {**signaal("s1", "2026-02-03"), "thema": "zorgfraude"},
            {**signaal("s2", "2026-02-20"), "thema": "zorgfraude"},
            {**signaal("s3", "2026-02-21"), "thema": "mensenhandel"},
            {**signaal("s0", "2025-06-01"), "thema": "zorgfraude"},
        ],
        "m_meldingen": [
            melding("m1", "2026-02-18", "zorgfraude", "s2"),  # registered as s2: counted once
            melding("m2", "2026-05-07", "zorgfraude"),  # not registered: counts itself
            melding("m3", "2026-05-09", "zorgfraude", "s-onbekend"),  # link to no signaal
            melding("m4", "2026-06-01", "drugs"),
        ],
    })
    zorg = indicators.measure(runner(db), "signalen_zorgfraude", 2026)
    assert zorg["waarde"].to_list()[:6] == [0, 2, 0, 0, 2, 0]
    assert zorg["cumulatief"].to_list()[-1] == 4
    assert zorg["gemeten_tot"].to_list()[0] == d("2026-06-01")
    mens = indicators.measure(runner(db), "signalen_mensenhandel", 2026)
    assert mens["cumulatief"].to_list()[-1] == 1


def test_every_count_indicator_is_its_registered_measure_per_month(make_db):
    # The figure on a goal card is the figure of every other page: the measure, for its thema.
    run = runner(make_db({
        "handhaving": [actie("r1", "2026-02-03", "registercontrole_dol_dor"),
                       actie("b1", "2026-01-10", "bibob_onderzoek", "exploitatievergunning"),
                       actie("b2", "2026-03-01", "bibob_onderzoek", "vastgoed")],
        "signalen": [{**signaal("s1", "2026-02-03"), "thema": "zorgfraude"},
                     {**signaal("s2", "2026-04-03"), "thema": "mensenhandel"}],
        "m_meldingen": [melding("m1", "2026-05-07", "zorgfraude")],
    }))
    for ind in indicators.INDICATORS.values():
        if ind.noemer is None:
            rows = indicators.measure(run, ind.name, 2026)
            assert rows["waarde"].sum() > 0, ind.name
            assert rows.equals(measures.per_month(run, ind.maat, d("2026-01-01"),
                                                  d("2026-12-31"), ind.thema)), ind.name


def test_every_registered_indicator_has_a_query_that_runs(empty_db):
    for name in indicators.INDICATORS:
        rows = indicators.measure(runner(empty_db), name, 2026)
        assert rows.columns == ["maand", "waarde", "cumulatief", "gemeten_tot"]


def test_unknown_indicator_is_named_in_dutch():
    with pytest.raises(KeyError, match="Onbekende indicator 'trainingen'"):
        indicators.get("trainingen")


def test_peildatum_is_the_newest_export_date_at_most_today(handhaving_db):
    rows = indicators.measure(runner(handhaving_db), "bibob_onderzoeken", 2026)
    assert indicators.peildatum(rows, vandaag=d("2026-11-30")) == d("2026-04-20")
    assert indicators.peildatum(rows, vandaag=d("2026-04-01")) == d("2026-04-01")


# Projection: cumulative counts per month; peildatum 31 October = 10 months elapsed.
OKT = d("2026-10-31")


def cum(*values):
    return {m: v for m, v in enumerate(values, start=1)}


def test_projection_on_track_when_the_linear_estimate_reaches_the_target():
    p = indicators.projection(cum(2, 4, 6, 8, 9, 11, 12, 14, 15, 17), 20, 2026, OKT)
    assert p["status"] == "op_koers"
    assert p["gemeten"] == 17
    assert p["verwachting"] == 20  # 17 * 12 / 10 = 20.4
    assert p["zin"] == "Op koers: 17 van 20 gemeten, verwachting eind 2026: 20."
    assert p["fractie"] == pytest.approx(0.85)


def test_projection_behind_says_where_the_plan_should_be_now():
    p = indicators.projection(cum(0, 0, 1, 2, 3, 4, 6, 7, 8, 10), 20, 2026, OKT)
    assert p["status"] == "achter"
    assert p["verwachting"] == 12
    assert p["verwacht_nu"] == pytest.approx(16.7, abs=0.05)
    assert p["zin"] == ("Achter op schema: 10 van 20 gemeten, verwachting eind 2026: 12, "
                        "onder het doel.")
    assert p["icoon"] == ":material/warning:"


def test_projection_uses_the_fraction_of_the_current_month():
    p = indicators.projection(cum(5, 10, 15), 50, 2026, d("2026-03-16"))
    # 15 measured in 2 + 16/31 months: 15 * 12 / 2.516 = 71.5
    assert p["verstreken"] == pytest.approx(2.52, abs=0.01)
    assert p["verwachting"] == 72


def test_projection_ignores_months_after_the_peildatum():
    p = indicators.projection(cum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 12, 2026,
                              d("2026-06-30"))
    assert p["gemeten"] == 6
    assert p["status"] == "op_koers"


def test_projection_without_data_yet():
    p = indicators.projection({}, 20, 2026, OKT)
    assert p["status"] == "geen_gegevens"
    assert p["zin"] == "Nog geen metingen voor 2026."


def test_projection_before_the_plan_year_starts_has_no_data():
    p = indicators.projection(cum(0), 20, 2026, d("2025-12-15"))
    assert p["status"] == "geen_gegevens"


def test_projection_in_the_first_weeks_is_too_early_to_call():
    p = indicators.projection(cum(1), 20, 2026, d("2026-01-20"))
    assert p["status"] == "te_vroeg"
    assert p["verwachting"] is None


def test_projection_target_reached():
    p = indicators.projection(cum(5, 10, 22), 20, 2026, d("2026-03-31"))
    assert p["status"] == "behaald"
    assert p["fractie"] == 1.0
    assert p["zin"] == "Doel behaald: 22 gemeten, doel 20."


def test_projection_after_the_year_is_over_is_final():
    p = indicators.projection(cum(*range(1, 13)), 20, 2026, d("2027-02-01"))
    assert p["status"] == "niet_behaald"
    assert p["gemeten"] == 12
    assert p["zin"] == "Doel niet behaald: 12 van 20 gemeten in 2026."
    assert p["icoon"] == ":material/error:"


def test_projection_without_doelwaarde_reports_only_the_measure():
    for missing in (None, float("nan"), 0):
        p = indicators.projection(cum(3, 5), missing, 2026, d("2026-02-28"))
        assert p["status"] == "geen_doel"
        assert p["fractie"] is None
        assert p["zin"] == "Gemeten in 2026: 5; er is geen doelwaarde vastgesteld."


def test_projection_of_a_share_compares_the_current_share_with_a_percentage_target():
    p = indicators.projection(cum(1.0, 0.9), 95, 2026, d("2026-02-28"), soort="aandeel")
    assert p["status"] == "achter"
    assert p["doelwaarde"] == pytest.approx(0.95)
    assert p["zin"] == "Achter op schema: 90% gemeten, doel 95%."


def test_a_measurement_is_projected_from_the_export_date(handhaving_db):
    # As the Uitvoeringsplan page does: measure the year, project from how far the data reach.
    rows = indicators.measure(runner(handhaving_db), "registercontroles_dol_dor", 2026)
    p = indicators.projection(rows, 12, 2026, indicators.peildatum(rows, PEILDATUM),
                              soort=indicators.get("registercontroles_dol_dor").soort)
    # 3 checks by 20 April (3 + 20/30 months): 3 * 12 / 3.667 = 9.8 -> 10 < 12
    assert p["gemeten"] == 3
    assert p["verwachting"] == 10
    assert p["status"] == "achter"


def test_every_indicator_the_sample_plan_names_is_registered():
    sample = pl.read_csv(ROOT / "sample_data" / "uitvoeringsplan_2026.csv")
    named = {n for n in sample["indicator"].to_list() if n}
    assert named and named <= set(indicators.INDICATORS)
