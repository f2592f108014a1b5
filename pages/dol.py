"""DOL/DOR-toezicht: registrations, opkopers, timeliness, stolen-goods matches, register checks.

Opkopers appear by pseudonym only for the roles that may see record-level data (regisseur,
loo); a manager sees how registrations are spread, never who.
"""

import polars as pl
import streamlit as st
import yaml

from core import fmt
from dashboard import charts, labels, measures, page, period, roles, suppression
from data_pipeline.settings import config_dir

STANDAARD_TERMIJN = 7
KLEIN = suppression.DREMPEL  # counts of 1..4 about opkopers: shielded without small counts
AFGESCHERMD = "afgeschermd"


def registratietermijn():
    """The registration term in days from config/dol.yaml; a clear Dutch stop when invalid."""
    pad = config_dir() / "dol.yaml"
    if not pad.exists():
        return STANDAARD_TERMIJN
    try:
        data = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
        waarde = data.get("registratietermijn_dagen", STANDAARD_TERMIJN)
    except (yaml.YAMLError, UnicodeDecodeError, AttributeError):
        waarde = None
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not 0 <= waarde <= 365:
        st.error(f"Instelling ongeldig in {pad.name}: 'registratietermijn_dagen' moet een heel "
                 "aantal dagen tussen 0 en 365 zijn. Pas het bestand aan of vraag de beheerder.")
        st.stop()
    return waarde


ALLEEN_TOTAAL = ("In uw rol staat hier alleen het totaal: een uitsplitsing gaat over één of "
                 "enkele opkopers. Kies een heel jaar voor de uitsplitsing, met kleine aantallen "
                 "afgeschermd.")


def branche(col="branche"):
    return pl.col(col).replace_strict(labels.KINDS["branche"], default=pl.col(col))


def telling(chart):
    """Count axes in whole numbers (no 0,5 ticks) and legends that show their full labels."""
    return chart.configure_axisQuantitative(tickMinStep=1, tickCount=8, format=",d") \
        .configure_legend(labelLimit=360)


ctx = page.begin("dol")
page.freshness()
period.toon_hele_maanden(ctx)
termijn = registratietermijn()
mag_pseudoniemen = roles.may_see_records(ctx.roles)
# Every count here is about few opkopers (the register has tens of them): a role without small
# counts sees 1..4 on a tile as "<5". A breakdown of matches or checks, whose cells are one
# opkoper's purchase or outcome, it sees for a whole year only, shielded: years do not overlap,
# so no two of those tables can be subtracted (docs/privacy.md, Kleine aantallen).
afschermen = not roles.may_see_small_counts(ctx.roles)
uitsplitsen = not afschermen or ctx.jaar is not None
TEGELS = ("dol_registraties", "dol_goederen", "dol_opkopers")


def per_maand_en_branche(naam):
    """A measure per month and branche (0 where a branche had none that month)."""
    return measures.series(page.query, [naam], "branche", "maand", ctx.van, ctx.tot).rename(
        {"periode": "maand", "reeks": "branche", "aantal": naam})


# Registrations per month and branche
st.subheader(f"Registraties in het opkopersregister, {ctx.label}")
tegels = measures.values(page.query, TEGELS, ctx.van, ctx.tot)
verdeling = page.query("dol_opkopers_verdeling", van=ctx.van, tot=ctx.tot).row(0, named=True)
for kolom, naam in zip(st.columns(len(TEGELS)), TEGELS):
    kolom.metric(measures.get(naam).label, suppression.tegel(tegels[naam], afschermen),
                 border=True)
per_maand = per_maand_en_branche("dol_registraties").join(
    per_maand_en_branche("dol_goederen"), on=["maand", "branche"]).filter(
    pl.col("dol_registraties") > 0)
