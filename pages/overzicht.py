"""Overzicht: the chosen period against the year before, in tiles, with plan status."""

import polars as pl
import streamlit as st

from core import fmt
from dashboard import charts, labels, measures, page, period, plan
from data_pipeline.contract import INSTRUMENT_SOORT

TEGELS = ("signalen_en_meldingen", "m_meldingen", "bestuurlijke_maatregelen",
          "bibob_onderzoeken", "dol_registraties")
MAATREGELEN = [i for i, soort in INSTRUMENT_SOORT.items() if soort == "maatregel"]

ctx = page.begin("overzicht")
page.freshness()
period.toon_hele_maanden(ctx)  # whole months for a role with shielded figures

v = page.vergelijking(ctx)
nu = measures.values(page.query, TEGELS, v.van, v.tot)
vorig = measures.values(page.query, TEGELS, v.vorig_van, v.vorig_tot)
vorig_label = str(ctx.jaar - 1) if ctx.jaar else "vorig jaar"

if v.ingekort:
    st.info(f"Vergelijkbare periode: {v.tekst}", icon=":material/date_range:")
else:
    st.markdown(f"**{v.tekst}**")

for kolom, naam in zip(st.columns(len(TEGELS)), TEGELS):
    page.tegel(kolom, measures.get(naam).label, nu[naam], vorig[naam], vorig_label)
page.telregels(*TEGELS, extra="Een percentage staat er alleen bij een basis van minstens 10.")

links, midden, rechts = st.columns([5, 3, 4], gap="large")

with links:
    st.subheader("Bestuurlijke maatregelen")
    per_nu = measures.by_dict(page.query, "bestuurlijke_maatregelen", "instrument", v.van, v.tot)
    per_vorig = measures.by_dict(page.query, "bestuurlijke_maatregelen", "instrument",
                                 v.vorig_van, v.vorig_tot)
    tabel = pl.DataFrame({
        "Maatregel": [labels.label("instrument", i) for i in MAATREGELEN],
        ctx.label: [per_nu.get(i, 0) for i in MAATREGELEN],
        vorig_label: [per_vorig.get(i, 0) for i in MAATREGELEN],
    }, schema_overrides={ctx.label: pl.Int64, vorig_label: pl.Int64})
    grafiek = charts.bars(tabel.select("Maatregel", pl.col(ctx.label).alias("Aantal")),
                          "Maatregel", "Aantal", title=f"Bestuurlijke maatregelen {ctx.label}",
                          x_type="N", horizontal=True, y_title="Aantal",
                          description="Aantal bestuurlijke maatregelen per soort")
    page.chart(grafiek.properties(height=220), tabel, "Bestuurlijke maatregelen",
               f"maatregelen_{ctx.label}")

with midden:
    st.subheader("Drugsgerelateerd")
    drugs = measures.value(page.query, "m_meldingen", v.van, v.tot, thema="drugs")
    aandeel = drugs / nu["m_meldingen"] if nu["m_meldingen"] else None
    st.metric("Aandeel drugsgerelateerde M-meldingen", fmt.procent(aandeel), border=True,
              help="Thema drugs als deel van alle M-meldingen in de periode.")
    st.markdown(f"{fmt.getal(drugs)} van de {fmt.getal(nu['m_meldingen'])} M-meldingen gaan "
                "over drugs.")
    page.telregels("m_meldingen", extra="Thema zoals gemeld.")

with rechts:
    plan_jaren = page.query("plan_jaren")["jaar"].to_list()
    plan_jaar = ctx.jaar if ctx.jaar in plan_jaren else (plan_jaren[0] if plan_jaren else None)
    st.subheader(f"Uitvoeringsplan {plan_jaar}" if plan_jaar else "Uitvoeringsplan")
    if plan_jaar is None:
        st.info("Er is nog geen uitvoeringsplan geladen.")
    else:
        # current voortgang: the regisseur's newest update, else the value in the plan
        doelen = plan.latest(plan_jaar, doelen=page.query("plan_doelen", jaar=plan_jaar))
        aantallen = dict(doelen.group_by("voortgang").len().iter_rows())
        totaal = doelen.height
        st.markdown(f"**{fmt.getal(totaal)} {'doel' if totaal == 1 else 'doelen'}**")
        regels = [f"- {labels.voortgang(w)}: **{fmt.getal(aantallen[w])}**"
                  for w in labels.VOORTGANG_ICONEN if aantallen.get(w)]
        st.markdown("\n".join(regels))
        if plan_jaar != ctx.jaar:
            st.caption(f"Er is geen plan voor {ctx.label}; dit is het plan van {plan_jaar}.")
        page.counting_rule(plan.TELREGEL)
