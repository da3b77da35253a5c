"""Chart images rendered on the server (kaleido driving Debian's chromium): PNG at 16:9 or square, SVG, PDF.

The picture is the on-screen chart restyled for a slide, with its source line and caveats printed under it,
so an image pasted anywhere still says where its numbers came from. Nothing is fetched from the internet:
plotly's bundled JS is used and MathJax is never loaded."""

from __future__ import annotations

import copy
import html
import math
import os
import re
import shutil
import textwrap
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from charts.compare import CHAR_WIDTH, LINE_HEIGHT
from charts.markup import plotly_text
from charts.spec import ChartSpec
from charts.style import MEDIA, apply_style
from i18n import t

from .pack_text import short_undated_any

SIZES = {"wide": (1920, 1080), "square": (1080, 1080)}
FORMATS = ("png", "svg", "pdf")
FOOTER_WRAP = {"wide": 160, "square": 95}
TEXT_PAGE_WRAP = 110  # characters per line of a text page (22 px on 1920 px)
PLOT_SIDES_PX = 200  # left margin with the value axis' ticks, and the right margin, of a slide at 1920 px
LABEL_CHAR_WIDTH = CHAR_WIDTH + 0.04  # a bold value in DejaVu Sans is wider than the average glyph
MIN_BAR_PX = 220
WRAP_MIN = 8  # characters: a period is not wrapped narrower than this (the builder's rule)  # the bars' own height on a page, below which the footer's lines get smaller first
_TAG = re.compile(r"<[^>]+>")
HEATMAP_FONT = {"wide": 17, "square": 14}  # px of scorecard cells and row labels in a picture

_server_lock = threading.Lock()
_server_started = False
# One render at a time through the shared kaleido browser; page rendering for other sessions is not affected.
_render_lock = threading.Lock()


class ImageExportUnavailable(RuntimeError):
    """No browser to render with: kaleido would wait for one forever instead of failing."""


