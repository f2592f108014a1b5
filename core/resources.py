"""Where the files that come with the code are: SQL, configuration, sample data, the database.

In a checkout they are the top-level folders beside core/. An installed copy (pip install .)
carries queries/, config/ and sample_data/ inside core/ (pyproject.toml maps them there), so
both find the same files. The database goes in data/ of the checkout, or of the current folder
when installed (site-packages is no place for records).
"""

import os
from pathlib import Path

CORE = Path(__file__).resolve().parent
CHECKOUT = CORE.parent


def folder(name):
    """A folder that ships with the code: core/<name> when installed, else <checkout>/<name>."""
    inside = CORE / name
    return inside if inside.is_dir() else CHECKOUT / name


def data_dir():
    """Where the database lives by default: data/ of the checkout or of the current folder."""
    base = CHECKOUT if (CHECKOUT / "pyproject.toml").is_file() else Path.cwd()
    return base / "data"


def database_path(explicit=None):
    """The database file: --db, else $LOO_DB, else data/loo.duckdb (see data_dir)."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_DB"):
        return Path(os.environ["LOO_DB"])
    return data_dir() / "loo.duckdb"


def sql_text(name):
    """The text of queries/<name>.sql (one statement, UTF-8)."""
    path = folder("queries") / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"Onbekende query: {name}")
    return path.read_text(encoding="utf-8")
