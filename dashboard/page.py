"""What every page uses: the role guard, the period, cached queries, freshness and chart output.

A page is a short script:

    ctx = page.begin("overzicht")
    df = page.query("overzicht_kengetallen", van=ctx.van, tot=ctx.tot)
    page.chart(chart, table, "Titel", "bestandsnaam")
"""

import datetime as dt
import io
import re
import threading
from dataclasses import dataclass

import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.audit import AuditUnavailable
from dashboard import (guard, labels, measures, period, queries, roles, security, suppression,
                       workbook)
from core import fmt
from data_pipeline import db

_run = threading.local()  # per script-run thread: the pinned database version


@dataclass(frozen=True)
class Context:
    """What a page knows after the guard: who is looking, at which period, in which database."""

    page_id: str
    rol: str
    roles: tuple
    van: dt.date
    tot: dt.date
    jaar: int | None
    label: str
    db: str
    gemeente: str | None = None


def begin(page_id, needs_data=True):
    """The guard (dashboard.guard), then the page's title and context.

    Without a database yet, a page that needs data says so in Dutch and stops.
    """
    user_roles = guard.toegang(page_id)
    st.title(roles.title(page_id))
    eigen = gemeente() if db.database_path().exists() else None
    queries.beperk(eigen)  # the report and the plan store query through this thread too
    if needs_data and not db.database_path().exists():
        st.info("Er zijn nog geen gegevens geladen. De ondermijningsregisseur laadt exports op "
                "de pagina Data & kwaliteit (of met `python -m data_pipeline load`).")
        st.stop()
    p = period.huidig(data_jaren()[0])
    run = get_script_run_ctx()
    _run.periode = (run.cursors, p.van, p.tot, p.label) if run else None  # for export names
    try:  # pages that show records (roles.PAGES) are in the audit trail
        security.page_viewed(st.session_state, page_id, p.van, p.tot)
    except AuditUnavailable as exc:
        st.error(str(exc))
        st.stop()
    return Context(page_id, roles.rol_label(user_roles), user_roles, p.van, p.tot, p.jaar,
                   p.label, str(db.database_path()), eigen)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name, params, db_path, version, _con=None):
    """One query result per name, parameters, database and data version (_con: that version)."""
    if _con is None:
        return queries.run(name, db=db_path, **dict(params))
    with db.cursor(_con) as cur:
        return queries.run(name, con=cur, **dict(params))


def _pinned(path):
    """The version this script run reads, fixed at its first query: a load that swaps the file
    halfway through a rendering shows at the next run, never as a mix of old and new."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return None, None
    pin = getattr(_run, "pin", None)
    # ctx.cursors is a new dict at the start of every script run: it marks the run
    if pin is None or pin[0] is not ctx.cursors or pin[1] != path:
        pin = (ctx.cursors, path, *db.snapshot(path))
        _run.pin = pin
    return pin[2], pin[3]


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def query(name, **params):
    """Run queries/<name>.sql, cached until a load swaps in a new database file, for the
    session's own gemeente only ($gemeente: set here, whatever the caller or the URL asks).

    Returns data only to a session with a known role (fails closed, also outside begin()).
    """
    guard.gegevens()
    params["gemeente"] = gemeente()
    return _query(name, **params)


# Queries that compare gemeenten: aggregates per gemeente, no records; the district page
# shields other gemeenten's small counts (dashboard.suppression) before anything is shown.
DISTRICT_QUERIES = ("district_gemeenten", "district_metingen")


def district_query(name, **params):
    """One of DISTRICT_QUERIES over every gemeente (aggregates only), for a known role."""
    guard.gegevens()
    if name not in DISTRICT_QUERIES:
        raise KeyError(f"{name} is geen districtquery")
    return _query(name, **params)


def district_gemeenten():
    """The gemeenten that have data, in name order."""
    return district_query("district_gemeenten")["gemeente"].to_list()


def is_district():
    """True when the database holds data of more than one gemeente (no database: False)."""
    try:
        return len(district_gemeenten()) > 1
    except FileNotFoundError:
        return False


def gemeente():
    """The gemeente this session sees records of: its own (set at login from the account);
    without one, the configured gemeente of a single-gemeente database. In a district a session
    without a gemeente sees nothing (fails closed)."""
    eigen = st.session_state.get("gemeente")
    if isinstance(eigen, str) and eigen.strip():
        return eigen
    if not is_district():
        from data_pipeline.settings import load_settings

        return load_settings().gemeente
    st.error("Geen toegang: uw account hoort bij geen gemeente van dit district. Vraag de "
             "beheerder om uw gemeente aan het account toe te voegen.")
    st.stop()


def _query(name, **params):
    """A cached query with exactly these parameters (query and district_query add the scope)."""
    path = str(db.database_path())
    key = tuple(sorted((k, _hashable(v)) for k, v in params.items()))
    version, con = _pinned(path)
    if con is None:
        return _cached(name, key, path, db.data_version(path))
    return _cached(name, key, path, version, _con=con)


def clear_cache():
    """Forget every cached query result and this run's pinned version (after an upload)."""
    _cached.clear()
    _run.pin = None


