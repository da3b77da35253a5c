"""Native, editable PowerPoint charts and tables from the deck's ChartSpecs: a presenter restyles them in
PowerPoint, and the pack needs no browser on the server.

A compare chart's figure already holds everything a slide needs: one bar trace per series with its values, the
units' colours, the value-and-period labels and, in customdata, the observation id of every bar (which gives the
quote and the source for the speaker notes); the target is a dashed line with its legend entry. Texts in the
figure are escaped for plotly; here they are turned back into the plain text PowerPoint holds."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.oxml.ns import qn
from pptx.util import Pt

from charts.colors import MISSING_COLOR, TARGET_COLOR
from charts.labels import (
    group_title,
    unit_labels,
    indicator_name,
    level_label,
    period_text,
    provenance_text,
    source_text,
    value_text,
)
from charts.scorecard import STATUS, STATUS_COLORS, with_status
from charts.spec import ChartSpec
from i18n import pick, t

from .pack_text import short_undated
from .slide_layout import axis_share

PATTERNS = (None, MSO_PATTERN.WIDE_UPWARD_DIAGONAL, MSO_PATTERN.SMALL_CHECKER_BOARD, MSO_PATTERN.PERCENT_50,
            MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL, MSO_PATTERN.SMALL_GRID, MSO_PATTERN.DASHED_HORIZONTAL)
_TAG = re.compile(r"<[^>]+>")
LABEL_EM = 0.55  # average glyph width (em) of a data label, digits and Vietnamese letters, rounded up
LABEL_FLOOR_PT = 10  # a bar's label is made no smaller to stay read across
MAX_LABEL_SHARE = 0.8  # of the plot's height above the largest bar a label may take (the value axis rises for it)


def plain(text: object) -> str:
    """A plotly text (escaped, with <b>/<br>/<i> of our own) as plain text: line breaks kept, tags dropped."""
    return html.unescape(_TAG.sub("", str(text or "").replace("<br>", "\n"))).strip()


@dataclass
class Series:
    name: str
    values: list[float | None]
    colors: list[str | None]
    labels: list[str | None]
    observation_ids: list[str | None]


# A percentage axis names its ticks up to 100% only: above it the axis is the labels' room (the native chart has no
# room above its axis, as the plotly one has), and "120%", "140%"… there read as values above 100%.
PERCENT_TICKS = '[<=100]0"%";[>100]""'


@dataclass
class NativeChart:
    categories: list[str]
    series: list[Series]
    percent: bool
    targets: list[tuple[float, str]] = field(default_factory=list)
    # the value axis' top a chart spread over several slides keeps on each (charts.compare.slide_parts)
    axis_top: float | None = None


def native_chart(spec: ChartSpec) -> NativeChart | None:
    """The bar chart in `spec` as categories (units, in the chart's order) and series; None when the figure holds
    no bars (e.g. a table)."""
    figure = spec.figure
    bar_traces = [trace for trace in figure.data if trace.type == "bar" and trace.customdata is not None]
    if not bar_traces:
        return None
    several = figure.layout.xaxis.type == "multicategory"

    def names(trace) -> list[str]:
        xs = list(trace.x) if trace.x is not None else []
        return [plain(x) for x in (list(xs[0]) if several else xs)]

    if several:
        order_trace = next(trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers")
        # each place's unit: its text (a unit with no bar has an unnamed place on the axis), else its group label
        categories = list(dict.fromkeys(plain(x) for x in (order_trace.text or order_trace.x[0])))
    else:
        categories = [plain(x) for x in (figure.layout.xaxis.categoryarray or ())]
        for trace in bar_traces:
            categories += [name for name in names(trace) if name not in categories]
    series = []
    for trace in bar_traces:
        by_name = {}
        colors = trace.marker.color
        if not isinstance(colors, (list, tuple)):
            colors = [colors] * len(trace.y)
        for name, value, color, text, custom in zip(names(trace), trace.y, colors, trace.text, trace.customdata):
            by_name[name] = (value, color, plain(text), custom[0])
        series.append(Series(
            name=plain(trace.name), values=[by_name.get(c, (None,))[0] for c in categories],
            colors=[by_name[c][1] if c in by_name else None for c in categories],
            labels=[by_name[c][2] if c in by_name else None for c in categories],
            observation_ids=[by_name[c][3] if c in by_name else None for c in categories]))
    line_names = [plain(trace.name) for trace in figure.data if trace.type == "scatter" and trace.mode == "lines"]
    target_values = [shape.y0 for shape in figure.layout.shapes or () if shape.type == "line" and shape.y0 == shape.y1]
    targets = list(zip(target_values, line_names))
    meta = figure.layout.meta
    shared = isinstance(meta, dict) and meta.get("shared_axis") and figure.layout.yaxis.range is not None
    # a parted percentage chart's axis ends at 112% under room for the labels (its domain): the native chart, with
    # no such room, keeps the same height of bars and labels on an axis as much higher
    axis = figure.layout.yaxis  # a percentage axis: "%" after its ticks, or its ticks fixed at 0%…100%
    percent = axis.ticksuffix == "%" or any(str(name).endswith("%") for name in axis.ticktext or ())
    return NativeChart(categories, series, percent=percent, targets=targets,
                       axis_top=float(figure.layout.yaxis.range[1]) / axis_share(figure) if shared else None)


def _label_room(data: NativeChart) -> float:
    """The share of the plot above the largest bar its label may take: MAX_LABEL_SHARE (the value axis rises for
    it), or what the shared axis' top leaves there."""
    values = [v for series in data.series for v in series.values if v is not None]
    if data.axis_top and values:
        return max(0.0, 1 - max(values) / data.axis_top)
    return MAX_LABEL_SHARE


def periods_fit(data: NativeChart, width: int, height: int, label_size: int) -> bool:
    """Whether add_bar_chart's labels can say each bar's period as well as its value on a chart of this size."""
    return not _label_layout(data, width, height, label_size, _label_room(data))[4]


def shorten_labels(data: NativeChart, lang: str) -> bool:
    """Bar labels with an undated period ("…(không ghi ngày, khoảng 2023)", 50 characters: it ran over the slide's
    title) say "~2023" instead; True when any did, so the slide says once what "~" means. The speaker notes and
    the source line keep the period in words."""
    changed = False
    for series in data.series:
        labels = []
        for label in series.labels:
            if label is None:
                labels.append(None)
                continue
            value, _, period = label.partition("\n")  # a period wrapped to its bar's width is one period
            short, did = short_undated(f"{value}\n{' '.join(period.split())}" if period else value, lang)
            changed = changed or did
            labels.append(short if did else label)
        series.labels = labels
    return changed


def _label_parts(label: str) -> tuple[str, str]:
    """(value, period) of a bar's label, however the chart's builder wrote it: wrapped on lines or upright."""
    if "\n" not in label and " · " in label:
        value, period = label.split(" · ", 1)
    else:
        value, _, period = label.partition("\n")
    return value, " ".join(period.split())  # a period wrapped to its bar's width is one period


def _label_layout(data: NativeChart, width: int, height: int, size: int, room: float = MAX_LABEL_SHARE
                  ) -> tuple[list[list[str | None]], bool, int, float, bool]:
    """Each bar's label fitted to its bar's width and to `room` (the share of the plot's height above the largest
    bar a label may take): value and period on lines as wide as the bar (the qualifier over its number, a period
    cut at spaces only), at the largest size from `size` down to LABEL_FLOOR_PT; else written upright in one
    line; else, where even that is taller than the room (twenty units of two definitions), the value alone and
    the slide says where the periods are. (labels per series, upright, font size, the share of the plot's height
    the tallest label needs above its bar, values only)."""
    bars = max(1, len(data.categories) * len(data.series))
    bar_pt = width / Pt(1) * 0.85 / bars  # a clustered column's slot: the chart's width (less its axis) per bar
    plot_pt = height / Pt(1) * 0.7  # less the axis' names and the legend
    parts = [[_label_parts(label) if label else None for label in series.labels] for series in data.series]

    def lines(value: str, period: str, per_line: int) -> list[str]:
        value_lines = [value] if len(value) <= per_line or " " not in value else value.rsplit(" ", 1)
        # the dash of "Tháng 7/2025 – 2/2026" stays at the end of its line, never on a line of its own
        return value_lines + [line.replace("\u00a0", " ") for line in textwrap.wrap(
            period.replace(" – ", "\u00a0– "), per_line, break_long_words=False, break_on_hyphens=False)]

    for font in range(size, min(size, LABEL_FLOOR_PT) - 1, -1):
        per_line = int(bar_pt / (font * LABEL_EM))
        wrapped = [[None if part is None else lines(*part, per_line) for part in series] for series in parts]
        every = [label for series in wrapped for label in series if label]
        if per_line < 4 or any(len(line) > per_line for label in every for line in label):
            continue
        share = max((len(label) for label in every), default=0) * font * 1.2 / plot_pt
        if share <= room:
            return [[None if label is None else "\n".join(label) for label in series] for series in wrapped], \
                False, font, share, False
    upright = max(8, min(size, int(bar_pt / 1.25)))  # upright: a line as thick as the bar is wide
    one_line = [[None if part is None else " · ".join(p for p in part if p) for part in series] for series in parts]
    longest = max((len(text) for series in one_line for text in series if text), default=0)
    for font in range(upright, min(upright, LABEL_FLOOR_PT) - 1, -1):  # as large as fits the room
        share = (longest * font * LABEL_EM + 6) / plot_pt
        if share <= room:
            return one_line, True, font, share, False
    values = [[None if part is None else part[0] for part in series] for series in parts]
    longest = max((len(text) for series in values for text in series if text), default=0)
    across = longest * upright * LABEL_EM <= bar_pt
    share = (upright * 1.2 if across else longest * upright * LABEL_EM + 6) / plot_pt
    return values, not across, upright, share, True


def _rgb(color: str | None) -> RGBColor:
    return RGBColor.from_string((color or MISSING_COLOR).lstrip("#").upper())


def _as_line_series(chart, names: set[str]) -> None:
    """Move the named series of the bar chart into a line chart on the same axes: a dashed red target line that
    stays in the chart's own data sheet, so editing the data in PowerPoint keeps it."""
    plot_area = chart._chartSpace.chart.plotArea
    bar_chart = plot_area.find(qn("c:barChart"))
    moved = [ser for ser in bar_chart.findall(qn("c:ser"))
             if "".join(value.text or "" for value in ser.find(qn("c:tx")).iter(qn("c:v"))) in names]
    if not moved:
        return
    line_chart = etree.Element(qn("c:lineChart"))
    bar_chart.addnext(line_chart)
    etree.SubElement(line_chart, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line_chart, qn("c:varyColors")).set("val", "0")
    for ser in moved:
        bar_chart.remove(ser)
        for tag in ("c:invertIfNegative", "c:spPr", "c:dLbls", "c:shape"):
            for child in ser.findall(qn(tag)):
                ser.remove(child)
        properties = etree.fromstring(
            '<c:spPr xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ln w="28575" cap="rnd">'
            f'<a:solidFill><a:srgbClr val="{TARGET_COLOR.lstrip("#")}"/></a:solidFill><a:prstDash val="dash"/>'
            '</a:ln></c:spPr>')
        ser.find(qn("c:tx")).addnext(properties)
        marker = etree.Element(qn("c:marker"))
        etree.SubElement(marker, qn("c:symbol")).set("val", "none")
        properties.addnext(marker)
        etree.SubElement(ser, qn("c:smooth")).set("val", "0")
        line_chart.append(ser)
    etree.SubElement(line_chart, qn("c:marker")).set("val", "1")
    for axis in bar_chart.findall(qn("c:axId")):
        etree.SubElement(line_chart, qn("c:axId")).set("val", axis.get("val"))


def add_bar_chart(slide, data: NativeChart, left, top, width, height, label_size: int = 12):
    """A clustered column chart: each bar in its unit's colour (series after the first patterned, as on screen),
    each labelled with its value and period, targets as dashed line series."""
    chart_data = CategoryChartData()
    chart_data.categories = data.categories
    for series in data.series:
        chart_data.add_series(series.name, series.values)
    for value, name in data.targets:
        chart_data.add_series(name, [value] * len(data.categories))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, left, top, width, height, chart_data)
    chart = frame.chart
    chart.font.size = Pt(label_size)
    plot = chart.plots[0]
    plot.gap_width = 60
    labels, upright, label_size, label_share, _values_only = _label_layout(data, width, height, label_size,
                                                                           _label_room(data))
    for number, (series, drawn, texts) in enumerate(zip(data.series, plot.series, labels)):
        pattern = PATTERNS[number % len(PATTERNS)]
        for index, (value, color, label) in enumerate(zip(series.values, series.colors, texts)):
            if value is None:
                continue
            point = drawn.points[index]
            if pattern is None:
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = _rgb(color)
            else:
                point.format.fill.patterned()
                point.format.fill.pattern = pattern
                point.format.fill.fore_color.rgb = _rgb(color)
                point.format.fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                point.format.line.color.rgb = _rgb(color)
            point.data_label.text_frame.text = label or ""
            point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
            point.data_label.font.size = Pt(label_size)
            if upright:  # the label's own text (c:tx/c:rich) turned a quarter, read from the bottom up
                point.data_label._dLbl.find(qn("c:tx")).find(qn("c:rich")).find(qn("a:bodyPr")).set("rot", "-5400000")
    _as_line_series(chart, {name for _, name in data.targets})
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor(0xE4, 0xE4, 0xE4)
    # The value axis goes high enough for the tallest bar's label to stand inside the chart, under the title.
    values = [v for series in data.series for v in series.values if v is not None]
    room = 1 / (1 - min(max(label_share, 0.2), MAX_LABEL_SHARE))
    if data.axis_top:  # one of a chart's slides: the axis every one of them keeps
        axis.minimum_scale, axis.maximum_scale = 0, data.axis_top
        if data.percent:
            axis.major_unit = 20
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = (
            PERCENT_TICKS if data.percent else "#,##0"), False
    elif data.percent:
        axis.minimum_scale, axis.major_unit = 0, 20
        axis.maximum_scale = max(115, round(max(values + [0]) * room))
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = PERCENT_TICKS, False
    else:
        top_value = max(values + [v for v, _ in data.targets] + [0])
        axis.minimum_scale = 0
        if top_value > 0:
            axis.maximum_scale = max(top_value * 1.25, max(values + [0]) * room)
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "#,##0", False
    chart.has_title = False  # the slide's title says it; PowerPoint would otherwise repeat a lone series' name
    chart.has_legend = len(data.series) > 1 or bool(data.targets)
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        if len(data.series) == 1:  # the lone bar series is named like the chart: only the target is explained
            _hide_legend_entry(chart, 0)
    return frame


