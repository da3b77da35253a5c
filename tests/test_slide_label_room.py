"""A slide's bar labels fitted to the room the slide really gives them (exports/slide_layout.py), without a
browser: the labels of a chart drawn whole on one slide, with more bars than a slide holds (the 20 communes'
dossiers, two definitions: more than 20 bars), are taller than its plot in show mode; before, they stood over the title."""

from __future__ import annotations

import copy

import pytest

import queries
from charts.colors import district_colors
from charts.compare import chart_from_records, group_records
from exports.images import slide_figure
from exports.slide_layout import LABEL_FLOOR, fit_bar_labels, fit_label_room, fit_to_screen, label_room_px, periods_of
from i18n import t
from ui import scope


@pytest.fixture(scope="module")
def whole_dossiers(con):
    """The dossiers chart of the default 20 communes built for a slide, whole (as a deck no longer shows it)."""
    every = queries.run(con, "districts")
    units = scope.default_districts(scope.first_kind(every, [])[1])
    observations = queries.run(con, "observations_for_districts", districts=units, theme=None, indicators=None)
    chosen = every[every["district_id"].isin(units)]
    return chart_from_records(group_records(observations)["dossiers"], "dossiers", chosen,
                              district_colors(list(every["district_id"]), together=units), "vi", medium="slide")


def _bars(spec) -> int:
    """How many bars the chart draws (every figure of its units: 25 when the round-7 data was written, fewer
    since), never fewer than the twenty a slide cannot hold side by side."""
    bars = sum(len(trace.customdata) for trace in spec.figure.data if trace.type == "bar" and trace.customdata is not None)
    assert bars >= 20
    return bars


def _texts(figure) -> list[str]:
    return [text for trace in figure.data if trace.type == "bar" and trace.customdata is not None
            for text in trace.text]


def test_labels_taller_than_the_room_say_the_value_and_the_chart_says_where_the_periods_are(whole_dossiers):
    figure, _ = fit_to_screen(whole_dossiers, 1366, 420)
    texts = _texts(figure)
    assert len(texts) == _bars(whole_dossiers)
    assert all("·" not in text and "Tháng" not in text for text in texts), texts[:3]  # the value alone
    assert t("charts.marker_periods_below", "vi") in figure.layout.title.subtitle.text
    # the periods are said under the chart, unit by unit
    assert any(note.startswith("Kỳ báo cáo khác nhau") and "Thành Sen: Tháng 7/2025 – 2/2026" in note
               for note in whole_dossiers.notes)


def test_fitted_labels_never_need_more_than_the_room_above_their_bars(whole_dossiers):
    figure = whole_dossiers.figure
    for plot_px in (150, 250, 400, 700):
        fitted = copy.deepcopy(figure)
        label_px, _ = fit_bar_labels(fitted, 1000, periods_of(whole_dossiers.source_note))
        label_px, values_only = fit_label_room(fitted, label_px, plot_px, 1000, periods_of(whole_dossiers.source_note))
        assert label_px <= label_room_px(fitted, plot_px) or values_only, plot_px
        assert all((trace.textfont.size or 99) >= LABEL_FLOOR for trace in fitted.data if trace.type == "bar"
                   and trace.customdata is not None)


def _footer(figure) -> str:
    """The picture's notes under the chart (placed on the paper; the names of units with no bar sit in their places)."""
    return next(a.text for a in figure.layout.annotations if a.xref == "paper")


def test_a_picture_of_the_whole_chart_notes_that_its_bars_say_values_only(whole_dossiers):
    """Drawn whole in a 1920×1080 picture, the notes and sources under it leave the bars about 350 px: even
    upright at 16 px, "gần 14.000 · Tháng 7/2025 – 11/2025" is taller than the room above its bar."""
    figure = slide_figure(whole_dossiers)
    footer = _footer(figure)
    texts = _texts(figure)
    assert len(texts) == _bars(whole_dossiers) and not any("Tháng" in text or "·" in text for text in texts)
    assert footer.startswith(t("charts.note_periods_in_notes", "vi")[:40])


def test_a_screen_chart_downloaded_as_a_picture_says_so_in_its_own_language(con):
    """The Compare page's PNG of the same chart (a screen chart restyled for a slide) in English: values only, and
    the note in English."""
    from charts.compare import comparison_chart

    every = queries.run(con, "districts")
    units = scope.default_districts(scope.first_kind(every, [])[1])
    observations = queries.run(con, "observations_for_districts", districts=units, theme=None, indicators=None)
    spec = comparison_chart(observations, "dossiers", every[every["district_id"].isin(units)],
                            district_colors(list(every["district_id"]), together=units), "en")
    figure = slide_figure(spec)
    assert _footer(figure).startswith(t("charts.note_periods_in_notes", "en")[:40])
    assert all("Jul 2025" not in text and "·" not in text for text in _texts(figure))  # (was "… · Jul 2025 – …")
