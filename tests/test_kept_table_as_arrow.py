"""A table a page keeps per build and language (ui.tables.NeutralisedTable: the overview's roster) is kept as the
Arrow table Streamlit would make of its frame, so that a rerun hands Streamlit that table instead of the frame to
convert again (0.75 ms of each overview rerun at 3,321 units; issue 17, ninth round (r)). What the browser gets
must not change: the same bytes as the frame sent, cell for cell, header for header, formula cells still
neutralised. Checked with the real build's unit summary (list columns, counts, missing values) and a hostile row."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _both_routes():
    import os

    import pandas as pd
    import streamlit as st

    import queries
    from exports.table_files import safe_frame
    from ui.tables import neutralised, show_table

    con = queries.open_database(os.environ["CDS_DB_PATH"])
    summary = queries.run(con, "district_summary")
    hostile = summary.iloc[:1].assign(district_name="=HYPERLINK(\"http://x\")", province="@SUM(1+1)")
    frame = pd.concat([summary, hostile], ignore_index=True)
    frame.columns = [f"+{column}" if n == 0 else column for n, column in enumerate(frame.columns)]
    show_table(neutralised(frame), hide_index=True, width="stretch")  # the kept route
    st.dataframe(safe_frame(frame), hide_index=True, width="stretch")  # the frame route, as before


def test_a_kept_table_sends_the_same_bytes_as_its_frame(built_db):
    at = AppTest.from_function(_both_routes, default_timeout=60)
    at.run()
    assert not at.exception
    kept, frame = at.dataframe
    assert kept.proto.arrow_data.data == frame.proto.arrow_data.data
    shown = kept.value
    assert len(shown) > 10
    assert "'=HYPERLINK(\"http://x\")" in set(shown["district_name"]) and "'@SUM(1+1)" in set(shown["province"])
    assert "'+district_id" in shown.columns


def test_the_overview_roster_is_every_unit_neutralised(built_db):
    import queries
    from tests.apptest_pages import run_page

    at = run_page("overview")
    assert not at.exception
    con = queries.open_database(built_db)
    units = len(queries.run(con, "district_summary"))
    con.close()
    rosters = [element.value for element in at.dataframe if len(element.value) == units]
    assert len(rosters) == 1 and rosters[0].shape[1] == 9
