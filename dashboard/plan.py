"""Progress updates of the uitvoeringsplan: an append-only store beside the analytics database.

The analytics database (data/loo.duckdb) is replaced wholesale by every load, so updates the
regisseur records in the dashboard cannot live there. They go to a small SQLite file beside it
(data/plan_updates.sqlite, or $LOO_PLAN_DB) that no load touches. Every update is one INSERT in
its own write transaction (BEGIN IMMEDIATE); SQLite's WAL mode and a busy timeout make a second
writer wait for the first instead of failing, so two people saving at once both land. Triggers
refuse DELETE, and every UPDATE but one kind: the regisseur correcting or withdrawing an update
(correct, withdraw). That rewrites the row in place, one version up, with who and when; the
original goes to the audit trail (its text only as a fingerprint), not into the store.

Plan goals themselves (plan_doelen) stay in DuckDB; the two are joined here in polars.

In a district each gemeente has its own plan: every update belongs to one gemeente (the page's,
dashboard.queries.standaard_gemeente), is read only under that gemeente and can be corrected
only there. A store from before gemeenten gets the configured gemeente for its rows.
"""

import datetime as dt
import json
import os
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from core import clock, fmt, resources, sqlite
from dashboard import indicators, queries
from data_pipeline import privacy
from data_pipeline.contract import VOORTGANG
from data_pipeline.db import database_path

STORE_NAME = "plan_updates.sqlite"
MAX_TOELICHTING = 500
BUSY_MS = 30_000
SAMPLE_FILE = resources.folder("sample_data") / "plan_voortgang_2026.jsonl"

SCHEMA = """
    create table if not exists plan_updates (
        update_id integer primary key autoincrement,
        doel_id text not null,
        jaar integer not null,
        voortgang text not null,
        toelichting text not null,
        datum text not null,
        door text not null,
        vastgelegd_op text not null,
        bron text not null default 'dashboard'
    );
    create index if not exists plan_updates_jaar on plan_updates (jaar, doel_id);
    create trigger if not exists plan_updates_niet_verwijderen before delete on plan_updates
       begin select raise(abort, 'Voortgangsupdates worden nooit verwijderd.'); end;
"""

# Stores made before corrections existed get the columns and the narrower trigger on first use.
CORRECTION_COLUMNS = {
    "status": "alter table plan_updates add column status text not null default 'geldig'",
    "versie": "alter table plan_updates add column versie integer not null default 1",
    "gewijzigd_op": "alter table plan_updates add column gewijzigd_op text",
    "gewijzigd_door": "alter table plan_updates add column gewijzigd_door text",
}
# An update may change only its voortgang, toelichting and status, one version at a time, with
# who and when; a withdrawn update stays withdrawn.
CORRECTION_TRIGGER = (
    "drop trigger if exists plan_updates_niet_wijzigen",
    """create trigger if not exists plan_updates_alleen_correctie before update on plan_updates
       when new.versie is not old.versie + 1 or old.status = 'ingetrokken'
         or new.update_id is not old.update_id or new.doel_id is not old.doel_id
         or new.jaar is not old.jaar or new.datum is not old.datum or new.door is not old.door
         or new.vastgelegd_op is not old.vastgelegd_op or new.bron is not old.bron
         or new.gewijzigd_op is null or new.gewijzigd_door is null
       begin select raise(abort,
           'Voortgangsupdates worden nooit gewijzigd, alleen gecorrigeerd of ingetrokken.'); end""",
)
# The gemeente column, and a trigger that also keeps an update in its gemeente; stores from
# before it get the column and its value in one transaction on first use.
GEMEENTE_UPGRADE = (
    "drop trigger if exists plan_updates_niet_wijzigen",
    "drop trigger if exists plan_updates_alleen_correctie",
    "alter table plan_updates add column gemeente text",
    "update plan_updates set gemeente = :gemeente where gemeente is null",
    "create index if not exists plan_updates_gemeente on plan_updates (gemeente, jaar, doel_id)",
    CORRECTION_TRIGGER[1].replace(
        "or new.bron is not old.bron",
        "or new.bron is not old.bron or new.gemeente is not old.gemeente"),
)
STATUS = ("geldig", "gecorrigeerd", "ingetrokken")

