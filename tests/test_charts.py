"""The chart theme: Dutch locale, colour-blind-safe palette, no meaning by colour alone."""

import altair as alt
import polars as pl

from dashboard import charts, page
from tests.conftest import d

DF = pl.DataFrame({"maand": [d("2025-01-01"), d("2025-02-01")] * 2, "aantal": [1, 2, 3, 1234],
                   "thema": ["Drugs", "Drugs", "Fraude", "Fraude"]})


def test_theme_loo_is_enabled_with_the_dutch_locale():
    spec = charts.line(DF, "maand", "aantal", "thema", "t").to_dict()
    assert alt.theme.active == "loo"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert spec["config"]["locale"]["time"]["months"][2] == "maart"
    assert spec["config"]["range"]["category"] == charts.PALETTE


def test_line_series_differ_by_shape_and_dash_not_only_colour():
    enc = charts.line(DF, "maand", "aantal", "thema", "t").to_dict()["encoding"]
    assert enc["shape"]["field"] == enc["strokeDash"]["field"] == enc["color"]["field"] == "thema"


def test_charts_carry_a_title_and_a_description_for_screen_readers():
    spec = charts.bars(DF, "maand", "aantal", "thema", "Titel", description="Uitleg").to_dict()
    assert spec["title"] == "Titel" and spec["description"] == "Uitleg"


def test_csv_download_is_excel_dutch_with_bom_semicolon_and_decimal_comma():
    data = page.csv_bytes(pl.DataFrame({"Maand": [d("2025-01-01")], "Aandeel": [12.5]}))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == ["Maand;Aandeel", "2025-01-01;12,5"]


def test_tables_show_dutch_numbers_and_dates():
    shown, _ = page._display(pl.DataFrame({"n": [1234], "x": [0.5], "dag": [d("2025-03-14")]}),
                             {"dag": "Datum", "n": "Aantal", "x": "Fractie"})
    assert shown.row(0) == ("14 maart 2025", "1.234", "0,5")
    assert shown.columns == ["Datum", "Aantal", "Fractie"]


def test_differences_give_a_percentage_only_from_a_base_of_ten():
    assert page.verschil_tekst(5, 3) == "+2"
    assert page.verschil_tekst(9, 12) == "−3 (−25%)"
    assert page.verschil_tekst(18, 18) == "0 (0%)"


def test_download_names_are_safe_file_names():
    assert page.bestandsnaam("maatregelen_1 maart 2025 t/m 31 mei 2025") == \
        "maatregelen_1_maart_2025_t_m_31_mei_2025"
