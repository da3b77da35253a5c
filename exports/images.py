"""Chart images rendered on the server (kaleido driving Debian's chromium): PNG at 16:9 or square, SVG, PDF.

The picture is the on-screen chart restyled for a slide, with its source line and caveats printed under it,
so an image pasted anywhere still says where its numbers came from. Nothing is fetched from the internet:
plotly's bundled JS is used and MathJax is never loaded."""

from __future__ import annotations

import asyncio
import atexit
import base64
import copy
import functools
import io
import json
import math
import os
import shutil
import textwrap
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
from pypdf import PdfReader

from charts.markup import plotly_text
from charts.spec import ChartSpec
from charts.style import MEDIA, apply_style
from i18n import t

from .slide_layout import (chart_lang, fit_bar_labels, fit_label_room, fit_no_data_marks, make_room_for_labels,
                           chart_runs, part_axes, part_label_need, periods_of, upright_names_px)
from .vector_hatching import hatching_as_paths

SIZES = {"wide": (1920, 1080), "square": (1080, 1080)}
FORMATS = ("png", "svg", "pdf")
FOOTER_WRAP = {"wide": 160, "square": 95}
TEXT_PAGE_WRAP = 110  # characters per line of a text page (22 px on 1920 px)
PLOT_SIDES_PX = 200  # left margin with the value axis' ticks, and the right margin, of a slide at 1920 px
MIN_BAR_PX = 220  # the bars' own height on a page, below which the footer's lines get smaller first
HEATMAP_FONT = {"wide": 17, "square": 14}  # px of scorecard cells and row labels in a picture

_renderer_lock = threading.Lock()
_renderer: _Renderer | None = None
RELOAD_EVERY = 50  # pictures drawn in one tab before it is reloaded anyway (kaleido's hygiene, at a fiftieth of the cost)
RENDER_TIMEOUT_S = 120
# One tab: a second saved about 1 s of a 20-chart PDF pack, but with two pages in flight choreographer (kaleido's
# link to Chromium) once failed to decode a message and dropped it (JSONError); a lost reply would hang a picture.
TABS = 1
# A PDF is printed the way kaleido prints one (its SVG as a picture on a page of the picture's size), but several
# pages at once: each printing has a fixed cost (50–70 ms a page of a 20-chart pack printed page by page, 10–20 ms
# in one printing of all its pages). The pages get no margin, so the slide fills its page (kaleido's 0.1 in margin
# also shrank it by 1 %). Everything else kaleido's page holds is left out of the printing, not removed.
SHOW_PAGES_JS = """async (svgs, width, height) => {
  let pages = document.getElementById("export-pages");
  if (!pages) {
    pages = document.body.appendChild(document.createElement("div"));
    pages.id = "export-pages";
    const style = document.head.appendChild(document.createElement("style"));
    style.id = "export-pages-style";
  }
  document.getElementById("export-pages-style").textContent = `@page { size: ${width}px ${height}px; margin: 0; }
    @media print { body { margin: 0; padding: 0; } body > :not(#export-pages) { display: none !important; }
      #export-pages > img { display: block; width: ${width}px; height: ${height}px; break-after: page; }
      #export-pages > img:last-child { break-after: auto; } }`;
  pages.replaceChildren();
  await Promise.all(svgs.map((svg) => new Promise((resolve, reject) => {
    const img = pages.appendChild(document.createElement("img"));
    img.onload = resolve;
    img.onerror = () => reject(new Error("a page's SVG did not load"));
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  })));
  return svgs.length;
}"""
PRINT_PARAMS = dict(printBackground=True, preferCSSPageSize=True, marginTop=0, marginBottom=0, marginLeft=0,
                    marginRight=0)
CLEAR_PAGES_JS = 'document.getElementById("export-pages")?.replaceChildren()'  # the pictures' memory, once printed


class ImageExportUnavailable(RuntimeError):
    """No browser to render with: kaleido would wait for one forever instead of failing."""


