"""The privacy gate: finds direct identifiers in a value, a file name, a header or typed text.

The exports are pseudonymised at the source, so any direct identifier is a mistake that must stop
a load. Functions here return kinds and positions only; they never print, log or return a value.

Every check reads the text as normalise() leaves it: Unicode NFKC (full-width digits and '＠'
become ASCII), zero-width characters and soft hyphens removed, every dash '-', every run of
white space (no-break and narrow spaces included) one space, spaces around a '-' or '/' between
two digits dropped. Letters are matched without regard to case. A separator between digit
groups is one of ' ', '-', '.', '/'.

Rules, each chosen so that the ids, pseudonyms, dates and amounts of the exports do not trip them:
- BSN: 9 digits passing the elfproef (not all zeros). Either one run of 9 digits (also
  "123456782.0", a number written as float) not inside a longer number or an amount, or digit
  groups of at least 2 digits joined by one and the same separator (123-456-782, 123/456/782,
  1234.56.782) that no further group with that separator extends and that does not follow an
  id's 'ABC-' or a euro sign. 8-digit numbers (a BSN with its leading zero dropped by Excel) are
  not flagged: ddmmyyyy dates and 8-digit ids would fail often.
- e-mailadres: local@domain.tld, also written with ' at ', [at], (at), {at}, <at> or
  'apenstaartje' for '@' and ' dot ', [dot], (dot) or ' punt ' for '.'.
- telefoonnummer: 10 digits in national form starting 0[1-9], or +31 / 0031 with 9 digits
  (optionally "(0)"), in groups split by separators (area code optionally in brackets). A first
  group of two digits is only 06, which keeps dates like 01-02-2025 14:30 out; a number that
  starts with a date, follows an id's "ABC-", another number or a time ("00:06"), or runs into
  a time (":30"), is not a phone number.
- IBAN: a known country code with its IBAN length and mod-97 check; separators only between
  groups of four, all the same (NL91ABNA0417164300, NL91 ABNA 0417 1643 00, NL91-ABNA-...).
- postcode met huisnummer: 1234 AB 12, 1234AB12, 1234-AB-12, "1234 AB, nr 12", letters not SA,
  SD or SS; a lower-case pair written apart that is a common short word ("in 2025 de 9 zaken")
  is not a postcode. Also "Straat 12, 1234 AB".
- straatnaam met huisnummer: a word ending in a street word (-straat, -weg, -laan, -plein, ...)
  of at least two letters before it, then a house number of 1-4 digits (not a year 19xx/20xx,
  not the start of a date, time or amount; "12-2" and "12/2" are a number with its part).
- kenteken: the 14 sidecodes of Dutch licence plates, written with their two dashes
  (XX-99-99 ... 999-XX-9); letter groups of sidecode 4 and later without vowels, C or Q.
  Without dashes only right after the word 'kenteken'.
- paspoort- of ID-kaartnummer: the Dutch document number, 9 characters: 2 letters, 6 letters or
  digits (at least one of each), 1 digit, never the letter O.
"""

import re
import unicodedata

import polars as pl

from data_pipeline.normalise import few_distinct

BSN = "BSN"
EMAIL = "e-mailadres"
TELEFOON = "telefoonnummer"
IBAN = "IBAN"
POSTCODE = "postcode met huisnummer"
ADRES = "straatnaam met huisnummer"
KENTEKEN = "kenteken"
DOCUMENT = "paspoort- of ID-kaartnummer"
KINDS = (BSN, EMAIL, TELEFOON, IBAN, POSTCODE, ADRES, KENTEKEN, DOCUMENT)
STUURTEKEN = "stuurteken"  # no identifier: a control character, found in the same pass

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

# Street words that end a Dutch street name, and words that end in one but are no street.
STRAATWOORDEN = ("straat", "weg", "laan", "plein", "kade", "gracht", "singel", "dijk", "pad",
                 "hof", "dreef", "park", "steeg", "plantsoen", "boulevard")
GEEN_STRAAT = {"onderweg", "halfweg", "gerechtshof"}
# Short Dutch words that look like postcode letters when written apart in lower case.
KORTE_WOORDEN = {"de", "en", "in", "op", "te", "of", "is", "na", "om", "al", "nu", "er", "ze",
                 "we", "je", "zo", "ik", "nr", "ca", "tm", "vs", "ie", "ui", "uw", "hr", "mw"}
