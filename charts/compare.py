"""Side-by-side bar charts of the chosen units, one chart per indicator or compare group.

Honesty rules built in: every bar is labelled with its value (in the UI's number format) and its period; a unit
without the figure gets a visible "no data" mark, never a zero bar; mixed periods, definitions and levels are
flagged on the chart itself and in its notes; national targets are drawn as reference lines.

What is comparable comes first (issue 14): by default each unit shows its latest period of a figure (one bar per
unit and series, the period written on it; the series over time belongs to the trend view), bars are sorted by
value, and `comparable_keys` says which charts have at least two units with a figure.

Built for speed (issue 17): the figure is written as plotly JSON (plain dicts) and handed out as a `JsonFigure`
(charts/plotly_json.py): no validation and no plotly object tree unless someone asks for one, which was most of the
time of building a chart and changes nothing that reaches the browser (tests/test_compare_charts.py pins that: the
same JSON as the validated figure for every chart of the real data). The rows are grouped once per view (`group_records`), and screen charts have preset margins (plotly's
automatic margins draw every chart twice in the browser).
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from i18n import pick, t
from i18n.numbers import format_number, format_value

from .colors import MISSING_COLOR, TARGET_COLOR
from .labels import (_present, group_title, hover_card, indicator_name, level_label, period_text, short_undated,
                     source_note, value_text)
from .markup import plotly_text
from .plotly_json import JsonFigure
from .spec import ChartSpec
from .style import GRID_COLOR, MEDIA, layout_style

PERCENT_AXIS_TOP = 112  # room above 100% for the value labels
PATTERNS = ("", "/", "x", ".", "\\", "+", "-")
LEGEND_SWATCH = "#8C8C8C"
# ① … ⑩ (DejaVu Sans, the servers' and packs' font, draws no circled number past ten); an eleventh series is numbered
# "(11)", so no two series of a chart share a number (the patterns repeat after seven).
SERIES_MARKS = tuple(chr(0x2460 + n) for n in range(10))
# The drawing area a chart gets, for placing labels before the browser measures anything: a screen chart at
# width="stretch" on a 1366 px laptop with the sidebar open has a drawing area of about 760 px; a slide 1700.
PLOT_WIDTH = {"screen": 760, "slide": 1700}
CHAR_WIDTH = 0.58  # average glyph width of DejaVu/Inter in font sizes (Vietnamese with diacritics)
LINE_HEIGHT = 1.3
# What counts may be divided by (a link's `per`): each unit's communes, or its residents (per 1,000 of them).
PER_COMMUNE, PER_RESIDENTS = "commune", "residents"
NORMALISATIONS = (PER_COMMUNE, PER_RESIDENTS)
RESIDENTS_BASE = 1000
# A slide's chart holds at most this many bars (and no-data marks) side by side: each bar's label says its value
# and period, wrapped at a readable size in its slot on a 1366 px show-mode screen (1366 less the value axis is
# about 1150 px). At 14 a slot was wide enough in show mode and the PDF, but PowerPoint's native chart (labels in
# points, its own wrapping) could not keep the periods of the 20 communes' dossiers (two parts of 13–14 slots) and
# fell back to values alone; at 10 every label keeps its period (three parts). More go on further slides
# (charts.compare.slide_parts).
SLIDE_SLOTS = 10
# The share of a parted chart's plot left above its largest bar for that bar's label: the same on every part, so
# the parts keep one value axis wherever they are shown. Show mode and the pictures then leave only what the
# tallest label of every part needs there (exports/slide_layout.py fit_parts), never more than this.
PART_LABEL_SHARE = 0.5
PART_MIN_REPORTING = 2  # units with a figure on each slide of a chart spread over several


def series_mark(number: int) -> str:
    """The mark of a chart's series counted from 0: ① … ⑩, then (11), (12) …"""
    return SERIES_MARKS[number] if number < len(SERIES_MARKS) else f"({number + 1})"


def _group_key(record: Mapping) -> str:
    group = record.get("compare_group")
    return group if _present(group) else record["indicator_id"]


def group_records(observations: pd.DataFrame | Sequence[Mapping]) -> dict[str, list[dict]]:
    """The rows of a view grouped by chart (compare group or lone indicator), in catalogue order: one pass over the
    rows, so a page lists, titles and builds its charts without filtering the frame again per chart."""
    records = observations.to_dict("records") if isinstance(observations, pd.DataFrame) else list(observations)
    groups: dict[str, list[dict]] = {}
    first_order: dict[str, float] = {}
    for record in records:
        key = _group_key(record)
        groups.setdefault(key, []).append(record)
        order = record.get("indicator_order", 0)
        if key not in first_order or order < first_order[key]:
            first_order[key] = order
    return {key: groups[key] for key in sorted(groups, key=lambda k: first_order[k])}


def _charted(records: list[dict], all_periods: bool = False) -> list[dict]:
    """The rows a chart draws: a stated rate through its derived twin, and by default each unit's latest period."""
    rows = [r for r in records if not _present(r.get("superseded_by"))]
    if not all_periods and rows and "latest" in rows[0]:
        rows = [r for r in rows if r["latest"]]
    return rows


def _frame_keys(observations: pd.DataFrame) -> pd.Series:
    """Each row's chart (compare group, else the indicator itself), computed on the column, not row by row."""
    return observations["compare_group"].fillna(observations["indicator_id"])


