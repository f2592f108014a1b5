"""Measured indicators of the uitvoeringsplan and the projection of a measure to year end.

A plan goal names an indicator (plan_doelen.indicator) and a doelwaarde. Each indicator is one
query, queries/indicator_<name>.sql, taking $jaar and returning one row per month of that year:
maand (first day), waarde, cumulatief and gemeten_tot (newest date in the source export).
"""

import calendar
import datetime as dt
import math
from dataclasses import dataclass

import polars as pl

from core import clock, fmt
from dashboard import queries


@dataclass(frozen=True)
class Indicator:
    """One named measure: its query, Dutch label, unit and how its months add up."""

    name: str
    label: str
    eenheid: str
    soort: str = "aantal"  # aantal: counts that add up over the year; aandeel: a share 0..1
    bron: str = "handhaving"
    uitsplitsing: str | None = None  # a query that breaks the year total down (e.g. per domein)

    @property
    def query(self):
        return f"indicator_{self.name}"


INDICATORS = {
    i.name: i
    for i in (
        Indicator("registercontroles_dol_dor", "Registercontroles DOL/DOR", "controles"),
        Indicator("bibob_onderzoeken", "Bibob-onderzoeken (alle domeinen)", "onderzoeken",
                  uitsplitsing="indicator_bibob_per_domein"),
        Indicator("bibob_organisatiebreed",
                  "Bibob-onderzoeken buiten exploitatievergunningen", "onderzoeken",
                  uitsplitsing="indicator_bibob_per_domein"),
        Indicator("signalen_zorgfraude", "Signalen en meldingen zorgfraude", "signalen",
                  bron="signalen"),
        Indicator("signalen_mensenhandel", "Signalen en meldingen mensenhandel", "signalen",
                  bron="signalen"),
        Indicator("signalen_besproken_loo", "Signalen besproken in het LOO", "%",
                  soort="aandeel", bron="signalen"),
    )
}

STATUS_LABELS = {
    "geen_gegevens": "Nog geen metingen",
    "geen_doel": "Geen doelwaarde",
    "te_vroeg": "Te vroeg voor een verwachting",
    "behaald": "Doel behaald",
    "niet_behaald": "Doel niet behaald",
    "op_koers": "Op koers",
    "achter": "Achter op schema",
}

# The Streamlit message kind per status; the page shows the sentence too, never colour alone.
STATUS_TOON = {
    "geen_gegevens": "info", "geen_doel": "info", "te_vroeg": "info", "behaald": "success",
    "niet_behaald": "error", "op_koers": "success", "achter": "warning",
}


def get(name):
    """The registered indicator of that name; a Dutch KeyError when there is none."""
    if name not in INDICATORS:
        raise KeyError(f"Onbekende indicator '{name}'; bekend zijn: {', '.join(INDICATORS)}.")
    return INDICATORS[name]


def measure(name, jaar, db=None, con=None):
    """The indicator's rows for one plan year: maand, waarde, cumulatief, gemeten_tot."""
    return queries.run(get(name).query, db=db, con=con, jaar=int(jaar))


def breakdown(name, jaar, db=None, con=None):
    """The indicator's year total broken down (e.g. per domein), or None when it has none."""
    query = get(name).uitsplitsing
    return None if query is None else queries.run(query, db=db, con=con, jaar=int(jaar))


def peildatum(frame, vandaag=None):
    """How far a measurement reaches: the newest date in the source export, at most today."""
    vandaag = vandaag or clock.today()
    if frame is None or frame.is_empty() or "gemeten_tot" not in frame.columns:
        return vandaag
    tot = frame["gemeten_tot"].max()
    return vandaag if tot is None else min(tot, vandaag)


