"""Uitvoeringsplan: where each goal stands, measured progress, its history and new updates."""

import datetime as dt
import re
import sqlite3

import polars as pl
import streamlit as st

from core import clock, fmt
from core.audit import AuditUnavailable
from dashboard import auth, indicators, labels, page, plan, roles
from dashboard import security
from dashboard.security import literal

ctx = page.begin("uitvoeringsplan")
page.freshness()

jaren = page.query("plan_jaren")["jaar"].to_list()
if not jaren:
    st.info("Er is nog geen uitvoeringsplan geladen. De regisseur laadt het op de pagina "
            "Data & kwaliteit.")
    st.stop()

MAG_BEWERKEN = roles.may_edit_plan(ctx.roles)
VANDAAG = clock.today()
voortgang = labels.voortgang  # icon and Dutch label, the same on every page


@st.cache_resource(show_spinner=False)
def _voorbeeld_ingelezen(store):
    """Import the sample update history into an empty store, once per server process."""
    return plan.seed_if_empty(store=store)


def partners(tekst):
    """Partners separated by ';' or new lines, as one readable line."""
    delen = [p.strip() for p in re.split(r"[;\n]", tekst or "") if p.strip()]
    return ", ".join(delen) if delen else "–"


def tabel(koppen, rijen):
    """A compact markdown table."""
    regels = ["| " + " | ".join(koppen) + " |", "|" + "|".join("---" for _ in koppen) + "|"]
    regels += ["| " + " | ".join(str(c) for c in rij) + " |" for rij in rijen]
    return "\n".join(regels)


standaard = ctx.jaar if ctx.jaar in jaren else jaren[0]
# Demo: the sample plan gets its sample history, never once real exports have been loaded.
if auth.demo_mode() and 2026 in jaren and not security.real_data_loaded():
    voorbeeld = {r["doel_id"] for r in plan.sample_history()}
    if voorbeeld <= set(page.query("plan_doelen", jaar=2026)["doel_id"].to_list()):
        _voorbeeld_ingelezen(str(plan.store_path()))

# The manager summary is one block that fits a 1920x1080 screen: choices, table, attention.
samenvatting = st.container(key="plan_samenvatting")
keuze = samenvatting.columns([1, 1, 3], vertical_alignment="bottom")
jaar = keuze[0].selectbox("Planjaar", jaren, index=jaren.index(standaard), key="plan_jaar")
doelen = page.query("plan_doelen", jaar=jaar)
doel_ids = doelen["doel_id"].to_list()


def _opslaan(jaar, doel_ids, rol):
    """Form callback: validate, write the audit entry (fail closed), then store the update."""
    ss = st.session_state
    if not roles.may_edit_plan(ss.get("roles")):  # fail closed
        ss["_plan_melding"] = ("error", ["Alleen de regisseur mag de voortgang bijwerken."])
        return
    waarden = (ss.get("plan_doel"), jaar, ss.get("plan_voortgang"), ss.get("plan_toelichting"),
               ss.get("plan_datum"), ss.get("username") or "")
    problemen = plan.problems(*waarden, set(doel_ids), VANDAAG)
    if problemen:
        ss["_plan_melding"] = ("error", problemen)
        return
    nu = clock.now()
    try:  # no audit entry, no update: the trail must hold every edit (never the toelichting)
        security.plan_changed(ss, waarden[0], jaar, waarden[2])
    except AuditUnavailable as exc:
        ss["_plan_melding"] = ("error", [f"{exc} De update is niet opgeslagen."])
        return
    try:
        rij = plan.record_update(*waarden, doelen=doel_ids, vandaag=VANDAAG, nu=nu)
    except (plan.PlanError, OSError, sqlite3.Error):
        ss["_plan_melding"] = ("error", ["De update kon niet worden opgeslagen; probeer het "
                                         "opnieuw of neem contact op met de beheerder."])
        return
    ss["_plan_melding"] = ("success", [
        f"Update opgeslagen voor {rij['doel_id']}: {voortgang(rij['voortgang'])} per "
        f"{fmt.datum(rij['datum'])}."])
    ss["plan_toelichting"] = ""


