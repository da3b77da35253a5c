"""The map's rows read column by column (charts.records.frame_records, issue 17 seventh round (c); the unit
pickers' rows too since the eighth round (m)) give exactly what pandas' to_dict("records") gave, so every hover
card, value and colour of the map is what it was: checked on the real data's map rows of every reported indicator,
every kind of unit, in both languages, against the builder as it was before (kept here as the reference)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.io as pio
import pytest

import queries
from charts.labels import figure_owner, hover_card, value_text
from charts.map import _missing, unit_map, units_frame
from charts.records import frame_records


def _units_frame_by_pandas(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """charts.map.units_frame before the seventh round (c): the reference."""
    records = rows.to_dict("records")
    return pd.DataFrame({
        "unit_id": [r.get("unit_id") or r["district_id"] for r in records],
        "unit_name": [figure_owner(r, lang) for r in records],
        "lat": [r.get("lat") for r in records], "lon": [r.get("lon") for r in records],
        "value": [r.get("value") for r in records],
        "value_text": [value_text(r, lang) if not _missing(r.get("value")) else "" for r in records],
        "period_label": [r.get("period_label") for r in records],
        "source_title": [r.get("source_title") for r in records],
        "hover": [hover_card(r, lang) if not _missing(r.get("value")) else "" for r in records],
    }, columns=["unit_id", "unit_name", "lat", "lon", "value", "value_text", "period_label", "source_title", "hover"])


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if a is pd.NaT or (isinstance(a, float) and math.isnan(a)):  # missing values: the same kind of missing
        return b is pd.NaT or math.isnan(b)
    return a == b


def _map_rows(con) -> list[pd.DataFrame]:
    indicators = list(queries.run(con, "reported_indicators")["indicator_id"])
    assert len(indicators) > 5
    frames = []
    for indicator in indicators:
        rows = queries.run(con, "map_units", indicator=indicator, province=None)
        frames += [rows[rows["unit_kind"] == kind] for kind in rows["unit_kind"].unique()]
    return frames


def test_records_are_to_dict_records(con):
    frames = _map_rows(con)
    assert sum(int(frame["value"].notna().sum()) for frame in frames) > 50  # real figures, not only empty units
    frames.append(queries.run(con, "districts"))  # and the units every unit picker labels (ui.pickers.unit_names)
    for frame in frames:
        expected, got = frame.to_dict("records"), frame_records(frame)
        assert len(got) == len(expected)
        for want, have in zip(expected, got):
            assert list(have) == list(want)
            bad = {k: (want[k], have[k]) for k in want if not _same(want[k], have[k])}
            assert not bad, bad


def _without_some_places(rows: pd.DataFrame) -> pd.DataFrame:
    """Every other unit without a centroid: listed under the map by name, never drawn."""
    rows = rows.copy()
    rows.loc[rows.index[::2], ["lat", "lon"]] = None
    return rows


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_figure_is_the_same_as_before(con, lang):
    outline = queries.run(con, "country_outline")
    checked = 0
    for rows in _map_rows(con):
        for variant in (rows, _without_some_places(rows)):
            new, old = units_frame(variant, lang), _units_frame_by_pandas(variant, lang)
            drawn = variant["lat"].notna() & variant["lon"].notna()
            # Cards only for the units drawn; every other column as before.
            pd.testing.assert_frame_equal(new[drawn.to_numpy()], old[drawn.to_numpy()])
            pd.testing.assert_frame_equal(new.drop(columns="hover"), old.drop(columns="hover"))
            assert (new.loc[~drawn.to_numpy(), "hover"] == "").all()
            hovers = [h for h in new["hover"] if h]
            if (variant["value"].notna() & drawn).any():
                assert hovers and all("<br>" in h for h in hovers)  # the cards are there, with their lines
                checked += 1
            figures = [pio.to_json(unit_map(outline, frame, lang, view="country", indicator="I", value_label="%",
                                            title="T").to_dict(), validate=False) for frame in (new, old)]
            assert figures[0] == figures[1]
    assert checked > 5
