"""LOO-overleg: the meeting view, what came in, what is open, what was decided, the funnel.

URL: ?vergadering=YYYY-MM-DD chooses the meeting (also a date without a meeting in the data),
?scherm=1 opens the presentation mode for the shared screen (no sidebar, larger type, one
section at a time).
"""

import datetime as dt
from dataclasses import dataclass

import altair as alt
import polars as pl
import streamlit as st

from core import clock, fmt
from dashboard import auth, charts, labels, measures, page, period, roles, security

# the funnel's stages (queries/loo_trechter.sql) and the measures they equal for a whole period
FASEN = {"signaal": "signalen", "besproken": "besproken_loo", "vervolg": "vervolg_besloten",
         "afgesloten": "afgesloten", "interventie": "interventie"}
BINNENGEKOMEN = ("signalen_en_meldingen", "signalen", "m_meldingen_los", "m_meldingen")
SECTIES = ("Binnengekomen", "Openstaand", "Nog te bespreken", "Vervolg", "Trechter")
LIMIET = 200  # rows of a pseudonymised list; the count above it is always complete

# Presentation mode: the meeting screen is 1920x1080 and read from across the room. Everything
# is laid out for that screen in px as Chromium draws the large type of SCHERM_CSS;
# tests/test_browser_presentation.py measures that it fills the screen and nothing scrolls.
SCHERM_HOOGTE = 1080
RAND = 8          # page padding above and below
TUSSEN = 8        # the gap between blocks
BEDIENING = 56    # the control row: section, meeting date, presentation mode, Toelichting
KOP = 43          # the section heading row
KOP_MET_KEUZE = 56  # the heading row with the part chooser of a long list beside it
DEMOSTROOK = 40   # the DEMO strip at the bottom of the screen (demo mode only)
TABELKOP = 47.2   # the header row of a list in 22px type (Chromium: 47.1875)
TABELRIJ = 47.2   # a row of a list, one line of 22px type
MIN_TEGEL = 150   # a figure tile: label and value
BOVEN = RAND + BEDIENING + TUSSEN + KOP + TUSSEN  # where a section's content starts


def inhoud_hoogte(demo):
    """The height left for a section's content: to the bottom padding, or in demo mode to a
    gap above the DEMO strip."""
    return SCHERM_HOOGTE - BOVEN - (DEMOSTROOK + TUSSEN if demo else RAND)


# Rows of a list per part on the screen: what fits below a row of figure tiles, with the DEMO
# strip (the tightest case). The chooser of a long list's part sits in the heading row.
RIJEN_OP_SCHERM = int((inhoud_hoogte(True) - (KOP_MET_KEUZE - KOP) - MIN_TEGEL - TUSSEN
                       - TABELKOP) // TABELRIJ)

# app.py's DEMO banner: the warning in the main block before the page title.
DEMO = ('[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > '
        '[data-testid="stElementContainer"]:has([data-testid="stAlertContentWarning"])'
        ':not([data-testid="stElementContainer"]:has(h1) ~ *)')
# The page title stays for screen readers (the section heading is the visible one); the DEMO
# banner becomes a one-line strip at the bottom.
SCHERM_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] {{ display: none !important; }}
html {{ font-size: 22px !important; }}
[data-testid="stMainBlockContainer"], .block-container {{
    padding: {RAND}px 8px {RAND}px 8px !important; max-width: 100% !important; }}
[data-testid="stVerticalBlock"] {{ gap: {TUSSEN}px !important; }}
[data-testid="stHorizontalBlock"] {{ gap: 12px !important; }}
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style) {{
    display: none !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{
    font-size: 20px !important; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p,
[data-testid="stTable"] th, [data-testid="stTable"] td {{
    font-size: 22px !important; padding-top: 0.15rem !important;
    padding-bottom: 0.15rem !important; }}
[data-testid="stTable"] th, [data-testid="stTable"] td {{ white-space: nowrap !important; }}
[data-testid="stMetric"] {{ padding: 0.4rem 1rem !important; display: flex !important;
    flex-direction: column !important; justify-content: center !important; }}
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{
    font-size: 4rem !important; line-height: 1.1 !important; }}
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"] p {{
    font-size: 22px !important; }}
