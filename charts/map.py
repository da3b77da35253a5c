"""A map of Vietnam with units placed at their centroids and coloured by an indicator, drawn offline.

Only plain cartesian traces (go.Scatter, longitude on x and latitude on y): plotly's geo, choropleth and tile maps
fetch their base maps from a CDN and draw nothing offline. ``yaxis.scaleanchor = "x"`` with
``scaleratio = 1 / cos(latitude)`` keeps the country's proportions (a degree of longitude is shorter on the ground
than a degree of latitude, by cos(latitude)).

Inputs:

* ``outline``: the frame of loaders/outline.py (table ``country_outline``): part, ring, order, lon, lat.
* ``units``: one row per unit to place, columns

  | column | meaning |
  |---|---|
  | ``unit_id`` | the unit's id (docs/units.md) |
  | ``unit_name`` | its name as shown (text from data: escaped here) |
  | ``lat``, ``lon`` | its centroid (``units.lat``, ``units.lon``); a unit without one is listed under the map |
  | ``value`` | the figure, a plain number; NaN/None = no figure, drawn as a hollow grey marker |
  | ``value_text`` | the figure as shown (``i18n.numbers.format_value``: '99,86%', 'trên 600'); optional: |
  | | missing or blank → the value formatted in ``lang`` (``i18n.numbers.format_number``) |
  | ``period_label`` | the period code (``2023-H1``), read out with ``i18n.periods.format_period`` |
  | ``source_title`` | the document the figure comes from |

View: ``"country"`` shows the whole country with Hoàng Sa and Trường Sa; ``"units"`` zooms to the units (a
province's); ``"auto"`` (default) zooms when the units fit in 5° × 5°, else shows the whole country.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from i18n import t
from i18n.numbers import format_number
from i18n.periods import format_period

from .labels import wrap
from .markup import plotly_text
from .plotly_json import JsonFigure
from .records import frame_records
from .style import GRID_COLOR, MEDIA, layout_style

SEA_FILL = "#F1F6FA"  # a faint blue: land reads as land, islands as islands
LAND_FILL = "#E3E3E3"
NO_DATA_COLOR = "#6F6F6F"  # darker than the land's grey, so a hollow marker never reads as an island
LAND_LINE = "#A0A0A0"
FRAME_LINE = "#8C8C8C"
SEA_LABEL = "#6B8BA4"
TEXT_LABEL = "#444444"
COLOR_SCALE = "Viridis"  # perceptually even, colour-blind safe, every step visible on light-grey land
HEIGHT = {"screen": 640, "slide": 720}
MEDIA_LABEL_SIZE = {"screen": 12, "slide": 18}
COUNTRY_MARGIN = 0.35  # degrees around the whole outline
ZOOM_SPAN = 5.0  # degrees: units within this in both directions are zoomed to in the "auto" view
ARCHIPELAGO_PARTS = ("hoang_sa", "truong_sa")
FRAME_PAD = 0.3  # degrees between an archipelago's islands and its dashed frame
EAST_SEA_AT = (13.6, 112.3)  # lat, lon: open sea between the two archipelagos


@lru_cache(maxsize=1)
def _color_scale() -> tuple:
    # COLOR_SCALE's stops as plotly's validation writes a named scale into a figure (the JSON carries the stops)
    return tuple(go.scatter.Marker(colorscale=COLOR_SCALE).to_plotly_json()["colorscale"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def _period_text(code, lang: str) -> str:
    if _missing(code) or str(code).strip() == "":
        return ""
    try:
        return format_period(str(code), lang)
    except (ValueError, KeyError, IndexError, AttributeError):
        return str(code)  # not a period code: shown as it is


def _shown_value(row: dict, lang: str) -> str:
    text = row.get("value_text")
    if not _missing(text) and str(text).strip():
        return str(text)
    return format_number(float(row["value"]), lang)


def _hover(row: dict, lang: str, indicator: str | None, shown: str | None, periods: dict) -> str:
    """The unit's card: name, indicator, value as shown, period in words, source (every piece escaped). A row that
    brings its own card (column ``hover``: charts.labels.hover_card, as on the bars) keeps it."""
    if shown is not None and isinstance(row.get("hover"), str) and row["hover"]:
        return row["hover"]
    lines = [f"<b>{plotly_text(row['unit_name'])}</b>"]
    if indicator:
        lines.append(plotly_text(indicator))
    if shown is None:
        lines.append(t("map.no_data_hover", lang))
    else:
        lines.append(f"{t('common.value', lang)}: <b>{plotly_text(shown)}</b>")
        code = row.get("period_label")
        if code not in periods:
            periods[code] = _period_text(code, lang)
        if periods[code]:
            lines.append(f"{t('common.period', lang)}: {plotly_text(periods[code])}")
        source = row.get("source_title")
        if not _missing(source) and str(source).strip():
            lines.append(f"{t('common.source', lang)}: {wrap(source)}")
    return "<br>".join(lines)


def _rings_xy(outline: pd.DataFrame) -> tuple[list, list]:
    """All rings of a part as one path, rings separated by None (plotly fills each closed piece by itself)."""
    ordered = outline.sort_values(["ring", "order"], kind="stable")
    rings, lons, lats = ordered["ring"].tolist(), ordered["lon"].tolist(), ordered["lat"].tolist()
    xs: list = []
    ys: list = []
    for n, (ring, lon, lat) in enumerate(zip(rings, lons, lats)):
        xs.append(lon)
        ys.append(lat)
        if n + 1 == len(rings) or rings[n + 1] != ring:  # the ring ends here
            xs.append(None)
            ys.append(None)
    return xs, ys


def _outline_traces(outline: pd.DataFrame, lang: str, medium: str) -> list[dict]:
    """The land, the archipelagos' frames and labels and the East Sea's name, as plotly JSON (trace dicts). Lines
    carry the house style's label size (charts.style.apply_style gave every scatter trace that), the names the map's
    own label size."""
    line_font = dict(size=MEDIA[medium].label_size)
    label_size = MEDIA_LABEL_SIZE[medium]
    traces = []
    for part, rings in outline.groupby("part", sort=False):
        xs, ys = _rings_xy(rings)
        traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND_FILL,
                           line=dict(color=LAND_LINE, width=0.8), hoverinfo="skip", showlegend=False,
                           name=str(part), textfont=dict(line_font)))
    for part in ARCHIPELAGO_PARTS:
        rings = outline[outline["part"] == part]
        if rings.empty:
            continue
        x0, x1 = rings["lon"].min() - FRAME_PAD, rings["lon"].max() + FRAME_PAD
        y0, y1 = rings["lat"].min() - FRAME_PAD, rings["lat"].max() + FRAME_PAD
        traces.append(dict(type="scatter", x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], mode="lines",
                           line=dict(color=FRAME_LINE, width=1, dash="dash"), hoverinfo="skip",
                           showlegend=False, name=f"{part}_frame", textfont=dict(line_font)))
        traces.append(dict(type="scatter", x=[(x0 + x1) / 2], y=[y1 + 0.15], mode="text", textposition="top center",
                           text=[f"<b>{t(f'map.{part}', lang)}</b><br>{t(f'map.{part}_where', lang)}"],
                           textfont=dict(color=TEXT_LABEL, size=label_size), hoverinfo="skip", showlegend=False,
                           name=f"{part}_label", cliponaxis=False))
    if not outline.empty:
        traces.append(dict(type="scatter", x=[EAST_SEA_AT[1]], y=[EAST_SEA_AT[0]], mode="text",
                           text=[f"<i>{t('map.east_sea', lang)}</i>"], textfont=dict(color=SEA_LABEL, size=label_size),
                           hoverinfo="skip", showlegend=False, name="east_sea"))
    return traces


def _marker_size(count: int, medium: str) -> int:
    size = 13 if count <= 50 else 9 if count <= 400 else 5
    return size + 4 if medium == "slide" else size


def _ranges(outline: pd.DataFrame, placed: pd.DataFrame, view: str) -> tuple[list[float], list[float], str]:
    """x and y ranges of the view, and the view actually taken ("country" or "units")."""
    if view == "auto":
        small = (not placed.empty and placed["lon"].max() - placed["lon"].min() <= ZOOM_SPAN
                 and placed["lat"].max() - placed["lat"].min() <= ZOOM_SPAN)
        view = "units" if small else "country"
    if view == "units" and not placed.empty:
        lon0, lon1 = float(placed["lon"].min()), float(placed["lon"].max())
        lat0, lat1 = float(placed["lat"].min()), float(placed["lat"].max())
        pad = max(0.15, 0.08 * max(lon1 - lon0, lat1 - lat0))
        return [lon0 - pad, lon1 + pad], [lat0 - pad, lat1 + pad], "units"
    frame = outline if not outline.empty else placed
    return ([float(frame["lon"].min()) - COUNTRY_MARGIN, float(frame["lon"].max()) + COUNTRY_MARGIN],
            [float(frame["lat"].min()) - COUNTRY_MARGIN, float(frame["lat"].max()) + COUNTRY_MARGIN + 0.6],
            "country")


def map_view(figure: go.Figure) -> str:
    """The view a map took ("country" or "units"), for a page to say so, read without building the figure's
    object tree."""
    return figure.to_dict()["layout"]["meta"]["map_view"]


def unit_map(outline: pd.DataFrame, units: pd.DataFrame, lang: str, *, view: str = "auto",
             indicator: str | None = None, value_label: str | None = None, title: str | None = None,
             medium: str = "screen") -> go.Figure:
    """The map: ``outline`` as light-grey land, each unit of ``units`` a marker at its centroid coloured by its
    value (colour bar), units without a figure hollow grey ("không có số liệu" in the legend). ``indicator`` is
    the indicator's name for the hover card, ``value_label`` the colour bar's title (e.g. the unit '%'),
    ``title`` the chart title; all three are escaped here.

    Written as plotly JSON and handed out as a JsonFigure (charts/plotly_json.py), as the compare charts are: the
    validated figure's outline, layout and style updates were most of the map's 30 ms (issue 17, eighth round (m));
    the JSON is what plotly's own figure gives (tests/test_map_json.py)."""
    if view not in ("auto", "country", "units"):
        raise ValueError(f"view must be 'auto', 'country' or 'units', not {view!r}")
    units = units.copy()
    units["value"] = pd.to_numeric(units["value"], errors="coerce").astype("float64")
    has_place = units["lat"].notna() & units["lon"].notna()
    placed, unplaced = units[has_place], units[~has_place]
    style = MEDIA[medium]
    line_font = dict(size=style.label_size)
    traces = _outline_traces(outline, lang, medium)

    records = frame_records(placed)
    with_value = [row for row in records if not _missing(row["value"])]
    without_value = [row for row in records if _missing(row["value"])]
    size = _marker_size(len(records), medium)
    periods: dict = {}  # period code -> words, computed once per code
    if with_value:
        values = np.array([row["value"] for row in with_value], dtype="float64")
        low, high = float(values.min()), float(values.max())
        shown = [_shown_value(row, lang) for row in with_value]
        traces.append(dict(
            type="scatter", x=[row["lon"] for row in with_value], y=[row["lat"] for row in with_value],
            mode="markers", name=t("map.with_data", lang), showlegend=False,
            customdata=[row["unit_id"] for row in with_value],
            # the colours as a list of numbers (the validated figure held a numpy array and sent it as a base64
            # typed array: the same values; a list keeps `marker.color` a sequence of numbers for code reading it)
            marker=dict(size=size, color=values.tolist(), colorscale=[list(stop) for stop in _color_scale()], cmin=low,
                        cmax=high if high > low else low + 1, line=dict(color="#333333", width=0.6), showscale=True,
                        colorbar=dict(title=dict(text=plotly_text(value_label or ""), side="top"), thickness=14,
                                      len=0.6, outlinewidth=0, tickformat=",", exponentformat="none")),
            text=[plotly_text(text) for text in shown],
            hovertext=[_hover(row, lang, indicator, text, periods) for row, text in zip(with_value, shown)],
            hovertemplate="%{hovertext}<extra></extra>", textfont=dict(line_font)))
    if without_value:
        traces.append(dict(
            type="scatter", x=[row["lon"] for row in without_value], y=[row["lat"] for row in without_value],
            mode="markers", name=t("map.no_data", lang), showlegend=True,
            customdata=[row["unit_id"] for row in without_value],
            marker=dict(size=size, symbol="circle-open", color=NO_DATA_COLOR, line=dict(width=1.6)),
            hovertext=[_hover(row, lang, indicator, None, periods) for row in without_value],
            hovertemplate="%{hovertext}<extra></extra>", textfont=dict(line_font)))

    x_range, y_range, taken = _ranges(outline, placed, view)
    middle_lat = (y_range[0] + y_range[1]) / 2
    notes = [t("map.outline_note", lang)]
    if not unplaced.empty:
        notes.append(t("map.unplaced", lang, names=", ".join(plotly_text(name) for name in unplaced["unit_name"])))
    axis = dict(visible=False, showgrid=False, zeroline=False, showticklabels=False, fixedrange=False)
    # the house style (charts.style.apply_style: its fonts, title, margins, axes' grid and label sizes, each
    # annotation's font one point under the text's), then the map's own height and sea
    layout = layout_style(medium, dict(
        xaxis=dict(axis, range=x_range, automargin=True, tickfont=dict(size=style.label_size)),
        yaxis=dict(axis, range=y_range, scaleanchor="x", scaleratio=1 / math.cos(math.radians(middle_lat)),
                   gridcolor=GRID_COLOR, zerolinecolor="#BDBDBD", automargin=True)))
    if title:
        layout["title"] = dict(layout["title"], text=plotly_text(title))
    layout.update(
        separators=t("charts.plotly_separators", lang),
        legend=dict(x=0.01, xanchor="left", y=0.99, yanchor="top", bgcolor="rgba(255,255,255,0.85)"),
        annotations=[dict(text="<br>".join(notes), x=0, xref="paper", xanchor="left", y=-0.02, yref="paper",
                          yanchor="top", showarrow=False, align="left", font=dict(size=style.font_size - 1))],
        dragmode="pan",
        meta={"map_view": taken},  # the view actually taken, for a page to say so
        margin=dict(style.margin),
        height=HEIGHT[medium],
        plot_bgcolor=SEA_FILL,
    )
    return JsonFigure(dict(data=traces, layout=layout))



