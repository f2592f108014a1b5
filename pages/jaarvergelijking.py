"""Jaarvergelijking: one measure over up to five years per thema, bron, wijk, aandachtsgebied,
instrument or branche, like-for-like, with small multiples and a drill-down to the rows."""

import altair as alt
import polars as pl
import streamlit as st

from core import fmt
from dashboard import charts, drilldown, measures, page, roles, security, suppression
from dashboard import jaarvergelijking as jv

# the key of the choice -> the measure (its label, rule and dimensions)
BRONNEN = {"signalen_en_meldingen": "signalen_en_meldingen", "signalen": "signalen",
           "m_meldingen": "m_meldingen", "handhaving": "handhavingsacties",
           "dol_registraties": "dol_registraties"}
VERSCHIL = "Verschil (B − A)"


def tabel_sleutel(*keuze):
    """The key of the comparison table (and its selection) for one choice of the page."""
    return "jv_tabel_" + page.bestandsnaam("_".join(map(str, keuze)))


def grafiek_gekozen(grafiek_key, sleutel, rijen, koppen):
    """A bar chosen in the chart selects the same cell in the table (one state for both)."""
    punt = drilldown.gekozen_punt(st.session_state.get(grafiek_key))
    labels_ = [label for _, label, _ in rijen]
    if punt.get(kop) in labels_ and punt.get("Jaar") in koppen:
        st.session_state[sleutel] = {"selection": {"rows": [], "columns": [],
                                                   "cells": [(labels_.index(punt[kop]),
                                                              punt["Jaar"])]}}


def gekozen_cel(selectie, rijen, koppen):
    """(row, column) of the selected cell; a selected row means its newest year."""
    cellen = list(selectie.get("cells") or [])
    if cellen:
        i, kolom = cellen[0]
    elif selectie.get("rows"):
        i, kolom = selectie["rows"][0], koppen[-1]
    else:
        return None
    if not isinstance(i, int) or not 0 <= i < len(rijen):
        return None
    return i, kolom if kolom in koppen else koppen[-1]


def gevuld(rijen):
    """The rows with a figure in one of the years (and the total)."""
    return [r for r in rijen if r[0] == jv.TOTAAL or any(v != 0 for v in r[2])]


def maand_tabel(categorie, jaar, van, tot):
    """The chosen figure per month, aggregated: how a role without records narrows the view."""
    if categorie == jv.TOTAAL:
        df = measures.per_month(page.query, maat, van, tot)
        waarden = {r["maand"].month: r["waarde"] for r in df.iter_rows(named=True)}
    elif indeling in jv.ONDER_GEMEENTE and afschermen:
        waarden = {m: suppression.optelling(
            [(fijn_waarden.get((jaar, m, categorie, d), 0), verborgen.get((jaar, m, categorie, d)))
             for d in jv.DELEN[maat]]) for m in range(van.month, tot.month + 1)}
    else:
        df = measures.per_month_by(page.query, maat, indeling, van, tot)
        df = df.filter(pl.col("categorie").is_null() if categorie is None
                       else pl.col("categorie") == categorie)
        waarden = {r["maand"]: r["waarde"] for r in df.iter_rows(named=True)}
    return pl.DataFrame({"Maand": [fmt.maand(van.replace(month=m))
                                   for m in range(van.month, tot.month + 1)],
                         "Aantal": [fmt.getal(v) if not isinstance(v, str) else v for v in
                                    (waarden.get(m, 0) for m in range(van.month, tot.month + 1))]},
                        schema={"Maand": pl.String, "Aantal": pl.String})


ctx = page.begin("jaarvergelijking")
page.freshness()
afschermen = not roles.may_see_small_counts(ctx.roles)

jaren_data, nieuwste = page.data_jaren()
if not jaren_data:
    st.info("Er zijn nog geen gegevens geladen.")
    st.stop()
opties = sorted(jaren_data, reverse=True)
keuzes = st.columns([3, 2, 2])
bron = keuzes[0].selectbox("Telling", list(BRONNEN),
                           format_func=lambda b: measures.get(BRONNEN[b]).label, key="jv_bron")
jaar_b_default = ctx.jaar if ctx.jaar in opties else opties[0]
jaar_b = keuzes[2].selectbox("Tot en met jaar (B)", opties, index=opties.index(jaar_b_default),
                             key="jv_jaar_b")
jaar_a_default = jaar_b_default - 1 if jaar_b_default - 1 in opties else opties[-1]
jaar_a = keuzes[1].selectbox("Vanaf jaar (A, basis)", opties, index=opties.index(jaar_a_default),
                             key="jv_jaar_a")
if jaar_a == jaar_b:
    st.info("Kies twee verschillende jaren: A is de basis, B het jaar dat u ermee vergelijkt.")
    st.stop()
