"""Runs the named SQL files in queries/ with bound parameters and returns polars DataFrames."""

import re
from functools import lru_cache

from core import resources
from data_pipeline.db import read_connection

QUERY_DIR = resources.folder("queries")
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=None)
def sql_text(name):
    """The text of queries/<name>.sql, read once per process."""
    return resources.sql_text(name)


def parameters(name):
    """The names of the $parameters that a query uses."""
    return sorted(set(PARAM.findall(sql_text(name))))


def run(name, db=None, con=None, **params):
    """Execute one named query; only the parameters the query names are bound."""
    sql = sql_text(name)
    missing = [p for p in parameters(name) if p not in params]
    if missing:
        raise TypeError(f"query {name} needs parameters {missing}")
    bound = {p: params[p] for p in parameters(name)}
    # DuckDB 2.0: a DB-API result (execute) has no .pl(); a relation (sql) does.
    if con is not None:
        return con.sql(sql, params=bound).pl()
    with read_connection(db) as c:
        return c.sql(sql, params=bound).pl()