HISTORY_SCHEMA = {
    "update_id": pl.Int64, "doel_id": pl.Utf8, "jaar": pl.Int64, "voortgang": pl.Utf8,
    "toelichting": pl.Utf8, "datum": pl.Date, "door": pl.Utf8,
    "vastgelegd_op": pl.Datetime("us"), "bron": pl.Utf8, "status": pl.Utf8, "versie": pl.Int64,
    "gewijzigd_op": pl.Datetime("us"), "gewijzigd_door": pl.Utf8,
}
# what a new update is stored with; the correction columns keep their defaults
COLUMNS = ["doel_id", "jaar", "voortgang", "toelichting", "datum", "door", "vastgelegd_op", "bron",
           "gemeente"]
READ_COLUMNS = [c for c in HISTORY_SCHEMA if c != "update_id"]
TIJD_KOLOMMEN = ("vastgelegd_op", "gewijzigd_op")
# the store's statements, from the fixed column names above (never a value)
INSERT = ("insert into plan_updates (" + ", ".join(COLUMNS) + ") values ("
          + ", ".join("?" for _ in COLUMNS) + ")")
SELECT = "select update_id, " + ", ".join(READ_COLUMNS) + " from plan_updates"


class PlanError(ValueError):
    """An update that cannot be stored; the message is Dutch and lists every problem."""

    def __init__(self, problemen):
        self.problemen = list(problemen)
        super().__init__("Update niet opgeslagen: " + " ".join(self.problemen))


def store_path(explicit=None):
    """The store file: explicit, else $LOO_PLAN_DB, else plan_updates.sqlite beside the database."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_PLAN_DB"):
        return Path(os.environ["LOO_PLAN_DB"])
    return database_path().parent / STORE_NAME


@contextmanager
def connect(store=None):
    """A connection to the store in WAL mode with a busy timeout, schema created if needed."""
    with sqlite.connect(store_path(store), SCHEMA, BUSY_MS) as con:
        _upgrade(con)
        yield con


def _columns(con):
    return {r[1] for r in con.execute("pragma table_info(plan_updates)")}


def _upgrade(con):
    """Give a store from before corrections and gemeenten existed their columns and trigger,
    once; its rows belong to the configured gemeente."""
    if "gemeente" in _columns(con):
        return
    from data_pipeline.settings import load_settings

    con.execute("begin immediate")
    try:
        present = _columns(con)  # another process may have upgraded it meanwhile
        if "gemeente" not in present:
            for column, statement in CORRECTION_COLUMNS.items():
                if column not in present:
                    con.execute(statement)
            for statement in GEMEENTE_UPGRADE:
                con.execute(statement, {"gemeente": load_settings().gemeente}
                            if ":gemeente" in statement else {})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _gemeente(gemeente=None):
    """The gemeente whose updates are read or written: the given one, else the page's."""
    return gemeente or queries.standaard_gemeente()