maat = BRONNEN[bron]
indeling = st.radio("Indeling naar", jv.indelingen(maat), horizontal=True, key="jv_indeling",
                    format_func=jv.INDELINGEN.get)
naam, kop = measures.get(maat).label, jv.INDELINGEN[indeling]

jaren = jv.jaren_kiezen(jaren_data, max(jaar_a, jaar_b), min(jaar_a, jaar_b))
if len([j for j in jaren_data if min(jaar_a, jaar_b) <= j <= max(jaar_a, jaar_b)]) > len(jaren):
    st.warning(f"Ten hoogste {jv.MAX_JAREN} jaar naast elkaar: getoond worden {jaren[0]} t/m "
               f"{jaren[-1]}, met {jaren[0]} als basis (A).", icon=":material/date_range:")
ramen, gelijk = jv.vensters(jaren, nieuwste)
if gelijk:
    st.info(gelijk, icon=":material/date_range:")
st.caption(f"Jaren: {', '.join(map(str, jaren))} (A = {jaren[0]}, de basis; B = {jaren[-1]}). "
           f"Ten hoogste {jv.MAX_JAREN} jaar.")
koppen = [f"{j}" + (" *" if gelijk else "") for j in jaren]

exact = jv.exacte_cellen(page.query, maat, indeling, ramen)
zonder = {j: exact.pop((None, j), 0) for j in jaren}
totalen = {j: measures.value(page.query, maat, *ramen[j]) for j in jaren}
onder_gemeente = indeling in jv.ONDER_GEMEENTE
if onder_gemeente:  # one protected table behind every choice (dashboard.jaarvergelijking)
    fijn = jv.fijnste_tabel(page.query, indeling, jaren_data)
    verborgen = jv.afgeschermd(fijn)
    beschermd = jv.afgeschermde_cellen(fijn, verborgen, maat, ramen)
    fijn_waarden = {(r["jaar"], r["maand"], r["categorie"], d): r[d]
                    for r in fijn.iter_rows(named=True) for d in jv.DELEN[maat]}
    csv_rijen = gevuld(jv.tabel_rijen(beschermd, {j: suppression.tegel(v, True) if 0 < v < suppression.DREMPEL
                                                  else v for j, v in zonder.items()},
                                      totalen, indeling, jaren, False))
scherm_cellen = beschermd if onder_gemeente and afschermen else exact
# the rows without a wijk or gebied are no category, but 1 to 4 of them still show as "<5"
zonder_scherm = {j: suppression.tegel(v, True) if 0 < v < suppression.DREMPEL else v
                 for j, v in zonder.items()} if onder_gemeente and afschermen else zonder
rijen = jv.tabel_rijen(scherm_cellen, zonder_scherm, totalen, indeling, jaren,
                       not (onder_gemeente and afschermen))
rijen = gevuld(rijen)
verbergt = any(isinstance(v, str) for _, _, c in rijen for v in c)

tegels = st.columns(3)
tegels[0].metric(f"{naam} {koppen[0]}", fmt.getal(totalen[jaren[0]]), border=True)
tegels[1].metric(f"{naam} {koppen[-1]}", fmt.getal(totalen[jaren[-1]]), border=True)
tegels[2].metric(VERSCHIL, page.verschil_tekst(totalen[jaren[-1]], totalen[jaren[0]]),
                 border=True)

titel = f"{naam} per {kop.lower()}: {', '.join(koppen)}"
def als_tekst(df):
    """A small table for st.table, which renders Markdown: every value shown literally."""
    return df.select(pl.all().cast(pl.String).fill_null("–")
                     .map_elements(security.literal, return_dtype=pl.String))


sleutel = tabel_sleutel(bron, indeling, *jaren)
categorie_rijen = [r for r in rijen if r[0] not in (jv.TOTAAL, None)]
if len(rijen) == 1 and not totalen[jaren[-1]] and not totalen[jaren[0]]:
    st.info(f"Geen {naam.lower()} in {jaren[0]} t/m {jaren[-1]}.")
    st.stop()

if verbergt:
    st.info(f"{titel}: de grafieken worden in uw rol niet getoond, omdat er kleine aantallen "
            "(1 tot 4) onder het niveau van de gemeente in zitten. De tabel toont ze "
            "afgeschermd.", icon=":material/visibility_off:")
