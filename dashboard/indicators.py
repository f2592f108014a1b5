"""Measured indicators of the uitvoeringsplan and the projection of a measure to year end.

A plan goal names an indicator (plan_doelen.indicator) and a doelwaarde. Each indicator follows
a registered measure (dashboard.measures), per month of the plan year, so the figure on a goal
card is the figure of every other page: maand, waarde, cumulatief and gemeten_tot (the newest
date in the source export). A share (aandeel) divides one measure by another.
"""

import calendar
import datetime as dt
import math
from dataclasses import dataclass

import polars as pl

from core import clock, fmt
from dashboard import labels, measures


@dataclass(frozen=True)
class Indicator:
    """One indicator: the measure it follows, for one thema or all, or a share of two."""

    name: str
    maat: str
    thema: str | None = None
    noemer: str | None = None  # a share: maat as a part of this measure

    @property
    def soort(self):
        return "aandeel" if self.noemer else "aantal"

    @property
    def label(self):
        naam = measures.get(self.maat).label
        if self.noemer:
            return f"{naam} (aandeel van de {measures.get(self.noemer).label.lower()})"
        return f"{naam} {labels.thema(self.thema).lower()}" if self.thema else naam

    @property
    def eenheid(self):
        return "%" if self.noemer else measures.get(self.maat).eenheid[1]

    @property
    def regel(self):
        regel = measures.get(self.maat).telregel()
        if self.thema:
            regel += f" Alleen thema {labels.thema(self.thema).lower()}."
        if self.noemer:
            regel += " Gedeeld door: " + measures.get(self.noemer).telregel()
        return regel


INDICATORS = {
    i.name: i
    for i in (
        Indicator("registercontroles_dol_dor", "registercontroles"),
        Indicator("bibob_onderzoeken", "bibob_onderzoeken"),
        Indicator("bibob_organisatiebreed", "bibob_organisatiebreed"),
        Indicator("signalen_zorgfraude", "signalen_en_meldingen", thema="zorgfraude"),
        Indicator("signalen_mensenhandel", "signalen_en_meldingen", thema="mensenhandel"),
        Indicator("signalen_besproken_loo", "besproken_loo", noemer="signalen"),
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
# The Material icon per status; the page shows the sentence too, never the icon alone.
STATUS_ICOON = {
    "geen_gegevens": ":material/info:", "geen_doel": ":material/info:",
    "te_vroeg": ":material/info:", "behaald": ":material/check_circle:",
    "niet_behaald": ":material/error:", "op_koers": ":material/check_circle:",
    "achter": ":material/warning:",
}


def get(name):
    """The registered indicator of that name; a Dutch KeyError when there is none."""
    if name not in INDICATORS:
        raise KeyError(f"Onbekende indicator '{name}'; bekend zijn: {', '.join(INDICATORS)}.")
    return INDICATORS[name]


def measure(run, name, jaar):
    """The indicator per month of one plan year: maand, waarde, cumulatief, gemeten_tot."""
    ind = get(name)
    van, tot = dt.date(int(jaar), 1, 1), dt.date(int(jaar), 12, 31)
    rows = measures.per_month(run, ind.maat, van, tot, ind.thema)
    if not ind.noemer:
        return rows
    basis = measures.per_month(run, ind.noemer, van, tot, ind.thema)
    return rows.select(
        "maand",
        (pl.col("waarde") / basis["waarde"].replace(0, None)).alias("waarde"),
        (pl.col("cumulatief") / basis["cumulatief"].replace(0, None)).alias("cumulatief"),
        "gemeten_tot")


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
    now), fractie (for a progress bar, 0..1), verstreken (months), zin (a Dutch sentence), icoon.
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
            "icoon": STATUS_ICOON[status], "zin": zin}


KORT = {"op_koers": "op koers", "achter": "achter op schema", "behaald": "behaald",
        "niet_behaald": "niet behaald", "te_vroeg": "te vroeg voor een verwachting",
        "geen_doel": "geen doelwaarde", "geen_gegevens": "nog geen meting"}


def meting_tekst(projectie, eenheid=""):
    """A measurement against its target in a few words: '3 van 4 signalen, op koers' or
    '92% (doel 95%), achter op schema'; None before anything is measured."""
    if projectie is None or projectie["gemeten"] is None:
        return None
    status = KORT[projectie["status"]]
    if eenheid == "%":
        doel = (f" (doel {fmt.procent(projectie['doelwaarde'])})"
                if projectie["doelwaarde"] is not None else "")
        return f"{fmt.procent(projectie['gemeten'])}{doel}, {status}"
    doel = (f" van {fmt.getal(projectie['doelwaarde'])}"
            if projectie["doelwaarde"] is not None else "")
    return f"{fmt.getal(projectie['gemeten'])}{doel} {eenheid}, {status}".replace(" ,", ",")
