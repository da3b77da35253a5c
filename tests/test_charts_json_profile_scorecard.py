"""The unit profile's rate charts and the overview's scorecard built as plotly JSON (issue 17), on the real data in a
real DuckDB: what reaches the browser is what plotly's validated figure of the same JSON would send, Streamlit's path
builds no plotly object tree, and every honesty feature of these charts is still there (value and period on every
bar, hover card with source and quote or locator, target and median markers, no-data cells)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pytest

import queries
from charts.plotly_json import JsonFigure, trace_values
from charts.profile import latest_figures, median_index, rates_chart
from charts.scorecard import scorecard_chart

ALL = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


def profile_charts(con, lang: str = "vi", units: int | None = None):
    """Every rate chart of every unit's profile (as app_pages/district.py builds them)."""
    summary = queries.run(con, "district_summary")
    for unit in summary.to_dict("records")[:units]:
        latest = latest_figures(queries.run(con, "observations_for_districts", districts=[unit["district_id"]],
                                            theme=None, indicators=None))
        medians = median_index(queries.run(con, "province_medians", province=unit["province_2025"],
                                              kind=unit["unit_kind"]))
        for theme in dict.fromkeys(latest["theme"]) if len(latest) else ():
            spec = rates_chart(latest[latest["theme"] == theme], medians, lang,
                               chart_id=f"profile.{unit['district_id']}.{theme}", title=theme)
            if spec is not None:
                yield spec


def sent(figure) -> dict:
    """The JSON Streamlit sends for a plotly figure (streamlit/elements/plotly_chart.py, pinned at 1.67)."""
    return json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True),
                                  validate=False))


def validated(figure) -> dict:
    return json.loads(pio.to_json(go.Figure(figure.to_dict()), validate=False))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_profile_charts_send_the_json_plotly_validation_would_send(con, lang):
    checked = 0
    for spec in profile_charts(con, lang):
        assert isinstance(spec.figure, JsonFigure)
        assert sent(spec.figure) == validated(spec.figure), spec.chart_id
        assert object.__getattribute__(spec.figure, "_json_built") is False, "Streamlit's path built the tree"
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize("lang,medium", [("vi", "screen"), ("en", "screen"), ("vi", "slide")])
def test_the_scorecard_sends_the_json_plotly_validation_would_send(con, lang, medium):
    ids = list(queries.run(con, "districts")["district_id"])
    for chosen in (ALL, ids[:20], ids):
        spec = scorecard_chart(queries.run(con, "scorecard_cells", districts=chosen), lang, medium)
        assert sent(spec.figure) == validated(spec.figure)
        assert object.__getattribute__(spec.figure, "_json_built") is False
        assert ("uniformtext" in spec.figure.to_dict()["layout"]) is (medium != "screen")


def test_profile_bars_keep_value_period_hover_target_and_median(con):
    charts = {spec.chart_id: spec.figure.to_dict() for spec in profile_charts(con)}
    signing = charts["profile.lam-binh.signing"]
    bars = signing["data"][0]
    assert bars["type"] == "bar" and "Tỷ lệ văn bản điện tử được ký số" in bars["y"]
    for text, hover in zip(bars["text"], bars["hovertext"]):
        assert text.startswith("<b>") and ("·" in text or "<br>" in text)  # value, then its period
        assert "Nguồn:" in hover and ("Trích dẫn:" in hover or "Trích dẫn / vị trí:" in hover)
    assert any(trace.get("name") == "Mục tiêu quốc gia" for trace in signing["data"])
    online = charts["profile.lam-binh.online_services"]
    assert any("7,81%" in text and "2022" in text for text in online["data"][0]["text"])
    assert any(trace.get("name") == "Trung vị các đơn vị cùng tỉnh" for spec in charts.values() for trace in spec["data"])


def test_profile_charts_have_preset_margins_and_room_for_their_labels(con):
    for spec in profile_charts(con, units=20):
        layout = spec.figure.to_dict()["layout"]
        assert layout["xaxis"]["automargin"] is False and layout["yaxis"]["automargin"] is False
        assert "uniformtext" not in layout
        assert layout["xaxis"]["ticktext"][-1] == "100%"
        # every name fits the left margin it was given, wrapped at 30 characters
        assert all(len(line) <= 30 for label in layout["yaxis"]["ticktext"] for line in label.split("<br>"))
        # the value axis goes far enough right for the longest label (an undated period wraps under its value)
        assert layout["xaxis"]["range"][1] >= 135


def test_observation_ids_of_a_json_chart_are_read_without_building_the_tree(con):
    spec = next(profile_charts(con, units=1))
    customdata = trace_values(spec.figure, "customdata")
    assert customdata[0] and all(len(item) == 1 for item in customdata[0])
    assert object.__getattribute__(spec.figure, "_json_built") is False
    # the same values as plotly's own figure gives
    assert [list(c) if c is not None else None for c in trace_values(go.Figure(spec.figure.to_dict()), "customdata")] \
        == [[list(item) for item in c] if c is not None else None for c in customdata]


def test_a_missing_scorecard_cell_is_a_gap_with_its_words(con):
    spec = scorecard_chart(queries.run(con, "scorecard_cells", districts=ALL), "vi")
    heatmap = spec.figure.to_dict()["data"][0]
    row, column = heatmap["y"].index("Tỷ lệ văn bản điện tử được ký số"), heatmap["x"].index("Lục Yên")
    assert heatmap["z"][row][column] is None and "không có số liệu" in heatmap["text"][row][column]


def test_plotly_serialises_with_orjson_and_sends_vietnamese_as_utf8(con):
    """requirements.txt pins orjson: plotly's JSON engine (what st.plotly_chart calls) picks it up, and Vietnamese
    reaches the browser as UTF-8 text rather than \\u escapes (about 30% less websocket traffic per view)."""
    import orjson  # noqa: F401 - installed, as requirements.txt says

    from plotly.io.json import config

    assert config.default_engine in ("auto", "orjson")
    spec = next(profile_charts(con, units=1))
    text = pio.to_json(spec.figure, validate=False)
    assert "Tỷ lệ" in text and "\\u1ef7" not in text
    assert json.loads(text) == json.loads(pio.to_json(spec.figure, validate=False, engine="json"))


def test_a_scorecard_cell_from_a_public_page_shows_its_printed_number_and_address(con):
    """A public page's figure is checked by the number as printed, where it stands and the page's address (its
    provenance line was empty on the scorecard before the query carried them)."""
    ids = list(queries.run(con, "districts")["district_id"])
    cells = queries.run(con, "scorecard_cells", districts=ids)
    public = cells[cells["source_holds_quotes"].eq(False) & cells["printed"].notna()]
    assert len(public) >= 1
    hovers = [h for line in scorecard_chart(cells, "vi").figure.to_dict()["data"][0]["hovertext"] for h in line]
    for cell in public.head(10).to_dict("records"):
        card = next(h for h in hovers if h.startswith(f"<b>{cell['district_name']}</b>")
                    and f"«{cell['printed']}»" in h)
        assert "Trích dẫn / vị trí: in là" in card and "Địa chỉ:" in card
        assert cell["source_url"].replace("<br>", "") in card.replace("<br>", "")
