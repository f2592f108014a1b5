"""Uitvoeringsplan: the goals per spoor with partners, status and voortgang (read-only)."""

import re

import streamlit as st

from dashboard import fmt, labels, page

ctx = page.begin("uitvoeringsplan")
page.freshness()

jaren = page.query("plan_jaren")["jaar"].to_list()
if not jaren:
    st.info("Er is nog geen uitvoeringsplan geladen. De regisseur laadt het op de pagina "
            "Data & kwaliteit.")
    st.stop()
standaard = ctx.jaar if ctx.jaar in jaren else jaren[0]
jaar = st.columns([1, 4])[0].selectbox("Planjaar", jaren, index=jaren.index(standaard),
                                       key="plan_jaar")
doelen = page.query("plan_doelen", jaar=jaar)

telling = doelen.group_by("voortgang").len()
samenvatting = " · ".join(
    f"{labels.voortgang(v)}: {fmt.getal(n)}" for v, n in
    sorted(telling.iter_rows(), key=lambda r: list(labels.VOORTGANG_LABELS).index(r[0])
           if r[0] in labels.VOORTGANG_LABELS else 0))
st.markdown(f"**{fmt.getal(doelen.height)} {'doel' if doelen.height == 1 else 'doelen'} "
            f"in het uitvoeringsplan {jaar}** — "
            f"{samenvatting}")
page.counting_rule("elk doel één keer, met de voortgang zoals vastgelegd in het plan; zonder "
                   "voortgang telt een doel als niet gestart.")


def partners(tekst):
    """Partners separated by ';' or new lines, as one readable line."""
    delen = [p.strip() for p in re.split(r"[;\n]", tekst or "") if p.strip()]
    return ", ".join(delen) if delen else "–"


for spoor in sorted(doelen["spoor"].unique().to_list()):
    st.subheader(labels.SPOOR_LABELS.get(spoor, f"Spoor {spoor}"))
    rijen = list(doelen.filter(doelen["spoor"] == spoor).iter_rows(named=True))
    kolommen = st.columns(2, gap="medium")
    for i, doel in enumerate(rijen):
        with kolommen[i % 2].container(border=True):
            st.markdown(f"#### {doel['wat']}")
            st.markdown(f"**Voortgang:** {labels.voortgang(doel['voortgang'])}")
            st.markdown(f"**Doel:** {doel['doel']}")
            st.markdown(f"**In samenwerking met:** {partners(doel['partners'])}")
            st.markdown(f"**Status:** {doel['status'] or '–'}")
            termijn = []
            if doel["startdatum"]:
                termijn.append(f"start {fmt.datum(doel['startdatum'])}")
            if doel["einddatum"]:
                termijn.append(f"einddatum {fmt.datum(doel['einddatum'])}")
            if doel["indicator"]:
                waarde = (f" (doelwaarde {fmt.getal(doel['doelwaarde'])})"
                          if doel["doelwaarde"] is not None else "")
                termijn.append(f"indicator: {doel['indicator']}{waarde}")
            if termijn:
                st.caption(" · ".join(termijn).capitalize())
