"""The Excel workbook of the yearly evaluation: sheets, headers, numbers and formula escaping."""

import re
import zipfile

import fastexcel
import pytest

from dashboard import report
from tests.conftest import build_db, d

GEVAARLIJK = ["=1+1", "+31 cmd", "-2+3", "@SUM(A1:A2)", "\t=HYPERLINK(\"x\")",
              "\r=1+1"]


@pytest.fixture(scope="module")
def werkmap(tmp_path_factory):
    """A report whose plan texts start with formula characters; returns the .xlsx path.

    Built once for the module: the tests only read the file."""
    signalen = [{"signaal_id": f"S{j}{i}", "datum_ontvangst": d(f"{j}-0{1 + i}-01"),
                 "bron": "politie", "thema": "drugs", "status": "nieuw"}
                for j in (2024, 2025) for i in range(3)]
    signalen.append({"signaal_id": "S9", "datum_ontvangst": d("2025-12-01"), "bron": "politie",
                     "thema": "fraude", "status": "nieuw"})
    doelen = [{"doel_id": f"P{i}", "jaar": 2026, "spoor": 1 + i % 3, "wat": tekst,
               "doel": "Doel", "partners": tekst, "status": tekst, "voortgang": "loopt"}
              for i, tekst in enumerate(GEVAARLIJK)]
    map_ = tmp_path_factory.mktemp("werkmap")
    db = build_db(map_ / "loo.duckdb", {"signalen": signalen, "plan_doelen": doelen})
    paden = report.maken(2025, db, map_ / "uit")
    return next(p for p in paden if p.suffix == ".xlsx")


def sheet_xml(pad, naam):
    """The XML of the sheet with this name."""
    with zipfile.ZipFile(pad) as zf:
        workbook = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet name="{re.escape(naam)}" sheetId="\d+" r:id="(rId\d+)"',
                        workbook).group(1)
        doel = re.search(rf'Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
        return zf.read(f"xl/{doel}").decode()


def test_one_sheet_per_table_after_the_explanation(werkmap):
    namen = fastexcel.read_excel(werkmap).sheet_names
    assert namen == ["Toelichting", "Kerncijfers", "M-meldingen per thema", "Per bron",
                     "Per thema", "Per maand", "Bestuursrechtelijk optreden",
                     "Bibob per domein", "DOL-DOR", "Aandachtsgebieden", "Per wijk",
                     "Uitvoeringsplan volgend jaar", "Bronnen"]


def test_headers_are_dutch_and_numbers_are_numbers(werkmap):
    df = fastexcel.read_excel(werkmap).load_sheet_by_name("Per thema").to_polars()
    assert df.columns == ["Thema", "2024", "2025", "Verschil"]
    assert df.row(0) == ("Drugs", 3.0, 3.0, 0.0)
    assert df.row(2) == ("Totaal", 3.0, 4.0, 1.0)
    assert df["Thema"][4].startswith("Telregel:")  # the counting rule under the table


def test_header_row_is_frozen(werkmap):
    xml = sheet_xml(werkmap, "Per thema")
    assert re.search(r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                     r'state="frozen"/>', xml)
    assert "<cols>" in xml  # column widths are set


def test_text_starting_with_a_formula_character_stays_text(werkmap):
    df = fastexcel.read_excel(werkmap).load_sheet_by_name("Uitvoeringsplan volgend jaar") \
        .to_polars().head(len(GEVAARLIJK))
    assert sorted(df["Wat"].to_list()) == sorted(GEVAARLIJK)
    assert sorted(df["Status"].to_list()) == sorted(GEVAARLIJK)


def test_no_cell_anywhere_is_a_formula(werkmap):
    with zipfile.ZipFile(werkmap) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)


def test_risky_text_cells_are_shared_strings_with_a_quote_prefix(werkmap):
    xml = sheet_xml(werkmap, "Uitvoeringsplan volgend jaar")
    with zipfile.ZipFile(werkmap) as zf:
        styles = zf.read("xl/styles.xml").decode()
    cellen = re.findall(r'<c r="B(\d+)"( s="(\d+)")? t="s">', xml)
    assert len(cellen) == 1 + len(GEVAARLIJK)  # header plus one per goal
    xfs = re.findall(r"<xf [^>]*?/?>", styles.split("<cellXfs")[1])
    for _, _, stijl in cellen[1:]:
        assert 'quotePrefix="1"' in xfs[int(stijl)]


def test_workbook_properties_are_fixed(werkmap):
    with zipfile.ZipFile(werkmap) as zf:
        core = zf.read("docProps/core.xml").decode()
        datums = {i.date_time for i in zf.infolist()}
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2025-12-01T00:00:00Z" in core
    assert datums == {(1980, 1, 1, 0, 0, 0)}
