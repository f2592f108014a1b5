"""LOO-overleg: the meeting view, what came in, what is open, what was decided, the funnel.

URL: ?vergadering=YYYY-MM-DD chooses the meeting, ?scherm=1 opens the presentation mode for
the shared screen (no sidebar, larger type, one section at a time).
"""

import datetime as dt

import polars as pl
import streamlit as st

from dashboard import charts, fmt, labels, page

STATUS_LABELS = {"nieuw": "Nieuw", "in_onderzoek": "In onderzoek", "interventie": "Interventie",
                 "afgesloten": "Afgesloten", "doorgezet": "Doorgezet"}
VERVOLG_LABELS = {"geen": "Geen vervolg", "bronnenonderzoek": "Bronnenonderzoek",
                  "bestuursrechtelijk": "Bestuursrechtelijk", "strafrechtelijk": "Strafrechtelijk",
                  "zorg_en_veiligheid": "Zorg en veiligheid", "riec": "RIEC", "anders": "Anders",
                  "nog_niet_bepaald": "Nog niet bepaald"}
FASE_LABELS = {"signaal": "Signaal ontvangen", "besproken": "Besproken in het LOO",
               "interventie": "Interventie", "afgesloten": "Afgesloten"}
SECTIES = ("Binnengekomen", "Openstaand", "Nog te bespreken", "Vervolg", "Trechter")
LIMIET = 200  # rows of a pseudonymised list; the count above it is always complete

# Presentation mode: the meeting screen is 1920x1080 and read from across the room.
SCHERM_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"] { display: none !important; }
html { font-size: 22px !important; }
[data-testid="stMainBlockContainer"], .block-container {
    padding-top: 1rem !important; padding-bottom: 1rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] p { font-size: 22px !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.1rem !important; }
