"""Open a build for reading: the one way every reader (the pages' queries, the server's start) attaches the DuckDB
file the build wrote. Kept with the loaders because the build owns the file; queries/ builds on it."""

from __future__ import annotations

from pathlib import Path

import duckdb

# The name a build is attached under: every query reads its tables through it (queries.cursor says USE).
SCHEMA = "cds"


def open_database(db_path: Path | str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    # ATTACH takes no parameter: the path is written as an SQL string literal, its quotes doubled
    literal = Path(db_path).as_posix().replace("'", "''")
    con.execute(f"ATTACH '{literal}' AS {SCHEMA} (READ_ONLY)")
    return con
