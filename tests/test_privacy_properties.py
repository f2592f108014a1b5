"""Property tests of the privacy gate: generated notations are found, ordinary values are not.

The generators build identifiers the way people write them (random groupings and separators,
no-break and zero-width spaces, full-width digits, any case) and compute their check digits
here, from the published rules (elfproef, IBAN mod 97, the RDW sidecodes), not with the gate's
own functions. Expected kinds are the Dutch names the gate reports.
"""

import datetime as dt
import re
import string
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from data_pipeline.contract import BRANCHES, BRONNEN, INSTRUMENTEN, STATUSSEN, THEMAS
from data_pipeline.privacy import (PREFILTER, STRAATWOORDEN, find_identifiers, find_in_name,
                                   scan_frame)
from data_pipeline.reader import read_table
from data_pipeline.sample import WIJKEN, write_sample

CONSONANTS = "BDFGHJKLMNPRSTVXZ"  # plate letters since sidecode 4: no vowels, C or Q
SIDECODES = ("LL-99-99", "99-99-LL", "99-LL-99", "CC-99-CC", "CC-CC-99", "99-CC-CC", "99-CCC-9",
             "9-CCC-99", "CC-999-C", "C-999-CC", "CCC-99-C", "C-99-CCC", "9-CC-999", "999-CC-9")
# Two-letter Dutch words that a lower-case '2025 de 9' would read as postcode letters: written
# apart in lower case these are no postcode, so the generator does not make them.
SHORT_WORDS = {"de", "en", "in", "op", "te", "of", "is", "na", "om", "al", "nu", "er", "ze", "we",
               "je", "zo", "ik", "nr", "ca", "tm", "vs", "ie", "ui", "uw", "hr", "mw"}
WORDS = ["melding", "over", "zie", "bij", "contact", "gegevens", "volgens", "bron", "nummer", "en",
         "de", "het", "signaal", "opkoper", "week", "Wassenaar", "gebeld", "later", "Melding:"]
FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SPACES = [" ", "  ", "\u00a0", "\u202f", "\u2007", "\t"]
DIGIT_SEPARATORS = [" ", "  ", "-", ".", "/", "\u00a0", "\u202f", " - ", "\u2013", "\uff0d"]

digit = st.sampled_from(string.digits)


def groups_of(text, sizes):
    """The text cut into consecutive groups of the given sizes."""
    parts, start = [], 0
    for size in sizes:
        parts.append(text[start:start + size])
        start += size
    return parts


def compositions(total, smallest):
    """A strategy for ways to write total as a sum of parts of at least `smallest`."""
    @st.composite
    def build(draw):
        sizes, left = [], total
        while left:
            if left < 2 * smallest or draw(st.booleans()):
                sizes.append(left)
                break
            size = draw(st.integers(smallest, left - smallest))
            sizes.append(size)
            left -= size
        return sizes
    return build()


@st.composite
def disguised(draw, text):
    """The text with some digits full-width and zero-width characters between characters."""
    out = []
    for i, ch in enumerate(text):
        if ch.isdigit() and draw(st.integers(0, 4)) == 0:
            ch = FULL_WIDTH[ch]
        out.append(ch)
        if 0 < i < len(text) - 1 and draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from(ZERO_WIDTH)))
    return "".join(out)


def any_case(text):
    """A strategy for the text in upper, lower or mixed case."""
    return st.sampled_from([text.upper(), text.lower(), text.swapcase(), text.title()])


# --- BSN ---

@st.composite
def bsn_digits(draw):
    """Nine digits that pass the elfproef: 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11."""
    first = draw(st.lists(digit, min_size=8, max_size=8).map("".join))
    check = sum(w * int(c) for w, c in zip(range(9, 1, -1), first)) % 11
    assume(check < 10 and (first + str(check)).strip("0"))
    return first + str(check)


@st.composite
def bsns(draw):
    digits = draw(bsn_digits())
    sizes = draw(compositions(9, 2))
    separator = draw(st.sampled_from(DIGIT_SEPARATORS))
    return draw(disguised(separator.join(groups_of(digits, sizes))))


# --- telefoonnummer ---

SUBSCRIBER_GROUPINGS = [(8,), (4, 4), (2, 2, 2, 2), (2, 3, 3), (3, 3, 2), (4, 2, 2), (2, 2, 4),
                        (1, 3, 4)]
