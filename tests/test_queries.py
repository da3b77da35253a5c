"""queries/: opening a build by path."""

from __future__ import annotations

import shutil

import queries


def test_a_database_whose_path_holds_a_quote_opens(built_db, tmp_path):
    """CDS_DB_PATH is the administrator's, yet a folder named "Sở TT&TT's data" must not break the SQL."""
    folder = tmp_path / "Sở TT&TT's data"
    folder.mkdir()
    shutil.copy(built_db, folder / "cds.duckdb")
    con = queries.open_database(folder / "cds.duckdb")
    try:
        assert not queries.run(con, "districts").empty
    finally:
        con.close()
