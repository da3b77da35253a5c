"""Published province index results (DTI) as people compare them: one chart per edition and unit set, only the
provinces the sources give a figure for, best first; each bar says the rank and the score as printed, the hover
says the source page, its address and where on the page. Editions are never put on one axis: the framework
changed in 2022 and again for 2024 (34 provinces after the 2025 merger)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from i18n import t
from i18n.numbers import format_number
from i18n.periods import format_period

from .labels import wrap
from .markup import plotly_text
from .spec import ChartSpec
from .style import apply_style

BAR_COLOR = "#0072B2"
HIGHLIGHT_COLOR = "#D55E00"
ROW_HEIGHT = 22
SET_SIZE = {"provinces_63": 63, "provinces_34": 34}


def _present(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and pd.isna(value))


def province_name(row: dict) -> str:
    """The province's name as the units table writes it (sources print 'Bac Giang', 'TP Hà Nội', …)."""
    name = row.get("province_unit_name")
    return str(name) if _present(name) else str(row["province_name"])


def edition_key(index_id: str, edition: int, unit_set: str) -> str:
    """'dti-2022-63': the edition in a URL."""
    return f"{index_id}-{int(edition)}-{unit_set.removeprefix('provinces_')}"


def edition_label(index_id: str, edition: int, unit_set: str, lang: str, period: str | None = None) -> str:
    """'DTI 2022 (63 tỉnh, thành)'; a 766 result of a month, a quarter or a day names that period in words
    ('QD766 Tháng 7/2024 …'), never only the year it falls in."""
    when = format_period(period, lang) if _present(period) and str(period) != str(int(edition)) else int(edition)
    return t("provinces.edition_label", lang, index=index_id.upper(), edition=when, count=SET_SIZE.get(unit_set, "?"))


def rank_text(row: dict, lang: str) -> str:
    if not _present(row.get("rank")):
        return ""
    text = t("provinces.rank", lang, rank=int(row["rank"]))
    return text + (" " + t("provinces.tie", lang) if row.get("tie") is True else "")


def score_text(row: dict, lang: str) -> str:
    """The score on the scale the source prints it: DTI on 0–1 ('0,6077'), the 766 index in points of 100
    ('78,96'); the data keeps every score on 0–1 with its scale beside it."""
    if not _present(row.get("score")):
        return ""
    scale = int(row["score_scale"]) if _present(row.get("score_scale")) else 1
    decimals = 4 if scale == 1 else 2
    return format_number(round(float(row["score"]) * scale, decimals), lang, decimals=decimals)


def _hover(row: dict, lang: str) -> str:
    lines = [f"<b>{plotly_text(province_name(row))}</b>",
             plotly_text(edition_label(row["index_id"], row["edition"], row["unit_set"], lang))]
    if _present(row.get("rank")):
        lines.append(plotly_text(rank_text(row, lang)))
    if _present(row.get("score")):
        lines.append(f"{t('provinces.score', lang)}: <b>{plotly_text(score_text(row, lang))}</b>"
                     + (f" ({t('common.printed', lang)} «{plotly_text(row['score_printed'])}»)"
                        if _present(row.get("score_printed")) else ""))
    lines.append(f"{t('common.source', lang)}: {wrap(row.get('source_title') or row.get('source'))}")
    if _present(row.get("locator")):
        lines.append(f"{t('common.locator', lang)}: {wrap(row['locator'])}")
    if _present(row.get("source_url")):
        lines.append(f"{t('common.link', lang)}: {wrap(row['source_url'])}")
    if _present(row.get("note")) and str(row["note"]).strip():
        lines.append(f"{t('common.note', lang)}: {wrap(row['note'])}")
    return "<br>".join(lines)


def missing_provinces(rows: pd.DataFrame, places: pd.DataFrame, unit_set: str) -> list[str]:
    """The provinces of the set (queries/province_places.sql) the edition's rows have no figure for."""
    of_set = places[places["unit_set"] == unit_set]
    held = set(rows["province_unit_id"].dropna())
    return sorted(name for unit_id, name in zip(of_set["unit_id"], of_set["name_vi"]) if unit_id not in held)


