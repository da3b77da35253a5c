"""The map is written as plotly JSON (charts.map.unit_map returns a JsonFigure, issue 17 eighth round (m)): what it
sends is what plotly's validated figure of the same JSON sends, on the real data's map of every reported indicator,
the whole country and a province, both languages, screen and slide; its honesty marks are in that JSON."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import queries
from charts.map import map_view, unit_map, units_frame
from charts.plotly_json import JsonFigure
from i18n import t

pytestmark = pytest.mark.usefixtures("built_db")


def _sent(figure) -> dict:
    return json.loads(pio.to_json(figure, validate=False))


def _maps(con):
    outline = queries.run(con, "country_outline")
    province = queries.run(con, "districts")["province_2025"].dropna().iloc[0]
    for indicator in queries.run(con, "reported_indicators")["indicator_id"]:
        for chosen in (None, province):
            rows = queries.run(con, "map_units", indicator=indicator, province=chosen)
            for lang in ("vi", "en"):
                frame = units_frame(rows, lang)
                for medium in ("screen", "slide"):
                    yield unit_map(outline, frame, lang, view="units" if chosen else "country", indicator=indicator,
                                   value_label="%", title=f"<b>{indicator}</b>", medium=medium), lang, chosen


@pytest.mark.parametrize("every", [3])
def test_the_map_sends_the_json_plotly_validation_would_send(con, every):
    drawn = 0
    for n, (figure, lang, province) in enumerate(_maps(con)):
        assert isinstance(figure, JsonFigure)
        if n % every:
            continue
        sent = _sent(figure)
        assert sent == _sent(go.Figure(figure.to_dict()))
        assert map_view(figure) == ("units" if province else "country")
        markers = [trace for trace in sent["data"] if trace.get("mode") == "markers"]
        drawn += sum(len(trace["x"]) for trace in markers if trace["name"] == t("map.with_data", lang))
    assert drawn > 50  # real figures were drawn, not only hollow markers


def test_a_drawn_unit_keeps_its_value_period_and_source_on_its_card(con):
    figure, lang, _ = next(_maps(con))
    traces = {trace["name"]: trace for trace in _sent(figure)["data"]}
    with_data = traces[t("map.with_data", lang)]
    assert len(with_data["marker"]["color"]) == len(with_data["x"])  # every drawn unit is coloured by its value
    assert all(t("common.source", lang) in card and t("common.period", lang) in card for card in with_data["hovertext"])
    assert t("map.no_data", lang) in traces  # units without the figure: hollow markers, in the legend
