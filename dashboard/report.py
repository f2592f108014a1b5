"""The yearly evaluation, generated: figures, Dutch sentences, tables and charts per spoor.

    python -m dashboard.report --jaar 2025 [--db FILE] --out DIR

writes jaarevaluatie-2025-cijfers.docx, jaarevaluatie-2025-cijfers.xlsx and one PNG per chart.
Exit codes: 0 written, 1 no data for that year (or no database), 2 usage error.

The report holds aggregates only: no record, no pseudonym. Counts below the municipality
(wijk, aandachtsgebied) of 1 to 4 are shown as "<5".
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from core import clock, fmt
from core.command import DutchParser
from dashboard import labels, measures, queries, report_charts, suppression
from dashboard import sentences as z
from data_pipeline.contract import BRONNEN, DOMEINEN, INSTRUMENT_SOORT, THEMAS
from data_pipeline.db import database_path, read_connection

AANDACHTSGEBIEDEN = ("buitengebied", "opslagboxen")

# The measures of the report (dashboard.measures): their values, labels and counting rules.
KERN = ("signalen_en_meldingen", "signalen", "m_meldingen_los", "besproken_loo",
        "bronnenonderzoek", "interventie", "loo_vergaderingen")
WAARVAN = ("signalen", "m_meldingen_los")  # rows that are part of the row above them
DOL = ("dol_registraties", "dol_opkopers", "dol_goederen", "dol_gestolen_match")
PERIODE_MATEN = KERN + DOL + ("m_meldingen", "dol_gestolen_bekend", "vervolg_besloten")
MAATREGELEN = [i for i, soort in INSTRUMENT_SOORT.items() if soort == "maatregel"]

ONDERDRUKT = ("Privacy: aantallen onder het niveau van de gemeente (per wijk of "
              "aandachtsgebied) van 1 tot en met 4 worden als \"<5\" weergegeven; waar een "
              "klein aantal uit een totaal terug te rekenen zou zijn, wordt nog een aantal "
              "afgeschermd als \"x\" (5 of meer). Gemeentebrede totalen staan er volledig.")
VERGELIJKING = ("Vergelijking: een jaar dat nog niet compleet is wordt vergeleken met dezelfde "
                "maanden van het jaar ervoor. Een percentage staat er alleen bij een basis van "
                "ten minste tien; anders alleen absolute aantallen.")
TELREGELS = [measures.telregels(*KERN), measures.telregels("m_meldingen"),
             measures.telregels("bestuurlijke_maatregelen"), measures.telregels("bibob_onderzoeken"),
             measures.telregels(*DOL, "registercontroles"), measures.GEBIED_UITLEG, ONDERDRUKT,
             VERGELIJKING]

# The short form under each table; the full rules close the document.
NOTEN = {
    "signalen": "Telregel: " + measures.get("signalen_en_meldingen").telregel(),
    "kern": "Telregels: " + measures.telregels(*KERN),
    "m_meldingen": "Telregel: " + measures.get("m_meldingen").telregel(),
    "handhaving": "Telregel: " + measures.get("bestuurlijke_maatregelen").telregel(),
    "bibob": "Telregel: " + measures.get("bibob_onderzoeken").telregel(),
    "dol": "Telregels: " + measures.telregels(*DOL, "registercontroles"),
    "onderdrukt": f"Privacy: {suppression.LEGENDA}",
    "gebied": measures.GEBIED_UITLEG,
}


class GeenGegevens(Exception):
    """There is nothing to report for the year asked (message in Dutch)."""


@dataclass
class Tabel:
    """One table of the report: a Dutch title, headers, rows of text and whole numbers."""

    sleutel: str
    titel: str
    kolommen: list
    rijen: list
    noot: str = ""
    groeperen: bool = False  # the document shows one sub-table per value of the first column


@dataclass
class Grafiek:
    """One chart of the report, with the table that carries the same figures."""

    sleutel: str
    titel: str
    chart: object
    tabel: str


@dataclass
class Blok:
    """A section: a heading, paragraphs, bullets, then tables and charts by key."""

    kop: str
    niveau: int = 1
    alineas: list = field(default_factory=list)
    punten: list = field(default_factory=list)
    tabellen: list = field(default_factory=list)
    grafieken: list = field(default_factory=list)


@dataclass
class Rapport:
    """The whole yearly evaluation, ready to be written as Word, Excel and PNG."""

    jaar: int
    periode: z.Periode
    titel: str
    peildatum: dt.date
    blokken: list
    tabellen: dict
    grafieken: dict
    telregels: list

    @property
    def stam(self):
        return f"jaarevaluatie-{self.jaar}-cijfers"


# -- figures ----------------------------------------------------------------------------------

def periode_voor(jaar, db=None, peildatum=None):
    """The period of the report: a whole year, or up to the last month with data if unfinished;
    never past the peildatum (default today): what was known on that date."""
    peildatum = peildatum or clock.today()
    jaren = _run("data_jaren", db)
    nieuwste = {int(r["jaar"]): min(r["nieuwste_datum"], peildatum)
                for r in jaren.iter_rows(named=True) if r["jaar"] <= peildatum.year}
    if jaar not in nieuwste:
        bekend = ", ".join(str(j) for j in sorted(nieuwste)) or "geen"
        raise GeenGegevens(f"Er zijn geen gegevens over {jaar} in de database tot en met "
                           f"{fmt.datum(peildatum)}. Jaren met gegevens: {bekend}.")
    laatste = max(nieuwste.values())
    tot_maand = laatste.month if laatste.year == jaar else 12
    tot_dag = peildatum.day if (peildatum.year, peildatum.month) == (jaar, tot_maand) else None
    return z.Periode(jaar, tot_maand, vorig_bekend=(jaar - 1) in nieuwste,
                     tot_dag=tot_dag), laatste


def _run(name, db, **params):
    """A named query on an open connection (one snapshot for the whole report) or a path."""
    if isinstance(db, duckdb.DuckDBPyConnection):
        return queries.run(name, con=db, **params)
    return queries.run(name, db=db, **params)


def _grenzen(periode, vorig=False):
    if vorig:
        return {"van": periode.vorig_van, "tot": periode.vorig_tot}
    return {"van": periode.van, "tot": periode.tot}


def _runner(db):
    """run(name, **params) on an open connection (one snapshot for the whole report) or a path."""
    return lambda name, **params: _run(name, db, **params)


def _registercontroles(periode, run):
    """Register checks: in the period, ever before it (were these the first?), and a year back."""
    def som(van, tot):
        return measures.value(run, "registercontroles", van, tot)

    return (som(*_grenzen(periode).values()),
            som(dt.date(1900, 1, 1), periode.van - dt.timedelta(days=1)),
            som(*_grenzen(periode, vorig=True).values()))


def _plan(jaar, db, store, peildatum):
    """The goals of a plan year with their voortgang on the peildatum (updates store when
    present)."""
    from dashboard import plan

    doelen = _run("plan_doelen_jaar", db, jaar=jaar)
    if not doelen.height:
        return doelen
    if store is not None and Path(store).exists():
        return plan.latest(jaar, store=store, doelen=doelen, tot=peildatum)
    return doelen


def cijfers(periode, db=None, store=None, peildatum=None):
    """Every figure of the report for the period and its comparison period.

    db: an open connection or a database path; store: the plan-updates file (or None);
    peildatum: plan updates after it do not count (default today).
    """
    peildatum = peildatum or clock.today()
    run = _runner(db)
    f = {}
    for tijd, vorig in (("nu", False), ("vorig", True)):
        van, tot = _grenzen(periode, vorig).values()
        per_maand = measures.per_month(run, "signalen_en_meldingen", van, tot)
        f[tijd] = {
            "kern": measures.values(run, PERIODE_MATEN, van, tot),
            "bron": measures.by_dict(run, "signalen_en_meldingen", "bron", van, tot),
            "thema": measures.by_dict(run, "signalen_en_meldingen", "thema", van, tot),
            "maand": {r["maand"].month: r["waarde"] for r in per_maand.iter_rows(named=True)
                      if r["waarde"]},
            "m_thema": measures.by_dict(run, "m_meldingen", "thema", van, tot),
            "instrument": measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", van,
                                           tot),
            "bibob": measures.by_dict(run, "bibob_onderzoeken", "domein", van, tot),
        }
    wijken = measures.by_dict(run, "signalen_en_meldingen", "wijk", periode.van, periode.tot)
    f["wijk"] = dict(sorted(((w or "onbekend", n) for w, n in wijken.items()),
                            key=lambda kv: (kv[0] == "onbekend", kv[0])))
    gebieden = measures.by_dict(run, "signalen_en_meldingen", "gebied", periode.van, periode.tot)
    f["gebied"] = {g: gebieden[g] for g in sorted(g for g in gebieden if g)}
    f["registercontroles"] = _registercontroles(periode, run)
    f["plan_nu"] = _plan(periode.jaar, db, store, peildatum)
    f["plan_volgend"] = _plan(periode.jaar + 1, db, store, peildatum)
    f["versheid"] = _run("versheid", db)
    return f


# -- tables ----------------------------------------------------------------------------------

def _jaarkolommen(periode):
    if periode.volledig:
        return [str(periode.jaar - 1), str(periode.jaar)]
    maand = fmt.MAANDEN_KORT[periode.tot_maand - 1]
    return [f"{periode.jaar - 1} (jan–{maand})", f"{periode.jaar} (jan–{maand})"]


def _vergelijkend(sleutel, titel, label, nu, vorig, volgorde, labels, periode, noot=""):
    """A table category | previous year | this year | verschil, categories in a fixed order."""
    sleutels = [k for k in volgorde if nu.get(k) or vorig.get(k)]
    sleutels += sorted(k for k in set(nu) | set(vorig) if k not in sleutels)
    rijen = []
    for k in sleutels:
        a, b = vorig.get(k, 0), nu.get(k, 0)
        rijen.append((labels.get(k, str(k)), a, b, b - a))
    rijen.append(("Totaal", sum(r[1] for r in rijen), sum(r[2] for r in rijen),
                  sum(r[3] for r in rijen)))
    return _zonder_vorig(Tabel(sleutel, titel, [label, *_jaarkolommen(periode), "Verschil"],
                               rijen, noot), periode)


def _zonder_vorig(tabel, periode):
    """Without data for the year before, only this year's column: no comparison with nothing."""
    if periode.vorig_bekend:
        return tabel
    tabel.kolommen = [tabel.kolommen[0], tabel.kolommen[2]]
    tabel.rijen = [(r[0], r[2]) for r in tabel.rijen]
    return tabel


