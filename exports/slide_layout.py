"""Bar labels fitted to the page or screen a chart is shown on, shared by the exported pictures and PDF pages
(exports/images.py) and show mode (ui/present_mode.py): the chart's builder places labels for a plot width it
assumes; on a narrower page or a laptop they can run into each other and, written upright, over the title.

Undated periods are shortened to "~2023" on the bars (the caller adds present.undated_note once; the source line
keeps the words); a label wider than its bar's slot is written upright; the value axis rises so the tallest label
stands inside the plot, under the title. Plain plotly figures in, changed in place; no browser, no streamlit."""

from __future__ import annotations

import copy
import html
import math
import re
import textwrap
from collections.abc import Iterator

import plotly.graph_objects as go

from charts.compare import CHAR_WIDTH, LINE_HEIGHT, PART_LABEL_SHARE, PERCENT_AXIS_TOP, part_axis
from charts.markup import plotly_text
from charts.style import MEDIA
from i18n import t

from .pack_text import short_undated_any

LABEL_CHAR_WIDTH = CHAR_WIDTH + 0.04  # a bold value in DejaVu Sans is wider than the average glyph
LABEL_FLOOR = 16  # px: a slide's bar label is made no smaller to stay read across (the screen charts' is 13)
# The show mode's page keeps Streamlit's side padding (5rem each side): a 1366 px screen gives the chart 1206 px.
SHOW_SIDES_PX = 160
# Of a bar's slot a label's line may fill across: the estimate runs 5% short on wide letters ("Năm 2024" at 19 px
# is 99 px, estimated 94), and neighbours' labels need a gap.
SLOT_FILL = 0.88
BOLD_WIDTH = 1.2  # a bold value's digits and "%" run wider still than the estimate ("100%" at 18 px: 55 px)
UPRIGHT_PAD_PX = 10  # between a bar and its upright label
MAX_LABEL_SHARE = 0.85  # of the plot's height above a bar a label may take (beyond it the bars would be slivers)
PART_LABEL_SHARE_MIN = 0.15  # of the plot above a parted chart's largest bar: the least its label is given
PART_LABEL_SPARE_PX = 30  # above the tallest label of a parted chart: about a line, for the gap under the title
WRAP_MIN = 8  # characters: a period is not wrapped narrower than this (the chart builder's rule)
_TAG = re.compile(r"<[^>]+>")


def periods_of(source_note: str) -> dict[str, str]:
    """The periods a chart's source line names ("… · Kỳ: Năm 2022; Giai đoạn 2021–2023"), as plotly text, keyed by
    their letters without spaces: a period the builder wrapped to a bar's width (even inside a word, "202" /
    "1–2023") is joined back into its own words, not guessed."""
    for lang in ("vi", "en"):
        marker = f" · {t('common.period', lang)}: "
        if marker in source_note:
            periods = source_note.rsplit(marker, 1)[1].split("; ")
            return {"".join(plotly_text(p).split()): plotly_text(p) for p in periods}
    return {}


def joined_period(lines: list[str], periods: dict[str, str]) -> str:
    return periods.get("".join("".join(lines).split()), " ".join(" ".join(lines).split()))


