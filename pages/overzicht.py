"""Overzicht: the chosen period against the year before, in tiles, with plan status."""

import polars as pl
import streamlit as st

from dashboard import charts, labels, page, plan
from core import fmt

ctx = page.begin("overzicht")
page.freshness()

v = page.vergelijking(ctx)
nu = page.query("overzicht_kengetallen", van=v.van, tot=v.tot).row(0, named=True)
vorig = page.query("overzicht_kengetallen", van=v.vorig_van, tot=v.vorig_tot).row(0, named=True)
vorig_label = str(ctx.jaar - 1) if ctx.jaar else "vorig jaar"

if v.ingekort:
    st.info(f"Vergelijkbare periode: {v.tekst}", icon=":material/date_range:")
else:
    st.markdown(f"**{v.tekst}**")

tiles = st.columns(5)
page.tegel(tiles[0], "Signalen en meldingen", nu["signalen_en_meldingen"],
           vorig["signalen_en_meldingen"], vorig_label)
page.tegel(tiles[1], "M-meldingen", nu["m_meldingen"], vorig["m_meldingen"], vorig_label)
page.tegel(tiles[2], "Bestuurlijke maatregelen", nu["bestuurlijke_maatregelen"],
           vorig["bestuurlijke_maatregelen"], vorig_label)
page.tegel(tiles[3], "Bibob-onderzoeken", nu["bibob"], vorig["bibob"], vorig_label)
page.tegel(tiles[4], "DOL-registraties", nu["dol_registraties"], vorig["dol_registraties"],
           vorig_label)
page.counting_rule(
    "signalen en meldingen = alle signalen plus de M-meldingen die niet als signaal zijn "
    "geregistreerd; een M-melding die aan een signaal is gekoppeld telt één keer. "
    "Bestuurlijke maatregelen = alle bestuurlijke instrumenten (13b-sluiting, last onder "
    "dwangsom, APV, waarschuwing, boete) zonder Bibob-onderzoeken en registercontroles. "
    "Eén DOL-registratie is één regel in het register. Een percentage staat er alleen bij "
    "een basis van minstens 10.")

links, midden, rechts = st.columns([5, 3, 4], gap="large")

with links:
    st.subheader("Bestuurlijke maatregelen")
    soorten = [("Sluiting (art. 13b Opiumwet)", "sluitingen_13b"),
               ("Last onder dwangsom", "dwangsommen"),
               ("APV-maatregel straathandel", "apv"),
               ("Overige maatregelen", "overige_maatregelen")]
    tabel = pl.DataFrame({
        "Maatregel": [s for s, _ in soorten],
        ctx.label: [nu[k] for _, k in soorten],
        vorig_label: [vorig[k] for _, k in soorten],
    }, schema_overrides={ctx.label: pl.Int64, vorig_label: pl.Int64})
    grafiek = charts.bars(tabel.select("Maatregel", pl.col(ctx.label).alias("Aantal")),
                          "Maatregel", "Aantal", title=f"Bestuurlijke maatregelen {ctx.label}",
                          x_type="N", horizontal=True, y_title="Aantal",
                          description="Aantal bestuurlijke maatregelen per soort")
    page.chart(grafiek.properties(height=220), tabel, "Bestuurlijke maatregelen",
               f"maatregelen_{ctx.label}")
    page.counting_rule("elke opgelegde maatregel telt één keer, op de datum van het besluit.")

with midden:
    st.subheader("Drugsgerelateerd")
    aandeel = nu["m_meldingen_drugs"] / nu["m_meldingen"] if nu["m_meldingen"] else None
    st.metric("Aandeel drugsgerelateerde M-meldingen", fmt.procent(aandeel), border=True,
              help="Thema drugs als deel van alle M-meldingen in de periode.")
    st.markdown(f"{fmt.getal(nu['m_meldingen_drugs'])} van de {fmt.getal(nu['m_meldingen'])} "
                f"M-meldingen gaan over drugs.")
    page.counting_rule("alle M-meldingen in de periode, ook die als signaal zijn "
                       "geregistreerd; thema zoals gemeld.")

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
        regels = [f"- {labels.voortgang(v)}: **{fmt.getal(aantallen[v])}**"
                  for v in labels.VOORTGANG_LABELS if aantallen.get(v)]
        st.markdown("\n".join(regels))
        if plan_jaar != ctx.jaar:
            st.caption(f"Er is geen plan voor {ctx.label}; dit is het plan van {plan_jaar}.")
        page.counting_rule("elk doel één keer, met de voortgang van de laatste update van de "
                           "regisseur, anders die uit het plan; zonder voortgang telt een doel "
                           "als niet gestart.")