def tabellen(periode, f):
    """Every table of the report, keyed."""
    nu, vorig = f["nu"], f["vorig"]
    t = {}
    t["kerncijfers"] = _maten_tabel("kerncijfers", "Kerncijfers signaalgestuurde aanpak", KERN,
                                    nu, vorig, periode, NOTEN["kern"])
    t["m_meldingen"] = _vergelijkend(
        "m_meldingen", "M-meldingen per thema", "Thema", nu["m_thema"], vorig["m_thema"], THEMAS,
        labels.KINDS["thema"], periode, NOTEN["m_meldingen"])
    t["per_bron"] = _vergelijkend(
        "per_bron", "Signalen en meldingen per bron", "Bron", nu["bron"], vorig["bron"],
        BRONNEN, labels.KINDS["bron"], periode, NOTEN["signalen"])
    t["per_thema"] = _vergelijkend(
        "per_thema", "Signalen en meldingen per thema", "Thema", nu["thema"], vorig["thema"],
        THEMAS, labels.KINDS["thema"], periode, NOTEN["signalen"])
    t["per_maand"] = _vergelijkend(
        "per_maand", "Signalen en meldingen per maand", "Maand", nu["maand"], vorig["maand"],
        list(range(1, 13)), {m: fmt.MAANDEN[m - 1] for m in range(1, 13)}, periode,
        NOTEN["signalen"])
    t["handhaving"] = _vergelijkend(
        "handhaving", "Bestuurlijke maatregelen per instrument", "Instrument",
        nu["instrument"], vorig["instrument"], MAATREGELEN, labels.KINDS["instrument"], periode,
        NOTEN["handhaving"])
    t["bibob"] = _vergelijkend(
        "bibob", "Bibob-onderzoeken per domein", "Domein", nu["bibob"], vorig["bibob"],
        list(DOMEINEN) + ["onbekend"], labels.KINDS["domein"], periode, NOTEN["bibob"])
    dol = _maten_tabel("dol", "Digitaal Opkopersregister (DOL/DOR)", DOL, nu, vorig, periode,
                       NOTEN["dol"])
    controles = f["registercontroles"]
    dol.rijen.append((measures.get("registercontroles").label, controles[2], controles[0],
                      controles[0] - controles[2]) if periode.vorig_bekend
                     else (measures.get("registercontroles").label, controles[0]))
    t["dol"] = dol
    t["gebieden"] = Tabel(
        "gebieden", f"Signalen en meldingen per aandachtsgebied ({periode.jaar})",
        ["Aandachtsgebied", "Signalen en meldingen"], afgeschermd(f["gebied"], "gebied"),
        NOTEN["gebied"] + " " + NOTEN["onderdrukt"])
    t["wijken"] = Tabel(
        "wijken", f"Signalen en meldingen per wijk ({periode.jaar})",
        ["Wijk", "Signalen en meldingen"], afgeschermd(f["wijk"], "wijk"),
        NOTEN["signalen"] + " " + NOTEN["gebied"] + " " + NOTEN["onderdrukt"])
    for sleutel, jaar, doelen in (("plan_nu", periode.jaar, f["plan_nu"]),
                                  ("plan_volgend", periode.jaar + 1, f["plan_volgend"])):
        if doelen.height:
            t[sleutel] = _plan_tabel(sleutel, jaar, doelen)
    t["bronnen"] = _bronnen_tabel(f["versheid"])
    return t


