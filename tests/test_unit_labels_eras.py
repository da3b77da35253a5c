"""Units of one name on both sides of the 1 July 2025 reform read apart by their era, not by a province that is the
same on both sides or by a file id: the old province Phú Thọ and today's (which took in Vĩnh Phúc and Hòa Bình) are
'tỉnh Phú Thọ (trước 7/2025)' and 'tỉnh Phú Thọ', in the pickers, the scorecard and the pack's title page."""

from __future__ import annotations

import datetime as dt

import queries
from charts.labels import unit_labels
from charts.scorecard import scorecard_chart
from exports.pack_text import title_lines
from ui.pickers import unit_names

OLD, NEW = "tinh-phu-tho", "tinh-phu-tho-2025"


def test_the_pickers_say_the_old_provinces_era_and_leave_todays_name_bare(con):
    units = queries.run(con, "districts")
    assert set(units.loc[units["district_id"].isin([OLD, NEW]), "unit_id"]) == {"pre-2025/phu-tho", "phu-tho"}
    for lang, old, new in (("vi", "tỉnh Phú Thọ (trước 7/2025)", "tỉnh Phú Thọ"),
                           ("en", "Phú Thọ province (before July 2025)", "Phú Thọ province")):
        names = unit_names(units, lang)
        assert (names[OLD], names[NEW]) == (old, new)
        assert len(set(names.values())) == len(names)  # still no two units alike


def test_namesakes_of_one_era_are_still_told_apart_by_province(con):
    units = queries.run(con, "districts").to_dict("records")
    names = unit_labels(units, "vi")
    old_districts = [u for u in units if u["unit_kind"] == "district"]
    by_name: dict[str, list[dict]] = {}
    for unit in old_districts:
        by_name.setdefault(unit["district_name"], []).append(unit)
    # two old units of one name: the era says nothing between them, so no era is said
    assert all("7/2025" not in names[u["district_id"]] for u in old_districts)
    # a row without a unit id says no era it does not know: the province (same here) and then the id tell them apart
    bare = [{k: v for k, v in u.items() if k != "unit_id"} for u in units if u["district_id"] in (OLD, NEW)]
    assert unit_labels(bare, "vi") == {OLD: f"tỉnh Phú Thọ (Phú Thọ) · {OLD}", NEW: f"tỉnh Phú Thọ (Phú Thọ) · {NEW}"}


def test_the_scorecard_and_the_packs_title_page_say_the_era(con):
    rows = queries.run(con, "scorecard_cells", districts=[OLD, NEW])
    spec = scorecard_chart(rows, "vi")
    figure = spec.figure
    text = str(figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure)
    assert "tỉnh Phú Thọ (trước 7/2025)" in text and f"· {OLD}" not in text and f"· {NEW}" not in text
    _, lines = title_lines(con, None, "vi", (OLD, NEW), 2, dt.date(2026, 12, 2))
    assert any("tỉnh Phú Thọ (trước 7/2025)" in line for line in lines)