[data-testid="stElementContainer"]:has(h1) {{ position: absolute !important;
    width: 1px !important; height: 1px !important; overflow: hidden !important;
    clip-path: inset(50%) !important; white-space: nowrap !important; }}
[data-testid="stHeading"] [data-testid="stMarkdownContainer"] {{ margin-bottom: 0 !important; }}
h2, h3 {{ font-size: 1.5rem !important; line-height: 1.3 !important; padding: 0 !important;
    margin: 0 !important; }}
[data-testid="stAlert"] {{ padding: 0 !important; }}
{DEMO} {{
    position: fixed !important; left: 0; right: 0; bottom: 0; z-index: 10; margin: 0 !important;
    width: 100% !important; }}
{DEMO} [data-testid="stAlertContainer"] {{
    padding: 0 16px !important; border-radius: 0 !important; min-height: 0 !important;
    height: {DEMOSTROOK}px !important; display: flex !important; align-items: center; }}
{DEMO} [data-testid="stAlertContentWarning"] {{
    display: flex !important; align-items: center !important; gap: 12px; }}
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


def _kies_vergadering(plek, gevraagd, label_visibility="visible"):
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
                          label_visibility=label_visibility,
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


@dataclass(frozen=True)
class Scherm:
    """The meeting screen: the content height left for a section and the Toelichting popover
    that holds what the normal view writes under the figures (counting rules, tables)."""

    hoogte: int
    uitleg: object

    def lijst(self, rijen):
        """The height of a list of this many rows as shown (in parts of RIJEN_OP_SCHERM)."""
        return TABELKOP + min(rijen, RIJEN_OP_SCHERM) * TABELRIJ if rijen else 0

    def tegels(self, rijen=0):
        """The height of a row of figure tiles above a list of this many rows: what is left."""
        lijst = self.lijst(rijen) + (TUSSEN if rijen else 0)
        keuze = KOP_MET_KEUZE - KOP if rijen > RIJEN_OP_SCHERM else 0
        return max(MIN_TEGEL, int(self.hoogte - lijst - keuze))


def _kop(tekst, scherm, rijen=0):
    """The section heading; on the meeting screen with a list in parts, the part chooser goes
    beside it (the place it returns), so the list keeps the height for its rows."""
    if not scherm or rijen <= RIJEN_OP_SCHERM:
        st.subheader(tekst)
        return None
    kop, keuze = st.columns([5, 4], vertical_alignment="center")
    kop.subheader(tekst)
    return keuze


def _uitleg(scherm):
    """Where captions under the figures go: the Toelichting popover on the meeting screen."""
    return scherm.uitleg if scherm else st.container()


def _lijst(df, extra=None, scherm=None, key=None, keuze_plek=None):
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
        keuze = (keuze_plek or st).radio(f"Rijen (van {fmt.getal(shown.height)})", keuzes,
                                         key=key,
                         horizontal=True, label_visibility="collapsed",
                         format_func=lambda k: f"rij {k} van {fmt.getal(shown.height)}")
        begin, eind = delen[keuzes.index(keuze)]
    # st.table renders Markdown in its cells: values from the data are escaped to show literally
    stuk = shown.slice(begin, eind - begin).select(
        pl.all().cast(pl.String).map_elements(security.literal, return_dtype=pl.String))
    st.table(stuk, hide_index=True)