def rij_label(naam):
    """A measure's row in a table of the report: its label, 'waarvan …' for a part of the
    row above."""
    label = measures.get(naam).label
    return f"waarvan {labels.in_zin(label)}" if naam in WAARVAN else label


def _maten_tabel(sleutel, titel, namen, nu, vorig, periode, noot):
    """A table of measures: a row each, label from the registry, this year against the last."""
    rijen = []
    for naam in namen:
        a, b = int(vorig["kern"][naam]), int(nu["kern"][naam])
        rijen.append((rij_label(naam), a, b, b - a))
    return _zonder_vorig(Tabel(sleutel, titel, ["Kengetal", *_jaarkolommen(periode), "Verschil"],
                               rijen, noot), periode)


def afgeschermd(telling, kolom):
    """A breakdown below the municipality as (name, text) rows: 1-4 as "<5", and more cells
    as "x" where a small count could otherwise be worked out from the published total."""
    if not telling:
        return []
    df = pl.DataFrame({kolom: list(telling), "aantal": list(telling.values())},
                      schema={kolom: pl.Utf8, "aantal": pl.Int64})
    verborgen = suppression.hidden_cells(df, ["aantal"], [kolom])
    return [(naam, verborgen.get((i, "aantal"), n)) for i, (naam, n) in enumerate(telling.items())]


