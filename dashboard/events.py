"""Events on the Trends chart: those the regisseur keeps in the app, and those in configuration.

The app's events live in a small SQLite file beside the database (data/gebeurtenissen.sqlite,
or $LOO_EVENTS_DB), like the plan updates (dashboard/plan.py): a load replaces the DuckDB file
wholesale and must not take them along. Every change is one write transaction; triggers refuse
DELETE and every UPDATE but an edit or a withdrawal, one version up, with who and when. The
caller audits each change first (dashboard.security.event_*): no audit entry, no change.

Events in config/gebeurtenissen.yaml are shown beside them, marked as configuration; the app
does not edit that file.
"""

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import yaml

from core import clock, sqlite
from data_pipeline import privacy
from data_pipeline.contract import THEMAS
from data_pipeline.db import database_path
from data_pipeline.settings import config_dir

STORE_NAME = "gebeurtenissen.sqlite"
MAX_TEKST = 60  # it stands in the chart, above the plot
BUSY_MS = 30_000
ALLE = None  # thema None: the event applies to every theme
APP, CONFIGURATIE = "app", "configuratie"

SCHEMA = """
    create table if not exists gebeurtenissen (
        gebeurtenis_id integer primary key autoincrement,
        datum text not null,
        tekst text not null,
        thema text,
        status text not null default 'geldig',
        versie integer not null default 1,
        door text not null,
        vastgelegd_op text not null,
        gewijzigd_op text,
        gewijzigd_door text
    );
    create trigger if not exists gebeurtenissen_niet_verwijderen before delete on gebeurtenissen
       begin select raise(abort, 'Gebeurtenissen worden nooit verwijderd, alleen ingetrokken.');
       end;
    create trigger if not exists gebeurtenissen_alleen_wijzigen before update on gebeurtenissen
       when new.versie is not old.versie + 1 or old.status = 'ingetrokken'
         or new.gebeurtenis_id is not old.gebeurtenis_id or new.door is not old.door
         or new.vastgelegd_op is not old.vastgelegd_op
         or new.gewijzigd_op is null or new.gewijzigd_door is null
       begin select raise(abort,
           'Een gebeurtenis verandert alleen als wijziging of intrekking, één versie verder.');
       end;
"""
COLUMNS = ("gebeurtenis_id", "datum", "tekst", "thema", "status", "versie", "door",
           "vastgelegd_op", "gewijzigd_op", "gewijzigd_door")
SELECT = "select " + ", ".join(COLUMNS) + " from gebeurtenissen"  # fixed names, no values
FRAME_SCHEMA = {"datum": pl.Date, "label": pl.String, "toelichting": pl.String,
                "thema": pl.String, "bron": pl.String, "gebeurtenis_id": pl.Int64}


class EventError(ValueError):
    """An event that cannot be stored; the message is Dutch and lists every problem."""

    def __init__(self, problemen):
        self.problemen = list(problemen)
        super().__init__("Gebeurtenis niet opgeslagen: " + " ".join(self.problemen))


def store_path(explicit=None):
    """The store: explicit, else $LOO_EVENTS_DB, else gebeurtenissen.sqlite beside the database."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_EVENTS_DB"):
        return Path(os.environ["LOO_EVENTS_DB"])
    return database_path().parent / STORE_NAME


@contextmanager
def connect(store=None):
    """A connection to the store in WAL mode with a busy timeout, schema created if needed."""
    with sqlite.connect(store_path(store), SCHEMA, BUSY_MS) as con:
        yield con


def as_date(value):
    """A date from a date, or text as JJJJ-MM-DD or DD-MM-JJJJ; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    tekst = str(value or "").strip()
    for vorm in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    return None


