"""Strengths and gaps (analysis/standing.py over queries/district_standing.sql), on the real data: a unit's own
figure and the others' median are the figures the charts show (a stated rate whose derived twin exists is left to
the twin), worked out here again from the observations themselves."""

from __future__ import annotations

import pandas as pd
import pytest

import queries
from analysis.standing import findings
from i18n.numbers import format_value

pytestmark = pytest.mark.usefixtures("built_db")

RATE = "online_submission_rate"  # the indicator with stated/derived twins in the bundled data


def _observations(con) -> pd.DataFrame:
    cur = queries.cursor(con)
    try:
        return cur.execute("SELECT * FROM observations").df()
    finally:
        cur.close()


def _latest_whole_unit(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Each unit's latest whole-unit figure of the indicator, twins left out, ties broken by observation id."""
    rows = observations[(observations["indicator_id"] == indicator) & (observations["level"] == "district")
                        & observations["superseded_by"].isna()]
    rows = rows.sort_values(["district_id", "period_end", "observation_id"], ascending=[True, False, True])
    return rows.drop_duplicates("district_id")


def test_twin_units_are_judged_on_the_figure_the_charts_show(con):
    observations = _observations(con)
    twins = set(observations.loc[observations["superseded_by"].notna() & (observations["level"] == "district")
                                 & (observations["indicator_id"] == RATE), "district_id"])
    assert len(twins) >= 5  # cao-phong, duc-hoa, cat-hai, … : the stated 98,5% beside its derived 98,46%
    latest = _latest_whole_unit(observations, RATE)
    for unit in sorted(twins):
        kind = latest.loc[latest["district_id"] == unit, "unit_kind"].iloc[0]
        others = latest[(latest["district_id"] != unit) & (latest["unit_kind"] == kind)]
        row = queries.run(con, "district_standing", district=unit).set_index("indicator_id").loc[RATE]
        assert row["value"] == latest.loc[latest["district_id"] == unit, "value"].iloc[0], unit
        assert row["others_count"] == len(others), unit
        assert row["others_median"] == pytest.approx(others["value"].median()), unit


def test_a_unit_is_set_beside_units_of_its_own_kind_and_named_by_them(con):
    """cat-hai is a commune of 2026: its online rate is set beside the other communes' median, never beside pre-2025
    districts or provinces' own figures, and the sentence says "xã, phường" and the median it means."""
    observations = _observations(con)
    latest = _latest_whole_unit(observations, RATE)
    communes = latest[(latest["unit_kind"] == "commune") & (latest["district_id"] != "cat-hai")]
    assert (latest["unit_kind"] != "commune").sum() > 0  # there are other kinds to leave out
    row = queries.run(con, "district_standing", district="cat-hai").set_index("indicator_id").loc[RATE]
    assert row["others_count"] == len(communes)
    median = format_value(communes["value"].median(), "percent", "vi")
    texts = {lang: [f.text for f in findings(queries.run(con, "district_standing", district="cat-hai"), lang)
                    if f.indicator_id == RATE and ("median" in f.text or "trung vị" in f.text)]
             for lang in ("vi", "en")}
    assert len(texts["vi"]) == 1 and len(texts["en"]) == 1
    assert f"trung vị {median} của {len(communes)} xã, phường khác có số liệu" in texts["vi"][0]
    assert "huyện" not in texts["vi"][0]
    assert f"the median {format_value(communes['value'].median(), 'percent', 'en')} of other communes that report it " \
           f"({len(communes)};" in texts["en"][0]

def test_a_district_is_named_as_a_district(con):
    texts = [f.text for f in findings(queries.run(con, "district_standing", district="thuan-bac"), "vi")
             if "trung vị" in f.text]
    assert texts and all("huyện khác có số liệu" in text and "xã" not in text.split("trung vị")[1] for text in texts)
