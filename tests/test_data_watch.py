"""Data edited while the server runs is picked up without a restart (issue 17): a background look at the data
folder makes the build current, the pages keep serving meanwhile, a broken edit keeps the last good build under the
banner and is not rebuilt on every look. A copy of the real data, a real DuckDB, the Overview page under AppTest."""

from __future__ import annotations

import duckdb
import pytest

from loaders.watch import DataWatch
from tests.apptest_pages import XA_LAM_BINH_HEADER, XA_LAM_BINH_PAGE, data_copy_with, run_page, serve_from

XA_LAM_BINH = XA_LAM_BINH_HEADER + XA_LAM_BINH_PAGE + """\
observations:
  - indicator: dossiers_received
    value: 1234
    unit: count
    period: asof unknown
    level: district  # the unit's own, whole-unit figure (the level names are the data format's)
    source: xa-lam-binh-trang-2025
    printed: "1.234"
    locator: mục kết quả, số hồ sơ tiếp nhận
"""


def units_in(db_path) -> int:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT count(*) FROM districts").fetchone()[0]


def look(watch: DataWatch) -> None:
    watch.poll()
    watch.wait(120)


@pytest.fixture()
def served(tmp_path):
    return data_copy_with(tmp_path, {})


def test_an_added_unit_file_is_built_by_the_next_look(served):
    watch = DataWatch(served / "data", served / "cds.duckdb", interval_s=0)
    before = units_in(served / "cds.duckdb")
    look(watch)
    assert watch.latest.status == "current" and watch.attempts == 1  # nothing changed since the start's build
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH, encoding="utf-8")
    look(watch)
    assert watch.latest.status == "rebuilt" and watch.latest.problems == []
    assert units_in(served / "cds.duckdb") == before + 1
    look(watch)
    assert watch.attempts == 2, "an unchanged folder is looked at (one stat per file), not built again"


def test_a_broken_edit_keeps_the_last_good_build_and_is_tried_once(served):
    watch = DataWatch(served / "data", served / "cds.duckdb", interval_s=0)
    before = units_in(served / "cds.duckdb")
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH.replace("value: 1234", "value: [1"),
                                                                  encoding="utf-8")
    look(watch)
    assert watch.latest.status == "stale"
    assert any("xa-lam-binh.yaml" in problem.file for problem in watch.latest.problems)
    assert units_in(watch.latest.path) == before  # the last good build is what is served
    attempts = watch.attempts
    look(watch)
    look(watch)
    assert watch.attempts == attempts, "the same broken files are not rebuilt on every look"
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH, encoding="utf-8")
    look(watch)
    assert watch.latest.status == "rebuilt" and watch.latest.problems == []
    assert units_in(served / "cds.duckdb") == before + 1


def test_a_look_is_not_due_before_its_interval():
    watch = DataWatch("/nonexistent", "/nonexistent.duckdb", interval_s=3600)
    watch.poll()
    assert watch._running is None and watch.attempts == 0


def test_the_overview_shows_a_unit_added_while_the_server_runs(served, monkeypatch):
    import loaders.watch

    serve_from(served, monkeypatch)
    monkeypatch.setattr(loaders.watch, "CHECK_INTERVAL_S", 0)

    def build_line(at) -> str:
        return next(c.value for c in at.caption if c.value.startswith("Dữ liệu:"))

    before = build_line(run_page("overview", timeout=60))
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH, encoding="utf-8")
    from ui import db

    run_page("overview", timeout=60)  # this run starts the look; the page does not wait for it
    db._watch(str(served / "data"), str(served / "cds.duckdb")).wait(120)
    after = build_line(run_page("overview", timeout=60))
    count = lambda line: int(line.split()[2].replace(".", ""))  # noqa: E731 - "Dữ liệu: 118 đơn vị, …"
    assert count(after) == count(before) + 1, (before, after)
