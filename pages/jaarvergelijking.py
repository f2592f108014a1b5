"""Jaarvergelijking: one source per thema, instrument or branche, year A against year B."""

import polars as pl
import streamlit as st

from core import fmt
from dashboard import charts, labels, measures, page, period

# the key of the choice -> (measure, dimension); the measure gives the name and the rule
BRONNEN = {
    "signalen_en_meldingen": ("signalen_en_meldingen", "thema"),
    "signalen": ("signalen", "thema"),
    "m_meldingen": ("m_meldingen", "thema"),
    "handhaving": ("handhavingsacties", "instrument"),
    "dol_registraties": ("dol_registraties", "branche"),
}
KOPPEN = {"thema": "Thema", "instrument": "Instrument", "branche": "Branche"}


def categorie_label(dimensie):
    return labels.thema if dimensie == "thema" else lambda v: labels.label(dimensie, v)


ctx = page.begin("jaarvergelijking")
page.freshness()

jaren = sorted(page.query("data_jaren")["jaar"].to_list(), reverse=True)
if not jaren:
    st.info("Er zijn nog geen gegevens geladen.")
    st.stop()
jaar_b_default = ctx.jaar if ctx.jaar in jaren else jaren[0]
jaar_a_default = jaar_b_default - 1 if jaar_b_default - 1 in jaren else jaren[-1]

keuzes = st.columns([3, 2, 2])
bron = keuzes[0].selectbox("Bron", list(BRONNEN),
                           format_func=lambda b: measures.get(BRONNEN[b][0]).label, key="jv_bron")
jaar_a = keuzes[1].selectbox("Jaar A (basis)", jaren, index=jaren.index(jaar_a_default),
                             key="jv_jaar_a")
jaar_b = keuzes[2].selectbox("Jaar B", jaren, index=jaren.index(jaar_b_default),
                             key="jv_jaar_b")

maat, indeling = BRONNEN[bron]
if bron == "handhaving":
    indeling = st.radio("Indeling naar", ["instrument", "thema"], horizontal=True,
                        key="jv_indeling", format_func=str.capitalize)
naam, kop, label = measures.get(maat).label, KOPPEN[indeling], categorie_label(indeling)
a_van, a_tot, b_van, b_tot, gelijk = period.jaren_vergelijken(jaar_a, jaar_b,
                                                               page.nieuwste_datum())
if gelijk:
    st.info(gelijk, icon=":material/date_range:")

per_a = measures.by_dict(page.query, maat, indeling, a_van, a_tot)
per_b = measures.by_dict(page.query, maat, indeling, b_van, b_tot)
df = pl.DataFrame({"categorie": list(set(per_a) | set(per_b))}, schema={"categorie": pl.String})
df = df.with_columns(
    pl.col("categorie").replace_strict(per_a, default=0, return_dtype=pl.Int64).alias("aantal_a"),
    pl.col("categorie").replace_strict(per_b, default=0, return_dtype=pl.Int64).alias("aantal_b"),
).sort(["aantal_b", "aantal_a", "categorie"], descending=[True, True, False])
kol_a, kol_b = f"{jaar_a}" + (" *" if gelijk else ""), f"{jaar_b}" + (" *" if gelijk else "")
if kol_a == kol_b:
    kol_b += " (B)"

totaal_a, totaal_b = int(df["aantal_a"].sum()), int(df["aantal_b"].sum())
tegels = st.columns(3)
tegels[0].metric(f"{naam} {kol_a}", fmt.getal(totaal_a), border=True)
tegels[1].metric(f"{naam} {kol_b}", fmt.getal(totaal_b), border=True)
tegels[2].metric("Verschil (B − A)", page.verschil_tekst(totaal_b, totaal_a), border=True)

if df.height == 0:
    st.info(f"Geen {naam.lower()} in {jaar_a} of {jaar_b}.")
else:
    rijen = df.with_columns(pl.col("categorie").map_elements(label, return_dtype=pl.String)
                            .alias(kop))
    tabel = pl.DataFrame({
        kop: rijen[kop].to_list() + ["Totaal"],
        kol_a: rijen["aantal_a"].to_list() + [totaal_a],
        kol_b: rijen["aantal_b"].to_list() + [totaal_b],
        "Verschil (B − A)": [fmt.verschil(b - a) for a, b in
                             zip(rijen["aantal_a"].to_list() + [totaal_a],
                                 rijen["aantal_b"].to_list() + [totaal_b])],
        "Verschil %": [page.verschil_procent(b, a) or "–"
                       for a, b in zip(rijen["aantal_a"].to_list() + [totaal_a],
                                       rijen["aantal_b"].to_list() + [totaal_b])],
    }, schema_overrides={kol_a: pl.Int64, kol_b: pl.Int64})
    lang = (rijen.select(kop, pl.col("aantal_a").alias(kol_a), pl.col("aantal_b").alias(kol_b))
            .unpivot(index=kop, variable_name="Jaar", value_name="Aantal"))
    titel = f"{naam} per {kop.lower()}: {jaar_a} en {jaar_b}"
    grafiek = charts.bars(lang, kop, "Aantal", "Jaar", title=titel, stacked=False, x_type="N",
                          x_title=kop, description=f"Staafdiagram: {titel}")
    page.chart(grafiek.properties(height=380), tabel, titel,
               f"jaarvergelijking_{bron}_{indeling}_{jaar_a}_{jaar_b}")
page.telregels(maat, extra="Verschil = B − A; een percentage alleen bij een basis (A) van "
               "minstens 10." + (" * = vergelijkbare maanden." if gelijk else ""))
