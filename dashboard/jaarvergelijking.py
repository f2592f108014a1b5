"""Jaarvergelijking: one measure per category over up to five years, like-for-like.

Every figure comes from the measures (dashboard.measures). For a role that sees small counts
shielded, a breakdown by wijk or aandachtsgebied is built from one protected table per year,
month, category and source part (as Trends per aandachtsgebied does, issue 17): a figure is a
sum of its cells (suppression.optelling), so no choice of years, source or an unfinished year's
months shows a hidden cell as a difference. Its CSV, for every role, holds those same cells.
"""

import datetime as dt

import altair as alt
import polars as pl

from core import fmt
from dashboard import charts, labels, measures, period, suppression

MAX_JAREN = 5
# the dimensions a year can be cut by, in this order, as far as the measure has them
INDELINGEN = {"thema": "Thema", "bron": "Bron", "wijk": "Wijk", "gebied": "Aandachtsgebied",
              "instrument": "Instrument", "branche": "Branche"}
ONDER_GEMEENTE = ("wijk", "gebied")  # below the municipality: shielded for the manager
ZONDER = {"wijk": "Zonder wijk", "gebied": "Geen aandachtsgebied"}
TOTAAL = "Totaal"
MIN_BASIS = 10  # a percentage only from a base of 10

# The parts a measure adds up in the protected table; each part is a grid of its own.
# meldingen_erbij: what the M-meldingen add to the signals (signalen en meldingen − signalen);
# meldingen_gekoppeld: M-meldingen registered as a signal (m_meldingen − meldingen_erbij).
DELEN = {"signalen": ("signalen",), "signalen_en_meldingen": ("signalen", "meldingen_erbij"),
         "m_meldingen": ("meldingen_erbij", "meldingen_gekoppeld"),
         "handhavingsacties": ("handhavingsacties",), "dol_registraties": ("dol_registraties",)}
_BRONMATEN = ("signalen", "signalen_en_meldingen", "m_meldingen", "handhavingsacties",
              "dol_registraties")


def indelingen(maat):
    """The dimensions the year comparison offers for a measure."""
    return [d for d in INDELINGEN if d in measures.get(maat).dimensies]


def categorie_label(dimensie, waarde):
    """The Dutch label of a category of a dimension."""
    if dimensie == "thema":
        return labels.thema(waarde)
    if dimensie == "gebied":
        return labels.gebied(waarde)
    if dimensie == "wijk":
        return str(waarde) if waarde else ZONDER["wijk"]
    return labels.label(dimensie, waarde)


def jaren_kiezen(jaren, tot_jaar, van_jaar):
    """The years with data from van_jaar to tot_jaar, at most MAX_JAREN, oldest first."""
    return [j for j in jaren if van_jaar <= j <= tot_jaar][-MAX_JAREN:]


def vensters(jaren, nieuwste):
    """({jaar: (van, tot)}, sentence): every year cut to the same months when the newest one is
    unfinished (period.jaren_vergelijken against the newest year), else whole years."""
    uit, tekst = {}, None
    for jaar in jaren:
        van, tot, _, _, zin = period.jaren_vergelijken(jaar, jaren[-1], nieuwste)
        uit[jaar] = (van, tot)
        tekst = tekst or zin
    if tekst and len(jaren) > 2:
        tekst = tekst.replace("beide jaren tellen", f"alle {len(jaren)} jaren tellen")
    return uit, tekst


def exacte_cellen(run, maat, dimensie, ramen):
    """{(categorie, jaar): value} from the measure per window; None is the row without one."""
    per_jaar = measures.by_year(run, maat, dimensie, ramen)
    return {(c, j): v for j, waarden in per_jaar.items() for c, v in waarden.items()}