def _corrigeren():
    """Form callback: check, audit the original (fail closed), then rewrite or withdraw it."""
    ss = st.session_state
    if not roles.may_edit_plan(ss.get("roles")):  # fail closed
        ss["_plan_melding"] = ("error", ["Alleen de regisseur mag updates corrigeren."])
        return
    intrekken = ss.get("plan_correctie_soort") == "Intrekken"
    update = plan.stored(ss["plan_correctie_update"]) if ss.get("plan_correctie_update") else None
    waarden = (ss.get("plan_correctie_voortgang"), ss.get("plan_correctie_toelichting"),
               ss.get("username") or "")
    problemen = plan.correction_problems(update, *waarden, intrekken)
    if problemen:
        ss["_plan_melding"] = ("error", problemen)
        return
    try:  # no audit entry, no correction: the trail keeps the original's fields
        security.plan_corrected(ss, update, waarden[0], intrekken)
    except AuditUnavailable as exc:
        ss["_plan_melding"] = ("error", [f"{exc} Er is niets gewijzigd."])
        return
    try:
        plan.correct(update["update_id"], *waarden, intrekken=intrekken)
    except plan.PlanError as exc:
        ss["_plan_melding"] = ("error", exc.problemen)
        return
    except (OSError, sqlite3.Error):
        ss["_plan_melding"] = ("error", ["De correctie kon niet worden opgeslagen; probeer het "
                                         "opnieuw of neem contact op met de beheerder."])
        return
    ss["_plan_melding"] = ("success", [
        f"Update van {fmt.datum(update['datum'])} voor {update['doel_id']} "
        + ("ingetrokken: niemand ziet hem nog." if intrekken else "gecorrigeerd.")])
    ss["plan_correctie_update"] = None


def _kies_update(updates):
    """Choosing an update to correct fills in its voortgang and toelichting."""
    gekozen = updates.get(st.session_state.get("plan_correctie_update"))
    if gekozen:
        st.session_state["plan_correctie_voortgang"] = gekozen["voortgang"]
        st.session_state["plan_correctie_toelichting"] = gekozen["toelichting"]


stand = plan.latest(jaar, doelen=doelen)
geschiedenis = plan.history(jaar)


def meting(doel):
    """(indicator, rows, projection) of a goal, or Nones when it has no known indicator."""
    naam = doel["indicator"]
    if not naam or naam not in indicators.INDICATORS:
        return None, None, None
    ind = indicators.get(naam)
    rijen = indicators.measure(page.query, naam, jaar)
    peil = indicators.peildatum(rijen, VANDAAG)
    return ind, rijen, indicators.projection(rijen, doel["doelwaarde"], jaar, peil, ind.soort)


goals = []
for doel in stand.iter_rows(named=True):
    ind, rijen, projectie = meting(doel)
    rang, redenen = plan.attention(doel, projectie, VANDAAG)
    goals.append({**doel, "ind": ind, "rijen": rijen, "projectie": projectie, "rang": rang,
                  "redenen": redenen,
                  "reden": plan.reden(doel, redenen, projectie, ind.eenheid if ind else "")})
goals.sort(key=lambda g: (g["rang"], g["spoor"], g["doel_id"]))

laatste = (geschiedenis.sort("vastgelegd_op").row(-1, named=True)
           if geschiedenis.height else None)
