"""dashboard.measures on a tiny database counted by hand: what each function asks the query
layer and how it reads the answer (period bounds, thema, unique keys, dimensions, refusals)."""

import pytest

from dashboard import measures
from tests.conftest import build_db, d, runner

SIGNALEN = [
    {"signaal_id": "S1", "datum_ontvangst": d("2025-01-10"), "bron": "politie",
     "thema": "drugs", "status": "nieuw"},
    {"signaal_id": "S2", "datum_ontvangst": d("2025-02-20"), "bron": "politie",
     "thema": "fraude", "status": "nieuw"},
    {"signaal_id": "S3", "datum_ontvangst": d("2025-02-25"), "bron": "gemeente",
     "thema": "drugs", "status": "nieuw"},
    {"signaal_id": "S4", "datum_ontvangst": d("2024-12-31"), "bron": "politie",
     "thema": "drugs", "status": "nieuw"},
    {"signaal_id": "S5", "datum_ontvangst": d("2025-06-30"), "bron": "politie",
     "thema": "witwassen", "status": "nieuw"},
]
MELDINGEN = [
    {"melding_id": "M1", "datum_ontvangst": d("2025-02-01"), "thema": "drugs"},
    {"melding_id": "M2", "datum_ontvangst": d("2025-03-15"), "thema": "fraude"},
]
# three registrations by two opkopers: 3 registrations, 2 opkopers
DOL = [{"registratie_id": f"R{i}", "datum_registratie": d("2025-09-01"),
        "opkoper_pseudoniem": f"OP-{i % 2}", "branche": "fietsen", "aantal": 2}
       for i in range(3)]
JAN, FEB, MRT = d("2025-01-01"), d("2025-02-01"), d("2025-03-01")
Q1_END = d("2025-03-31")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    db = tmp_path_factory.mktemp("measures") / "loo.duckdb"
    return runner(build_db(db, {"signalen": SIGNALEN, "m_meldingen": MELDINGEN,
                                "dol_registraties": DOL}))


# --- value(s): one figure per measure


def test_value_includes_both_ends_of_the_period(run):
    assert measures.value(run, "signalen", d("2025-01-10"), d("2025-02-25")) == 3


def test_value_leaves_out_days_just_outside_the_period(run):
    assert measures.value(run, "signalen", d("2025-01-11"), d("2025-02-24")) == 1


def test_value_for_one_thema(run):
    assert measures.value(run, "signalen", JAN, Q1_END, thema="fraude") == 1


def test_values_gives_each_measure_by_its_name(run):
    assert measures.values(run, ["signalen", "m_meldingen"], JAN, Q1_END) == {
        "signalen": 3, "m_meldingen": 2}


def test_values_for_one_thema(run):
    assert measures.values(run, ["signalen", "m_meldingen"], JAN, Q1_END, thema="drugs") == {
        "signalen": 2, "m_meldingen": 1}


def test_values_of_a_unique_measure_counts_distinct_keys(run):
    assert measures.values(run, ["dol_opkopers"], JAN, d("2025-12-31")) == {"dol_opkopers": 2}


def test_values_of_an_additive_measure_counts_rows(run):
    assert measures.values(run, ["dol_registraties"], JAN, d("2025-12-31")) == {
        "dol_registraties": 3}


# --- by / by_dict: a measure per category


def test_by_gives_categorie_and_waarde_per_category(run):
    df = measures.by(run, "signalen", "thema", JAN, Q1_END)
    assert df.columns == ["categorie", "waarde"]
    assert sorted(df.rows()) == [("drugs", 2), ("fraude", 1)]


def test_by_a_second_dimension_adds_categorie2(run):
    df = measures.by(run, "signalen", "thema", JAN, Q1_END, dimensie2="bron")
    assert df.columns == ["categorie", "categorie2", "waarde"]
    assert sorted(df.rows()) == [("drugs", "gemeente", 1), ("drugs", "politie", 1),
                                 ("fraude", "politie", 1)]