# Licence plate sidecodes 1-14 (RDW): L = any letter (1-3), C = plate consonant (4-14), 9 = digit.
SIDECODES = ("LL-99-99", "99-99-LL", "99-LL-99", "CC-99-CC", "CC-CC-99", "99-CC-CC", "99-CCC-9",
             "9-CCC-99", "CC-999-C", "C-999-CC", "CCC-99-C", "C-99-CCC", "9-CC-999", "999-CC-9")

_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_WHITE = re.compile(r"\s+")
_AROUND = re.compile(r"(?<=[0-9]) ?([-/]) ?(?=[0-9])")

_SEPARATOR = "[ ./-]"
_AT = r"(?: ?@ ?| ?[\[({<] ?(?:at|@|apenstaartje) ?[\])}>] ?| (?:at|apenstaartje) )"
_DOT = r"(?: ?\. ?| ?[\[({<] ?(?:dot|punt|\.) ?[\])}>] ?| (?:dot|punt) )"

# Python patterns. Each is a zero-width match at every allowed start whose lookahead captures the
# candidate, so a rejected candidate never hides an overlapping real one.
_EMAIL = re.compile(rf"(?<![\w.%+-])(?=(?P<m>[\w.%+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}"
                    r"[a-z]{2,}(?![\w-])))", re.IGNORECASE)
