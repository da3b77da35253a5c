"""Run the SQL files in this folder, each named after what it returns. Never imports streamlit.

The database file is ATTACHed into a fresh in-memory DuckDB instead of opened directly: DuckDB caches open
database files per process, so a plain connect() after a rebuild would keep returning the old file for as long
as any connection to it is alive. Attaching gives each new connection the file as it is now.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

# Opening a build is the loaders' (they write the file); the pages and tests open it through queries as ever.
from loaders.attach import SCHEMA, open_database  # noqa: F401

QUERY_DIR = Path(__file__).parent


def open_dataset(dataset) -> duckdb.DuckDBPyConnection:
    """An in-memory database for a dataset that is not saved (a contribution's preview), queried like a build."""
    from loaders.build import fill_database

    con = duckdb.connect()
    con.execute(f"ATTACH ':memory:' AS {SCHEMA}")
    con.execute(f"USE {SCHEMA}")
    fill_database(con, dataset, "preview")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one thread or session (connections are not thread-safe); it reads the attached database."""
    cur = con.cursor()
    cur.execute(f"USE {SCHEMA}")
    return cur


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file {path.name}")
    return path.read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql with $named parameters and return a DataFrame."""
    cur = cursor(con)
    try:
        return cur.execute(sql(name), params).df() if params else cur.execute(sql(name)).df()
    finally:
        cur.close()


def records(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[dict]:
    """Run queries/<name>.sql and return its rows as plain dicts (Python values, NULL as None): for code that walks
    the rows once (the compare charts), without building a DataFrame and turning it back into records."""
    cur = cursor(con)
    try:
        result = cur.execute(sql(name), params) if params else cur.execute(sql(name))
        columns = [column[0] for column in result.description]
        return [dict(zip(columns, row)) for row in result.fetchall()]
    finally:
        cur.close()
