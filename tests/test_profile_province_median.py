"""A unit profile's province median (queries/province_medians.sql, the orange diamond) and its caption's count are
over the province's units of the profiled unit's kind only. Hải Phòng holds 9 communes of 2026, the pre-2025
district Gia Lộc (no whole-unit rate) and two provinces' own figures: a commune of it is set beside the communes
alone."""

from __future__ import annotations

import pytest

import queries
from i18n import t
from tests.apptest_pages import run_page

pytestmark = pytest.mark.usefixtures("built_db")

PROVINCE = "Hải Phòng"


def _observations(con):
    cur = queries.cursor(con)
    try:
        return cur.execute("SELECT * FROM observations WHERE province_2025 = ? AND level = 'district' "
                           "AND superseded_by IS NULL", [PROVINCE]).df()
    finally:
        cur.close()


@pytest.mark.parametrize("kind", ["commune", "province"])
def test_the_median_is_over_units_of_one_kind(con, kind):
    rows = _observations(con)
    assert set(rows["unit_kind"]) == {"commune", "province"}  # whole-unit figures of two kinds: one to leave out
    mine = rows[rows["unit_kind"] == kind].sort_values(["district_id", "indicator_id", "period_end", "observation_id"],
                                                      ascending=[True, True, False, True])
    latest = mine.drop_duplicates(["district_id", "indicator_id"])
    expected = latest.groupby("indicator_id")["value"].agg(["median", "count"])
    medians = queries.run(con, "province_medians", province=PROVINCE, kind=kind).set_index("indicator_id")
    assert set(medians.index) == set(expected.index)
    for indicator, row in expected.iterrows():
        assert medians.loc[indicator, "province_units"] == row["count"], indicator
        assert medians.loc[indicator, "province_median"] == pytest.approx(row["median"]), indicator


def test_the_caption_counts_the_units_of_the_profiled_kind():
    at = run_page("district", district="cat-hai")
    communes = 9  # an-lao, an-truong, cat-hai, dong-hai, duong-an, kien-an, le-thanh-nghi, ninh-giang, phu-lien
    expected = t("profile.median_caption", "vi", province=PROVINCE, count=communes)
    assert expected in [c.value for c in at.caption]