_IBAN = re.compile(r"(?<![a-z0-9])(?=(?P<m>[a-z]{2}[0-9]{2}(?:[ ./-]?[a-z0-9]){10,30}))",
                   re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![a-z0-9-])(?<![0-9][./])(?=(?P<m>[1-9][0-9]{3}(?P<s>[ -]?)(?P<l>[a-z]{2})(?![a-z])"
    r"(?P<j>-|,? ?(?:(?:huisnummer|huisnr|nr|no)\.? ?)?)[0-9]{1,5})(?![0-9]))", re.IGNORECASE)
_POSTCODE_AFTER_STREET = re.compile(
    r"(?<=[a-z] )(?=(?P<m>[0-9]{1,5}[a-z]?,? ?[1-9][0-9]{3}(?P<s> ?)(?P<l>[a-z]{2}))(?![a-z]))",
    re.IGNORECASE)
_STREET = re.compile(
    r"(?<![^\W\d_])(?P<w>[^\W\d_]{2,}(?:" + "|".join(STRAATWOORDEN) + r"))\.? ?"
    r"(?P<n>[0-9]{1,4})(?![0-9])", re.IGNORECASE)
_PHONE_NATIONAL = re.compile(
    r"(?<![a-z0-9+])(?<![0-9][ ./:,-])(?<![a-z0-9]-)(?=(?P<m>\(?0[1-9][0-9 ./()-]*))",
    re.IGNORECASE)
_PHONE_INTERNATIONAL = re.compile(
    r"(?<![a-z0-9+])(?=(?P<m>(?:\+|00)31[ ./-]?(?:\(0\)[ ./-]?)?(?P<sub>[1-9][0-9 ./-]*)))",
    re.IGNORECASE)
_DATE_START = re.compile(r"(?:0[1-9]|[12][0-9]|3[01])([ ./-])(?:0[1-9]|1[0-2])\1(?:19|20)[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")
_NOT_A_HOUSE_NUMBER = re.compile(r"[:,.][0-9]|[-/][0-9]+[-/.][0-9]")
_WHOLE_FLOAT = re.compile(r"\.0+(?![0-9])")
_PLATE = re.compile(r"(?<![a-z0-9-])(?=(?P<m>[a-z0-9]{1,3}-[a-z0-9]{2,3}-[a-z0-9]{1,3})"
                    r"(?![a-z0-9]|-[a-z0-9]))", re.IGNORECASE)
_PLATE_AFTER_WORD = re.compile(r"kenteken\w*[ :.#-]*(?P<m>[a-z0-9]{1,3}[ .-]?[a-z0-9]{1,3}"
                               r"[ .-]?[a-z0-9]{1,3})(?![a-z0-9])", re.IGNORECASE)
_DOCUMENT = re.compile(r"(?<![a-z0-9])(?P<m>[a-np-z]{2}(?P<mid>[a-np-z0-9]{6})[0-9])(?![a-z0-9])",
                       re.IGNORECASE)


def _plate_pattern(code):
    """The regular expression of one sidecode ('CC-99-CC'), for the plate without its dashes."""
    parts = {"L": "[a-z]", "C": "[bdfghjklmnprstvwxz]", "9": "[0-9]"}
    return "".join(parts[ch] for ch in code if ch != "-")


_SIDECODE = [(code, re.compile(_plate_pattern(code), re.IGNORECASE)) for code in SIDECODES]

# The polars (Rust regex) prefilter: a superset of the patterns above for ASCII text, without
# look-arounds or checksums, so that clean cells never reach Python. A value with any character
# outside ASCII goes to Python whole: only there is it normalised (full-width digits, zero-width
# and no-break spaces).
_S = r"(?:\s*[-./]\s*|\s+)"  # a separator as written, before normalising
PREFILTER = "|".join([
    # anything but printable ASCII: normalised in Python only (and Python reads \x1c-\x1f as
    # white space, Rust does not); control characters so scan_frame(control=...) sees them
    r"[^\x20-\x7e]",
    r"@",
    r"(?i:[\[({<]\s*(?:at|@|apenstaartje)|\s(?:at|apenstaartje)\s)",
    r"(?i:[a-z]{2}[0-9]{2}(?:\s*[-./]?\s*[a-z0-9]){10})",
    r"(?i:[1-9][0-9]{3}\s*-?\s*[a-z]{2}[^0-9]{0,16}[0-9])",
    r"(?i:[0-9][a-z]?,?\s*[1-9][0-9]{3}\s*[a-z]{2})",
    # a national number never follows a letter or digit (ids like DOL-2025-1699999)
    r"(?:^|[^A-Za-z0-9+])\(?0[1-9](?:[\s()./-]*[0-9]){8}",
    r"(?:\+|00)31(?:[\s()./-]*[0-9]){9}",
    r"[0-9]{9}",
    # 9 digits in groups: not right after a digit or an id's 'ABC-', no digit right after them
    r"(?:^|[^0-9./-]|(?:^|[^0-9A-Za-z])[./-])[0-9](?:" + _S + r"?[0-9]){8}(?:$|[^0-9])",
    r"(?i:[a-z]{2}(?:" + "|".join(STRAATWOORDEN) + r")\.?\s*[0-9])",
    r"(?i:(?:^|[^a-z0-9-])[a-z0-9]{1,3}\s*-\s*[a-z0-9]{2,3}\s*-\s*[a-z0-9]{1,3}(?:$|[^a-z0-9]))",
    r"(?i:kenteken)",
    r"(?i:(?:^|[^a-z0-9])[a-z]{2}[a-z0-9]{6}[0-9](?:$|[^a-z0-9]))",
])


def normalise(text):
    """The text as every check reads it: NFKC, no zero-width characters, one dash, one space."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _DASHES.sub("-", text)
    text = _WHITE.sub(" ", text)
    return _AROUND.sub(r"\1", text)


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
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isascii() \
            or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _digit_follows(text, end):
    """True when a digit, or a . , - / : and a digit, follows position end (a longer number)."""
    nxt = text[end:end + 2]
    return nxt[:1].isdigit() or (len(nxt) == 2 and nxt[0] in ".,-/:" and nxt[1].isdigit())


def _mask(text, spans):
    """The text with the given spans blanked out, so one identifier is not read as another."""
    for start, end in spans:
        text = text[:start] + "#" * (end - start) + text[end:]
    return text


def _emails(text):
    return [(m.start("m"), m.end("m")) for m in _EMAIL.finditer(text)]


def _iban_shapes(text):
    """Spans shaped like an IBAN of a known country (any check digits), with their validity.

    A separator may stand only after every fourth character, and it is the same each time."""
    shapes = []
    for m in _IBAN.finditer(text):
        candidate = m.group("m")
        length = IBAN_LENGTHS.get(candidate[:2].upper())
        if not length:
            continue
        compact, separators = "", set()
        for i, ch in enumerate(candidate):
            if not ch.isalnum():
                if len(compact) % 4:
                    break
                separators.add(ch)
                continue
            compact += ch
            if len(compact) == length:
                rest = candidate[i + 1:]
                if len(separators) <= 1 and not rest[:1].isalnum():
                    shapes.append((m.start("m"), m.start("m") + i + 1, iban_valid(compact)))
                break
    return shapes


def _ibans(text):
    return [(start, end) for start, end, valid in _iban_shapes(text) if valid]


def _postcode_letters_ok(m):
    """False for SA, SD, SS, and for a lower-case common word written apart ('2025 de 9')."""
    letters = m.group("l")
    if letters.upper() in ("SA", "SD", "SS"):
        return False
    return not (m.group("s") == " " and letters.islower() and letters in KORTE_WOORDEN)


def _postcodes(text):
    spans = [(m.start("m"), m.end("m")) for m in _POSTCODE.finditer(text)
             if _postcode_letters_ok(m) and (m.group("j") == "-") == (m.group("s") == "-")
             and not _digit_follows(text, m.end("m"))]
    return spans + [(m.start("m"), m.end("m")) for m in _POSTCODE_AFTER_STREET.finditer(text)
                    if _postcode_letters_ok(m)]


def _streets(text):
    spans = []
    for m in _STREET.finditer(text):
        number = m.group("n")
        if m.group("w").lower() in GEEN_STRAAT or number.startswith("0"):
            continue
        if len(number) == 4 and number[:2] in ("19", "20"):
            continue  # a year: "Bedrijvenpark 2026"
        if _NOT_A_HOUSE_NUMBER.match(text, m.end("n")):
            continue  # a date, time or amount; "12-2" or "12/2" is a house number with its part
        spans.append((m.start(), m.end()))
    return spans


def _groups(text, start):
    """The digit groups of a number written from start on, as (start, end) pairs: groups are
    split by one separator, or by ')' with an optional space after an area code in brackets."""
    groups = []
    position = start
    while True:
        m = _DIGITS.match(text, position)
        if not m:
            return groups
        groups.append((m.start(), m.end()))
        nxt = m.end()
        if text[nxt:nxt + 2] == ") ":
            nxt += 2
        elif text[nxt:nxt + 1] in (")", " ", ".", "/", "-") and text[nxt:nxt + 1]:
            nxt += 1
        else:
            return groups
        position = nxt


def _number_end(text, groups, needed):
    """End of the group at which exactly `needed` digits are complete, or None."""
    count = 0
    for start, end in groups:
        count += end - start
        if count == needed:
            return None if _digit_follows(text, end) else end
        if count > needed:
            return None
    return None


def _phones(text):
    spans = []
    for m in _PHONE_NATIONAL.finditer(text):
        start = m.start("m") + (text[m.start("m")] == "(")
        groups = _groups(text, start)
        first = groups[0][1] - groups[0][0]
        if len(groups) > 1 and (first == 1 or (first == 2 and text[start:start + 2] != "06")):
            continue  # 01-02-2025: a two-digit first group is only 06
        if _DATE_START.match(text, start):
            continue
        end = _number_end(text, groups, 10)
        if end is not None:
            spans.append((m.start("m"), end))
    for m in _PHONE_INTERNATIONAL.finditer(text):
        groups = _groups(text, m.start("sub"))
        first = groups[0][1] - groups[0][0]
        if len(groups) > 1 and first == 1 and text[groups[0][0]] != "6":
            continue
        end = _number_end(text, groups, 9)
        if end is not None:
            spans.append((m.start("m"), end))
    return spans


def _single_bsns(text, groups):
    """Runs of exactly 9 digits (or '123456782.0') that are no part of an amount or a number."""
    spans = []
    for start, end in groups:
        if end - start != 9 or text[max(0, start - 2):start].rstrip().endswith("€"):
            continue
        if start >= 2 and text[start - 1] in ".," and text[start - 2].isdigit():
            continue
        stop = end
        if (whole := _WHOLE_FLOAT.match(text, end)) is not None:
            stop = whole.end()  # "123456782.0": a number written as float
        if not _digit_follows(text, stop) and elfproef(text[start:end]):
            spans.append((start, stop))
    return spans


def _grouped_bsns(text, groups):
    """Digit groups of 2+ digits joined by one same separator, 9 digits in all, not extended."""
    spans = []
    for i, (start, end) in enumerate(groups):
        if end - start < 2:
            continue
        before = text[max(0, start - 2):start]
        digits, j, separator = text[start:end], i, None
        while len(digits) < 9 and j + 1 < len(groups):
            gap = text[groups[j][1]:groups[j + 1][0]]
            if len(gap) != 1 or gap not in " ./-" or separator not in (None, gap) \
                    or groups[j + 1][1] - groups[j + 1][0] < 2:
                break
            separator, j = gap, j + 1
            digits += text[groups[j][0]:groups[j][1]]
        if separator is None or len(digits) != 9:
            continue
        stop = groups[j][1]
        if len(before) == 2 and (before[1] == separator == " " and before[0].isdigit()
                                 or before[1] in ".-/" and before[0].isalnum()):
            continue  # a further group before it, or right after an id's 'ABC-'
        if before.rstrip().endswith("€") or _digit_follows(text, stop) \
                or (text[stop:stop + 1] == separator and text[stop + 1:stop + 2].isdigit()):
            continue
        if elfproef(digits):
            spans.append((start, stop))
    return spans


def _bsns(text):
    groups = [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    return _single_bsns(text, groups) + _grouped_bsns(text, groups)


def _is_plate(compact):
    """True when six characters without dashes fit a sidecode."""
    return any(p.fullmatch(compact) for _, p in _SIDECODE)


def _plates(text):
    spans = []
    for m in _PLATE.finditer(text):
        plate = m.group("m")
        shape = re.sub("[a-z]", "X", re.sub("[0-9]", "9", plate.lower()))
        for code, pattern in _SIDECODE:
            if code.replace("L", "X").replace("C", "X") == shape \
                    and pattern.fullmatch(plate.replace("-", "")):
                spans.append((m.start("m"), m.end("m")))
                break
    for m in _PLATE_AFTER_WORD.finditer(text):
        compact = re.sub("[ .-]", "", m.group("m"))
        if len(compact) == 6 and _is_plate(compact):
            spans.append((m.start("m"), m.end("m")))
    return spans


def _documents(text):
    spans = []
    for m in _DOCUMENT.finditer(text):
        middle = m.group("mid")
        if any(c.isdigit() for c in middle) and any(c.isalpha() for c in middle):
            spans.append((m.start("m"), m.end("m")))
    return spans


# Order matters: each kind's spans are masked before the next looks, so the digits of an IBAN or
# a postcode are not read as a phone number or BSN as well.
FINDERS = ((EMAIL, _emails), (IBAN, _ibans), (POSTCODE, _postcodes), (ADRES, _streets),
           (KENTEKEN, _plates), (DOCUMENT, _documents), (TELEFOON, _phones), (BSN, _bsns))


def find_identifiers(text):
    """The kinds of direct identifier in one value (Dutch names, in KINDS order); [] when clean."""
    if not isinstance(text, str) or not text:
        return []
    text = normalise(text)
    found = set()
    # An IBAN with a wrong check digit is no identifier, but its digits are no phone or BSN either.
    text = _mask(text, [(start, end) for start, end, valid in _iban_shapes(text) if not valid])
    for kind, finder in FINDERS:
        spans = finder(text)
        if spans:
            found.add(kind)
            text = _mask(text, spans)
    return [kind for kind in KINDS if kind in found]


def find_in_name(name):
    """The kinds of direct identifier in a file name ('_' read as a space); [] when clean."""
    return find_identifiers(str(name).replace("_", " "))
def _scannable(dtype):
    return dtype == pl.String or dtype == pl.Categorical or isinstance(dtype, pl.Enum) \
        or dtype.is_integer()


def scan_frame(df, control=None):
    """Every (0-based row, column, kind) of a direct identifier in the text and integer columns.

    One select over all columns (parallel in polars) runs the prefilter: on every value of a
    column, or, for a column that repeats its values, on each distinct value (which checks
    every value all the same); the rows of a flagged distinct value are then found by equality.
    control: {column: polars regex} of control characters to report as kind STUURTEKEN; every
    value such a regex can match has a character outside printable ASCII, so the prefilter
    lets it through and no second pass over the whole column is needed.
    """
    control = control or {}
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
            candidates = suspect
        else:
            candidates = values.gather(suspect).unique()
        kinds = {value: find_identifiers(value) for value in candidates.to_list()}
        if name in control:
            for value in candidates.filter(candidates.str.contains(control[name])).to_list():
                kinds[value] = kinds[value] + [STUURTEKEN]
        kinds = {value: hit for value, hit in kinds.items() if hit}
        if not kinds:
            continue
        rows = values.is_in(list(kinds)).arg_true() if name in grouped else \
            suspect.filter(values.gather(suspect).is_in(list(kinds)))
        found.extend((row, name, kind) for row, value in
                     zip(rows.to_list(), values.gather(rows).to_list()) for kind in kinds[value])
    order = {name: i for i, name in enumerate(df.columns)}
    rank = {kind: i for i, kind in enumerate((*KINDS, STUURTEKEN))}
    found.sort(key=lambda hit: (hit[0], order[hit[1]], rank[hit[2]]))
    return found
