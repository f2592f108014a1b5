"""LOO-overleg: the meeting view, what came in, what is open, what was decided, the funnel.

URL: ?vergadering=YYYY-MM-DD chooses the meeting (also a date without a meeting in the data),
?scherm=1 opens the presentation mode for the shared screen (no sidebar, larger type, one
section at a time).
"""

import datetime as dt

import altair as alt
import polars as pl
import streamlit as st

from core import clock, fmt
from dashboard import charts, labels, measures, page, period, security

# the funnel's stages (queries/loo_trechter.sql) and the measures they equal for a whole period
FASEN = {"signaal": "signalen", "besproken": "besproken_loo", "vervolg": "vervolg_besloten",
         "afgesloten": "afgesloten", "interventie": "interventie"}
BINNENGEKOMEN = ("signalen_en_meldingen", "signalen", "m_meldingen_los", "m_meldingen")
SECTIES = ("Binnengekomen", "Openstaand", "Nog te bespreken", "Vervolg", "Trechter")
LIMIET = 200  # rows of a pseudonymised list; the count above it is always complete
RIJEN_OP_SCHERM = 5  # rows of a list per part on the meeting screen (fits 1920x1080)

# Presentation mode: the meeting screen is 1920x1080 and read from across the room.
SCHERM_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] { display: none !important; }
html { font-size: 22px !important; }
[data-testid="stMainBlockContainer"], .block-container {
    padding: 0.5rem 2rem 0.5rem 2rem !important; max-width: 100% !important; }
[data-testid="stVerticalBlock"] { gap: 0.4rem !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
    font-size: 20px !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p,
[data-testid="stTable"] th, [data-testid="stTable"] td {
    font-size: 22px !important; padding-top: 0.15rem !important;
    padding-bottom: 0.15rem !important; }
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
    font-size: 2.6rem !important; line-height: 1.1 !important; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 22px !important; }
[data-testid="stMetric"] { padding: 0.25rem 0.8rem !important; }
h1 { font-size: 2rem !important; padding: 0 !important; }
h2, h3 { font-size: 1.5rem !important; line-height: 1.35 !important;
    padding: 0.3rem 0 0.6rem 0 !important; }
[data-testid="stAlert"] { padding: 0 !important; }
</style>
"""


def _iso(text):
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _url_defaults():
    """The meeting date, presentation mode and section asked for in the URL, read once per
    session and then used as the widgets' initial values (the widgets keep the state after)."""
    if "_loo_url" not in st.session_state:
        qp = st.query_params
        gevraagd = qp.get("sectie", "")
        gevraagde_datum = _iso(qp.get("vergadering", ""))
        if qp.get("vergadering") and gevraagde_datum is None:
            st.warning("De parameter 'vergadering' in de adresregel is geen geldige datum "
                       "(verwacht JJJJ-MM-DD, bijvoorbeeld 2025-04-02); het overleg van vandaag "
                       "wordt getoond.")
        st.session_state["_loo_url"] = {
            "vergadering": period.binnen(gevraagde_datum) or clock.today(),
            "scherm": qp.get("scherm", "") in ("1", "ja", "true"),
            "sectie": SECTIES.index(gevraagd) if gevraagd in SECTIES else 0,
        }
    return st.session_state["_loo_url"]


def vergaderdata(gevraagd):
    """The meeting dates to choose from, newest first: every meeting in the data, today (the
    coming meeting) and the date asked for in the URL."""
    bekend = page.query("loo_vergaderingen")["vergadering"].to_list()
    return sorted({*bekend, clock.today(), gevraagd}, reverse=True), set(bekend)


def _kies_vergadering(plek, gevraagd):
    """The meeting date, chosen from a list of Dutch dates (Streamlit's date popup has English
    month and day names and cannot be set to Dutch)."""
    opties, bekend = vergaderdata(gevraagd)
    vandaag = clock.today()

    def label(d):
        if d == vandaag:
            return f"{fmt.datum(d)} (vandaag)"
        return fmt.datum(d) if d in bekend else f"{fmt.datum(d)} (geen overleg in de gegevens)"

    return plek.selectbox("Datum van het overleg", opties, index=opties.index(gevraagd),
                          key="vergadering", format_func=label,
                          help="De overleggen in de gegevens (datum van bespreking in het LOO), "
                               "nieuwste eerst, en vandaag.")


def _mirror_to_url(vergadering, scherm, sectie=None):
    """Keep the address bar bookmarkable: meeting date, presentation mode and its section."""
    st.query_params["vergadering"] = vergadering.isoformat()
    for naam, waarde in (("scherm", "1" if scherm else None), ("sectie", sectie)):
        if waarde:
            st.query_params[naam] = waarde
        elif naam in st.query_params:
            del st.query_params[naam]