def _partners(tekst):
    if not tekst:
        return ""
    delen = [d.strip() for d in str(tekst).replace(";", "\n").splitlines() if d.strip()]
    return "; ".join(delen)


def _plan_tabel(sleutel, jaar, doelen):
    rijen = []
    for r in doelen.iter_rows(named=True):
        rijen.append((labels.label("spoor", r["spoor"]), r["wat"] or "",
                      r["doel"] or "", _partners(r.get("partners")), r.get("status") or "",
                      labels.label("voortgang", r.get("voortgang") or "niet_gestart")))
    return Tabel(sleutel, f"Uitvoeringsplan {jaar}",
                 ["Spoor", "Wat", "Doel", "In samenwerking met", "Status", "Voortgang"], rijen,
                 "Voortgang: de laatst vastgelegde stand; zonder update de stand uit het plan.",
                 groeperen=True)


def _bronnen_tabel(versheid):
    rijen = []
    for r in versheid.iter_rows(named=True):
        rijen.append((labels.label("source", r["bron"]), int(r["rijen"] or 0),
                      fmt.datum(r["nieuwste_datum"]) if r["nieuwste_datum"] else "–"))
    return Tabel("bronnen", "Gegevensbronnen", ["Bron", "Rijen in de database",
                                                "Gegevens tot en met"], rijen,
                 "De datum is de nieuwste datum in de gegevens van die bron.")


# -- charts ----------------------------------------------------------------------------------

