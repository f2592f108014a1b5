"""Trends per thema and Jaarvergelijking in the app, on the sample database."""

import pytest

from tests.app_session import (  # noqa: F401
    login, open_page, real_server_navigation)
from dashboard.security import literal
from tests.conftest import d, metric


@pytest.fixture(scope="module")
def sessie(sample_db):
    mp = pytest.MonkeyPatch()
    mp.setenv("LOO_DB", str(sample_db))
    mp.delenv("LOO_CREDENTIALS", raising=False)
    at = None

    def get():
        nonlocal at
        if at is None:
            at = login("loo", query={"jaar": "2025"})
        return at

    yield get
    mp.undo()


def trends(sessie, **keuze):
    at = open_page(sessie(), "trends")
    for key, value in keuze.items():
        widget = at.multiselect(key=key) if key == "trends_bronnen" else at.radio(key=key)
        widget.set_value(value)
    return at.run()


@pytest.mark.parametrize("eenheid,rijen", [("maand", 12), ("kwartaal", 4)])
@pytest.mark.parametrize("indeling", ["thema", "gebied"])
@pytest.mark.parametrize("vorm", ["lijnen", "staven"])
def test_trends_show_a_row_per_period_for_every_choice(sessie, eenheid, rijen, indeling, vorm):
    at = trends(sessie, trends_eenheid=eenheid, trends_indeling=indeling, trends_vorm=vorm,
                trends_bronnen=["signalen", "m_meldingen", "handhaving"])
    assert not at.exception
    tabel = at.dataframe[0].value
    assert len(tabel) == rijen and tabel.columns[0] == "Periode"
    eerste = "januari 2025" if eenheid == "maand" else "K1 2025"
    assert tabel["Periode"].iloc[0] == eerste


def test_trends_by_gebied_show_the_aandachtsgebieden(sessie):
    at = trends(sessie, trends_indeling="gebied", trends_eenheid="maand",
                trends_bronnen=["signalen"])
    assert "Buitengebied" in at.dataframe[0].value.columns


def test_trends_annotate_13b_closures_and_configured_events(sessie):
    at = trends(sessie, trends_bronnen=["signalen"])
    events = at.dataframe[1].value
    assert "13b-sluiting" in events["Gebeurtenis"].tolist()
    assert "Meldpunt zorgfraude" in events["Gebeurtenis"].tolist()
    assert "1 juni 2025" in events["Datum"].tolist()


def test_trends_without_sources_ask_for_one(sessie):
    at = trends(sessie, trends_bronnen=[])
    assert "Kies minstens één bron." in [i.value for i in at.info]


def jaarvergelijking(sessie, **keuze):
    at = open_page(sessie(), "jaarvergelijking")
    for key, value in keuze.items():
        at.selectbox(key=key).set_value(value)
    return at.run()


@pytest.mark.parametrize("bron", ["signalen_en_meldingen", "signalen", "m_meldingen",
                                  "handhaving", "dol_registraties"])
def test_year_comparison_shows_a_percentage_only_from_a_base_of_ten(sessie, bron):
    at = jaarvergelijking(sessie, jv_bron=bron, jv_jaar_a=2024, jv_jaar_b=2025)
    assert not at.exception
    tabel = at.dataframe[0].value
    assert tabel.iloc[-1, 0] == "Totaal"
    for basis, pct in zip(tabel["2024"], tabel["Verschil %"]):
        assert (int(basis.replace(".", "")) < 10) == (pct == "–")


def test_year_comparison_of_2025_has_the_reference_total(sessie):
    at = jaarvergelijking(sessie, jv_bron="signalen_en_meldingen", jv_jaar_a=2024,
                          jv_jaar_b=2025)
    assert metric(at, "Signalen en meldingen 2025") == "42"


def test_year_comparison_with_the_unfinished_year_is_like_for_like_and_marked(sessie):
    at = jaarvergelijking(sessie, jv_bron="signalen", jv_jaar_a=2025, jv_jaar_b=2026)
    assert at.info[0].value.startswith("Vergelijkbare periode: 2026 is nog niet compleet")
    assert list(at.dataframe[0].value.columns[1:3]) == ["2025 *", "2026 *"]


def test_trends_of_the_unfinished_year_stop_at_the_last_month_with_data(sessie):
    at = open_page(sessie(), "trends")
    at.selectbox(key="periode_jaar").set_value(2026).run()
    at.radio(key="trends_eenheid").set_value("maand").run()
    tabel = at.dataframe[0].value
    assert tabel["Periode"].iloc[-1] == "oktober 2026" and len(tabel) == 10
    at.selectbox(key="periode_jaar").set_value(2025).run()


def test_trends_group_small_series_so_at_most_seven_remain(sessie):
    at = trends(sessie, trends_indeling="thema", trends_eenheid="kwartaal",
                trends_bronnen=["signalen", "m_meldingen", "handhaving"])
    reeksen = list(at.dataframe[0].value.columns[1:])
    # the sample data have more than seven themes: the six largest stay, the rest is grouped
    assert len(reeksen) == 7 and "Overige thema's (samen)" in reeksen
    assert any(c.value.startswith("Samengevoegd tot één reeks") for c in at.caption)


def test_year_comparison_of_handhaving_can_be_split_by_thema(sessie):
    at = jaarvergelijking(sessie, jv_bron="handhaving", jv_jaar_a=2024, jv_jaar_b=2025)
    at.radio(key="jv_indeling").set_value("thema").run()
    tabel = at.dataframe[0].value
    assert tabel.columns[0] == "Thema" and "Drugs" in tabel["Thema"].tolist()
    at.radio(key="jv_indeling").set_value("instrument").run()


HOSTILE_AREAS = [":red[rood]", "![b](http://127.0.0.1:9/x.png)", "$x^2$", "<b>vet</b>",
                 ":material/home:"]


def test_merged_area_names_reach_the_caption_as_plain_text(make_db, monkeypatch):
    """Data values in Markdown are escaped: no colour, image, formula, HTML or icon."""
    names = [f"gebied {i}" for i in range(6)] + HOSTILE_AREAS  # the last ones are merged
    rows = [{"signaal_id": f"S{n}-{k}", "datum_ontvangst": d("2025-03-01"), "bron": "politie",
             "thema": "drugs", "status": "nieuw", "gebied": name}
            for n, name in enumerate(names) for k in range(20 - n)]
    monkeypatch.setenv("LOO_DB", str(make_db({"signalen": rows})))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    at = open_page(login("loo", query={"jaar": "2025"}), "trends")
    at.radio(key="trends_indeling").set_value("gebied").run()
    caption = next(c.value for c in at.caption if c.value.startswith("Samengevoegd"))
    assert all(literal(name) in caption for name in HOSTILE_AREAS)
    for name in HOSTILE_AREAS:
        caption = caption.replace(literal(name), "")
    assert not any(raw in caption for raw in ("![b](", ":red[", "$x", "<b>", ":material/"))