def test_by_respects_the_period(run):
    assert measures.by(run, "signalen", "thema", FEB, d("2025-02-24")).rows() == [("fraude", 1)]


def test_by_for_one_thema(run):
    assert sorted(measures.by(run, "signalen", "bron", JAN, Q1_END, thema="drugs").rows()) == [
        ("gemeente", 1), ("politie", 1)]


def test_by_of_a_unique_measure_counts_distinct_keys_per_category(run):
    assert measures.by(run, "dol_opkopers", "branche", JAN, d("2025-12-31")).rows() == [
        ("fietsen", 2)]


def test_by_of_an_additive_measure_counts_rows_per_category(run):
    assert measures.by(run, "dol_registraties", "branche", JAN, d("2025-12-31")).rows() == [
        ("fietsen", 3)]


def test_by_refuses_a_dimension_the_measure_lacks(run):
    with pytest.raises(ValueError) as exc:
        measures.by(run, "m_meldingen", "bron", JAN, Q1_END)
    assert str(exc.value) == "maat m_meldingen is niet uit te splitsen naar bron"


def test_by_refuses_a_second_dimension_the_measure_lacks(run):
    with pytest.raises(ValueError, match="^maat m_meldingen is niet uit te splitsen naar bron$"):
        measures.by(run, "m_meldingen", "thema", JAN, Q1_END, dimensie2="bron")


def test_by_dict_maps_each_category_to_its_value(run):
    assert measures.by_dict(run, "signalen", "thema", JAN, Q1_END) == {"drugs": 2, "fraude": 1}


def test_by_dict_respects_the_period(run):
    assert measures.by_dict(run, "signalen", "thema", FEB, Q1_END) == {"drugs": 1, "fraude": 1}


def test_by_dict_for_one_thema(run):
    assert measures.by_dict(run, "signalen", "bron", JAN, Q1_END, thema="fraude") == {
        "politie": 1}


# --- per_month


def test_per_month_lists_every_month_with_its_value_and_running_total(run):
    df = measures.per_month(run, "signalen", JAN, Q1_END)
    assert df.select("maand", "waarde", "cumulatief").rows() == [
        (JAN, 1, 1), (FEB, 2, 3), (MRT, 0, 3)]


def test_per_month_for_one_thema(run):
    assert measures.per_month(run, "signalen", JAN, Q1_END, thema="fraude")["waarde"].to_list() \
        == [0, 1, 0]


def test_per_month_reaches_as_far_as_the_measures_own_sources(run):
    # M-meldingen reach 15 March; the signals (another source) reach 30 June
    df = measures.per_month(run, "m_meldingen", JAN, d("2025-12-31"))
    assert set(df["gemeten_tot"].to_list()) == {d("2025-03-15")}


def test_per_month_refuses_a_unique_measure(run):
    with pytest.raises(ValueError) as exc:
        measures.per_month(run, "dol_opkopers", JAN, Q1_END)
    assert str(exc.value) == ("maat dol_opkopers telt unieke sleutels; die tellen niet op per "
                              "maand")


# --- series: measures added together per period and category


def test_series_adds_the_measures_per_month_and_category(run):
    df = measures.series(run, ["signalen", "m_meldingen"], "thema", "maand", JAN, Q1_END)
    assert sorted(r for r in df.rows() if r[2]) == [
        (JAN, "drugs", 1), (FEB, "drugs", 2), (FEB, "fraude", 1), (MRT, "fraude", 1)]


def test_series_per_quarter(run):
    df = measures.series(run, ["signalen"], "thema", "kwartaal", JAN, d("2025-06-30"))
    assert sorted(r for r in df.rows() if r[2]) == [
        (JAN, "drugs", 2), (JAN, "fraude", 1), (d("2025-04-01"), "witwassen", 1)]


