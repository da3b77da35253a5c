"""Opening a page under AppTest, and serving the pages from a copy of the data with extra unit files: shared by the
page tests so that every one opens a page the same way (and fails on the page's real error)."""

from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from loaders import build_database
from tests.conftest import DATA_DIR, REPO


def run_page(name: str, timeout: int = 30, **query) -> AppTest:
    """app_pages/<name>.py with these link parameters, run once; no exception allowed."""
    at = AppTest.from_file(str(REPO / "app_pages" / f"{name}.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def data_copy_with(folder: Path, unit_files: dict[str, str]) -> Path:
    """The real data in folder/data with these extra data/units/<name> files, built into folder/cds.duckdb."""
    shutil.copytree(DATA_DIR, folder / "data", ignore=shutil.ignore_patterns("history"))
    for name, text in unit_files.items():
        (folder / "data" / "units" / name).write_text(text, encoding="utf-8")
    build_database(folder / "data", folder / "cds.duckdb")
    return folder


def serve_from(folder: Path, monkeypatch) -> Path:
    """Point the pages at a data copy made by data_copy_with."""
    monkeypatch.setenv("CDS_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("CDS_DB_PATH", str(folder / "cds.duckdb"))
    return folder