def chart_keys(observations: pd.DataFrame) -> list[str]:
    """The charts `observations` make, in catalogue order: one per compare group or lone indicator. Cheap, so a
    page can list the charts (and draw each as soon as it is built) before building any: the same order as
    group_records (first catalogue place, ties in order of appearance), without turning every row into a dict."""
    if len(observations) == 0:
        return []
    if not isinstance(observations, pd.DataFrame):
        return list(group_records(observations))
    first_order = observations["indicator_order"].groupby(_frame_keys(observations), sort=False).min()
    return list(first_order.sort_values(kind="stable").index)


def chart_title(observations: pd.DataFrame, key: str, lang: str) -> str:
    """The chart's title as the chart itself shows it (without the per-commune wording), from the group's first
    row (the deck picker asks this for every chart of every theme: one row each, not the whole frame as dicts)."""
    if not isinstance(observations, pd.DataFrame):
        return group_title(key, group_records(observations)[key][0], lang)
    first = int((_frame_keys(observations) == key).to_numpy().argmax())
    return group_title(key, observations.iloc[first].to_dict(), lang)


def comparable_keys(groups: Mapping[str, list[dict]]) -> tuple[list[str], dict[str, list[str]]]:
    """(charts with at least two units reporting a figure, {chart: the one unit's name} for the others)."""
    comparable, single = [], {}
    for key, records in groups.items():
        units = dict.fromkeys(r["district_id"] for r in _charted(records))
        if len(units) >= 2:
            comparable.append(key)
        else:
            single[key] = list(dict.fromkeys(r["district_name"] for r in records))
    return comparable, single


def comparison_charts(
    observations: pd.DataFrame,
    districts: pd.DataFrame,
    colors: Mapping[str, str],
    lang: str,
    *,
    per: str | None = None,
    medium: str = "screen",
    all_periods: bool = False,
) -> list[ChartSpec]:
    """One ChartSpec per compare group (or lone indicator) in `observations` (on slides, one per part of a chart
    spread over several: slide_parts), bars for every district in `districts`. With `per` (NORMALISATIONS), the counts that can be are divided per commune or per 1,000
    residents."""
    groups = group_records(observations)
    if medium == "slide":  # a chart of many bars may take several slides (slide_parts)
        return [spec for key, records in groups.items()
                for spec in slide_parts(records, key, districts, colors, lang, per=per, all_periods=all_periods)]
    return [chart_from_records(records, key, districts, colors, lang, per=per, medium=medium,
                               all_periods=all_periods)
            for key, records in groups.items()]


def comparison_chart(
    observations: pd.DataFrame,
    key: str,
    districts: pd.DataFrame,
    colors: Mapping[str, str],
    lang: str,
    *,
    per: str | None = None,
    medium: str = "screen",
    all_periods: bool = False,
) -> ChartSpec:
    """The chart of one compare group (or lone indicator) `key` of `observations`."""
    records = [r for r in observations.to_dict("records") if _group_key(r) == key]
    return chart_from_records(records, key, districts, colors, lang, per=per, medium=medium,
                              all_periods=all_periods)


def divides_by_communes(row: Mapping) -> bool:
    """Only plain counts of the whole district can be put per commune (not rates, ratios or one commune)."""
    return (row["unit"] == "count" and not row["is_derived"] and not row.get("structural", False)
            and row.get("counted_unit") != "commune"  # "communes per commune" means nothing
            and row["level"] in ("district", "commune_aggregate"))


def divides_by_residents(row: Mapping) -> bool:
    """Only counts the catalogue declares per_residents (people, accounts, dossiers, records of residents), of the
    whole unit or all its communes together, can be put per 1,000 residents: never a rate, an index, a ratio or
    one commune's figure (the unit's residents are not that commune's)."""
    return (bool(row.get("per_residents")) and row["unit"] == "count" and not row["is_derived"]
            and row["level"] in ("district", "commune_aggregate"))


def divides(row: Mapping, per: str | None) -> bool:
    """Whether this figure is divided under the normalisation `per` (None: nothing is)."""
    return (per == PER_COMMUNE and divides_by_communes(row)) or (per == PER_RESIDENTS and divides_by_residents(row))


def _population_period(record: Mapping, lang: str) -> str:
    return period_text({"period_label": record["population_period"],
                        "period_about": record.get("population_period_about")}, lang)