def fijnste_tabel(run, dimensie, jaren):
    """Year x month x category (non-empty) x source part over the years with data: the one table
    whose cells every shielded figure adds up (the same as Trends per aandachtsgebied)."""
    van, tot = dt.date(jaren[0], 1, 1), dt.date(jaren[-1], 12, 31)
    waarden = {}
    for maat in _BRONMATEN:
        if dimensie in measures.get(maat).dimensies:
            df = measures.per_month_by(run, maat, dimensie, van, tot).drop_nulls("categorie")
            waarden[maat] = {(r["jaar"], r["maand"], r["categorie"]): r["waarde"]
                             for r in df.iter_rows(named=True)}
    categorieen = sorted({k[2] for w in waarden.values() for k in w})
    rijen = []
    for jaar in range(jaren[0], jaren[-1] + 1):
        for maand in range(1, 13):
            for c in categorieen:
                k = (jaar, maand, c)
                rij = {"jaar": jaar, "maand": maand, "categorie": c,
                       "signalen": waarden["signalen"].get(k, 0)}
                erbij = waarden["signalen_en_meldingen"].get(k, 0) - rij["signalen"]
                rij["meldingen_erbij"] = erbij
                if "m_meldingen" in waarden:
                    rij["meldingen_gekoppeld"] = waarden["m_meldingen"].get(k, 0) - erbij
                for maat in ("handhavingsacties", "dol_registraties"):
                    if maat in waarden:
                        rij[maat] = waarden[maat].get(k, 0)
                rijen.append(rij)
    return pl.DataFrame(rijen, schema={"jaar": pl.Int64, "maand": pl.Int64,
                                       "categorie": pl.String,
                                       **{d: pl.Int64 for d in _delen(waarden)}})


def _delen(waarden):
    delen = ["signalen", "meldingen_erbij"]
    if "m_meldingen" in waarden:
        delen.append("meldingen_gekoppeld")
    return delen + [m for m in ("handhavingsacties", "dol_registraties") if m in waarden]


def afgeschermd(fijn):
    """{(jaar, maand, categorie, part): marker} for the hidden cells of the finest table.

    The known totals (docs/privacy.md): a year's months per category and a month's categories."""
    delen = [c for c in fijn.columns if c not in ("jaar", "maand", "categorie")]
    return suppression.raster(fijn, delen, ["jaar", "maand", "categorie"],
                              vary=("maand", "categorie"))


def afgeschermde_cellen(fijn, verborgen, maat, ramen):
    """{(categorie, jaar): value or marker}: every figure a sum of cells of the finest table."""
    waarden = {(r["jaar"], r["maand"], r["categorie"], d): r[d]
               for r in fijn.iter_rows(named=True) for d in DELEN[maat]}
    uit = {}
    for c in fijn["categorie"].unique().to_list():
        for jaar, (van, tot) in ramen.items():
            uit[(c, jaar)] = suppression.optelling(
                [(waarden.get((jaar, m, c, d), 0), verborgen.get((jaar, m, c, d)))
                 for m in range(van.month, tot.month + 1) for d in DELEN[maat]])
    return uit


def verschil(a, b):
    """(B − A, (B − A) / A): None where a cell is hidden; the fraction only from a base of 10."""
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
        return None, None
    return b - a, ((b - a) / a if a >= MIN_BASIS else None)


def tabel_rijen(cellen, zonder, totalen, dimensie, jaren, exact_volgorde):
    """[(categorie or TOTAAL, label, [cell per year])]: the categories, the rows without one
    (zonder: {jaar: value}) and the total. The order: largest in the newest year first, or by
    label where cells are hidden (their order would say something about small counts).

    The rows without a wijk or gebied are the total minus the categories' line total, both
    known to a reader (docs/privacy.md), so they are shown as they are."""
    categorieen = {c for c, _ in cellen if c is not None}
    if exact_volgorde:
        volgorde = sorted(categorieen, key=lambda c: (
            -_getal(cellen.get((c, jaren[-1]), 0)), -_getal(cellen.get((c, jaren[0]), 0)),
            categorie_label(dimensie, c)))
    else:
        volgorde = sorted(categorieen, key=lambda c: categorie_label(dimensie, c))
    rijen = [(c, categorie_label(dimensie, c), [cellen.get((c, j), 0) for j in jaren])
             for c in volgorde]
    if any(zonder.get(j) for j in jaren):
        rijen.append((None, ZONDER.get(dimensie) or categorie_label(dimensie, None),
                      [zonder.get(j, 0) for j in jaren]))
    rijen.append((TOTAAL, TOTAAL, [totalen[j] for j in jaren]))
    return rijen


