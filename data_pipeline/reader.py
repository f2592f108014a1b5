"""Reads a CSV or XLSX export into a frame of strings: encoding and delimiter detected."""

import csv
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

UTF8_BOM = b"\xef\xbb\xbf"
SUFFIXES = (".csv", ".xlsx")
# An XLSX is a zip: a few MB can unpack to gigabytes (a zip bomb) and the Excel reader holds
# what it unpacks in memory. The largest realistic export, a DOL sheet at Excel's row limit
# (1,048,576 rows; benchmark scale 100 is 995,000), unpacks to about 170-320 MB at 10 times
# its packed size; plain Excel files stay under 30 times.
MAX_XLSX_UNPACKED = 512 << 20
MAX_XLSX_RATIO = 100
RATIO_FROM = 1 << 20  # tiny parts (styles, rels) may pack oddly; only parts over 1 MB count
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length
CHUNK = 1 << 20


class ReadError(Exception):
    """A file that cannot be read; the message is Dutch and never quotes the file's contents."""


@dataclass
class RawTable:
    """The header as written and the data rows as strings, columns named by position."""

    headers: list
    frame: pl.DataFrame  # columns "k1".."kN", all strings, fully empty rows removed
    rijen: pl.Series  # spreadsheet row number of each frame row (header = row 1)
    excel: bool = False
    encoding: str = "utf-8"
    delimiter: str = ","
    kopregel: int = 1  # spreadsheet row of the header


def decode(data):
    """UTF-8 bytes (BOM removed) and the name of the detected encoding: UTF-8 or Windows-1252."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError("Het bestand is UTF-16 opgeslagen; sla het op als CSV (UTF-8) of .xlsx.")
    if data.isascii():  # plain ASCII is valid UTF-8: no need to build a whole-file str to know
        return data, encoding
    try:
        data.decode("utf-8")
        return data, encoding
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252").encode("utf-8"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise ReadError("De tekenset van het bestand is niet te herkennen (verwacht UTF-8 of "
                        "Windows-1252).") from exc


def sniff_delimiter(data):
    """',' or ';': whichever occurs more often outside quotes in the header line."""
    counts = {",": 0, ";": 0}
    quoted = False
    for ch in data[:65536].decode("utf-8", errors="ignore"):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            break
        elif ch in counts and not quoted:
            counts[ch] += 1
    return ";" if counts[";"] > counts[","] else ","


def locate_csv_problem(text, delimiter):
    """Where and why a CSV does not parse: the spreadsheet row and a Dutch reason, or None."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    width, number = None, 0
    try:
        for number, record in enumerate(reader, start=1):
            if width is None:
                width = len(record)
            elif len(record) > width:
                return f"rij {number} heeft meer velden dan de kopregel"
    except csv.Error:
        return f"rij {number + 1} heeft een aanhalingsteken dat niet goed wordt afgesloten"
    return None


def read_csv(path):
    """A CSV export as strings; refuses empty or malformed files with a Dutch message."""
    raw = Path(path).read_bytes()
    blank = b" \t\r\n" + UTF8_BOM
    if not raw[:4096].strip(blank) and not raw.strip(blank):  # strip copies: look at the start first
        raise ReadError("Het bestand is leeg.")
    data, encoding = decode(raw)
    if b"\r" in data and b"\n" not in data:  # old Mac line ends
        data = data.replace(b"\r", b"\n")
    delimiter = sniff_delimiter(data)
    first_line = data[:data.find(b"\n")] if b"\n" in data[:65536] else data[:65536]
    if b"\t" in first_line and not (b";" in first_line or b"," in first_line):
        raise ReadError("Het bestand gebruikt tabs als scheidingsteken; sla het op als CSV met "
                        "';' of ',' of als .xlsx.")
    try:
        frame = pl.read_csv(io.BytesIO(data), has_header=False, separator=delimiter,
                            infer_schema=False, quote_char='"', raise_if_empty=False,
                            truncate_ragged_lines=False)
    except Exception as exc:  # polars reports parse errors with values: never pass them on
        reason = locate_csv_problem(data.decode("utf-8"), delimiter)
        where = f" ({reason})" if reason else ""
        raise ReadError(f"Het bestand is geen leesbare CSV{where}.") from exc
    return frame, encoding, delimiter


FIRST_VALUE_CELL = re.compile(
    rb'<c\b[^>]*?\br="[A-Z]+(\d+)"[^>]*>(?:(?!</c>).){0,2000}?<(?:v|is)\b', re.DOTALL)
RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")


def first_sheet_part(archive):
    """The zip member of the workbook's first sheet."""
    workbook = archive.read("xl/workbook.xml")
    rid = re.search(rb'<sheet\b[^>]*?\br:id="([^"]+)"', workbook).group(1)
    for rel in RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
        if re.search(rb'\bId="' + re.escape(rid) + rb'"', rel):
            target = re.search(rb'\bTarget="([^"]+)"', rel).group(1).decode()
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise KeyError(rid)