def _lijst(df, extra=None, scherm=False, key=None):
    """A pseudonymised list as shown: Dutch headers and dates. On the meeting screen a table in
    large type, RIJEN_OP_SCHERM rows at a time so it never needs scrolling; else a grid."""
    kolommen = {"signaal_id": "Signaal", "datum_ontvangst": "Ontvangen", "bron": "Bron",
                "thema": "Thema", "wijk": "Wijk", "status": "Status"}
    kolommen.update(extra or {})
    shown = df.select(list(kolommen)).with_columns(
        pl.col("datum_ontvangst").map_elements(fmt.datum, return_dtype=pl.String),
        pl.col("bron").replace_strict(labels.KINDS["bron"], default=pl.col("bron")),
        pl.col("thema").map_elements(labels.thema, return_dtype=pl.String),
        pl.col("status").replace_strict(labels.KINDS["status"], default=pl.col("status")),
        pl.col("wijk").fill_null("–"),
    ).rename(kolommen)
    if not scherm:
        st.dataframe(shown, hide_index=True, width="stretch",
                     height=min(38 + 35 * shown.height, 390))
        return
    delen = [(i, min(i + RIJEN_OP_SCHERM, shown.height))
             for i in range(0, shown.height, RIJEN_OP_SCHERM)]
    begin, eind = delen[0]
    if len(delen) > 1:
        keuzes = [f"{fmt.getal(b + 1)}–{fmt.getal(e)}" for b, e in delen]
        keuze = st.radio(f"Rijen (van {fmt.getal(shown.height)})", keuzes, key=key,
                         horizontal=True, label_visibility="collapsed",
                         format_func=lambda k: f"rij {k} van {fmt.getal(shown.height)}")
        begin, eind = delen[keuzes.index(keuze)]
    # st.table renders Markdown in its cells: values from the data are escaped to show literally
    stuk = shown.slice(begin, eind - begin).select(
        pl.all().cast(pl.String).map_elements(security.literal, return_dtype=pl.String))
    st.table(stuk, hide_index=True)


def _staven(df, categorie, titel, beschrijving, scherm):
    """Horizontal bars in the order of the data (statuses, age buckets, funnel steps), with the
    value written beside each bar so colour is never needed to read it."""
    tekst = 20 if scherm else 14
    basis = alt.Chart(df).encode(
        y=alt.Y(f"{categorie}:N", title=None, sort=None,
                axis=alt.Axis(labelFontSize=tekst, labelLimit=400)),
        x=alt.X("Aantal:Q", title="Aantal",
                axis=alt.Axis(format="d", tickMinStep=1, tickCount=6, labelFontSize=tekst,
                              titleFontSize=tekst)),
        tooltip=[alt.Tooltip(f"{categorie}:N"), alt.Tooltip("Aantal:Q", format=",d")])
    staaf = basis.mark_bar(color=charts.PALETTE[0])
    waarde = basis.mark_text(align="left", dx=6, fontSize=tekst, color="#1a1a1a") \
        .encode(text=alt.Text("Aantal:Q", format=",d"))
    # The height is the whole chart (title and axis included): about 40-50 px per bar.
    hoogte = min(100 + 50 * df.height, 340) if scherm else 90 + 40 * df.height
    kop = alt.TitleParams(titel, fontSize=24 if scherm else 18, anchor="start")
    return (staaf + waarde).properties(title=kop, description=beschrijving, height=hoogte)


def sectie_binnengekomen(vorige, vergadering, scherm):
    st.subheader(f"Binnengekomen sinds het vorige overleg ({fmt.datum(vorige)})")
    t = measures.values(page.query, BINNENGEKOMEN, measures.day_after(vorige), vergadering)
    for kolom, naam in zip(st.columns(3), BINNENGEKOMEN):
        kolom.metric(measures.get(naam).label, fmt.getal(t[naam]), border=True)
    if t["signalen"]:
        lijst = page.query("loo_binnengekomen_lijst", vorige=vorige, vergadering=vergadering,
                           limiet=LIMIET)
        _lijst(lijst, scherm=scherm, key="binnengekomen_rijen")
        if t["signalen"] > lijst.height:
            st.caption(f"De eerste {fmt.getal(lijst.height)} van {fmt.getal(t['signalen'])} "
                       "signalen.")
    else:
        st.info("Sinds het vorige overleg zijn geen nieuwe signalen binnengekomen.")
    gekoppeld = t["m_meldingen"] - t["m_meldingen_los"]
    page.telregels("signalen_en_meldingen", extra=(
        f"Ontvangen na {fmt.datum(vorige)} (het vorige overleg) tot en met "
        f"{fmt.datum(vergadering)}. {fmt.getal(gekoppeld)} van de {fmt.getal(t['m_meldingen'])} "
        f"M-meldingen {'is' if gekoppeld == 1 else 'zijn'} zo aan een signaal gekoppeld."))