def as_date(value):
    """A date from a date, datetime or ISO text; None when it is none of those."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def plan_doelen(jaar, db=None):
    """The goals of one plan year from the analytics database, ordered by spoor and doel_id."""
    return queries.run("plan_doelen_jaar", db=db, jaar=int(jaar))


def plan_jaren(db=None):
    """Every plan year that is loaded, newest first."""
    return queries.run("plan_jaren", db=db)["jaar"].to_list()


def text_problems(toelichting):
    """Why a toelichting cannot be stored, in Dutch (never quoting it); empty when it can."""
    tekst = toelichting.strip() if isinstance(toelichting, str) else ""
    if not tekst:
        return ["De toelichting is leeg: beschrijf kort wat er is gebeurd of besloten."]
    if len(tekst) > MAX_TOELICHTING:
        return [f"De toelichting telt {len(tekst)} tekens; maximaal {MAX_TOELICHTING}."]
    if any(ord(c) < 32 and c not in "\n\t" or 127 <= ord(c) < 160 for c in tekst):
        return ["De toelichting bevat een onzichtbaar stuurteken (bijvoorbeeld uit een "
                "geplakte tekst); typ de tekst opnieuw."]
    if soorten := privacy.find_identifiers(tekst):
        # the kind of data, never the value: the message is shown and may be logged
        return [f"De toelichting bevat een {' en een '.join(soorten)}. Een update is voor "
                "iedereen met toegang zichtbaar: schrijf er geen persoonsgegevens in."]
    return []


def problems(doel_id, jaar, voortgang, toelichting, datum, door, doelen, vandaag=None):
    """Every reason, in Dutch, why this update cannot be stored; empty when it can."""
    vandaag = vandaag or clock.today()
    found = []
    if not doel_id:
        found.append("Kies een doel.")
    elif str(doel_id) not in doelen:
        found.append(f"Doel '{doel_id}' bestaat niet in het uitvoeringsplan {jaar}.")
    if not voortgang:
        found.append("Kies een voortgang.")
    elif voortgang not in VOORTGANG:
        keuzes = ", ".join(label.lower() for label in VOORTGANG.values())
        found.append(f"Voortgang '{voortgang or ''}' is onbekend; kies uit: {keuzes}.")
    found += text_problems(toelichting)
    dag = as_date(datum)
    if dag is None:
        found.append("De datum ontbreekt of is geen geldige datum (JJJJ-MM-DD).")
    elif dag > vandaag:
        found.append(f"De datum {dag.isoformat()} ligt in de toekomst; een update beschrijft wat "
                     "al gebeurd is.")
    elif not jaar - 1 <= dag.year <= jaar + 1:
        found.append(f"De datum {dag.isoformat()} valt buiten de planperiode ({jaar - 1} tot en "
                     f"met {jaar + 1}).")
    if not (door or "").strip():
        found.append("Er is geen gebruikersnaam bekend: log opnieuw in.")
    return found


def record_update(doel_id, jaar, voortgang, toelichting, datum, door, *, db=None, store=None,
                  doelen=None, vandaag=None, nu=None, gemeente=None):
    """Append one update after validating it; returns the stored row as a dict.

    doelen: the known doel_ids of the year; read from plan_doelen in the database when omitted.
    vandaag, nu: today's date and the recording time; core.clock's when omitted.
    gemeente: whose plan it is; the page's when omitted.
    """
    jaar = int(jaar)
    if doelen is None:
        doelen = plan_doelen(jaar, db)["doel_id"].to_list()
    found = problems(doel_id, jaar, voortgang, toelichting, datum, door, set(map(str, doelen)),
                     vandaag)
    if found:
        raise PlanError(found)
    row = {
        "doel_id": str(doel_id), "jaar": jaar, "voortgang": voortgang,
        "toelichting": toelichting.strip(), "datum": as_date(datum).isoformat(),
        "door": door.strip(),
        "vastgelegd_op": (nu or clock.now()).isoformat(timespec="microseconds"),
        "bron": "dashboard", "gemeente": _gemeente(gemeente),
    }
    with connect(store) as con:
        con.execute("begin immediate")
        try:
            cur = con.execute(INSERT, [row[c] for c in COLUMNS])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return {"update_id": cur.lastrowid, **row}


def _frame(rows):
    """Store rows as a typed polars frame (dates and timestamps parsed)."""
    text = ("datum",) + TIJD_KOLOMMEN
    frame = pl.DataFrame(rows, schema={c: (pl.Utf8 if c in text else t)
                                       for c, t in HISTORY_SCHEMA.items()}, orient="row")
    return frame.with_columns(
        pl.col("datum").str.to_date("%Y-%m-%d"),
        *(pl.col(c).str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", time_unit="us")
          for c in TIJD_KOLOMMEN),
    )


def history(jaar, doel_id=None, store=None, gemeente=None):
    """Every update of a gemeente's plan year (or one goal) that is not withdrawn, oldest first."""
    sql = SELECT + " where jaar = ? and gemeente = ? and status <> 'ingetrokken'"
    args = [int(jaar), _gemeente(gemeente)]
    if doel_id is not None:
        sql += " and doel_id = ?"
        args.append(str(doel_id))
    with connect(store) as con:
        rows = con.execute(sql + " order by datum, vastgelegd_op, update_id", args).fetchall()
    return _frame(rows)