def first_xlsx_row(path):
    """The sheet row number of the first row with a value (the reader skips blank rows above
    it), so that row numbers in messages match Excel; 1 when it cannot be told."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(first_sheet_part(archive)) as fh:
            head = fh.read(1 << 20)
        match = FIRST_VALUE_CELL.search(head)
        return int(match.group(1)) if match else 1
    except (KeyError, AttributeError, OSError, zipfile.BadZipFile, ValueError):
        return 1


UNREADABLE_XLSX = "Het Excel-bestand is niet te lezen (beschadigd of geen .xlsx)."
TOO_BIG_XLSX = (f"Het Excel-bestand is uitgepakt groter dan {MAX_XLSX_UNPACKED >> 20} MB of "
                f"meer dan {MAX_XLSX_RATIO} keer samengeperst (een zip-bom?); het is niet "
                "gelezen. Sla de export op als CSV of splits hem in kleinere bestanden.")


def _unpacked_size(fh, info, limit):
    """The real unpacked size of one zip member, counted in chunks and at most limit + 1: the
    sizes in the zip's directory are the writer's word, and the Excel reader does not check
    them."""
    signature, name_len, extra_len = LOCAL_HEADER.unpack(fh.read(LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile
    fh.seek(info.header_offset + LOCAL_HEADER.size + name_len + extra_len)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return left
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise zipfile.BadZipFile  # Excel writes deflate; other methods have no business here
    inflate, size = zlib.decompressobj(-15), 0
    while left and size <= limit:
        data = fh.read(min(CHUNK, left))
        if not data:
            break
        left -= len(data)
        while data and size <= limit:  # bounded output per step: memory stays one chunk
            size += len(inflate.decompress(data, CHUNK))
            data = inflate.unconsumed_tail
    if size <= limit:
        size += len(inflate.flush())  # all input was read: what is left is a window at most
    return size


def check_xlsx_size(path):
    """Refuse an XLSX that unpacks to more than MAX_XLSX_UNPACKED or packs suspiciously tight,
    before the Excel reader unpacks anything."""
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as fh:
            members = archive.infolist()
            if sum(info.file_size for info in members) > MAX_XLSX_UNPACKED:
                raise ReadError(TOO_BIG_XLSX)
            for info in members:
                if info.file_size > max(RATIO_FROM, MAX_XLSX_RATIO * info.compress_size):
                    raise ReadError(TOO_BIG_XLSX)
                fh.seek(info.header_offset)
                # more than the directory says: a crafted file (the sizes checked above lie)
                if _unpacked_size(fh, info, info.file_size) > info.file_size:
                    raise ReadError(TOO_BIG_XLSX)
    except (OSError, zipfile.BadZipFile, struct.error, zlib.error, ValueError) as exc:
        raise ReadError(UNREADABLE_XLSX) from exc


def read_xlsx(path):
    """The first sheet of an XLSX export, every cell as text."""
    check_xlsx_size(path)
    try:
        reader = fastexcel.read_excel(Path(path))
        sheet = reader.load_sheet(0, header_row=None, dtypes="string", schema_sample_rows=None)
        frame = sheet.to_polars()
    except Exception as exc:
        raise ReadError(UNREADABLE_XLSX) from exc
    return frame


def read_table(path, name=None):
    """Read a .csv or .xlsx file (the suffix of name, if given, decides) into a RawTable."""
    suffix = Path(name or path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError("Alleen .csv- en .xlsx-bestanden kunnen worden geladen.")
    header_row = 1
    if suffix == ".csv":
        frame, encoding, delimiter = read_csv(path)
        excel = False
    else:
        frame, encoding, delimiter = read_xlsx(path), "xlsx", ""
        excel = True
        header_row = first_xlsx_row(path)
    if frame.height == 0 or frame.width == 0:
        raise ReadError("Het bestand is leeg.")
    names = [f"k{i + 1}" for i in range(frame.width)]
    frame = frame.cast(pl.String).rename(dict(zip(frame.columns, names)))
    headers = [None if h is None else str(h) for h in frame.row(0)]
    body = frame.slice(1)
    first = header_row + 1
    rijen = pl.int_range(first, body.height + first, dtype=pl.Int64, eager=True).rename("rij")
    blank = body.select(pl.all_horizontal(pl.all().is_null())).to_series()
    if blank.any():  # rows left empty in the sheet: skipped, row numbers kept
        body, rijen = body.filter(~blank), rijen.filter(~blank)
    if body.height == 0:
        raise ReadError("Het bestand bevat geen gegevens, alleen een kopregel.")
    return RawTable(headers, body, rijen, excel, encoding, delimiter, header_row)