elif categorie_rijen:
    lang = pl.DataFrame([{kop: label, "Jaar": k, "Aantal": v}
                         for _, label, cellen in categorie_rijen for k, v in zip(koppen, cellen)],
                        schema={kop: pl.String, "Jaar": pl.String, "Aantal": pl.Int64})
    grafiek = charts.bars(lang, kop, "Aantal", "Jaar", title=titel, stacked=False,
                             x_type="N", x_title=kop, description=f"Staafdiagram: {titel}")
    grafiek = grafiek.add_params(alt.selection_point(name=drilldown.SELECTIE,
                                                     fields=[kop, "Jaar"]))
    grafiek_key = f"grafiek_{sleutel}"
    st.altair_chart(grafiek.properties(height=380), theme=None, width="stretch",
                    on_select=lambda: grafiek_gekozen(grafiek_key, sleutel, rijen, koppen),
                    selection_mode=[drilldown.SELECTIE], key=grafiek_key)
    with st.expander(f"Tabel bij de grafiek: {titel}"):  # a chart is invisible to a reader
        st.table(als_tekst(lang), hide_index=True)

st.subheader(f"Tabel: {titel}")
tabel = jv.scherm_tabel(rijen, kop, koppen)
gebeurtenis = st.dataframe(tabel, hide_index=True, width="stretch", key=sleutel,
                           on_select="rerun", selection_mode=["single-cell", "single-row"],
                           column_config={c: st.column_config.TextColumn(c, alignment="right")
                                          for c in tabel.columns[1:]})
if verbergt:
    st.caption(f"Kleine aantallen afgeschermd: {suppression.LEGENDA} Afgeschermd is één tabel "
               "per jaar, maand, gebied en bron; elk getal is een optelling van die cellen, "
               "zodat geen keuze van jaren of bron een afgeschermd aantal als verschil laat zien.")
export = jv.csv_tabel(csv_rijen if onder_gemeente else rijen, kop, koppen)
bestand = page.bestandsnaam(f"jaarvergelijking_{maat}_per_{indeling}_{jaren[0]}_{jaren[-1]}"
                            + ("_zelfde_maanden" if gelijk else ""))
st.download_button(f"Download tabel als CSV ({titel})", page.csv_bytes(export),
                   file_name=f"{bestand}.csv", mime="text/csv", key=f"csv_{bestand}",
                   on_click=security.downloaded, args=(st.session_state, f"{bestand}.csv"))
if onder_gemeente:
    st.caption("In de CSV zijn kleine aantallen per " + kop.lower() + " voor iedereen "
               f"afgeschermd: {suppression.LEGENDA}")

st.caption("Kies een cel (of een staaf in de grafiek) om "
           + ("de rijen achter dat cijfer te zien." if drilldown.mag_rijen_zien()
              else "dat cijfer per maand te zien."))
cel = gekozen_cel(gebeurtenis.selection, rijen, koppen)
if cel is not None:
    categorie, label, cellen = rijen[cel[0]]
    jaar = jaren[koppen.index(cel[1])]
    van, tot = ramen[jaar]
    cijfer = cellen[koppen.index(cel[1])]
    if drilldown.mag_rijen_zien():
        drilldown.toon_rijen("jaarvergelijking", [maat], van, tot,
                             None if categorie == jv.TOTAAL else indeling,
                             [] if categorie in (jv.TOTAAL, None) else [categorie],
                             categorie is None, cijfer, f"{naam}, {label}, {cel[1]}")
    elif categorie is None:
        st.info("Per maand is er voor deze rij geen uitsplitsing; kies een "
                f"{kop.lower()} of het totaal.")
    else:
        st.subheader(f"Per maand: {naam}, {label}, {cel[1]}")
        st.dataframe(maand_tabel(categorie, jaar, van, tot), hide_index=True, width="stretch",
                     column_config={"Aantal": st.column_config.TextColumn("Aantal",
                                                                          alignment="right")})

if categorie_rijen and not verbergt:
    st.subheader("In één oogopslag: elk " + kop.lower() + " apart, op dezelfde schaal")
    kolommen = st.columns(3)
    for i, (label, klein) in enumerate(jv.kleine_grafieken(categorie_rijen, koppen, kop)):
        kolommen[i % 3].altair_chart(klein, theme=None, width="stretch",
                                     key=f"klein_{sleutel}_{i}")
        with kolommen[i % 3].expander(f"Tabel bij de grafiek: {label}"):
            cellen = next(c for _, naam, c in categorie_rijen if naam == label)
            st.table(als_tekst(pl.DataFrame({"Jaar": koppen, "Aantal": list(map(str, cellen))})),
                     hide_index=True)
    st.caption("Elke grafiek heeft dezelfde schaal; de titel noemt het verschil B − A (en het "
               "percentage bij een basis van minstens 10). De tabel hierboven heeft dezelfde "
               "cijfers.")

page.telregels(maat, extra="Verschil = B − A; een percentage alleen bij een basis (A) van "
               "minstens 10." + (" * = vergelijkbare maanden." if gelijk else ""))