def data_jaren():
    """The years with data (oldest first) and the newest date in the data, over all sources."""
    try:
        df = query("data_jaren")
    except FileNotFoundError:
        return [], None
    return [int(j) for j in df["jaar"].to_list()], (df["nieuwste_datum"].max() if df.height
                                                     else None)


def nieuwste_datum():
    """The newest event date in the data, over all sources (None without data)."""
    return data_jaren()[1]


def sidebar():
    """The period filter in the sidebar (dashboard.period), for the years with data."""
    return period.sidebar(*data_jaren())


def vergelijking(ctx):
    """The like-for-like comparison window of the chosen period (see period.vergelijking)."""
    return period.vergelijking(period.Periode(ctx.van, ctx.tot, ctx.jaar, ctx.label),
                               nieuwste_datum())


def freshness():
    """One line under the title: per source the newest date in the data and the last load."""
    try:
        df = query("versheid")
    except FileNotFoundError:
        st.warning("Er zijn nog geen gegevens geladen.")
        return
    delen = []
    laatst = None
    for r in df.iter_rows(named=True):
        if not r["rijen"]:
            continue
        if r["nieuwste_datum"] is not None:
            delen.append(f"{labels.label('source', r['bron'])} t/m "
                         f"{fmt.datum(r['nieuwste_datum'])}")
        if r["laatst_geladen"] is not None:
            laatst = max(laatst, r["laatst_geladen"]) if laatst else r["laatst_geladen"]
    if not delen:
        st.warning("Er zijn nog geen gegevens geladen.")
        return
    tekst = "Gegevens t/m: " + " · ".join(delen)
    if laatst:
        tekst += f" — laatst geladen {fmt.datum_tijd(laatst)}"
    st.caption(tekst)


def counting_rule(text):
    """The counting rule under a figure."""
    st.caption(f"Telregel: {text}")


def telregels(*names, extra=""):
    """The registered counting rules of the measures shown (dashboard.measures), and more."""
    tekst = measures.telregels(*names)
    st.caption(f"{'Telregels' if len(names) > 1 else 'Telregel'}: {tekst}"
               + (f" {extra}" if extra else ""))