def _normalised(records: list[dict], per: str, lang: str) -> tuple[list[dict], list[str], list[str], list[str]]:
    """Divide what can be divided, keeping the qualifier ("trên 60" per commune stays "trên"); rates are never
    divided. A unit whose divisor is not in the data (no commune count in its source, no population figure) is not
    guessed: it is returned by name, to be marked on the chart (no bar, never a zero) and named in a note. Per
    1,000 residents, a note says which population figure (of which period) each unit was divided by."""
    kept, lacking, notes = [], [], []
    divided_by: dict[str, None] = {}  # "unit: population (period)", once each, in bar order
    # A chart whose figures can be divided shows only those: a provincial body's 23.700 dossiers drawn undivided
    # beside 85,56 per 1,000 residents on one axis would read as a province three hundred times busier. What cannot
    # be divided is named under the chart (the plain view shows it).
    divisible_chart = any(divides(record, per) for record in records)
    left_out: dict[str, None] = {}
    for record in records:
        record = dict(record)
        if not divides(record, per):
            if divisible_chart:
                series = " · ".join(part for part in (indicator_name(record, lang), level_label(record, lang)) if part)
                left_out[f"{record['district_name']} ({series}, {period_text(record, lang)})"] = None
                continue
            record["shown"], record["formula_shown"] = value_text(record, lang), None
            kept.append(record)
            continue
        divisor = record["communes"] if per == PER_COMMUNE else record.get("population")
        if not _present(divisor):
            lacking.append(record["district_name"])
            continue
        qualifier = record["qualifier"] if _present(record.get("qualifier")) else None
        result = record["value"] / divisor * (RESIDENTS_BASE if per == PER_RESIDENTS else 1)
        shown = format_value(round(result, 2), "count", lang, qualifier)
        if per == PER_COMMUNE:
            record["formula_shown"] = t("charts.per_commune_formula", lang, value=value_text(record, lang),
                                        communes=format_number(divisor, lang), result=shown)
        else:
            population = t("charts.population_of", lang, population=format_number(divisor, lang),
                           period=_population_period(record, lang))
            record["formula_shown"] = t("charts.per_residents_formula", lang, value=value_text(record, lang),
                                        population=population, result=shown)
            divided_by[f'{record["district_name"]}: {population}'] = None
        record["value"], record["shown"], record["divided"] = result, shown, True
        kept.append(record)
    reported = {r["district_name"] for r in kept}
    lacking = [name for name in dict.fromkeys(lacking) if name not in reported]
    only_left_out = [name for name in dict.fromkeys(r["district_name"] for r in records if not divides(r, per))
                     if divisible_chart and name not in reported and name not in lacking]
    for name in lacking:
        notes.append(t("charts.no_commune_count" if per == PER_COMMUNE else "charts.no_population", lang,
                       district=name))
    if divided_by:
        notes.append(t("charts.note_population_used", lang,
                       listing="; ".join(divided_by)))
    if left_out:
        notes.append(t("charts.note_not_divided", lang, listing="; ".join(left_out)))
    return kept, lacking, notes, only_left_out


def _series(records: list[dict], lang: str) -> list[str]:
    """What tells two bars of one district apart: the indicator (in a group) and/or the level."""
    several_indicators = len({r["indicator_id"] for r in records}) > 1
    several_levels = len({(str(r["level"]), str(r["commune"])) for r in records}) > 1
    # A figure of less than the whole unit (its own bodies, its communes, one commune) always says so on its bar:
    # one commune's rate is never drawn under its district's name alone.
    several_levels = several_levels or any(r["level"] != "district" for r in records)
    if not (several_indicators or several_levels):
        return [""] * len(records)

    def label(row) -> str:
        parts = []
        if several_indicators:
            parts.append(indicator_name(row, lang))
        if several_levels and not (several_indicators and row["level"] == "district"):
            parts.append(level_label(row, lang))
        return " · ".join(parts)

    return [label(r) for r in records]


def _per_district(records: list[dict], field: str) -> set[frozenset]:
    """The distinct sets of `field` values the districts report (one set per district)."""
    sets: dict[str, set] = {}
    for r in records:
        sets.setdefault(r["district_id"], set()).add(r[field])
    return {frozenset(values) for values in sets.values()}


def _periods_differ(records: list[dict]) -> bool:
    return len({r["period_label"] for r in records}) > 1


def _definitions_differ(records: list[dict]) -> bool:
    return len({r["indicator_id"] for r in records}) > 1 and len(_per_district(records, "indicator_id")) > 1


def _notes(records: list[dict], missing: Sequence[str], lang: str) -> list[str]:
    notes = []
    if _periods_differ(records):
        # an undated figure's period says it is undated ("không ghi ngày, khoảng 2023"), never a day it does not have
        pairs = dict.fromkeys((r["district_name"], period_text(r, lang)) for r in records)
        listing = "; ".join(f"{name}: {period}" for name, period in pairs)
        notes.append(t("charts.note_periods_differ", lang, listing=listing))
    if _definitions_differ(records):
        by_indicator: dict[str, list[dict]] = {}
        for r in records:
            by_indicator.setdefault(r["indicator_id"], []).append(r)
        listing = "; ".join(
            f"{indicator_name(group[0], lang)}: {', '.join(dict.fromkeys(r['district_name'] for r in group))}"
            for group in by_indicator.values())
        notes.append(t("charts.note_definitions_differ", lang, listing=listing))
    if len(_per_district(records, "level")) > 1:
        notes.append(t("charts.note_levels_differ", lang))
    if any(_present(r["qualifier"]) for r in records):
        notes.append(t("charts.note_qualified", lang))
    if missing:
        notes.append(t("charts.note_missing", lang, districts=", ".join(missing)))
    return notes