def stored(update_id, store=None, gemeente=None):
    """One update of the gemeente's plan as stored (withdrawn ones included), or None."""
    with connect(store) as con:
        row = con.execute(SELECT + " where update_id = ? and gemeente = ?",
                          [int(update_id), _gemeente(gemeente)]).fetchone()
    return None if row is None else _frame([row]).row(0, named=True)


def correction_problems(update, voortgang, toelichting, door, intrekken=False):
    """Why this correction or withdrawal cannot be stored, in Dutch; empty when it can."""
    if update is None:
        return ["Deze update bestaat niet (meer)."]
    if update["status"] == "ingetrokken":
        return ["Deze update is al ingetrokken."]
    found = [] if intrekken or voortgang in VOORTGANG else ["Kies een voortgang."]
    if not intrekken:
        found += text_problems(toelichting)
        if voortgang == update["voortgang"] and (toelichting or "").strip() == update["toelichting"]:
            found.append("De correctie is gelijk aan de update: er is niets te corrigeren.")
    if not (door or "").strip():
        found.append("Er is geen gebruikersnaam bekend: log opnieuw in.")
    return found


def correct(update_id, voortgang, toelichting, door, *, store=None, nu=None, intrekken=False,
            gemeente=None):
    """Rewrite one update in place (or withdraw it); returns the row as it was before.

    The store keeps only the new version; the caller audits the old one first. Secure delete
    and a checkpoint make sure the replaced text does not linger in free pages or the WAL.
    """
    update = stored(update_id, store, gemeente)
    found = correction_problems(update, voortgang, toelichting, door, intrekken)
    if found:
        raise PlanError(found)
    nieuw = {"voortgang": update["voortgang"] if intrekken else voortgang,
             "toelichting": "" if intrekken else toelichting.strip(),
             "status": "ingetrokken" if intrekken else "gecorrigeerd",
             "versie": update["versie"] + 1,
             "gewijzigd_op": (nu or clock.now()).isoformat(timespec="microseconds"),
             "gewijzigd_door": door.strip()}
    with connect(store) as con:
        con.execute("pragma secure_delete = on")
        con.execute("begin immediate")
        try:
            changed = con.execute(
                "update plan_updates set voortgang = :voortgang, toelichting = :toelichting, "
                "status = :status, versie = :versie, gewijzigd_op = :gewijzigd_op, "
                "gewijzigd_door = :gewijzigd_door where update_id = :update_id "
                "and versie = :versie - 1", {**nieuw, "update_id": update["update_id"]}).rowcount
            if changed != 1:  # someone else corrected it between reading and writing
                raise PlanError(["De update is intussen door iemand anders gewijzigd; open de "
                                 "pagina opnieuw."])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        con.execute("pragma wal_checkpoint(truncate)")
    return update


def _ordered(updates):
    """Updates in timeline order: by the date they refer to, then when they were recorded."""
    return updates.sort(["doel_id", "datum", "vastgelegd_op", "update_id"])


def latest(jaar, db=None, store=None, doelen=None, tot=None, gemeente=None):
    """Each goal of the year with its current voortgang: the newest update, else the plan's value.

    doelen: the plan_doelen frame of that year; read from the database when omitted.
    tot: only updates dated on or before this date count (the stand on a peildatum).
    """
    doelen = plan_doelen(jaar, db) if doelen is None else doelen
    updates = _ordered(history(jaar, store=store, gemeente=gemeente))
    if tot is not None:
        updates = updates.filter(pl.col("datum") <= tot)
    newest = updates.group_by("doel_id", maintain_order=True).agg(
        pl.col("voortgang").last().alias("laatste_voortgang"),
        pl.col("datum").last().alias("laatste_datum"),
        pl.col("toelichting").last().alias("laatste_toelichting"),
        pl.col("door").last().alias("laatste_door"),
        pl.col("vastgelegd_op").last().alias("laatste_vastgelegd_op"),
        pl.len().cast(pl.Int64).alias("aantal_updates"),
    )
    return (
        doelen.with_columns(pl.col("doel_id").cast(pl.Utf8))
        .rename({"voortgang": "voortgang_plan"})
        .join(newest, on="doel_id", how="left")
        .with_columns(
            pl.coalesce("laatste_voortgang", "voortgang_plan", pl.lit("niet_gestart"))
            .alias("voortgang"),
            pl.col("aantal_updates").fill_null(0),
        )
        .drop("laatste_voortgang")
        .sort(["spoor", "doel_id"])
    )