def text_problems(tekst):
    """Why an event text cannot be stored, in Dutch, naming the kind and never the value."""
    tekst = tekst.strip() if isinstance(tekst, str) else ""
    if not tekst:
        return ["De tekst is leeg: beschrijf de gebeurtenis in een paar woorden."]
    found = []
    if len(tekst) > MAX_TEKST:
        found.append(f"De tekst telt {len(tekst)} tekens; maximaal {MAX_TEKST} (hij staat in de "
                     "grafiek).")
    # every line break counts too: the label is one line in the chart
    if any(ord(c) < 32 or 127 <= ord(c) < 160 or c in "\u2028\u2029" for c in tekst):
        found.append("De tekst bevat een stuurteken (een onzichtbaar teken, bijvoorbeeld een "
                     "regeleinde uit een geplakte tekst); typ de tekst opnieuw op één regel.")
    if soorten := privacy.find_identifiers(tekst):
        found.append(f"De tekst bevat een {' en een '.join(soorten)}. Een gebeurtenis is voor "
                     "iedereen met toegang zichtbaar: schrijf er geen persoonsgegevens in.")
    return found


def problems(datum, tekst, thema, door, vandaag=None):
    """Every reason, in Dutch, why this event cannot be stored; empty when it can."""
    vandaag = vandaag or clock.today()
    found = []
    dag = as_date(datum)
    if dag is None:
        found.append("De datum ontbreekt of is geen geldige datum (JJJJ-MM-DD of "
                     "DD-MM-JJJJ).")
    elif not dt.date(2000, 1, 1) <= dag <= vandaag + dt.timedelta(days=366):
        found.append(f"De datum {dag.isoformat()} valt buiten de mogelijke periode (vanaf 2000 "
                     "tot hooguit een jaar vooruit).")
    found += text_problems(tekst)
    if thema is not ALLE and thema not in THEMAS:
        found.append("Kies een thema uit de lijst, of 'Alle thema's'.")
    if not (door or "").strip():
        found.append("Er is geen gebruikersnaam bekend: log opnieuw in.")
    return found


def _write(statement, params, store):
    """One statement in its own write transaction; returns the cursor."""
    with connect(store) as con:
        con.execute("pragma secure_delete = on")  # an edited text must not linger
        con.execute("begin immediate")
        try:
            cur = con.execute(statement, params)
            if cur.rowcount != 1:  # someone else changed it between reading and writing
                raise EventError(["De gebeurtenis is intussen door iemand anders gewijzigd; "
                                  "open de pagina opnieuw."])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("pragma wal_checkpoint(truncate)")
    return cur


def add(datum, tekst, thema, door, *, store=None, vandaag=None, nu=None):
    """Store a new event after validating it; returns the stored row."""
    found = problems(datum, tekst, thema, door, vandaag)
    if found:
        raise EventError(found)
    row = {"datum": as_date(datum).isoformat(), "tekst": tekst.strip(), "thema": thema,
           "door": door.strip(),
           "vastgelegd_op": (nu or clock.now()).isoformat(timespec="microseconds")}
    cur = _write("insert into gebeurtenissen (datum, tekst, thema, door, vastgelegd_op) "
                 "values (:datum, :tekst, :thema, :door, :vastgelegd_op)", row, store)
    return stored(cur.lastrowid, store)


def stored(gebeurtenis_id, store=None):
    """One event as stored (withdrawn ones included), or None."""
    with connect(store) as con:
        row = con.execute(SELECT + " where gebeurtenis_id = ?",
                          [int(gebeurtenis_id)]).fetchone()
    return None if row is None else dict(zip(COLUMNS, row))


def change_problems(event, datum, tekst, thema, door, intrekken=False, vandaag=None):
    """Why this edit or withdrawal cannot be stored, in Dutch; empty when it can."""
    if event is None:
        return ["Deze gebeurtenis bestaat niet (meer)."]
    if event["status"] == "ingetrokken":
        return ["Deze gebeurtenis is al ingetrokken."]
    if intrekken:
        return [] if (door or "").strip() else ["Er is geen gebruikersnaam bekend: log opnieuw in."]
    found = problems(datum, tekst, thema, door, vandaag)
    dag = as_date(datum)
    if not found and (dag.isoformat(), tekst.strip(), thema) == (
            event["datum"], event["tekst"], event["thema"]):
        found.append("De wijziging is gelijk aan de gebeurtenis: er is niets te wijzigen.")
    return found


