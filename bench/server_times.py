"""Each page's server time under AppTest: first run (caches empty) and a rerun after a selection change, with the
minimal page as the floor. Run as a subprocess per data size so caches and memory start clean:

    python -m bench.server_times DATA_DIR DB_PATH   → one JSON line per page
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPEATS = 3


# page → how to change one selection on it (what an official does next on that page)
def _change_overview(at):
    widget = at.multiselect(key="overview_districts")
    widget.set_value(widget.value[:-1] or widget.options[:1])


def _change_compare(at):
    at.selectbox(key="compare_theme").set_value("signing")


def _second_district() -> str:
    import duckdb

    con = duckdb.connect(os.environ["CDS_DB_PATH"], read_only=True)
    try:
        # The second unit in the pickers' order (province, then name: ui.scope.in_display_order): past 300 units
        # the unit profile's picker lists the chosen unit's province (others are a search away), and AppTest cannot
        # set a select box to a value it does not list.
        from ui.scope import in_display_order

        units = con.execute("SELECT district_id, district_name, province_2025 FROM districts").df()
        return in_display_order(units)["district_id"].tolist()[1]
    finally:
        con.close()


# Selectboxes with a format_func are set through session state: AppTest cannot map their labels back to values.
def _change_district(at):
    at.session_state["profile_district"] = _second_district()


def _change_indicators(at):
    # The page builds only its open section: open the data table first (untimed), then change its theme.
    if "data_theme" not in [box.key for box in at.selectbox]:
        at.session_state["indicators_section"] = "data"
        at.run()
    at.selectbox(key="data_theme").set_value("signing")


def _change_present(at):
    at.multiselect(key="present_deck").set_value(["online_services.dossiers", "community_teams.community_teams"])


def _change_contribute(at):
    at.session_state["prefilled_district"] = _second_district()


def _other_province(shown: str | None) -> str:
    """A province of today other than the one shown (the units table's, by name)."""
    import duckdb

    con = duckdb.connect(os.environ["CDS_DB_PATH"], read_only=True)
    try:
        return con.execute("SELECT unit_id FROM units WHERE kind = 'province' AND unit_id NOT LIKE 'pre-2025/%' "
                           "AND unit_id IS DISTINCT FROM ? ORDER BY name_vi LIMIT 1", [shown]).fetchone()[0]
    finally:
        con.close()


def _change_provinces(at):
    at.session_state["provinces_province"] = _other_province(at.session_state["provinces_province"])


def _change_map(at):
    # one province's units instead of the whole country (the picker offers provinces by their 2025 name)
    at.selectbox(key="map_province").set_value(at.selectbox(key="map_province").options[1])


# A report of the kind an official pastes (the reader's own test sentence shape): the rerun reads it and proposes
# its figures with their quotes.
READER_TEXT = ("Báo cáo ngày 20/12/2023. Năm 2023, Ủy ban nhân dân huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành "
               "chính, trong đó 4.321 hồ sơ trực tuyến.")


def _change_report_reader(at):
    at.text_area(key="reader_text").input(READER_TEXT)


def _change_minimal(at):
    at.selectbox(key="indicator").set_value("dossiers_online")  # an indicator id (community_teams is a theme)


PAGES = {
    "overview": ("app_pages/overview.py", _change_overview),
    "compare": ("app_pages/compare.py", _change_compare),
    "district": ("app_pages/district.py", _change_district),
    "indicators": ("app_pages/indicators.py", _change_indicators),
    "present": ("app_pages/present.py", _change_present),
    "contribute": ("app_pages/contribute.py", _change_contribute),
    "provinces": ("app_pages/provinces.py", _change_provinces),
    "map": ("app_pages/map.py", _change_map),
    "report_reader": ("app_pages/report_reader.py", _change_report_reader),
    "minimal": ("bench/minimal_page.py", _change_minimal),
}


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def compile_pages_once() -> None:
    """A Streamlit server compiles a page once (its ScriptCache, cleared when the file changes); AppTest makes a new
    ScriptCache on every run, so each timed rerun also parsed and rewrote the page's source (about 8 ms for the
    unit profile and the indicators page, 0.3 ms for the minimal page). One cache for every run, as a server has."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _wait_for_the_start_look() -> None:
    """Untimed: each first run starts as a server does, serving the last build and looking at the data files a
    second later in the background (loaders.watch); that look ends before the next repeat's caches are cleared,
    so it never runs inside another page's timed run."""
    from ui import db

    db.data_watch().wait(120)


def time_page(path: str, change) -> dict:
    from streamlit.testing.v1 import AppTest

    firsts, reruns = [], []
    for _ in range(REPEATS):
        _clear_caches()
        at = AppTest.from_file(str(REPO / path), default_timeout=600)
        start = time.perf_counter()
        at.run()
        firsts.append(time.perf_counter() - start)
        if at.exception:
            return {"error": at.exception[0].value[:300]}
        change(at)
        start = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - start)
        if at.exception:
            return {"error": at.exception[0].value[:300]}
        _wait_for_the_start_look()
    return {"first_s": statistics.median(firsts), "rerun_s": statistics.median(reruns)}


def main(argv: list[str]) -> None:
    data_dir, db_path = argv[0], argv[1]
    os.environ["CDS_DATA_DIR"], os.environ["CDS_DB_PATH"] = data_dir, db_path
    os.environ.pop("CDS_EDITOR_SECRET", None)
    sys.path.insert(0, str(REPO))
    compile_pages_once()
    for name, (path, change) in PAGES.items():
        print(json.dumps({"page": name, **time_page(path, change)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
