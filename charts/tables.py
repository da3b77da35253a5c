"""Tables for people who want the numbers, not the bars: same wording as the charts, one row per figure."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from i18n import pick, t
from i18n import table as i18n_table
from i18n.numbers import format_value
from i18n.periods import format_period
from loaders.periods import AS_OF_UNKNOWN_KIND

from .labels import (date_text, figure_owner, indicator_name, level_label, localised_formula, period_text,
                     provenance_text, source_text, value_text)


def figures_table(observations: pd.DataFrame, lang: str, *, with_district: bool = True) -> pd.DataFrame:
    """One display row per observation: unit, what, value, period, level, source, the quote (own documents) or the
    number as printed, locator and address (public pages), the curator's note and (if derived) the formula."""
    records = observations.to_dict("records")
    public = any(r.get("source_holds_quotes") is False for r in records)
    columns = {
        t("common.unit_column", lang): [figure_owner(r, lang) for r in records],
        t("common.indicator", lang): [indicator_name(r, lang) for r in records],
        t("common.value", lang): [value_text(r, lang) for r in records],
        t("common.period", lang): [period_text(r, lang) for r in records],
        t("common.level", lang): [level_label(r, lang) for r in records],
        t("common.formula", lang): [
            localised_formula(str(r["formula_values"]), lang) if r["is_derived"] and isinstance(r["formula_values"], str)
            else "" for r in records],
        t("common.source", lang): [source_text(r, lang) for r in records],
        t("common.provenance" if public else "common.quote", lang): [
            provenance_text(r, lang) if public else (r["quote"] if isinstance(r.get("quote"), str) else "")
            for r in records],
        t("common.note", lang): [r["note"] if isinstance(r.get("note"), str) else "" for r in records],
    }
    table = pd.DataFrame(columns)
    return table if with_district else table.drop(columns=[t("common.unit_column", lang)])


def catalogue_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicator catalogue as people read it: name, unit, definition, framework, target and its basis."""
    records = catalogue.to_dict("records")

    def target(r) -> str:
        if pd.isna(r["target_value"]):
            return ""
        value = format_value(r["target_value"], r["unit"], lang)
        return t("indicators.target_text", lang, value=value, year=int(r["target_year"])) if pd.notna(r["target_year"]) else value

    def unit(r) -> str:
        counted = pick(lang, r["counts_vi"], r["counts_en"]) if r["unit"] == "count" else None
        return counted if isinstance(counted, str) and counted else t(f"units.{r['unit']}", lang)

    def better(r) -> str:
        flag = r["higher_is_better"]
        return "" if flag is None or pd.isna(flag) else t("indicators.flag_yes" if flag else "indicators.flag_no", lang)

    return pd.DataFrame({
        t("common.theme", lang): [pick(lang, r["theme_name_vi"], r["theme_name_en"]) for r in records],
        t("common.indicator", lang): [pick(lang, r["name_vi"], r["name_en"]) for r in records],
        "id": [r["indicator_id"] for r in records],
        t("indicators.col_unit", lang): [unit(r) for r in records],
        t("indicators.col_definition", lang): [pick(lang, r["definition_vi"], r["definition_en"]) for r in records],
        t("indicators.col_framework", lang): [
            pick(lang, r["framework_name_vi"], r["framework_name_en"]) if isinstance(r["framework_name_vi"], str) else ""
            for r in records],
        t("common.target", lang): [target(r) for r in records],
        t("indicators.col_legal_basis", lang): [
            r["target_legal_basis"] if isinstance(r["target_legal_basis"], str)
            else (r["framework_legal_basis"] if isinstance(r["framework_legal_basis"], str) else "") for r in records],
        t("indicators.col_higher_is_better", lang): [better(r) for r in records],
        t("common.formula", lang): [r["derived_formula"] if isinstance(r["derived_formula"], str) else "" for r in records],
    })


def coverage_grid(coverage: pd.DataFrame, districts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Indicators × districts with the number of figures; absent pairs stay empty (no data), not 0."""
    names = coverage.assign(indicator=[pick(lang, vi, en) for vi, en in
                                       zip(coverage["indicator_name_vi"], coverage["indicator_name_en"])])
    grid = names.pivot_table(index=["indicator_order", "indicator"], columns="district_name", values="figures",
                             aggfunc="sum")
    grid = grid.reindex(columns=list(districts["district_name"]))
    grid.index = grid.index.get_level_values("indicator")
    grid.index.name = t("common.indicator", lang)
    grid.columns.name = None
    return grid.astype("Int64")


def problems_table(problems: list, lang: str) -> pd.DataFrame:
    """Validation problems where the uploader can find them: file (and sheet), row, field, plain words."""
    from i18n.problems import describe

    return pd.DataFrame({
        t("contribute.col_where", lang): [p.file for p in problems],
        t("contribute.col_row", lang): [p.line for p in problems],
        t("contribute.col_field", lang): [p.field for p in problems],
        t("contribute.col_problem", lang): [describe(p, lang) for p in problems],
    })


