"""The load ledger: one row per load attempt, accepted or refused, with counts and reasons."""

INSERT = """insert into load_ledger (load_id, bestand, sha256, bron, gestart, beeindigd, uitkomst,
    gelezen, ingevoegd, bijgewerkt, ongewijzigd, redenen)
values ($load_id, $bestand, $sha256, $bron, $gestart, $beeindigd, $uitkomst,
    $gelezen, $ingevoegd, $bijgewerkt, $ongewijzigd, $redenen)"""


def next_load_id(con):
    """The id for a new ledger row: one more than the highest so far."""
    return con.execute("select coalesce(max(load_id), 0) + 1 from load_ledger").fetchall()[0][0]


def loaded_as(con, sha256):
    """The load_id that accepted a file with this content hash, or None."""
    row = con.execute(
        "select min(load_id) from load_ledger where sha256 = $sha and uitkomst = 'geladen'",
        {"sha": sha256}).fetchall()
    return row[0][0] if row else None


def record(con, load_id, result, gestart, beeindigd):
    """Insert the ledger row of one attempt; reasons are the problems, one per line."""
    redenen = "\n".join(str(p) for p in result.problemen) or result.opmerking
    con.execute(INSERT, {
        "load_id": load_id, "bestand": result.bestand, "sha256": result.sha256,
        "bron": result.bron, "gestart": gestart, "beeindigd": beeindigd,
        "uitkomst": result.uitkomst, "gelezen": result.gelezen, "ingevoegd": result.ingevoegd,
        "bijgewerkt": result.bijgewerkt, "ongewijzigd": result.ongewijzigd, "redenen": redenen,
    })
