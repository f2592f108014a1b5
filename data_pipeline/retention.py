"""Bewaartermijnen: remove rows whose retention period (config/bewaartermijnen.yaml) has passed.

A purge uses the loader's write path (load.change_copy): the rows are deleted in one
transaction on a copy of the database that is then swapped in, so the dashboard keeps reading
the old file meanwhile and a killed purge changes nothing. Each source gets a ledger row
(uitkomst 'purge', the count in redenen) and an audit entry; a dry run changes nothing.
"""

import datetime as dt
import hashlib
import sys
from dataclasses import dataclass

import polars as pl
import yaml

from core import audit, clock, fmt
from core.audit import operator
from core.store import store_path
from data_pipeline.contract import SOURCES
from data_pipeline.db import database_path, read_connection
from data_pipeline.settings import ConfigError, config_dir

CONFIG_FILE = "bewaartermijnen.yaml"
UNITS = ("jaren", "maanden", "dagen")
PLAN_SCHEMA = {"bron": pl.String, "tabel": pl.String, "termijn": pl.String, "vanaf": pl.String,
               "grens": pl.Date, "aantal": pl.Int64, "zonder_datum": pl.Int64}


@dataclass(frozen=True)
class Term:
    """The retention period of one source: a length and the date columns it runs from."""

    bron: str
    jaren: int = 0
    maanden: int = 0
    dagen: int = 0
    vanaf: tuple = ()

    def text(self):
        """'5 jaar', '18 maanden', '2 jaar en 30 dagen'."""
        parts = []
        if self.jaren:
            parts.append(f"{self.jaren} jaar")
        if self.maanden:
            parts.append(f"{self.maanden} {'maand' if self.maanden == 1 else 'maanden'}")
        if self.dagen:
            parts.append(f"{self.dagen} {'dag' if self.dagen == 1 else 'dagen'}")
        return " en ".join(parts)

    def cutoff(self, today):
        """The first day that is kept: today minus the term (end of month clamps)."""
        months = today.year * 12 + today.month - 1 - self.jaren * 12 - self.maanden
        year, month = divmod(months, 12)
        month += 1
        last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return dt.date(year, month, min(today.day, last_day)) - dt.timedelta(days=self.dagen)


def load_terms(directory=None):
    """The terms per source from bewaartermijnen.yaml; `termijn: null` keeps a source.

    Every source of the contract must be named: a source without an entry is an error, so a
    source added to the contract cannot slip past the bewaartermijnen unnoticed."""
    path = config_dir(directory) / CONFIG_FILE
    if not path.exists():
        raise ConfigError(f"{CONFIG_FILE} ontbreekt; elke bron heeft een bewaartermijn nodig "
                          "(of termijn: null om niets te verwijderen).")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{CONFIG_FILE} is geen geldige YAML.") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{CONFIG_FILE} moet per bron een termijn geven.")
    missing = [bron for bron in SOURCES if bron not in data]
    if missing:
        raise ConfigError(f"{CONFIG_FILE}: geen bewaartermijn voor {', '.join(missing)}; geef "
                          "elke bron een termijn, of termijn: null om niets te verwijderen.")
    terms = {}
    for bron, entry in data.items():
        if bron not in SOURCES:
            raise ConfigError(f"{CONFIG_FILE}: '{bron}' is geen bron; kies uit "
                              f"{', '.join(SOURCES)}.")
        entry = entry or {}
        if not isinstance(entry, dict):
            raise ConfigError(f"{CONFIG_FILE}: bron '{bron}' heeft 'termijn' en 'vanaf' nodig.")
        termijn = entry.get("termijn")
        if termijn is None:
            continue
        if not isinstance(termijn, dict) or not termijn or set(termijn) - set(UNITS):
            raise ConfigError(f"{CONFIG_FILE}: termijn van '{bron}' moet jaren, maanden en/of "
                              "dagen geven, bijvoorbeeld {jaren: 5}.")
        lengths = {}
        for unit, value in termijn.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{CONFIG_FILE}: {unit} van '{bron}' moet een geheel getal "
                                  "van 0 of meer zijn.")
            lengths[unit] = value
        if not any(lengths.values()):
            raise ConfigError(f"{CONFIG_FILE}: termijn van '{bron}' is 0; laat de bron weg of "
                              "geef termijn: null om niets te verwijderen.")
        vanaf = entry.get("vanaf") or [SOURCES[bron].date_column]
        vanaf = [vanaf] if isinstance(vanaf, str) else list(vanaf)
        source = SOURCES[bron]
        for column in vanaf:
            # Column names are put into SQL, so only the contract's own date columns pass.
            if column not in source.column_names or source.column(column).kind != "date":
                raise ConfigError(f"{CONFIG_FILE}: '{column}' is geen datumkolom van '{bron}'.")
        terms[bron] = Term(bron, vanaf=tuple(vanaf), **lengths)
    return terms


def _date_expr(term):
    cols = ", ".join(term.vanaf)
    return f"coalesce({cols})" if len(term.vanaf) > 1 else term.vanaf[0]


