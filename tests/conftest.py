"""Shared fixtures: the real data files, built once per test session into a real DuckDB."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
SEEDS_DIR = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The real data/ built into a fresh database; the app under test is pointed at it too."""
    from loaders import build_database

    db_path = tmp_path_factory.mktemp("db") / "cds.duckdb"
    build_database(DATA_DIR, db_path)
    os.environ["CDS_DB_PATH"] = str(db_path)
    os.environ["CDS_DATA_DIR"] = str(DATA_DIR)
    return db_path


@pytest.fixture(scope="session")
def con(built_db):
    import queries

    connection = queries.open_database(built_db)
    yield connection
    connection.close()
