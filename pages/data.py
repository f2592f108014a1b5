"""Data & kwaliteit (regisseur): load a new export, the load ledger, refusals, freshness."""

import tempfile
from pathlib import Path

import polars as pl
import streamlit as st

from core.audit import AuditUnavailable
from dashboard import auth, labels, page, roles, security
from dashboard.security import literal
from data_pipeline import mappings, retention
from data_pipeline.contract import SOURCES, THEMAS
from data_pipeline.settings import ConfigError

UITKOMSTEN = {"geladen": "Geladen", "al_geladen": "Al geladen (niets veranderd)",
              "geweigerd": "Geweigerd"}

# Demo mode takes only the sample exports: one real export would switch the demo accounts off
# (dashboard.auth) and lock everybody out until production accounts are set up.
DEMO_UITLEG = (
    "Niets geladen: {namen} {is_zijn} geen voorbeeldexport, en het dashboard draait in "
    "**demomodus**, met de synthetische "
    "voorbeeldgegevens en de demo-accounts (regisseur, loo en manager met wachtwoord demo). "
    "In demomodus laadt het alleen de voorbeeldexports. Echte gegevens horen in "
    "**productiemodus**: de beheerder maakt persoonlijke accounts aan (`python -m dashboard "
    "users add`), zet `LOO_CREDENTIALS` en `LOO_COOKIE_KEY` en start het dashboard opnieuw "
    "(zie docs/deployment.md). Er is niets veranderd.")

GELADEN = "_upload_uitkomsten"  # the results of a load, shown after the rerun it causes

KOPPELING = "_koppeling_melding"  # the outcome of a mapping, shown after its rerun
KOPPELING_BESTAND = "_koppeling_bestand"  # ... beside the form of that configuration file


def _koppel(bestand, detail, schrijf):
    """Form callback: audit (fail closed), then add the mapping to the configuration."""
    ss = st.session_state
    ss[KOPPELING_BESTAND] = bestand
    if not roles.allowed("data", ss.get("roles")):  # fail closed
        ss[KOPPELING] = ("error", "Alleen de regisseur mag de configuratie aanvullen.")
        return
    try:
        security.config_changed(ss, bestand, detail)
        schrijf()
    except AuditUnavailable as exc:
        ss[KOPPELING] = ("error", f"{exc} Er is niets veranderd.")
        return
    except (ConfigError, OSError) as exc:
        ss[KOPPELING] = ("error", str(exc) if isinstance(exc, ConfigError) else
                         f"{bestand} is niet te schrijven; er is niets veranderd.")
        return
    ss[KOPPELING] = ("success", None)


def _koppel_thema(db):
    """Map the chosen unknown theme label, then re-map the rows loaded with it."""
    from data_pipeline.load import remap_themes

    ss = st.session_state
    label, thema = ss.get("koppel_label"), ss.get("koppel_thema")
    _koppel("themas.yaml", {"thema": thema, "label": label},
            lambda: mappings.add_theme_label(thema, label))
    if ss[KOPPELING][0] != "success":
        return
    try:
        bijgewerkt = f"{remap_themes(db).bijgewerkt} rijen bijgewerkt"
    except Exception:  # the mapping is stored; the next load applies it to the rows
        bijgewerkt = "de rijen krijgen het thema bij de volgende lading"
    ss[KOPPELING] = ("success", f"Label '{label}' hoort nu bij thema {labels.thema(thema)}; "
                                f"{bijgewerkt}.")
    page.clear_cache()


def _koppel_kolom():
    """Add the typed column name as an alias of the chosen contract column."""
    ss = st.session_state
    bron, kolom, alias = ss.get("koppel_bron"), ss.get("koppel_kolom"), ss.get("koppel_alias")
    _koppel("kolomnamen.yaml", {"bron": bron, "kolom": kolom, "alias": alias},
            lambda: mappings.add_column_alias(bron, kolom, (alias or "").strip()))
    if ss[KOPPELING][0] == "success":
        ss[KOPPELING] = ("success", f"Kolomnaam '{(alias or '').strip()}' hoort nu bij kolom "
                                    f"{kolom} van {bron}. Laad de export opnieuw.")
        ss["koppel_alias"] = ""


def koppelmelding(bestand):
    """The outcome of the last mapping into this file, once."""
    if not st.session_state.get(KOPPELING_BESTAND) == bestand:
        return
    soort, tekst = st.session_state.pop(KOPPELING, (None, None))
    if soort == "error":
        st.error(literal(tekst), icon=":material/error:")
    elif soort == "success":
        st.success(literal(tekst), icon=":material/check_circle:")