def _display(table, kolommen):
    """The table as shown: Dutch headers, Dutch dates and decimal commas; a difference signed
    ('−2'), a fraction column ('Verschil (fractie)') as a Dutch percentage under 'Verschil %'."""
    if kolommen:
        table = table.select([pl.col(k).alias(v) for k, v in kolommen.items()])
    out = {}
    for name, dtype in table.schema.items():
        col = table[name]
        if dtype == pl.Date:
            out[name] = [fmt.datum(v) for v in col.to_list()]
        elif isinstance(dtype, pl.Datetime):
            out[name] = [fmt.datum_tijd(v) for v in col.to_list()]
        elif dtype.is_float() and name.endswith(FRACTIE):
            out[name.removesuffix(FRACTIE).strip() + " %"] = [procent_tekst(v)
                                                            for v in col.to_list()]
        elif dtype.is_float():
            out[name] = [None if v is None else fmt.getal(v, 1) for v in col.to_list()]
        elif dtype.is_integer() and name.startswith(VERSCHIL):
            out[name] = [None if v is None else fmt.verschil(v) for v in col.to_list()]
        elif dtype.is_integer():
            out[name] = [None if v is None else fmt.getal(v) for v in col.to_list()]
        else:
            out[name] = col.to_list()
    return pl.DataFrame(out, schema={k: pl.String for k in out}) if out else table, table


# --- exports an analyst can calculate with ---
VERSCHIL = "Verschil"  # an integer column whose name starts so is a signed difference
FRACTIE = "(fractie)"  # a float column whose name ends so is a share: 0.25, shown as 25%
BASIS_MINIMUM = 10  # below this base a relative difference says more than it knows
_GETAL = re.compile(r"^[+\u2212-]?\d{1,3}(?:\.?\d{3})*$")
_PROCENT = re.compile(r"^[+\u2212-]?\d{1,3}(?:\.?\d{3})*(?:,\d+)?%$")
_LEEG = ("", "–", "-")


def procent_tekst(fractie):
    """A signed fraction as a Dutch percentage: 0.25 -> '+25%', -0.08 -> '−8%', None -> '–'."""
    if fractie is None:
        return "–"
    teken = "+" if fractie > 0 else "\u2212" if fractie < 0 else ""
    return f"{teken}{fmt.procent(abs(fractie))}"


def verschil_kolommen(basis, nu):
    """The difference of two count lists as numbers: {'Verschil': nu − basis (Int64),
    'Verschil (fractie)': that over the base (Float64; empty below a base of 10)}."""
    verschil = [(b or 0) - (a or 0) for a, b in zip(basis, nu)]
    fractie = [None if a is None or a < BASIS_MINIMUM else d / a for a, d in zip(basis, verschil)]
    return {VERSCHIL: pl.Series(VERSCHIL, verschil, dtype=pl.Int64),
            f"{VERSCHIL} {FRACTIE}": pl.Series(f"{VERSCHIL} {FRACTIE}", fractie,
                                              dtype=pl.Float64)}


def _dutch_number(text):
    """'−1.234' -> -1234 and '+12,5%' -> 0.125 (a shown figure back to its value)."""
    text = text.replace("\u2212", "-").replace("+", "").replace(".", "").replace(",", ".")
    return float(text.rstrip("%")) / 100 if text.endswith("%") else int(text)


def numeriek(table):
    """The table with shown differences back as numbers: a 'Verschil…' text column of signed
    counts ('+3', '−2') becomes Int64, one of percentages ('+25%') a fraction column
    'Verschil (fractie)' (Float64); '–' becomes empty. Other columns stay as they are."""
    for name, dtype in table.schema.items():
        if dtype != pl.String or not name.startswith(VERSCHIL):
            continue
        waarden = [v.strip() for v in table[name].to_list() if v and v.strip() not in _LEEG]
        if not waarden:
            continue
        if all(_GETAL.match(v) for v in waarden):
            soort, nieuw = pl.Int64, name
        elif all(_PROCENT.match(v) for v in waarden):
            soort, nieuw = pl.Float64, f"{name.replace('%', '').strip()} {FRACTIE}"
        else:
            continue
        getallen = [None if not v or v.strip() in _LEEG else _dutch_number(v.strip())
                    for v in table[name].to_list()]
        table = table.with_columns(pl.Series(name, getallen, dtype=soort)).rename({name: nieuw})
    return table