def _staven(df, categorie, titel, beschrijving, scherm, hoogte=None):
    """Horizontal bars in the order of the data (statuses, age buckets, funnel steps), with the
    value written beside each bar so colour is never needed to read it. On the meeting screen
    the whole chart (title and axes included) is hoogte px high."""
    tekst = 22 if scherm else 14
    basis = alt.Chart(df).encode(
        y=alt.Y(f"{categorie}:N", title=None, sort=None,
                scale=alt.Scale(paddingInner=0.3 if scherm else 0.1),
                axis=alt.Axis(labelFontSize=tekst, labelLimit=400)),
        x=alt.X("Aantal:Q", title="Aantal",
                axis=alt.Axis(format="d", tickMinStep=1, tickCount=6, labelFontSize=tekst,
                              titleFontSize=tekst)),
        tooltip=[alt.Tooltip(f"{categorie}:N"), alt.Tooltip("Aantal:Q", format=",d")])
    staaf = basis.mark_bar(color=charts.PALETTE[0])
    waarde = basis.mark_text(align="left", dx=6, fontSize=tekst, color="#1a1a1a") \
        .encode(text=alt.Text("Aantal:Q", format=",d"))
    kop = alt.TitleParams(titel, fontSize=26 if scherm else 18, anchor="start")
    if scherm:
        return (staaf + waarde).properties(  # room on the right for the longest bar's value
            title=kop, description=beschrijving, height=hoogte,
            padding={"left": 4, "top": 4, "right": 48, "bottom": 4},
            autosize=alt.AutoSizeParams(type="fit", contains="padding"))
    return (staaf + waarde).properties(title=kop, description=beschrijving,
                                       height=90 + 40 * df.height)


def _grafiek(grafiek, tabel, titel, bestand, scherm):
    """A chart with its table alternative: on the meeting screen the chart alone at full height
    and its table in the Toelichting popover; else (and for a role that may not see small
    counts, which page.chart shields) page.chart."""
    if not scherm or not roles.may_see_small_counts(st.session_state.get("roles")):
        page.chart(grafiek, tabel, titel, bestand)
        return
    st.altair_chart(grafiek, theme=None, width="stretch",
                    key=f"grafiek_{page.bestandsnaam(bestand)}")
    with scherm.uitleg, st.expander(f"Tabel bij de grafiek: {titel}"):
        page.table(tabel, titel, bestand)


def _tegel(plek, label, waarde, scherm, hoogte=None, toelichting=None):
    """A figure; on the meeting screen as high as given, a note (no arrow) under the value."""
    if not scherm:
        plek.metric(label, waarde, border=True)
        return
    plek.metric(label, waarde, delta=toelichting, delta_color="off", delta_arrow="off",
                border=True, height=hoogte)


def sectie_binnengekomen(vorige, vergadering, scherm):
    t = measures.values(page.query, BINNENGEKOMEN, measures.day_after(vorige), vergadering)
    lijst = page.query("loo_binnengekomen_lijst", vorige=vorige, vergadering=vergadering,
                       limiet=LIMIET) if t["signalen"] else None
    keuze = _kop(f"Binnengekomen sinds het vorige overleg ({fmt.datum(vorige)})", scherm,
                 lijst.height if lijst is not None else 0)
    hoogte = scherm.tegels(lijst.height) if scherm and lijst is not None else \
        scherm.tegels() if scherm else None
    for kolom, naam in zip(st.columns(3), BINNENGEKOMEN):
        _tegel(kolom, measures.get(naam).label, fmt.getal(t[naam]), scherm, hoogte)
    if lijst is not None:
        _lijst(lijst, scherm=scherm, key="binnengekomen_rijen", keuze_plek=keuze)
        if t["signalen"] > lijst.height:
            _uitleg(scherm).caption(f"De eerste {fmt.getal(lijst.height)} van "
                                    f"{fmt.getal(t['signalen'])} signalen.")
    elif not scherm:  # on the screen the tile 'Signalen 0' says it
        st.info("Sinds het vorige overleg zijn geen nieuwe signalen binnengekomen.")
    gekoppeld = t["m_meldingen"] - t["m_meldingen_los"]
    with _uitleg(scherm):
        page.telregels("signalen_en_meldingen", extra=(
            f"Ontvangen na {fmt.datum(vorige)} (het vorige overleg) tot en met "
            f"{fmt.datum(vergadering)}. {fmt.getal(gekoppeld)} van de "
            f"{fmt.getal(t['m_meldingen'])} M-meldingen "
            f"{'is' if gekoppeld == 1 else 'zijn'} zo aan een signaal gekoppeld."))