ctx = page.begin("data", needs_data=False)
page.freshness()

st.subheader("Nieuwe export laden")
st.markdown("Een export (CSV of Excel) gaat door dezelfde controles als bij het laden via de "
            "opdrachtregel. Een bestand wordt helemaal geladen of helemaal niet. De bron volgt "
            f"uit het begin van de bestandsnaam ({', '.join(f'`{s}`' for s in SOURCES)}).")
bestanden = st.file_uploader("Exports kiezen (één of meer)", type=["csv", "xlsx"],
                             accept_multiple_files=True, key="upload_export")


def laad(bestand):
    """Load one uploaded export: (name, result or None on a technical error, audit problem)."""
    from data_pipeline.load import load_file

    naam = Path(bestand.name).name
    with tempfile.TemporaryDirectory(prefix="loo-upload-") as tmp:
        pad = Path(tmp) / naam
        pad.write_bytes(bestand.getvalue())
        try:
            # a regisseur loads the exports of their own gemeente only (district mode)
            resultaat = load_file(pad, name=naam, gemeente=page.gemeente())
        except Exception:  # the message stays generic: details may hold file content
            return naam, None, None
    try:
        # the name as the loader recorded it: one holding an identifier is withheld there
        security.uploaded(st.session_state, resultaat.bestand, resultaat)
    except AuditUnavailable as exc:
        return naam, resultaat, str(exc)
    return naam, resultaat, None


def toon(naam, resultaat, auditfout):
    """The outcome of one file, under its own name."""
    if auditfout:
        st.error(auditfout)
    if resultaat is None:
        st.error(f"Laden van {naam} is mislukt door een technische fout; er is niets "
                 "veranderd. Probeer het opnieuw of laad het bestand via de opdrachtregel.")
    elif resultaat.uitkomst == "geladen":
        st.success(resultaat.samenvatting())
        for waarschuwing in resultaat.waarschuwingen:
            st.warning(waarschuwing, icon=":material/warning:")
    elif resultaat.uitkomst == "al_geladen":
        st.info(resultaat.samenvatting())
    else:
        st.error(resultaat.samenvatting())
        # problems may quote a header of the file: shown as text, never as Markdown
        st.markdown("\n".join(f"- {literal(p)}" for p in resultaat.problemen))


if bestanden and st.button("Laden", type="primary", key="upload_laden"):
    vreemd = [literal(Path(b.name).name) for b in bestanden
              if auth.demo_mode() and not security.is_sample(b.getvalue())]
    if vreemd:
        st.error(DEMO_UITLEG.format(namen=", ".join(vreemd),
                                    is_zijn="is" if len(vreemd) == 1 else "zijn"))
    else:
        with st.spinner("Bezig met laden en controleren…"):
            st.session_state[GELADEN] = [laad(b) for b in bestanden]
        page.clear_cache()
        st.rerun()  # from the top, so the freshness line above shows the new data at once
for uitkomst in st.session_state.pop(GELADEN, []):
    toon(*uitkomst)

if not Path(ctx.db).exists():
    st.stop()

st.subheader("Versheid per bron")
versheid = page.query("versheid").with_columns(
    pl.col("bron").replace_strict(labels.KINDS["source"], default=pl.col("bron")))
page.table(versheid, "Versheid per bron", "versheid",
           kolommen={"bron": "Bron", "rijen": "Rijen", "nieuwste_datum": "Gegevens t/m",
                     "laatst_geladen": "Laatst geladen"})
page.counting_rule("rijen in de database per bron; 'gegevens t/m' is de nieuwste datum in de "
                   "gegevens, 'laatst geladen' het moment van de laatste geslaagde lading.")

st.subheader("Laadlog")
log = page.query("data_laadlog")
if log.height == 0:
    st.info("Er is nog niets geladen.")
else:
    log = log.with_columns(
        pl.col("uitkomst").replace_strict(UITKOMSTEN, default=pl.col("uitkomst")),
        pl.col("bron").replace_strict(labels.KINDS["source"], default=pl.col("bron")))
    for w in log.filter(pl.col("laatste_van_bron") & pl.col("opmerking").str.contains("Let op"))\
            .iter_rows(named=True):
        st.warning(f"Laatste lading van {w['bron'].lower()} ({literal(w['bestand'])}): "
                   + " ".join(r for r in w["opmerking"].splitlines() if r.startswith("Let op")),
                   icon=":material/warning:")
    page.table(log.drop("laatste_van_bron"), "Laadlog", "laadlog", kolommen={
        "gestart": "Gestart", "bestand": "Bestand", "bron": "Bron", "uitkomst": "Uitkomst",
        "gelezen": "Gelezen", "ingevoegd": "Nieuw", "bijgewerkt": "Bijgewerkt",
        "ongewijzigd": "Ongewijzigd", "opmerking": "Opmerking"})
    page.counting_rule("elke laadpoging één regel, nieuwste eerst (maximaal 200); de opmerking "
                       "is de waarschuwing of notitie bij een geslaagde lading.")