def change(gebeurtenis_id, datum, tekst, thema, door, *, intrekken=False, store=None,
           vandaag=None, nu=None):
    """Edit one event in place (or withdraw it), one version up; returns the row as it was."""
    event = stored(gebeurtenis_id, store)
    found = change_problems(event, datum, tekst, thema, door, intrekken, vandaag)
    if found:
        raise EventError(found)
    nieuw = {"datum": event["datum"] if intrekken else as_date(datum).isoformat(),
             "tekst": event["tekst"] if intrekken else tekst.strip(),
             "thema": event["thema"] if intrekken else thema,
             "status": "ingetrokken" if intrekken else "gewijzigd",
             "versie": event["versie"] + 1, "gewijzigd_door": door.strip(),
             "gewijzigd_op": (nu or clock.now()).isoformat(timespec="microseconds"),
             "gebeurtenis_id": event["gebeurtenis_id"]}
    _write("update gebeurtenissen set datum = :datum, tekst = :tekst, thema = :thema, "
           "status = :status, versie = :versie, gewijzigd_op = :gewijzigd_op, "
           "gewijzigd_door = :gewijzigd_door where gebeurtenis_id = :gebeurtenis_id "
           "and versie = :versie - 1", nieuw, store)
    return event


def in_app(store=None):
    """The app's events that are not withdrawn, oldest first, as rows."""
    with connect(store) as con:
        rows = con.execute(SELECT + " where status <> 'ingetrokken' "
                           "order by datum, gebeurtenis_id")
        return [dict(zip(COLUMNS, r)) for r in rows.fetchall()]


def from_config(path=None):
    """(rows, message): the events in config/gebeurtenissen.yaml; a broken file gives a Dutch
    message naming the file and the kind of problem, and no rows."""
    path = Path(path) if path else config_dir() / "gebeurtenissen.yaml"
    if not path.exists():
        return [], None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rows = [{"datum": dt.date.fromisoformat(str(g["datum"])), "label": str(g["label"]),
                 "toelichting": str(g.get("toelichting") or ""),
                 "thema": None if g.get("thema") in (None, "alle") else str(g["thema"]),
                 "bron": CONFIGURATIE, "gebeurtenis_id": None}
                for g in data.get("gebeurtenissen") or []]
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        return [], f"config/gebeurtenissen.yaml is niet te lezen ({type(exc).__name__})."
    return rows, None


def frame(van, tot, themas=None, store=None, config=None):
    """(events, message): configured and app events from van to tot as one frame (datum, label,
    toelichting, thema, bron, gebeurtenis_id), sorted by date. themas: the themes shown; an
    event for one theme appears only when that theme is shown, one for all themes always."""
    rows, melding = from_config(config)
    rows += [{"datum": as_date(e["datum"]), "label": e["tekst"], "toelichting": "",
              "thema": e["thema"], "bron": APP, "gebeurtenis_id": e["gebeurtenis_id"]}
             for e in in_app(store)]
    rows = [r for r in rows if van <= r["datum"] <= tot
            and (r["thema"] is None or themas is None or r["thema"] in themas)]
    return pl.DataFrame(rows, schema=FRAME_SCHEMA).sort("datum", "label"), melding


# --- the small form on the Trends page (regisseur only) ---
BRONLABEL = {APP: "In de app", CONFIGURATIE: "Configuratie (config/gebeurtenissen.yaml)"}
THEMA_KEUZES = [ALLE] + [t for t in THEMAS if t != "onbekend"]


def thema_label(thema):
    return "Alle thema's" if thema is ALLE else THEMAS.get(thema, thema)


def _melding(state, soort, teksten):
    state["_gebeurtenis_melding"] = (soort, teksten)


