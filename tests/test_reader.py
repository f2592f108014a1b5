"""Reading exports: encodings, delimiters, BOM, quoting, XLSX and unreadable files."""

import datetime as dt
import os
import struct
import zipfile
import zlib

import pytest
import xlsxwriter

from data_pipeline import reader
from data_pipeline.load import load_file
from data_pipeline.reader import ReadError, decode, read_table, sniff_delimiter
from tests.pipeline_files import signalen_csv, table_rows, write_csv

ROW = "S-1;2025-03-14;politie;Drugs;nieuw;{wijk}"


def wijk_after_load(tmp_path, path):
    db = tmp_path / "loo.duckdb"
    result = load_file(path, db=db)
    assert result.uitkomst == "geladen", [str(p) for p in result.problemen]
    return table_rows(db, "select wijk from signalen")[0][0]


def test_utf8_with_semicolons_loads(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [ROW.format(wijk="Kerkehout €")])
    assert wijk_after_load(tmp_path, path) == "Kerkehout €"


def test_utf8_bom_is_removed_from_the_first_header(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [ROW.format(wijk="Oostdorp")], bom=True)
    table = read_table(path)
    assert table.headers[0] == "signaal_id"
    assert table.encoding == "utf-8-sig"
    assert wijk_after_load(tmp_path, path) == "Oostdorp"


def test_windows_1252_is_transcoded_keeping_euro_and_accents(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [ROW.format(wijk="Café € Zuid")],
                        encoding="cp1252", newline="\r\n")
    assert read_table(path).encoding == "windows-1252"
    assert wijk_after_load(tmp_path, path) == "Café € Zuid"


def test_comma_delimiter_with_quoted_commas_and_newlines(tmp_path):
    path = write_csv(tmp_path / "signalen.csv", [
        "signaal_id,datum_ontvangst,bron,thema,status,wijk",
        'S-1,2025-03-14,politie,Drugs,nieuw,"Noord, oud\ndeel"',
        "S-2,2025-03-15,politie,Drugs,nieuw,Zuid",
    ])
    table = read_table(path)
    assert table.delimiter == ","
    assert table.rijen.to_list() == [2, 3]
    # read as one value (a line break in a wijk is then refused by validation, not the reader)
    assert table.frame["k6"].to_list() == ["Noord, oud\ndeel", "Zuid"]


def test_delimiter_is_taken_from_the_header_line_outside_quotes():
    assert sniff_delimiter(b'"a,b";c;d\n1,2,3,4,5\n') == ";"
    assert sniff_delimiter(b"a,b,c\n1;2;3;4\n") == ","


def test_invalid_utf8_falls_back_to_windows_1252():
    data, encoding = decode("€ café".encode("cp1252"))
    assert encoding == "windows-1252"
    assert data.decode("utf-8") == "€ café"


def test_empty_file_is_unreadable(tmp_path):
    path = tmp_path / "signalen.csv"
    path.write_bytes(b"\xef\xbb\xbf \r\n")
    with pytest.raises(ReadError, match="leeg"):
        read_table(path)


def test_header_only_file_is_refused(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [])
    with pytest.raises(ReadError, match="geen gegevens"):
        read_table(path)


def test_row_with_too_many_fields_names_its_row(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv",
                        [ROW.format(wijk="a"), ROW.format(wijk="b") + ";extra"])
    with pytest.raises(ReadError, match="rij 3"):
        read_table(path)


def test_other_suffixes_are_refused(tmp_path):
    path = tmp_path / "signalen.txt"
    path.write_text("signaal_id\nS-1\n")
    with pytest.raises(ReadError, match=r"\.csv"):
        read_table(path)


def test_utf16_is_refused_with_advice(tmp_path):
    path = tmp_path / "signalen.csv"
    path.write_bytes("signaal_id\nS-1\n".encode("utf-16"))
    with pytest.raises(ReadError, match="UTF-16"):
        read_table(path)


def test_blank_rows_are_skipped_but_row_numbers_stay_as_in_the_sheet(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv",
                        [ROW.format(wijk="a"), ";;;;;", ROW.replace("S-1", "S-2").format(wijk="b")])
    assert read_table(path).rijen.to_list() == [2, 4]