st.subheader("Geweigerde bestanden")
weigeringen = page.query("data_weigeringen")
if weigeringen.height == 0:
    st.success("Er zijn geen geweigerde bestanden.")
for w in weigeringen.iter_rows(named=True):
    redenen = [r for r in (w["redenen"] or "").splitlines() if r.strip()]
    with st.expander(f"{literal(w['bestand'])} — {len(redenen)} "
                     f"{'probleem' if len(redenen) == 1 else 'problemen'}"):
        st.markdown("\n".join(f"- {literal(r)}" for r in redenen) or "Geen reden vastgelegd.")

with st.expander("Kolomnaam koppelen", icon=":material/link:",
                 expanded=st.session_state.get(KOPPELING_BESTAND) == "kolomnamen.yaml"):
    st.markdown("Weigert het dashboard een export omdat een verplichte kolom ontbreekt, terwijl "
                "die kolom er onder een andere naam wel in staat? Koppel die naam hier aan de "
                "kolom; dat komt in config/kolomnamen.yaml en in de audittrail. Laad de export "
                "daarna opnieuw.")
    a, b = st.columns(2)
    bron = a.selectbox("Bron", list(SOURCES), key="koppel_bron",
                       format_func=lambda s: labels.label("source", s))
    b.selectbox("Kolom in het dashboard", SOURCES[bron].column_names, key="koppel_kolom")
    with st.form("kolom_koppeling", border=False):
        st.text_input("Kolomnaam in de export", key="koppel_alias", max_chars=mappings.MAX_LENGTH)
        st.form_submit_button("Koppelen", key="koppel_kolom_knop", on_click=_koppel_kolom)
koppelmelding("kolomnamen.yaml")

st.subheader("Onbekende themalabels")
onbekend = page.query("onbekende_themas")
if onbekend.height == 0:
    st.success("Alle themalabels zijn bekend in config/themas.yaml.")
else:
    st.warning("Deze labels staan nog niet in config/themas.yaml. De rijen zijn geladen en "
               "tellen als 'onbekend' tot de koppeling is aangevuld.")
    page.table(onbekend.with_columns(
        pl.col("bron").replace_strict(labels.KINDS["source"], default=pl.col("bron"))),
        "Onbekende themalabels", "onbekende_themas",
        kolommen={"bron": "Bron", "label": "Label in de export", "rijen": "Rijen"})
    with st.form("thema_koppeling", border=False):
        a, b, c = st.columns([3, 2, 1], vertical_alignment="bottom")
        a.selectbox("Label", sorted(set(onbekend["label"].to_list())), key="koppel_label")
        b.selectbox("Hoort bij thema", [t for t in THEMAS if t != "onbekend"],
                    key="koppel_thema", format_func=labels.thema)
        c.form_submit_button("Koppelen", key="koppel_thema_knop", on_click=_koppel_thema,
                             args=(ctx.db,))
    st.caption("Koppelen zet het label in config/themas.yaml (met een regel in de audittrail) "
               "en geeft de rijen met dat label meteen het thema.")
koppelmelding("themas.yaml")

st.subheader("Bewaartermijnen")
try:
    termijnen = retention.plan_purge()
except ConfigError as exc:
    st.error(f"config/bewaartermijnen.yaml is niet te gebruiken: {literal(exc)}")
else:
    page.table(termijnen.with_columns(
        pl.col("bron").replace_strict(labels.KINDS["source"], default=pl.col("bron")),
        pl.col("vanaf").fill_null("–")),
        "Bewaartermijnen", "bewaartermijnen", kolommen={
            "bron": "Bron", "termijn": "Bewaartermijn", "vanaf": "Gerekend vanaf",
            "grens": "Weg als ouder dan", "aantal": "Volgende opschoning verwijdert",
            "zonder_datum": "Zonder datum (blijven staan)"})
    page.counting_rule("rijen waarvan de datum (de eerste gevulde kolom van 'gerekend vanaf') "
                       "vóór de grens ligt. Opschonen met `python -m data_pipeline purge` "
                       "(eerst met `--dry-run`); de termijnen staan in "
                       "config/bewaartermijnen.yaml.")
