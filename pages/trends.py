"""Trends per thema: counts per month or quarter, per thema or gebied, with annotated events."""

import datetime as dt
from pathlib import Path

import polars as pl
import streamlit as st

from dashboard import charts, labels, measures, page, period, roles, security, suppression
from dashboard import drilldown
from dashboard import events as agenda
from dashboard.security import literal
from core import fmt

MAX_REEKSEN = 6  # more series than this get grouped: the palette and the eye stop at ~7
BRONNEN = {"signalen": "Signalen", "m_meldingen": "M-meldingen",
           "handhaving": "Handhaving & Bibob"}


def maten(bronnen, indeling):
    """The measures the chosen sources add up to: signals and M-meldingen together are
    'signalen en meldingen' (a linked melding once); a measure without the dimension drops."""
    gekozen = []
    if "signalen" in bronnen and "m_meldingen" in bronnen:
        gekozen.append("signalen_en_meldingen")
    elif "signalen" in bronnen:
        gekozen.append("signalen")
    elif "m_meldingen" in bronnen:
        gekozen.append("m_meldingen")
    if "handhaving" in bronnen:
        gekozen.append("handhavingsacties")
    return [m for m in gekozen if indeling in measures.get(m).dimensies]


def periode_label(d, kwartaal):
    return f"K{(d.month - 1) // 3 + 1} {d.year}" if kwartaal else fmt.maand(d)


# The finest table behind every choice per aandachtsgebied: per month, gebied and part of a
# source. signalen_en_meldingen per gebied is signalen plus what the M-meldingen add (nothing
# today: they carry no gebied; kept as its own part so a change cannot open a difference).
DELEN = {"signalen": ["signalen"], "signalen_en_meldingen": ["signalen", "meldingen_erbij"],
         "handhavingsacties": ["handhavingsacties"]}


def fijnste_tabel(jaren):
    """Months x gebied x source part over every year with data, as one frame of counts."""
    van, tot = dt.date(jaren[0], 1, 1), dt.date(jaren[-1], 12, 31)
    frames = [measures.series(page.query, [m], "gebied", "maand", van, tot)
              .rename({"aantal": m}) for m in ("signalen", "signalen_en_meldingen",
                                               "handhavingsacties")]
    df = frames[0]
    for f in frames[1:]:
        df = df.join(f, on=["periode", "reeks"], how="full", coalesce=True)
    maanden = pl.DataFrame({"periode": pl.date_range(van, tot, "1mo", eager=True)})
    gebieden = df.select(pl.col("reeks").unique().sort())
    return (maanden.join(gebieden, how="cross")
            .join(df, on=["periode", "reeks"], how="left").fill_null(0)
            .select(pl.col("periode").dt.year().alias("jaar"),
                    pl.col("periode").dt.month().alias("maand"), pl.col("reeks").alias("gebied"),
                    "signalen", (pl.col("signalen_en_meldingen") - pl.col("signalen"))
                    .alias("meldingen_erbij"), "handhavingsacties"))


def afgeschermde_rijen(gemeten, van, tot, kwartaal, gebieden):
    """The rows per gebied for a role with shielded figures: every cell a sum of cells of the
    finest table, protected once (suppression.optelling), so no choice opens a difference."""
    fijn = fijnste_tabel(page.data_jaren()[0] or [van.year])
    delen = [d for m in gemeten for d in DELEN[m]]
    # known totals: a year's months per gebied (the yearly report) and a month's gebieden
    verborgen = suppression.raster(fijn, ["signalen", "meldingen_erbij", "handhavingsacties"],
                                   ["jaar", "maand", "gebied"], vary=("maand", "gebied"))
    waarden = {(r["jaar"], r["maand"], r["gebied"], d): r[d]
               for r in fijn.iter_rows(named=True) for d in delen}
    cellen = {}
    for m in pl.date_range(van.replace(day=1), tot, "1mo", eager=True).to_list():
        rij = cellen.setdefault(periode_label(m, kwartaal), {})
        for g in gebieden:
            rij.setdefault(labels.gebied(g), []).extend(
                (waarden.get((m.year, m.month, g, d), 0), verborgen.get((m.year, m.month, g, d)))
                for d in delen)
    return [{"Periode": label, **{k: suppression.optelling(c) for k, c in sorted(rij.items())}}
            for label, rij in cellen.items()]


