"""The unit profile reads every unit's summary row, its province's units of its kind and their count from one
structure worked out once per build and language (app_pages/district.py `_units`), not from the summary's frame on
every change of unit (issue 17, eighth round (p)). Pinned under AppTest on the real data: for units of every kind,
changed one after another in one session as a person does, the header, the facts line, the Compare link (the units
of its kind in its province, in display order) and the median's count of units are those the summary says."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

import queries
from charts.labels import unit_label
from i18n import t
from i18n.numbers import format_number
from tests.apptest_pages import run_page
from tests.test_markup_is_text import reads_as
from ui import scope
from ui.charts import counted


@pytest.fixture(scope="module")
def summary(con):
    return scope.in_display_order(queries.run(con, "district_summary"))


def units_of_each_kind(summary) -> list[str]:
    """Per kind, the unit with most figures whose province holds another unit of its kind."""
    picked = []
    for kind, rows in summary.groupby("unit_kind"):
        crowded = rows[rows.groupby("province_2025")["district_id"].transform("size") > 1]
        if not crowded.empty:
            picked.append(crowded.sort_values("figures", ascending=False)["district_id"].iloc[0])
    return picked


def test_each_unit_shown_reads_its_own_row_and_its_provinces_units(summary):
    chosen = units_of_each_kind(summary)
    assert len(chosen) >= 2  # districts until 2025 and today's communes, at least
    at = run_page("district", district=chosen[0])
    for unit in chosen:
        if at.session_state["profile_district"] != unit:
            at.session_state["profile_district"] = unit
            at.run()
            assert not at.exception, [e.value for e in at.exception]
        row = summary[summary["district_id"] == unit].iloc[0].to_dict()
        heading = unit_label(row, "vi")
        assert at.header[0].value.replace("\\", "") == heading[:1].upper() + heading[1:]
        shown = [reads_as(c.value) for c in at.caption]
        figures = counted("views.figures", int(row["figures"] + row["derived_figures"]), "vi")
        assert shown[1].startswith(f"Tỉnh: {row['province']}" if row["unit_kind"] == "district"
                                   else f"Tỉnh: {row['province_2025']} · ") and shown[1].endswith(figures)
        same = summary[(summary["unit_kind"] == row["unit_kind"])
                       & (summary["province_2025"] == row["province_2025"])]["district_id"].tolist()
        link = next(button.proto.url for button in at.get("link_button") if "compare" in button.proto.url)
        linked = parse_qs(urlparse(link).query)["d"][0].split(",")
        assert linked == scope.default_districts(same)
        # every chosen unit reports a rate: the median's caption is there and counts its province's units
        assert shown[-1] == t("profile.median_caption", "vi", province=row["province_2025"],
                              count=format_number(len(same), "vi"))
