"""The unit profile reads its rows as plain records (issue 17, seventh round): it built a DataFrame of the unit's
rows, sorted it to pick each indicator's figure (charts.profile.latest_figures) and turned the result back into
dicts on every change of unit. `latest_records` picks the same figures from the records; pinned here, on the real
data and on the synthetic `national` set in a real DuckDB, against the frame route the page took: the same figures
in the same order, the same gaps, rate charts (bars, labels, hover cards, medians, targets), counts' metric words
and figures per theme, in both languages. The unit's standing (analysis.standing.findings) and its province's
medians (charts.profile.median_index) are read as records too: the same findings and the same charts."""

from __future__ import annotations

from collections import Counter

import pytest

import queries
from charts.labels import indicator_name, period_text, provenance_text, source_text, value_text
from analysis.standing import findings
from charts.profile import latest_figures, latest_records, low_rates_without_yardstick, median_index, rates_chart


def _shown(latest: list[dict], medians: dict, unit: str, lang: str) -> list:
    """What the page shows from a unit's latest figures, theme by theme (app_pages/district.py)."""
    shown = [low_rates_without_yardstick(latest, set(), lang)]
    by_theme: dict[str, list[dict]] = {}
    for row in latest:
        by_theme.setdefault(row["theme"], []).append(row)
    for theme, mine in by_theme.items():
        chart = rates_chart(mine, medians, lang, chart_id=f"profile.{unit}.{theme}", title=theme)
        shown.append(None if chart is None else (chart.title, chart.source_note, chart.notes, chart.colors,
                                                 chart.figure.to_dict()))
        shown.append([(indicator_name(r, lang), value_text(r, lang), period_text(r, lang), source_text(r, lang),
                       provenance_text(r, lang)) for r in mine if r["unit"] != "percent"])
    return shown


def assert_records_route_is_the_frame_route(con, every: int = 1) -> dict:
    summary = queries.run(con, "district_summary").to_dict("records")
    counted = {"units": 0, "figures": 0, "charts": 0, "findings": 0, "medians": 0}
    for unit in summary[::every]:
        params = dict(districts=[unit["district_id"]], theme=None, indicators=None)
        frame = queries.run(con, "observations_for_districts", **params)
        rows = queries.records(con, "observations_for_districts", **params)
        old = latest_figures(frame).to_dict("records")
        new = latest_records(rows)
        assert [r["observation_id"] for r in new] == [r["observation_id"] for r in old], unit["district_id"]
        assert Counter(r["theme"] for r in rows) == frame["theme"].value_counts().to_dict()
        place = dict(province=unit["province_2025"], kind=unit["unit_kind"])
        medians = median_index(queries.run(con, "province_medians", **place))
        median_rows = median_index(queries.records(con, "province_medians", **place))
        assert median_rows.keys() == medians.keys()
        standing = dict(district=unit["district_id"])
        for lang in ("vi", "en"):
            assert (_shown(new, median_rows, unit["district_id"], lang)
                    == _shown(old, medians, unit["district_id"], lang))
            found = findings(queries.records(con, "district_standing", **standing), lang)
            assert found == findings(queries.run(con, "district_standing", **standing), lang)
            counted["findings"] += len(found)
        counted["medians"] += len(medians)
        counted["units"] += 1
        counted["figures"] += len(new)
        counted["charts"] += sum(1 for r in new if r["unit"] == "percent")
    return counted


def test_the_real_data_profile_from_records_is_the_profile_from_the_frame(con):
    counted = assert_records_route_is_the_frame_route(con)
    assert counted["units"] >= 5 and counted["figures"] > 100 and counted["charts"] > 20
    assert counted["findings"] > 10 and counted["medians"] > 10


def test_the_synthetic_national_profile_from_records_is_the_profile_from_the_frame(synthetic_national):
    counted = assert_records_route_is_the_frame_route(synthetic_national, every=23)
    assert counted["units"] > 25 and counted["figures"] > 1000
    assert counted["findings"] > 100 and counted["medians"] > 100


@pytest.mark.parametrize("level", ["district", "commune_aggregate", "unit_bodies", "commune", None])
def test_the_level_order_and_ties_are_the_frames(level):
    import datetime

    import pandas as pd

    def row(n, level, end, indicator="a", order=1, superseded=None):
        return dict(observation_id=f"o{n}", indicator_id=indicator, indicator_order=order, level=level,
                    period_end=end, superseded_by=superseded, theme="t", unit="percent")

    day = datetime.date(2024, 12, 31)
    rows = [row(1, "commune", day), row(2, level, datetime.date(2023, 12, 31)), row(3, level, day),
            row(4, level, day), row(5, "district", day, superseded="o9"), row(6, "commune", day, "b", 0),
            row(7, None, None, "c", 2), row(8, level, datetime.date(2025, 6, 30), "c", 2)]
    frame = pd.DataFrame(rows)
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    expected = [r["observation_id"] for r in latest_figures(frame).to_dict("records")]
    assert [r["observation_id"] for r in latest_records(rows)] == expected
