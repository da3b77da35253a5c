"""The scorecard: units of one kind × headline indicators, each cell coloured by how the figure stands against the
national target, or against the best unit shown where there is no target. A unit without the figure gets an empty
grey cell marked "no data", never a colour that could be read as a result."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.targets import reaches
from i18n import t

from .compare import even_parts
from .labels import (_present, group_title, hover_card, indicator_name, period_text, short_undated, source_note,
                     unit_labels, value_text)
from .markup import plotly_text
from .plotly_json import JsonFigure
from .spec import ChartSpec
from .style import GRID_COLOR, MEDIA, layout_style

# A row that holds figures of different definitions (Hương Khê's 215 merged teams of every level beside other
# units' village teams) marks each figure with its definition's sign, explained under the grid.
DEFINITION_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"
# Status → position on the discrete colour scale.
STATUS = {"below": 0, "near": 1, "meets": 2, "neutral": 3}
STATUS_COLORS = ["#F4A6A6", "#FFE08A", "#9BD8A6", "#D9E2EC"]
NEAR_SHARE = 0.8  # within 80% of the reference counts as "close"
MEETS_SHARE_OF_BEST = 0.9  # without a target, within 10% of the best district counts as "among the best"
# Fixed sizes (px): plotly's automatic heatmap text shrinks to the cell, which the long row labels made ~5 px.
# The slide medium is the show mode's: 14 rows must fit a 1366×768 laptop under the title (pictures of it are
# restyled larger by exports/images.py).
CELL_FONT = {"screen": 13, "slide": 13}
# Characters per line of a row label: long names wrap instead of squeezing the grid (two lines at most on a slide).
ROW_LABEL_WRAP = {"screen": 26, "slide": 40}
# Characters per line of a headline's name over its column, and of a cell's period, when units are the rows (the
# columns are then about 120 px wide on a laptop: "Tháng 7/2025 – 11/2025" takes two lines).
COLUMN_LABEL_WRAP = 16
PERIOD_WRAP = 15
# More headline columns than six make them narrower: the province view's ten columns are about 75 px each on a 1366 px
# laptop ("about 85.83%¹" ran out of its cell, the column names stood on end over the title). The grid's share of
# the page (its width less the unit names) and a character of the cell font share them out.
TURNED_GRID_WIDTH = 745
CELL_CHAR_WIDTH = 8  # Vietnamese letters with their marks run wider than 7 px
NARROWEST_WRAP = 8


def turned_wrap(columns: int) -> int:
    """Characters per line of a turned grid's cells and column names, for this many headline columns."""
    return max(NARROWEST_WRAP, min(PERIOD_WRAP, int(TURNED_GRID_WIDTH / max(columns, 1) / CELL_CHAR_WIDTH)))
ROW_HEIGHT = {"screen": 50, "slide": 50}
# A slide's grid keeps units across (a 1366×768 slide holds 14 lines, not 20 units), at most seven of them: twenty
# columns ran every value and period into its neighbours'; more units go on further slides (20 units: 7, 7, 6).
SLIDE_UNITS = 7
LINE_HEIGHT = 17  # one more line of cell text at the cell font


def cell_status(value: float, target: float | None, best: float | None, higher_is_better,
                qualifier: str | None = None) -> str | None:
    """How one figure stands: against the national target when there is one (read with its qualifier: 'gần 100%'
    does not meet 100%), otherwise against the best unit; neutral when the catalogue does not say which direction
    is better."""
    if value is None or pd.isna(value):
        return None
    if higher_is_better is None or pd.isna(higher_is_better):
        return "neutral"
    if not higher_is_better:
        return "neutral"  # no lower-is-better headline yet; say nothing rather than guess
    if target is not None and not pd.isna(target):
        qualifier = qualifier if isinstance(qualifier, str) else None
        return "meets" if reaches(value, target, qualifier) else ("near" if value >= NEAR_SHARE * target else "below")
    if best is None or pd.isna(best) or best <= 0:
        return "neutral"
    share = value / best
    return "meets" if share >= MEETS_SHARE_OF_BEST else ("near" if share >= NEAR_SHARE * MEETS_SHARE_OF_BEST else "below")


def with_meaning(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells with the catalogue's meaning of each row, as the scorecard query returns it: 'scale_free' and the
    group's names (queries/scorecard_cells.sql selects them from the catalogue's columns)."""
    missing = {"scale_free", "compare_group_name_vi", "compare_group_name_en"} - set(cells.columns)
    if missing:
        raise KeyError(f"scorecard cells without the catalogue's meaning: {sorted(missing)}")
    return cells


def row_title(key: str, row, lang: str) -> str:
    """A headline row's title: its compare group's name from the catalogue, or the lone indicator's name."""
    name = row.get(f"compare_group_name_{lang}")
    if isinstance(name, str) and name:
        return name
    return group_title(key, row, lang)