if per_maand.height:
    tabel = per_maand.select(pl.col("maand").alias("Maand"), branche().alias("Branche"),
                             pl.col("dol_registraties").alias("Registraties"),
                             pl.col("dol_goederen").alias("Goederen"))
    grafiek = charts.bars(tabel, "Maand", "Registraties", color="Branche", y_title="Registraties",
                          title="Registraties per maand en branche",
                          description="Aantal DOL/DOR-registraties per maand, gestapeld per "
                                      "branche")
    page.chart(telling(grafiek), tabel, "Registraties per maand en branche",
               f"dol_per_maand_{ctx.label}")
else:
    st.info("Geen registraties in deze periode.")
page.telregels(*TEGELS)

# Opkopers by volume
st.subheader("Opkopers naar aantal registraties")
if verdeling["opkopers"]:
    a, b, c = st.columns(3)
    mediaan = verdeling["mediaan_per_opkoper"]
    # Without record-level rights a share or median that stands for 1..4 registrations of
    # opkopers is a small count below the municipality: it shows as <5, never as its value.
    klein = {
        "grootste": not mag_pseudoniemen and verdeling["grootste"] < KLEIN,
        "top3": not mag_pseudoniemen and verdeling["top3"] < KLEIN,
        "mediaan": not mag_pseudoniemen and mediaan < KLEIN,
    }
    a.metric("Aandeel van de grootste opkoper", AFGESCHERMD if klein["grootste"] else
             fmt.procent(verdeling["aandeel_grootste"]), border=True)
    b.metric("Aandeel van de drie grootste", AFGESCHERMD if klein["top3"] else
             fmt.procent(verdeling["aandeel_top3"]), border=True)
    c.metric("Mediaan registraties per opkoper", "<5" if klein["mediaan"] else
             fmt.getal(mediaan, 1 if mediaan % 1 else 0), border=True)
    if any(klein.values()):
        st.caption("Afgeschermd: het getal staat voor minder dan 5 registraties van één of "
                   "enkele opkopers.")
    if mag_pseudoniemen:
        top = page.query("dol_opkopers_top", van=ctx.van, tot=ctx.tot, limiet=10)
        tabel = top.select(pl.col("opkoper_pseudoniem").alias("Opkoper (pseudoniem)"),
                           pl.col("registraties").alias("Registraties"),
                           pl.col("goederen").alias("Goederen"),
                           (pl.col("aandeel") * 100).round(1).alias("Aandeel (%)"))
        grafiek = charts.bars(tabel, "Opkoper (pseudoniem)", "Registraties", x_type="N",
                              horizontal=True, y_title="Registraties",
                              title="Top 10 opkopers naar registraties",
                              description="De tien opkopers met de meeste registraties")
        page.chart(telling(grafiek), tabel, "Top 10 opkopers",
                   f"dol_top_opkopers_{ctx.label}")
    else:
        st.caption("Opkopers worden in deze rol niet bij pseudoniem getoond; alleen de "
                   "verdeling.")
else:
    st.info("Geen opkopers met registraties in deze periode.")
page.counting_rule("registraties per opkoper in de gekozen periode; aandeel = deel van alle "
                   "registraties in de periode.")