def test_series_refuses_a_dimension_one_of_the_measures_lacks(run):
    with pytest.raises(ValueError, match="^maat m_meldingen is niet uit te splitsen naar bron$"):
        measures.series(run, ["signalen", "m_meldingen"], "bron", "maand", JAN, Q1_END)


def test_series_refuses_to_add_unique_keys_to_counted_rows(run):
    with pytest.raises(ValueError) as exc:
        measures.series(run, ["dol_registraties", "dol_opkopers"], "branche", "maand", JAN,
                        Q1_END)
    assert str(exc.value) == ("maten die optellen en maten die unieke sleutels tellen gaan niet "
                              "samen")


def test_series_of_one_unique_measure_is_allowed(run):
    df = measures.series(run, ["dol_opkopers"], "branche", "maand", d("2025-09-01"),
                         d("2025-09-30"))
    assert df.height == 1


# --- the registry


def test_get_returns_the_measure_of_that_name():
    assert measures.get("m_meldingen").label == "M-meldingen"


def test_get_of_an_unknown_name_names_the_known_ones():
    with pytest.raises(KeyError) as exc:
        measures.get("meldingen")
    assert exc.value.args[0].startswith(
        "Onbekende maat 'meldingen'; bekend zijn: signalen_en_meldingen, signalen, m_meldingen, ")


def test_telregels_gives_label_and_rule_of_each_measure_in_order():
    assert measures.telregels("signalen", "m_meldingen") == (
        "Signalen: elk signaal één keer, op de datum van ontvangst. M-meldingen: elke melding "
        "via Meld Misdaad Anoniem één keer, op de datum van ontvangst, ook als de regisseur haar "
        "als signaal heeft geregistreerd.")


def test_the_interventie_rule_lists_the_intervention_follow_ups():
    assert "vervolg bestuursrechtelijk, strafrechtelijk, zorg en veiligheid of RIEC, de status" \
        in measures.get("interventie").regel


def test_the_maatregelen_rule_lists_every_measure_instrument():
    assert ("sluiting (art. 13b Opiumwet), last onder dwangsom, APV-maatregel straathandel, "
            "bestuurlijke waarschuwing, bestuurlijke boete en andere maatregelen.") \
        in measures.get("bestuurlijke_maatregelen").regel


def test_day_after_is_the_next_day():
    assert measures.day_after(d("2025-12-31")) == d("2026-01-01")


def test_opsomming_joins_the_last_label_with_en():
    assert measures._opsomming(["sluiting", "dwangsom", "boete"]) == "sluiting, dwangsom en boete"


def test_opsomming_can_join_with_of():
    assert measures._opsomming(["zorg", "RIEC"], "of") == "zorg of RIEC"


# --- per_month_by, by_year, rows: the Jaarvergelijking and its drill-down (issue 15)


def test_per_month_by_gives_year_month_category_and_value(run):
    df = measures.per_month_by(run, "signalen", "thema", JAN, Q1_END)
    assert df.columns == ["jaar", "maand", "categorie", "waarde"]
    assert sorted(df.rows()) == [(2025, 1, "drugs", 1), (2025, 2, "drugs", 1),
                                 (2025, 2, "fraude", 1)]


def test_per_month_by_refuses_a_unique_measure(run):
    with pytest.raises(ValueError, match="^maat dol_opkopers telt unieke sleutels; die tellen "
                                         "niet op per maand$"):
        measures.per_month_by(run, "dol_opkopers", "branche", JAN, Q1_END)


def test_per_month_by_refuses_a_dimension_the_measure_lacks(run):
    with pytest.raises(ValueError, match="^maat m_meldingen is niet uit te splitsen naar bron$"):
        measures.per_month_by(run, "m_meldingen", "bron", JAN, Q1_END)