def _hide_legend_entry(chart, index: int) -> None:
    legend = chart._chartSpace.chart.find(qn("c:legend"))
    entry = etree.Element(qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", str(index))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    legend.find(qn("c:legendPos")).addnext(entry)


def figure_notes(data: NativeChart, observations: Mapping[str, Mapping], lang: str) -> list[str]:
    """One line per bar: unit, value, period, level, the verbatim quote and the document."""
    lines = []
    for series in data.series:
        for category, label, observation_id in zip(data.categories, series.labels, series.observation_ids):
            row = observations.get(observation_id) if observation_id else None
            if row is None:
                continue
            what = f" · {series.name}" if len(data.series) > 1 else ""
            value, _, period = (label or value_text(row, lang)).partition("\n")  # the period wrapped on screen
            shown = f"{value} · {' '.join(period.split())}" if period else value
            lines.append(f"• {category}{what}: {shown} ({level_label(row, lang)}) — "
                         f"{provenance_text(row, lang)} — {t('common.source', lang)}: {source_text(row, lang)}")
    return lines


def _cell_text(cell, text: str, size: int, bold_first: bool = False, color: RGBColor | None = None) -> None:
    frame = cell.text_frame
    frame.word_wrap = True
    for number, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold_first and number == 0
        if color is not None:
            paragraph.font.color.rgb = color
    cell.margin_left = cell.margin_right = Pt(4)
    cell.margin_top = cell.margin_bottom = Pt(1)


def add_scorecard_table(slide, cells: pd.DataFrame, lang: str, left, top, width, height,
                        units: tuple[str, ...] = ()) -> list[str]:
    """The scorecard as a native table (rows × units, cells coloured by status, value and period in each);
    returns the speaker-note lines (each figure's quote and document). `units`: the columns of this slide when the
    deck's units take several (charts.scorecard.scorecard_parts); a cell is still judged against every unit of the
    deck, and every slide has the same rows: the headlines some unit of the deck reports (the others are named in
    the footer, as under the screen's grid)."""
    cells = with_status(cells)
    reported = set(cells.loc[cells["value"].notna(), "row_key"])
    if reported:
        cells = cells[cells["row_key"].isin(reported)]
    rows = list(dict.fromkeys(cells["row_key"]))
    titles = {}  # from every unit of the deck, so the parts of a split scorecard name their rows alike
    for key in rows:
        first = cells[(cells["row_key"] == key) & cells["indicator_id"].notna()]
        if len(first):
            titles[key] = group_title(key, first.iloc[0], lang)
        else:  # no chosen unit reports it: the catalogue's name, never the key
            row = cells[cells["row_key"] == key].iloc[0]
            titles[key] = pick(lang, row["row_name_vi"], row["row_name_en"]) or key
    if units:
        cells = cells[cells["district_id"].isin(units)]
    labels = unit_labels(cells.to_dict("records"), lang)  # columns keyed by unit id: two units of one name stay two
    units = tuple(labels)
    shape = slide.shapes.add_table(len(rows) + 1, len(units) + 1, left, top, width, height)
    table = shape.table
    table.first_row = True
    table.columns[0].width = int(width * 0.3)
    for column in range(1, len(units) + 1):
        table.columns[column].width = int(width * 0.7 / len(units))
    # Each cell says its value and period ("~2023" for an undated one); the font is the largest at which every row,
    # wrapped to its column, still fits the height the slide gives the table (PowerPoint grows rows to their text).
    cell_texts = {(record["row_key"], record["district_id"]): f"{value_text(record, lang)}\n"
                  f"{short_undated(period_text(record, lang), lang)[0]}"
                  for record in cells.to_dict("records") if isinstance(record["status"], str)}
    size = next((size for size in (10, 9, 8, 7) if _table_height(
        rows, labels, titles, cell_texts, t("common.no_data", lang), width, size) <= height), 7)
    _cell_text(table.cell(0, 0), "", size)
    for column, unit in enumerate(units, start=1):
        _cell_text(table.cell(0, column), labels[unit], size + 1, bold_first=True)
    notes = []
    for record in cells.to_dict("records"):
        r, c = rows.index(record["row_key"]) + 1, units.index(record["district_id"]) + 1
        cell = table.cell(r, c)
        cell.fill.solid()
        if not isinstance(record["status"], str):
            cell.fill.fore_color.rgb = RGBColor(0xF2, 0xF2, 0xF2)
            _cell_text(cell, t("common.no_data", lang), size - 1, color=RGBColor(0x75, 0x75, 0x75))
            continue
        cell.fill.fore_color.rgb = _rgb(STATUS_COLORS[STATUS[record["status"]]])
        shown = value_text(record, lang)
        period = period_text(record, lang)
        _cell_text(cell, cell_texts[(record["row_key"], record["district_id"])], size, bold_first=True,
                   color=RGBColor(0x22, 0x22, 0x22))
        notes.append(f"• {labels[record['district_id']]} · {indicator_name(record, lang)}: {shown} ({period}) — "
                     f"{provenance_text(record, lang)} — {t('common.source', lang)}: {source_text(record, lang)}")
    for key in rows:
        _cell_text(table.cell(rows.index(key) + 1, 0), titles[key], size)
        table.rows[rows.index(key) + 1].height = int(height / (len(rows) + 1))
    table.rows[0].height = int(height / (len(rows) + 1))
    return notes


def _table_height(rows: list[str], units: dict[str, str], titles: dict, texts: dict, empty: str, width: int,
                  size: int) -> int:
    """The scorecard table's height (EMU) at `size` points: each row as tall as its most wrapped cell. `units`:
    unit id → the label heading its column."""
    def lines(text: str, column_pt: float) -> int:
        per_line = max(4, int((column_pt - 8) / (size * LABEL_EM)))
        return sum(max(1, len(textwrap.wrap(part, per_line))) for part in text.split("\n"))

    unit_pt, label_pt = width / Pt(1) * 0.7 / max(len(units), 1), width / Pt(1) * 0.3
    header = max((lines(name, unit_pt) for name in units.values()), default=1)
    body = sum(max([lines(titles[key], label_pt)] + [lines(texts.get((key, unit), empty), unit_pt) for unit in units])
               for key in rows)
    return int(Pt((header + body) * size * 1.2 + (len(rows) + 1) * 2))


def add_text_table(slide, header: list[str], body: list[list[str]], widths: list[float], left, top, width, height,
                   size: int = 12) -> None:
    """A plain table (the unit profile): header row, then one row per figure."""
    table = slide.shapes.add_table(len(body) + 1, len(header), left, top, width, height).table
    for column, share in enumerate(widths):
        table.columns[column].width = int(width * share)
    for column, text in enumerate(header):
        _cell_text(table.cell(0, column), text, size, bold_first=True)
    for r, values in enumerate(body, start=1):
        for column, text in enumerate(values):
            _cell_text(table.cell(r, column), text, size)