# Timeliness
st.subheader("Tijdigheid van registreren")
tijdig = page.query("dol_tijdigheid", van=ctx.van, tot=ctx.tot, termijn=termijn)
totaal = tijdig.filter(pl.col("branche") == "totaal")
if totaal.height and totaal["registraties"][0]:
    t = totaal.row(0, named=True)
    a, b = st.columns(2)
    dagen = "dag" if termijn == 1 else "dagen"
    a.metric(f"Binnen {fmt.getal(termijn)} {dagen} geregistreerd", fmt.procent(t["aandeel_tijdig"]),
             border=True)
    b.metric("Mediaan dagen van aankoop tot registratie",
             "–" if t["mediaan_dagen"] is None else
             fmt.getal(t["mediaan_dagen"], 1 if t["mediaan_dagen"] % 1 else 0), border=True)
    per_branche = tijdig.filter(pl.col("branche") != "totaal")
    lang = per_branche.select(
        branche().alias("Branche"),
        pl.col("binnen_termijn").alias("Binnen termijn"),
        (pl.col("met_aankoopdatum") - pl.col("binnen_termijn")).alias("Te laat"),
        pl.col("zonder_aankoopdatum").alias("Aankoopdatum onbekend"),
    ).unpivot(index="Branche", variable_name="Tijdigheid", value_name="Registraties")
    grafiek = charts.bars(lang, "Branche", "Registraties", color="Tijdigheid", x_type="N",
                          horizontal=True, y_title="Registraties",
                          title=f"Tijdigheid per branche (termijn {termijn} dagen)",
                          description="Registraties per branche: binnen de termijn, te laat, "
                                      "of zonder aankoopdatum")
    tabel = tijdig.select(
        branche().alias("Branche"), pl.col("registraties").alias("Registraties"),
        pl.col("binnen_termijn").alias("Binnen termijn"),
        pl.col("zonder_aankoopdatum").alias("Aankoopdatum onbekend"),
        (pl.col("aandeel_tijdig") * 100).round(1).alias("Aandeel tijdig (%)"),
        pl.col("mediaan_dagen").alias("Mediaan dagen"), pl.col("max_dagen").alias("Max. dagen"))
    page.chart(telling(grafiek), tabel, "Tijdigheid per branche", f"dol_tijdigheid_{ctx.label}")
else:
    st.info("Geen registraties in deze periode.")
page.counting_rule(
    f"hele dagen van aankoopdatum tot registratiedatum; tijdig = binnen {fmt.getal(termijn)} "
    "dagen (instelling registratietermijn_dagen in config/dol.yaml). Registraties zonder "
    "aankoopdatum tellen niet mee in het aandeel en de mediaan.")

links, rechts = st.columns(2, gap="large")

with links:
    st.subheader("Matches met gestolen goederen")
    gestolen = per_maand_en_branche("dol_gestolen_match").join(
        per_maand_en_branche("dol_registraties"), on=["maand", "branche"])
    matches = int(gestolen["dol_gestolen_match"].sum())
    st.metric(measures.get("dol_gestolen_match").label, suppression.tegel(matches, afschermen),
              border=True)
    if matches and not uitsplitsen:
        st.caption(ALLEEN_TOTAAL)
    elif matches:
        tabel = gestolen.filter(pl.col("dol_gestolen_match") > 0).select(
            pl.col("maand").alias("Maand"), branche().alias("Branche"),
            pl.col("dol_gestolen_match").alias("Matches"),
            pl.col("dol_registraties").alias("Registraties"))
        grafiek = charts.bars(tabel, "Maand", "Matches", color="Branche", y_title="Matches",
                              title="Matches per maand en branche",
                              description="Registraties met een match op gestolen goed, per "
                                          "maand en branche")
        page.chart(telling(grafiek), tabel, "Matches met gestolen goederen",
                   f"dol_gestolen_{ctx.label}", afschermen=afschermen or None)
    page.telregels("dol_gestolen_match")

with rechts:
    st.subheader("Registercontroles")
    controles = measures.by(page.query, "registercontroles", "uitkomst", ctx.van, ctx.tot)
    st.metric(measures.get("registercontroles").label,
              suppression.tegel(int(controles["waarde"].sum()), afschermen), border=True)
    if controles.height and not uitsplitsen:
        st.caption(ALLEEN_TOTAAL)
    elif controles.height:
        tabel = controles.sort(["waarde", "categorie"], descending=[True, False]).select(
            pl.col("categorie").map_elements(labels.uitkomst, return_dtype=pl.String)
            .alias("Uitkomst"), pl.col("waarde").alias("Aantal"))
        grafiek = charts.bars(tabel, "Uitkomst", "Aantal", x_type="N", horizontal=True,
                              title="Registercontroles per uitkomst",
                              description="Aantal registercontroles DOL/DOR per uitkomst")
        page.chart(telling(grafiek), tabel, "Registercontroles per uitkomst",
                   f"dol_registercontroles_{ctx.label}", afschermen=afschermen or None)
    else:
        st.info("Geen registercontroles in deze periode.")
    page.telregels("registercontroles")