def fit_bar_labels(figure: go.Figure, plot_width: float, periods: dict[str, str],
                   values_only: bool = False) -> tuple[float, str | None]:
    """Fit the bars' labels (in place): undated periods shortened to "~2023"; where a label's line is wider than its
    bar's slot on this page, first a smaller font (down to LABEL_FLOOR px), then every label written upright (as the
    chart's builder does when even a value is too wide), value and period on two lines side by side where the slot
    is wide enough. `values_only`: the bars say their values only (fit_label_room: a label with its period would
    not fit under the title). Returns the height in px the tallest label needs above its bar, and the language of
    the labels that were shortened (None: none were)."""
    shortened = None
    slot_px = plot_width / max(len(_slots(figure)), 1)
    bars = [trace for trace in figure.data
            if trace.type == "bar" and trace.text is not None and trace.textposition in ("outside", "auto")]
    parts: dict[int, list[tuple[str, str]]] = {}
    for trace in bars:
        for text in (trace.text if isinstance(trace.text, (list, tuple)) else [trace.text]):
            value, *period = str(text).replace(" · ", "<br>", 1).split("<br>")  # one period, however wrapped
            while period and value.endswith("</b>") and period[0].startswith("<b>"):  # a value fitted on two lines
                value = f"{value[:-4]} {period.pop(0)[3:]}"
            short, lang = short_undated_any(joined_period(period, periods)) if not values_only else ("", None)
            shortened = shortened or lang
            parts.setdefault(id(trace), []).append((value, short))
    size = MEDIA["slide"].label_size
    sizes = {id(trace): (trace.textfont.size if trace.textfont and trace.textfont.size else size) for trace in bars}

    def too_wide(smaller: int) -> bool:  # a line (a value, or a period wrapped no narrower than WRAP_MIN characters)
        return any(_plain_px(line, sizes[id(trace)] - smaller) * (BOLD_WIDTH if bold else 1) > slot_px * SLOT_FILL
                   for trace in bars for value, period in parts.get(id(trace), [])
                   for bold, lines in ((True, _value_lines(value, WRAP_MIN)), (False, _wrap(period, WRAP_MIN)))
                   for line in lines)

    # Upright when the builder wrote them so, or when a line is wider than its bar's slot on this page even at
    # LABEL_FLOOR px: neighbours' labels would run together. Read across, a label a few px smaller beats one
    # written upright, which needs its whole length above the bar.
    upright = any(trace.textangle in (-90, 90, 270) for trace in bars)
    smaller = 0
    if not upright:
        most = max(0, min(sizes.values(), default=LABEL_FLOOR) - LABEL_FLOOR)
        smaller = next((n for n in range(most + 1) if not too_wide(n)), None)
        upright, smaller = smaller is None, smaller or 0
    for trace in bars:
        sizes[id(trace)] -= smaller
        if smaller:
            trace.textfont.size = sizes[id(trace)]
    _smallest_text(figure, min(sizes.values(), default=size))
    label_px = 0.0
    for trace in bars:
        pairs, font = parts.get(id(trace), []), sizes[id(trace)]
        if upright:
            two_lines = slot_px >= 2 * font * LINE_HEIGHT + 8
            trace.text = [f"{value}<br>{period}" if period and two_lines else
                          f"{value} · {period}" if period else value for value, period in pairs]
            trace.textangle = -90
            lines = [line for text in trace.text for line in text.split("<br>")]
            label_px = max(label_px, max((_plain_px(line, font) for line in lines), default=0) + UPRIGHT_PAD_PX)
        else:
            per_line = max(WRAP_MIN, int(slot_px * SLOT_FILL / (font * LABEL_CHAR_WIDTH)))
            trace.text = ["<br>".join([*_value_lines(value, per_line), *_wrap(period, per_line)])
                          for value, period in pairs]
            rows = max((text.count("<br>") + 1 for text in trace.text), default=0)
            label_px = max(label_px, rows * font * LINE_HEIGHT + 6)
    axis = figure.layout.xaxis
    if axis.ticktext:  # periods under the units' names on the axis (one bar per unit)
        names = []
        upright_names = axis.tickangle in (-90, 90, 270)
        for text in axis.ticktext:
            name, *period = str(text).split("<br>")
            short, lang = short_undated_any(joined_period(period, periods)) if period else ("", None)
            shortened = shortened or lang
            # written upright, each line of a name stands beside the last: a period goes on one line beside it
            names.append(f"{name}<br>{short}" if lang or (period and upright_names) else str(text))
        figure.update_layout(xaxis=dict(ticktext=names))
    return label_px, shortened


def _wrap(period: str, per_line: int) -> list[str]:
    """A period's lines: cut at spaces only, so a date ("17/9/2025") is never cut in two."""
    return textwrap.wrap(period, per_line, break_long_words=False, break_on_hyphens=False)


