"""Warnings for an accepted export that looks cut short.

A monthly export normally reaches further than the one before and holds about as many rows.
One that ends earlier than the data already loaded, or holds far fewer rows than the previous
accepted export of its source, is still loaded (upserts lose nothing), but the regisseur is
told, in the result, on the Data page and in the ledger: it is often the wrong file or a
filter left on in the source system.
"""

from core import fmt

# fewer than this share of the previous export's rows counts as "far fewer"
FEWER_SHARE = 0.5

# In a district each gemeente's exports are compared with its own: a ledger row without a
# gemeente is from before district mode, when there was one.
PREVIOUS_ROWS = """select gelezen from load_ledger
where bron = $bron and uitkomst = 'geladen' and gelezen > 0
  and (gemeente = $gemeente or gemeente is null)
order by load_id desc limit 1"""

# table and column come from the contract (checked identifiers), never from a file
NEWEST = "select max({column}) from {table} where gemeente = $gemeente"


def ends_earlier(con, source, frame, gemeente):
    """A warning when the export's newest date lies before the newest date already loaded for
    its gemeente."""
    if not source.events or frame.is_empty():
        return None
    loaded = con.execute(NEWEST.format(column=source.date_column, table=source.table),
                         dict(gemeente=gemeente)).fetchall()[0][0]
    newest = frame[source.date_column].max()
    if loaded is None or newest is None or newest >= loaded:
        return None
    return (f"Let op: deze export loopt t/m {fmt.datum(newest)}, eerder dan de gegevens die er "
            f"al waren (t/m {fmt.datum(loaded)}). Is dit de nieuwste export?")


def far_fewer_rows(con, source, frame, gemeente):
    """A warning when the export has far fewer rows than the previous accepted one of its
    gemeente."""
    previous = con.execute(PREVIOUS_ROWS, dict(bron=source.name, gemeente=gemeente)).fetchall()
    if not previous or frame.height >= FEWER_SHARE * previous[0][0]:
        return None
    return (f"Let op: deze export telt {fmt.getal(frame.height)} rijen, veel minder dan de "
            f"vorige export van deze bron ({fmt.getal(previous[0][0])} rijen). Staat er in "
            "het bronsysteem een filter aan?")


def warnings_for(con, source, frame, gemeente):
    """Every warning for an export about to be loaded for gemeente (before its rows are
    written)."""
    return [w for w in (ends_earlier(con, source, frame, gemeente),
                        far_fewer_rows(con, source, frame, gemeente)) if w]
