"""Runs the named SQL files in queries/ with bound parameters and returns polars DataFrames."""

import re
import threading
from functools import lru_cache

from core import resources
from data_pipeline.db import read_connection

QUERY_DIR = resources.folder("queries")
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_bereik = threading.local()  # the gemeente of the page this thread renders (dashboard.page)


def beperk(gemeente):
    """Limit this thread's queries that name no gemeente to this one (set by page.begin)."""
    _bereik.gemeente = gemeente


def standaard_gemeente():
    """The gemeente of a query that names none: the page's (beperk), else the configured one
    (config/instellingen.yaml: the command line and single-gemeente deployments)."""
    gekozen = getattr(_bereik, "gemeente", None)
    if gekozen:
        return gekozen
    from data_pipeline.settings import load_settings

    return load_settings().gemeente


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
    if "gemeente" in parameters(name) and "gemeente" not in params:
        params["gemeente"] = standaard_gemeente()
    missing = [p for p in parameters(name) if p not in params]
    if missing:
        raise TypeError(f"query {name} needs parameters {missing}")
    bound = {p: params[p] for p in parameters(name)}
    # DuckDB 2.0: a DB-API result (execute) has no .pl(); a relation (sql) does.
    if con is not None:
        return con.sql(sql, params=bound).pl()
    with read_connection(db) as c:
        return c.sql(sql, params=bound).pl()
