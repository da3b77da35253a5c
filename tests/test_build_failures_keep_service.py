"""Any failure of a build keeps the last good database in service and shows the problems in the banner; with no
good build at all, the pages show the problems instead of a traceback. Each failure kind is planted in a copy of
the real data/ and checked through ensure_database and through the app itself (AppTest, the real DuckDB). The app
starts as a server does: its first run serves the last good build at once and the start's look at the data files
finds the failure in the background; the runs after that look show the banner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from i18n import t
from loaders import DatabaseUnavailable, ensure_database
from loaders.build import built_fingerprint
from tests.conftest import DATA_DIR, REPO

BAD_DATE = '"2023-13-45"'


def bad_date_in_the_sources_registry(data: Path) -> None:
    registry = data / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "date: 2023-09-07" in text
    registry.write_text(text.replace("date: 2023-09-07", f"date: {BAD_DATE}", 1), encoding="utf-8")


def bad_date_in_a_district_sources_block(data: Path) -> None:
    district = data / "units" / "lam-binh.yaml"
    text = district.read_text(encoding="utf-8")
    assert "\nsources:" not in text
    block = ("sources:\n  - id: lam-binh-bien-ban\n    title: Biên bản họp\n    issuer: UBND huyện Lâm Bình\n"
             f"    date: {BAD_DATE}\n    kind: official_report\n")
    district.write_text(text.replace("\nobservations:", f"\n{block}observations:", 1), encoding="utf-8")


def a_value_the_database_column_cannot_hold(data: Path) -> None:
    # Valid to the loaders (a target year is any whole number), out of range for DuckDB's INTEGER column: the
    # build fails inside the DuckDB fill.
    catalogue = data / "indicators.yaml"
    text = catalogue.read_text(encoding="utf-8")
    assert "year: 2025" in text
    catalogue.write_text(text.replace("year: 2025", "year: 3000000000", 1), encoding="utf-8")


def a_missing_data_folder(data: Path) -> None:
    shutil.rmtree(data)


def a_file_where_the_data_folder_should_be(data: Path) -> None:
    shutil.rmtree(data)
    data.write_text("", encoding="utf-8")  # a botched copy: the path is there, the folder is not


def a_district_file_that_cannot_be_read(data: Path) -> None:
    os.symlink("loop.yaml", data / "units" / "loop.yaml")  # a symlink to itself: ELOOP, even for root


def a_sources_registry_that_is_a_folder(data: Path) -> None:
    (data / "sources.yaml").unlink()
    (data / "sources.yaml").mkdir()


FAILURES = [bad_date_in_the_sources_registry, bad_date_in_a_district_sources_block,
            a_value_the_database_column_cannot_hold, a_file_where_the_data_folder_should_be,
            a_district_file_that_cannot_be_read,
            a_sources_registry_that_is_a_folder]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> tuple[Path, Path]:
    """The real data/ and its database, built once; each test copies both."""
    root = tmp_path_factory.mktemp("good")
    data, db = root / "data", root / "cds.duckdb"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    assert ensure_database(data, db).status == "rebuilt"
    return data, db


@pytest.fixture
def served(good_build, tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the good data and database that the app under test serves."""
    data, db = tmp_path / "data", tmp_path / "cds.duckdb"
    shutil.copytree(good_build[0], data)
    shutil.copy2(good_build[1], db)
    monkeypatch.setenv("CDS_DATA_DIR", str(data))
    monkeypatch.setenv("CDS_DB_PATH", str(db))
    return data, db


def district_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM districts").fetchone()[0]
    finally:
        con.close()


def run_app(page: str | None = None, districts: int | None = None) -> AppTest:
    """The app's first run (the last good build, served at once; its overview counts `districts` units when
    given), then, once the start's look at the data files has ended, the run that shows what it found."""
    from ui import db

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    if districts is not None:
        assert at.metric[0].value == str(districts)
    db.data_watch().wait(120)
    if page is not None:
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def stale_banner(at: AppTest) -> str:
    heading = t("common.stale_data", "vi", count=0).split(" 0 ")[0]  # "Tệp dữ liệu có"
    return " ".join(e.label for e in at.expander if e.label.startswith(heading))


@pytest.mark.parametrize("plant", FAILURES, ids=lambda plant: plant.__name__)
def test_a_failed_build_keeps_the_last_good_database_and_names_the_problem(plant, served):
    data, db = served
    before = built_fingerprint(db)
    plant(data)
    state = ensure_database(data, db)
    assert state.status == "stale" and state.problems
    assert all(problem.code for problem in state.problems if problem.field == "build")
    assert built_fingerprint(db) == before


@pytest.mark.parametrize("plant", FAILURES, ids=lambda plant: plant.__name__)
def test_every_failure_kind_leaves_the_overview_serving_the_last_good_data_under_the_banner(plant, served):
    data, db = served
    districts = district_count(db)
    plant(data)
    at = run_app(districts=districts)
    assert at.title[0].value == t("overview.title", "vi")
    assert stale_banner(at)
    assert at.metric[0].value == str(districts)


@pytest.mark.parametrize("page", ["compare", "contribute"])
@pytest.mark.parametrize("plant", FAILURES, ids=lambda plant: plant.__name__)
def test_the_other_pages_serve_the_last_good_data_under_the_banner(plant, page, served):
    data, _db = served
    plant(data)
    at = run_app(page)
    titles = {t(f"comparable.title_{kind}", "vi") for kind in ("district", "commune", "province")} \
        if page == "compare" else {t(f"{page}.title", "vi")}  # Compare's title names the kind of unit it opens on
    assert at.title[0].value in titles
    assert stale_banner(at)
    if page == "compare":
        assert at.multiselect(key="compare_districts").options  # the last good build's districts


@pytest.mark.parametrize("plant", [bad_date_in_the_sources_registry, a_value_the_database_column_cannot_hold],
                         ids=lambda plant: plant.__name__)
def test_with_no_good_build_a_failed_build_raises_one_exception_type_with_the_problems(plant, tmp_path):
    data, db = tmp_path / "data", tmp_path / "cds.duckdb"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    plant(data)
    with pytest.raises(DatabaseUnavailable) as failure:
        ensure_database(data, db)
    assert failure.value.problems and all(str(p).startswith("data") for p in failure.value.problems)
    assert not db.exists()


@pytest.mark.parametrize("plant", [bad_date_in_the_sources_registry, a_missing_data_folder],
                         ids=lambda plant: plant.__name__)
def test_with_no_good_build_the_page_shows_the_problems_instead_of_a_traceback(plant, tmp_path, monkeypatch):
    data, db = tmp_path / "data", tmp_path / "cds.duckdb"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("history"))
    plant(data)
    monkeypatch.setenv("CDS_DATA_DIR", str(data))
    monkeypatch.setenv("CDS_DB_PATH", str(db))
    at = run_app()
    assert at.title[0].value == t("overview.title", "vi")
    assert at.error
    assert at.code[0].value.startswith("data")  # the problems, as file:line: field: message
    assert not at.metric  # nothing to serve: the page stops after the problems