h1 { font-size: 2.1rem !important; padding: 0 !important; }
h2, h3 { font-size: 1.6rem !important; padding: 0.2rem 0 !important; }
</style>
"""


def _iso(text):
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _seed_from_url():
    """Take the meeting date, presentation mode and section from the URL on the first run."""
    qp = st.query_params
    if "vergadering" not in st.session_state:
        st.session_state["vergadering"] = _iso(qp.get("vergadering", "")) or dt.date.today()
    if "scherm" not in st.session_state:
        st.session_state["scherm"] = qp.get("scherm", "") in ("1", "ja", "true")
    if "sectie" not in st.session_state:
        gevraagd = qp.get("sectie", "")
        st.session_state["sectie"] = gevraagd if gevraagd in SECTIES else SECTIES[0]


def _mirror_to_url(vergadering, scherm):
    """Keep the address bar bookmarkable: the meeting date and the presentation mode."""
    st.query_params["vergadering"] = vergadering.isoformat()
    if scherm:
        st.query_params["scherm"] = "1"
    elif "scherm" in st.query_params:
        del st.query_params["scherm"]


def _lijst(df, extra=None):
    """A pseudonymised list as shown: Dutch headers and dates, bounded height."""
    kolommen = {"signaal_id": "Signaal", "datum_ontvangst": "Ontvangen", "bron": "Bron",
                "thema": "Thema", "wijk": "Wijk", "status": "Status"}
    kolommen.update(extra or {})
    shown = df.select(list(kolommen)).with_columns(
        pl.col("datum_ontvangst").map_elements(fmt.datum, return_dtype=pl.String),
        pl.col("bron").replace_strict(labels.BRON_LABELS, default=pl.col("bron")),
        pl.col("thema").map_elements(labels.thema, return_dtype=pl.String),
        pl.col("status").replace_strict(STATUS_LABELS, default=pl.col("status")),
        pl.col("wijk").fill_null("–"),
    ).rename(kolommen)
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * shown.height, 390))


def _groot(chart, scherm):
    """Charts on the meeting screen get larger labels and a height that fits the section."""
    if not scherm:
        return chart
    return chart.properties(height=300).configure_axis(labelFontSize=20, titleFontSize=20) \
        .configure_title(fontSize=24).configure_legend(labelFontSize=20)


def sectie_binnengekomen(vorige, vergadering):
    st.subheader(f"Binnengekomen sinds het vorige overleg ({fmt.datum(vorige)})")
    t = page.query("loo_binnengekomen_telling", vorige=vorige, vergadering=vergadering) \
        .row(0, named=True)
    a, b, c = st.columns(3)
    a.metric("Signalen en meldingen", fmt.getal(t["signalen_en_meldingen"]), border=True)
    b.metric("Signalen", fmt.getal(t["signalen"]), border=True)
    c.metric("M-meldingen zonder signaal", fmt.getal(t["m_meldingen_los"]), border=True)
    page.counting_rule(
        f"ontvangen na {fmt.datum(vorige)} tot en met {fmt.datum(vergadering)}. Een M-melding "
        "die de regisseur als signaal heeft geregistreerd (gekoppeld signaal) telt één keer, als "
        f"dat signaal; {fmt.getal(t['m_meldingen_gekoppeld'])} van de "
        f"{fmt.getal(t['m_meldingen'])} M-meldingen "
        f"{'is' if t['m_meldingen_gekoppeld'] == 1 else 'zijn'} zo gekoppeld. Alleen de "
        "overige M-meldingen tellen erbij op.")
    if t["signalen"]:
        lijst = page.query("loo_binnengekomen_lijst", vorige=vorige, vergadering=vergadering,
                           limiet=LIMIET)
        _lijst(lijst)
        if t["signalen"] > lijst.height:
            st.caption(f"De eerste {fmt.getal(lijst.height)} van {fmt.getal(t['signalen'])} "
                       "signalen.")
    else:
        st.info("Sinds het vorige overleg zijn geen nieuwe signalen binnengekomen.")


def sectie_openstaand(vergadering, scherm):
    st.subheader(f"Openstaande signalen op {fmt.datum(vergadering)}")
    status = page.query("loo_open_status", vergadering=vergadering)
    leeftijd = page.query("loo_open_leeftijd", vergadering=vergadering)
    st.metric("Openstaande signalen", fmt.getal(status["aantal"].sum()), border=True)
    links, rechts = st.columns(2, gap="large")
    with links:
        tabel = status.select(
            pl.col("status").replace_strict(STATUS_LABELS).alias("Status"),
            pl.col("aantal").alias("Aantal"))
        grafiek = charts.bars(tabel, "Status", "Aantal", title="Per status", x_type="N",
                              horizontal=True, description="Openstaande signalen per status")
        page.chart(_groot(grafiek, scherm), tabel, "Openstaande signalen per status",
                   "open_per_status")
    with rechts:
        tabel = leeftijd.select(pl.col("leeftijd").alias("Leeftijd"),
                                pl.col("aantal").alias("Aantal"))
        grafiek = charts.bars(tabel, "Leeftijd", "Aantal", title="Per leeftijd", x_type="N",
                              horizontal=True,
                              description="Openstaande signalen per leeftijd sinds ontvangst")
        page.chart(_groot(grafiek, scherm), tabel, "Openstaande signalen per leeftijd",
                   "open_per_leeftijd")
    page.counting_rule(
        "open = ontvangen op of vóór de vergaderdatum en status niet afgesloten of doorgezet "
        "(de status volgens de laatste export). Leeftijd = hele dagen van ontvangst tot de "
        "vergaderdatum.")


def sectie_te_bespreken(vergadering):
    st.subheader("Nog te bespreken")
    df = page.query("loo_te_bespreken", vergadering=vergadering, limiet=LIMIET)
    totaal = int(df["totaal"][0]) if df.height else 0
    st.metric("Signalen die nog niet in het LOO zijn besproken", fmt.getal(totaal), border=True)
    if df.height:
        _lijst(df, {"dagen_wachtend": "Dagen wachtend"})
        if totaal > df.height:
            st.caption(f"De oudste {fmt.getal(df.height)} van {fmt.getal(totaal)} signalen.")
    else:
        st.success("Alle signalen tot deze datum zijn besproken.")
    page.counting_rule(
        "ontvangen op of vóór de vergaderdatum, zonder datum van bespreking in het LOO of met "
        "een latere datum; oudste eerst.")


def sectie_vervolg(vorige, vergadering, scherm):
    st.subheader(f"Vervolg besloten sinds het vorige overleg ({fmt.datum(vorige)})")
    df = page.query("loo_vervolg", vorige=vorige, vergadering=vergadering)
    st.metric("Besproken signalen", fmt.getal(df["aantal"].sum()), border=True)
    if df.height:
        tabel = df.select(
            pl.col("vervolg").replace_strict(VERVOLG_LABELS, default=pl.col("vervolg"))
            .alias("Vervolg"), pl.col("aantal").alias("Aantal"))
        grafiek = charts.bars(tabel, "Vervolg", "Aantal", title="Besproken signalen per vervolg",
                              x_type="N", horizontal=True,
                              description="Besproken signalen per besloten vervolg")
        page.chart(_groot(grafiek, scherm), tabel, "Vervolg per besproken signaal", "vervolg")
    else:
        st.info("Er zijn sinds het vorige overleg geen signalen besproken.")
    page.counting_rule(
        f"signalen met een datum van bespreking van {fmt.datum(vorige)} (het vorige overleg) "
        f"tot en met {fmt.datum(vergadering)}, per vervolg; zonder vastgelegd vervolg telt een "
        "signaal als 'nog niet bepaald'.")


def sectie_trechter(ctx, scherm):
    st.subheader(f"Van signaal tot afsluiting: signalen ontvangen in {ctx.label}")
    df = page.query("loo_trechter", van=ctx.van, tot=ctx.tot)
    kolommen = st.columns(4)
    vanaf = {"besproken": "na ontvangst", "interventie": "na bespreking",
             "afgesloten": "na bespreking"}
    for kolom, r in zip(kolommen, df.iter_rows(named=True)):
        doorloop = None
        if r["fase"] in vanaf:
            doorloop = ("geen doorlooptijd bekend" if r["mediaan_dagen"] is None else
                        f"mediaan {fmt.getal(r['mediaan_dagen'], 1 if r['mediaan_dagen'] % 1 else 0)}"
                        f" dagen {vanaf[r['fase']]} (n = {fmt.getal(r['basis'])})")
        kolom.metric(FASE_LABELS[r["fase"]], fmt.getal(r["aantal"]), delta=doorloop,
                     delta_color="off", delta_arrow="off", border=True)
    tabel = df.select(
        pl.col("fase").replace_strict(FASE_LABELS).alias("Fase"),
        pl.col("aantal").alias("Aantal"),
        pl.col("mediaan_dagen").alias("Mediane doorlooptijd (dagen)"),
        pl.col("basis").alias("Signalen met doorlooptijd"))
    grafiek = charts.bars(tabel.select("Fase", "Aantal"), "Fase", "Aantal",
                          title="Trechter", x_type="N", horizontal=False,
                          description="Aantal signalen per fase van de trechter")
    page.chart(_groot(grafiek, scherm), tabel, "Trechter van signaal tot afsluiting",
               f"trechter_{ctx.label}")
    page.counting_rule(
        "signalen ontvangen in de gekozen periode. Besproken = met datum van bespreking in het "
        "LOO. Interventie = status interventie, of afgesloten met vervolg bestuursrechtelijk of "
        "strafrechtelijk, of met minstens één gekoppelde handhavingsactie (via signaal-id). "
        "Afgesloten = status afgesloten (doorgezet telt niet als afgesloten). Doorlooptijden "
        "zijn medianen in dagen: ontvangst → bespreking; bespreking → eerste gekoppelde "
        "handhavingsactie (alleen signalen met zo'n actie); bespreking → afsluiting.")


ctx = page.begin("loo")
_seed_from_url()

bediening = st.columns([2, 2, 5])
vergadering = bediening[0].date_input("Datum van het overleg", key="vergadering",
                                      format="DD-MM-YYYY")
scherm = bediening[1].toggle("Presentatiemodus", key="scherm",
                             help="Voor het scherm in de vergaderzaal: geen zijbalk, grotere "
                                  "letters, één onderdeel tegelijk.")
_mirror_to_url(vergadering, scherm)
if scherm:
    st.markdown(SCHERM_CSS, unsafe_allow_html=True)
    sectie = bediening[2].radio("Onderdeel", SECTIES, key="sectie", horizontal=True)
    getoond = (sectie,)
else:
    getoond = SECTIES
page.freshness()

vorige_rij = page.query("loo_vorige_vergadering", vergadering=vergadering).row(0, named=True)
vorige = vorige_rij["vorige"]
if vorige_rij["bron"] == "maand_terug":
    st.caption(f"Er is geen eerder overleg in de gegevens; 'sinds het vorige overleg' telt vanaf "
               f"{fmt.datum(vorige)} (een maand terug).")
else:
    st.caption(f"Vorig overleg: {fmt.datum(vorige)} (laatste eerdere datum van bespreking).")

if "Binnengekomen" in getoond:
    sectie_binnengekomen(vorige, vergadering)
if "Openstaand" in getoond:
    sectie_openstaand(vergadering, scherm)
if "Nog te bespreken" in getoond:
    sectie_te_bespreken(vergadering)
if "Vervolg" in getoond:
    sectie_vervolg(vorige, vergadering, scherm)
if "Trechter" in getoond:
    sectie_trechter(ctx, scherm)