def _judged(records: list[dict]) -> list[tuple[str | None, str | None]]:
    """(status, reference) of each cell: 'reference' is 'target' | 'best' | None. One pass over plain rows."""
    best: dict[str, float] = {}
    reporting: dict[str, int] = {}
    definitions: dict[str, set] = {}
    for row in records:
        key = row["row_key"]
        if _present(row["value"]):
            best[key] = max(best.get(key, row["value"]), row["value"])
            reporting[key] = reporting.get(key, 0) + 1
        if _present(row["indicator_id"]):
            definitions.setdefault(key, set()).add(row["indicator_id"])
    judged = []
    for row in records:
        key = row["row_key"]
        has_target = _present(row["target_value"])
        # Ranking against the best is fair only for scale-free figures (rates, ratios) of one definition:
        # a big district has more teams than a small one without doing better. Which are scale-free, the catalogue
        # says (indicators.yaml, domain/catalogue.py).
        size_free = isinstance(row["scale_free"], (bool, np.bool_)) and bool(row["scale_free"])  # NA: no figure
        comparable = reporting.get(key, 0) >= 2 and len(definitions.get(key, ())) == 1 and size_free
        comparable_best = best.get(key) if comparable else None
        judged.append((cell_status(row["value"], row["target_value"] if has_target else None, comparable_best,
                                   row["higher_is_better"], row.get("qualifier")),
                       "target" if has_target else ("best" if comparable_best is not None else None)))
    return judged


def _records(cells: pd.DataFrame | list[dict]) -> list[dict]:
    if isinstance(cells, pd.DataFrame):
        return with_meaning(cells).to_dict("records")
    missing = {"scale_free", "compare_group_name_vi", "compare_group_name_en"} - set(cells[0] if cells else {})
    if cells and missing:
        raise KeyError(f"scorecard cells without the catalogue's meaning: {sorted(missing)}")
    return cells


def with_status(cells: pd.DataFrame) -> pd.DataFrame:
    """Add 'status' and 'reference' ('target' | 'best' | None) to the scorecard cells."""
    cells = with_meaning(cells)
    judged = _judged(cells.to_dict("records"))
    return cells.assign(status=[status for status, _ in judged], reference=[reference for _, reference in judged])


