"""Where data and the built database live by default (overridable by environment, e.g. in tests)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    return Path(os.environ.get("CDS_DATA_DIR", REPO_ROOT / "data"))


def default_db_path() -> Path:
    return Path(os.environ.get("CDS_DB_PATH", REPO_ROOT / "build" / "cds.duckdb"))
