"""Shared fixtures: the real data files, built once per test session into a real DuckDB."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit import config as _streamlit_config

# The app shows visitors a short message instead of a traceback (.streamlit/config.toml); AppTests want the real
# error. (The environment variable is not read once the config file is loaded; the option is.)
_streamlit_config.set_option("client.showErrorDetails", "full")

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "data"
# The five source reports, beside the checkout (../shared/seeds) or where this workplace keeps them.
SEEDS_DIR = next((p for p in (REPO.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()),
                 REPO.parent / "shared" / "seeds")
CHROMIUM = Path("/usr/bin/chromium")


def require_chromium() -> None:
    """Image exports and browser tests need Debian's chromium. On CI (CI=true) its absence is a failure, never a
    skip; on a developer machine without it those tests are skipped with the command that installs it."""
    if CHROMIUM.exists():
        return
    problem = "Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"cannot run on CI: {problem}")
    pytest.skip(problem)


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


@pytest.fixture
def minimal_data_dir(tmp_path) -> Path:
    """A writable copy of tests/fixtures/minimal (one unit, one source): for tests that build, break or rebuild."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", target)
    return target


def _synthetic_build(tmp_path_factory, size: str):
    import queries
    from bench.synthetic import generate
    from loaders.build import build_database

    folder = tmp_path_factory.mktemp(size)
    generate(size, folder / "data")
    build_database(folder / "data", folder / "cds.duckdb")
    connection = queries.open_database(folder / "cds.duckdb")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def synthetic_small(tmp_path_factory):
    """The benchmark's synthetic `small` data built once per session (read only: the tests compare queries)."""
    yield from _synthetic_build(tmp_path_factory, "small")


@pytest.fixture(scope="session")
def synthetic_national(tmp_path_factory):
    """The benchmark's synthetic `national` data built once per session (read only)."""
    yield from _synthetic_build(tmp_path_factory, "national")