def grafieken(periode, tabellen_):
    """The charts, each drawn from a table of the report (its table alternative)."""
    g = {}

    def rijen_van(tabel, labels=None):
        uit = []
        for r in tabel.rijen:
            if r[0] == "Totaal":
                continue
            kolommen = ((1, periode.jaar - 1), (2, periode.jaar)) if periode.vorig_bekend \
                else ((1, periode.jaar),)
            for i, jaar in kolommen:
                uit.append(((labels or {}).get(r[0], r[0]), jaar, r[i]))
        return uit

    def volgorde(tabel, labels=None):
        return [(labels or {}).get(r[0], r[0]) for r in tabel.rijen if r[0] != "Totaal"]

    wanneer = "" if periode.volledig else \
        f", januari t/m {fmt.MAANDEN[periode.tot_maand - 1]}"
    maandtabel = tabellen_["per_maand"]
    maanden = {fmt.MAANDEN[i]: i + 1 for i in range(12)}
    maand_rijen = [(maanden[m], j, a) for m, j, a in rijen_van(maandtabel)]
    g["signalen_per_maand"] = Grafiek(
        "signalen_per_maand", f"Signalen en meldingen per maand{wanneer}",
        report_charts.per_maand(maand_rijen, f"Signalen en meldingen per maand{wanneer}"),
        "per_maand")
    for sleutel, tabel, titel, kop in (
            ("m_meldingen_per_thema", "m_meldingen", "M-meldingen per thema", "Thema"),
            ("signalen_per_thema", "per_thema", "Signalen en meldingen per thema", "Thema"),
            ("handhaving_per_instrument", "handhaving", "Bestuursrechtelijk optreden",
             "Instrument"),
            ("bibob_per_domein", "bibob", "Bibob-onderzoeken per domein", "Domein")):
        t = tabellen_[tabel]
        if len(t.rijen) <= 1:
            continue
        g[sleutel] = Grafiek(sleutel, titel + wanneer, report_charts.per_jaar(
            rijen_van(t), titel + wanneer, kop, volgorde(t), horizontaal=True), tabel)
    return g


# -- the document's text ---------------------------------------------------------------------

def _grootste(telling, volgorde):
    """(key, aantal) pairs, largest first, ties in the contract's order."""
    rang = {k: i for i, k in enumerate(volgorde)}
    return sorted(((k, v) for k, v in telling.items() if v),
                  key=lambda kv: (-kv[1], rang.get(kv[0], len(rang)), str(kv[0])))


