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


# A server's start (loaders.watch.start): the last build is served at once and made current in the background.

def test_a_start_serves_the_last_build_at_once_and_its_look_builds_a_file_added_before_it(served):
    from loaders.watch import start

    before = units_in(served / "cds.duckdb")
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH, encoding="utf-8")
    watch = DataWatch(served / "data", served / "cds.duckdb")
    state = start(watch)
    assert state.status == "unchecked" and state.problems == []
    assert units_in(state.path) == before, "served as it was: the start does not look at the data files"
    watch.wait(120)
    assert watch.latest.status == "rebuilt" and watch.latest.problems == []
    assert units_in(served / "cds.duckdb") == before + 1
    assert not watch.updating


def test_a_start_on_a_broken_file_keeps_the_last_good_build_in_service(served):
    from loaders.watch import start

    before = units_in(served / "cds.duckdb")
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH.replace("value: 1234", "value: [1"),
                                                                  encoding="utf-8")
    watch = DataWatch(served / "data", served / "cds.duckdb")
    assert start(watch).status == "unchecked"
    watch.wait(120)
    assert watch.latest.status == "stale"
    assert any("xa-lam-binh.yaml" in problem.file for problem in watch.latest.problems)
    assert units_in(watch.latest.path) == before


def test_a_start_without_a_build_builds_before_serving(tmp_path):
    from loaders.watch import start
    from tests.conftest import DATA_DIR

    watch = DataWatch(DATA_DIR, tmp_path / "cds.duckdb")
    state = start(watch)
    assert state.status == "rebuilt" and units_in(state.path) > 0
    assert watch._running is None, "a start that built has nothing to look at"


def test_a_start_on_a_build_of_another_schema_version_builds_before_serving(served):
    from loaders.watch import start

    with duckdb.connect(str(served / "cds.duckdb")) as con:
        con.execute("UPDATE build_info SET value = '0' WHERE key = 'schema_version'")
    state = start(DataWatch(served / "data", served / "cds.duckdb"))
    assert state.status == "rebuilt"  # its tables are not those the queries read: never served
    with duckdb.connect(str(served / "cds.duckdb"), read_only=True) as con:
        assert con.execute("SELECT value FROM build_info WHERE key = 'schema_version'").fetchone()[0] != "0"


def test_the_watch_says_it_is_updating_while_it_builds_changed_files_and_only_then(served):
    import threading

    watch = DataWatch(served / "data", served / "cds.duckdb", interval_s=0)
    seen, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            seen.append(watch.updating)
            stop.wait(0.001)

    sampler = threading.Thread(target=sample)
    sampler.start()
    look(watch)  # nothing changed since the build
    unchanged = list(seen)
    (served / "data" / "units" / "xa-lam-binh.yaml").write_text(XA_LAM_BINH, encoding="utf-8")
    look(watch)  # a build of about a second
    stop.set()
    sampler.join()
    assert not any(unchanged), "a look that finds nothing changed does not say data is being rebuilt"
    assert any(seen) and not watch.updating


def test_the_pages_say_so_while_newer_data_is_being_built(served, monkeypatch):
    from i18n import t
    from ui import db

    serve_from(served, monkeypatch)
    first = run_page("overview", timeout=60)
    notice = {lang: t("common.data_updating", lang) for lang in ("vi", "en")}
    assert notice["vi"] not in [info.value for info in first.info]
    db.data_watch().wait(120)
    db.data_watch().updating = True  # what a look sets while it builds changed files (the test above)
    try:
        assert notice["vi"] in [info.value for info in run_page("overview", timeout=60).info]
        assert notice["en"] in [info.value for info in run_page("compare", timeout=60, lang="en").info]
    finally:
        db.data_watch().updating = False
    assert notice["vi"] not in [info.value for info in run_page("overview", timeout=60).info]
