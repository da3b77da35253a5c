"""A chart spread over several slides shares one value axis, and the room it leaves above its largest bar is what
the tallest label of any of its parts needs where the slides are shown (show mode on a 1366×768 laptop, the PDF's
pages), with a line to spare — no longer a fixed half of the plot: twenty units' four-line labels under that half
left the bars a third of the slide. Real data, the twenty districts the show-mode tests use."""

from __future__ import annotations

import pytest

from charts.compare import PART_LABEL_SHARE
from exports.deck import Deck, deck_charts
from exports.images import SIZES, slide_figure, slide_figures
from exports.slide_layout import PART_LABEL_SHARE_MIN, fit_deck_to_screen, fit_to_screen
from tests.test_present_show_mode import TWENTY_DISTRICTS
from ui.present_mode import CONTROLS_PX, FOOTER_PX, SCREEN

UNITS = tuple(TWENTY_DISTRICTS.split(","))
CHARTS = ("online_services.online_usage", "online_services.dossiers", "signing.signing_rate")
SHOW_HEIGHT = int(SCREEN[1] - CONTROLS_PX - FOOTER_PX)


def _shared(spec) -> bool:
    return bool((spec.figure.to_dict()["layout"].get("meta") or {}).get("shared_axis"))


def _axis(figure) -> tuple:
    axis = figure.to_dict()["layout"]["yaxis"]
    return tuple(axis["range"]), tuple(axis.get("domain") or (0, 1))


def _largest(figures) -> float:
    return max(v for figure in figures for trace in figure.to_dict()["data"] if trace["type"] == "bar"
               for v in trace["y"] if v is not None)


def _room_share(figure, largest: float) -> float:
    """The share of the plot above the largest bar of every part, as this part's axis leaves it."""
    (_low, top), (_start, end) = _axis(figure)
    return 1 - end * largest / top


def _plot_px(figure, height: int) -> float:
    return height - figure.layout.margin.t - figure.layout.margin.b


def _label_top_px(figure, plot_px: float) -> float:
    """How far above the plot's foot the tallest label reaches: its bar's height on the axis plus its lines."""
    (_low, top), (_start, end) = _axis(figure)
    reach = 0.0
    for trace in figure.data:
        if trace.type == "bar" and trace.text is not None:
            for value, text in zip(trace.y, trace.text, strict=True):
                if value is not None and text:
                    lines = str(text).count("<br>") + 1
                    reach = max(reach, value / top * end * plot_px + lines * trace.textfont.size * 1.3)
    return reach


@pytest.fixture(scope="module")
def built(con):
    specs = deck_charts(con, Deck(CHARTS, UNITS))
    assert sum(map(_shared, specs)) >= 4, "the real data no longer spreads two of these charts over slides"
    return specs


@pytest.fixture(scope="module")
def show_mode(built):
    """Each slide fitted on its own (the builder's axis: half the plot above the largest bar) and as a deck."""
    return ([fit_to_screen(spec, SCREEN[0], SHOW_HEIGHT)[0] for spec in built],
            [figure for figure, _ in fit_deck_to_screen(built, SCREEN[0], SHOW_HEIGHT)])


@pytest.fixture(scope="module")
def pages(built):
    return [slide_figure(spec) for spec in built], list(slide_figures(built))


def _groups(built) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for number, spec in enumerate(built):
        if _shared(spec):
            groups.setdefault(spec.chart_id, []).append(number)
    return groups


@pytest.mark.parametrize("medium", ["show_mode", "pages"])
def test_a_parted_chart_keeps_one_axis_and_leaves_its_labels_less_than_half_the_plot(built, medium, request):
    alone, deck = request.getfixturevalue(medium)
    narrowed = 0
    for chart_id, numbers in _groups(built).items():
        figures = [deck[n] for n in numbers]
        assert len({_axis(figure) for figure in figures}) == 1, chart_id  # a bar measures against the next slide's
        largest = _largest(figures)
        share, before = _room_share(figures[0], largest), _room_share(alone[numbers[0]], largest)
        assert before == pytest.approx(PART_LABEL_SHARE)  # fitted alone: the builder's half of the plot
        assert PART_LABEL_SHARE_MIN - 1e-9 <= share <= before + 1e-9, (chart_id, share)
        narrowed += share < PART_LABEL_SHARE - 0.05
    assert narrowed, "no parted chart got taller bars: do all its labels need half the plot?"


@pytest.mark.parametrize("medium", ["show_mode", "pages"])
def test_every_part_says_what_it_said_before_and_its_labels_stay_under_the_plots_top(built, medium, request):
    alone, deck = request.getfixturevalue(medium)
    height = SHOW_HEIGHT if medium == "show_mode" else SIZES["wide"][1]
    for number, (old, new) in enumerate(zip(alone, deck, strict=True)):
        assert (new.layout.title.subtitle.text or "") == (old.layout.title.subtitle.text or ""), built[number].chart_id
        assert [t.text for t in new.data if t.type == "bar"] == [t.text for t in old.data if t.type == "bar"]
        if _shared(built[number]):
            plot = _plot_px(new, height)
            assert _label_top_px(new, plot) <= plot + 2, (built[number].chart_id, number)


def test_slides_of_a_chart_drawn_whole_are_fitted_as_before(built, show_mode, pages):
    for number, spec in enumerate(built):
        if not _shared(spec):
            for alone, deck in (show_mode, pages):
                assert deck[number].to_dict() == alone[number].to_dict(), spec.chart_id