def _getal(v):
    return 0 if v is None or isinstance(v, str) else v


def _tekst(v):
    return v if isinstance(v, str) else fmt.getal(v)


def scherm_tabel(rijen, kop, koppen):
    """The table as shown: Dutch numbers, markers as they are, a signed difference and a
    percentage from a base of 10."""
    data = {kop: [label for _, label, _ in rijen]}
    for i, k in enumerate(koppen):
        data[k] = [_tekst(cellen[i]) for _, _, cellen in rijen]
    diff = [verschil(cellen[0], cellen[-1]) for _, _, cellen in rijen]
    data["Verschil (B − A)"] = [fmt.verschil(n) if n is not None else suppression.AFGESCHERMD
                                if _verborgen(c) else "–" for (n, _), (_, _, c) in zip(diff, rijen)]
    data["Verschil %"] = [_procent(p) for _, p in diff]
    return pl.DataFrame(data, schema={k: pl.String for k in data})


def _verborgen(cellen):
    return isinstance(cellen[0], str) or isinstance(cellen[-1], str)


def _procent(p):
    if p is None:
        return "–"
    teken = "+" if p > 0 else "−" if p < 0 else ""
    return f"{teken}{fmt.procent(abs(p))}"


def csv_tabel(rijen, kop, koppen):
    """The table for the CSV: counts and the difference as numbers, the percentage as a
    fraction; a hidden cell as its marker (then the column is text)."""
    data = {kop: [label for _, label, _ in rijen]}
    tekst = any(isinstance(v, str) for _, _, c in rijen for v in c)
    for i, k in enumerate(koppen):
        data[k] = [str(c[i]) if tekst else c[i] for _, _, c in rijen]
    diff = [verschil(c[0], c[-1]) for _, _, c in rijen]
    data["Verschil (B − A)"] = [n for n, _ in diff]
    data["Verschil %"] = [None if p is None else round(p, 4) for _, p in diff]
    schema = {kop: pl.String, **{k: pl.String if tekst else pl.Int64 for k in koppen},
              "Verschil (B − A)": pl.Int64, "Verschil %": pl.Float64}
    return pl.DataFrame(data, schema=schema)


def kleine_grafieken(rijen, koppen, kop):
    """[(label, chart)]: one small bar chart per category over the years, all on one y scale
    (the same domain), titled with the change so the eye finds it without the colour."""
    categorie_rijen = [(label, c) for cat, label, c in rijen if cat != TOTAAL]
    top = max((_getal(v) for _, c in categorie_rijen for v in c), default=0)
    schaal = alt.Scale(domain=[0, max(1, top * 1.2)])
    uit = []
    for label, cellen in categorie_rijen:
        n, p = verschil(cellen[0], cellen[-1])
        titel = f"{label}: {fmt.verschil(n)}" + (f" ({_procent(p)})" if p is not None else "")
        df = pl.DataFrame({"Jaar": koppen, "Aantal": [_getal(v) for v in cellen]})
        enc = {"x": alt.X("Jaar:N", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
               "y": alt.Y("Aantal:Q", title=None, scale=schaal, axis=charts.COUNT_AXIS)}
        staven = alt.Chart(df).mark_bar(color=charts.PALETTE[0]).encode(
            **enc, tooltip=[alt.Tooltip("Jaar:N"), alt.Tooltip("Aantal:Q", format=",d")])
        tekst = alt.Chart(df).mark_text(dy=-8, fontSize=13, color="#1a1a1a").encode(
            **enc, text=alt.Text("Aantal:Q", format=",d"))
        beschrijving = (f"Staafdiagram {label} ({kop.lower()}): "
                        + ", ".join(f"{k}: {_tekst(v)}" for k, v in zip(koppen, cellen)))
        uit.append((label, (staven + tekst).properties(
            title=alt.TitleParams(titel, fontSize=15), height=150, description=beschrijving)))
    return uit