def toon_afgeschermd(rijen, titel, bestandsnaam):
    """The shielded table on screen and as CSV: the same cells, no chart (it carries values)."""
    def frame(tekst):
        return pl.DataFrame([{k: v if k == "Periode" or isinstance(v, str) else tekst(v)
                              for k, v in r.items()} for r in rijen],
                            schema={k: pl.String for k in rijen[0]})

    st.info(f"{titel}: de grafiek wordt in uw rol niet getoond, omdat er kleine aantallen "
            "(1 tot 4) onder het niveau van de gemeente in zitten. De tabel toont ze "
            "afgeschermd.", icon=":material/visibility_off:")
    scherm = frame(fmt.getal)
    st.dataframe(scherm, hide_index=True, width="stretch",
                 column_config={c: st.column_config.TextColumn(c, alignment="right")
                                for c in scherm.columns[1:]})
    st.caption(f"Kleine aantallen afgeschermd: {suppression.LEGENDA} Afgeschermd is één tabel "
               "per maand, aandachtsgebied en bron; elke keuze van bronnen, maand of kwartaal "
               "en periode telt die cellen op, zodat geen keuze een afgeschermd aantal als "
               "verschil laat zien. Een optelling met een afgeschermde cel toont x.")
    naam = page.export_naam(bestandsnaam)
    st.download_button(f"Download tabel als CSV ({titel})", page.csv_bytes(frame(str)),
                       file_name=f"{naam}.csv", mime="text/csv", key=f"csv_{naam}",
                       on_click=security.downloaded, args=(st.session_state, f"{naam}.csv"))


ctx = page.begin("trends")
page.freshness()
period.toon_hele_maanden(ctx)
afschermen = not roles.may_see_small_counts(ctx.roles)

keuzes = st.columns([3, 2, 2, 2])
bronnen = keuzes[0].multiselect("Bronnen", list(BRONNEN), default=["signalen", "m_meldingen"],
                                format_func=BRONNEN.get, key="trends_bronnen")
eenheid = keuzes[1].radio("Per", ["maand", "kwartaal"], horizontal=True, key="trends_eenheid",
                          format_func=str.capitalize)
indeling = keuzes[2].radio("Indeling naar", ["thema", "gebied"], horizontal=True,
                           key="trends_indeling",
                           format_func={"thema": "Thema", "gebied": "Aandachtsgebied"}.get)
vorm = keuzes[3].radio("Weergave", ["staven", "lijnen"], horizontal=True, key="trends_vorm",
                       format_func={"lijnen": "Lijnen", "staven": "Gestapelde staven"}.get)

if not bronnen:
    st.info("Kies minstens één bron.")
    st.stop()

# months after the newest data are not zero but unknown: the axis stops at the data
nieuwste = page.nieuwste_datum()
tot = min(ctx.tot, period.maand_einde(nieuwste)) if nieuwste and nieuwste >= ctx.van else ctx.tot
gemeten = maten(bronnen, indeling)
if not gemeten:
    st.info("M-meldingen hebben geen aandachtsgebied; kies ook signalen of handhaving, of deel "
            "in naar thema.")
    st.stop()
df = measures.series(page.query, gemeten, indeling, eenheid, ctx.van, tot)
naam = labels.thema if indeling == "thema" else labels.gebied
reekskop = "Thema" if indeling == "thema" else "Aandachtsgebied"
df = df.with_columns(pl.col("reeks").map_elements(naam, return_dtype=pl.String).alias(reekskop))
totalen = df.group_by(reekskop).agg(pl.col("aantal").sum()).sort(["aantal", reekskop],
                                                                  descending=[True, False])
# grouping by exact totals would tell a shielded role how small series rank: it sees them all
samengevoegd = totalen[reekskop].to_list()[MAX_REEKSEN:] \
    if totalen.height > MAX_REEKSEN + 1 and not (afschermen and indeling == "gebied") else []
if samengevoegd:
    overig = f"Overige {reekskop.lower()}s (samen)" if indeling == "gebied" \
        else "Overige thema's (samen)"
    df = (df.with_columns(pl.when(pl.col(reekskop).is_in(samengevoegd)).then(pl.lit(overig))
                          .otherwise(pl.col(reekskop)).alias(reekskop))
          .group_by("periode", reekskop).agg(pl.col("aantal").sum()).sort("periode", reekskop))

# events: 13b closures from the data, the configured ones and the regisseur's (dashboard.events);
# one for a single theme only where that theme is a series of the chart
sluitingen = page.query("trends_sluitingen_13b", van=ctx.van, tot=tot)
getoond = {t for t in labels.THEMAS if labels.thema(t) in set(totalen[reekskop])} \
    if indeling == "thema" else set()
