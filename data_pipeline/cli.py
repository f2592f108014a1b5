"""The command line: load, sample, status, themas and purge; Dutch messages, exit codes 0, 1, 2."""

import sys
import time
from pathlib import Path

import duckdb

from core import fmt
from core.command import DutchParser
from data_pipeline.contract import SOURCES
from data_pipeline.db import database_path


def build_parser():
    """The parser with the three commands of design.md."""
    parser = DutchParser(prog="python -m data_pipeline",
                         description="Laadt exports in de LOO-database.")
    sub = parser.add_subparsers(dest="opdracht", required=True, parser_class=DutchParser)
    load = sub.add_parser("load", help="laad bestanden of mappen met exports")
    load.add_argument("paden", nargs="+", metavar="PAD", help="een .csv/.xlsx-bestand of een map")
    load.add_argument("--db", help="databasebestand (standaard $LOO_DB of data/loo.duckdb)")
    load.add_argument("--source", choices=list(SOURCES), help="de bron, als de bestandsnaam die "
                                                            "niet aangeeft")
    load.add_argument("--gemeente", help="de gemeente waarvoor de bestanden worden geladen "
                                         "(standaard: uit het begin van de bestandsnaam, anders "
                                         "de gemeente uit config/instellingen.yaml)")
    load.add_argument("--voortgang", action="store_true",
                      help="meld elke stap van elke lading (op de foutuitvoer)")
    sample = sub.add_parser("sample", help="schrijf synthetische voorbeeldexports")
    sample.add_argument("--out", required=True, help="map voor de bestanden")
    sample.add_argument("--scale", type=int, default=1, help="vermenigvuldiging van de volumes")
    sample.add_argument("--seed", type=int, default=2026, help="startwaarde van het toeval")
    sample.add_argument("--district", choices=("naar_inwoners", "gelijk", "geen"),
                        default="naar_inwoners",
                        help="ook de drie districtgemeenten in de map district/: volumes naar "
                             "inwonertal (standaard), elk op dezelfde schaal, of geen")
    status = sub.add_parser("status", help="toon per bron rijen, laatste lading en nieuwste datum")
    status.add_argument("--db", help="databasebestand")
    themas = sub.add_parser("themas", help="pas config/themas.yaml opnieuw toe op geladen rijen")
    themas.add_argument("--db", help="databasebestand")
    purge = sub.add_parser("purge", help="verwijder wat zijn bewaartermijn voorbij is "
                                         "(config/bewaartermijnen.yaml)")
    from data_pipeline.retention import add_arguments

    add_arguments(purge)
    return parser


def run_load(args):
    """Load every file; 0 if all are loaded or already loaded, 1 if any was refused."""
    from data_pipeline.load import expand, load_file, reporter

    try:
        files = expand(args.paden)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not files:
        print("Geen .csv- of .xlsx-bestanden gevonden.", file=sys.stderr)
        return 2
    db = database_path(args.db)
    if reden := audit_not_ready(db):
        print(f"{reden} Er is niets geladen.", file=sys.stderr)
        return 3
    refused, rows, started = 0, 0, time.perf_counter()
    for path in files:
        try:
            result = load_file(path, db=db, source=args.source, gemeente=args.gemeente,
                               **({"voortgang": reporter(path.name)} if args.voortgang else {}))
        except (OSError, duckdb.Error) as exc:
            # the error text may quote data: name only the kind, the file and the database
            refused += 1
            print(f"Laden van {path.name} mislukt ({type(exc).__name__}); de database {db} is "
                  "niet veranderd.", file=sys.stderr)
            continue
        rows += result.gelezen
        audit_load(result.bestand, result, db)  # the loader withholds a name with an identifier
        if result.ok:
            print(result.samenvatting())
            for warning in result.waarschuwingen:
                print(f"  - {warning}", file=sys.stderr)
        else:
            refused += 1
            print(result.samenvatting(), file=sys.stderr)
            for problem in result.problemen:
                print(f"  - {problem}", file=sys.stderr)
    if refused:
        print(f"{refused} van {len(files)} bestanden geweigerd; database: {db}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    speed = f", {fmt.getal(rows / seconds)} rijen per seconde" if rows and seconds > 0 else ""
    print(f"{len(files)} {'bestand' if len(files) == 1 else 'bestanden'} verwerkt in "
          f"{fmt.getal(seconds, 1)} s{speed}; database: {db}")
    return 0


def audit_not_ready(db):
    """Why the audit trail beside the database could not record a change now, or None: a
    command that changes data checks this first, so no change goes unrecorded."""
    import sqlite3

    from core.audit import AuditError, ready
    from core.store import store_path

    try:
        ready(store_path(db))
    except (AuditError, OSError, sqlite3.Error) as exc:
        return str(exc) if isinstance(exc, AuditError) else "De audittrail is niet bereikbaar."
    return None


def audit_load(name, result, db):
    """Record the load in the audit trail beside the database; a failure there is reported,
    the load stands."""
    from core.audit import AuditUnavailable, load_recorded, operator

    try:
        load_recorded(name, result, user=operator(), role="beheer", db=db)
    except AuditUnavailable as exc:
        print(f"Let op: {exc}", file=sys.stderr)


def run_sample(args):
    """Write the synthetic exports through data_pipeline.sample."""
    if args.scale < 1:
        print("--scale moet 1 of meer zijn.", file=sys.stderr)
        return 2
    from data_pipeline.sample import write_district, write_sample

    paths = write_sample(Path(args.out), scale=args.scale, seed=args.seed)
    if args.district != "geen":
        paths += write_district(Path(args.out), scale=args.scale, seed=args.seed,
                                gelijk=args.district == "gelijk")
    for path in paths:
        print(f"Geschreven: {path}")
    return 0


def run_status(args):
    """Print the status table; 1 if there is no database yet."""
    from data_pipeline.status import status_text

    try:
        print(status_text(args.db))
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    return 0


def run_themas(args):
    """Re-map stored theme labels with the current configuration."""
    from data_pipeline.load import remap_themes
    from data_pipeline.settings import ConfigError

    try:
        result = remap_themes(args.db)
    except (FileNotFoundError, ConfigError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(result.opmerking)
    return 0


def run_purge(args):
    """Remove what has passed its retention period (data_pipeline.retention)."""
    from data_pipeline import retention

    if not args.dry_run and (reden := audit_not_ready(database_path(args.db))):
        print(f"{reden} Er is niets opgeschoond.", file=sys.stderr)
        return 3
    return retention.run(args.db, args.dry_run, args.peildatum)


def main(argv=None):
    """Entry point of `python -m data_pipeline`."""
    args = build_parser().parse_args(argv)
    command = {"load": run_load, "sample": run_sample, "status": run_status,
               "themas": run_themas, "purge": run_purge}[args.opdracht]
    return command(args)
