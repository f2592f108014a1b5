"""Handhaving & Bibob: instruments over time, the drug measures, Bibob and signals that led to a
bestuursrechtelijke measure. Aggregates only, for every role."""

import polars as pl
import streamlit as st

from core import fmt
from dashboard import charts, labels, measures, page, period, security

DRUGS = ("opiumwet_13b_sluiting", "last_onder_dwangsom", "apv_straathandel")
KWARTAAL, MAAND = "Per kwartaal", "Per maand"


def telling(chart):
    """Count axes in whole numbers (no 0,5 ticks) and legends that show their full labels."""
    return chart.configure_axisQuantitative(tickMinStep=1, tickCount=8, format=",d") \
        .configure_legend(labelLimit=360)


ctx = page.begin("handhaving")
page.freshness()
period.toon_hele_maanden(ctx)  # whole months for a role with shielded figures

# Tiles: like-for-like against the same period a year earlier
st.subheader("Bestuursrechtelijke aanpak drugs")
v = page.vergelijking(ctx)
nu = measures.by_dict(page.query, "bestuurlijke_maatregelen", "instrument", v.van, v.tot)
vorig = measures.by_dict(page.query, "bestuurlijke_maatregelen", "instrument", v.vorig_van,
                         v.vorig_tot)
vorig_label = str(ctx.jaar - 1) if ctx.jaar else "een jaar eerder"
if v.ingekort:
    st.info(f"Vergelijkbare periode: {v.tekst}", icon=":material/date_range:")
else:
    st.markdown(f"**{v.tekst}**")
for kolom, instrument in zip(st.columns(len(DRUGS)), DRUGS):
    page.tegel(kolom, labels.label("instrument", instrument), nu.get(instrument, 0),
               vorig.get(instrument, 0), vorig_label)
page.telregels("bestuurlijke_maatregelen", extra=(
    f"Vergeleken met dezelfde datums een jaar eerder ({fmt.datum(v.vorig_van)} t/m "
    f"{fmt.datum(v.vorig_tot)}); bij een basis onder 10 alleen het absolute verschil."))

# Instruments over time
st.subheader(f"Instrumenten door de tijd, {ctx.label}")
indeling = st.radio("Indeling", [MAAND, KWARTAAL], key="handhaving_indeling", horizontal=True)
eenheid = "kwartaal" if indeling == KWARTAAL else "maand"
tijd = measures.series(page.query, ["handhavingsacties"], "instrument", eenheid, ctx.van,
                       ctx.tot).filter(pl.col("aantal") > 0)
if tijd.height:
    instrument = pl.col("reeks").replace_strict(labels.KINDS["instrument"],
                                                default=pl.col("reeks"))
    if eenheid == "kwartaal":
        periode = pl.format("K{} {}", pl.col("periode").dt.quarter(), pl.col("periode").dt.year())
        tabel = tijd.select(periode.alias("Kwartaal"), instrument.alias("Instrument"),
                            pl.col("aantal").alias("Aantal"))
        grafiek = charts.bars(tabel, "Kwartaal", "Aantal", color="Instrument", x_type="O",
                              title="Handhavingsinstrumenten per kwartaal",
                              description="Aantal inzetten per instrument per kwartaal")
    else:
        tabel = tijd.select(pl.col("periode").alias("Maand"), instrument.alias("Instrument"),
                            pl.col("aantal").alias("Aantal"))
        grafiek = charts.bars(tabel, "Maand", "Aantal", color="Instrument",
                              title="Handhavingsinstrumenten per maand",
                              description="Aantal inzetten per instrument per maand")
    page.chart(telling(grafiek), tabel, f"Handhavingsinstrumenten {indeling.lower()}",
               f"handhaving_{eenheid}_{ctx.label}")
else:
    st.info("Geen handhavingsacties in deze periode.")
page.telregels("handhavingsacties")

links, rechts = st.columns(2, gap="large")

with links:
    st.subheader("Bibob-onderzoeken")
    bibob = measures.by(page.query, "bibob_onderzoeken", "domein", ctx.van, ctx.tot,
                        dimensie2="uitkomst")
    st.metric(f"{measures.get('bibob_onderzoeken').label} {ctx.label}",
              fmt.getal(bibob["waarde"].sum()), border=True)
    if bibob.height:
        tabel = bibob.select(
            pl.col("categorie").map_elements(lambda d: labels.label("domein", d),
                                             return_dtype=pl.String).alias("Domein"),
            pl.col("categorie2").map_elements(labels.uitkomst, return_dtype=pl.String)
            .alias("Uitkomst"),
            pl.col("waarde").alias("Aantal"))
        grafiek = charts.bars(tabel, "Domein", "Aantal", color="Uitkomst", x_type="N",
                              horizontal=True, title="Bibob-onderzoeken per domein en uitkomst",
                              description="Bibob-onderzoeken per domein, gestapeld per uitkomst")
        page.chart(telling(grafiek), tabel, "Bibob-onderzoeken per domein en uitkomst",
                   f"bibob_{ctx.label}")
        per_uitkomst = tabel.group_by("Uitkomst").agg(pl.col("Aantal").sum()) \
            .sort(["Aantal", "Uitkomst"], descending=[True, False])
        st.markdown("**Per uitkomst:** " + " · ".join(
            f"{security.literal(r['Uitkomst'])}: {fmt.getal(r['Aantal'])}"
            for r in per_uitkomst.iter_rows(named=True)))
    else:
        st.info("Geen Bibob-onderzoeken in deze periode.")
    page.telregels("bibob_onderzoeken")

with rechts:
    st.subheader(measures.get("signalen_met_maatregel").label)
    m = page.query("handhaving_signalen_maatregel", van=ctx.van, tot=ctx.tot).row(0, named=True)
    aandeel = m["met_maatregel"] / m["signalen"] if m["signalen"] else None
    st.metric(f"Aandeel van de signalen ontvangen in {ctx.label}", fmt.procent(aandeel),
              border=True)
    if m["signalen"]:
        st.markdown(
            f"{fmt.getal(m['met_maatregel'])} van de {fmt.getal(m['signalen'])} signalen leidden "
            f"tot een bestuursrechtelijke maatregel: {fmt.getal(m['via_vervolg'])} met vervolg "
            f"bestuursrechtelijk, {fmt.getal(m['via_actie'])} met een gekoppelde "
            "bestuurlijke maatregel (een signaal kan beide hebben en telt één keer).")
    else:
        st.info("Geen signalen ontvangen in deze periode.")
    page.telregels("signalen_met_maatregel", "signalen")