def blokken(periode, f):
    """The sections per spoor with their sentences, tables and charts."""
    p, nu, vorig = periode, f["nu"], f["vorig"]
    vb = p.vorig_bekend
    b = [Blok("Inleiding", 1, [
        f"Dit document bevat de cijfers voor de jaarevaluatie {p.jaar} van de "
        "ondermijningsaanpak, per spoor zoals in het uitvoeringsplan. De zinnen zijn gegenereerd "
        "uit de gegevens van het lokaal ondermijningsoverleg en kunnen worden overgenomen in de "
        "evaluatie; tabellen en grafieken staan erbij. Telregels staan onder elke tabel en "
        "achteraan het document.",
        p.omschrijving()])]

    m_nu, m_vorig = sum(nu["m_thema"].values()), sum(vorig["m_thema"].values())
    b.append(Blok(labels.label("spoor", 1), 1))
    b.append(Blok("Meldroutes", 2, [
        z.m_meldingen(p, m_nu, m_vorig if vb else None, _grootste(nu["m_thema"], THEMAS))],
        tabellen=["m_meldingen"], grafieken=["m_meldingen_per_thema"]))

    k, kv = nu["kern"], vorig["kern"]
    b.append(Blok(labels.label("spoor", 2), 1))
    alineas = [z.loo_vergaderingen(p, k["loo_vergaderingen"]) + " " +
               z.signalen_en_meldingen(p, k["signalen_en_meldingen"],
                                       kv["signalen_en_meldingen"] if vb else None,
                                       k["besproken_loo"])]
    alineas[0] = alineas[0].strip()
    if k["vervolg_besloten"]:
        alineas.append(z.vervolg(k["bronnenonderzoek"], k["interventie"]))
    b.append(Blok("Signaalgestuurde aanpak", 2, alineas,
                  tabellen=["kerncijfers", "per_bron", "per_thema", "per_maand", "wijken"],
                  grafieken=["signalen_per_maand", "signalen_per_thema"]))

    i, iv = nu["instrument"], vorig["instrument"]
    drie = ("opiumwet_13b_sluiting", "last_onder_dwangsom", "apv_straathandel")
    alineas = [z.bestuursrechtelijk(p, *(i.get(x, 0) for x in drie),
                                    vorig=tuple(iv.get(x, 0) for x in drie) if vb else None)]
    overig = z.overige_maatregelen(p, i)
    if overig:
        alineas.append(overig)
    b.append(Blok("Bestuursrechtelijk optreden", 2, alineas, tabellen=["handhaving"],
                  grafieken=["handhaving_per_instrument"]))

    punten = []
    getoond = dict(afgeschermd(f["gebied"], "gebied"))
    for gebied in AANDACHTSGEBIEDEN:
        verborgen = getoond.get(gebied) == suppression.AFGESCHERMD
        punten.append((gebied.capitalize(),
                       z.gebied(p, gebied, f["gebied"].get(gebied, 0), verborgen)))
    punten.append(("Zorgcriminaliteit", z.thema_ontvangen(
        p, "zorgfraude", nu["thema"].get("zorgfraude", 0),
        vorig["thema"].get("zorgfraude", 0) if vb else None)))
    dol_tekst = z.dol(p, k["dol_registraties"], kv["dol_registraties"] if vb else None,
                      k["dol_opkopers"],
                      k["dol_gestolen_match"] if k["dol_gestolen_bekend"] else None)
    dol_tekst += " " + z.registercontroles(p, *f["registercontroles"][:2])
    punten.append(("Digitaal Opkopersregister", dol_tekst))
    b.append(Blok("Risicogerichte aandachtsgebieden", 2, punten=punten,
                  tabellen=["gebieden", "dol"]))

    b.append(Blok(labels.label("spoor", 3), 1))
    bibob_volgorde = list(DOMEINEN) + ["onbekend"]
    per_domein = sorted(((dm, a) for dm, a in nu["bibob"].items() if a),
                        key=lambda kv_: bibob_volgorde.index(kv_[0])
                        if kv_[0] in bibob_volgorde else len(bibob_volgorde))
    b.append(Blok("Wet Bibob", 2, [
        z.bibob(p, per_domein, sum(vorig["bibob"].values()) if vb else None)],
        tabellen=["bibob"], grafieken=["bibob_per_domein"]))

    if f["plan_nu"].height:
        b.append(Blok(f"Stand uitvoeringsplan {p.jaar}", 1, [
            f"De doelen van het uitvoeringsplan {p.jaar} met hun laatst vastgelegde voortgang."],
            tabellen=["plan_nu"]))
    if f["plan_volgend"].height:
        b.append(Blok(f"Uitvoeringsplan {p.jaar + 1}", 1, [
            f"De doelstellingen voor {p.jaar + 1} per spoor, met partners en status."],
            tabellen=["plan_volgend"]))
    b.append(Blok("Telregels en bronnen", 1, list(TELREGELS), tabellen=["bronnen"]))
    return b


def opbouwen(jaar, db=None, peildatum=None):
    """The whole report for one year as known on the peildatum (default today), from the
    database (raises GeenGegevens)."""
    peildatum = peildatum or clock.today()
    from dashboard.plan import STORE_NAME

    store = Path(os.environ.get("LOO_PLAN_DB") or Path(database_path(db)).parent / STORE_NAME)
    with read_connection(db) as con:  # every figure from one snapshot of the database
        periode, laatste = periode_voor(jaar, con, peildatum)
        f = cijfers(periode, con, store, peildatum)
    t = tabellen(periode, f)
    g = grafieken(periode, t)
    b = blokken(periode, f)
    for blok in b:
        blok.tabellen = [k for k in blok.tabellen if k in t]
        blok.grafieken = [k for k in blok.grafieken if k in g]
    return Rapport(jaar, periode, f"Jaarevaluatie ondermijningsaanpak {jaar} – cijfers",
                   laatste, b, t, g, list(TELREGELS))


# -- writing ---------------------------------------------------------------------------------

