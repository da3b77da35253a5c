"""The PowerPoint pack reopened with python-pptx: native, editable charts with the real figures (no pictures, no
browser needed), the title once, quotes and sources in the speaker notes, a title slide with scope, date and data
version, the scorecard and a unit profile as tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

import queries
from charts.colors import district_colors
from exports.deck import Deck
from exports.pptx_pack import build_pptx

ALL = ("huong-khe", "lam-binh", "luc-yen", "tam-duong", "thuan-bac")
DECK = Deck(("signing.signing_rate", "online_services.dossiers", "overview.scorecard", "profile.lam-binh"), ALL)


@pytest.fixture(scope="module")
def slides(con):
    return list(Presentation(io.BytesIO(build_pptx(con, DECK, today=dt.date(2026, 11, 24)))).slides)


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _chart(slide):
    frames = [shape for shape in slide.shapes if shape.has_chart]
    assert len(frames) == 1, "one native chart per chart slide"
    return frames[0].chart


def test_title_slide_states_scope_date_and_data_version(con, slides):
    build = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))
    text = slides[0].placeholders[1].text
    assert "Hương Khê" in text and "Thuận Bắc" in text
    assert "24/11/2026" in text
    assert build["data_fingerprint"][:12] in text and "Phiên bản dữ liệu" in text


def test_chart_slides_hold_native_charts_not_pictures(slides):
    for slide in slides[1:3]:
        assert not [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert _chart(slide) is not None


def test_signing_chart_has_the_real_values_per_unit_and_the_target_as_a_line(slides):
    chart = _chart(slides[1])
    bars, line = chart.plots[0], chart.plots[1]
    categories = list(bars.categories)  # sorted by value (issue 14 §4), units without the figure last
    assert sorted(categories) == ["Hương Khê", "Lâm Bình", "Lục Yên", "Tam Dương", "Thuận Bắc"]
    assert categories[-1] == "Lục Yên"
    per_unit = {name: sorted(v for series in bars.series for v in [list(series.values)[n]] if v is not None)
                for n, name in enumerate(categories)}
    assert per_unit == {"Hương Khê": [100.0], "Lâm Bình": [100.0], "Lục Yên": [], "Tam Dương": [99.86, 100.0],
                        "Thuận Bắc": [90.0]}  # Lục Yên reported none: no bar, no zero
    assert type(line).__name__ == "LinePlot"
    assert [s.name for s in line.series] == ["Mục tiêu quốc gia 2025: 100%"]
    assert list(line.series[0].values) == [100.0] * 5


def test_bars_keep_unit_colours_and_value_and_period_labels(con, slides):
    plot = _chart(slides[1]).plots[0]
    series = next(s for s in plot.series if s.name == "Tỷ lệ văn bản điện tử được ký số")
    categories = list(plot.categories)  # sorted by value: find each unit's point by its name
    lam_binh = series.points[categories.index("Lâm Bình")]
    # Lâm Bình's colour on every chart: its place in the build's unit list, whichever units are drawn beside it
    colors = district_colors(list(queries.run(con, "districts")["district_id"]), together=ALL)
    assert colors["lam-binh"] == district_colors(list(queries.run(con, "districts")["district_id"]))["lam-binh"]
    assert str(lam_binh.format.fill.fore_color.rgb) == colors["lam-binh"].lstrip("#").upper()
    drawn = {name: {str(s.points[n].format.fill.fore_color.rgb) for s in plot.series if list(s.values)[n] is not None}
             for n, name in enumerate(categories)}
    drawn = {name: c.pop() for name, c in drawn.items() if len(c) == 1}
    assert len(drawn) == 4 and len(set(drawn.values())) == 4, drawn  # the units drawn together are told apart
    # value, then its period; Lâm Bình's report is undated (15103ba): "~2023" on the bar (written upright, 20 bars
    # side by side), the words in the slide's footnote and in the speaker notes
    assert lam_binh.data_label.text_frame.text == "100% · ~2023"
    rich = lam_binh.data_label._dLbl.find(qn("c:tx")).find(qn("c:rich"))
    assert rich.find(qn("a:bodyPr")).get("rot") == "-5400000"
    footer = " ".join(shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame)
    assert "~2023: nguồn không ghi ngày" in footer
    notes = slides[1].notes_slide.notes_text_frame.text.split("\n")
    assert any(line.startswith("• Lâm Bình") and "100%" in line and "không ghi ngày, khoảng 2023" in line
               for line in notes)
    # Thuận Bắc's "trên 90%" (fully electronic and signed, its own series since 301e6e8) keeps its qualifier
    thuan_bac = [s.points[categories.index("Thuận Bắc")].data_label.text_frame.text for s in plot.series]
    assert any(label.startswith("trên 90% · ") for label in thuan_bac)


def test_dossier_counts_are_native_values_with_vietnamese_labels(slides):
    bars = _chart(slides[2]).plots[0]
    values = sorted(v for series in bars.series for v in series.values if v is not None)
    assert values == [1973.0, 25250.0]
    labels = [p.data_label.text_frame.text for s in bars.series for p in s.points if p.data_label.has_text_frame]
    assert "25.250\nNăm 2022" in labels and "1.973\nNăm 2022" in labels  # two bars: wide enough for two lines


def test_chart_title_is_written_once_as_the_slide_title(slides):
    slide = slides[1]
    assert slide.shapes.title.text == "Tỷ lệ văn bản điện tử được ký số"
    chart = _chart(slide)
    assert not chart.has_title
    # Without autoTitleDeleted PowerPoint draws a lone series' name as a second title.
    assert chart._chartSpace.chart.find(qn("c:autoTitleDeleted")).get("val") == "1"
    headings = [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
                if p.text == "Tỷ lệ văn bản điện tử được ký số"]
    assert len(headings) == 1


def test_a_lone_series_is_not_repeated_in_the_legend_only_the_target_is(con):
    slides = list(Presentation(io.BytesIO(build_pptx(con, Deck(("community_teams.communes_covered_rate",), ALL)))).slides)
    chart = _chart(slides[1])
    assert len(chart.plots[0].series) == 1
    entries = chart._chartSpace.chart.find(qn("c:legend")).findall(qn("c:legendEntry"))
    assert [(e.find(qn("c:idx")).get("val"), e.find(qn("c:delete")).get("val")) for e in entries] == [("0", "1")]


def test_speaker_notes_carry_every_figures_quote_and_source(con, slides):
    notes = slides[2].notes_slide.notes_text_frame.text
    assert "Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ" in notes
    assert "Lâm Bình: hội nghị Ban Chỉ đạo chuyển đổi số" in notes
    signing = slides[1].notes_slide.notes_text_frame.text
    observations = queries.run(con, "observations_for_districts", districts=list(ALL), theme="signing",
                               indicators=None)
    for value in ([100.0, 90.0, 99.86]):
        quote = observations[observations["value"] == value]["quote"].iloc[0]
        assert quote in signing


def test_scorecard_slide_is_a_coloured_table_with_values_and_periods(slides):
    slide = slides[3]
    assert slide.shapes.title.text == "Bảng điểm các chỉ tiêu chính"
    table = next(shape for shape in slide.shapes if shape.has_table).table
    header = [table.cell(0, c).text for c in range(1, 6)]
    assert header == ["Hương Khê", "Lâm Bình", "Lục Yên", "Tam Dương", "Thuận Bắc"]
    cells = [table.cell(r, c).text for r in range(1, len(table.rows)) for c in range(1, 6)]
    assert "7,81%\nNăm 2022" in cells and "không có số liệu" in cells
    assert "Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ" in slide.notes_slide.notes_text_frame.text


def test_unit_profile_slide_lists_the_units_figures_with_period_and_source(slides):
    slide = slides[4]
    assert slide.shapes.title.text.startswith("Hồ sơ Lâm Bình")
    table = next(shape for shape in slide.shapes if shape.has_table).table
    rows = [[table.cell(r, c).text for c in range(5)] for r in range(len(table.rows))]
    assert ["Tỷ lệ hồ sơ nộp trực tuyến", "7,81%", "Năm 2022"] in [row[:3] for row in rows]
    assert {row[4] for row in rows[1:]} == {"[1]"}  # one document, numbered once
    assert "hội nghị Ban Chỉ đạo" in _texts(slide)
    assert "Số hồ sơ tiếp nhận và giải quyết trực tuyến là 1.973 hồ sơ" in slide.notes_slide.notes_text_frame.text


def test_pack_builds_without_any_browser(con, monkeypatch):
    """PowerPoint charts are native: the pack must not touch kaleido (a server without chromium still gets it)."""
    import exports.images

    def refuse(*args, **kwargs):
        raise AssertionError("the PPTX pack rendered a picture")

    monkeypatch.setattr(exports.images, "_ensure_kaleido", refuse)
    slides = list(Presentation(io.BytesIO(build_pptx(con, Deck(("signing.signing_rate",), ALL)))).slides)
    assert len(slides) == 3