def changes_table(changes: list, indicator_names: dict[str, str], lang: str) -> pd.DataFrame:
    """Observations a save adds, changes or removes, with the value before and after."""
    def value(observation) -> str:
        return "" if observation is None else format_value(observation.value, observation.unit, lang)

    def level(observation) -> str:
        return level_label({"level": observation.level, "commune": observation.commune}, lang)

    rows = []
    for change in changes:
        either = change.after or change.before
        rows.append({
            t("contribute.col_change", lang): t(f"contribute.change_{change.kind}", lang),
            t("common.indicator", lang): indicator_names.get(either.indicator, either.indicator),
            t("common.period", lang): format_period(either.period, lang),
            t("common.level", lang): level(either),
            t("contribute.col_before", lang): value(change.before),
            t("contribute.col_after", lang): value(change.after),
            t("contribute.col_fields", lang): ", ".join(t(f"contribute.field_{name}", lang) for name in change.fields),
        })
    return pd.DataFrame(rows)


def _text(value: object) -> str:
    """A cell's text: empty for a missing value (never 'None' or 'nan')."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def chart_figures_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Exactly the figures of one chart, one row each, for its Table view and its CSV: unit, indicator, value as
    shown and as a plain number, period in words and as coded, level, source, and the provenance by source kind —
    the quote of an own document, or the number as printed, its locator and the page's address — and the note."""
    records = rows.to_dict("records")
    own = [r.get("source_holds_quotes") is not False for r in records]
    return pd.DataFrame({
        t("common.unit_column", lang): [figure_owner(r, lang) for r in records],
        t("common.indicator", lang): [indicator_name(r, lang) for r in records],
        t("common.value", lang): [value_text(r, lang) for r in records],
        t("views.col_number", lang): [r["value"] for r in records],
        t("common.period", lang): [period_text(r, lang) for r in records],
        t("views.col_period_code", lang): [_text(r["period_label"]) for r in records],
        t("common.level", lang): [level_label(r, lang) for r in records],
        t("common.source", lang): [source_text(r, lang) for r in records],
        t("common.quote", lang): [_text(r.get("quote")) if keep else "" for r, keep in zip(records, own)],
        t("views.col_printed", lang): [_text(r.get("printed")) for r in records],
        t("common.locator", lang): [_text(r.get("locator")) for r in records],
        t("views.col_url", lang): [_text(r.get("source_url")) for r in records],
        t("common.note", lang): [_text(r.get("note")) for r in records],
        t("common.formula", lang): [
            localised_formula(str(r["formula_values"]), lang) if r.get("is_derived") and isinstance(
                r.get("formula_values"), str) else "" for r in records],
    })


def chart_sources(rows: pd.DataFrame, lang: str) -> list[dict]:
    """The documents one chart draws on, in the order they first appear: title as cited, kind, address, and the
    number of its figures in the chart."""
    documents: dict[str, dict] = {}
    for r in rows.to_dict("records"):
        entry = documents.setdefault(r["source_id"], {
            "source_id": r["source_id"], "cited": source_text(r, lang), "kind": _text(r.get("source_kind")),
            "url": _text(r.get("source_url")), "holds_quotes": r.get("source_holds_quotes") is not False,
            "figures": 0})
        entry["figures"] += 1
    return list(documents.values())


# The data table's columns (queries/observations_table.sql plus the level and period in words) → header keys.
DATA_COLUMNS = {
    "district_name": "common.unit_column", "province_2025": "data_table.province_2025",
    "indicator_id": "data_table.indicator_id", "indicator_name_vi": "data_table.indicator_name_vi",
    "indicator_name_en": "data_table.indicator_name_en", "theme": "common.theme", "unit": "data_table.unit",
    "value_text": "common.value", "value": "views.col_number", "qualifier": "data_table.qualifier", "period_label": "views.col_period_code",
    "period_text": "common.period", "period_kind": "data_table.period_kind", "period_about": "data_table.period_about",
    "period_start": "data_table.period_start", "period_end": "data_table.period_end",
    "level": "data_table.level_code", "level_text": "common.level", "commune": "data_table.commune",
    "is_derived": "common.derived", "formula_values": "common.formula", "source_id": "data_table.source_id",
    "source_title": "common.source", "source_number": "data_table.source_number",
    "source_date": "data_table.source_date", "quote": "common.quote", "printed": "views.col_printed",
    "locator": "common.locator", "source_url": "views.col_url", "note": "common.note",
    "stated": "data_table.stated", "disagrees": "data_table.disagrees", "district_id": "data_table.district_id",
    "unit_id": "data_table.unit_id", "unit_kind": "data_table.unit_kind", "unit_subtype": "data_table.unit_subtype",
    "file": "data_table.file", "line": "data_table.line",
}