def sectie_openstaand(vergadering, scherm):
    status = page.query("loo_open_status", vergadering=vergadering)
    leeftijd = page.query("loo_open_leeftijd", vergadering=vergadering)
    st.subheader(f"Openstaande signalen op {fmt.datum(vergadering)}: "
                 f"{fmt.getal(status['aantal'].sum())}")
    links, rechts = st.columns(2, gap="large")
    with links:
        tabel = status.select(
            pl.col("status").replace_strict(labels.KINDS["status"]).alias("Status"),
            pl.col("aantal").alias("Aantal"))
        grafiek = _staven(tabel, "Status", "Per status", "Openstaande signalen per status",
                          scherm)
        page.chart(grafiek, tabel, "Openstaande signalen per status", "open_per_status")
    with rechts:
        tabel = leeftijd.select(pl.col("leeftijd").alias("Leeftijd"),
                                pl.col("aantal").alias("Aantal"))
        grafiek = _staven(tabel, "Leeftijd", "Per leeftijd sinds ontvangst",
                          "Openstaande signalen per leeftijd sinds ontvangst", scherm)
        page.chart(grafiek, tabel, "Openstaande signalen per leeftijd", "open_per_leeftijd")
    page.counting_rule(
        "open = ontvangen op of vóór de vergaderdatum en status niet afgesloten of doorgezet "
        "(de status volgens de laatste export). Leeftijd = hele dagen van ontvangst tot de "
        "vergaderdatum.")


def sectie_te_bespreken(vergadering, scherm):
    df = page.query("loo_te_bespreken", vergadering=vergadering, limiet=LIMIET)
    totaal = int(df["totaal"][0]) if df.height else 0
    st.subheader(f"Nog te bespreken: {fmt.getal(totaal)} "
                 f"{'signaal' if totaal == 1 else 'signalen'}")
    if df.height:
        _lijst(df, {"dagen_wachtend": "Dagen wachtend"}, scherm=scherm, key="te_bespreken_rijen")
        if totaal > df.height:
            st.caption(f"De oudste {fmt.getal(df.height)} van {fmt.getal(totaal)} signalen.")
    else:
        st.success("Alle signalen tot deze datum zijn besproken.")
    page.counting_rule(
        "ontvangen op of vóór de vergaderdatum, zonder datum van bespreking in het LOO of met "
        "een latere datum; oudste eerst.")


def sectie_vervolg(vorige, vergadering, scherm):
    df = measures.by(page.query, "besproken_in_overleg", "vervolg", measures.day_after(vorige),
                     vergadering).sort(["waarde", "categorie"], descending=[True, False])
    st.subheader(f"Vervolg besloten sinds het vorige overleg ({fmt.datum(vorige)}): "
                 f"{fmt.getal(df['waarde'].sum())} besproken")
    if df.height:
        tabel = df.select(
            pl.col("categorie").replace_strict(labels.KINDS["vervolg"],
                                               default=pl.col("categorie")).alias("Vervolg"),
            pl.col("waarde").alias("Aantal"))
        grafiek = _staven(tabel, "Vervolg", "Besproken signalen per vervolg",
                          "Besproken signalen per besloten vervolg", scherm)
        page.chart(grafiek, tabel, "Vervolg per besproken signaal", "vervolg")
    else:
        st.info("Er zijn sinds het vorige overleg geen signalen besproken.")
    page.telregels("besproken_in_overleg", extra=(
        f"Besproken na {fmt.datum(vorige)} (het vorige overleg, dat zijn eigen besluiten al "
        f"toonde) tot en met {fmt.datum(vergadering)}."))


def _doorlooptijd(r):
    vanaf = {"besproken": "na ontvangst", "interventie": "na bespreking tot de eerste maatregel",
             "afgesloten": "na bespreking"}
    if r["fase"] == "signaal":
        return "startpunt"
    if r["fase"] not in vanaf:
        return "geen doorlooptijd: het vervolg heeft geen eigen datum"
    if r["mediaan_dagen"] is None:
        return "geen doorlooptijd bekend"
    dagen = fmt.getal(r["mediaan_dagen"], 1 if r["mediaan_dagen"] % 1 else 0)
    return f"mediaan {dagen} dagen {vanaf[r['fase']]} (n = {fmt.getal(r['basis'])})"


