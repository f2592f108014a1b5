"""Normalising of headers, enum values, dates, booleans and numbers, per distinct value."""

import datetime as dt
import re
import unicodedata

import polars as pl

SEPARATORS = re.compile(r"[\s\-]+")
TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")
DATE_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}/\d{1,2}/\d{4}")
EXCEL_SERIAL = re.compile(r"\d{4,5}(?:\.\d+)?")
EXCEL_EPOCH = dt.date(1899, 12, 30)
TRUE_WORDS = ("ja", "j", "true", "1", "waar", "yes", "y", "1.0")
FALSE_WORDS = ("nee", "n", "false", "0", "onwaar", "no", "0.0")
INTEGER = re.compile(r"\+?\d+(?:\.0*)?")
NUMBER_POINT = re.compile(r"[+-]?\d+(?:\.\d+)?")
NUMBER_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?|[+-]?\d+(?:,\d+)?")
THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
INT32_MAX = 2_147_483_647
SPOOR = re.compile(r"(?:spoor_?)?([123])(?:\b|_|:|\.|$).*")
SAMPLE_ROWS = 20_000  # rows looked at to guess whether a column repeats its values


def norm_key(text):
    """Trim, lower case, drop accents, spaces and hyphens to '_' ("Meld Misdaad-Anoniem")."""
    text = unicodedata.normalize("NFKD", str(text).strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return SEPARATORS.sub("_", text).strip("_")


def few_distinct(series):
    """True when an evenly spread sample of the column repeats its values (at most a quarter
    distinct): then working on the distinct values is cheaper than on every row. Only speed
    depends on this guess, never the outcome."""
    if series.len() < 4 * SAMPLE_ROWS:
        return False
    sample = series.gather_every(series.len() // SAMPLE_ROWS)
    return sample.n_unique() * 4 <= sample.len()


def map_unique(series, fn, dtype):
    """Apply fn to each distinct non-null value once and map the column; fn returns None if bad."""
    uniques = series.drop_nulls().unique().to_list()
    mapping = {value: fn(value) for value in uniques}
    if not mapping:
        return pl.Series(series.name, [None] * len(series), dtype=dtype)
    return series.replace_strict(mapping, default=None, return_dtype=dtype)


def parse_date(text, allow_serial=False):
    """A date from YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (time part ignored); Excel serials."""
    text = re.sub(TIME_SUFFIX, "", text.strip())
    if DATE_SHAPE.fullmatch(text):
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None
    if allow_serial and EXCEL_SERIAL.fullmatch(text):
        days = int(float(text))
        if 1 <= days <= 2958465:
            return EXCEL_EPOCH + dt.timedelta(days=days)
    return None


def parse_bool(text):
    """True or False from ja/nee, j/n, true/false, 1/0; None otherwise."""
    key = norm_key(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def parse_int(text):
    """A whole number ("3", "3.0" from Excel); None otherwise."""
    text = text.strip()
    if INTEGER.fullmatch(text):
        value = int(text.split(".")[0])
        return value if value <= INT32_MAX else None
    return None


def parse_number(text):
    """A number with a decimal point or a Dutch comma ("1.234,5"; "1.000" is a thousand)."""
    text = text.strip().replace(" ", "")
    if "," in text or THOUSANDS.fullmatch(text):
        if NUMBER_COMMA.fullmatch(text):
            return float(text.replace(".", "").replace(",", "."))
        return None
    if NUMBER_POINT.fullmatch(text):
        return float(text)
    return None


def parse_spoor(text, labels):
    """Spoor 1, 2 or 3 from "2", "Spoor 2", "spoor 2: Aanpakken" or the spoor's name."""
    key = norm_key(text)
    if key in labels:
        return labels[key]
    match = SPOOR.fullmatch(key)
    return int(match.group(1)) if match else None


def enum_mapper(values, aliases):
    """A function from a raw label to its enum value (or None), aliases first."""
    allowed = {norm_key(v): v for v in values}

    def parse(text):
        key = norm_key(text)
        if key in aliases and aliases[key] in values:
            return aliases[key]
        return allowed.get(key)

    return parse


def clean_text(expr, strip=True):
    """Trim a text column (unless strip is False) and turn blank values into null."""
    stripped = expr.str.strip_chars()
    kept = stripped if strip else expr
    return pl.when(stripped == "").then(None).otherwise(kept)