def edition_chart(rows: pd.DataFrame, lang: str, *, missing: list[str] | None = None, highlight: str | None = None,
                  medium: str = "screen") -> ChartSpec:
    """The overall result of one edition (rows of queries/province_index_table.sql for one index, edition and unit
    set, measure 'overall'): a bar per province with a figure, best rank at the top. Bars are the score on 0–1 when
    every province shown has one; otherwise the chart is ordered by rank and each bar is a dot at its rank (a
    rank is not an amount). `highlight`: a province unit id drawn in another colour."""
    rows = rows.sort_values(["rank", "score"], ascending=[True, False], na_position="last")
    records = rows.to_dict("records")
    first = records[0]
    by_score = all(_present(r.get("score")) for r in records)
    names = [plotly_text(province_name(r)) for r in records]
    colors = [HIGHLIGHT_COLOR if highlight and r.get("province_unit_id") == highlight else BAR_COLOR for r in records]
    labels = [" · ".join(part for part in (rank_text(r, lang), score_text(r, lang)) if part) for r in records]
    hover = [_hover(r, lang) for r in records]
    figure = go.Figure()
    if by_score:
        figure.add_trace(go.Bar(
            x=[r["score"] for r in records], y=names, orientation="h", marker=dict(color=colors),
            text=[plotly_text(label) for label in labels], textposition="outside", cliponaxis=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r.get("province_unit_id") or "", r["province_code"]] for r in records]))
        value_axis = dict(title=t("provinces.score_axis", lang), range=[0, 1.12], tickformat=".1f")
    else:
        ranks = [r["rank"] if _present(r.get("rank")) else None for r in records]
        figure.add_trace(go.Scatter(
            x=ranks, y=names, mode="markers+text", marker=dict(color=colors, size=11),
            text=[plotly_text(label) for label in labels], textposition="middle right", cliponaxis=False,
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r.get("province_unit_id") or "", r["province_code"]] for r in records]))
        top = max([r for r in ranks if r is not None] or [1])
        value_axis = dict(title=t("provinces.rank_axis", lang), range=[0.5, top + max(top * 0.25, 4)],
                          dtick=5 if top > 20 else 1)
    title = t("provinces.chart_title", lang, edition=edition_label(first["index_id"], first["edition"],
                                                                   first["unit_set"], lang))
    figure.update_layout(
        title=dict(text=plotly_text(title)), separators=t("charts.plotly_separators", lang), showlegend=False,
        xaxis=value_axis, yaxis=dict(autorange="reversed", type="category"),
        meta=dict(chart_id=f"provinces.{edition_key(first['index_id'], first['edition'], first['unit_set'])}"),
    )
    apply_style(figure, medium)
    figure.update_layout(height=160 + ROW_HEIGHT * len(records), margin=dict(l=20, r=40, t=90, b=50))
    sources = list(dict.fromkeys(str(r.get("source_title") or r.get("source")) for r in records))
    note = f"{t('common.source', lang)}: {'; '.join(sources)}"
    notes = [t("provinces.held", lang, held=len(records), total=SET_SIZE.get(first["unit_set"], len(records)))]
    if missing:
        notes.append(t("provinces.missing", lang, count=len(missing), names=", ".join(missing)))
    if not by_score:
        notes.append(t("provinces.ranks_only", lang))
    return ChartSpec(chart_id=f"provinces.{edition_key(first['index_id'], first['edition'], first['unit_set'])}",
                     title=title, figure=figure, source_note=note, notes=notes)


def results_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A province's published results, one row per edition, unit set and measure, with source, address and where
    on the page (empty cells stay empty)."""
    records = rows.sort_values(["edition", "unit_set", "measure"]).to_dict("records")

    def text(value) -> str:
        return str(value) if _present(value) else ""

    return pd.DataFrame({
        t("provinces.col_province", lang): [province_name(r) for r in records],
        t("provinces.col_edition", lang): [edition_label(r["index_id"], r["edition"], r["unit_set"], lang,
                                                         r.get("period")) for r in records],
        t("provinces.col_measure", lang): [t(f"provinces.measure_{r['measure']}", lang) for r in records],
        t("provinces.col_rank", lang): [rank_text(r, lang) for r in records],
        t("provinces.score", lang): [score_text(r, lang) for r in records],
        t("common.source", lang): [text(r.get("source_title")) for r in records],
        t("views.col_url", lang): [text(r.get("source_url")) for r in records],
        t("common.locator", lang): [text(r.get("locator")) for r in records],
        t("common.note", lang): [text(r.get("note")) for r in records],
    })


def rank_grid(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Provinces × editions of the overall rank (only what was published; empty where nothing was found)."""
    overall = rows[rows["measure"] == "overall"].copy()
    overall["column"] = [edition_label(i, e, s, lang) for i, e, s in
                         zip(overall["index_id"], overall["edition"], overall["unit_set"])]
    records = overall.to_dict("records")
    overall["shown"] = [rank_text(r, lang) for r in records]
    overall["name"] = [province_name(r) for r in records]
    grid = overall.pivot_table(index="name", columns="column", values="shown", aggfunc="first")
    grid = grid.reindex(columns=list(dict.fromkeys(overall.sort_values(["edition", "unit_set"])["column"])))
    grid.index.name = t("provinces.col_province", lang)
    grid.columns.name = None
    return grid.fillna("")