def sectie_trechter(ctx, vergadering, scherm):
    tot = min(ctx.tot, vergadering)
    st.subheader(f"Van signaal tot afsluiting: signalen ontvangen {fmt.periode(ctx.van, tot)}")
    df = page.query("loo_trechter", van=ctx.van, tot=ctx.tot, peildatum=vergadering)
    rijen = list(df.iter_rows(named=True))
    fase = {f: measures.get(m).label for f, m in FASEN.items()}
    fase["signaal"] = "Ontvangen"  # the signals of the cohort, apart from those since the meeting
    fase["interventie"] = f"waarvan {fase['interventie'].lower()}"
    tabel = df.select(
        pl.col("fase").replace_strict(fase).alias("Fase"),
        pl.col("aantal").alias("Aantal"),
        pl.col("mediaan_dagen").alias("Mediane doorlooptijd (dagen)"),
        pl.col("basis").alias("Signalen met doorlooptijd"))
    cijfers, grafiek_kolom = st.columns(2, gap="large")
    with cijfers:
        if scherm:  # one compact table in large type: the meeting screen never scrolls
            st.table(pl.DataFrame({
                "Fase": [fase[r["fase"]] for r in rijen],
                "Aantal": [fmt.getal(r["aantal"]) for r in rijen],
                "Doorlooptijd": [_doorlooptijd(r) for r in rijen]}), hide_index=True)
        else:
            for groep in (rijen[:3], rijen[3:]):
                for kolom, r in zip(st.columns(3), groep):
                    with kolom:
                        st.metric(fase[r["fase"]], fmt.getal(r["aantal"]), border=True)
                        st.caption(_doorlooptijd(r))
    with grafiek_kolom:
        stappen = tabel.head(4).select("Fase", "Aantal")  # interventie is part of stage 3
        grafiek = _staven(stappen, "Fase", "Trechter", "Aantal signalen per fase van de trechter",
                          scherm)
        page.chart(grafiek, tabel, "Trechter van signaal tot afsluiting",
                   f"trechter_{ctx.label}")
    stand = (f"De stand op {fmt.datum(vergadering)}, de datum van het overleg: elke fase telt "
             "alleen signalen die de fase ervoor bereikten, en niets wat na die datum gebeurde; "
             "interventie is een deel van vervolg besloten. Doorlooptijden zijn medianen in hele "
             "dagen.")
    if scherm:  # the full rules of the five measures are under the funnel in the normal view
        page.counting_rule(labels.in_zin(stand) + " De telregel per fase staat in de normale "
                           "weergave.")
    else:
        page.telregels(*FASEN.values(), extra=stand)

ctx = page.begin("loo")
start = _url_defaults()

bediening = st.columns([2, 2, 5])
vergadering = _kies_vergadering(bediening[0], start["vergadering"])
scherm = bediening[1].toggle("Presentatiemodus", value=start["scherm"], key="scherm",
                             help="Voor het scherm in de vergaderzaal: geen zijbalk, grotere "
                                  "letters, één onderdeel tegelijk.")
if scherm:
    st.markdown(SCHERM_CSS, unsafe_allow_html=True)
    sectie = bediening[2].radio("Onderdeel", SECTIES, index=start["sectie"], key="sectie",
                                horizontal=True)
    getoond = (sectie,)
else:
    sectie, getoond = None, SECTIES
_mirror_to_url(vergadering, scherm, sectie)

vorige_rij = page.query("loo_vorige_vergadering", vergadering=vergadering).row(0, named=True)
vorige = vorige_rij["vorige"]
if vorige_rij["bron"] == "maand_terug":
    bediening[0].caption(f"Geen eerder overleg in de gegevens: vanaf {fmt.datum(vorige)} "
                         "(een maand terug).")
else:
    bediening[0].caption(f"Vorig overleg: {fmt.datum(vorige)}")
page.freshness()

if "Binnengekomen" in getoond:
    sectie_binnengekomen(vorige, vergadering, scherm)
if "Openstaand" in getoond:
    sectie_openstaand(vergadering, scherm)
if "Nog te bespreken" in getoond:
    sectie_te_bespreken(vergadering, scherm)
if "Vervolg" in getoond:
    sectie_vervolg(vorige, vergadering, scherm)
if "Trechter" in getoond:
    sectie_trechter(ctx, vergadering, scherm)