def changes_since(jaar, since_date, db=None, store=None, doelen=None, gemeente=None):
    """Updates dated or recorded on or after since_date, newest first, with the voortgang before.

    An update recorded after since_date about an earlier date is new to the reader too, so it
    counts. voortgang_voor is the previous update of that goal, else the plan's voortgang.
    """
    since = as_date(since_date)
    doelen = plan_doelen(jaar, db) if doelen is None else doelen
    plan = doelen.select(
        pl.col("doel_id").cast(pl.Utf8), "spoor", "wat",
        pl.col("voortgang").fill_null("niet_gestart").alias("voortgang_plan"),
    )
    updates = _ordered(history(jaar, store=store, gemeente=gemeente)).with_columns(
        pl.col("voortgang").shift(1).over("doel_id").alias("vorige")
    )
    return (
        updates.join(plan, on="doel_id", how="inner")
        .with_columns(pl.coalesce("vorige", "voortgang_plan").alias("voortgang_voor"))
        .drop("vorige", "voortgang_plan")
        .filter((pl.col("datum") >= since) | (pl.col("vastgelegd_op").dt.date() >= since))
        .sort(["datum", "vastgelegd_op", "update_id"], descending=True)
    )


TELREGEL = ("elk doel één keer, met de voortgang van de nieuwste update (op datum, dan op "
            "tijdstip van vastleggen), anders die uit het plan; zonder voortgang telt een doel "
            "als niet gestart.")
STIL_DAGEN = 90  # a running goal without an update for longer than this needs a look
KLAAR = ("afgerond", "geschrapt")
KORT_TEKST = 140  # characters of a toelichting quoted in a one-line reason


def kort(tekst, n=KORT_TEKST):
    """A toelichting cut at a word to fit one line."""
    tekst = " ".join(str(tekst or "").split())
    return tekst if len(tekst) <= n else tekst[:n].rsplit(" ", 1)[0] + " …"


def laatste_update(goal):
    """'update van 19 mei 2026: “Bijeenkomst verschoven …”', or None without an update."""
    if goal.get("laatste_datum") is None:
        return None
    tekst = kort(goal.get("laatste_toelichting"))
    return f"update van {fmt.datum(goal['laatste_datum'])}" + (f": “{tekst}”" if tekst else "")


def attention(goal, projectie=None, vandaag=None):
    """Why a goal needs attention: (rank, reasons).

    rank 0: behind (vertraagd, end date passed, target missed); 1: at risk (indicator behind
    schedule, not started after its start date, no update for STIL_DAGEN days); 2: on schedule;
    3: afgerond or geschrapt. goal is a row of latest(); projectie a dict of
    indicators.projection or None.
    """
    vandaag = vandaag or clock.today()
    voortgang = goal.get("voortgang")
    if voortgang in KLAAR:
        return 3, []
    behind, risk = [], []
    if voortgang == "vertraagd":
        update = laatste_update(goal)
        behind.append(f"Vertraagd volgens de {update}." if update else "Vertraagd volgens het plan.")
    einde = goal.get("einddatum")
    if einde is not None and einde < vandaag:
        behind.append(f"Einddatum {fmt.datum(einde)} is verstreken.")
    status = (projectie or {}).get("status")
    if status == "niet_behaald":
        behind.append(projectie["zin"])
    elif status == "achter":
        risk.append(projectie["zin"])
    start = goal.get("startdatum")
    if voortgang == "niet_gestart" and start is not None and start < vandaag:
        risk.append(f"Nog niet gestart; de start was {fmt.datum(start)}.")
    laatste = goal.get("laatste_datum")
    sinds = laatste or start or dt.date(int(goal["jaar"]), 1, 1)
    if (vandaag - sinds).days > STIL_DAGEN:
        risk.append(f"Geen update sinds {fmt.datum(laatste)}." if laatste
                    else f"Nog geen update vastgelegd sinds {fmt.datum(sinds)}.")
    if behind:
        return 0, behind + risk
    return (1, risk) if risk else (2, [])