def _formula_safe(name):
    """The text column with a leading apostrophe where a value starts like a formula."""
    risky = pl.any_horizontal(pl.col(name).str.starts_with(s) for s in fmt.FORMULA_START)
    return pl.when(risky).then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name)).alias(name)


def csv_bytes(table):
    """CSV for Dutch Excel: UTF-8 with BOM, ';' separator, decimal comma, ISO dates; text that
    starts like a formula (= + - @ tab CR) gets a leading apostrophe, so it stays text.
    Differences are signed numbers, shares plain fractions (numeriek)."""
    table = numeriek(table)
    table = table.with_columns(pl.col(n).round(4) for n, t in table.schema.items()
                               if t.is_float() and n.endswith(FRACTIE))
    table = table.with_columns(_formula_safe(name)
                               for name, dtype in table.schema.items() if dtype == pl.String)
    buf = io.BytesIO()
    table.write_csv(buf, separator=";", decimal_comma=True, date_format="%Y-%m-%d")
    return "\ufeff".encode("utf-8") + buf.getvalue()


def bestandsnaam(text):
    """A safe file name (and widget key) from any text: '1 maart 2025 t/m …' -> '1_maart_…'."""
    return re.sub(r"[^a-z0-9_-]+", "_", text.lower()).strip("_") or "tabel"


_ISO_PERIODE = re.compile(r"\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}$")


def export_naam(filename, periode=None):
    """The file name of an export: what it holds, then its period as two ISO dates
    ('signalen_per_thema_2026-01-01_2026-10-31').

    periode: (van, tot); else the page's period (begin), which then replaces a trailing period
    label in the name. A name that ends in two years ('…_2024_2025') names its own period.
    """
    naam = bestandsnaam(filename)
    if _ISO_PERIODE.search(naam):
        return naam
    if periode is None:
        pagina = _pagina_periode()
        if pagina is None:
            return naam
        van, tot, label = pagina
        staart = "_" + bestandsnaam(label)
        if not naam.endswith(staart) or re.search(r"_\d{4}$", naam.removesuffix(staart)):
            return naam
        naam = naam.removesuffix(staart)
    else:
        van, tot = periode
    return f"{naam}_{van.isoformat()}_{tot.isoformat()}"


def _pagina_periode():
    """(van, tot, label) of the period begin() set for this script run, else None."""
    ctx = get_script_run_ctx()
    stand = getattr(_run, "periode", None)
    if ctx is None or stand is None or stand[0] is not ctx.cursors:
        return None
    return stand[1:]


def _renamed(table, kolommen):
    return table.select([pl.col(k).alias(v) for k, v in kolommen.items()]) if kolommen else table


def _hoogte(table):
    """Tall enough for every row, the Totaal row included; a long list scrolls in its frame."""
    return "content" if table.height <= 100 else "auto"


def verborgen_cellen(export):
    """[(row label, column, marker)] of every suppressed cell in an exported table."""
    eerste = export.columns[0]
    uit = []
    for rij in export.iter_rows(named=True):
        for kolom, waarde in rij.items():
            if kolom != eerste and waarde in (suppression.KLEIN, suppression.AFGESCHERMD):
                uit.append((str(rij[eerste]), kolom, waarde))
    return uit


UITLEG_CSV = ("In de CSV staat een afgeschermde cel als <5 (1 tot 4) of x (afgeschermd zodat "
              "een klein aantal niet terug te rekenen is); lees die als leeg "
              "(polars: null_values=['<5', 'x']). De Excel-versie noemt elke afgeschermde cel "
              "op het blad Toelichting.")


