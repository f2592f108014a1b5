"""District: the gemeenten of the district side by side, per 10.000 inhabitants (issue 16).

Aggregates only, never a record. The viewer's own gemeente shows exact figures; every other
gemeente only counts of 5 or more, with complementary suppression. All figures of the page are
sums of one protected table (suppression.raster): per gemeente, thema, year and part of the year
(January up to the last month with data, and the rest), so no two choices (a year, the
like-for-like window of an unfinished year, one thema or all) differ by a hidden cell.
"""

import polars as pl
import streamlit as st

from core import fmt
from dashboard import labels, measures, page, period, roles, suppression
from data_pipeline.settings import load_district

MATEN = ("signalen_en_meldingen", "m_meldingen", "dol_registraties", "registercontroles",
         "bestuurlijke_maatregelen", "bibob_onderzoeken")
PER_THEMA = ("signalen_en_meldingen", "m_meldingen")
DISTRICT = "District"

ctx = page.begin("district")
if not page.is_district():
    st.info("Deze installatie bevat gegevens van één gemeente; een districtsvergelijking is er "
            "pas als meer gemeenten hun exports laden (zie de handleiding, District).")
    st.stop()

instellingen = load_district()
lijst = page.district_query("district_gemeenten")
gemeenten = lijst["gemeente"].to_list()
nieuwste = lijst["nieuwste_datum"].max()
eigen_jaren = page.data_jaren()[0]
jaren = list(range(min(eigen_jaren, default=nieuwste.year), nieuwste.year + 1))
# the viewer's own gemeente is known to them; the coordinator has none here: all are shielded
eigen = None if roles.rol_label(ctx.roles) == "district" else ctx.gemeente


def _delen(jaar):
    """The two parts of a year that every figure adds up: up to the last month with data, rest."""
    a_van, a_tot, _, _, _ = period.jaren_vergelijken(jaar, nieuwste.year, nieuwste)
    if a_tot.year != jaar or a_tot.month == 12:
        return [(1, a_van, a_tot)]
    return [(1, a_van, a_tot), (2, measures.day_after(a_tot), a_tot.replace(month=12, day=31))]


def _cellen():
    """The finest table: gemeente, thema, jaar, deel and one count column per measure."""
    delen = []
    for jaar in jaren:
        for deel, van, tot in _delen(jaar):
            df = measures.per_gemeente(page.district_query, MATEN, van, tot)
            delen.append(df.with_columns(pl.lit(jaar).alias("jaar"), pl.lit(deel).alias("deel")))
    lang = pl.concat(delen) if delen else pl.DataFrame()
    breed = lang.pivot(on="maat", index=["gemeente", "thema", "jaar", "deel"], values="waarde")
    # every combination, zeros included, so each line of the grid is whole
    raster = (pl.DataFrame({"gemeente": gemeenten}).join(lang.select("thema").unique(),
                                                         how="cross")
              .join(pl.DataFrame({"jaar": [j for j in jaren for _ in _delen(j)],
                                  "deel": [d for j in jaren for d, _, _ in _delen(j)]},
                                 schema={"jaar": pl.Int32, "deel": pl.Int32}), how="cross"))
    breed = breed.with_columns(pl.col("jaar").cast(pl.Int32), pl.col("deel").cast(pl.Int32))
    volledig = raster.join(breed, on=["gemeente", "thema", "jaar", "deel"], how="left")
    return volledig.with_columns([pl.col(m).fill_null(0).cast(pl.Int64) if m in volledig.columns
                                  else pl.lit(0, dtype=pl.Int64).alias(m) for m in MATEN])


cellen = _cellen()
TOTAAL = None  # thema of a total over every thema
# Two protected tables. Totals: per gemeente, year and part, the sum over themes (a line
# whose total, the district's, is published). Themes: per gemeente, thema, year and part, whose
# line totals are the first table's cells; where such a total is hidden, every cell of its line
# is hidden too, so the visible themes never add up to it.
totalen = cellen.group_by(["gemeente", "jaar", "deel"]).agg(pl.col(m).sum() for m in MATEN)
INDEX = {(r["gemeente"], TOTAAL, r["jaar"], r["deel"]): r for r in totalen.iter_rows(named=True)}
INDEX |= {(r["gemeente"], r["thema"], r["jaar"], r["deel"]): r
          for r in cellen.iter_rows(named=True)}


def _anderen(df):
    return df.filter(pl.col("gemeente") != eigen) if eigen else df


# The lines whose totals the page publishes: across gemeenten (the district's figure) and
# across themes (a gemeente's total); no figure adds years, and a whole year is shown only as
# the sum of both its parts (optelling), so neither is a line with a known total.
verborgen_totaal = suppression.raster(_anderen(totalen), list(MATEN), ["gemeente", "jaar", "deel"],
                                      vary=["gemeente"])
verborgen = {(g, TOTAAL, j, d, m): marker for (g, j, d, m), marker in verborgen_totaal.items()}
verborgen |= suppression.raster(_anderen(cellen), list(MATEN), ["gemeente", "thema", "jaar", "deel"],
                                vary=["gemeente", "thema"])
