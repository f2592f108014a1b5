"""The privacy gate: finds direct identifiers (BSN, e-mail, phone, IBAN, postcode with house number).

The exports are pseudonymised at the source, so any direct identifier is a mistake that must stop
a load. Functions here return kinds and positions only; they never print, log or return a value.

Rules, each chosen so that the ids, pseudonyms, dates and amounts of the exports do not trip them:
- BSN: 9 digits, not part of a longer digit run, optionally written 123.456.782, 123 456 782 or
  1234.56.782, passing the elfproef and not all zeros. 8-digit numbers (a BSN with its leading
  zero dropped by Excel) are not flagged: ddmmyyyy dates and 8-digit ids would fail often.
- e-mailadres: local@domain.tld.
- telefoonnummer: 10 digits in national form starting 0[1-9] (06 mobile, 0xx and 0xxx landline,
  area code optionally in brackets or followed by - . / or a space, the rest in groups split by
  single spaces), or +31 / 0031 followed by 9 digits (optionally "(0)"). A two-digit area code is
  only 06, which keeps dates like 01-02-2025 14:30 out; a number right after an id's "ABC-" or
  another number, or running into a time (":30"), is not a phone number.
- IBAN: a known country code with its IBAN length, with or without spaces, passing mod-97.
- postcode met huisnummer: 1234 AB 12, 1234AB 12, 1234AB12 (lower-case letters only when written
  against the digits), letters not SA, SD or SS; also "Straat 12, 1234 AB".
"""

import re

import polars as pl

from data_pipeline.normalise import few_distinct

BSN = "BSN"
EMAIL = "e-mailadres"
TELEFOON = "telefoonnummer"
IBAN = "IBAN"
POSTCODE = "postcode met huisnummer"
KINDS = (BSN, EMAIL, TELEFOON, IBAN, POSTCODE)

IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