def table(table, title, filename, kolommen=None, afschermen=None, periode=None):
    """An aggregated table with Dutch formatting and CSV and Excel downloads of the same figures.

    A breakdown below the municipality (a wijk, gebied or opkoper column, or afschermen=True)
    shows counts of 1 to 4 as "<5" (complementary cells as "x") for the manager role, and in
    the downloads for every role (dashboard.suppression); the Excel file lists those cells.
    """
    filename = export_naam(filename, periode)
    export, verborgen = suppression.protect(table, afschermen, text=str)
    if verborgen and not roles.may_see_small_counts(st.session_state.get("roles")):
        shown, _ = _display(suppression.protect(table, afschermen)[0], kolommen)
    else:
        shown, _ = _display(table, kolommen)
    raw = _renamed(table, kolommen)
    rechts = {c for c, t in raw.schema.items() if t.is_numeric()}
    rechts |= {c.removesuffix(FRACTIE).strip() + " %" for c in rechts if c.endswith(FRACTIE)}
    config = {c: st.column_config.TextColumn(c, alignment="right")
              for c in shown.columns if c in rechts}
    st.dataframe(shown, hide_index=True, width="stretch", height=_hoogte(shown),
                 column_config=config)
    bestand = numeriek(_renamed(export, kolommen) if verborgen else raw)
    if verborgen:
        st.caption(f"Kleine aantallen afgeschermd (in deze tabel voor managers, in de downloads "
                   f"voor iedereen): {suppression.LEGENDA} {UITLEG_CSV}")
    st.download_button(
        f"Download tabel als CSV ({title})", csv_bytes(bestand), file_name=f"{filename}.csv",
        mime="text/csv", key=f"csv_{filename}", on_click=security.downloaded,
        args=(st.session_state, f"{filename}.csv"))
    st.download_button(
        f"Download tabel als Excel ({title})",
        workbook.tabel_xlsx(bestand, title, verborgen_cellen(bestand) if verborgen else []),
        file_name=f"{filename}.xlsx", key=f"xlsx_{filename}",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click=security.downloaded, args=(st.session_state, f"{filename}.xlsx"))


def chart(chart, table_df, title, filename, kolommen=None, afschermen=None, periode=None):
    """An Altair chart, its table alternative and downloads of the aggregated figures.

    Everything in a chart reaches the browser, so a breakdown with small counts reaches the
    manager role as its protected table only.
    """
    if (not roles.may_see_small_counts(st.session_state.get("roles"))
            and suppression.protect(table_df, afschermen)[1]):
        st.info(f"{title}: de grafiek wordt in uw rol niet getoond, omdat er kleine aantallen "
                "(1 tot 4) onder het niveau van de gemeente in zitten. De tabel toont ze "
                "afgeschermd.", icon=":material/visibility_off:")
        table(table_df, title, filename, kolommen, afschermen, periode)
        return
    st.altair_chart(chart, theme=None, width="stretch",
                    key=f"grafiek_{bestandsnaam(filename)}")
    with st.expander(f"Tabel bij de grafiek: {title}"):
        table(table_df, title, filename, kolommen, afschermen, periode)


def verschil_procent(nu, vorig):
    """The relative difference as '+25%' or '−8%'; None when the base is below 10."""
    if vorig is None or vorig < 10:
        return None
    diff = (nu or 0) - vorig
    teken = "+" if diff > 0 else "−" if diff < 0 else ""
    return f"{teken}{fmt.procent(abs(diff) / vorig)}"


def verschil_tekst(nu, vorig):
    """A difference for a tile: '+3 (+25%)', or only '+3' when the base is below 10."""
    tekst = fmt.verschil((nu or 0) - (vorig or 0))
    pct = verschil_procent(nu, vorig)
    return f"{tekst} ({pct})" if pct else tekst


def tegel(kolom, label, nu, vorig, vorig_label, help=None):
    """A metric tile: the figure, its difference with the previous period, arrow by sign."""
    diff = (nu or 0) - (vorig or 0)
    kolom.metric(label, fmt.getal(nu),
                 delta=f"{verschil_tekst(nu, vorig)} t.o.v. {vorig_label} ({fmt.getal(vorig)})",
                 delta_color="off", delta_arrow="up" if diff > 0 else "down" if diff < 0
                 else "off", help=help, border=True)
