"""Under each compare chart one caption: the chart's notes (each after the plain warning sign), then its source line
with every document and period, each its own paragraph, in that order, escaped and read as exactly the builder's
text (issue 17, seventh round (d): one caption element instead of one per line). The compare page under AppTest,
real data; the charts built again by the builder, without Streamlit, for the expected texts."""

from __future__ import annotations

import json

import pytest

import queries
from charts.colors import district_colors
from charts.compare import comparison_charts
from i18n import t
from tests.apptest_pages import run_page
from tests.test_markup_is_text import ACTIVE_MARKDOWN, reads_as
from ui.charts import caption_lines

UNITS = ["huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac"]


def builder_specs(con, theme: str, lang: str) -> dict:
    districts = queries.run(con, "districts")
    observations = queries.run(con, "observations_for_districts", districts=UNITS, theme=theme, indicators=None)
    selected = districts[districts["district_id"].isin(UNITS)]
    specs = comparison_charts(observations, selected, district_colors(list(districts["district_id"])), lang)
    return {spec.chart_id: spec for spec in specs}


def shown_chart_ids(at) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["meta"]["chart_id"] for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("theme,lang", [("signing", "vi"), ("online_services", "en")])
def test_each_chart_has_one_caption_with_its_notes_then_its_source_line(con, theme, lang):
    specs = builder_specs(con, theme, lang)
    at = run_page("compare", theme=theme, d=",".join(UNITS), all="1", lang=lang, timeout=90)
    shown = shown_chart_ids(at)
    assert shown and set(shown) <= set(specs)
    assert any(specs[chart].notes for chart in shown)  # the themes chosen so that some chart has notes
    expected = ["\n\n".join(caption_lines(specs[chart])) for chart in shown]
    captions = [caption.value for caption in at.caption]
    # one caption per chart, in the charts' order (the page's own captions around them)
    assert [caption for caption in captions if caption in set(expected)] == expected
    source_word = t("common.source", lang)
    period_word = t("common.period", lang)
    assert sum(caption.startswith(("\u26a0 ", source_word)) for caption in captions) == len(shown)
    for chart, caption in zip(shown, expected):
        spec = specs[chart]
        paragraphs = caption.split("\n\n")
        # read as text, each paragraph is exactly a note of the builder, then its source line
        assert [reads_as(p) for p in paragraphs] == [f"\u26a0 {note}" for note in spec.notes] + [spec.source_note]
        assert paragraphs[-1].startswith(source_word) and f"{period_word}:" in reads_as(paragraphs[-1])
        for paragraph in paragraphs:
            assert not ACTIVE_MARKDOWN.search(paragraph), paragraph