# Python patterns. Each is a zero-width match at every allowed start whose lookahead captures the
# candidate, so a rejected candidate never hides an overlapping real one.
_EMAIL = re.compile(r"(?<![\w.%+-])(?=(?P<m>[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}))")
_IBAN = re.compile(r"(?<![A-Za-z0-9])(?=(?P<m>[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){10,30}))")
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9-])(?=(?P<m>[1-9][0-9]{3}(?P<l> ?[A-Z]{2}|[A-Za-z]{2})(?![A-Za-z]),? {0,2}"
    r"[0-9]{1,5})(?![0-9]))"
)
_POSTCODE_AFTER_STREET = re.compile(
    r"(?<=[A-Za-z] )(?=(?P<m>[0-9]{1,5}[A-Za-z]?,? {1,2}[1-9][0-9]{3}(?P<l> ?[A-Z]{2}))(?![A-Za-z]))"
)
_PHONE_NATIONAL = re.compile(
    r"(?<![A-Za-z0-9+])(?<![0-9][-–./ ])(?<![A-Za-z0-9]-)(?=(?P<m>"
    r"(?:\(0(?P<a1>[0-9]{1,3})\) ?|0(?P<a2>[0-9]{1,3})[-–./ ]|0(?=[1-9]))"
    r"(?P<sub>[0-9]+(?: [0-9]+)*)))"
)
_PHONE_INTERNATIONAL = re.compile(
    r"(?<![A-Za-z0-9+])(?=(?P<m>(?:\+|00)31[-–. ]?(?:\(0\)[-–. ]?)?"
    r"(?:(?P<a>[1-9][0-9]{0,2})[-–./ ]|(?=[1-9]))"
    r"(?P<sub>[0-9]+(?: [0-9]+)*)))"
)
_BSN = re.compile(
    r"(?<![0-9])(?<![0-9][.,])(?<!€)(?<!€ )(?=(?P<m>[0-9]{9}"
    r"|[0-9]{3}(?P<s1>[. ])[0-9]{3}(?P=s1)[0-9]{3}|[0-9]{4}(?P<s2>[. ])[0-9]{2}(?P=s2)[0-9]{3}))"
)

_WHOLE_FLOAT = re.compile(r"\.0+(?![0-9])")

# The polars (Rust regex) prefilter: a superset of the patterns above, without look-arounds or
# checksums, so that clean cells never reach Python.
PREFILTER = "|".join([
    r"@",
    r"[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){10}",
    r"[1-9][0-9]{3} ?[A-Za-z]{2},? {0,2}[0-9]",
    r"[A-Za-z0-9],? {1,2}[1-9][0-9]{3} ?[A-Z]{2}",
    # a national number never follows a letter or digit (ids like DOL-2025-1699999)
    r"(?:^|[^A-Za-z0-9+])0[1-9](?:\)? ?[-–./]? ?[0-9]){8}",
    r"(?:\+|00)31[-–. ]?(?:\(0\)[-–. ]?)?[1-9](?:[-–./ ]?[0-9]){8}",
    r"[0-9]{9}",
    r"[0-9]{3}[. ][0-9]{3}[. ][0-9]{3}",
    r"[0-9]{4}[. ][0-9]{2}[. ][0-9]{3}",
])


def elfproef(digits):
    """True when nine digits pass the BSN elfproef (9*d1 + ... + 2*d8 - d9 divisible by 11)."""
    numbers = [int(c) for c in digits]
    if len(numbers) != 9 or not any(numbers):
        return False
    total = sum(w * n for w, n in zip((9, 8, 7, 6, 5, 4, 3, 2, -1), numbers))
    return total % 11 == 0


def iban_valid(compact):
    """True when an IBAN without spaces has its country's length and passes mod-97."""
    compact = compact.upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _digit_follows(text, end):
    """True when a digit, or a . , - / : and a digit, follows position end (a longer number)."""
    nxt = text[end:end + 2]
    return nxt[:1].isdigit() or (len(nxt) == 2 and nxt[0] in ".,-–/:" and nxt[1].isdigit())


def _mask(text, spans):
    """The text with the given spans blanked out, so one identifier is not read as another."""
    for start, end in spans:
        text = text[:start] + "#" * (end - start) + text[end:]
    return text


def _emails(text):
    return [(m.start("m"), m.end("m")) for m in _EMAIL.finditer(text)]


def _iban_shapes(text):
    """Spans shaped like an IBAN of a known country (any check digits), with their validity."""
    shapes = []
    for m in _IBAN.finditer(text):
        candidate = m.group("m")
        length = IBAN_LENGTHS.get(candidate[:2].upper())
        if not length:
            continue
        compact = ""
        for i, ch in enumerate(candidate):
            if ch != " ":
                compact += ch
            if len(compact) == length:
                rest = candidate[i + 1:]
                if not rest or rest[0] == " ":
                    shapes.append((m.start("m"), m.start("m") + i + 1, iban_valid(compact)))
                break
    return shapes


def _ibans(text):
    return [(start, end) for start, end, valid in _iban_shapes(text) if valid]


def _postcodes(text):
    spans = []
    for pattern in (_POSTCODE, _POSTCODE_AFTER_STREET):
        for m in pattern.finditer(text):
            if m.group("l").strip().upper() not in ("SA", "SD", "SS"):
                spans.append((m.start("m"), m.end("m")))
    return spans


def _phone_end(text, m, area, digits_needed):
    """End of a valid phone number in match m, or None: the subscriber groups must add up."""
    if area is not None:
        if not 1 <= len(area) <= 3 or area[0] == "0" or (len(area) == 1 and area != "6"):
            return None
        digits_needed -= len(area)
    position = m.start("sub")
    count = 0
    for group in m.group("sub").split(" "):
        count += len(group)
        position += len(group)
        if count == digits_needed:
            return None if _digit_follows(text, position) else position
        if count > digits_needed:
            return None
        position += 1
    return None


def _phones(text):
    spans = []
    for m in _PHONE_NATIONAL.finditer(text):
        area = m.group("a1") if m.group("a1") is not None else m.group("a2")
        end = _phone_end(text, m, area, 9)
        if end is not None:
            spans.append((m.start("m"), end))
    for m in _PHONE_INTERNATIONAL.finditer(text):
        end = _phone_end(text, m, m.group("a"), 9)
        if end is not None:
            spans.append((m.start("m"), end))
    return spans


def _bsns(text):
    spans = []
    for m in _BSN.finditer(text):
        start, end = m.start("m"), m.end("m")
        sep = m.group("s1") or m.group("s2")
        if not sep and _WHOLE_FLOAT.match(text, end):
            end = _WHOLE_FLOAT.match(text, end).end()  # "123456782.0": a number written as float
        if _digit_follows(text, end):
            continue
        if sep and text[end:end + 2][:1] == sep and text[end + 1:end + 2].isdigit():
            continue
        if sep == " " and start >= 2 and text[start - 1] == " " and text[start - 2].isdigit():
            continue
        if elfproef(re.sub("[^0-9]", "", m.group("m"))):
            spans.append((start, end))
    return spans


def find_identifiers(text):
    """The kinds of direct identifier in one value (Dutch names, in KINDS order); [] when clean."""
    if not isinstance(text, str) or not text:
        return []
    found = set()
    # An IBAN with a wrong check digit is no identifier, but its digits are no phone or BSN either.
    text = _mask(text, [(start, end) for start, end, valid in _iban_shapes(text) if not valid])
    for kind, finder in ((EMAIL, _emails), (IBAN, _ibans), (POSTCODE, _postcodes),
                         (TELEFOON, _phones), (BSN, _bsns)):
        spans = finder(text)
        if spans:
            found.add(kind)
            text = _mask(text, spans)
    return [kind for kind in KINDS if kind in found]


def _scannable(dtype):
    return dtype == pl.String or dtype == pl.Categorical or isinstance(dtype, pl.Enum) \
        or dtype.is_integer()


def scan_frame(df):
    """Every (0-based row, column, kind) of a direct identifier in the text and integer columns.

    One select over all columns (parallel in polars) runs the prefilter: on every value of a
    column, or, for a column that repeats its values, on each distinct value (which checks
    every value all the same); the rows of a flagged distinct value are then found by equality.
    """
    columns = [name for name, dtype in df.schema.items() if _scannable(dtype)]
    if not columns or df.height == 0:
        return []
    text = df.select(pl.col(name).cast(pl.String) for name in columns)
    grouped = {name for name in columns if few_distinct(text.get_column(name))}
    suspects = text.select(
        (pl.col(name).drop_nulls().unique().implode()
         .list.eval(pl.element().filter(pl.element().str.contains(PREFILTER)))
         if name in grouped else
         pl.col(name).str.contains(PREFILTER).fill_null(False).arg_true().implode())
        .alias(str(i))
        for i, name in enumerate(columns))
    found = []
    for i, name in enumerate(columns):
        suspect = suspects.get_column(str(i))[0]
        if suspect.len() == 0:
            continue
        values = text.get_column(name)
        if name in grouped:
            kinds = {value: find_identifiers(value) for value in suspect.to_list()}
            kinds = {value: hit for value, hit in kinds.items() if hit}
            if not kinds:
                continue
            rows = values.is_in(list(kinds)).arg_true()
            found.extend((row, name, kind) for row, value in
                         zip(rows.to_list(), values.gather(rows).to_list()) for kind in kinds[value])
        else:
            found.extend((row, name, kind) for row, value in
                         zip(suspect.to_list(), values.gather(suspect).to_list())
                         for kind in find_identifiers(value))
    order = {name: i for i, name in enumerate(df.columns)}
    found.sort(key=lambda hit: (hit[0], order[hit[1]], KINDS.index(hit[2])))
    return found
