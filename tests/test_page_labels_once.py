"""Labels a page works out once per build and language (issue 17, eighth round (m)) read as they did when each page
worked them out on every run: the report reader's unit picker, the overview roster's periods. Real data, real DuckDB,
the pages under AppTest."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from charts.labels import unit_labels
from i18n import t
from i18n.numbers import format_number
from i18n.periods import format_period
from tests.conftest import REPO
from tests.test_reader_decisions import TEXT
from ui.scope import in_display_order

pytestmark = pytest.mark.usefixtures("built_db")


def test_the_report_readers_unit_picker_lists_every_unit_in_display_order_with_its_own_label(con):
    units = in_display_order(queries.run(con, "districts"))
    expected = unit_labels(units.to_dict("records"), "vi")  # the labels as the page worked them out on each run
    at = AppTest.from_file(str(REPO / "app_pages" / "report_reader.py"), default_timeout=90).run()
    at.text_area(key="reader_text").input(TEXT).run()
    assert not at.exception, [e.value for e in at.exception]
    picker = at.selectbox(key="reader_target")
    assert picker.options[1:] == [expected[unit] for unit in units["district_id"]]
    assert len(set(picker.options[1:])) == len(units)  # two units never read alike


def test_the_overview_roster_reads_out_every_period_and_commune_count_of_each_unit(con):
    summary = in_display_order(queries.run(con, "district_summary"))
    at = AppTest.from_file(str(REPO / "app_pages" / "overview.py"), default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    roster = at.dataframe[-1].value
    periods = roster[t("overview.col_periods", "vi")].tolist()
    assert periods == ["; ".join(format_period(code, "vi") for code in codes) for codes in summary["period_labels"]]
    assert sum(len(codes) for codes in summary["period_labels"]) > len(summary)  # units report several periods
    communes = roster[t("overview.col_communes", "vi")].tolist()
    assert communes == ["" if pd.isna(n) else format_number(n, "vi") for n in summary["communes"]]
    assert any(communes) and not all(communes)  # districts' counts, and blanks for communes
