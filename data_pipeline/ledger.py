"""The load ledger: one row per load attempt, accepted or refused, with counts and reasons.

The SQL sits in module constants and the parameters are passed as keywords: DuckDB ignores the
case of keywords and parameter names, so a statement spelled inside a function only invites
mutants that change nothing (see the README's mutation table).
"""

# the columns a ledger row copies from a load result, under the result's own attribute names
FROM_RESULT = ("bestand", "sha256", "bron", "uitkomst", "gelezen", "ingevoegd", "bijgewerkt",
               "ongewijzigd", "gemeente")

INSERT = """insert into load_ledger (load_id, bestand, sha256, bron, gestart, beeindigd, uitkomst,
    gelezen, ingevoegd, bijgewerkt, ongewijzigd, redenen, gemeente)
values ($load_id, $bestand, $sha256, $bron, $gestart, $beeindigd, $uitkomst,
    $gelezen, $ingevoegd, $bijgewerkt, $ongewijzigd, $redenen, $gemeente)"""

NEXT_ID = "select coalesce(max(load_id), 0) + 1 from load_ledger"

# min() over no rows is one row holding null: "never accepted"
ACCEPTED_AS = "select min(load_id) from load_ledger where sha256 = $sha256 and uitkomst = 'geladen'"


def next_load_id(con):
    """The id for a new ledger row: one more than the highest so far."""
    return con.execute(NEXT_ID).fetchall()[0][0]


def loaded_as(con, sha256):
    """The load_id that accepted a file with this content hash, or None."""
    return con.execute(ACCEPTED_AS, dict(sha256=sha256)).fetchall()[0][0]


def record(con, load_id, result, gestart, beeindigd):
    """Insert the ledger row of one attempt; reasons are the problems (or, for an accepted
    load, its notes and warnings), one per line."""
    values = {column: getattr(result, column) for column in FROM_RESULT}
    notes = [result.opmerking, *result.waarschuwingen]  # an accepted load's notes and warnings
    redenen = ("\n".join(str(p) for p in result.problemen) or "\n".join(filter(None, notes))
               or None)
    con.execute(INSERT, dict(values, load_id=load_id, gestart=gestart, beeindigd=beeindigd,
                             redenen=redenen))