if "plan_sinds" not in st.session_state:
    basis = laatste["datum"] if laatste else VANDAAG
    eerder = (basis.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    st.session_state["plan_sinds"] = min(eerder, VANDAAG)  # an update dated after a peildatum
# explicit bounds: Streamlit's own lower bound is ten years before the real clock's today
sinds = keuze[1].date_input("Veranderd sinds", key="plan_sinds", format="DD-MM-YYYY",
                            min_value=min(dt.date(jaar - 1, 1, 1), st.session_state["plan_sinds"]),
                            max_value=VANDAAG) or dt.date(jaar, 1, 1)
keuze[2].markdown(
    f"**Laatst bijgewerkt:** {fmt.datum_tijd(laatste['vastgelegd_op'])} door "
    f"{literal(laatste['door'])}" if laatste
    else "**Laatst bijgewerkt:** nog geen updates vastgelegd")

# ---- Manager summary: one screen --------------------------------------------------------------
with samenvatting:
    st.subheader(f"Stand van zaken uitvoeringsplan {jaar}")
    links, rechts = st.columns([7, 3], gap="medium")
    with links:
        rijen = []
        for g in goals:
            gemeten = indicators.meting_tekst(g["projectie"], g["ind"].eenheid) \
                if g["ind"] else None
            rijen.append([literal(g["wat"]), voortgang(g["voortgang"]), gemeten or "–",
                          labels.oordeel(g["rang"])])
        st.markdown(tabel(["Doel", "Voortgang", "Meting", "Oordeel"], rijen))
    with rechts:
        telling = stand.group_by("voortgang", "spoor").len()
        sporen = sorted(stand["spoor"].unique().to_list())
        per_voortgang = []
        for v in labels.VOORTGANG_ICONEN:
            deel = telling.filter(pl.col("voortgang") == v)
            if deel.is_empty():
                continue
            n = dict(zip(deel["spoor"].to_list(), deel["len"].to_list()))
            per_voortgang.append([voortgang(v)] + [n.get(sp, 0) for sp in sporen]
                                 + [sum(n.values())])
        per_voortgang.append(["**Totaal**"] + [f"**{sum(r[i + 1] for r in per_voortgang)}**"
                                               for i in range(len(sporen) + 1)])
        st.markdown(tabel(["Voortgang"] + [f"Spoor {sp}" for sp in sporen] + ["Totaal"],
                          per_voortgang))
    aandacht, veranderd = st.columns([7, 5], gap="medium")
    with aandacht:
        st.markdown("**Aandacht nodig**")
        nodig = [g for g in goals if g["rang"] <= 1]
        st.markdown("\n".join(f"- {labels.oordeel(g['rang'])} — **{literal(g['wat'])}**: "
                              f"{literal(g['reden'])}" for g in nodig)
                    if nodig else "Geen doelen die aandacht vragen.")
    with veranderd:
        wijzigingen = plan.changes_since(jaar, sinds, doelen=doelen)
        st.markdown(f"**Veranderd sinds {fmt.datum(sinds)}** ({wijzigingen.height})")
        regels = []
        for w in wijzigingen.head(4).iter_rows(named=True):
            overgang = (voortgang(w["voortgang"]) if w["voortgang"] == w["voortgang_voor"]
                        else f"{voortgang(w['voortgang_voor'])} → "
                             f"{voortgang(w['voortgang'])}")
            regels.append(f"- {fmt.datum(w['datum'])} · {literal(w['wat'])}: {overgang}")
        if wijzigingen.height > 4:
            regels.append(f"- en nog {wijzigingen.height - 4} eerdere updates (zie de "
                          "geschiedenis per doel)")
        st.markdown("\n".join(regels) if regels else "Geen updates in deze periode.")
page.counting_rule(
    plan.TELREGEL + " Metingen lopen t/m de laatste exportdatum van de bron en zijn lineair "
    "doorgetrokken naar het jaareinde; het oordeel weegt de laatste update en de meting samen.")

# ---- Edit form: the regisseur only ------------------------------------------------------------
if MAG_BEWERKEN:
    soort, tekst = st.session_state.pop("_plan_melding", (None, None))
    if soort == "error":
        st.error("Update niet opgeslagen:\n" + "\n".join(f"- {t}" for t in tekst),
                 icon=":material/error:")
    elif soort == "success":
        st.success("\n\n".join(tekst), icon=":material/check_circle:")
    namen = dict(zip(doelen["doel_id"].to_list(), doelen["wat"].to_list()))
    huidig = {g["doel_id"]: g for g in goals}

    def _kies_doel(huidige):
        """Choosing a goal preselects its current voortgang, so only a change needs a click."""
        gekozen = st.session_state.get("plan_doel")
        if gekozen in huidige:
            st.session_state["plan_voortgang"] = huidige[gekozen]

    with st.expander("Voortgang bijwerken", expanded=True, icon=":material/edit:"):
        a, b = st.columns([3, 2], vertical_alignment="bottom")
        gekozen = a.selectbox("Doel", doel_ids, index=None, key="plan_doel",
                              placeholder="Kies een doel",
                              format_func=lambda d: f"{d} — {namen.get(d, '')}",
                              on_change=_kies_doel,
                              args=({k: g["voortgang"] for k, g in huidig.items()},))
        if gekozen in huidig:
            g = huidig[gekozen]
            b.markdown(f"Nu: {voortgang(g['voortgang'])}"
                       + (f" · laatste update {fmt.datum(g['laatste_datum'])}"
                          if g["laatste_datum"] else " · nog geen update"))
        with st.form("plan_formulier", clear_on_submit=False, border=False):
            a, b = st.columns([1, 1])
            a.selectbox("Voortgang", list(labels.VOORTGANG_ICONEN), index=None,
                        key="plan_voortgang", placeholder="Kies de voortgang",
                        format_func=lambda v: labels.label("voortgang", v))
            b.date_input("Datum van de update", value=VANDAAG, key="plan_datum",
                         min_value=dt.date(jaar - 1, 1, 1), max_value=VANDAAG,
                         format="DD-MM-YYYY")
            st.text_area("Toelichting", key="plan_toelichting", max_chars=plan.MAX_TOELICHTING,
                         height=80, placeholder="Wat is er gebeurd of besloten? (kort, zonder "
                         "namen of andere persoonsgegevens)")
            st.form_submit_button("Opslaan", key="plan_opslaan", type="primary",
                                  on_click=_opslaan, args=(jaar, doel_ids, ctx.rol),
                                  icon=":material/save:")
        st.caption("Een update overschrijft niets: elke update blijft in de geschiedenis "
                   "staan, met wie hem vastlegde en wanneer.")

    updates = {u["update_id"]: u for u in geschiedenis.reverse().iter_rows(named=True)}
    with st.expander("Update corrigeren of intrekken", icon=":material/history:"):
        st.selectbox("Update", list(updates), index=None, key="plan_correctie_update",
                     placeholder="Kies een update (nieuwste eerst)",
                     format_func=lambda i: (f"{updates[i]['doel_id']} · "
                                            f"{fmt.datum(updates[i]['datum'])} · "
                                            f"{labels.label('voortgang', updates[i]['voortgang'])}"
                                            f" · {plan.kort(updates[i]['toelichting'], 60)}"),
                     on_change=_kies_update, args=(updates,))
        with st.form("plan_correctie_formulier", clear_on_submit=False, border=False):
            st.radio("Wat wilt u doen?", ["Corrigeren", "Intrekken"], horizontal=True,
                     key="plan_correctie_soort")
            st.selectbox("Voortgang", list(labels.VOORTGANG_ICONEN), index=None,
                         key="plan_correctie_voortgang", placeholder="Kies de voortgang",
                         format_func=lambda v: labels.label("voortgang", v))
            st.text_area("Gecorrigeerde toelichting", key="plan_correctie_toelichting",
                         max_chars=plan.MAX_TOELICHTING, height=80)
            st.form_submit_button("Correctie opslaan", key="plan_correctie_opslaan",
                                  on_click=_corrigeren, icon=":material/save:")
        st.caption("Een correctie vervangt de update voor iedereen; intrekken haalt hem weg. "
                   "De oorspronkelijke voortgang en datum blijven alleen in de audittrail, de "
                   "oude toelichting alleen als vingerafdruk (SHA-256).")

# ---- Goal cards per spoor: behind and at risk first -------------------------------------------
for spoor in sorted(stand["spoor"].unique().to_list()):
    st.subheader(labels.label("spoor", spoor))
    kolommen = st.columns(2, gap="medium")
    for i, g in enumerate(x for x in goals if x["spoor"] == spoor):
        with kolommen[i % 2].container(border=True):
            st.markdown(f"#### {literal(g['wat'])}")
            st.markdown(f"**Voortgang:** {voortgang(g['voortgang'])} · "
                        f"**Oordeel:** {labels.oordeel(g['rang'])}")
            if g["redenen"]:
                st.markdown(f"**Aandacht:** {literal(g['reden'])}")
            st.markdown(f"**Doel:** {literal(g['doel'])}")
            st.markdown(f"**In samenwerking met:** {literal(partners(g['partners']))}")
            st.markdown(f"**Status bij vaststelling:** {literal(g['status'] or '–')}")
            if g["laatste_datum"] is not None:
                st.markdown(f"**Laatste update ({fmt.datum(g['laatste_datum'])}):** "
                            f"{literal(g['laatste_toelichting'])}")
            else:
                st.markdown("**Laatste update:** nog geen update vastgelegd.")
            termijn = [f"start {fmt.datum(g['startdatum'])}" if g["startdatum"] else None,
                       f"einddatum {fmt.datum(g['einddatum'])}" if g["einddatum"] else None]
            st.caption(" · ".join(t for t in termijn if t).capitalize() or "Geen termijn")
            p = g["projectie"]
            if g["indicator"] and p is None:
                st.caption(f"Indicator '{literal(g['indicator'])}' wordt (nog) niet gemeten in het "
                           "dashboard.")
            elif p is not None:
                eenheid = g["ind"].eenheid
                st.markdown(f"**Meting: {g['ind'].label}**")
                if p["fractie"] is not None:
                    gem = (fmt.procent(p["gemeten"]) if g["ind"].soort == "aandeel"
                           else f"{fmt.getal(p['gemeten'])} van {fmt.getal(p['doelwaarde'])} "
                                f"{eenheid}")
                    st.progress(p["fractie"], text=f"{gem} ({fmt.procent(p['fractie'])} van "
                                                   "het doel)")
                # the measurement in words, uncoloured: the verdict above is the one judgement
                st.markdown(f"{p['icoon']} {p['zin']}")
                with st.expander(f"Meting per maand: {g['ind'].label}"):
                    tot = indicators.peildatum(g["rijen"], VANDAAG)
                    per_maand = g["rijen"].filter(pl.col("maand") <= tot).select(
                        pl.col("maand").map_elements(fmt.maand, return_dtype=pl.String)
                        .alias("Maand"),
                        pl.col("waarde").alias("In de maand"),
                        pl.col("cumulatief").alias("Sinds januari"))
                    page.table(per_maand, g["ind"].label, f"meting_{g['doel_id']}")
                    page.counting_rule(f"{g['ind'].regel} Gemeten t/m {fmt.datum(tot)} (laatste "
                                       "exportdatum).")
            tijdlijn = geschiedenis.filter(pl.col("doel_id") == g["doel_id"]).reverse()
            with st.expander(f"Geschiedenis ({tijdlijn.height} "
                             f"{'update' if tijdlijn.height == 1 else 'updates'})"):
                if tijdlijn.is_empty():
                    st.markdown("Nog geen updates vastgelegd.")
                for u in tijdlijn.iter_rows(named=True):
                    st.markdown(f"**{fmt.datum(u['datum'])}** · {voortgang(u['voortgang'])}"
                                f"  \n{literal(u['toelichting'])}")
                    st.caption(f"Vastgelegd door {literal(u['door'])} op "
                               f"{fmt.datum_tijd(u['vastgelegd_op'])}"
                               + (f"; gecorrigeerd door {literal(u['gewijzigd_door'])} op "
                                  f"{fmt.datum_tijd(u['gewijzigd_op'])}"
                                  if u["status"] == "gecorrigeerd" else ""))

# ---- Year-end view: what was achieved, what is on schedule, what moves to next year ----------
st.subheader(f"Jaareinde {jaar}: bereikt en doorschuiven")
loopt_nog = VANDAAG <= dt.date(jaar, 12, 31)
if loopt_nog:
    st.caption(f"Voorlopig: {jaar} loopt nog. Metingen zijn doorgetrokken naar het jaareinde; een "
               "doel schuift door als het achter ligt of risico loopt.")
bereikt = [g for g in goals if g["voortgang"] == "afgerond"
           or (g["projectie"] or {}).get("status") == "behaald"]
geschrapt = [g for g in goals if g["voortgang"] == "geschrapt"]
open_doelen = [g for g in goals if g not in bereikt and g not in geschrapt]
op_schema = [g for g in open_doelen if loopt_nog and g["rang"] == 2]
verder = [g for g in open_doelen if g not in op_schema]
lijsten = [("Bereikt", bereikt), ("Op schema", op_schema) if loopt_nog else None,
           (f"Schuift {'mogelijk ' if loopt_nog else ''}door naar {jaar + 1}", verder),
           ("Geschrapt", geschrapt)]
lijsten = [lijst for lijst in lijsten if lijst]
for k, (titel, lijst) in zip(st.columns(len(lijsten), gap="large"), lijsten):
    with k:
        st.markdown(f"**{titel}** ({len(lijst)})")
        st.markdown("\n".join(
            f"- {literal(g['wat'])} — {voortgang(g['voortgang'])}"
            + (f"; meting: {indicators.meting_tekst(g['projectie'], g['ind'].eenheid)}"
               if g["projectie"] and g["projectie"]["gemeten"] is not None else "")
            for g in lijst) or "–")