def test_by_year_gives_each_window_its_own_categories(run):
    vensters = {2024: (d("2024-01-01"), d("2024-12-31")), 2025: (JAN, Q1_END)}
    assert measures.by_year(run, "signalen", "thema", vensters) == {
        2024: {"drugs": 1}, 2025: {"drugs": 2, "fraude": 1}}


def test_rows_lists_the_records_of_the_chosen_categories(run):
    df = measures.rows(run, ["signalen", "m_meldingen"], JAN, Q1_END, "thema", ["drugs"])
    assert sorted(df.select("maat", "id", "datum").rows()) == [
        ("m_meldingen", "M1", FEB), ("signalen", "S1", d("2025-01-10")),
        ("signalen", "S3", d("2025-02-25"))]


def test_rows_counts_every_match_beyond_the_limit(run):
    df = measures.rows(run, ["signalen", "m_meldingen"], JAN, Q1_END, "thema", ["drugs"],
                       limiet=2)
    assert (df.height, set(df["totaal"])) == (2, {3})


def test_rows_without_a_dimension_lists_the_whole_period(run):
    df = measures.rows(run, ["signalen"], JAN, Q1_END)
    assert sorted(df["id"]) == ["S1", "S2", "S3"]


def test_rows_with_leeg_lists_the_records_without_a_category(run):
    # no melding has a wijk: they are all the rows "zonder wijk"
    df = measures.rows(run, ["m_meldingen"], JAN, Q1_END, "wijk", leeg=True)
    assert sorted(df["id"]) == ["M1", "M2"]


def test_rows_without_leeg_leaves_out_the_records_without_a_category(run):
    assert measures.rows(run, ["m_meldingen"], JAN, Q1_END, "wijk").height == 0


def test_rows_refuses_a_measure_without_records(run):
    with pytest.raises(ValueError, match="^maat dol_opkopers heeft geen rijen om te tonen$"):
        measures.rows(run, ["dol_opkopers"], JAN, Q1_END)


def test_rows_refuses_a_dimension_the_measure_lacks(run):
    with pytest.raises(ValueError, match="^maat m_meldingen is niet uit te splitsen naar bron$"):
        measures.rows(run, ["m_meldingen"], JAN, Q1_END, "bron", ["politie"])


# --- per_gemeente, per_inwoners: the district (issue 16)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    db = tmp_path_factory.mktemp("district") / "loo.duckdb"
    zoetermeer = {"signaal_id": "Z1", "datum_ontvangst": d("2025-02-03"), "bron": "politie",
                  "thema": "drugs", "status": "nieuw", "gemeente": "Zoetermeer"}
    return runner(build_db(db, {"signalen": SIGNALEN + [zoetermeer], "m_meldingen": MELDINGEN}))


def test_per_gemeente_gives_each_gemeente_its_own_counts(district):
    df = measures.per_gemeente(district, ["signalen", "m_meldingen"], JAN, Q1_END)
    assert df.columns == ["gemeente", "maat", "thema", "waarde"]
    assert sorted(df.rows()) == [
        ("Wassenaar", "m_meldingen", "drugs", 1), ("Wassenaar", "m_meldingen", "fraude", 1),
        ("Wassenaar", "signalen", "drugs", 2), ("Wassenaar", "signalen", "fraude", 1),
        ("Zoetermeer", "signalen", "drugs", 1)]


def test_per_gemeente_refuses_a_unique_measure(district):
    with pytest.raises(ValueError, match="^dol_opkopers telt unieke sleutels en is per gemeente "
                                         "niet op te tellen$"):
        measures.per_gemeente(district, ["signalen", "dol_opkopers"], JAN, Q1_END)


@pytest.mark.parametrize("waarde, inwoners, verwacht", [
    (15, 30_000, 5.0), (0, 30_000, 0.0), (None, 30_000, None), (15, 0, None), (15, None, None)])
def test_per_inwoners_is_a_count_per_ten_thousand_inhabitants(waarde, inwoners, verwacht):
    assert measures.per_inwoners(waarde, inwoners) == verwacht