LANDLINES = ["010", "020", "070", "071", "079", "0172", "0252", "0174", "0182"]


@st.composite
def phones(draw):
    area = draw(st.sampled_from(["06"] * 3 + LANDLINES))
    rest = draw(st.lists(digit, min_size=10 - len(area), max_size=10 - len(area)).map("".join))
    if area == "06":
        groups = groups_of(rest, draw(st.sampled_from(SUBSCRIBER_GROUPINGS)))
    else:
        groups = groups_of(rest, draw(st.sampled_from([(len(rest),), (3, len(rest) - 3),
                                                       (2, 2, len(rest) - 4)])))
    separator = draw(st.sampled_from(DIGIT_SEPARATORS))
    form = draw(st.sampled_from(["national", "brackets", "plus", "0031", "plus0"]))
    if form == "national":
        text = separator.join([area, *groups]) if draw(st.booleans()) else area + "".join(groups)
    elif form == "brackets":
        text = f"({area}) " + separator.join(groups)
    else:
        prefix = {"plus": "+31", "0031": "0031", "plus0": "+31 (0)"}[form]
        after = draw(st.sampled_from(["", " ", "-"])) if form != "plus0" else ""
        text = prefix + after + separator.join([area[1:], *groups])
    return draw(disguised(text))


# --- IBAN ---

BANKS = ["ABNA", "INGB", "RABO", "TRIO", "SNSB", "ASNB", "KNAB", "BUNQ", "RBRB"]


def iban_check_digits(country, bban):
    """The two check digits of an IBAN (ISO 13616): 98 - (BBAN + country + '00' mod 97)."""
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{98 - int(numeric) % 97:02d}"


@st.composite
def ibans(draw):
    bban = draw(st.sampled_from(BANKS)) + draw(st.lists(digit, min_size=10, max_size=10)
                                                .map("".join))
    compact = "NL" + iban_check_digits("NL", bban) + bban
    if draw(st.booleans()):
        text = compact
    else:
        text = draw(st.sampled_from([" ", "  ", "-", ".", "\u00a0"])).join(
            compact[i:i + 4] for i in range(0, len(compact), 4))
    return draw(any_case(text))


# --- postcode met huisnummer ---

@st.composite
def postcodes(draw):
    number = f"{draw(st.integers(1, 9))}{draw(st.integers(0, 999)):03d}"
    letters = draw(st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=2))
    assume(letters not in ("SA", "SD", "SS") and letters.lower() not in SHORT_WORDS)
    # '1000 AT 1. melding' also reads as an e-mail address written out ('jan at domein.nl'), and
    # the gate names the e-mail address (test_postcode_letters_at_between_spaces_read_as_e_mail)
    assume(letters != "AT")
    letters = draw(any_case(letters))
    house = str(draw(st.integers(1, 9999))) + draw(st.sampled_from(["", "", "a", "B", " bis"]))
    form = draw(st.sampled_from(["{p} {l} {h}", "{p}{l}{h}", "{p}{l} {h}", "{p} {l}, {h}",
                                 "{p} {l}, nr {h}", "{p} {l} nr. {h}", "{p}-{l}-{h}",
                                 "{p}  {l}  {h}", "{p}\u00a0{l}\u00a0{h}",
                                 "{p} {l} huisnummer {h}"]))
    return draw(disguised(form.format(p=number, l=letters, h=house)))


def test_postcode_letters_at_between_spaces_read_as_e_mail():
    assert find_identifiers("1000 AT 1. melding") == ["e-mailadres"]


# --- e-mailadres ---

name_part = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)


@st.composite
def emails(draw):
    local = ".".join(draw(st.lists(name_part, min_size=1, max_size=3)))
    domain = draw(st.lists(name_part, min_size=1, max_size=2))
    tld = draw(st.sampled_from(["nl", "com", "org", "eu", "info"]))
    at = draw(st.sampled_from(["@", " at ", "[at]", "(at)", " [at] ", "{at}", "<at>", "\uff20",
                               " @ ", " apenstaartje "]))
    dot = draw(st.sampled_from([".", ".", " dot ", "[dot]", "(dot)", " punt "]))
    text = local + at + dot.join([*domain, tld])
    return draw(any_case(text))


# --- straatnaam met huisnummer ---