def one_figure_per_unit(rows: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The figure each unit is coloured by: of the most reported indicator in `rows`, the whole unit's figure
    before its bodies', communes' or one commune's, then the latest period. Returns the rows and the indicator."""
    if rows.empty:
        return rows, None
    indicator = rows["indicator_id"].value_counts().index[0]
    level_rank = {"district": 0, "commune_aggregate": 1, "unit_bodies": 2, "commune": 3}
    chosen = rows[rows["indicator_id"] == indicator].assign(
        _level=lambda f: f["level"].map(level_rank).fillna(4))
    chosen = chosen.sort_values(["_level", "period_end"], ascending=[True, False]).drop_duplicates("district_id")
    return chosen.drop(columns="_level"), indicator


def units_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Observation rows (with the unit's lat, lon) → the ``units`` frame of unit_map, values as shown. A hover card
    is built only for a unit that is drawn (a figure and a place): unit_map lists a unit without a place by name
    under the map, and its card would be built for nothing (0.03 s for the 2,530 units of the benchmark's `communes`,
    none of which has a centroid)."""
    from .labels import figure_owner, hover_card, value_text

    records = frame_records(rows)
    return pd.DataFrame({
        "unit_id": [r.get("unit_id") or r["district_id"] for r in records],
        "unit_name": [figure_owner(r, lang) for r in records],
        "lat": [r.get("lat") for r in records], "lon": [r.get("lon") for r in records],
        "value": [r.get("value") for r in records],
        "value_text": [value_text(r, lang) if not _missing(r.get("value")) else "" for r in records],
        "period_label": [r.get("period_label") for r in records],
        "source_title": [r.get("source_title") for r in records],
        "hover": [hover_card(r, lang) if not (_missing(r.get("value")) or _missing(r.get("lat"))
                                              or _missing(r.get("lon"))) else "" for r in records],
    }, columns=["unit_id", "unit_name", "lat", "lon", "value", "value_text", "period_label", "source_title", "hover"])
