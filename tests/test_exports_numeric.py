"""Exports an analyst can calculate with (issue 15.3): numbers read back as numbers.

The CSV is read with polars as a Dutch Excel user's file (';', decimal comma), the .xlsx with
fastexcel (calamine; openpyxl is not in requirements.lock) and its number formats from the
file's own styles.xml. Expected values are written out here by hand.
"""

import io
import re
import zipfile

import fastexcel
import polars as pl
import pytest

from dashboard import page, workbook

# a jaarvergelijking as the page builds it today: differences as shown text ("−2", "+25%")
GETOOND = pl.DataFrame({
    "Thema": ["Drugs", "Fraude", "Witwassen", "Totaal"],
    "2024": [12, 8, 20, 40], "2025": [15, 6, 15, 36],
    "Verschil (B − A)": ["+3", "−2", "−5", "−4"],
    "Verschil %": ["+25%", "–", "−25%", "−10%"],
})
VERSCHIL = [3, -2, -5, -4]
FRACTIE = [0.25, None, -0.25, -0.1]


def csv_frame(table):
    return pl.read_csv(io.BytesIO(page.csv_bytes(table)), separator=";", decimal_comma=True,
                       null_values=["<5", "x"])


def test_shown_differences_are_signed_numbers_and_fractions_in_the_csv():
    df = csv_frame(GETOOND)
    assert df.columns == ["Thema", "2024", "2025", "Verschil (B − A)",
                          "Verschil (fractie)"]
    assert df["Verschil (B − A)"].dtype == pl.Int64
    assert df["Verschil (B − A)"].to_list() == VERSCHIL
    assert df["Verschil (fractie)"].dtype == pl.Float64
    assert df["Verschil (fractie)"].to_list() == FRACTIE
    assert df.row(3) == ("Totaal", 40, 36, -4, -0.1)  # the total row is in the file


def test_the_csv_has_no_unicode_minus_and_a_decimal_comma():
    text = page.csv_bytes(GETOOND).decode("utf-8-sig")
    assert "\u2212" not in text.split("\n", 1)[1] and "%" not in text
    assert text.splitlines()[3] == "Witwassen;20;15;-5;-0,25"


def test_verschil_kolommen_gives_numbers_and_no_share_below_a_base_of_ten():
    kolommen = page.verschil_kolommen([12, 8, 20, None], [15, 6, 15, 4])
    assert kolommen["Verschil"].to_list() == [3, -2, -5, 4]
    assert kolommen["Verschil (fractie)"].to_list() == [0.25, None, -0.25, None]


def test_on_screen_the_difference_is_signed_and_the_share_a_percentage():
    tabel = pl.DataFrame({"Thema": ["Drugs"], "Verschil": [-2], "Verschil (fractie)": [-0.25]})
    shown, _ = page._display(tabel, None)
    assert shown.row(0) == ("Drugs", "\u22122", "\u221225%")
    assert shown.columns == ["Thema", "Verschil", "Verschil %"]


def xlsx(table, verborgen=()):
    return workbook.tabel_xlsx(page.numeriek(table), "Proef", list(verborgen))


def test_the_xlsx_holds_numbers_with_a_percentage_format():
    data = xlsx(GETOOND)
    reader = fastexcel.read_excel(data)
    assert reader.sheet_names == ["Tabel", "Toelichting"]
    df = reader.load_sheet("Tabel").to_polars()
    assert df["Verschil (B − A)"].dtype == pl.Float64  # Excel has one number type
    assert df["Verschil (B − A)"].to_list() == [float(v) for v in VERSCHIL]
    assert df["Verschil (fractie)"].to_list() == FRACTIE
    assert df["2025"].to_list() == [15.0, 6.0, 15.0, 36.0]
    stijlen = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    assert re.search(r'formatCode="\+0\.0%;-0\.0%;0\.0%"', stijlen)


def test_suppressed_cells_stay_suppressed_and_the_xlsx_says_which_and_why():
    tabel = pl.DataFrame({"Wijk": ["Centrum", "Dorp"], "2025": ["<5", "12"],
                          "2026": ["x", "x"]})
    cellen = page.verborgen_cellen(tabel)
    assert cellen == [("Centrum", "2025", "<5"), ("Centrum", "2026", "x"), ("Dorp", "2026", "x")]
    reader = fastexcel.read_excel(xlsx(tabel, cellen))
    blad = reader.load_sheet("Tabel").to_polars()
    assert blad["2025"].to_list() == ["<5", "12"]
    uitleg = reader.load_sheet("Toelichting", header_row=None).to_polars()
    regels = [" ".join(str(v) for v in r if v is not None) for r in uitleg.iter_rows()]
    assert "Centrum 2025 <5 klein aantal (1 tot 4), afgeschermd" in regels
    assert any(r.startswith("Dorp 2026 x afgeschermd") for r in regels)
    assert any("3 cel(len) afgeschermd" in r for r in regels)


def test_in_the_csv_the_markers_read_as_empty_and_the_rest_as_numbers():
    tabel = pl.DataFrame({"Wijk": ["Centrum", "Dorp"], "2025": ["<5", "12"]})
    df = csv_frame(tabel)
    assert df["2025"].dtype == pl.Int64 and df["2025"].to_list() == [None, 12]


@pytest.mark.parametrize("naam,periode,verwacht", [
    ("signalen per thema", ("2026-01-01", "2026-10-31"),
     "signalen_per_thema_2026-01-01_2026-10-31"),
    ("gebeurtenissen_2026-01-01_2026-03-31", None, "gebeurtenissen_2026-01-01_2026-03-31"),
])
def test_file_names_say_what_and_which_period(naam, periode, verwacht):
    import datetime as dt
    if periode:
        periode = tuple(dt.date.fromisoformat(p) for p in periode)
    assert page.export_naam(naam, periode) == verwacht