events_df, config_fout = agenda.frame(ctx.van, tot, getoond)
if config_fout:
    st.warning(config_fout)
events_df = pl.concat([events_df, pl.DataFrame(
    [{"datum": r["datum"], "label": "13b-sluiting", "thema": None, "bron": "handhaving",
      "toelichting": f"{r['aantal']} sluiting(en) art. 13b Opiumwet", "gebeurtenis_id": None}
     for r in sluitingen.iter_rows(named=True)], schema=agenda.FRAME_SCHEMA)]) \
    .sort("datum", "label").with_row_index("nr", offset=1).with_columns(pl.col("nr").cast(pl.Int64))
events = events_df.height > 0

kwartaal = eenheid == "kwartaal"
titel = f"{' + '.join(BRONNEN[b] for b in bronnen)} per {eenheid} naar {reekskop.lower()}, " \
        f"{ctx.label}" + (f" (t/m {fmt.maand(tot)})" if tot < ctx.tot else "")
if df.height == 0:
    st.info(f"Geen gegevens voor deze keuze in {ctx.label}.")
else:
    fmt_x = "K%q %Y" if kwartaal else "%b %Y"
    if vorm == "lijnen":
        grafiek = charts.line(df, "periode", "aantal", reekskop, title=titel, x_title=None,
                              x_format=fmt_x, description=f"Lijngrafiek: {titel}")
    else:
        grafiek = charts.bars(df, "periode", "aantal", reekskop, title=titel, x_title=None,
                              x_format=fmt_x, time_unit="yearquarter" if kwartaal
                              else "yearmonth", description=f"Gestapelde staven: {titel}")
    grafiek = charts.met_markeringen(grafiek.properties(height=420), events_df, ctx.van, tot)
    tabel = (df.with_columns(pl.col("periode").map_elements(
                lambda d: periode_label(d, kwartaal), return_dtype=pl.String).alias("Periode"))
             .pivot(on=reekskop, index="Periode", values="aantal", sort_columns=True,
                    maintain_order=True))
    # per aandachtsgebied is a breakdown below the municipality: small counts are shielded
    # what the file holds and for which months: signalen_per_maand_per_thema_2026-01-01_…
    bestandsnaam = page.export_naam(f"{'_'.join(gemeten)}_per_{eenheid}_per_{indeling}",
                                    (ctx.van, tot))
    beschermd = afgeschermde_rijen(gemeten, ctx.van, tot, kwartaal, df["reeks"].unique()
                                   .to_list()) if afschermen and indeling == "gebied" else []
    if any(isinstance(v, str) for r in beschermd for k, v in r.items() if k != "Periode"):
        toon_afgeschermd(beschermd, titel, bestandsnaam)
    else:
        # a bar or point opens its rows (roles with records) or narrows the view (others)
        drilldown.trends_grafiek(grafiek, tabel, titel, bestandsnaam, indeling == "gebied", df,
                                 reekskop, gemeten, indeling, kwartaal, ctx.van, tot, naam)

if samengevoegd:
    st.caption("Samengevoegd tot één reeks (kleinste aantallen): "
               f"{', '.join(literal(n) for n in samengevoegd)}.")
page.telregels(*gemeten, extra=(
    "Een aandachtsgebied staat alleen bij signalen (en bij handhaving via het signaal); "
    "M-meldingen en rijen zonder gebied vallen hier buiten. Een aandachtsgebied is niet de "
    "wijk: zie de handleiding." if indeling == "gebied" else ""))

if events:
    st.subheader("Gebeurtenissen in de grafiek")
    page.table(events_df.select(
        pl.col("nr").alias("Nr."), pl.col("datum").alias("Datum"),
        pl.col("label").alias("Gebeurtenis"),
        pl.col("thema").map_elements(agenda.thema_label, return_dtype=pl.String,
                                     skip_nulls=False).alias("Thema"),
        pl.col("bron").replace_strict({**agenda.BRONLABEL, "handhaving": "Handhavingsgegevens"})
        .alias("Bron"), pl.col("toelichting").alias("Toelichting")),
        "Gebeurtenissen", "gebeurtenissen", periode=(ctx.van, tot))
    st.caption("Het nummer staat boven de grafiek bij de datum. Bron: sluitingen uit de "
               "handhavingsgegevens, config/gebeurtenissen.yaml (data deels geschat, zie dat "
               "bestand) en wat de regisseur in de app vastlegt.")
if roles.may_edit_plan(ctx.roles):  # the regisseur keeps the events
    agenda.beheer()