def _text_px(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def chart_from_records(records: list[dict], key: str, districts: pd.DataFrame, colors: Mapping[str, str],
                       lang: str, *, per: str | None = None, medium: str = "screen",
                       all_periods: bool = False, part: tuple[int, list[tuple[str, ...]]] | None = None,
                       value_top: float | None = None, value_share: float = 1.0) -> ChartSpec:
    """The chart of one group's rows (from group_records): plotly JSON written directly, then wrapped unvalidated.

    `part`: (its number from 1, every part's units in axis order, from slide_parts) when a slide shows some of the
    units; the units keep their order and series numbers of the whole chart, and `value_top` is the value axis'
    top every part shares; `value_share` the share of the plot's height the axis takes (above it: room for the
    largest bar's label)."""
    style = MEDIA[medium]
    every_period = sorted(records, key=lambda r: (r["district_order"], r["indicator_order"], str(r["level"]),
                                                  str(r["commune"]) if _present(r["commune"]) else ""))
    rows = _charted(every_period, all_periods)
    extra_notes: list[str] = []
    # Units that reported a figure: one that cannot be divided (no commune count in its source, no population
    # figure) is marked with what it lacks and named in its own note, never among those with "no data".
    reporting = {r["district_id"] for r in rows}
    undivided: list[str] = []
    indivisible: list[str] = []  # units that reported only figures this division cannot take (named in a note)
    if per in NORMALISATIONS:
        rows, undivided, extra_notes, indivisible = _normalised(rows, per, lang)
    else:
        rows = [dict(r, shown=value_text(r, lang), formula_shown=None) for r in rows]
    if not all_periods and len(rows) < len(_charted(every_period, True)):
        extra_notes.append(t("comparable.note_latest", lang))
    first = rows[0] if rows else every_period[0]
    for record, label in zip(rows, _series(rows, lang)):
        record["series"] = label
    # The title says "per commune" / "per 1,000 residents" only when a bar was divided: a chart whose every figure
    # lacked its divisor (marked as such) or could not be divided keeps its plain title.
    divisible = any(r.get("divided") for r in rows)
    # The most reported series comes first, so it gets the plain fill and the lone variants get the patterns.
    counts = Counter(r["series"] for r in rows)
    series_labels = sorted(dict.fromkeys(r["series"] for r in rows), key=lambda label: -counts[label])
    unit = first["unit"]
    several = len(series_labels) > 1

    # Units sorted by value (the first series' value, then the others'); units without a figure at the end.
    reported = {r["district_id"] for r in rows}
    district_list = list(zip(districts["district_id"].tolist(), districts["district_name"].tolist()))
    first_value = {}
    for r in rows:
        if r["series"] == (series_labels[0] if series_labels else ""):
            first_value[r["district_id"]] = max(first_value.get(r["district_id"], -math.inf), r["value"])
    any_value = {}
    for r in rows:
        any_value[r["district_id"]] = max(any_value.get(r["district_id"], -math.inf), r["value"])
    ordered = sorted((d for d in district_list if d[0] in reported),
                     key=lambda d: (-first_value.get(d[0], -math.inf), -any_value.get(d[0], -math.inf)))
    missing = [name for district_id, name in district_list if district_id not in reporting]
    # The marks under the bars: units without the figure, then units whose figure could not be divided.
    lacks_word = t("charts.no_commune_count_mark" if per == PER_COMMUNE else "charts.no_population_mark", lang)
    marked = missing + undivided + indivisible
    names = {district_id: plotly_text(name) for district_id, name in district_list}
    unit_rank = {district_id: n for n, (district_id, _) in enumerate(ordered)}
    rows.sort(key=lambda r: unit_rank.get(r["district_id"], len(unit_rank)))
    id_of = {name: district_id for district_id, name in reversed(district_list)}
    axis_units = [district_id for district_id, _ in ordered] + [id_of.get(name, name) for name in marked]
    part_units: tuple[str, ...] = ()
    if part is not None:  # this slide's units only; their order, series and numbers stay the whole chart's
        number, parts = part
        part_units = parts[number - 1]
        by_value = [district_id for district_id, _ in ordered]  # every reporting unit of the chart, in order
        places = [by_value.index(unit) + 1 for unit in part_units if unit in by_value]
        if places:
            extra_notes.append(t("charts.note_parts", lang, parts=len(parts), first=min(places), last=max(places),
                                 reporting=len(by_value)))
        ordered = [d for d in ordered if d[0] in part_units]
        missing, undivided, indivisible = ([name for name in names_marked if id_of.get(name, name) in part_units]
                                           for names_marked in (missing, undivided, indivisible))
        marked = missing + undivided + indivisible
        rows = [r for r in rows if r["district_id"] in part_units]

    # Value axis first: the labels are placed in its units.
    if unit == "percent" and not divisible:
        top = PERCENT_AXIS_TOP
        value_axis = dict(range=[0, PERCENT_AXIS_TOP], ticksuffix="%")  # (made room for labels below)
    else:
        largest = max((r["value"] for r in rows), default=0)
        top = largest * 1.25 if largest > 0 else 1
        value_axis = dict(range=[0, top], tickformat=",~f")
    if value_top is not None:
        top = value_top
        value_axis["range"] = [0, top]

    # Where the labels go. Each bar has one slot; a period wider than its slot would run into its neighbour's, so
    # it moves onto the axis under the unit's name (one bar per unit) and the bar keeps its value: every bar still
    # says its value and its period. A label just under a target line would be struck through by it: the dashed
    # line is interrupted behind that label instead (see the shapes below).
    slots = len(rows) + len(marked)
    slot_px = PLOT_WIDTH[medium] / max(slots, 1) * 0.95
    periods = {id(r): period_text(r, lang) for r in rows}
    widest_value = max((_text_px(r["shown"], style.label_size) for r in rows), default=0)
    widest_period = max((_text_px(p, style.label_size) for p in periods.values()), default=0)
    plot_height = style.height - style.margin["t"]
    # With several series (a two-row axis) the period stays on the bar (the axis' second row is the series'
    # number), wrapped to its slot; where even the value is wider than the slot, the label is written upright in
    # one line ("40.321 · Năm 2025"). The value axis makes room above the tallest bar for what is written there.
    tick_size = style.label_size
    per_line = max(8, int(PLOT_WIDTH[medium] / max(slots, 1) / (tick_size * CHAR_WIDTH)))
    period_on_axis = not several and widest_period > slot_px
    value_angle = -90 if widest_value > slot_px else 0
    if value_angle or period_on_axis:
        # Written upright or under the name, "Đến thời điểm đưa tin (không ghi ngày, khoảng 2023)" would run over
        # the title: an undated period reads "~2023" there, said once in a note; hover and source keep the words.
        shortened = {key: short_undated(text, lang) for key, text in periods.items()}
        periods = {key: short for key, (short, _did) in shortened.items()}
        if any(did for _short, did in shortened.values()):
            extra_notes.append(t("present.undated_note", lang))

    # A record's period wrapped, and written under its unit on the axis, are asked for several times (label height,
    # axis rows, ticks): each is worked out once per chart.
    wrapped_of: dict[int, list[str]] = {}
    axis_period_of: dict[int, str] = {}

    def wrapped(record: dict) -> list[str]:
        if id(record) not in wrapped_of:
            wrapped_of[id(record)] = textwrap.wrap(periods[id(record)], per_line) or [""]
        return wrapped_of[id(record)]

    def bar_text(record: dict) -> str:
        value = f"<b>{plotly_text(record['shown'])}</b>"
        if period_on_axis:
            return value
        if value_angle:
            return f"{value} · {plotly_text(periods[id(record)])}"
        return "<br>".join([value, *(plotly_text(line) for line in wrapped(record))])

    def label_height(record: dict) -> float:
        if value_angle:  # bold digits run wider than the average character the estimate assumes
            return _text_px(bar_text(record).replace("<b>", "").replace("</b>", ""), style.label_size) * 1.2 + 8
        return (bar_text(record).count("<br>") + 1) * style.label_size * LINE_HEIGHT + 4

    heights = {id(r): label_height(r) for r in rows}
    label_px = max(heights.values(), default=style.label_size * LINE_HEIGHT + 4)
    # On screen the chart grows when its longest label would need more than 60% of the plot's height (twenty
    # upright "gần 14.000 · Tháng 7/2025 – 11/2025"); a slide keeps its size (the show mode fits a 1366×768 screen).
    extra_px = max(0.0, label_px / 0.6 - max(plot_height - 90, 100)) if medium == "screen" else 0.0
    plot_height += extra_px
    # Every bar's label must fit between its bar and the top, not only the tallest bar's: a long upright label on
    # the second bar ("gần 14.000 · Tháng 7/2025 – 11/2025") ran into the notes above the plot.
    needed = max((r["value"] / (1 - min(0.7, heights[id(r)] / max(plot_height - 90, 100)))
                  for r in rows if r["value"] > 0), default=0)
    largest = max((r["value"] for r in rows), default=0)
    if value_top is not None:  # the parts' shared top was made from every part's own need (slide_parts)
        needed = 0
    if unit == "percent" and not divisible:
        top = max(PERCENT_AXIS_TOP, needed, top)
        ticks = [0, 20, 40, 60, 80, 100]
        value_axis = dict(range=[0, top], tickmode="array", tickvals=ticks,
                          ticktext=[format_value(tick, "percent", lang) for tick in ticks])
    elif largest > 0:
        top = max(top, needed)
        value_axis = dict(range=[0, top], tickformat=",~f")
    targets = _targets(rows, lang) if not divisible else []
    label_span = label_px / max(plot_height - 60, 100) * top

    def struck(value: float, height: float) -> bool:
        return any(value <= target + height * 0.15 and target <= value + height * 1.1 for target, _ in targets)

    def axis_period(record: dict) -> str:
        if id(record) not in axis_period_of:
            axis_period_of[id(record)] = "<br>".join(plotly_text(line) for line in wrapped(record))
        return axis_period_of[id(record)]

    # Preset margins (no automargin): computed from what the axes carry.
    tick_chars = len(format_number(top, lang)) + (1 if unit == "percent" else 0)
    margin_left = int(34 + tick_chars * tick_size * CHAR_WIDTH + style.font_size * 1.4)
    axis_labels = [names[d] for d, _ in ordered] + [plotly_text(m) for m in marked]
    widest_name = max((_text_px(n, tick_size) for n in axis_labels), default=0)
    period_lines = max((axis_period(r).count("<br>") + 1 for r in rows), default=0) if period_on_axis else 0
    if period_on_axis:
        widest_name = max(widest_name, min(widest_period, per_line * tick_size * CHAR_WIDTH))
    crowded_ticks = not several and widest_name > PLOT_WIDTH[medium] / max(slots, 1)
    tick_angle = -90 if crowded_ticks else 0
    tick_lines = 1 + (1 if several else 0) + period_lines
    tick_px = (widest_name + 8) if crowded_ticks else tick_lines * tick_size * LINE_HEIGHT + 10 + (8 if several else 0)
    # the group labels of a two-row axis are the reporting units' names (a unit with no bar is named in its place)
    widest_group = max((_text_px(names[d], tick_size) for d, _ in ordered), default=0)
    if several and widest_group > PLOT_WIDTH[medium] / max(len(ordered) + len(marked), 1):
        tick_px += widest_group * 0.5  # plotly tilts the units' names of a crowded two-row axis (about 30°)

    traces: list[dict] = []
    legend_items: list[str] = []
    # With several series the axis has two rows: the unit and, under each bar, the series' number (and period).
    second_row = {(r["district_id"], r["series"]): series_mark(series_labels.index(r["series"]))
                  + (f"<br>{axis_period(r)}" if period_on_axis else "") for r in rows} if several else {}

    # A unit with no bar on a two-row axis takes one narrow place; its name as a group label ran into its
    # neighbours' (eleven provinces' names over a third of the axis). Its place on the axis is unnamed (zero-width
    # spaces keep each one apart) and its name is written upright in its place, above its mark (name_marks below).
    unnamed = {name: "\u200b" * (n + 1) for n, name in enumerate(marked)}

    def position(district_id: str | None, label: str | None, name: str | None = None):
        if not several:
            return names[district_id] if district_id is not None else plotly_text(name)
        if district_id is None:
            return "", unnamed[name]
        return names[district_id], second_row[(district_id, label)]

    if several:  # an invisible first trace fixes the axis order: units by value, series in number order
        order = [position(d, label) for d, _ in ordered for label in series_labels if (d, label) in second_row]
        order += [position(None, None, name) for name in marked]
        # its text names each place's unit (the PPTX's native chart reads its categories from it)
        traces.append(dict(type="scatter", x=[list(pair) for pair in zip(*order)], y=[None] * len(order),
                           text=[unit for unit, _ in order[:len(order) - len(marked)]]
                           + [plotly_text(name) for name in marked],
                           mode="markers", showlegend=False, hoverinfo="skip"))

    # Every bar's place on the axis (0 … slots-1, as plotly lays the categories out), for gaps in target lines.
    if several:
        slot_index = {tuple(slot): n for n, slot in enumerate(order)}
    else:
        slot_index = {name: n for n, name in enumerate(axis_labels)}
    gaps: list[tuple[int, float]] = []  # (slot, label width in px) of labels a target line would strike
    for number, label in enumerate(series_labels):
        series = [r for r in rows if r["series"] == label]
        if not series:  # a series none of this slide's units report (its number stays the whole chart's)
            continue
        xs = [position(r["district_id"], label) for r in series]
        bar_colors = [colors.get(r["district_id"], MISSING_COLOR) for r in series]
        texts = []
        for r, color in zip(series, bar_colors):
            texts.append(bar_text(r))
            if struck(r["value"], label_span):
                label_px = max(_text_px(line, style.label_size) for line in texts[-1].replace("<b>", "")
                               .replace("</b>", "").split("<br>")) if value_angle == 0 else style.label_size * 2.6
                gaps.append((slot_index[xs[len(texts) - 1] if not several else tuple(xs[len(texts) - 1])],
                             label_px + 10))
        trace = dict(
            type="bar", x=[list(pair) for pair in zip(*xs)] if several else xs, y=[r["value"] for r in series],
            name=plotly_text(label or group_title(key, series[0], lang)), showlegend=False,
            marker=dict(color=bar_colors, pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45)),
            text=texts, textposition="outside", textfont=dict(size=style.label_size), textangle=value_angle,
            cliponaxis=False, constraintext="none",
            hovertext=[hover_card(r, lang, shown_value=r["shown"], formula=r["formula_shown"]) for r in series],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[[r["observation_id"]] for r in series],
        )
        traces.append(trace)
        if several:  # a grey swatch with the pattern and number: the legend explains series, not colours
            mark = series_mark(number)
            name = f"{mark} {plotly_text(label)}"
            legend_items.append(name)
            traces.append(dict(type="bar", x=[[None], [None]], y=[None], name=name, showlegend=True,
                               hoverinfo="skip", textfont=dict(size=style.label_size),
                               marker=dict(color=LEGEND_SWATCH,
                                           pattern=dict(shape=PATTERNS[number % len(PATTERNS)], solidity=0.45))))
    # Lifted off the zero line, so "không có số liệu" never sits on the axis; where the words are wider than a slot,
    # a dash marks each unit and the legend says what the dash means. A unit whose figure could not be divided says
    # what it lacks ("không có số dân"), never a zero bar.
    lift = top * (style.label_size * 0.9 / max(plot_height - 60, 100))
    name_marks: list[dict] = []
    for names_marked, word, glyph, legend_word, hover in (
            (missing, t("common.no_data", lang), "—", t("comparable.no_data_mark", lang),
             t("charts.no_data_hover", lang)),
            (undivided, lacks_word, "÷", t("charts.not_divided_mark", lang, lacks=lacks_word),
             t("charts.not_divided_hover", lang, lacks=lacks_word)),
            (indivisible, t("charts.indivisible_mark", lang), "∤", t("charts.indivisible_legend", lang),
             t("charts.indivisible_hover", lang))):
        if not names_marked:
            continue
        xs = [position(None, None, name) for name in names_marked]
        short = _text_px(word, style.label_size) * 0.8 > slot_px
        if short:
            legend_items.append(legend_word)
        traces.append(dict(
            type="scatter", x=[list(pair) for pair in zip(*xs)] if several else xs, y=[lift] * len(names_marked),
            mode="text", text=[glyph if short else word] * len(names_marked),
            customdata=[plotly_text(name) for name in names_marked],
            textposition="top center", textfont=dict(size=style.label_size, color=MISSING_COLOR),
            showlegend=short, cliponaxis=False, name=legend_word if short else word,
            hovertemplate="<b>%{customdata}</b><br>" + hover + "<extra></extra>",
        ))
        if several:
            name_marks += [dict(x=slot_index[tuple(x)], y=lift, xref="x", yref="y", text=plotly_text(name),
                                textangle=-90, showarrow=False, yanchor="bottom", yshift=style.label_size * 1.6,
                                font=dict(size=tick_size, color=MISSING_COLOR))
                           for x, name in zip(xs, names_marked)]

    shapes = []
    line = dict(color=TARGET_COLOR, dash="dash", width=2)
    for target, text in targets:
        for start, end in _segments(gaps, len(slot_index), PLOT_WIDTH[medium]):
            shapes.append(dict(type="line", line=line, x0=start, x1=end, xref="x domain", y0=target, y1=target,
                               yref="y"))
        # The label goes in the legend: written on the line it would sit on top of the bars' value labels.
        legend_items.append(plotly_text(text))
        traces.append(dict(type="scatter", x=[None], y=[None], mode="lines", line=line, name=plotly_text(text),
                           hoverinfo="skip", textfont=dict(size=style.label_size)))

    notes = extra_notes + _notes(rows, missing, lang)
    markers = []
    if _periods_differ(rows):
        markers.append(t("charts.marker_periods_differ", lang))
    if _definitions_differ(rows):
        markers.append(t("charts.marker_definitions_differ", lang))

    title = group_title(key, first, lang)
    if divisible:
        title = t("charts.per_commune_title" if per == PER_COMMUNE else "charts.per_residents_title", lang,
                  title=title)
    if part is not None:
        title = t("charts.title_part", lang, title=title, part=part[0], parts=len(part[1]))
    counts_word = pick(lang, first.get("counts_vi"), first.get("counts_en"))
    axis_title = "%" if unit == "percent" else (
        t("units.vnd", lang) if unit == "vnd" else plotly_text(counts_word if _present(counts_word) else ""))

    # The legend (targets, series) sits under the tick labels; rows estimated from the entries' widths.
    legend_px = 0
    if legend_items:
        widths = [_text_px(item, style.font_size) + 50 for item in legend_items]
        legend_rows = max(1, math.ceil(sum(widths) / PLOT_WIDTH[medium]))
        legend_px = legend_rows * style.font_size * 1.6 + 6
    margin = dict(l=margin_left, r=max(style.margin["r"], 40), t=style.margin["t"],
                  b=int(tick_px + legend_px + 12))
    height = int(style.height + extra_px + max(0, margin["b"] - style.margin["b"]))
    plot_px = height - margin["t"] - margin["b"]
    x_axis: dict = dict(type="multicategory" if several else "category", automargin=False,
                        tickfont=dict(size=tick_size))
    if not several:
        x_axis.update(categoryorder="array", categoryarray=axis_labels, tickangle=tick_angle)
        if period_on_axis:  # each unit's tick names it and, under it, its bar's period
            by_unit = {names[r["district_id"]]: axis_period(r) for r in rows}
            x_axis.update(tickmode="array", tickvals=axis_labels,
                          ticktext=[f"{name}<br>{by_unit[name]}" if name in by_unit else name
                                    for name in axis_labels])
    layout = layout_style(medium, dict(
        yaxis=dict(title=dict(text=axis_title), rangemode="tozero", gridcolor=GRID_COLOR, zerolinecolor="#BDBDBD",
                   automargin=False, **value_axis, **({"domain": [0, value_share]} if value_share < 1 else {})),
        xaxis=x_axis))
    layout.update(
        title=dict(layout["title"], text=plotly_text(title),
                   subtitle=dict(text="⚠ " + " · ".join(markers) if markers else "", font=dict(color="#8A4B00"))),
        barmode="group", bargap=0.3, bargroupgap=0.08,
        showlegend=True,
        legend=dict(orientation="h", x=0, xanchor="left", yanchor="top",
                    y=-(tick_px + 4) / max(plot_px, 1)),
        separators=t("charts.plotly_separators", lang),
        margin=margin, height=height,
        # A part's value axis is its whole chart's: a slide's fitting keeps its top (exports/slide_layout.py)
        meta=dict(chart_id=f"{first['theme']}.{key}", **({"shared_axis": True} if part is not None else {}),
                  # what slide_parts cuts a slide's chart by: its units in axis order and its places on the axis
                  **({"units": axis_units, "slots": slots, "marked": len(marked)}
                     if medium == "slide" and part is None else {}),
                  lang=lang),  # the language of a note a slide's or picture's fitting adds
    )
    if shapes:  # plotly drops an empty list; so do we, so the JSON is the validated figure's
        layout["shapes"] = shapes
    if name_marks:
        layout["annotations"] = name_marks
    figure = JsonFigure(dict(data=traces, layout=layout))
    source_rows = every_period if all_periods else rows
    return ChartSpec(chart_id=f"{first['theme']}.{key}", title=title, figure=figure,
                     source_note=source_note(source_rows, lang), notes=notes,
                     colors={r["district_id"]: colors[r["district_id"]] for r in records
                             if r["district_id"] in colors and (not part_units or r["district_id"] in part_units)},
                     part_units=part_units)