def _smallest_text(figure: go.Figure, size: float) -> None:
    """A slide's uniformtext minimum (18 px) would draw labels made smaller to fit at 18 px again."""
    minimum = figure.layout.uniformtext.minsize
    if minimum and minimum > size:
        figure.update_layout(uniformtext=dict(minsize=size))


def _value_lines(value: str, per_line: int) -> list[str]:
    """A bar's value on one line, or, wider than `per_line` characters, its qualifier above its number ("gần" over
    "14.000"): the number itself is never cut."""
    plain = html.unescape(_TAG.sub("", value))
    if len(plain) <= per_line or " " not in plain:
        return [value]
    words = plain.split(" ")
    lines = [" ".join(words[:-1]), words[-1]]
    return [f"<b>{plotly_text(line)}</b>" if value.startswith("<b>") else plotly_text(line) for line in lines]


def fit_no_data_marks(figure: go.Figure, plot_width: float) -> None:
    """Where "không có số liệu" is wider than a unit's slot on this page (a square picture), the chart's builder's
    own short form: "—" over the slot and the legend entry that says what "—" means."""
    slot_px = plot_width / max(len(_slots(figure)), 1)
    for lang in ("vi", "en"):
        words = t("common.no_data", lang)
        for trace in figure.data:
            if trace.type != "scatter" or not isinstance(trace.text, (list, tuple)):
                continue
            texts = list(trace.text)
            size = trace.textfont.size if trace.textfont and trace.textfont.size else MEDIA["slide"].label_size
            if texts and all(text == words for text in texts) and _plain_px(words, size) * 0.8 > slot_px:
                trace.text = ["—"] * len(texts)
                trace.name, trace.showlegend = t("comparable.no_data_mark", lang), True


def upright_names_px(figure: go.Figure) -> float:
    axis = figure.layout.xaxis
    if axis.tickangle not in (-90, 90, 270):
        return 0.0
    size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else MEDIA["slide"].label_size)
    names = list(axis.ticktext or axis.categoryarray or ())
    return max((_plain_px(line, size) for name in names for line in str(name).split("<br>")), default=0.0) + 14


def _axis_names(figure: go.Figure) -> list[str]:
    """The units' names under a two-row axis, one per bar or mark (the builder's first trace fixes the order)."""
    if figure.layout.xaxis.type != "multicategory":
        return []
    order = next((trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers"), None)
    return [str(name) for name in order.x[0]] if order is not None and order.x is not None and len(order.x) == 2 \
        else []


def _name_lines_fit(names: list[str], slot_px: float, size: float) -> bool:
    return all(_plain_px(line, size) <= names.count(name) * slot_px - 6
               for name in set(names) for line in name.split("<br>"))


def fit_axis_names(figure: go.Figure, plot_width: float) -> None:
    """A two-row axis' names kept level (plotly tilts them about 30° when one is wider than its unit's bars, and
    tilted they hang 100 px low, taken from the bars' height): a smaller font, down to LABEL_FLOOR px, then a name
    on two lines, in place. A name still too wide is left to plotly's tilt (two_row_axis_px makes room for it)."""
    names = _axis_names(figure)
    if not names:
        return
    axis = figure.layout.xaxis
    size = axis.tickfont.size if axis.tickfont and axis.tickfont.size else MEDIA["slide"].label_size
    slot_px = plot_width / len(names)
    for font in range(int(size), LABEL_FLOOR - 1, -1):
        if _name_lines_fit(names, slot_px, font):
            figure.update_layout(xaxis=dict(tickfont=dict(size=font), tickangle=0))
            return
    two_lines = {name: _two_lines(name) for name in set(names)}
    if not _name_lines_fit([two_lines[name] for name in names], slot_px, LABEL_FLOOR):
        return
    figure.update_layout(xaxis=dict(tickfont=dict(size=LABEL_FLOOR), tickangle=0))
    for trace in figure.data:  # every trace on the axis names its unit the same way
        if trace.x is not None and len(trace.x) == 2 and isinstance(trace.x[0], (list, tuple)):
            trace.x = [[two_lines.get(name, name) if isinstance(name, str) else name for name in trace.x[0]],
                       list(trace.x[1])]


def _two_lines(name: str) -> str:
    """A name cut at the space nearest its middle ("Khánh<br>Bình"); a one-word name stays whole."""
    words = name.split(" ")
    if len(words) < 2:
        return name
    cut = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - len(" ".join(words[n:]))))
    return f"{' '.join(words[:cut])}<br>{' '.join(words[cut:])}"