def sectie_openstaand(vergadering, scherm):
    status = page.query("loo_open_status", vergadering=vergadering)
    leeftijd = page.query("loo_open_leeftijd", vergadering=vergadering)
    st.subheader(f"Openstaande signalen op {fmt.datum(vergadering)}: "
                 f"{fmt.getal(status['aantal'].sum())}")
    hoogte = scherm.hoogte if scherm else None
    links, rechts = st.columns(2, gap="small" if scherm else "large")
    with links:
        tabel = status.select(
            pl.col("status").replace_strict(labels.KINDS["status"]).alias("Status"),
            pl.col("aantal").alias("Aantal"))
        grafiek = _staven(tabel, "Status", "Per status", "Openstaande signalen per status",
                          scherm, hoogte)
        _grafiek(grafiek, tabel, "Openstaande signalen per status", "open_per_status", scherm)
    with rechts:
        tabel = leeftijd.select(pl.col("leeftijd").alias("Leeftijd"),
                                pl.col("aantal").alias("Aantal"))
        grafiek = _staven(tabel, "Leeftijd", "Per leeftijd sinds ontvangst",
                          "Openstaande signalen per leeftijd sinds ontvangst", scherm, hoogte)
        _grafiek(grafiek, tabel, "Openstaande signalen per leeftijd", "open_per_leeftijd",
                 scherm)
    with _uitleg(scherm):
        page.counting_rule(
            "open = ontvangen op of vóór de vergaderdatum en status niet afgesloten of "
            "doorgezet (de status volgens de laatste export). Leeftijd = hele dagen van "
            "ontvangst tot de vergaderdatum.")


def sectie_te_bespreken(vergadering, scherm):
    df = page.query("loo_te_bespreken", vergadering=vergadering, limiet=LIMIET)
    totaal = int(df["totaal"][0]) if df.height else 0
    keuze = _kop(f"Nog te bespreken: {fmt.getal(totaal)} "
                 f"{'signaal' if totaal == 1 else 'signalen'}", scherm, df.height)
    if scherm:  # the figures above the list; oldest first, so the first row waits longest
        hoogte = scherm.tegels(df.height)
        aantal, wachtend = st.columns(2)
        _tegel(aantal, "Nog te bespreken", fmt.getal(totaal), scherm, hoogte,
               None if totaal else "Alle signalen tot deze datum zijn besproken.")
        if df.height:
            dagen = int(df["dagen_wachtend"][0])
            _tegel(wachtend, "Langst wachtend", f"{fmt.getal(dagen)} "
                   f"{'dag' if dagen == 1 else 'dagen'}", scherm, hoogte,
                   f"signaal {df['signaal_id'][0]}")
    if df.height:
        _lijst(df, {"dagen_wachtend": "Dagen wachtend"}, scherm=scherm, key="te_bespreken_rijen",
               keuze_plek=keuze)
        if totaal > df.height:
            _uitleg(scherm).caption(f"De oudste {fmt.getal(df.height)} van {fmt.getal(totaal)} "
                                    "signalen.")
    elif not scherm:
        st.success("Alle signalen tot deze datum zijn besproken.")
    with _uitleg(scherm):
        page.counting_rule(
            "ontvangen op of vóór de vergaderdatum, zonder datum van bespreking in het LOO of "
            "met een latere datum; oudste eerst. Langst wachtend = hele dagen van ontvangst "
            "tot de vergaderdatum.")


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
                          "Besproken signalen per besloten vervolg", scherm,
                          scherm.hoogte if scherm else None)
        _grafiek(grafiek, tabel, "Vervolg per besproken signaal", "vervolg", scherm)
    elif scherm:
        _tegel(st, measures.get("besproken_in_overleg").label, "0", scherm, scherm.tegels(),
               "Er zijn sinds het vorige overleg geen signalen besproken.")
    else:
        st.info("Er zijn sinds het vorige overleg geen signalen besproken.")
    with _uitleg(scherm):
        page.telregels("besproken_in_overleg", extra=(
            f"Besproken na {fmt.datum(vorige)} (het vorige overleg, dat zijn eigen besluiten "
            f"al toonde) tot en met {fmt.datum(vergadering)}."))


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
    cijfers, grafiek_kolom = st.columns(2, gap="small" if scherm else "large")
    with cijfers:
        if scherm:  # one tile per stage, stacked to the height of the funnel beside them
            hoogte = (scherm.hoogte - (len(rijen) - 1) * TUSSEN) // max(len(rijen), 1)
            for r in rijen:
                _tegel(st, fase[r["fase"]], fmt.getal(r["aantal"]), scherm, hoogte,
                       _doorlooptijd(r))
        else:
            for groep in (rijen[:3], rijen[3:]):
                for kolom, r in zip(st.columns(3), groep):
                    with kolom:
                        st.metric(fase[r["fase"]], fmt.getal(r["aantal"]), border=True)
                        st.caption(_doorlooptijd(r))
    with grafiek_kolom:
        stappen = tabel.head(4).select("Fase", "Aantal")  # interventie is part of stage 3
        grafiek = _staven(stappen, "Fase", "Trechter", "Aantal signalen per fase van de trechter",
                          scherm, scherm.hoogte if scherm else None)
        _grafiek(grafiek, tabel, "Trechter van signaal tot afsluiting", f"trechter_{ctx.label}",
                 scherm)
    stand = (f"De stand op {fmt.datum(vergadering)}, de datum van het overleg: elke fase telt "
             "alleen signalen die de fase ervoor bereikten, en niets wat na die datum gebeurde; "
             "interventie is een deel van vervolg besloten. Doorlooptijden zijn medianen in hele "
             "dagen.")
    with _uitleg(scherm):
        page.telregels(*FASEN.values(), extra=stand)


