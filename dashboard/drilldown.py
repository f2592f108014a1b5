"""Drill-down: from a figure to the rows behind it, for the roles that may see records.

The rows come from the measure itself (measures.rows reads fct_metingen), so they follow the
figure's counting rule and add up to it. Every view is audited first (security.detail_viewed,
fail closed: without the trail no rows). Only pseudonymised contract columns are shown. A
role without records never gets rows: its selection narrows the aggregate view instead.
"""

import datetime as dt

import altair as alt
import polars as pl
import streamlit as st

from core import fmt
from core.audit import AuditUnavailable
from dashboard import labels, measures, page, roles, security, suppression

KOPPEN = {"maat": "Telling", "id": "Kenmerk", "datum": "Datum", "thema": "Thema",
          "bron": "Bron", "wijk": "Wijk", "gebied": "Aandachtsgebied",
          "instrument": "Instrument", "branche": "Branche"}
SELECTIE = "keuze"  # the name of the point selection in a chart


def mag_rijen_zien():
    """True for a session whose role may see record-level rows (roles.may_see_records)."""
    return roles.may_see_records(st.session_state.get("roles"))


def _label(kolom, waarde):
    if waarde is None:
        return None
    if kolom == "thema":
        return labels.thema(waarde)
    if kolom == "gebied":
        return labels.gebied(waarde)
    if kolom == "maat":
        return measures.get(waarde).label
    if kolom in ("bron", "instrument", "branche"):
        return labels.label(kolom, waarde)
    return waarde


def rijen_frame(rijen):
    """The rows as shown: Dutch headers and labels, ISO-free dates, empty columns left out."""
    kolommen = [k for k in KOPPEN if k in rijen.columns and rijen[k].null_count() < rijen.height
                and not (k == "maat" and rijen["maat"].n_unique() == 1)]
    data = {}
    for k in kolommen:
        waarden = rijen[k].to_list()
        data[KOPPEN[k]] = [fmt.datum(v) if k == "datum" else _label(k, v) for v in waarden]
    return pl.DataFrame(data, schema={k: pl.String for k in data})


def toon_rijen(page_id, maten, van, tot, dimensie, categorieen, leeg, cijfer, titel):
    """Audit, then show the rows behind one figure; returns the number of rows behind it (None
    when the audit trail is unavailable: then nothing is shown)."""
    if not mag_rijen_zien():  # fails closed: the caller should not have asked
        return None
    rijen = measures.rows(page.query, maten, van, tot, dimensie, categorieen, leeg)
    totaal = int(rijen["totaal"][0]) if rijen.height else 0
    try:
        security.detail_viewed(st.session_state, page_id, list(maten), dimensie,
                               list(categorieen) + ([None] if leeg else []), van, tot, totaal)
    except AuditUnavailable as exc:
        st.error(str(exc))
        return None
    st.subheader(f"Rijen achter het cijfer: {titel}")
    st.caption(f"{fmt.getal(totaal)} {'rij' if totaal == 1 else 'rijen'} van {fmt.datum(van)} "
               f"t/m {fmt.datum(tot)}, geteld zoals het cijfer ({_tekst(cijfer)}). Alleen "
               "gepseudonimiseerde kenmerken; dit bekijken staat in de audittrail.")
    if totaal > rijen.height:
        st.warning(f"Getoond worden de eerste {fmt.getal(rijen.height)} van "
                   f"{fmt.getal(totaal)} rijen.")
    if rijen.height:
        st.dataframe(rijen_frame(rijen), hide_index=True, width="stretch",
                     key=f"rijen_{page_id}")
    return totaal


def _tekst(v):
    return v if isinstance(v, str) else fmt.getal(v)


def gekozen_punt(staat, naam=SELECTIE):
    """The fields of the first selected point in a chart's event state; {} when none."""
    try:
        punten = staat["selection"][naam]
    except (KeyError, TypeError):
        return {}
    if isinstance(punten, list) and punten and isinstance(punten[0], dict):
        return dict(punten[0])
    return {}


def als_datum(waarde):
    """A date from a selected point: Vega-Lite gives a temporal field as epoch milliseconds
    (UTC), sometimes as ISO text; None when it is neither."""
    if isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
        return (dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=waarde)).date()
    try:
        return dt.date.fromisoformat(str(waarde)[:10])
    except ValueError:
        return None


# --- Trends: a bar or point is a period and a series ---
TRENDS_KEUZE = "trends_keuze"  # {"periode": ISO date, "reeks": label} of the chosen bar/point