def two_row_axis_px(figure: go.Figure, plot_width: float, size: float) -> float:
    """The height of a two-row axis (series' numbers over the units' names) at this width: names on one or two
    lines, or, where plotly tilts them (about 30°: one is wider than its unit's bars even as fit_axis_names left
    it), as low as the widest hangs: lower than the builder, which laid the axis out for a wider slide, allowed."""
    names = _axis_names(figure)
    if not names:
        return 0.0
    axis = figure.layout.xaxis
    size = axis.tickfont.size if axis.tickfont and axis.tickfont.size else size
    slot_px = plot_width / len(names)
    lines = max(name.count("<br>") + 1 for name in names)
    rows = (1 + lines) * size * LINE_HEIGHT + 18
    if _name_lines_fit(names, slot_px, size):
        return rows
    return rows + max(_plain_px(name, size) for name in names) * 0.5


def _plain_px(text: str, size: float) -> float:
    return len(html.unescape(_TAG.sub("", text))) * size * LABEL_CHAR_WIDTH


def _slots(figure: go.Figure) -> set:
    """The places on the category axis (a unit, or a unit and series on a two-row axis)."""
    places = set()
    for trace in figure.data:
        if trace.type not in ("bar", "scatter") or trace.x is None or len(trace.x) == 0:
            continue
        xs = trace.x
        if figure.layout.xaxis.type == "multicategory" and len(xs) == 2 and isinstance(xs[0], (list, tuple)):
            places.update(place for place in zip(xs[0], xs[1]) if place[0] is not None)  # not a legend swatch
        else:
            places.update(x for x in xs if isinstance(x, str))
    return places


def _bar_values(figure: go.Figure) -> list[float]:
    return [v for trace in figure.data if trace.type == "bar" and trace.y is not None for v in trace.y if v is not None]


def _shared_axis(figure: go.Figure) -> bool:
    """A part of a chart spread over several slides: its value axis is every part's (charts.compare.slide_parts)."""
    meta = figure.layout.meta
    return isinstance(meta, dict) and bool(meta.get("shared_axis"))


def chart_lang(figure: go.Figure) -> str:
    """The language a slide's chart was built in (its builder says so in the layout's meta)."""
    meta = figure.layout.meta
    return meta.get("lang", "vi") if isinstance(meta, dict) else "vi"


def axis_share(figure: go.Figure) -> float:
    """The share of the plot's height the value axis takes (a parted percentage chart's ends at 112%, its labels'
    room above it: charts.compare.slide_parts)."""
    domain = figure.layout.yaxis.domain
    return float(domain[1]) if domain else 1.0


def label_room_px(figure: go.Figure, plot_px: float) -> float:
    """The height a label may take above its bar: MAX_LABEL_SHARE of the plot (make_room_for_labels raises the
    value axis that far), or, on a part of a chart whose axis the parts share, what its top (and the room above
    the axis) leaves above the largest bar."""
    values, axis_range = _bar_values(figure), figure.layout.yaxis.range
    if _shared_axis(figure) and values and axis_range is not None and axis_range[1] > 0:
        return plot_px * (1 - axis_share(figure) * max(values) / axis_range[1])
    return plot_px * MAX_LABEL_SHARE