def _cell(value: object, lang: str) -> object:
    """A cell as people read it: empty for missing (never None/NaN/NaT), yes/empty for flags, dates without a
    time (7/9/2023 in Vietnamese, 7 Sep 2023 in English), whole numbers without '.0'."""
    if type(value) is str:  # most cells: said as they are (checked first, the table has tens of thousands)
        return value
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return t("indicators.flag_yes", lang) if value else ""
    if isinstance(value, pd.Timestamp) or hasattr(value, "strftime"):
        return date_text(value, lang)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Coded cells said in words (the code itself stays in its own "Mã …" column where people need it).
WORDED = {"unit": "units.{}", "qualifier": "data_table.qualifier_{}", "unit_kind": "subtypes.kind_{}",
          "unit_subtype": "subtypes.{}", "period_kind": "data_table.period_kind_{}"}


def _worded(column: str, value: object, lang: str) -> object:
    key = WORDED[column].format(value) if column in WORDED and isinstance(value, str) and value else None
    return t(key, lang) if key and key in i18n_table() else value


def _column_cells(column: str, values: list, lang: str) -> list:
    """_cell (of the worded value) of each of a column's values, each distinct value worked out once: a column of
    hundreds of rows holds a few dozen distinct values (units, periods, sources, dates), and this ran cell by cell.
    Keyed by type and value, so 1, 1.0 and True stay three cells; an unhashable value is worked out on its own."""
    memo: dict = {}
    cells = []
    for value in values:
        key = (type(value), value)
        try:
            cell = memo[key]
        except KeyError:
            cell = memo[key] = _cell(_worded(column, value, lang), lang)
        except TypeError:
            cell = _cell(_worded(column, value, lang), lang)
        cells.append(cell)
    return cells


def with_words(columns: Mapping[str, list], lang: str) -> dict[str, list]:
    """The data table's columns (the query's, as lists) with the level and the period in plain words beside their
    codes ('toàn huyện', 'xã Lâm Thượng'; undated: 'khoảng …'): level_text after level, period_text after
    period_label."""
    names = list(columns)
    rows = [dict(zip(names, row)) for row in zip(*columns.values())]
    words = {"level": ("level_text", level_label), "period_label": ("period_text", period_text)}
    result: dict[str, list] = {}
    for name, values in columns.items():
        result[name] = values
        if name in words:
            column, say = words[name]
            result[column] = [say(row, lang) for row in rows]
    return result


def data_columns(columns: Mapping[str, list], lang: str,
                 theme_names: Mapping[str, str] | None = None) -> dict[str, list]:
    """The full data table as columns of readable cells under headers in the UI language (see _cell), from the
    query's columns as lists: the same cells data_table gives, without a frame built and read back (the
    indicators page shows them as they are; data_table and the downloads make the frame). Each value is written as
    the charts write it ('99,86%', '25.250') beside the plain number a spreadsheet can add up; the document's date
    as people write it; the theme by its catalogue name (theme_names: id → name in lang); an undated figure's sort
    dates left empty, since they are the range its source may date from, not its period. Each column holds one
    kind of cell (text, or numbers only)."""
    if "value" in columns and "unit" in columns:
        value_texts = [value_text({"value": v, "unit": u}, lang) if pd.notna(v) else ""  # memoised words
                       for v, u in zip(columns["value"], columns["unit"])]
        columns = dict(_inserted_before(columns, "value", "value_text", value_texts))
    else:
        columns = dict(columns)
    if "period_kind" in columns:
        undated = [kind == AS_OF_UNKNOWN_KIND for kind in columns["period_kind"]]
        for column in ("period_start", "period_end"):
            if column in columns:
                columns[column] = [None if gone else value for value, gone in zip(columns[column], undated)]
    if "source_date" in columns:
        columns["source_date"] = [date_text(d, lang) if isinstance(d, str) and d else d
                                  for d in columns["source_date"]]
    if theme_names and "theme" in columns:
        columns["theme"] = [theme_names.get(theme, theme) for theme in columns["theme"]]
    shown = {}
    for column, values in columns.items():
        cells = _column_cells(column, values, lang)
        kinds = {type(c) for c in cells if c != ""}
        numbers_only = kinds <= {int, float} and "" not in cells
        if not numbers_only and (len(kinds) > 1 or (kinds and kinds != {str} and "" in cells)):
            cells = [str(c) for c in cells]  # one type per column (Arrow); numbers with gaps read as text
        shown[t(DATA_COLUMNS[column], lang) if column in DATA_COLUMNS else column] = cells
    return shown


def _inserted_before(columns: Mapping[str, list], name: str, new: str, values: list):
    for column, cells in columns.items():
        if column == name:
            yield new, values
        yield column, cells


def cells_frame(columns: Mapping[str, list], index=None) -> pd.DataFrame:
    """data_columns' cells as a frame (the CSV and XLSX downloads): each column as it is, one object column."""
    return pd.DataFrame({name: pd.Series(cells, index=index, dtype=object) for name, cells in columns.items()},
                        index=index)


def data_table(table: pd.DataFrame, lang: str, theme_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """data_columns of a frame, as a frame with the same row labels; the same frame goes to the screen, the CSV
    and the XLSX."""
    return cells_frame(data_columns({c: table[c].tolist() for c in table.columns}, lang, theme_names), table.index)