def _counts(con, term, grens):
    table = SOURCES[term.bron].table
    expr = _date_expr(term)
    row = con.execute(
        f"select count(*) filter (where {expr} < $grens), count(*) filter (where {expr} is null) "
        f"from {table}", {"grens": grens}).fetchall()[0]
    return int(row[0]), int(row[1])


def _frame(rows):
    return pl.DataFrame(rows, schema=PLAN_SCHEMA, orient="row")


def _row(bron, term, grens, aantal, zonder):
    if term is None:
        return (bron, SOURCES[bron].table, "onbeperkt", None, None, 0, 0)
    return (bron, SOURCES[bron].table, term.text(), ", anders ".join(term.vanaf), grens, aantal,
            zonder)


def plan_purge(db=None, today=None):
    """Per source: the term, the cutoff date and how many rows the next purge would remove."""
    today = today or clock.today()
    terms = load_terms()
    rows = []
    with read_connection(db) as con:
        tables = {r[0] for r in con.execute("show tables").fetchall()}
        for bron, source in SOURCES.items():
            term = terms.get(bron)
            if term is None or source.table not in tables:
                rows.append(_row(bron, term, None, 0, 0))
                continue
            grens = term.cutoff(today)
            rows.append(_row(bron, term, grens, *_counts(con, term, grens)))
    return _frame(rows)


def _config_sha256():
    path = config_dir() / CONFIG_FILE
    data = path.read_bytes() if path.exists() else b""
    return hashlib.sha256(data).hexdigest()


def purge(db=None, dry_run=False, today=None, user=None, role=None):
    """Remove what has passed its term; returns the per-source counts (removed, or would be)."""
    from data_pipeline import ledger, load

    if dry_run:
        return plan_purge(db, today)
    today = today or clock.today()
    db = database_path(db)
    if not db.exists():
        raise FileNotFoundError(f"Database {db} bestaat niet: er is niets op te schonen.")
    terms = load_terms()
    sha = _config_sha256()
    rows = []

    def work(con):
        rows.clear()
        for bron, source in SOURCES.items():
            term = terms.get(bron)
            if term is None:
                rows.append(_row(bron, None, None, 0, 0))
                continue
            gestart = clock.now()
            grens = term.cutoff(today)
            _, zonder = _counts(con, term, grens)
            removed = con.execute(f"delete from {source.table} where {_date_expr(term)} < $grens",
                                  {"grens": grens}).fetchall()[0][0]
            result = load.LoadResult(CONFIG_FILE, bron, sha, uitkomst="purge")
            result.opmerking = (f"Bewaartermijn {term.text()} (vanaf "
                                f"{', anders '.join(term.vanaf)}): {removed} rijen verwijderd "
                                f"met datum vóór {grens.isoformat()}.")
            ledger.record(con, ledger.next_load_id(con), result, gestart, clock.now())
            rows.append(_row(bron, term, grens, int(removed), zonder))

    load.change_copy(db, work)
    for bron, _, termijn, _, grens, aantal, _ in rows:
        if grens is not None:
            audit.record("purge", user=user, role=role, object=bron,
                         detail={"verwijderd": aantal, "grens": grens.isoformat()},
                         path=store_path(db))
    return _frame(rows)


def report(frame, dry_run, today):
    """The Dutch lines the command prints."""
    lines = [("Proefdraai: er is niets verwijderd. " if dry_run else "")
             + f"Bewaartermijnen op {fmt.datum(today)}:"]
    for r in frame.iter_rows(named=True):
        if r["grens"] is None:
            lines.append(f"  {r['bron']}: geen bewaartermijn, er wordt niets verwijderd.")
            continue
        rijen = f"{r['aantal']} {'rij' if r['aantal'] == 1 else 'rijen'}"
        wat = f"zou {rijen} verwijderen" if dry_run else f"{rijen} verwijderd"
        lines.append(f"  {r['bron']}: {wat} (termijn {r['termijn']} na {r['vanaf']}; datum "
                     f"vóór {fmt.datum(r['grens'])}).")
        if r["zonder_datum"]:
            n = r["zonder_datum"]
            lines.append(f"    {n} {'rij' if n == 1 else 'rijen'} zonder datum "
                         f"{'blijft' if n == 1 else 'blijven'} staan.")
    return "\n".join(lines)


def run(db=None, dry_run=False, peildatum=None):
    """The purge command's work and Dutch output; returns the exit code (0 done, 1 refused).

    peildatum: the date the terms are counted back from (default today)."""
    today = peildatum or clock.today()
    try:
        frame = purge(db, dry_run=dry_run, today=today, user=operator(), role="beheer")
    except (ConfigError, FileNotFoundError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    print(report(frame, dry_run, today))
    return 0


def add_arguments(parser):
    """The purge command's options, shared by this module's parser and data_pipeline's."""
    parser.add_argument("--dry-run", action="store_true",
                        help="toon wat weg zou gaan, verander niets")
    parser.add_argument("--db", help="databasebestand (standaard $LOO_DB of data/loo.duckdb)")
    parser.add_argument("--peildatum", type=clock.date_argument, metavar="JJJJ-MM-DD",
                        help="tel de termijnen terug vanaf deze datum (standaard vandaag)")
