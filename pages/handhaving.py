"""Handhaving & Bibob: instruments over time, the drug measures, Bibob and signals that led to a
bestuursrechtelijke measure. Aggregates only, for every role."""

import polars as pl
import streamlit as st

from dashboard import charts, labels, page, security
from core import fmt

DOMEIN_LABELS = {"exploitatievergunning": "Exploitatievergunning", "vastgoed": "Vastgoed",
                 "omgevingsvergunning": "Omgevingsvergunning", "subsidie": "Subsidie",
                 "aanbesteding": "Aanbesteding", "sociaal_domein": "Sociaal domein",
                 "anders": "Anders", "onbekend": "Onbekend"}
TEGELS = {"opiumwet_13b_sluiting": "Sluitingen (art. 13b Opiumwet)",
          "last_onder_dwangsom": "Lasten onder dwangsom",
          "apv_straathandel": "APV-maatregelen straathandel"}
KWARTAAL, MAAND = "Per kwartaal", "Per maand"


def uitkomst_label(value):
    """A free-text Bibob outcome as a label; no outcome yet is said in words."""
    if value == "nog_geen_uitkomst":
        return "Nog geen uitkomst"
    return str(value).replace("_", " ").capitalize()


def telling(chart):
    """Count axes in whole numbers (no 0,5 ticks) and legends that show their full labels."""
    return chart.configure_axisQuantitative(tickMinStep=1, tickCount=8, format=",d") \
        .configure_legend(labelLimit=360)


ctx = page.begin("handhaving")
page.freshness()

# Tiles: like-for-like against the same period a year earlier
st.subheader("Bestuursrechtelijke aanpak drugs")
v = page.vergelijking(ctx)
tegels = page.query("handhaving_tegels", van=v.van, tot=v.tot)
vorig_label = str(ctx.jaar - 1) if ctx.jaar else "een jaar eerder"
if v.ingekort:
    st.info(f"Vergelijkbare periode: {v.tekst}", icon=":material/date_range:")
else:
    st.markdown(f"**{v.tekst}**")
for kolom, r in zip(st.columns(3), tegels.iter_rows(named=True)):
    page.tegel(kolom, TEGELS[r["instrument"]], r["aantal"], r["aantal_vorig"], vorig_label)
page.counting_rule(
    "elke opgelegde maatregel telt één keer, op de datum in de handhavingsexport; vergeleken "
    f"met dezelfde datums een jaar eerder ({fmt.datum(v.vorig_van)} t/m {fmt.datum(v.vorig_tot)})."
    " Bij een basis onder 10 alleen het absolute verschil.")

# Instruments over time
st.subheader(f"Instrumenten door de tijd, {ctx.label}")
indeling = st.radio("Indeling", [MAAND, KWARTAAL], key="handhaving_indeling", horizontal=True)
deel = "quarter" if indeling == KWARTAAL else "month"
tijd = page.query("handhaving_per_periode", van=ctx.van, tot=ctx.tot, deel=deel)
if tijd.height:
    instrument = pl.col("instrument").replace_strict(labels.INSTRUMENT_LABELS,
                                                     default=pl.col("instrument"))
    if deel == "quarter":
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
               f"handhaving_{deel}_{ctx.label}")
else:
    st.info("Geen handhavingsacties in deze periode.")
page.counting_rule("één actie is één regel in de handhavingsexport, geteld op haar datum; "
                   "Bibob-onderzoeken en registercontroles DOL/DOR tellen hier mee.")

links, rechts = st.columns(2, gap="large")

with links:
    st.subheader("Bibob-onderzoeken")
    bibob = page.query("handhaving_bibob", van=ctx.van, tot=ctx.tot)
    st.metric(f"Bibob-onderzoeken {ctx.label}", fmt.getal(bibob["aantal"].sum()), border=True)
    if bibob.height:
        tabel = bibob.select(
            pl.col("domein").replace_strict(DOMEIN_LABELS, default=pl.col("domein"))
            .alias("Domein"),
            pl.col("uitkomst").map_elements(uitkomst_label, return_dtype=pl.String)
            .alias("Uitkomst"),
            pl.col("aantal").alias("Aantal"))
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
    page.counting_rule("één Bibob-onderzoek is één regel met instrument Bibob-onderzoek, op "
                       "de datum in de export; zonder domein telt het als onbekend.")

with rechts:
    st.subheader("Signalen met een bestuursrechtelijke maatregel")
    m = page.query("handhaving_signalen_maatregel", van=ctx.van, tot=ctx.tot).row(0, named=True)
    st.metric(f"Aandeel van de signalen ontvangen in {ctx.label}", fmt.procent(m["aandeel"]),
              border=True)
    if m["signalen"]:
        st.markdown(
            f"{fmt.getal(m['met_maatregel'])} van de {fmt.getal(m['signalen'])} signalen leidden "
            f"tot een bestuursrechtelijke maatregel: {fmt.getal(m['via_vervolg'])} met vervolg "
            f"bestuursrechtelijk, {fmt.getal(m['via_actie'])} met een gekoppelde "
            "handhavingsactie (een signaal kan beide hebben en telt één keer).")
    else:
        st.info("Geen signalen ontvangen in deze periode.")
    page.counting_rule(
        "signalen ontvangen in de gekozen periode. Een signaal telt als het vervolg "
        "bestuursrechtelijk is, of als er via het signaal-id een handhavingsactie met een "
        "bestuurlijk instrument aan gekoppeld is (13b-sluiting, last onder dwangsom, "
        "APV-maatregel, bestuurlijke waarschuwing of boete, op welke datum ook). Een "
        "Bibob-onderzoek of registercontrole is onderzoek, geen maatregel.")