def _opslaan():
    """The form's save button: validate, audit (no entry, no change), then store."""
    import sqlite3

    import streamlit as st

    from core.audit import AuditUnavailable
    from dashboard import roles, security

    ss = st.session_state
    if not roles.may_edit_plan(ss.get("roles")):  # the regisseur's right; fails closed
        return _melding(ss, "error", ["Alleen de regisseur mag gebeurtenissen vastleggen."])
    gekozen = ss.get("gebeurtenis_keuze")
    intrekken = gekozen is not None and ss.get("gebeurtenis_soort") == "Intrekken"
    waarden = (ss.get("gebeurtenis_datum"), ss.get("gebeurtenis_tekst") or "",
               ss.get("gebeurtenis_thema"), ss.get("username") or "")
    event = stored(gekozen) if gekozen is not None else None
    found = (change_problems(event, *waarden, intrekken=intrekken) if gekozen is not None
             else problems(*waarden))
    if found:
        return _melding(ss, "error", found)
    try:
        if gekozen is None:
            security.event_added(ss, as_date(waarden[0]), waarden[1], waarden[2])
        else:
            security.event_changed(ss, event, as_date(waarden[0]), waarden[1], waarden[2],
                                   intrekken)
    except AuditUnavailable as exc:
        return _melding(ss, "error", [f"{exc} Er is niets opgeslagen."])
    try:
        if gekozen is None:
            add(*waarden)
        else:
            change(gekozen, *waarden, intrekken=intrekken)
    except EventError as exc:
        return _melding(ss, "error", exc.problemen)
    except (OSError, sqlite3.Error):
        return _melding(ss, "error", ["De gebeurtenis kon niet worden opgeslagen; probeer het "
                                      "opnieuw of neem contact op met de beheerder."])
    _melding(ss, "success", ["Gebeurtenis ingetrokken." if intrekken else
                             "Gebeurtenis gewijzigd." if gekozen is not None else
                             "Gebeurtenis toegevoegd."])
    for k in ("gebeurtenis_tekst", "gebeurtenis_datum"):
        ss[k] = ""
    ss["gebeurtenis_keuze"] = None


def _kies(bestaand):
    """Choosing an event to edit fills in its date, text and theme."""
    import streamlit as st

    e = bestaand.get(st.session_state.get("gebeurtenis_keuze"))
    st.session_state["gebeurtenis_datum"] = e["datum"] if e else ""
    st.session_state["gebeurtenis_tekst"] = e["tekst"] if e else ""
    st.session_state["gebeurtenis_thema"] = e["thema"] if e else ALLE


def beheer():
    """The regisseur's form: add an event, or choose one to edit or withdraw."""
    import streamlit as st

    from core import fmt

    ss = st.session_state
    if melding := ss.pop("_gebeurtenis_melding", None):
        (st.success if melding[0] == "success" else st.error)(" ".join(melding[1]))
    bestaand = {e["gebeurtenis_id"]: e for e in in_app()}
    with st.expander("Gebeurtenissen toevoegen, wijzigen of intrekken",
                     icon=":material/edit_calendar:"):
        st.selectbox("Gebeurtenis", [None, *bestaand], key="gebeurtenis_keuze",
                     format_func=lambda i: "Nieuwe gebeurtenis" if i is None else
                     f"{fmt.datum(as_date(bestaand[i]['datum']))} · {bestaand[i]['tekst']}",
                     on_change=_kies, args=(bestaand,))
        with st.form("gebeurtenis_formulier", border=False):
            if ss.get("gebeurtenis_keuze") is not None:
                st.radio("Wat wilt u doen?", ["Wijzigen", "Intrekken"], horizontal=True,
                         key="gebeurtenis_soort")
            kolommen = st.columns([1, 2, 1])
            kolommen[0].text_input("Datum", key="gebeurtenis_datum", placeholder="JJJJ-MM-DD")
            kolommen[1].text_input(f"Korte tekst (hoogstens {MAX_TEKST} tekens)",
                                   key="gebeurtenis_tekst", max_chars=MAX_TEKST)
            kolommen[2].selectbox("Thema", THEMA_KEUZES, key="gebeurtenis_thema",
                                  format_func=thema_label)
            st.form_submit_button("Opslaan", on_click=_opslaan)
        st.caption("Gebeurtenissen uit config/gebeurtenissen.yaml staan in de lijst onder de "
                   "grafiek met bron 'Configuratie' en zijn hier niet te wijzigen. Elke "
                   "wijziging komt in de auditlog (de tekst alleen als vingerafdruk).")