def schrijven(rapport, out):
    """Write the .docx, the .xlsx and every chart PNG into out; return the paths written.

    Everything is written into a temporary directory inside out first and moved into place
    only when all files are complete, so a failure leaves nothing half written.
    """
    from dashboard import document, workbook

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pngs = {k: report_charts.png(g.chart) for k, g in rapport.grafieken.items()}
    with tempfile.TemporaryDirectory(dir=out, prefix=".rapport-") as tmp:
        tmp = Path(tmp)
        namen = []
        for k, data in pngs.items():
            naam = f"grafiek-{rapport.jaar}-{k.replace('_', '-')}.png"
            (tmp / naam).write_bytes(data)
            namen.append(naam)
        document.schrijven(rapport, pngs, tmp / f"{rapport.stam}.docx")
        workbook.schrijven(rapport, tmp / f"{rapport.stam}.xlsx")
        namen = [f"{rapport.stam}.docx", f"{rapport.stam}.xlsx", *namen]
        for naam in namen:
            os.replace(tmp / naam, out / naam)
    return [out / n for n in namen]


def maken(jaar, db=None, out=".", peildatum=None):
    """Build and write the report for one year; return the paths written."""
    return schrijven(opbouwen(jaar, db, peildatum), out)


# -- command line ----------------------------------------------------------------------------

GEBRUIK = ("python -m dashboard.report --jaar JJJJ [--db BESTAND] [--peildatum JJJJ-MM-DD] "
           "[--gemeente NAAM] --out MAP")
def _jaartal(tekst):
    try:
        jaar = int(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen jaartal") from None
    if not 1900 <= jaar <= 2999:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen geldig jaartal")
    return jaar


def parser():
    p = DutchParser(prog="python -m dashboard.report", usage=GEBRUIK,
                    description="Maakt de cijfers voor de jaarevaluatie: Word, Excel en "
                                "grafieken.")
    p.add_argument("--jaar", required=True, type=_jaartal, metavar="JJJJ",
                   help="het jaar van de evaluatie, bv. 2025")
    p.add_argument("--db", metavar="BESTAND",
                   help="het databasebestand (standaard $LOO_DB of data/loo.duckdb)")
    p.add_argument("--peildatum", type=clock.date_argument, metavar="JJJJ-MM-DD",
                   help="de cijfers zoals bekend op deze datum (standaard vandaag)")
    p.add_argument("--gemeente", metavar="NAAM",
                   help="in een district: de gemeente van de rapportage (standaard de gemeente "
                        "uit config/instellingen.yaml)")
    p.add_argument("--out", required=True, metavar="MAP", help="de map waarin de bestanden komen")
    return p


def main(argv=None):
    """The command: exit 0 written; 1 no data for that year, no readable database or an
    unwritable folder (nothing written); 2 usage error."""
    args = parser().parse_args(argv)
    db = database_path(args.db)
    if not db.is_file():
        sys.stderr.write(f"De database {db} bestaat niet: laad eerst gegevens met "
                         "'python -m data_pipeline load'.\n")
        return 1
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        sys.stderr.write(f"Fout in de opdracht: --out {out} is een bestand, geen map.\n")
        return 2
    from dashboard import users

    try:  # the report's queries and plan updates are this gemeente's (dashboard.queries)
        queries.beperk(users.check_gemeente(args.gemeente))
    except users.UsersError as exc:
        sys.stderr.write(f"Fout in de opdracht: --gemeente: {exc}\n")
        return 2
    start = time.perf_counter()
    try:
        paden = maken(args.jaar, db, out, args.peildatum)
    except GeenGegevens as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    except duckdb.Error:
        # the engine's message is not shown: it may quote the file's contents
        sys.stderr.write(f"De database {db} is niet te lezen als LOO-database (geen DuckDB-"
                         "bestand, of tabellen ontbreken). Er is niets geschreven.\n")
        return 1
    except OSError as exc:
        sys.stderr.write(f"Kan de bestanden niet schrijven in {out}: {exc.strerror}. Er is "
                         "niets geschreven.\n")
        return 1
    duur = time.perf_counter() - start
    print(f"Jaarevaluatie {args.jaar} geschreven in {out} ({duur:.1f} s):")
    for pad in paden:
        print(f"  {pad.name} ({pad.stat().st_size:,} bytes)".replace(",", "."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
