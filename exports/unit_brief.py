"""One unit's headline figures: the profile slide of a deck and the one-page unit brief (PDF).

Each figure keeps its period, level and source; the quote goes with it wherever there is room (speaker notes,
the brief's footnotes). The PDF is drawn by kaleido (offline, the chart fonts) like every other picture."""

from __future__ import annotations

import datetime as dt
import textwrap

import duckdb
import pandas as pd
import plotly.graph_objects as go

import queries
from charts.labels import date_text, indicator_name, level_label, period_text, provenance_text, source_text, value_text
from charts.markup import plotly_text
from charts.profile import LEVEL_RANK, latest_figures
from charts.spec import ChartSpec
from charts.style import FONT_FAMILY, TEXT_COLOR
from i18n import t

from .images import figure_pdf
from .pack_text import data_version

PROFILE_PREFIX = "profile."  # profile.<unit id>: one unit's headline figures as a table (a deck's chart id)
WHOLE_UNIT = min(LEVEL_RANK, key=LEVEL_RANK.get)  # the level whose figure is the whole unit's

A4 = (1240, 1754)  # px at 150 dpi


def profile_rows(con: duckdb.DuckDBPyConnection, unit: str, lang: str) -> pd.DataFrame:
    """One row per indicator the unit reported, the figure its profile page shows (charts.profile.latest_figures:
    the declared level order, then the latest period; a stated rate superseded by its derived twin left out);
    columns are plain text (indicator, value, period, level, source, quote), in catalogue order. 'figure' is the
    value as a one-line table writes it: with its level beside it when it is not the whole unit's ('62% · xã Lâm
    Thượng'), so one commune's rate never reads as the unit's."""
    observations = queries.run(con, "observations_for_districts", districts=[unit], theme=None, indicators=None)
    columns = ["indicator", "value", "figure", "period", "level", "source", "quote", "unit_name", "source_id"]
    if observations.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in latest_figures(observations).to_dict("records"):
        value, level = value_text(row, lang), level_label(row, lang)
        rows.append({
            "indicator": indicator_name(row, lang), "value": value,
            "figure": value if row["level"] == WHOLE_UNIT else f"{value} · {level}",
            "period": period_text(row, lang), "level": level,
            "source": source_text(row, lang), "quote": provenance_text(row, lang), "unit_name": row["district_name"],
            "source_id": row["source_id"],
        })
    return pd.DataFrame(rows, columns=columns)


def unit_name(con: duckdb.DuckDBPyConnection, unit: str) -> str:
    units = queries.run(con, "districts").set_index("district_id")["district_name"]
    return str(units.get(unit, unit))


def profile_title(name: str, lang: str) -> str:
    return t("present.profile_title", lang, unit=name)


def _table(rows: pd.DataFrame, lang: str, font: int, widths: list[float], wrap: list[int],
           source_column: str = "source") -> go.Table:
    header = [t("present.col_indicator", lang), t("common.value", lang), t("common.period", lang),
              t("common.source", lang)]
    cells = [["<br>".join(plotly_text(line) for line in textwrap.wrap(str(text), width)) for text in rows[column]]
             for column, width in zip(("indicator", "figure", "period", source_column), wrap)]
    return go.Table(
        columnwidth=widths,
        header=dict(values=[f"<b>{plotly_text(h)}</b>" for h in header], fill_color="#DDE6F0", align="left",
                    font=dict(size=font, family=FONT_FAMILY, color=TEXT_COLOR), height=font * 2),
        cells=dict(values=cells, align="left", fill_color="white", line_color="#D0D0D0", height=int(font * 1.9),
                   font=dict(size=font, family=FONT_FAMILY, color=TEXT_COLOR)))


def numbered_sources(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Each row's source as [n], and the list of the n documents: a long title is written once, not per row."""
    documents = list(dict.fromkeys(rows["source"]))
    return rows.assign(source_ref=[f"[{documents.index(s) + 1}]" for s in rows["source"]]), \
        [f"[{n}] {document}" for n, document in enumerate(documents, start=1)]


def profile_chart(con: duckdb.DuckDBPyConnection, unit: str, lang: str, medium: str = "slide") -> ChartSpec:
    """The unit's profile as a table figure: what a deck shows on screen and what the PDF pack prints."""
    rows = profile_rows(con, unit, lang)
    name = unit_name(con, unit)
    title = profile_title(name, lang)
    font = 18 if medium == "slide" else 13
    rows, documents = numbered_sources(rows)
    figure = go.Figure(_table(rows, lang, font, [0.55, 0.15, 0.22, 0.08], [60, 16, 24, 8], "source_ref"))
    figure.update_layout(title=dict(text=plotly_text(title), x=0.01, xanchor="left", font=dict(size=font + 8)),
                         font=dict(family=FONT_FAMILY, size=font, color=TEXT_COLOR),
                         margin=dict(l=20, r=20, t=80, b=20), height=720 if medium == "slide" else 520,
                         paper_bgcolor="white")
    note = f"{t('common.source', lang)}: {'; '.join(documents)}" if documents else t("present.profile_empty", lang)
    return ChartSpec(chart_id=f"{PROFILE_PREFIX}{unit}", title=title, figure=figure, source_note=note)


def brief_figure(con: duckdb.DuckDBPyConnection, unit: str, lang: str, today: dt.date) -> go.Figure:
    """The one-page brief: title, scope and data version, the headline figures with period and source, and the
    quotes as numbered footnotes."""
    rows = profile_rows(con, unit, lang)
    name = unit_name(con, unit)
    width, height = A4
    rows, documents = numbered_sources(rows)
    table = _table(rows, lang, 15, [0.56, 0.15, 0.21, 0.08], [70, 18, 26, 8], "source_ref")
    figure = go.Figure(table.update(domain=dict(x=[0, 1], y=[0.42, 1])))
    fingerprint, built = data_version(con, lang)
    subtitle = t("present.brief_meta", lang, date=date_text(today, lang), version=fingerprint, built=built)
    quotes = [f"{n}. {row.indicator} — {row.quote}" for n, row in enumerate(rows.itertuples(), start=1)]
    lines = [line for text in [f"{t('common.source', lang)}:", *documents, "", t("present.brief_quotes", lang), *quotes]
             for line in (textwrap.wrap(text, 150) or [""])]
    figure.add_annotation(text="<br>".join(plotly_text(line) for line in lines[:48]), xref="paper", yref="paper",
                          x=0, y=0.4, xanchor="left", yanchor="top", showarrow=False, align="left",
                          font=dict(size=11, color="#444444"))
    figure.update_layout(
        title=dict(text=plotly_text(t("present.brief_title", lang, unit=name)), x=0.03, xanchor="left",
                   font=dict(size=28), subtitle=dict(text=plotly_text(subtitle), font=dict(size=14))),
        font=dict(family=FONT_FAMILY, size=14, color=TEXT_COLOR), width=width, height=height,
        margin=dict(l=40, r=40, t=130, b=40), paper_bgcolor="white")
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure


def build_unit_brief(con: duckdb.DuckDBPyConnection, unit: str, lang: str = "vi",
                     today: dt.date | None = None) -> bytes:
    return figure_pdf(brief_figure(con, unit, lang, today or dt.date.today()))
