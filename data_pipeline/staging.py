"""The semantic layer's SQL views, defined on every reader connection.

A reader connection is an in-memory DuckDB catalog with the database file attached read-only
(data_pipeline.db). On it this module creates, in order:
- a view per contract table and the load ledger, passing the attached file's table through
  (an empty table where an older file lacks one, so every view below still works);
- reference tables from the contract (ref_instrument, ref_vervolg): how handhaving and
  vervolg count, written once in data_pipeline.contract;
- per-source views generated from contract.SOURCES (stg_bronnen, stg_datums,
  stg_thema_labels), so a new source needs no SQL edit for freshness, years or theme labels;
- the staging views and the measures in queries/stg_*.sql and queries/fct_metingen.sql, and
  the macro categorie (queries/categorie.sql) that the generic queries cut a measure with.
The views live in memory only: a load never has to migrate them, and the file stays data.
"""

from core import resources
from data_pipeline.contract import (INSTRUMENT_SOORT, INTERVENTIE_VERVOLGEN, LEDGER_DDL,
                                    LEDGER_TABLE, SOURCES, VERVOLGEN, table_ddl)

# queries/<name>.sql: macros (whole statements), then views (selects) in dependency order
MACROS = ("categorie",)
VIEWS = ("stg_signalen", "stg_m_meldingen", "stg_signalen_en_meldingen", "stg_handhaving",
         "stg_dol_registraties", "stg_vergaderingen", "fct_metingen")

# The statements sit in module constants and parameters are passed as keywords: DuckDB ignores
# the case of keywords and names, so SQL spelled inside a function only invites mutants that
# change nothing (README, mutation table).
TABLES = "select table_name from duckdb_tables() where database_name = $catalog"
# a row without a gemeente belongs to the configured one (the contract's default), so that
# every query can filter on gemeente = $gemeente (district mode, issue 16)
# A view cannot take a bound parameter, and a scalar subquery here stops DuckDB from pushing
# `gemeente = $gemeente` into the scan (29 ms against 4 ms on 2.5 million DOL rows), so the
# configured name goes in as a string literal, quotes doubled (sql_literal).
PASS_THROUGH_GEMEENTE = ("create view {table} as select * replace (coalesce(gemeente, "
                         "{standaard}) as gemeente) from {catalog}.main.{table}")
# a ledger from before district mode has no gemeente column: its loads were the configured one's
WITH_GEMEENTE = ("create view {table} as select *, {standaard} as gemeente "
                 "from {catalog}.main.{table}")
COLUMNS = ("select column_name from duckdb_columns() "
           "where database_name = $catalog and table_name = $table")


def sql_literal(text):
    """A string as an SQL literal: in single quotes, each quote doubled ('s-Hertogenbosch)."""
    return "'" + str(text).replace("'", "''") + "'"


REF_INSTRUMENT = "create table ref_instrument (instrument varchar, soort varchar)"
REF_INSTRUMENT_ROW = "insert into ref_instrument values ($1, $2)"
REF_VERVOLG = "create table ref_vervolg (vervolg varchar, interventie boolean)"
REF_VERVOLG_ROW = "insert into ref_vervolg values ($1, $2)"
CREATE_VIEW = "create view {name} as {sql}"
PER_SOURCE = ("stg_bronnen", "stg_bronnen_gemeente", "stg_datums", "stg_thema_labels")
NO_DATE = "cast(null as date)"  # the newest date of a source without events
UNION = " union all "


def _tables(con, catalog):
    return {r[0] for r in con.execute(TABLES, dict(catalog=catalog)).fetchall()}


def _pass_through(con, catalog):
    """A view per contract table over the attached file; an empty table when it lacks one."""
    from data_pipeline.settings import load_settings

    present = _tables(con, catalog)
    standaard = sql_literal(load_settings().gemeente)
    ddl = {s.table: table_ddl(s) for s in SOURCES.values()} | {LEDGER_TABLE: LEDGER_DDL}
    for table, create in ddl.items():
        # names come from the contract (checked identifiers, data_pipeline.contract)
        if table not in present:
            con.execute(create)
            continue
        columns = {r[0] for r in con.execute(COLUMNS, dict(catalog=catalog, table=table))
                   .fetchall()}
        view = PASS_THROUGH_GEMEENTE if "gemeente" in columns else WITH_GEMEENTE
        con.execute(view.format(table=table, catalog=catalog, standaard=standaard))


def _references(con):
    con.execute(REF_INSTRUMENT)
    con.executemany(REF_INSTRUMENT_ROW, list(INSTRUMENT_SOORT.items()))
    con.execute(REF_VERVOLG)
    con.executemany(REF_VERVOLG_ROW, [(v, v in INTERVENTIE_VERVOLGEN) for v in VERVOLGEN])


def _per_source(con):
    """stg_bronnen (rows and newest event date per source), stg_bronnen_gemeente (the same per
    gemeente, only where it has rows), stg_datums (every event date) and stg_thema_labels (each
    row's theme and the raw label it came with), from the contract; each with its gemeente."""
    bronnen, per_gemeente, datums, themas = [], [], [], []
    for volgorde, source in enumerate(SOURCES.values(), start=1):
        datum = source.date_column if source.events else NO_DATE
        bronnen.append(f"select '{source.name}' as bron, {volgorde} as volgorde, "
                       f"count(*) as rijen, max({datum}) as nieuwste_datum from {source.table}")
        per_gemeente.append(f"select '{source.name}' as bron, gemeente, count(*) as rijen, "
                            f"max({datum}) as nieuwste_datum from {source.table} group by gemeente")
        if source.events:
            datums.append(f"select '{source.name}' as bron, {source.date_column} as datum, "
                          f"gemeente from {source.table}")
        if any(c.kind == "thema" for c in source.columns):
            themas.append(f"select '{source.name}' as bron, thema, thema_bron, gemeente "
                          f"from {source.table}")
    for name, parts in zip(PER_SOURCE, (bronnen, per_gemeente, datums, themas)):
        con.execute(CREATE_VIEW.format(name=name, sql=UNION.join(parts)))


def define(con, catalog):
    """Create the whole semantic layer on a connection whose file is attached as catalog."""
    _pass_through(con, catalog)
    _references(con)
    _per_source(con)
    for macro in MACROS:
        con.execute(resources.sql_text(macro))
    for view in VIEWS:
        con.execute(CREATE_VIEW.format(name=view, sql=resources.sql_text(view)))