def _vorig_overleg(vergadering):
    """The previous meeting (or a month back) and the sentence that says which it is."""
    rij = page.query("loo_vorige_vergadering", vergadering=vergadering).row(0, named=True)
    if rij["bron"] == "maand_terug":
        return rij["vorige"], (f"Geen eerder overleg in de gegevens: vanaf "
                               f"{fmt.datum(rij['vorige'])} (een maand terug).")
    return rij["vorige"], f"Vorig overleg: {fmt.datum(rij['vorige'])}"


def normale_weergave(start):
    """Meeting date and presentation mode above every section, one below the other."""
    bediening = st.columns([2, 2, 5])
    vergadering = _kies_vergadering(bediening[0], start["vergadering"])
    scherm = bediening[1].toggle("Presentatiemodus", value=start["scherm"], key="scherm",
                                 help="Voor het scherm in de vergaderzaal: geen zijbalk, grotere "
                                      "letters, één onderdeel tegelijk.")
    vorige, tekst = _vorig_overleg(vergadering)
    bediening[0].caption(tekst)
    page.freshness()
    return vergadering, scherm, None, vorige, None


def presentatie(start):
    """The meeting screen: one compact row of controls (section, meeting date, presentation
    mode, a Toelichting popover with counting rules, tables and freshness), then one section
    filling the rest of the 1920x1080 screen."""
    st.markdown(SCHERM_CSS, unsafe_allow_html=True)
    rij = st.columns([8.6, 3.2, 2.5, 2.1], gap="small", vertical_alignment="center")
    sectie = rij[0].radio("Onderdeel", SECTIES, index=start["sectie"], key="sectie",
                          horizontal=True, label_visibility="collapsed")
    vergadering = _kies_vergadering(rij[1], start["vergadering"], "collapsed")
    aan = rij[2].toggle("Presentatiemodus", value=start["scherm"], key="scherm",
                        help="Uitzetten voor de normale weergave met zijbalk en alle "
                             "onderdelen onder elkaar.")
    uitleg = rij[3].popover("Toelichting", icon=":material/info:", width="stretch",
                            help="Telregels, de tabellen bij de grafieken, het vorige overleg "
                                 "en hoe vers de gegevens zijn.")
    vorige, tekst = _vorig_overleg(vergadering)
    with uitleg:
        st.caption(tekst)
        page.freshness()
    hoogte = inhoud_hoogte(auth.demo_mode())
    return vergadering, aan, sectie, vorige, Scherm(hoogte, uitleg) if aan else None


ctx = page.begin("loo")
start = _url_defaults()
if st.session_state.get("scherm", start["scherm"]):
    vergadering, aan, sectie, vorige, scherm = presentatie(start)
else:
    vergadering, aan, sectie, vorige, scherm = normale_weergave(start)
_mirror_to_url(vergadering, aan, sectie)
getoond = (sectie,) if scherm else SECTIES

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