def write_xlsx(path, header, rows):
    """An XLSX file from Python values (dates become real Excel dates)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Export")
    date_format = book.add_format({"num_format": "dd-mm-yyyy"})
    sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, (dt.date, dt.datetime)):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    book.add_worksheet("Tweede blad").write_row(0, 0, ["wordt", "genegeerd"])
    book.close()
    return path


def test_xlsx_first_sheet_with_excel_dates_text_ids_and_numbers(tmp_path):
    path = write_xlsx(tmp_path / "dol_registraties_2025.xlsx",
                      ["Registratie ID", "Datum registratie", "Opkoper", "Branche", "Datum aankoop",
                       "Aantal", "Gestolen match"],
                      [["000123", dt.datetime(2025, 3, 14), "OPK-01", "Fietsen",
                        dt.datetime(2025, 3, 12, 15, 30), 2, True],
                       ["000124", "15-03-2025", "OPK-02", "goud en sieraden", 45730, None, False]])
    db = tmp_path / "loo.duckdb"
    result = load_file(path, db=db)
    assert result.uitkomst == "geladen", [str(p) for p in result.problemen]
    assert table_rows(db, "select registratie_id, datum_registratie, branche, datum_aankoop, "
                          "aantal, gestolen_match from dol_registraties order by 1") == [
        ("000123", dt.date(2025, 3, 14), "fietsen", dt.date(2025, 3, 12), 2, True),
        ("000124", dt.date(2025, 3, 15), "goud_en_sieraden", dt.date(2025, 3, 14), 1, False),
    ]


def test_broken_xlsx_is_unreadable(tmp_path):
    path = tmp_path / "signalen.xlsx"
    path.write_bytes(b"PK\x03\x04 geen echt werkboek")
    with pytest.raises(ReadError, match="Excel"):
        read_table(path)


def test_unclosed_quote_names_its_row_without_the_text(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv",
                        [ROW.format(wijk="a"), ROW.format(wijk='"Geheim adres'),
                         ROW.format(wijk="b")])
    with pytest.raises(ReadError) as caught:
        read_table(path)
    assert "rij 3 heeft een aanhalingsteken" in str(caught.value)
    assert "Geheim" not in str(caught.value)


def test_quote_inside_an_unquoted_value_is_kept(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [ROW.format(wijk='Hij zei "ja"')])
    assert read_table(path).frame.item(0, 5) == 'Hij zei "ja"'


def test_tab_separated_file_gets_advice(tmp_path):
    path = write_csv(tmp_path / "signalen.csv", ["signaal_id\tdatum_ontvangst", "S-1\t2025-03-04"])
    with pytest.raises(ReadError, match="tabs"):
        read_table(path)


def test_old_mac_line_ends_are_read(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", [ROW.format(wijk="a")], newline="\r")
    assert read_table(path).frame.height == 1


def test_uploaded_xlsx_without_suffix_is_read_by_its_given_name(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", ["melding_id", "datum_ontvangst", "thema"],
                      [["M-001", dt.datetime(2025, 5, 1), "Drugs"]])
    upload = path.rename(tmp_path / "tmp8f3k2")
    result = load_file(upload, db=tmp_path / "loo.duckdb", name="m_meldingen_mei.xlsx")
    assert (result.bron, result.uitkomst, result.ingevoegd) == ("m_meldingen", "geladen", 1)


def test_xlsx_with_blank_rows_above_the_header_keeps_excel_row_numbers(tmp_path):
    path = tmp_path / "signalen.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(2, 0, ["signaal_id", "datum_ontvangst", "bron", "thema", "status"])
    sheet.write_row(3, 0, ["S-1", "2025-03-04", "politie", "drugs", "nieuw"])
    sheet.write_row(4, 0, ["S-2", "2025-02-30", "politie", "drugs", "nieuw"])
    book.close()
    result = load_file(path, db=tmp_path / "loo.duckdb")
    assert [(p.rij, p.kolom) for p in result.problemen] == [(5, "datum_ontvangst")]


# Zip bombs: an XLSX is a zip, and the Excel reader (calamine) unpacks the sheet in memory.
# The bombs are built by hand: deflate blocks ended by a full flush are independent, so one
# compressed megabyte of rows repeated N times unpacks to N megabytes without compressing them.
ROWS = b'<row><c t="inlineStr"><is><t>OPK-01</t></is></c></row>' * 19000  # about 1 MB
SHEET = "xl/worksheets/sheet1.xml"


def deflated(data):
    """Raw deflate of data (as zip stores it) and its CRC-32."""
    pack = zlib.compressobj(9, zlib.DEFLATED, -15)
    return pack.compress(data) + pack.flush(), zlib.crc32(data)


def bomb_sheet(megabytes):
    """A sheet of `megabytes` MB of rows as raw deflate, its CRC-32 and its real size."""
    pack = zlib.compressobj(9, zlib.DEFLATED, -15)
    head, tail = b'<worksheet><sheetData>', b"</sheetData></worksheet>"
    start = pack.compress(head) + pack.flush(zlib.Z_FULL_FLUSH)
    block = pack.compress(ROWS) + pack.flush(zlib.Z_FULL_FLUSH)
    end = pack.compress(tail) + pack.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(ROWS, crc)
    return start + block * megabytes + end, zlib.crc32(tail, crc), \
        len(head) + len(ROWS) * megabytes + len(tail)


def write_zip(path, members):
    """A zip from (name, raw deflate, crc, declared unpacked size) with nothing checked."""
    local, central = b"", b""
    for name, data, crc, size in members:
        name = name.encode()
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                               len(data), size, len(name), 0, 0, 0, 0, 0, len(local)) + name
        local += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data),
                             size, len(name), 0) + name + data
    path.write_bytes(local + central + struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
        len(local), 0))
    return path


def workbook_with_sheet(tmp_path, name, sheet, declared=None):
    """A real small XLSX export whose first sheet is replaced by `sheet` (data, crc, size)."""
    real = write_xlsx(tmp_path / "echt.xlsx", ["registratie_id"], [["DOL-1"]])
    members = []
    with zipfile.ZipFile(real) as archive:
        for info in archive.infolist():
            if info.filename == SHEET:
                data, crc, size = sheet
                members.append((SHEET, data, crc, size if declared is None else declared))
            else:
                content = archive.read(info)
                members.append((info.filename, *deflated(content), len(content)))
    return write_zip(tmp_path / name, members)


@pytest.fixture
def excel_reads(monkeypatch):
    """The files the Excel reader (fastexcel/calamine) was asked to open."""
    opened = []
    real = reader.fastexcel.read_excel

    def spy(path, *args, **kwargs):
        opened.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reader.fastexcel, "read_excel", spy)
    return opened


def refusal(tmp_path, path):
    result = load_file(path, db=tmp_path / "loo.duckdb")
    assert result.uitkomst == "geweigerd"
    return [str(p) for p in result.problemen]


def test_a_workbook_that_unpacks_to_600_mb_is_refused_before_the_excel_reader_opens_it(
        tmp_path, excel_reads):
    sheet = bomb_sheet(600)
    path = workbook_with_sheet(tmp_path, "dol_registraties_bom.xlsx", sheet)
    assert path.stat().st_size < 3_000_000 and sheet[2] > 600_000_000  # small file, huge content
    assert refusal(tmp_path, path) == [
        "dol_registraties_bom.xlsx: Het Excel-bestand is uitgepakt groter dan 512 MB of meer "
        "dan 100 keer samengeperst (een zip-bom?); het is niet gelezen. Sla de export op als "
        "CSV of splits hem in kleinere bestanden."]
    assert excel_reads == []


def test_a_sheet_packed_more_than_100_times_is_refused_even_below_512_mb(tmp_path, excel_reads):
    path = workbook_with_sheet(tmp_path, "dol_registraties_bom.xlsx", bomb_sheet(200))
    with pytest.raises(ReadError, match="zip-bom"):
        read_table(path)
    assert excel_reads == []


def test_a_workbook_whose_parts_claim_more_than_512_mb_together_is_refused(tmp_path,
                                                                          excel_reads):
    # Three parts of 200 MB that each pack a believable 20 times (the content does not matter:
    # the refusal comes from the zip's directory, before anything is unpacked)
    filler = os.urandom(10 << 20)
    members = [(f"xl/worksheets/sheet{i}.xml", filler, 0, 200 << 20) for i in (1, 2, 3)]
    path = write_zip(tmp_path / "dol_registraties_groot.xlsx", members)
    with pytest.raises(ReadError, match="groter dan 512 MB"):
        read_table(path)
    assert excel_reads == []


def test_a_sheet_that_unpacks_to_more_than_its_directory_says_is_refused(tmp_path, excel_reads):
    # The directory claims 1 MB at a believable ratio; the deflate stream holds 300 MB. Counting
    # what really unpacks stops just past the claimed size.
    path = workbook_with_sheet(tmp_path, "dol_registraties_bom.xlsx", bomb_sheet(300),
                               declared=1 << 20)
    with pytest.raises(ReadError, match="zip-bom"):
        read_table(path)
    assert excel_reads == []


def test_a_workbook_within_the_bounds_goes_to_the_excel_reader(tmp_path, excel_reads):
    path = write_xlsx(tmp_path / "dol_registraties_klein.xlsx", ["registratie_id"], [["DOL-7"]])
    assert read_table(path).frame.item(0, 0) == "DOL-7"
    assert excel_reads == [path]