def _by_month(cumulative_by_month):
    """{month number: cumulative value} from a frame (maand, cumulatief) or a mapping."""
    if cumulative_by_month is None:
        return {}
    if isinstance(cumulative_by_month, pl.DataFrame):
        pairs = zip(cumulative_by_month["maand"].to_list(),
                    cumulative_by_month["cumulatief"].to_list())
    else:
        pairs = dict(cumulative_by_month).items()
    return {(m.month if isinstance(m, dt.date) else int(m)): v for m, v in pairs if v is not None}


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def _getal(value, soort):
    return fmt.procent(value) if soort == "aandeel" else fmt.getal(value)


def projection(cumulative_by_month, doelwaarde, jaar, peildatum, soort="aantal"):
    """Measured value at the peildatum against the doelwaarde, projected linearly to year end.

    For soort 'aantal' the projection is measured * 12 / months elapsed (fractional months);
    for 'aandeel' (a share 0..1; doelwaarde 0..1 or a percentage) the current share is the
    expectation.
    Returns status, gemeten, doelwaarde, verwachting, verwacht_nu (where the target path is
    now), fractie (for a progress bar, 0..1), verstreken (months), zin (a Dutch sentence), toon.
    """
    maanden = _by_month(cumulative_by_month)
    jaar = int(jaar)
    if peildatum.year > jaar:
        verstreken = 12.0
    elif peildatum.year < jaar:
        verstreken = 0.0
    else:
        dagen = calendar.monthrange(jaar, peildatum.month)[1]
        verstreken = peildatum.month - 1 + peildatum.day / dagen
    bekend = [m for m in maanden if m <= math.ceil(verstreken)]
    gemeten = maanden[max(bekend)] if bekend else None
    doel = None if _missing(doelwaarde) or doelwaarde <= 0 else doelwaarde
    if doel is not None and soort == "aandeel" and doel > 1:
        doel = doel / 100  # a share target written as a percentage (95 means 95%)
    result = {"gemeten": gemeten, "doelwaarde": doel, "verwachting": None, "verwacht_nu": None,
              "fractie": None, "verstreken": round(verstreken, 2)}
    if doel is not None and gemeten is not None:
        result["fractie"] = max(0.0, min(gemeten / doel, 1.0))
    g, d = _getal(gemeten, soort), _getal(doel, soort)

    if verstreken == 0 or gemeten is None:
        status, zin = "geen_gegevens", f"Nog geen metingen voor {jaar}."
    elif doel is None:
        status, zin = "geen_doel", f"Gemeten in {jaar}: {g}; er is geen doelwaarde vastgesteld."
    elif gemeten >= doel:
        status, zin = "behaald", f"Doel behaald: {g} gemeten, doel {d}."
    elif verstreken >= 12:
        status, zin = "niet_behaald", f"Doel niet behaald: {g} van {d} gemeten in {jaar}."
    elif soort == "aandeel":
        result["verwachting"] = gemeten
        status = "achter"
        zin = f"Achter op schema: {g} gemeten, doel {d}."
    elif verstreken < 1:
        status, zin = "te_vroeg", f"Te vroeg voor een verwachting: {g} van {d} gemeten."
    else:
        verwachting = round(gemeten * 12 / verstreken)
        verwacht_nu = doel * verstreken / 12
        result.update(verwachting=verwachting, verwacht_nu=round(verwacht_nu, 1))
        if verwachting >= doel:
            status = "op_koers"
            zin = (f"Op koers: {g} van {d} gemeten, verwachting eind {jaar}: "
                   f"{fmt.getal(verwachting)}.")
        else:
            status = "achter"
            zin = (f"Achter op schema: {g} van {d} gemeten, verwachting eind {jaar}: "
                   f"{fmt.getal(verwachting)}, onder het doel.")
    return {**result, "status": status, "label": STATUS_LABELS[status],
            "toon": STATUS_TOON[status], "zin": zin}


def assess(name, doelwaarde, jaar, db=None, con=None, vandaag=None):
    """Measure an indicator for a plan year and project it: (rows, projection dict)."""
    rows = measure(name, jaar, db=db, con=con)
    peil = peildatum(rows, vandaag)
    return rows, projection(rows, doelwaarde, jaar, peil, soort=get(name).soort)