def _trends_gekozen(grafiek_key, veld, reekskop):
    """Keep the chosen bar or point of the Trends chart as a period and a series label."""
    punt = gekozen_punt(st.session_state.get(grafiek_key))
    periode = als_datum(punt.get(veld)) if punt else None
    st.session_state[TRENDS_KEUZE] = ({"periode": periode.isoformat(), "reeks": punt[reekskop]}
                                      if periode and punt.get(reekskop) else None)


def periode_einde(begin, kwartaal):
    """The last day of the month or quarter that starts on begin."""
    maand = begin.month + (2 if kwartaal else 0)
    eerste_daarna = dt.date(begin.year + (maand // 12), maand % 12 + 1, 1)
    return eerste_daarna - dt.timedelta(days=1)


def _categorieen(maten, indeling, van, tot, reeks, andere, naam):
    """The categories behind a series label: those with that label, or for a merged series
    ('Overige ... (samen)') every category whose label is not another series."""
    gevonden = set()
    for maat in maten:
        for c in measures.by(page.query, maat, indeling, van, tot)["categorie"].to_list():
            if c is not None and (naam(c) == reeks or (reeks not in andere and naam(c) not in
                                                       andere)):
                gevonden.add(c)
    return sorted(gevonden)


def trends_grafiek(grafiek, tabel, titel, bestandsnaam, afschermen, df, reekskop, maten,
                   indeling, kwartaal, van, tot, naam):
    """The Trends chart with a point selection, then what the chosen bar or point opens: its
    rows for a role with records, the series per period (aggregated) for another role."""
    grafiek_key = f"grafiek_{page.bestandsnaam(bestandsnaam)}"
    grafiek = grafiek.add_params(alt.selection_point(name=SELECTIE,
                                                     fields=["periode", reekskop]))
    grafiek_met_tabel(grafiek, tabel, titel, bestandsnaam, afschermen, grafiek_key,
                      lambda: _trends_gekozen(grafiek_key, "periode", reekskop))
    keuze = st.session_state.get(TRENDS_KEUZE) or {}
    try:
        begin = dt.date.fromisoformat(str(keuze.get("periode")))
    except ValueError:
        return
    punt = df.filter((pl.col("periode") == begin) & (pl.col(reekskop) == keuze.get("reeks")))
    if punt.height != 1:  # a choice from another view of the page: nothing to open
        return
    cijfer, reeks = int(punt["aantal"][0]), keuze["reeks"]
    w_van, w_tot = max(begin, van), min(periode_einde(begin, kwartaal), tot)
    periode = f"K{(begin.month - 1) // 3 + 1} {begin.year}" if kwartaal else fmt.maand(begin)
    if mag_rijen_zien():
        andere = set(df[reekskop].unique().to_list()) - {reeks}
        toon_rijen("trends", maten, w_van, w_tot, indeling,
                   _categorieen(maten, indeling, w_van, w_tot, reeks, andere, naam), False,
                   cijfer, f"{reeks}, {periode}")
    else:
        st.subheader(f"Inzoomen: {reeks}")
        reeks_df = df.filter(pl.col(reekskop) == reeks).sort("periode")
        st.dataframe(pl.DataFrame({
            "Periode": [f"K{(d.month - 1) // 3 + 1} {d.year}" if kwartaal else fmt.maand(d)
                        for d in reeks_df["periode"].to_list()],
            "Aantal": [fmt.getal(v) for v in reeks_df["aantal"].to_list()]}),
            hide_index=True, width="stretch",
            column_config={"Aantal": st.column_config.TextColumn("Aantal", alignment="right")})
        st.caption(f"Gekozen: {reeks}, {periode} ({fmt.getal(cijfer)}). Uw rol ziet totalen, "
                   "geen rijen.")


def grafiek_met_tabel(chart, table_df, title, filename, afschermen, key, on_select):
    """page.chart with on_select: a shielded breakdown with hidden cells gets the table only."""
    if (not roles.may_see_small_counts(st.session_state.get("roles"))
            and suppression.protect(table_df, afschermen)[1]):
        page.chart(chart, table_df, title, filename, afschermen=afschermen)
        return
    st.altair_chart(chart, theme=None, width="stretch", on_select=on_select,
                    selection_mode=[SELECTIE], key=key)
    with st.expander(f"Tabel bij de grafiek: {title}"):
        page.table(table_df, title, filename, afschermen=afschermen)