for (g, t, j, d), rij in INDEX.items():
    for m in MATEN:
        if t is not TOTAAL and (g, TOTAAL, j, d, m) in verborgen and rij[m]:
            verborgen.setdefault((g, t, j, d, m),
                                 suppression.KLEIN if rij[m] < suppression.DREMPEL
                                 else suppression.AFGESCHERMD)


def figuur(gemeente, maat, jaar, delen, thema=TOTAAL):
    """A count over the parts of a year: exact for the own gemeente and the district, else an
    optelling of protected cells (a total over themes from the totals table)."""
    if gemeente in (DISTRICT, eigen):
        namen = gemeenten if gemeente == DISTRICT else [gemeente]
        return sum(INDEX[(g, thema, jaar, d)][maat] for g in namen for d in delen
                   if (g, thema, jaar, d) in INDEX)
    return suppression.optelling([(INDEX[(gemeente, thema, jaar, d)][maat],
                                   verborgen.get((gemeente, thema, jaar, d, maat)))
                                  for d in delen if (gemeente, thema, jaar, d) in INDEX])


def inwoners(gemeente, jaar):
    """Inhabitants on 1 January of the year (config/gemeenten.yaml); the district adds up."""
    namen = gemeenten if gemeente == DISTRICT else [gemeente]
    aantallen = [instellingen.gemeenten[n].inwoners.get(jaar, (None,))[0]
                 if n in instellingen.gemeenten else None for n in namen]
    return None if None in aantallen else sum(aantallen)


def per_10000(waarde, gemeente, jaar):
    """The rate as text, or the marker of a hidden count (the rate would give it away)."""
    if isinstance(waarde, str):
        return waarde
    rate = measures.per_inwoners(waarde, inwoners(gemeente, jaar))
    return "–" if rate is None else fmt.getal(rate, 1)


def tekst(waarde):
    return waarde if isinstance(waarde, str) else fmt.getal(waarde)


jaar = st.selectbox("Jaar", jaren[::-1], index=0, key="district_jaar")
vorig = jaar - 1 if jaar - 1 in jaren else None
onaf = nieuwste.year == jaar and nieuwste.month < 12
delen = (1,) if onaf else (1, 2)
if vorig:
    st.caption(period.jaren_vergelijken(vorig, jaar, nieuwste)[4]
               or f"{jaar} en {vorig} zijn hele jaren.")
rijen = [*gemeenten, DISTRICT]
label = {m: measures.get(m).label for m in MATEN}

st.subheader(f"Kerncijfers {jaar}" + (" (t/m " + fmt.MAANDEN[nieuwste.month - 1] + ")"
                                       if onaf else ""))
kern = {"Gemeente": rijen,
        "Inwoners (1 januari)": [tekst(inwoners(g, jaar) or "–") for g in rijen]}
for m in MATEN:
    kern[label[m]] = [tekst(figuur(g, m, jaar, delen)) for g in rijen]
for m in PER_THEMA:
    kern[f"{label[m]} per 10.000"] = [per_10000(figuur(g, m, jaar, delen), g, jaar)
                                      for g in rijen]
    if vorig:
        kern[f"{label[m]} per 10.000 in {vorig}"] = [
            per_10000(figuur(g, m, vorig, delen), g, vorig) for g in rijen]
page.table(pl.DataFrame(kern), f"Kerncijfers {jaar}", f"district_kerncijfers_{jaar}",
           afschermen=False, periode=None)

for m in PER_THEMA:
    st.subheader(f"{label[m]} per 10.000 inwoners, per thema ({jaar})")
    themas = sorted(cellen["thema"].unique().to_list())
    per_thema = {"Thema": [labels.label("thema", t) for t in themas]}
    for g in rijen:
        per_thema[g] = [per_10000(figuur(g, m, jaar, delen, t), g, jaar) for t in themas]
    page.table(pl.DataFrame(per_thema), f"{label[m]} per thema {jaar}",
               f"district_{m}_per_thema_{jaar}", afschermen=False)

st.subheader(f"Meldingsbereidheid {jaar}")
ref = instellingen.referentie
waarde = ref.get("waarde")
bereid = {"Gemeente": rijen,
          "M-meldingen per 10.000": [per_10000(figuur(g, "m_meldingen", jaar, delen), g, jaar)
                                     for g in rijen],
          f"Referentie ({ref.get('omschrijving', 'referentie')})":
              [fmt.getal(float(waarde), 1) if waarde is not None else "–"] * len(rijen)}
page.table(pl.DataFrame(bereid), f"Meldingsbereidheid {jaar}", f"district_meldingsbereidheid_{jaar}",
           afschermen=False)
st.caption(f"Referentiewaarde: {ref.get('bron', 'geen bron opgegeven')}. Inwoners: "
           f"{instellingen.inwoners_bron or 'config/gemeenten.yaml'}."
           + (" Een onvolledig jaar telt alleen de maanden met gegevens; vergelijk per 10.000 "
              "dan alleen met dezelfde maanden." if onaf else ""))
st.caption(f"Andere gemeenten: {suppression.LEGENDA} De eigen gemeente staat er exact in"
           if eigen else f"Alle gemeenten afgeschermd: {suppression.LEGENDA}")
page.telregels(*MATEN)
