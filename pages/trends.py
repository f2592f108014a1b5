"""Trends per thema: counts per month or quarter, per thema or gebied, with annotated events."""

import datetime as dt
from pathlib import Path

import polars as pl
import streamlit as st
import yaml

from dashboard import charts, labels, measures, page, period
from dashboard.security import literal
from core import fmt
from data_pipeline.settings import config_dir

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


@st.cache_data(show_spinner=False)
def gebeurtenissen(path, mtime):
    """The configured events (date, label, toelichting); a broken file gives a Dutch message."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        rows = [{"datum": dt.date.fromisoformat(str(g["datum"])), "label": str(g["label"]),
                 "toelichting": str(g.get("toelichting") or "")}
                for g in data.get("gebeurtenissen") or []]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        return None, f"config/gebeurtenissen.yaml is niet te lezen ({type(exc).__name__})."
    return rows, None


def periode_label(d, kwartaal):
    return f"K{(d.month - 1) // 3 + 1} {d.year}" if kwartaal else fmt.maand(d)


ctx = page.begin("trends")
page.freshness()

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
samengevoegd = totalen[reekskop].to_list()[MAX_REEKSEN:] if totalen.height > MAX_REEKSEN + 1 \
    else []
if samengevoegd:
    overig = f"Overige {reekskop.lower()}s (samen)" if indeling == "gebied" \
        else "Overige thema's (samen)"
    df = (df.with_columns(pl.when(pl.col(reekskop).is_in(samengevoegd)).then(pl.lit(overig))
                          .otherwise(pl.col(reekskop)).alias(reekskop))
          .group_by("periode", reekskop).agg(pl.col("aantal").sum()).sort("periode", reekskop))

events = []
sluitingen = page.query("trends_sluitingen_13b", van=ctx.van, tot=tot)
for r in sluitingen.iter_rows(named=True):
    events.append({"datum": r["datum"], "label": "13b-sluiting",
                   "toelichting": f"{r['aantal']} sluiting(en) art. 13b Opiumwet"})
bestand = config_dir() / "gebeurtenissen.yaml"
config_rows, config_fout = gebeurtenissen(str(bestand),
                                          bestand.stat().st_mtime if bestand.exists() else 0)
if config_fout:
    st.warning(config_fout)
events += [g for g in config_rows or [] if ctx.van <= g["datum"] <= tot]
events_df = pl.DataFrame(events, schema={"datum": pl.Date, "label": pl.String,
                                         "toelichting": pl.String})

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
    grafiek = charts.met_markeringen(grafiek.properties(height=420), events_df)
    tabel = (df.with_columns(pl.col("periode").map_elements(
                lambda d: periode_label(d, kwartaal), return_dtype=pl.String).alias("Periode"))
             .pivot(on=reekskop, index="Periode", values="aantal", sort_columns=True,
                    maintain_order=True))
    # per aandachtsgebied is a breakdown below the municipality: small counts are shielded
    page.chart(grafiek, tabel, titel, f"trends_{indeling}_{eenheid}_{ctx.label}",
               afschermen=indeling == "gebied")

if samengevoegd:
    st.caption("Samengevoegd tot één reeks (kleinste aantallen): "
               f"{', '.join(literal(n) for n in samengevoegd)}.")
page.telregels(*gemeten, extra=(
    "Een aandachtsgebied staat alleen bij signalen (en bij handhaving via het signaal); "
    "M-meldingen en rijen zonder gebied vallen hier buiten. Een aandachtsgebied is niet de "
    "wijk: zie de handleiding." if indeling == "gebied" else ""))

if events:
    st.subheader("Gebeurtenissen in de grafiek")
    page.table(events_df.sort("datum").rename({"datum": "Datum", "label": "Gebeurtenis",
                                               "toelichting": "Toelichting"}),
               "Gebeurtenissen", f"gebeurtenissen_{ctx.label}")
    st.caption("Bron: sluitingen uit de handhavingsgegevens; overige gebeurtenissen uit "
               "config/gebeurtenissen.yaml (data deels geschat, zie dat bestand).")
