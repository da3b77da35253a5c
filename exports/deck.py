"""A deck: which charts, for which districts, in which language — the one description the Present page, the
PPTX and the PDF all resolve, so they show the same charts. It round-trips through the URL."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

import queries
from charts.colors import district_colors
from charts.compare import comparable_keys, comparison_charts, group_records
from charts.labels import group_title
from charts.scorecard import scorecard_chart, scorecard_parts
from charts.spec import ChartSpec
from i18n import t

from .unit_brief import PROFILE_PREFIX, profile_chart, profile_rows

SCORECARD_ID = "overview.scorecard"


@dataclass(frozen=True)
class Deck:
    chart_ids: tuple[str, ...]  # e.g. ("signing.signing_rate", "community_teams.community_teams")
    districts: tuple[str, ...]
    lang: str = "vi"
    per: str | None = None  # charts.compare.NORMALISATIONS: counts per commune or per 1,000 residents
    title: str = field(default="", compare=False)


def all_charts(con: duckdb.DuckDBPyConnection, districts: list[str], lang: str, *, per: str | None = None,
               medium: str = "screen", themes: tuple[str, ...] | None = None) -> list[ChartSpec]:
    """Every comparison chart (catalogue order) for these districts, of all themes or only the given ones."""
    every_district = queries.run(con, "districts")
    selected = every_district[every_district["district_id"].isin(districts)]
    colors = district_colors(list(every_district["district_id"]), together=districts)
    charts: list[ChartSpec] = []
    for theme in themes or (None,):
        observations = queries.run(con, "observations_for_districts", districts=list(districts), theme=theme,
                                   indicators=None)
        charts += comparison_charts(observations, selected, colors, lang, per=per, medium=medium)
    return charts


def unit_rows(con: duckdb.DuckDBPyConnection, districts: list[str]) -> pa.Table:
    """Every theme's rows of these units (observations_for_districts, in its order) as one Arrow table, from one
    query: a Compare view's theme change then reads its theme's rows from memory (deck_groups(rows=…)) instead of
    querying again. Read through DuckDB's relation API, which hands its Arrow result over without the extra copy
    a DB-API result makes (13.8 ms for one theme's rows as dicts either way at national; a theme's slice of the
    kept table as dicts, 5.3 ms; issue 17, eighth round (c))."""
    cur = queries.cursor(con)
    try:
        every_theme = {"districts": list(districts), "theme": None, "indicators": None}
        return cur.sql(queries.sql("observations_for_districts"), params=every_theme).to_arrow_table()
    finally:
        cur.close()


def deck_groups(con: duckdb.DuckDBPyConnection, districts: list[str],
                theme: str | None = None, rows: pa.Table | None = None) -> dict[str, list[dict]]:
    """Every chart these units make (of one theme, when given: a Compare view) with its rows, in catalogue order
    (charts.compare.group_records), from one query read as plain rows: what the deck picker's titles and the
    charts a deck leaves out are both read from (at national, the titles alone took 0.33 s from a DataFrame
    indexed once per chart, and the left-out charts another 0.36 s from the same query run again and turned into
    dicts). `rows`: these units' rows of every theme (unit_rows), when the caller keeps them: the theme's rows are
    taken from them (the same rows, values and order as the query of that theme alone) without a query."""
    if rows is None:
        return group_records(queries.records(con, "observations_for_districts", districts=list(districts),
                                             theme=theme, indicators=None))
    if theme is not None:
        rows = rows.filter(pc.equal(rows["theme"], theme))
    return group_records(rows.to_pylist())


# What a deck's picker reads of a chart's rows: its key and place in the catalogue (charts.compare.group_records), its
# title (charts.labels.group_title) and which units have a figure it draws (charts.compare.comparable_keys).
OUTLINE_COLUMNS = ("theme", "compare_group", "indicator_id", "indicator_order", "compare_group_name_vi",
                   "compare_group_name_en", "indicator_name_vi", "indicator_name_en", "district_id", "district_name",
                   "superseded_by", "latest")


def deck_outline(con: duckdb.DuckDBPyConnection, districts: list[str]) -> dict[str, list[dict]]:
    """deck_groups of every theme with only the columns the deck picker reads (OUTLINE_COLUMNS): what
    chart_titles and single_unit_charts are worked out from on the Present page's first run. The same query
    (observations_for_districts), its rows in its order, read through a projection: DuckDB then reads 12 of
    chart_rows' 69 columns (no quotes, sources or notes) and hands over 12 columns as Python values instead of 69
    (at national, the whole rows as dicts were about 47 ms of the page's first run; issue 17, ninth round (f))."""
    cur = queries.cursor(con)
    try:
        every_theme = {"districts": list(districts), "theme": None, "indicators": None}
        rows = cur.sql(queries.sql("observations_for_districts"), params=every_theme).select(*OUTLINE_COLUMNS)
        return group_records(rows.to_arrow_table().to_pylist())
    finally:
        cur.close()


def chart_titles(con: duckdb.DuckDBPyConnection, districts: list[str], lang: str,
                 groups: dict[str, list[dict]] | None = None) -> dict[str, str]:
    """Every chart these districts make, id → title, without building a figure: what a deck is picked from. Each
    title is read from its chart's first row, as the chart itself reads it (`groups`: deck_groups, when the
    caller has them)."""
    groups = deck_groups(con, districts) if groups is None else groups
    titles = {f"{rows[0]['theme']}.{key}": group_title(key, rows[0], lang) for key, rows in groups.items()}
    if titles:
        titles[SCORECARD_ID] = t("scorecard.title", lang)
    names = queries.run(con, "districts").set_index("district_id")["district_name"]
    for unit in districts:
        if unit in names.index:
            titles[f"{PROFILE_PREFIX}{unit}"] = t("present.profile_title", lang, unit=names[unit])
    return titles


def single_unit_charts(con: duckdb.DuckDBPyConnection, districts: list[str],
                       groups: dict[str, list[dict]] | None = None) -> dict[str, list[str]]:
    """The charts fewer than two of these units have a figure on (chart id → the unit that has), by the Compare
    page's rule (charts.compare.comparable_keys: at their latest period): a deck leaves them out by default, as the
    Compare page does, and says which. Nothing is left out for a single unit. `groups`: deck_groups, when the
    caller has them."""
    if len(districts) < 2:
        return {}
    groups = deck_groups(con, districts) if groups is None else groups
    _, single = comparable_keys(groups)
    return {f"{groups[key][0]['theme']}.{key}": units for key, units in single.items()}


def deck_charts(con: duckdb.DuckDBPyConnection, deck: Deck, medium: str = "slide") -> list[ChartSpec]:
    """The deck's charts in the deck's order; ids that no longer exist (data changed) are left out."""
    themes = tuple(dict.fromkeys(chart_id.split(".", 1)[0] for chart_id in deck.chart_ids
                                 if chart_id != SCORECARD_ID and not chart_id.startswith(PROFILE_PREFIX)))
    by_id: dict[str, list[ChartSpec]] = {}  # a chart's slides (several parts when its bars are many)
    for spec in all_charts(con, list(deck.districts), deck.lang, per=deck.per, medium=medium, themes=themes) \
            if themes else ():
        by_id.setdefault(spec.chart_id, []).append(spec)
    scorecard_slides: list[ChartSpec] = []
    if SCORECARD_ID in deck.chart_ids and deck.districts:
        cells = scorecard_cells(con, deck)
        if medium == "screen":
            scorecard_slides = [scorecard_chart(cells, deck.lang, medium)]
        else:  # units across, a few per slide (charts.scorecard.SLIDE_UNITS)
            parts = scorecard_parts(cells)
            scorecard_slides = [scorecard_chart(cells, deck.lang, medium, part=(number, parts))
                                for number in range(1, len(parts) + 1)]
    for chart_id in deck.chart_ids:
        unit = chart_id.removeprefix(PROFILE_PREFIX)
        if chart_id.startswith(PROFILE_PREFIX) and unit in deck.districts:
            by_id[chart_id] = [profile_chart(con, unit, deck.lang, medium)]
    return [spec for chart_id in deck.chart_ids
            for spec in (scorecard_slides if chart_id == SCORECARD_ID else by_id.get(chart_id, []))]


def scorecard_cells(con: duckdb.DuckDBPyConnection, deck: Deck):
    return queries.run(con, "scorecard_cells", districts=list(deck.districts))


def deck_source_ids(con: duckdb.DuckDBPyConnection, deck: Deck, charts: list[ChartSpec]) -> list[str]:
    """The documents the deck's slides draw on (not every document in the database), in the order they first
    appear: a bar's observation id (its customdata, read from the figure's JSON without building plotly's object
    tree), the scorecard's cells, a profile's rows."""
    observation_ids, ids = [], []
    for spec in charts:
        if spec.chart_id == SCORECARD_ID:
            ids += list(scorecard_cells(con, deck)["source_id"].dropna())
        elif spec.chart_id.startswith(PROFILE_PREFIX):
            ids += list(profile_rows(con, spec.chart_id.removeprefix(PROFILE_PREFIX), deck.lang)["source_id"])
        else:
            observation_ids += [custom[0] for trace in spec.figure.to_dict()["data"] if trace.get("type") == "bar"
                                for custom in trace.get("customdata") or () if custom is not None and custom[0]]
    if observation_ids:
        by_observation = queries.run(con, "observations_by_id", ids=list(dict.fromkeys(observation_ids)))
        source_of = dict(zip(by_observation["observation_id"], by_observation["source_id"]))
        ids += [source_of[o] for o in observation_ids if o in source_of]
    return list(dict.fromkeys(ids))