def renderer_available() -> bool:
    """Whether a Chromium kaleido can drive is installed (BROWSER_PATH is the path kaleido's launcher honours)."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return Path(explicit).is_file()
    return _browser_on_path(os.environ.get("PATH", ""))


@functools.lru_cache(maxsize=8)
def _browser_on_path(search_path: str) -> bool:
    # Asked by every chart's download menu on every rerun: four searches of PATH each time (a browser installed
    # while the app runs is found after a restart, or by setting BROWSER_PATH).
    return any(shutil.which(name, path=search_path or None)
               for name in ("chromium", "chromium-browser", "google-chrome", "chrome"))


class _Renderer:
    """One persistent kaleido browser for all exports, on its own event loop thread.

    kaleido reloads its tab after every picture (its page loads plotly.js again: about 0.2 s of a 0.4 s picture,
    half of a PDF pack's time). Its drawing script plots each figure afresh, so the tab is reloaded here only every
    RELOAD_EVERY pictures and after a failed one; the pictures are byte-for-byte the same
    (tests/test_exports_renderer.py). MathJax is switched off: kaleido's page would otherwise ask a CDN for it (the
    app works offline and its texts are never LaTeX)."""

    def __init__(self) -> None:
        import kaleido

        class KeptTabKaleido(kaleido.Kaleido):
            drawn = 0
            reloads_due = 0  # tabs to reload when next handed back (after a failed picture)

            async def _return_kaleido_tab(self, tab) -> None:
                self.drawn += 1
                if self.reloads_due or self.drawn % RELOAD_EVERY == 0:
                    self.reloads_due = max(0, self.reloads_due - 1)
                    await super()._return_kaleido_tab(tab)  # reloads the tab, then hands it back
                else:
                    await self.tabs_ready.put(tab)

            async def print_svgs(self, svgs: list[str], width: int, height: int) -> bytes:
                """One PDF of the SVGs, a page each, printed by the tab."""
                tab = await self._get_kaleido_tab()
                try:
                    shown = await asyncio.wait_for(tab.tab.send_command("Runtime.evaluate", params=dict(
                        expression=f"({SHOW_PAGES_JS})({json.dumps(svgs)}, {int(width)}, {int(height)})",
                        awaitPromise=True, returnByValue=True)), self._timeout)
                    if "error" in shown or "exceptionDetails" in shown.get("result", {}):
                        raise RuntimeError(f"the page did not show the SVGs: {shown}")
                    printed = await asyncio.wait_for(tab.tab.send_command("Page.printToPDF", params=PRINT_PARAMS),
                                                     self._timeout)
                    await tab.tab.send_command("Runtime.evaluate", params=dict(expression=CLEAR_PAGES_JS))
                    if "error" in printed:
                        raise RuntimeError(f"printing failed: {printed['error']}")
                    return base64.b64decode(printed["result"]["data"])
                finally:
                    await self._return_kaleido_tab(tab)

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, daemon=True, name="kaleido-renderer").start()
        self._kaleido = KeptTabKaleido(n=TABS, mathjax=False)
        self._call(self._kaleido.open())  # starts Chromium and loads kaleido's page in its tab
        atexit.register(self.close)

    def close(self) -> None:
        """Chromium ends with the app (as kaleido's own server does at exit)."""
        try:
            self._call(self._kaleido.close())
        except Exception:  # already gone: nothing left to end
            pass

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(RENDER_TIMEOUT_S)

    def submit(self, figure: go.Figure, fmt: str, width: int, height: int, scale: float) -> Future:
        """Start drawing a picture; its bytes come from the returned future. What plotly.io.to_image sends kaleido:
        the validated figure's dict and the same options. Pictures asked for by several sessions at once wait for
        the tab in kaleido's own queue, on this one event loop."""
        from plotly.io._utils import validate_coerce_fig_to_dict

        spec = validate_coerce_fig_to_dict(figure, True)
        if fmt == "pdf":
            return asyncio.run_coroutine_threadsafe(self._draw_pdf(spec, width, height, scale), self._loop)
        options = dict(format=fmt, width=width, height=height, scale=scale)
        return asyncio.run_coroutine_threadsafe(self._draw(spec, options), self._loop)

    def submit_page(self, figure: go.Figure, width: int, height: int) -> Future:
        """Start drawing a PDF page; the returned future gives its SVG, ready for print_pages."""
        from plotly.io._utils import validate_coerce_fig_to_dict

        spec = validate_coerce_fig_to_dict(figure, True)
        return asyncio.run_coroutine_threadsafe(self._draw_page(spec, width, height, 1), self._loop)

    def print_pages(self, svgs: list[str], width: int, height: int) -> Future:
        return asyncio.run_coroutine_threadsafe(self._print(svgs, width, height), self._loop)

    async def _draw_pdf(self, spec: dict, width: int, height: int, scale: float) -> bytes:
        page = await self._draw_page(spec, width, height, scale)
        return await self._print([page], width * scale, height * scale)

    async def _draw_page(self, spec: dict, width: int, height: int, scale: float) -> str:
        """kaleido's PDF is its SVG printed by Chromium, which turns each pattern fill (the bars' hatching) into a
        page-sized picture: 12 MB and two thirds of a 20-chart pack's time. Here the SVG's hatching is first redrawn
        as vector strokes (exports/vector_hatching.py), to be printed as kaleido prints."""
        svg = await self._draw(spec, dict(format="svg", width=width, height=height, scale=scale))
        return await asyncio.to_thread(hatching_as_paths, svg.decode("utf-8"))

    async def _print(self, svgs: list[str], width: float, height: float) -> bytes:
        try:
            return await self._kaleido.print_svgs(svgs, width, height)
        except Exception:
            self._kaleido.reloads_due = TABS  # as for a failed picture
            raise

    async def _draw(self, spec: dict, options: dict) -> bytes:
        try:
            return await self._kaleido.calc_fig(spec, opts=options, topojson=pio.defaults.topojson)
        except Exception:
            self._kaleido.reloads_due = TABS  # the failed tab was handed back already: reload the next ones
            raise


def _ensure_kaleido() -> _Renderer:
    """One persistent browser for all exports: starting chromium per image would cost a second each."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            if not renderer_available():
                raise ImageExportUnavailable("no Chromium to render images with (apt-get install -y chromium)")
            _renderer = _Renderer()
        return _renderer


def slide_figure(spec: ChartSpec, size: str = "wide", footer: bool = True) -> go.Figure:
    """A copy of the chart styled for a projector, with the source line and notes as a footer.

    Laid out top to bottom in pixels so nothing overlaps: the title (and subtitle), the room above the tallest bar
    for its label, the bars, the axis' names and the legend (as much room as the chart's builder reserved for them,
    at slide size), the footer. Plotly places legends and annotations in plot-area fractions, so each pixel budget
    is turned into fractions of the plot height. A bar label's undated period is shortened to "~2023" (a note says
    what "~" means; the source line keeps the words): written upright, its 50 characters ran over the title."""
    return _finish_slide(spec, _slide_plan(spec, size, footer), size, footer)


def slide_figures(specs: list[ChartSpec], size: str = "wide") -> Iterator[go.Figure]:
    """slide_figure for every slide of a deck, one at a time (each can be drawn while the next is laid out), a
    chart spread over several slides given one value axis with the room its tallest label needs on these pages
    (slide_layout.part_axes). Laid out a chart at a time: a deck laid out whole before its first page went to
    Chromium made the PDF pack of 20 charts wait for all of it (5.0-5.3 s against 4.0-4.3 s)."""
    width = SIZES[size][0]
    for run in chart_runs(specs):
        plans = [_slide_plan(spec, size, True) for spec in run]
        axis = part_axes([plan[0] for plan in plans],
                         [part_label_need(plan[0], plan[1], plan[2], width - PLOT_SIDES_PX,
                                          periods_of(spec.source_note)) for spec, plan in zip(run, plans, strict=True)])
        for spec, plan in zip(run, plans, strict=True):
            if axis:
                plan[0].update_layout(yaxis=axis)
            yield _finish_slide(spec, plan, size, footer=True)


def _finish_slide(spec: ChartSpec, plan: tuple, size: str, footer: bool) -> go.Figure:
    figure, label_px, plot_px, lines, wrap, footer_size, top, axis_px, under_axis_px = plan
    width, height = SIZES[size]
    label_px, values_only = fit_label_room(figure, label_px, plot_px, width - PLOT_SIDES_PX,
                                           periods_of(spec.source_note))
    if values_only and footer:  # the plot gives the note's lines up (the values alone are short)
        added = textwrap.wrap(t("charts.note_periods_in_notes", chart_lang(figure)), wrap)
        lines[0:0] = added
        plot_px = max(plot_px - int(len(added) * footer_size * 1.45), 1)
    make_room_for_labels(figure, label_px, plot_px)
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


def _slide_plan(spec: ChartSpec, size: str, footer: bool):
    """slide_figure up to the room for the labels: the styled copy with its labels fitted to the bars' slots, the
    tallest label's and the plot's height, the footer's lines and their wrap and size, the title's
    margin, the px under the plot to the legend and to the footer."""
    built = spec.figure.to_dict()["layout"]  # the builder's own layout: the room it gave the axis and the legend
    figure = apply_style(copy.deepcopy(spec.figure), "slide")
    width, height = SIZES[size]
    style = MEDIA["slide"]
    notes = list(spec.notes)
    if size == "square":  # narrower bars: smaller value labels so neighbours do not overlap
        figure.update_traces(textfont=dict(size=style.label_size - 8), selector=dict(type="bar"))
    label_px, shortened = fit_bar_labels(figure, width - PLOT_SIDES_PX, periods_of(spec.source_note))
    fit_no_data_marks(figure, width - PLOT_SIDES_PX)
    if shortened:
        notes.append(t("present.undated_note", shortened))
    legend_items = sum(1 for trace in figure.data if getattr(trace, "showlegend", False) is not False)
    top = style.margin["t"] + (30 if figure.layout.title.subtitle.text else 0)
    axis_px, under_axis_px = _under_axis(built, figure, size, legend_items)
    names_px = upright_names_px(figure)  # names (and periods) written upright need as much room as they are long
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
    return figure, label_px, max(plot_px, 1), lines, wrap, footer_size, top, axis_px, under_axis_px


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


def chart_image(spec: ChartSpec, fmt: str = "png", size: str = "wide", footer: bool = True) -> bytes:
    return start_chart_image(spec, fmt, size, footer).result(RENDER_TIMEOUT_S)


def start_chart_image(spec: ChartSpec, fmt: str = "png", size: str = "wide", footer: bool = True) -> Future:
    """chart_image without waiting: Chromium draws the picture while the caller lays out the next page."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; expected one of {FORMATS}")
    renderer = _ensure_kaleido()
    width, height = SIZES[size]
    return renderer.submit(slide_figure(spec, size, footer), fmt, width, height, scale=1)


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
    return _ensure_kaleido().submit(figure, "pdf", figure.layout.width, figure.layout.height,
                                    pio.defaults.default_scale).result(RENDER_TIMEOUT_S)


def start_slide_page(figure: go.Figure, size: str = "wide") -> Future:
    """A chart's page of a PDF (its SVG, from start_*_page's future), laid out by slide_figure(s), drawn while the
    caller lays out the next."""
    width, height = SIZES[size]
    return _ensure_kaleido().submit_page(figure, width, height)


def start_figure_page(figure: go.Figure) -> Future:
    return _ensure_kaleido().submit_page(figure, figure.layout.width, figure.layout.height)


def print_pages(svgs: list[str], size: str = "wide") -> bytes:
    """One PDF of pages drawn by start_slide_page/start_figure_page (all of one size), printed at once."""
    width, height = SIZES[size]
    printed = _ensure_kaleido().print_pages(svgs, width, height).result(RENDER_TIMEOUT_S)
    if (pages := len(PdfReader(io.BytesIO(printed)).pages)) != len(svgs):  # a picture over two pages, or lost
        raise RuntimeError(f"{len(svgs)} pages were printed as {pages}")
    return printed