def renderer_available() -> bool:
    """Whether a Chromium kaleido can drive is installed (BROWSER_PATH is the path kaleido's launcher honours)."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return Path(explicit).is_file()
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "chrome"))


def _ensure_kaleido() -> None:
    """One persistent browser for all exports: starting chromium per image would cost a second each."""
    global _server_started
    with _server_lock:
        if not _server_started:
            if not renderer_available():
                raise ImageExportUnavailable("no Chromium to render images with (apt-get install -y chromium)")
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True


def slide_figure(spec: ChartSpec, size: str = "wide", footer: bool = True) -> go.Figure:
    """A copy of the chart styled for a projector, with the source line and notes as a footer.

    Laid out top to bottom in pixels so nothing overlaps: the title (and subtitle), the room above the tallest bar
    for its label, the bars, the axis' names and the legend (as much room as the chart's builder reserved for them,
    at slide size), the footer. Plotly places legends and annotations in plot-area fractions, so each pixel budget
    is turned into fractions of the plot height. A bar label's undated period is shortened to "~2023" (a note says
    what "~" means; the source line keeps the words): written upright, its 50 characters ran over the title."""
    built = spec.figure.to_dict()["layout"]  # the builder's own layout: the room it gave the axis and the legend
    figure = apply_style(copy.deepcopy(spec.figure), "slide")
    width, height = SIZES[size]
    style = MEDIA["slide"]
    notes = list(spec.notes)
    if size == "square":  # narrower bars: smaller value labels so neighbours do not overlap
        figure.update_traces(textfont=dict(size=style.label_size - 8), selector=dict(type="bar"))
    label_px, shortened = _shorten_bar_labels(figure, width - PLOT_SIDES_PX, _periods(spec.source_note))
    if shortened:
        notes.append(t("present.undated_note", shortened))
    legend_items = sum(1 for trace in figure.data if getattr(trace, "showlegend", False) is not False)
    top = style.margin["t"] + (30 if figure.layout.title.subtitle.text else 0)
    axis_px, under_axis_px = _under_axis(built, figure, size, legend_items)
    names_px = _upright_names_px(figure)  # names (and periods) written upright need as much room as they are long
    if names_px > axis_px:
        under_axis_px += names_px - axis_px
        axis_px = names_px
    plot_px = 0
    for footer_size in (style.font_size - 6, style.font_size - 9):  # smaller footer lines before squeezed bars
        wrap = int(FOOTER_WRAP[size] * (style.font_size - 6) / footer_size)
        lines = [line for text in [*notes, spec.source_note] for line in textwrap.wrap(text, wrap)] \
            if footer else []
        footer_px = int(len(lines) * footer_size * 1.45) + 20
        plot_px = height - top - under_axis_px - footer_px - 20
        if plot_px >= label_px + MIN_BAR_PX:
            break
    plot_px = max(plot_px, 1)
    _make_room_for_labels(figure, label_px, plot_px)
    figure.add_annotation(
        text="<br>".join(plotly_text(line) for line in lines), xref="paper", yref="paper", x=0,
        y=-under_axis_px / plot_px, xanchor="left", yanchor="top", showarrow=False, align="left",
        font=dict(size=footer_size, color="#444444"))
    figure.update_layout(width=width, height=height, margin=dict(t=top, b=height - top - plot_px),
                         legend=dict(y=-axis_px / plot_px, yanchor="top"))
    if any(trace.type == "heatmap" for trace in figure.data):  # the scorecard: cell text and row labels at slide size
        cell = HEATMAP_FONT[size]
        figure.update_traces(textfont=dict(size=cell), selector=dict(type="heatmap"))
        figure.update_layout(yaxis=dict(tickfont=dict(size=cell)), xaxis=dict(tickfont=dict(size=cell + 2)))
    return figure


def _periods(source_note: str) -> dict[str, str]:
    """The periods a chart's source line names ("… · Kỳ: Năm 2022; Giai đoạn 2021–2023"), as plotly text, keyed by
    their letters without spaces: a period the builder wrapped to a bar's width (even inside a word, "202" /
    "1–2023") is joined back into its own words, not guessed."""
    for lang in ("vi", "en"):
        marker = f" · {t('common.period', lang)}: "
        if marker in source_note:
            periods = source_note.rsplit(marker, 1)[1].split("; ")
            return {"".join(plotly_text(p).split()): plotly_text(p) for p in periods}
    return {}


def _joined(lines: list[str], periods: dict[str, str]) -> str:
    return periods.get("".join("".join(lines).split()), " ".join(" ".join(lines).split()))


def _shorten_bar_labels(figure: go.Figure, plot_width: float, periods: dict[str, str]) -> tuple[float, str | None]:
    """Fit the bars' labels (in place): undated periods shortened to "~2023"; where a label's line is wider than its
    bar's slot on this page, every label written upright (as the chart's builder does when even a value is too
    wide), value and period on two lines side by side where the slot is wide enough. Returns the height in px the
    tallest label needs above its bar, and the language of the labels that were shortened (None: none were)."""
    shortened = None
    slot_px = plot_width / max(len(_slots(figure)), 1)
    bars = [trace for trace in figure.data
            if trace.type == "bar" and trace.text is not None and trace.textposition in ("outside", "auto")]
    parts: dict[int, list[tuple[str, str]]] = {}
    for trace in bars:
        for text in (trace.text if isinstance(trace.text, (list, tuple)) else [trace.text]):
            value, *period = str(text).replace(" · ", "<br>", 1).split("<br>")  # one period, however wrapped
            short, lang = short_undated_any(_joined(period, periods))
            shortened = shortened or lang
            parts.setdefault(id(trace), []).append((value, short))
    size = MEDIA["slide"].label_size
    sizes = {id(trace): (trace.textfont.size if trace.textfont and trace.textfont.size else size) for trace in bars}
    # Upright when the builder wrote them so, or when a line (a value, or a period wrapped no narrower than
    # WRAP_MIN characters) is wider than its bar's slot on this page: neighbours' labels would run together.
    upright = any(trace.textangle in (-90, 90, 270) for trace in bars) or any(
        _plain_px(line, sizes[id(trace)]) > slot_px
        for trace in bars for value, period in parts.get(id(trace), [])
        for line in (value, *textwrap.wrap(period, WRAP_MIN)))
    label_px = 0.0
    for trace in bars:
        pairs, font = parts.get(id(trace), []), sizes[id(trace)]
        if upright:
            two_lines = slot_px >= 2 * font * LINE_HEIGHT + 8
            trace.text = [f"{value}<br>{period}" if period and two_lines else
                          f"{value} · {period}" if period else value for value, period in pairs]
            trace.textangle = -90
            lines = [line for text in trace.text for line in text.split("<br>")]
            label_px = max(label_px, max((_plain_px(line, font) for line in lines), default=0) + 10)
        else:
            per_line = max(WRAP_MIN, int(slot_px / (font * LABEL_CHAR_WIDTH)))
            trace.text = ["<br>".join([value, *textwrap.wrap(period, per_line)]) if period else value
                          for value, period in pairs]
            rows = max((text.count("<br>") + 1 for text in trace.text), default=0)
            label_px = max(label_px, rows * font * LINE_HEIGHT + 6)
    axis = figure.layout.xaxis
    if axis.ticktext:  # periods under the units' names on the axis (one bar per unit)
        names = []
        upright_names = axis.tickangle in (-90, 90, 270)
        for text in axis.ticktext:
            name, *period = str(text).split("<br>")
            short, lang = short_undated_any(_joined(period, periods)) if period else ("", None)
            shortened = shortened or lang
            # written upright, each line of a name stands beside the last: a period goes on one line beside it
            names.append(f"{name}<br>{short}" if lang or (period and upright_names) else str(text))
        figure.update_layout(xaxis=dict(ticktext=names))
    return label_px, shortened


def _upright_names_px(figure: go.Figure) -> float:
    axis = figure.layout.xaxis
    if axis.tickangle not in (-90, 90, 270):
        return 0.0
    size = (axis.tickfont.size if axis.tickfont and axis.tickfont.size else MEDIA["slide"].label_size)
    names = list(axis.ticktext or axis.categoryarray or ())
    return max((_plain_px(line, size) for name in names for line in str(name).split("<br>")), default=0.0) + 14


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
            places.update(zip(xs[0], xs[1]))
        else:
            places.update(x for x in xs if isinstance(x, str))
    return places


def _under_axis(built: dict, figure: go.Figure, size: str, legend_items: int) -> tuple[float, float]:
    """(px from the plot's bottom to the legend, px from the plot's bottom to the footer): what the chart's builder
    reserved for the axis' names and the legend (its legend's place in its own plot), at slide size; a figure
    without that (scorecard, tables) gets a row of names and its legend rows."""
    style = MEDIA["slide"]
    margin, legend_y = built.get("margin") or {}, (built.get("legend") or {}).get("y")
    if legend_y is not None and margin.get("b") and built.get("height"):
        built_plot = built["height"] - margin.get("t", 0) - margin["b"]
        built_size = ((built.get("xaxis") or {}).get("tickfont") or {}).get("size") or style.label_size
        scale = style.label_size / built_size
        axis_px = (-legend_y * built_plot) * scale
        legend_px = max(0.0, margin["b"] * scale - axis_px)
        if size == "square":  # the legend's entries wrap into more rows on a narrower page
            legend_px *= math.ceil(SIZES["wide"][0] / SIZES["square"][0])
        # plotly lays long entries out in two columns at most on a wide page, one on a square one
        return axis_px, axis_px + max(legend_px, _legend_px(legend_items, size))
    axis_px = 2 * style.label_size + 40 if figure.layout.xaxis.type == "multicategory" else style.label_size + 30
    return axis_px, axis_px + _legend_px(legend_items, size)


def _legend_px(items: int, size: str) -> float:
    rows = 0 if not items else (items if size == "square" else -(-items // 2))
    return rows * (MEDIA["slide"].font_size + 12) + 20 if rows else 0


def _make_room_for_labels(figure: go.Figure, label_px: float, plot_px: float) -> None:
    """Raise the value axis' top so the tallest bar's label fits inside the plot, under the title."""
    values = [v for trace in figure.data if trace.type == "bar" and trace.y is not None
              for v in trace.y if v is not None]
    axis_range = figure.layout.yaxis.range
    if not values or not label_px or axis_range is None or trace_is_horizontal(figure):
        return
    share = min(label_px / plot_px, 0.85)  # beyond that the bars would be slivers: the label may reach the title gap
    top = max(axis_range[1], max(values) / (1 - share))
    figure.update_layout(yaxis=dict(range=[axis_range[0], top]))
    ticks, names = figure.layout.yaxis.tickvals, figure.layout.yaxis.ticktext
    if ticks and names and len(ticks) > 2:  # fixed ticks (0–100%) squeezed into the bars' height: fewer of them
        spacing = plot_px * (ticks[1] - ticks[0]) / (top - axis_range[0])
        step = math.ceil(MEDIA["slide"].font_size * 1.6 / max(spacing, 1))
        if step > 1:
            figure.update_layout(yaxis=dict(tickvals=ticks[::step], ticktext=names[::step]))


def trace_is_horizontal(figure: go.Figure) -> bool:
    return any(getattr(trace, "orientation", None) == "h" for trace in figure.data)


def chart_image(spec: ChartSpec, fmt: str = "png", size: str = "wide", footer: bool = True) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; expected one of {FORMATS}")
    _ensure_kaleido()
    width, height = SIZES[size]
    figure = slide_figure(spec, size, footer)
    with _render_lock:
        return pio.to_image(figure, format=fmt, width=width, height=height, scale=1)


def text_page(title: str, lines: list[str], subtitle: str = "", size: str = "wide") -> go.Figure:
    """A page of text (title page, list of sources) drawn with the same fonts as the charts."""
    width, height = SIZES[size]
    figure = go.Figure()
    body = "<br>".join(plotly_text(line) for text in lines for line in (textwrap.wrap(text, TEXT_PAGE_WRAP) or [""]))
    figure.add_annotation(text=body, xref="paper", yref="paper", x=0, y=1, xanchor="left", yanchor="top",
                          showarrow=False, align="left", font=dict(size=22))
    figure.update_layout(title=dict(text=plotly_text(title), subtitle=dict(text=plotly_text(subtitle))), width=width,
                         height=height)
    apply_style(figure, "slide")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(height=height, showlegend=False)
    return figure


def figure_pdf(figure: go.Figure) -> bytes:
    _ensure_kaleido()
    with _render_lock:
        return pio.to_image(figure, format="pdf", width=figure.layout.width, height=figure.layout.height)
