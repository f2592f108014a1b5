"""CSV downloads: text that a spreadsheet would run as a formula stays text."""

import csv
import io

import polars as pl
import pytest

from dashboard import page
from tests.conftest import ROOT


def rows(table):
    """The CSV of a table as lists of cells."""
    text = page.csv_bytes(table).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x.nl","klik")', "+cmd|' /C calc'!A0",
                                   "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2"])
def test_text_that_starts_like_a_formula_gets_an_apostrophe(value):
    assert rows(pl.DataFrame({"naam": [value]}))[1] == ["'" + value]


def test_ordinary_text_and_numbers_stay_as_they_are():
    table = pl.DataFrame({"naam": ["Drugs", "a=b", None], "verschil": [-2, 3, 0]})
    assert rows(table)[1:] == [["Drugs", "-2"], ["a=b", "3"], ["", "0"]]


def test_every_csv_download_is_written_by_page_csv_bytes():
    writers = [p.relative_to(ROOT).as_posix()
               for folder in ("dashboard", "pages", "core") for p in (ROOT / folder).glob("*.py")
               if "write_csv(" in p.read_text(encoding="utf-8")]
    assert writers == ["dashboard/page.py"]