def reden(goal, redenen, projectie=None, eenheid=""):
    """The reason a goal needs attention in one line: why, the latest update, the measurement
    against its target."""
    delen = list(redenen)
    update = laatste_update(goal)
    if update and not any(update in r for r in delen):
        delen.append(f"Laatste {update}.")
    meting = indicators.meting_tekst(projectie, eenheid) if projectie else None
    if meting and not any(projectie["zin"] == r for r in delen):
        delen.append(f"Meting: {meting}.")
    return " ".join(delen)


# The sample history of the 2026 plan (doel_ids as in sample_data/uitvoeringsplan_2026.csv):
# (doel_id, datum, voortgang, toelichting), January to October 2026, in the plan's own words.
SAMPLE_2026 = (
    ("UP-2026-1.1", "2026-01-20", "in_voorbereiding",
     "Voorbereiding reeds gestart: opzet training besproken met contractmanagement en kwaliteit "
     "sociaal domein; de toezichthouder sociaal domein levert casuïstiek aan."),
    ("UP-2026-1.1", "2026-03-17", "loopt",
     "Trainingsprogramma vastgesteld samen met burgerzaken; eerste sessie voor consulenten "
     "sociaal domein gepland in april."),
    ("UP-2026-1.1", "2026-04-21", "loopt",
     "Eerste training gegeven aan consulenten over signalen binnen aanvragen voor "
     "zorgbeschikkingen en het meldpunt zorgfraude."),
    ("UP-2026-1.1", "2026-09-29", "afgerond",
     "Tweede sessie gehouden: alle consulenten getraind. Werkwijze bij signalen van zorgfraude "
     "opgenomen in de werkinstructie zorgbeschikkingen."),
    ("UP-2026-1.2", "2026-02-12", "in_voorbereiding",
     "Eerste overleg met COA Duinrell en de districtgemeenten over opzet en doelgroep van de "
     "bijeenkomst."),
    ("UP-2026-1.2", "2026-05-19", "vertraagd",
     "Bijeenkomst verschoven: planning bij COA Duinrell vol door verbouwing; nieuwe datum "
     "afhankelijk van COA en RSIV."),
    ("UP-2026-1.2", "2026-09-08", "vertraagd",
     "Nog geen datum. Voorstel: de bijeenkomst begin 2027 combineren met de districtelijke "
     "hotelbijeenkomst over mensenhandel; besluit in het districtsoverleg van november."),
    ("UP-2026-2.1", "2026-01-27", "in_voorbereiding",
     "Voorbereiding reeds gestart: advies uit de DPIA van Atlas met de privacy-officer "
     "uitgewerkt tot een opzet voor het privacyprotocol."),
    ("UP-2026-2.1", "2026-04-14", "loopt",
     "Concept privacyprotocol opgesteld; ter toetsing bij privacy-officer, ICT en politie."),
    ("UP-2026-2.1", "2026-07-07", "loopt",
     "Opmerkingen van politie en ICT verwerkt; protocol ter vaststelling aangeboden."),
    ("UP-2026-2.1", "2026-10-13", "afgerond",
     "Privacyprotocol vastgesteld en toegepast in de werkwijze van het lokaal "
     "ondermijningsoverleg."),
    ("UP-2026-2.2", "2026-01-15", "loopt",
     "Districtelijke planning van de registercontroles afgestemd met politie en de gemeenten "
     "Leidschendam-Voorburg, Pijnacker-Nootdorp en Zoetermeer."),
    ("UP-2026-2.2", "2026-03-24", "loopt",
     "Eerste gerichte registercontroles uitgevoerd bij opkopers in het centrum; bevindingen "
     "besproken in het LOO."),
    ("UP-2026-2.2", "2026-10-06", "loopt",
     "Gezamenlijke controledag met politie gehouden; het geharmoniseerde handhavingsbeleid "
     "wordt districtelijk toegepast."),
    ("UP-2026-3.1", "2026-01-12", "loopt",
     "Start januari 2026: tijdelijke Bibob-specialist begonnen; intake met casemanagement "
     "Omgevingswet en APV vergunningverlening."),
    ("UP-2026-3.1", "2026-04-07", "loopt",
     "Wet Bibob toegepast bij de eerste omgevingsvergunningen en een aanbesteding; "
     "werkafspraken gemaakt met financiën (inkoop & aanbesteding)."),
    ("UP-2026-3.1", "2026-08-25", "loopt",
     "Toepassing uitgebreid naar subsidies en het sociaal domein; uren worden bijgehouden "
     "voor de evaluatie."),
    ("UP-2026-3.1", "2026-10-20", "loopt",
     "Opzet evaluatie besproken: de evaluatie eind 2026 is de basis voor het besluit over "
     "structurele borging, uren en middelen van een Bibob-coördinator."),
    ("UP-2026-3.2", "2026-02-03", "in_voorbereiding",
     "Start 2026: met HR verkend hoe integriteit en weerbaarheid samen in het "
     "inwerkprogramma en de functioneringscyclus komen."),
    ("UP-2026-3.2", "2026-06-16", "vertraagd",
     "Uitrol uitgesteld door beperkte capaciteit bij HR; planning herzien naar het najaar."),
    ("UP-2026-3.2", "2026-10-01", "loopt",
     "Eerste sessie integriteit en weerbaarheid voor leidinggevenden gehouden; de VOG-P wordt "
     "verder ingebed bij kwetsbare functies."),
)