def slide_parts(records: list[dict], key: str, districts: pd.DataFrame, colors: Mapping[str, str], lang: str, *,
                per: str | None = None, all_periods: bool = False) -> list[ChartSpec]:
    """A slide's chart of one group: whole, or, when it puts more than SLIDE_SLOTS bars and no-data marks side by
    side, its units over as few slides as hold about that many each, evenly: the reporting units in the chart's
    order (20 communes of two definitions: 5, 4, 4 of the 13 reporting), the others' marks after them, so that
    every slide holds about as many units (7, 7, 6).
    Twenty-five bars of two series on one slide, each saying its value and period, made labels longer than the
    plot was tall, run over the title; twenty names with their periods written upright under one bar each left the
    bars 100 px. The parts share one value axis, its top leaving PART_LABEL_SHARE of the plot above the largest bar
    of them all for its label, so a bar on one slide measures against a bar on the next (show mode and the PDF
    pack then leave only what the parts' tallest label needs there: exports.slide_layout.part_axes)."""
    whole = chart_from_records(records, key, districts, colors, lang, per=per, medium="slide",
                               all_periods=all_periods)
    layout = whole.figure.to_dict()["layout"]
    units, slots, marked = layout["meta"]["units"], layout["meta"]["slots"], layout["meta"]["marked"]
    reporting = units[:len(units) - marked]
    # The reporting units in order of value, and the units marked "no data" shared out among them, so no slide is
    # only of marks (8 communes reporting, 12 not: 4 bars and 6 marks a slide, not a slide of 12 marks); a slide
    # compares at least PART_MIN_REPORTING units (two reporting of twenty stay together, among narrow marks).
    count = min(math.ceil(slots / SLIDE_SLOTS), len(reporting) // PART_MIN_REPORTING)
    if count < 2:
        return [whole]
    # Every slide about as many units (7, 7 and 6 of 20), the marks filling what the bars leave: PowerPoint's
    # clustered columns keep a bar's width per series for a unit with no bar, so eight units of two series on one
    # slide (5 reporting and 3 marks, marks shared out apart from the bars) left no width for the periods.
    marks, parts = list(units[len(reporting):]), []
    for bars, size in zip(even_parts(reporting, count), [len(part) for part in even_parts(units, count)],
                          strict=True):
        taken, marks = marks[:max(0, size - len(bars))], marks[max(0, size - len(bars)):]
        parts.append(bars + tuple(taken))
    parts[-1] += tuple(marks)
    largest = max((value for trace in whole.figure.to_dict()["data"] if trace["type"] == "bar"
                   for value in trace["y"] if value is not None), default=0)
    top, share = part_axis(largest, bool(layout["yaxis"].get("ticktext")), PART_LABEL_SHARE)
    return [chart_from_records(records, key, districts, colors, lang, per=per, medium="slide",
                               all_periods=all_periods, part=(number, parts), value_top=top, value_share=share)
            for number in range(1, len(parts) + 1)]


def part_axis(largest: float, percent: bool, label_share: float) -> tuple[float, float]:
    """The value axis every part of a chart shares: its top, and the share of the plot's height it takes, so that
    the largest bar leaves `label_share` of the plot above it for its label. A percentage axis ends where every
    percentage chart's does (112%) and the labels' room is above it, not on an axis running to 190% with ticks
    stopping at 100%."""
    top = largest / (1 - label_share) if largest > 0 else 1
    if not percent:
        return top, 1.0
    axis_top = max(PERCENT_AXIS_TOP, largest * 1.05)  # a rate above 100% (it happens) stays on the axis
    return axis_top, min(1.0, axis_top / top)


def even_parts(items: Sequence[str], parts: int) -> list[tuple[str, ...]]:
    """`items` in order, cut into `parts` pieces as even as possible (the first ones one longer)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    bounds = [n * size + min(n, extra) for n in range(parts + 1)]
    return [tuple(items[bounds[n]:bounds[n + 1]]) for n in range(parts)]


def _segments(gaps: list[tuple[int, float]], slots: int, width_px: float) -> list[tuple[float, float]]:
    """The pieces of a full-width line (0-1 of the axis domain) left after cutting out, around each slot's centre,
    the width of the label standing there."""
    cuts = sorted((max(0.0, (slot + 0.5) / slots - label_px / width_px / 2),
                   min(1.0, (slot + 0.5) / slots + label_px / width_px / 2)) for slot, label_px in gaps)
    pieces, start = [], 0.0
    for cut_start, cut_end in cuts:
        if cut_start > start:
            pieces.append((round(start, 4), round(cut_start, 4)))
        start = max(start, cut_end)
    if start < 1.0:
        pieces.append((round(start, 4), 1.0))
    return pieces or [(0.0, 0.0)]


def _targets(records: list[dict], lang: str) -> list[tuple[float, str]]:
    seen, targets = set(), []
    for row in records:
        target, year = row["target_value"], row["target_year"]
        if target is None or pd.isna(target) or (target, year) in seen:
            continue
        seen.add((target, year))
        value = format_value(target, row["unit"], lang)
        text = (t("charts.target_line", lang, year=int(year), value=value) if pd.notna(year)
                else t("charts.target_line_undated", lang, value=value))
        targets.append((float(target), text))
    return targets