STREET_NAMES = ["Dorps", "Kerk", "Molen", "Rijksstraat", "Stations", "Van Zuylen van Nijevelt",
                "Oostdorper", "Lange Kerk", "Johan de Witt", "Prinses Marijke", "Hoge Duin"]
STREET_WORDS = ["straat", "weg", "laan", "plein", "kade", "gracht", "singel", "dijk", "pad", "hof",
                "dreef", "park"]


@st.composite
def streets(draw):
    number = draw(st.integers(1, 1899))
    toevoeging = draw(st.sampled_from(["", "", "a", "B", "-2", " bis"]))
    text = (draw(st.sampled_from(STREET_NAMES)) + draw(st.sampled_from(STREET_WORDS))
            + draw(st.sampled_from(SPACES)) + str(number) + toevoeging)
    return draw(disguised(draw(any_case(text))))


# --- kenteken ---

@st.composite
def plates(draw):
    code = draw(st.sampled_from(SIDECODES))
    letters = string.ascii_uppercase if code.count("L") else CONSONANTS
    plate = "".join(draw(st.sampled_from(letters)) if ch in "LC" else
                    draw(digit) if ch == "9" else ch for ch in code)
    dash = draw(st.sampled_from(["-", "\u2013", "\u2011", "\uff0d"]))
    return draw(disguised(draw(any_case(plate)).replace("-", dash)))


# --- paspoort- of ID-kaartnummer ---

@st.composite
def documents(draw):
    letters = string.ascii_uppercase.replace("O", "")
    middle = draw(st.text(alphabet=letters + string.digits, min_size=6, max_size=6))
    assume(any(c.isdigit() for c in middle) and any(c.isalpha() for c in middle))
    text = (draw(st.text(alphabet=letters, min_size=2, max_size=2)) + middle + draw(digit))
    # 'AAPAD1000' is also Aapad 1000, a street with its house number, and the gate names the
    # address (test_a_document_number_that_reads_as_an_address_is_refused_as_one)
    assume(not READS_AS_ADDRESS.search(text))
    return draw(any_case(text))


# two or more letters ending in a street word, then a digit: 'AAPAD10A0', 'AB1KKPAD1'
READS_AS_ADDRESS = re.compile("(?<![A-Z])[A-Z]{2,}(?:" + "|".join(STRAATWOORDEN) + ")[0-9]",
                              re.IGNORECASE)


@pytest.mark.parametrize("nummer", ["AAPAD1000", "AAPAD10A0", "AB1KKPAD1"])
def test_a_document_number_that_reads_as_an_address_is_refused_as_one(nummer):
    assert find_identifiers(nummer) == ["straatnaam met huisnummer"]


NOTATIONS = {
    "BSN": bsns(), "telefoonnummer": phones(), "IBAN": ibans(),
    "postcode met huisnummer": postcodes(), "e-mailadres": emails(),
    "straatnaam met huisnummer": streets(), "kenteken": plates(),
    "paspoort- of ID-kaartnummer": documents(),
}

surrounding = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)


@st.composite
def in_text(draw, notation):
    """A notation inside a sentence of ordinary words, or alone."""
    before = draw(surrounding)
    after = draw(surrounding)
    left = draw(st.sampled_from([" ", ": ", " (", "\u00a0"])) if before else ""
    right = draw(st.sampled_from([" ", ", ", ". ", ") ", ";"])) if after else ""
    return before + left + notation + right + after