def sample_history(door="regisseur"):
    """The sample update rows, each recorded at the end of the working day it refers to."""
    rows = []
    for number, (doel_id, datum, voortgang, toelichting) in enumerate(SAMPLE_2026):
        opgeslagen = dt.datetime.fromisoformat(datum) + dt.timedelta(hours=16, minutes=number)
        rows.append({"doel_id": doel_id, "jaar": 2026, "voortgang": voortgang,
                     "toelichting": toelichting, "datum": datum, "door": door,
                     "vastgelegd_op": opgeslagen.isoformat(), "bron": "voorbeeld"})
    return rows


def count(store=None):
    """The number of updates in the store, withdrawn ones included."""
    with connect(store) as con:
        return con.execute("select count(*) from plan_updates").fetchone()[0]


def read_sample(path=SAMPLE_FILE):
    """The update rows of a JSON-lines file; a Dutch error names the line that is wrong."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PlanError([f"{Path(path).name} regel {number} is geen geldige JSON."]) from exc
        missing = [c for c in COLUMNS if c not in ("bron", "gemeente") and c not in row]
        if missing:
            raise PlanError([f"{Path(path).name} regel {number} mist {', '.join(missing)}."])
        if row["voortgang"] not in VOORTGANG or as_date(row["datum"]) is None:
            raise PlanError([f"{Path(path).name} regel {number}: onbekende voortgang of "
                             "ongeldige datum."])
        rows.append({**row, "bron": row.get("bron", "voorbeeld"), "gemeente": row.get("gemeente")})
    return rows


def seed_if_empty(path=SAMPLE_FILE, store=None):
    """Import the sample history into an empty store, all or nothing; returns rows imported.

    The emptiness check and the inserts share one write transaction, so two app processes
    starting at once import the sample once.
    """
    from data_pipeline.settings import load_settings

    rows = [{**r, "gemeente": r["gemeente"] or load_settings().gemeente}  # the sample's plan
            for r in read_sample(path)]
    with connect(store) as con:
        con.execute("begin immediate")
        try:
            if con.execute("select count(*) from plan_updates").fetchone()[0]:
                con.execute("rollback")
                return 0
            con.executemany(
                INSERT,
                [[str(r[c]) if c != "jaar" else int(r[c]) for c in COLUMNS] for r in rows],
            )
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return len(rows)
