"""Per source: rows, the last accepted load and the newest date in the data, as Dutch text."""

from core import fmt
from data_pipeline.contract import SOURCES
from data_pipeline.db import read_connection


def source_status(db=None):
    """One dict per source: bron, rijen, laatste_lading (timestamp or None), nieuwste_datum."""
    rows = []
    with read_connection(db) as con:
        tables = {r[0] for r in con.execute("show tables").fetchall()}
        for name, source in SOURCES.items():
            rijen, nieuwste, laatste = 0, None, None
            if source.table in tables:
                rijen, nieuwste = con.execute(
                    f"select count(*), max({source.date_column}) from {source.table}").fetchall()[0]
            if "load_ledger" in tables:
                laatste = con.execute(
                    "select max(beeindigd) from load_ledger "
                    "where bron = $bron and uitkomst = 'geladen'", {"bron": name}).fetchall()[0][0]
            rows.append({"bron": name, "rijen": rijen, "laatste_lading": laatste,
                         "nieuwste_datum": nieuwste})
    return rows


def status_text(db=None):
    """The status as an aligned Dutch text table."""
    header = ("bron", "rijen", "laatste lading", "nieuwste datum")
    lines = [header]
    for row in source_status(db):
        lines.append((row["bron"], fmt.getal(row["rijen"]),
                      fmt.datum_tijd(row["laatste_lading"]) if row["laatste_lading"] else "nooit",
                      fmt.datum(row["nieuwste_datum"])))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        cells = [line[0].ljust(widths[0]), line[1].rjust(widths[1]),
                 line[2].ljust(widths[2]), line[3].ljust(widths[3])]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)