def fit_label_room(figure: go.Figure, label_px: float, plot_px: float, plot_width: float,
                   periods: dict[str, str]) -> tuple[float, bool]:
    """Where the tallest label, even as fitted, is taller than the room above its bar (twenty units of two
    definitions on one slide: "18.400 · Tháng 7/2025 – 2/2026" upright in a plot 200 px tall ran over the title),
    the bars say their values only, and the caller adds charts.note_periods_in_notes: each unit's period is then in
    the chart's notes (the periods-differ note names every unit's; one shared period is the source line's).
    Returns the height the labels then need (the same when they fit) and whether they say values only."""
    room = label_room_px(figure, plot_px)
    if not label_px or trace_is_horizontal(figure) or label_px <= room:
        return label_px, False
    bars = [trace for trace in figure.data if trace.type == "bar" and trace.text is not None]
    if bars and all(trace.textangle in (-90, 90, 270) for trace in bars):  # upright: smaller, down to the floor
        font = max((trace.textfont.size or MEDIA["slide"].label_size) for trace in bars)
        smaller = math.floor(font * (room - UPRIGHT_PAD_PX) / max(label_px - UPRIGHT_PAD_PX, 1))
        if smaller >= LABEL_FLOOR:
            for trace in bars:
                trace.textfont.size = min(smaller, trace.textfont.size or font)
            _smallest_text(figure, smaller)
            return (label_px - UPRIGHT_PAD_PX) * smaller / font + UPRIGHT_PAD_PX, False
    return fit_bar_labels(figure, plot_width, periods, values_only=True)[0], True


def make_room_for_labels(figure: go.Figure, label_px: float, plot_px: float) -> None:
    """Raise the value axis' top so the tallest bar's label fits inside the plot, under the title, or, on a
    percentage axis, end the axis that far under the plot's top (a part of a chart keeps the axis every part
    shares: fit_label_room fits its labels under it)."""
    values = _bar_values(figure)
    axis_range = figure.layout.yaxis.range
    if not values or not label_px or axis_range is None or trace_is_horizontal(figure) or _shared_axis(figure):
        return
    share = min(label_px / plot_px, MAX_LABEL_SHARE)  # beyond it the label may reach the title gap: fit_label_room
    ticks, names = figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext
    axis_px = plot_px
    if ticks and names:  # a percentage axis (its ticks fixed, 0–100%) ends at 112% and the labels' room is above
        # it, outside the axis: raised to 190% with ticks stopping at 100%, the axis suggested values above 100%
        top = max(PERCENT_AXIS_TOP, max(values) * 1.05)  # a rate above 100% (it happens) stays on the axis
        axis_share = min(1.0, (1 - share) * top / max(values))
        axis_px = plot_px * axis_share
        figure.update_layout(yaxis=dict(range=[axis_range[0], top], domain=[0, axis_share]))
    else:
        top = max(axis_range[1], max(values) / (1 - share))
        figure.update_layout(yaxis=dict(range=[axis_range[0], top]))
    if ticks and names and len(ticks) > 2:  # fixed ticks (0–100%) squeezed into the bars' height: fewer of them
        spacing = axis_px * (ticks[1] - ticks[0]) / (top - axis_range[0])
        step = math.ceil(MEDIA["slide"].font_size * 1.6 / max(spacing, 1))
        if step > 1:  # the axis' ends, 0% and 100% (every other tick left "0%, 60%" on a bar of 100%)
            keep = [0, len(ticks) - 1] if step < len(ticks) else [len(ticks) - 1]
            figure.update_layout(yaxis=dict(tickvals=[ticks[n] for n in keep], ticktext=[names[n] for n in keep]))


def trace_is_horizontal(figure: go.Figure) -> bool:
    return any(getattr(trace, "orientation", None) == "h" for trace in figure.data)


