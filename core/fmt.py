"""Dutch formatting of numbers, percentages and dates: 1.234, 12,5%, 14 maart 2025."""

import datetime as dt
import re

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
# A spreadsheet cell that starts with one of these is a formula (or a DDE call) to Excel and
# LibreOffice: CSV and XLSX exports write such text with a quote prefix.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, the non-characters) and
# the C1 controls: a value stored before the loader refused them must not stop a report or chart.
NIET_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def getal(n, decimalen=0):
    """A number with a thousands dot and a decimal comma: 1.234 or 12,5."""
    if n is None:
        return "–"
    tekst = f"{n:,.{decimalen}f}"
    return tekst.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def procent(fractie, decimalen=0):
    """A fraction as a Dutch percentage: 0.125 -> 12,5% (decimals only when asked)."""
    if fractie is None:
        return "–"
    return f"{getal(fractie * 100, decimalen)}%"


def verschil(n):
    """A signed difference: +3, −2, 0 (with a real minus sign)."""
    if n is None:
        return "–"
    if n > 0:
        return f"+{getal(n)}"
    if n < 0:
        return f"−{getal(-n)}"
    return "0"


def datum(d):
    """A date in words: 14 maart 2025."""
    if d is None:
        return "–"
    if isinstance(d, str):
        d = dt.date.fromisoformat(d[:10])
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def maand(d):
    """A month and year: maart 2025."""
    return f"{MAANDEN[d.month - 1]} {d.year}"


def datum_tijd(t):
    """A timestamp: 14 maart 2025, 09:05."""
    if t is None:
        return "–"
    return f"{datum(t)}, {t:%H:%M}"


def periode(van, tot):
    """A span of dates, short where the year repeats: '1 januari t/m 2 april 2025'."""
    if van.year == tot.year:
        return f"{van.day} {MAANDEN[van.month - 1]} t/m {datum(tot)}"
    return f"{datum(van)} t/m {datum(tot)}"


def xml_tekst(waarde):
    """A value as text that XML (a .docx, an SVG chart) can hold: such characters left out."""
    return NIET_IN_XML.sub("", str(waarde))