def scorecard_parts(cells: pd.DataFrame | list[dict], per_part: int = SLIDE_UNITS) -> list[tuple[str, ...]]:
    """The cells' units in column order, cut into parts of at most `per_part`, as even as possible."""
    units = list(dict.fromkeys(r["district_id"] for r in _records(cells)))
    return even_parts(units, -(-len(units) // per_part))


def scorecard_chart(cells: pd.DataFrame | list[dict], lang: str, medium: str = "screen",
                    part: tuple[int, list[tuple[str, ...]]] | None = None) -> ChartSpec:
    """cells: rows of queries/scorecard_cells.sql (one per headline row × district), as a frame or plain rows;
    read in one pass (the page rebuilds it on every change of units). `part`: (its number from 1, every part's
    units) when a deck spreads the units over several slides; a cell is still judged against every unit of the
    deck (the best of them, not of its slide), and every part has the same rows."""
    records = _records(cells)
    judged = _judged(records)
    part_units: tuple[str, ...] = ()
    if part is not None:
        number, parts = part
        part_units = parts[number - 1]
        kept = [(r, j) for r, j in zip(records, judged) if r["district_id"] in part_units]
        every_record, records, judged = records, [r for r, _ in kept], [j for _, j in kept]
    else:
        every_record = records
    # A headline no chosen unit reports is named under the grid, not drawn as a line of empty cells (14 lines of
    # "no data" buried the two that communes report).
    reported_rows = {r["row_key"] for r in every_record if _present(r["value"])}
    unreported = list(dict.fromkeys(r["row_key"] for r in records if r["row_key"] not in reported_rows))
    if reported_rows:
        kept = [(r, j) for r, j in zip(records, judged) if r["row_key"] in reported_rows]
        all_records, records, judged = records, [r for r, _ in kept], [j for _, j in kept]
    else:
        all_records, unreported = records, []
    rows = list(dict.fromkeys(r["row_key"] for r in records))
    # Columns are units, keyed by id: two units of one name (the district and the commune Thuận Châu) are two
    # columns, each headed by a label that tells them apart.
    labels = unit_labels(records, lang)
    districts = list(labels)
    first_of_row: dict[str, dict] = {}
    for r in every_record:  # every part of a split scorecard names its rows and marks its definitions alike
        if _present(r["indicator_id"]):
            first_of_row.setdefault(r["row_key"], r)
    # a row no chosen unit reports is named by the catalogue (the query's row_name_*), never by its key
    catalogue_names = {r["row_key"]: r.get(f"row_name_{lang}") or r.get("row_name_vi") for r in all_records}
    row_titles = [row_title(key, first_of_row[key], lang) if key in first_of_row else catalogue_names.get(key) or key
                  for key in rows]
    marks = definition_marks(every_record)
    # see the grid's axes below; a slide keeps units across (a 1366×768 screen holds 14 lines, not 20 units)
    units_as_rows = medium == "screen" and len(districts) > len(rows)
    columns_wrap = turned_wrap(len(rows)) if units_as_rows else PERIOD_WRAP
    undated_shortened = False

    # None where there is no figure (a gap in the grid, as NaN would be): plain lists, so the JSON is the same as
    # plotly's validated figure of the same dict (a numpy array would be sent as typed base64 by one, not the other).
    z: list[list[float | None]] = [[None for _ in districts] for _ in rows]
    row_place = {key: n for n, key in enumerate(rows)}
    column_place = {unit: n for n, unit in enumerate(districts)}
    text = [["" for _ in districts] for _ in rows]
    hover = [["" for _ in districts] for _ in rows]
    for cell, (status, reference) in zip(records, judged):
        r, c = row_place[cell["row_key"]], column_place[cell["district_id"]]
        if status is None:  # no figure
            # in a turned grid the columns are narrow: the words on two lines
            words = wrapped_label(t("common.no_data", lang), 9) if units_as_rows else plotly_text(t("common.no_data", lang))
            text[r][c] = f"<i>{words}</i>"
            hover[r][c] = f"<b>{plotly_text(labels[cell['district_id']])}</b><br>{t('charts.no_data_hover', lang)}"
            continue
        z[r][c] = float(STATUS[status])
        period, shortened = short_undated(period_text(cell, lang), lang)  # "~2025", said once under the grid
        undated_shortened |= shortened
        mark = marks.get((cell["row_key"], cell["indicator_id"]), "")
        # wrapped where columns are narrow: a turned grid, and a slide's seven columns (show mode gives each about
        # 130 px: "Tháng 7/2025 – 11/2025" on one line ran into the next unit's cell)
        period_lines = wrapped_label(period, columns_wrap) if units_as_rows or medium != "screen" else plotly_text(period)
        value = value_text(cell, lang)
        # a qualified value ("khoảng 85,83%") goes on two lines where its column is narrow, as its period does
        value_lines = wrapped_label(value, columns_wrap) if units_as_rows else plotly_text(value)
        text[r][c] = f"<b>{value_lines}</b>{mark}<br>{period_lines}"
        hover[r][c] = (hover_card(cell, lang) + "<br>"
                       + t(f"scorecard.status_{status}_{reference or 'none'}", lang))

    scale = []
    for n, color in enumerate(STATUS_COLORS):
        scale += [[n / len(STATUS_COLORS), color], [(n + 1) / len(STATUS_COLORS), color]]
    cell_font = CELL_FONT.get(medium, CELL_FONT["screen"])
    style = MEDIA[medium]
    title = t("scorecard.title", lang) if part is None or len(part[1]) == 1 else t(
        "scorecard.title_part", lang, part=part[0], parts=len(part[1]))
    unit_names = [plotly_text(labels[unit]) for unit in districts]
    indicator_names = [plotly_text(title) for title in row_titles]
    wrap = ROW_LABEL_WRAP.get(medium, 26)
    # Units across the top while they are fewer than the headline rows; more units than rows (20 communes beside 6
    # headlines) turn the grid: one unit per line, its name written flat, and each cell wide enough for its value and
    # period — twenty columns of ~40 px made every cell's text run into its neighbours'.
    if units_as_rows:
        z, text, hover = (list(map(list, zip(*grid))) for grid in (z, text, hover))
        x, y = indicator_names, unit_names
        # flat: plotly stands crowded names on end, and then they ran into the title above the grid
        x_ticks = dict(tickmode="array", tickvals=indicator_names, tickangle=0,
                       ticktext=[wrapped_label(title, min(COLUMN_LABEL_WRAP, columns_wrap)) for title in row_titles])
        y_ticks = {}
    else:
        x, y = unit_names, indicator_names
        x_ticks = {}
        y_ticks = dict(tickmode="array", tickvals=indicator_names,
                       ticktext=[wrapped_label(title, wrap) for title in row_titles])
    # narrow columns take their names a size smaller, so that "e-documents" stays inside its column
    header_font = cell_font + 1 if columns_wrap >= PERIOD_WRAP - 2 else cell_font - 1
    heatmap = dict(
        type="heatmap", z=z, x=x, y=y,
        text=text, texttemplate="%{text}", textfont=dict(size=cell_font), hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>", colorscale=scale, zmin=-0.5, zmax=len(STATUS_COLORS) - 0.5,
        showscale=False, xgap=3, ygap=3)
    # The house style (layout_style) with the grid's own axes; the row and column labels keep plotly's automatic
    # margins (unit names over the columns tilt when they crowd, which a preset margin cannot foresee).
    layout = layout_style(medium, dict(
        yaxis=dict(autorange="reversed", showgrid=False, gridcolor=GRID_COLOR, zerolinecolor="#BDBDBD",
                   automargin=True, tickfont=dict(size=cell_font), **y_ticks),
        xaxis=dict(side="top", showgrid=False, automargin=True, tickfont=dict(size=header_font), **x_ticks)))
    header = 40 + 18 * max((wrapped_label(title, min(COLUMN_LABEL_WRAP, columns_wrap)).count("<br>")
                            for title in row_titles), default=0) \
        if units_as_rows else 0
    layout.update(title=dict(layout["title"], text=title),
                  height=scorecard_height(len(districts) if units_as_rows else len(rows), medium,
                                          lines=max((cell.count("<br>") + 1 for line in text for cell in line), default=2))
                  + header,
                  # the column names stand between the title and the grid, not over the title
                  margin=dict(t=100 + max(header - 58, 0), l=10, r=10, b=10))
    if medium != "screen":
        layout["uniformtext"] = dict(minsize=max(style.label_size - 4, 9), mode="show")
    figure = JsonFigure(dict(data=[heatmap], layout=layout))
    reported = [r for r in records if _present(r["value"])]
    notes = [t("scorecard.legend", lang), *mixed_definition_notes(reported, marks, dict(zip(rows, row_titles)), lang)]
    if undated_shortened:
        notes.append(t("present.undated_note", lang))
    if unreported:
        notes.append(t("scorecard.rows_unreported", lang,
                       rows="; ".join(catalogue_names.get(key) or key for key in unreported)))
    note = source_note(reported, lang) if len(reported) else t("scorecard.source_note", lang)
    return ChartSpec(chart_id="overview.scorecard", title=title, figure=figure, source_note=note, notes=notes,
                     part_units=part_units)


def definition_marks(records: list[dict]) -> dict[tuple[str, str], str]:
    """(row, indicator) → its sign, for the rows whose figures are of more than one indicator: a compare group
    gathers near-equivalent indicators on one chart, but a count of village teams and a total of every level are
    not the same count (the catalogue keeps them apart as separate indicators), so each figure says which it is."""
    definitions: dict[str, dict[str, None]] = {}
    for r in records:
        if _present(r["value"]):
            definitions.setdefault(r["row_key"], {})[r["indicator_id"]] = None
    return {(key, indicator): DEFINITION_MARKS[n % len(DEFINITION_MARKS)]
            for key, indicators in definitions.items() if len(indicators) > 1
            for n, indicator in enumerate(indicators)}


def mixed_definition_notes(reported: list[dict], marks: dict[tuple[str, str], str], titles: dict[str, str],
                           lang: str) -> list[str]:
    """One plain note per row of mixed definitions: which sign means which indicator, and whose figure it is."""
    notes = []
    labels = unit_labels(reported, lang)
    for key in dict.fromkeys(row_key for row_key, _indicator in marks):
        figures: dict[str, list[dict]] = {}
        for r in reported:
            if r["row_key"] == key:
                figures.setdefault(r["indicator_id"], []).append(r)
        parts = [t("scorecard.definition_item", lang, mark=marks[(key, indicator)],
                   indicator=indicator_name(rows[0], lang), units=", ".join(labels[r["district_id"]] for r in rows))
                 for indicator, rows in figures.items()]
        notes.append(t("scorecard.mixed_definitions", lang, row=titles.get(key, key), items="; ".join(parts)))
    return notes


@lru_cache(maxsize=4096)
def wrapped_label(title: str, width: int = 26) -> str:
    """A row label in lines of at most `width` characters (escaped for plotly), so the grid keeps its width. Kept
    per label and width: a grid wraps the same row titles, periods and 'no data' words on every rerun (about 290
    textwrap calls for 19 units, issue 17 eighth round (m))."""
    return "<br>".join(plotly_text(line) for line in textwrap.wrap(str(title), width)) or plotly_text(title)


def scorecard_height(rows: int, medium: str = "screen", lines: int = 2) -> int:
    """Height by rows: every row keeps room for its cells' lines of text (two at least) at the fixed font size."""
    extra_lines = max(lines - 2, 0)
    return 140 + (ROW_HEIGHT.get(medium, ROW_HEIGHT["screen"]) + LINE_HEIGHT * extra_lines) * rows
