"""The Overview's build line says when the data was built as officials read it: the date as people write it and
the time in Vietnam (UTC+7, so the date is not a day behind before 07:00), the counts with separators (review
item 24). Real data, real DuckDB, the page under AppTest."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

import queries
from i18n.numbers import format_number
from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")


def build_line(at) -> str:
    return next(caption.value for caption in at.caption if caption.value.startswith(("Dữ liệu:", "Data:")))


def test_the_build_line_reads_vietnam_time_and_vietnamese_numbers(con):
    build = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))
    local = dt.datetime.fromisoformat(build["built_at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    units = len(queries.run(con, "district_summary"))
    line = build_line(run_page("overview", timeout=60))
    assert line == (f"Dữ liệu: {format_number(units, 'vi')} đơn vị, {format_number(int(build['observations']), 'vi')}"
                    f" số liệu, dựng lúc {local.day}/{local.month}/{local.year} {local:%H:%M}")
    assert "T" not in line.split("dựng lúc")[1] and "+00:00" not in line


def test_the_english_build_line_writes_the_month_in_words(con):
    build = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))
    local = dt.datetime.fromisoformat(build["built_at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    line = build_line(run_page("overview", timeout=60, lang="en"))
    assert line.endswith(f"built {local.day} {local:%b} {local.year} {local:%H:%M}")


def test_the_period_range_is_written_as_people_write_months_and_left_out_by_undated_figures(con):
    # review item 18: "01/2021" and an undated figure's placeholder dates widening the "from … to …" range
    facts = con.execute("SELECT period_kind, period_start, period_end FROM cds.observation_facts").df()
    dated = facts[facts["period_kind"] != "as_of_unknown"]
    first, last = dated["period_start"].min(), dated["period_end"].max()
    undated = con.execute("SELECT count(*) FROM cds.observation_facts WHERE period_kind = 'as_of_unknown' AND NOT is_derived"
                          ).fetchone()[0]
    assert undated > 0, "the bundled data has undated public pages; without them this test proves nothing"
    line = next(c.value for c in run_page("overview", timeout=60).caption if c.value.startswith("Các đơn vị báo cáo"))
    assert f"(từ tháng {first.month}/{first.year} đến tháng {last.month}/{last.year})" in line
    assert f"{format_number(undated, 'vi')} số liệu từ nguồn không ghi ngày" in line
    assert "/0" not in line.replace(f"/{first.year}", "").replace(f"/{last.year}", "")
