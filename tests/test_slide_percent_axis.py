"""A percentage chart on a slide ends its value axis at 112%, as every percentage chart does, and keeps its bars'
labels (value and period, up to four lines) in room left above the axis: split into parts (more than 10 bars),
the online-use chart of twenty districts ran its axis to about 190% with ticks stopping at 100%, an axis that
suggested values above 100%; in show mode a chart drawn whole did the same to stand its labels under the title."""

from __future__ import annotations

from charts.compare import PART_LABEL_SHARE, PERCENT_AXIS_TOP
from exports.deck import Deck, deck_charts
from exports.slide_layout import fit_to_screen
from tests.test_present_show_mode import TWENTY_DISTRICTS
from ui.present_mode import CONTROLS_PX, FOOTER_PX, SCREEN

UNITS = tuple(TWENTY_DISTRICTS.split(","))


def _bar_texts(layout_data: list[dict]) -> list[str]:
    return [text for trace in layout_data if trace["type"] == "bar" and trace.get("customdata")
            for text in trace["text"]]


def _percent_axis_ends_at_112(axis: dict, largest: float) -> None:
    assert axis["range"][1] <= max(PERCENT_AXIS_TOP, largest * 1.05), axis["range"]
    assert max(axis["tickvals"]) == 100 and axis["ticktext"][-1] == "100%"


def test_a_parted_percentage_chart_ends_its_axis_at_112_percent_with_its_labels_room_above_it(con):
    parts = deck_charts(con, Deck(("online_services.online_usage",), UNITS))
    assert len(parts) >= 2, "the real data no longer splits this chart: pick another"
    figures = [spec.figure.to_dict() for spec in parts]
    largest = max(v for figure in figures for trace in figure["data"] if trace["type"] == "bar"
                  for v in trace["y"] if v is not None)
    assert largest > 60  # a label of four lines above it would not fit under an axis ending at 112%
    axes = [figure["layout"]["yaxis"] for figure in figures]
    assert len({(tuple(axis["range"]), tuple(axis["domain"])) for axis in axes}) == 1  # one axis on every part
    for axis in axes:
        _percent_axis_ends_at_112(axis, largest)
        # the largest bar leaves PART_LABEL_SHARE of the plot above it: its label's room, over the axis' end
        assert abs(axis["domain"][1] * largest / axis["range"][1] - (1 - PART_LABEL_SHARE)) < 1e-9
    for spec in parts:  # in show mode on a 1366×768 laptop: the same axis, every bar its value and its period
        figure, _ = fit_to_screen(spec, SCREEN[0], int(SCREEN[1] - CONTROLS_PX - FOOTER_PX))
        shown = figure.to_dict()
        _percent_axis_ends_at_112(shown["layout"]["yaxis"], largest)
        texts = _bar_texts(shown["data"])
        assert texts and all("<br>" in text for text in texts), texts


def test_a_whole_percentage_chart_in_show_mode_makes_room_above_its_axis_not_on_it(con):
    """Drawn whole, signing's rate (two of twenty districts reporting, labels upright) raised its axis far past
    100% to stand the labels under the title; now the axis ends at 112% lower down the plot."""
    [spec] = deck_charts(con, Deck(("signing.signing_rate",), UNITS))
    figure, _ = fit_to_screen(spec, SCREEN[0], int(SCREEN[1] - CONTROLS_PX - FOOTER_PX))
    shown = figure.to_dict()
    axis = shown["layout"]["yaxis"]
    largest = max(v for trace in shown["data"] if trace["type"] == "bar" for v in trace["y"] if v is not None)
    assert axis["range"][1] <= max(PERCENT_AXIS_TOP, largest * 1.05), axis["range"]
    assert axis["domain"][1] < 1  # the labels' room is above the axis' end
    assert max(axis["tickvals"]) == 100  # thinned to fit its height, the axis still names its 0% and 100%
    assert min(axis["tickvals"]) == 0 or len(axis["tickvals"]) == 1


def test_the_pptx_percentage_axis_says_percent_and_names_no_tick_above_100(con):
    """The native chart read a percentage chart's axis as counts ("#,##0": 0, 50, 100, 150… up to 197 on the parted
    online-use chart, 312 on signing's): its ticks now say "%" and stop at 100%, the room above kept for labels."""
    import io

    from pptx import Presentation

    from exports.pptx_charts import PERCENT_TICKS
    from exports.pptx_pack import build_pptx

    deck = Deck(("online_services.online_usage", "signing.signing_rate"), UNITS)
    axes = [shape.chart.value_axis for slide in Presentation(io.BytesIO(build_pptx(con, deck))).slides
            for shape in slide.shapes if shape.has_chart]
    assert len(axes) == len(deck_charts(con, deck)) >= 3
    for axis in axes:
        assert axis.tick_labels.number_format == PERCENT_TICKS and axis.major_unit == 20
    assert PERCENT_TICKS.startswith('[<=100]0"%";')
