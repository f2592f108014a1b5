"""Drill-down: from a figure to the rows behind it, for the roles that may see records.

The rows come from the measure itself (measures.rows reads fct_metingen), so they follow the
figure's counting rule and add up to it. Every view is audited first (security.detail_viewed,
fail closed: without the trail no rows). Only pseudonymised contract columns are shown. A
role without records never gets rows: its selection narrows the aggregate view instead.
"""

import datetime as dt

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


def grafiek(chart, table_df, title, filename, on_select, afschermen=None):
    """page.chart with a point selection: the chart calls on_select when a bar or point is
    chosen. A breakdown with hidden small counts reaches a shielded role as its table only."""
    if (not roles.may_see_small_counts(st.session_state.get("roles"))
            and suppression.protect(table_df, afschermen)[1]):
        page.chart(chart, table_df, title, filename, afschermen=afschermen)
        return
    st.altair_chart(chart, theme=None, width="stretch", on_select=on_select,
                    selection_mode=[SELECTIE], key=f"grafiek_{page.bestandsnaam(filename)}")
    with st.expander(f"Tabel bij de grafiek: {title}"):
        page.table(table_df, title, filename, afschermen=afschermen)