def legend_px(figure: go.Figure, plot_width: float, size: float) -> float:
    """The height of the horizontal legend under a chart at this width (as plotly lays it out: entries in columns
    as wide as the widest entry, as many as fit)."""
    widths = [_plain_px(str(trace.name or ""), size) + 50 for trace in figure.data
              if trace.showlegend is not False and trace.name and (trace.showlegend or trace.type != "bar")]
    if not widths or figure.layout.showlegend is False:
        return 0.0
    per_row = max(1, int(plot_width // max(widths)))  # plotly's horizontal legend: columns as wide as the widest
    rows = -(-len(widths) // per_row)
    return rows * size * 1.6 + 6


def fit_to_screen(spec, width: int, chart_height: int) -> tuple[go.Figure, str | None]:
    """A slide's chart for show mode on a screen `width` px wide, the chart `chart_height` px tall: labels fitted
    to the bars' slots at this width and given room under the title, the title's margin as tall as the title and
    subtitle, the axis' names and the legend's rows (at this width) under the plot, the legend pinned to the chart's
    foot (the chart stretches to the window). Returns the figure and the language of shortened periods (None:
    none), for the caller to add present.undated_note."""
    plan = _screen_plan(spec, width, chart_height)
    return _finish_screen(spec, plan) if plan is not None else (copy.deepcopy(spec.figure), None)


def fit_deck_to_screen(specs: list, width: int, chart_height: int) -> list[tuple[go.Figure, str | None]]:
    """fit_to_screen for every slide of a deck, a chart spread over several slides given one value axis with the
    room its tallest label needs at this size (part_axes)."""
    fitted = []
    for run in chart_runs(specs):
        plans = [_screen_plan(spec, width, chart_height) for spec in run]
        axis = part_axes([plan[0] if plan is not None else None for plan in plans],
                         [part_label_need(plan[0], plan[2], plan[4], plan[5], periods_of(spec.source_note))
                          if plan is not None else (0.0, 1.0) for spec, plan in zip(run, plans, strict=True)])
        for spec, plan in zip(run, plans, strict=True):
            if plan is None:
                fitted.append((copy.deepcopy(spec.figure), None))
                continue
            if axis:
                plan[0].update_layout(yaxis=axis)
            fitted.append(_finish_screen(spec, plan))
    return fitted


def _finish_screen(spec, plan) -> tuple[go.Figure, str | None]:
    figure, sizes, label_px, shortened, plot_px, plot_width, top, bottom = plan
    subtitle = figure.layout.title.subtitle.text
    label_px, values_only = fit_label_room(figure, label_px, plot_px, plot_width, periods_of(spec.source_note))
    if values_only:  # said on the chart itself: show mode's notes under it are the page's (the spec's) own
        marker = t("charts.marker_periods_below", chart_lang(figure))
        figure.update_layout(title=dict(subtitle=dict(text=f"{subtitle} · {marker}" if subtitle else f"⚠ {marker}",
                                                      font=dict(color="#8A4B00"))))
        if not subtitle:
            subtitle = marker
            top += int(sizes["font"] * 1.7)
            plot_px = max(plot_px - int(sizes["font"] * 1.7), 120)
    make_room_for_labels(figure, label_px, plot_px)
    figure.update_layout(margin=dict(t=top, b=bottom), legend=dict(yref="container", y=0, yanchor="bottom"))
    if subtitle:  # right under the title, in pixels: the margin is no taller than the two lines
        figure.update_layout(title=dict(y=1, yref="container", yanchor="top", pad=dict(t=6)))
    return figure, shortened


def _screen_plan(spec, width: int, chart_height: int):
    """fit_to_screen up to the room for the labels: the figure with its labels fitted to the bars' slots, the sizes,
    the tallest label's height, the language of shortened periods, the plot's height and width, the margins.
    None for a chart without bars."""
    built = spec.figure.to_dict()["layout"]
    figure = copy.deepcopy(spec.figure)
    if not any(trace.type == "bar" for trace in figure.data):
        return None
    style = MEDIA["slide"]
    # A laptop's 768 px hold the title, the bars, the names, the legend, the notes and the controls only with the
    # projector's sizes brought down a step (still larger than the screen charts': 20 px labels, 26 px title).
    sizes = dict(font=style.font_size - 4, title=style.title_size - 4, label=style.label_size - 2, legend=16)
    figure.update_layout(font=dict(size=sizes["font"]), title=dict(font=dict(size=sizes["title"])),
                         legend=dict(font=dict(size=sizes["legend"])),
                         xaxis=dict(tickfont=dict(size=sizes["label"])), yaxis=dict(tickfont=dict(size=sizes["font"])))
    figure.update_traces(textfont=dict(size=sizes["label"]), selector=lambda trace: trace.type in ("bar", "scatter"))
    margin = built.get("margin") or {}
    plot_width = width - margin.get("l", style.margin["l"]) - margin.get("r", style.margin["r"]) - SHOW_SIDES_PX
    label_px, shortened = fit_bar_labels(figure, plot_width, periods_of(spec.source_note))
    fit_no_data_marks(figure, plot_width)
    legend_y = (built.get("legend") or {}).get("y")
    built_plot = (built.get("height") or style.height) - margin.get("t", 0) - margin.get("b", 0)
    scale = sizes["label"] / (((built.get("xaxis") or {}).get("tickfont") or {}).get("size") or style.label_size)
    fit_axis_names(figure, plot_width)
    axis_px = max(-legend_y * built_plot * scale if legend_y is not None else sizes["label"] + 30,
                  upright_names_px(figure), two_row_axis_px(figure, plot_width, sizes["label"]))
    subtitle = figure.layout.title.subtitle.text
    top = int(sizes["title"] * 1.4 + (sizes["font"] * 1.7 if subtitle else 0) + 16)
    bottom = int(axis_px + legend_px(figure, plot_width, sizes["legend"]) + 12)
    plot_px = max(chart_height - top - bottom, 120)
    return figure, sizes, label_px, shortened, plot_px, plot_width, top, bottom


def part_label_need(figure: go.Figure, label_px: float, plot_px: float, plot_width: float,
                    periods: dict[str, str]) -> tuple[float, float]:
    """What a part's tallest label needs above its bar, and its plot's height, both in px (part_axes): its height
    as fitted to the bars' slots when it fits under the builder's room; the values alone when even that room makes
    the bars say their values only (a smaller room then does the same); the whole room when its labels were made
    smaller to fit it (a smaller room would make them smaller still)."""
    if not _shared_axis(figure):
        return 0.0, plot_px
    room = label_room_px(figure, plot_px)
    if label_px <= room:
        return label_px, plot_px
    fitted, values_only = fit_label_room(copy.deepcopy(figure), label_px, plot_px, plot_width, periods)
    return (fitted if values_only else room), plot_px


def chart_runs(specs: list) -> Iterator[list]:
    """The slides in order, in runs: the parts of a chart spread over several slides together (one after another,
    as a deck holds them), any other slide alone."""
    def parted(spec) -> bool:  # read from the JSON: a chart's object tree is not built for it
        meta = spec.figure.to_dict()["layout"].get("meta")
        return isinstance(meta, dict) and bool(meta.get("shared_axis"))

    run: list = []
    for spec in specs:
        if run and not (spec.chart_id == run[0].chart_id and parted(spec) and parted(run[0])):
            yield run
            run = []
        run.append(spec)
    if run:
        yield run


def part_axes(figures: list[go.Figure | None], needs: list[tuple[float, float]]) -> dict | None:
    """The value axis (range and domain) every slide of one run of chart_runs shares when they are the parts of a
    chart spread over several slides (their figures as being fitted, None for one without bars), else None: the
    largest bar of them all leaves above it what the tallest label of any part needs where they are shown (`needs`:
    each slide's tallest label and plot height in px, as fitted there), and a line to spare — never more than the
    builder's PART_LABEL_SHARE, never less than PART_LABEL_SHARE_MIN. Four-line labels under a fixed half of the
    plot left a twenty-unit deck's bars a third of the slide; the parts still share one axis, so a bar on one slide
    measures against a bar on the next."""
    if not figures or figures[0] is None or not _shared_axis(figures[0]):
        return None
    share = min(PART_LABEL_SHARE, max(PART_LABEL_SHARE_MIN, *((label + PART_LABEL_SPARE_PX) / max(plot, 1)
                                                                for label, plot in needs)))
    largest = max((value for figure in figures for value in _bar_values(figure)), default=0)
    axis = figures[0].layout.yaxis
    top, axis_share = part_axis(largest, bool(axis.ticktext), share)
    return dict(range=[axis.range[0], top], domain=[0, axis_share])