@pytest.mark.parametrize("kind", list(NOTATIONS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_notation_in_text_is_found_with_its_kind(kind, data):
    notation = data.draw(NOTATIONS[kind], label="notation")
    text = data.draw(in_text(notation), label="text")
    assert kind in find_identifiers(text)


@pytest.mark.parametrize("kind", list(NOTATIONS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_notation_survives_the_prefilter_in_a_frame(kind, data):
    """The polars prefilter never drops a cell that the full check would flag."""
    text = data.draw(in_text(data.draw(NOTATIONS[kind])))
    frame = pl.DataFrame({"id": ["SIG-2025-0001", "SIG-2025-0002"], "tekst": ["schoon", text]})
    assert (1, "tekst", kind) in scan_frame(frame)


@pytest.mark.parametrize("kind", ["BSN", "telefoonnummer", "e-mailadres", "kenteken"])
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_generated_notation_in_a_file_name_is_found(kind, data):
    notation = data.draw(NOTATIONS[kind])
    assume("/" not in notation)
    assert kind in find_in_name(f"signalen_{notation}.csv")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789 -./()+,:@ABGHNLSDXZaexz€\u00a0\u200b\uff10\uff16",
                        max_size=30), min_size=1, max_size=40))
def test_prefilter_never_drops_a_value_the_checks_would_flag(values):
    flagged = [v for v in values if find_identifiers(v)]
    assert pl.Series(flagged, dtype=pl.String).str.contains(PREFILTER).all()


# --- ordinary values of the contract are not flagged ---

year = st.integers(1990, 2030)
ids = st.one_of(
    st.builds(lambda p, y, n, w: f"{p}-{y}-{n:0{w}d}",
              st.sampled_from(["SIG", "HH", "M", "DOL", "MMA", "REG"]), year,
              st.integers(0, 9_999_999), st.integers(3, 7)),
    st.builds(lambda n: f"REG-{n:08d}", st.integers(0, 99_999_999)),
    st.builds(lambda p, n: f"{p}-{n:06X}", st.sampled_from(["P", "O"]),
              st.integers(0, 0xFFFFFF)).filter(
        lambda s: not (s[2:6].isdigit() and s[6:].isalpha())),  # as sample.py: no 1234AB
    st.builds(lambda n: f"OPK-{n:02d}", st.integers(0, 99)),
    st.builds(lambda s, n: f"UP-2026-{s}.{n}", st.integers(1, 3), st.integers(1, 9)),
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat(), d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y"),
                               d.strftime("%-d-%-m-%Y"), d.isoformat() + " 00:00:00",
                               str((d - dt.date(1899, 12, 30)).days)]))
times = st.times().map(lambda t: t.strftime("%H:%M"))
amounts = st.integers(0, 99_999_999).map(
    lambda c: "€ " + f"{c // 100:,}".replace(",", ".") + f",{c % 100:02d}")
counts = st.integers(0, 9_999_999).map(lambda n: f"{n:,}".replace(",", "."))
labels = st.sampled_from([*THEMAS, *THEMAS.values(), *BRONNEN, *BRONNEN.values(), *STATUSSEN,
                          *INSTRUMENTEN, *INSTRUMENTEN.values(), *BRANCHES, *WIJKEN,
                          "ja", "nee", "Spoor 1", "Spoor 2", "12,5%", "2024-2026"])
ordinary = st.one_of(ids, dates, times, amounts, counts, labels)


def spells_digit_groups(parts, joiner):
    """Bare numbers side by side with one space: '248 250 516' is how a BSN is written."""
    return joiner == " " and any(a.isdigit() and b.isdigit() for a, b in zip(parts, parts[1:]))


@settings(max_examples=500, deadline=None)
@given(st.lists(ordinary, min_size=1, max_size=4), st.sampled_from([" ", ";", ", ", " - "]))
def test_ordinary_contract_values_never_trip_the_gate(parts, joiner):
    assume(not spells_digit_groups(parts, joiner))
    assert find_identifiers(joiner.join(parts)) == []


def test_three_counts_with_spaces_that_pass_the_eleven_test_are_a_bsn():
    # found by the property above: three counts in one cell cannot be told from a BSN in
    # groups, and the gate refuses rather than lets one through (248250516 passes the 11-test)
    assert find_identifiers("248 250 516") == ["BSN"]


def test_three_counts_with_semicolons_are_not_a_bsn():
    assert find_identifiers("248;250;516") == []


@pytest.fixture(scope="module")
def generated_sample():
    """The generated sample exports at scale 2 with another seed, read as the loader reads them."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_sample(Path(tmp), scale=2, seed=7)
        yield [(p.name, read_table(p)) for p in paths if p.suffix in (".csv", ".xlsx")]


def test_the_whole_generated_sample_gives_zero_findings(generated_sample):
    """Every cell, header and file name of the generated sample passes the gate."""
    findings, cells = [], 0
    for name, table in generated_sample:
        findings += scan_frame(table.frame)
        findings += [h for h in table.headers if find_identifiers(h)]
        findings += find_in_name(name)
        cells += table.frame.height * table.frame.width
    assert findings == []
    assert cells > 200_000  # the whole sample was read, not a part
