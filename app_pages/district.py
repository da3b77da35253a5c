"""Hồ sơ đơn vị / Unit profile: one unit's figures by theme as charts (rates beside the province's median and the
national target; counts as figures) with the full traceable table a click away; strengths and gaps (a weak rate the
unit states is a gap even with nothing to compare it with); its province's published DTI results; its lineage across
the 2025 reform (an old district: the current communes that cover it; a new commune: the old units it was formed
from, and their figures as history). The path and parameter stay /district?district=… so old links keep working."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import streamlit as st

from analysis.standing import findings
from charts.labels import indicator_name, period_text, provenance_text, source_text, unit_label, value_text
from charts.profile import latest_records, low_rates_without_yardstick, median_index, rates_chart
from charts.province_index import results_table
from charts.tables import figures_table
from i18n import pick, t
from i18n.numbers import format_number
from ui import db, first_chart, layout, links, markdown, scope, state
from ui.charts import counted, show_chart
from ui.pickers import searchable_select
from ui.tables import show_table

lang = state.language()
layout.page_header(lang, "district.title", "district.caption")



@dataclass(frozen=True)
class Units:
    """Every unit of the build as the page reads it, worked out once per build and language and shared by every
    session (read-only): the picker's units by province, then name, their labels and provinces, and each
    province's units (what the picker lists past 300 units); each unit's row of the summary; the units of each kind
    and province in the same order. A change of unit read them from the
    summary's frame on every rerun: filtering, sorting and turning rows into dicts over every unit (about 7 ms at
    3,321 units)."""

    ids: tuple[str, ...]
    labels: Mapping[str, str]
    provinces: Mapping[str, str]
    facts: Mapping[str, Mapping]
    of_kind_in_province: Mapping[tuple[str, str], tuple[str, ...]]
    in_province: Mapping[str, tuple[str, ...]]


@st.cache_resource(show_spinner=False, max_entries=10)
def _units(version: tuple, lang: str) -> Units:
    summary = db.query("district_summary")
    rows = scope.in_display_order(summary).to_dict("records")
    grouped: dict[tuple[str, str], list[str]] = {}
    provinces: dict[str, list[str]] = {}
    for row in rows:
        grouped.setdefault((row["unit_kind"], row["province_2025"]), []).append(row["district_id"])
        provinces.setdefault(row["province_2025"], []).append(row["district_id"])
    return Units(ids=tuple(row["district_id"] for row in rows),
                 labels=MappingProxyType({row["district_id"]: unit_label(row, lang) for row in rows}),
                 provinces=MappingProxyType({row["district_id"]: row["province_2025"] for row in rows}),
                 facts=MappingProxyType({row["district_id"]: MappingProxyType(row) for row in rows}),
                 of_kind_in_province=MappingProxyType({key: tuple(ids) for key, ids in grouped.items()}),
                 in_province=MappingProxyType({key: tuple(ids) for key, ids in provinces.items()}))


units = _units(db.version(), lang)
# The first unit is shown when the link names none; it is still written into the link, so a copied address always
# names the unit it shows.
district_id = state.bound("district", "profile_district", units.ids, None, lambda options: searchable_select(
    t("district.choose", lang), options, "profile_district", lang, labels=units.labels,
    group_of=units.provinces, members=units.in_province))

facts = dict(units.facts[district_id])
figures = int(facts["figures"] + facts["derived_figures"])
# Names, findings and theme names come from the data: shown as text, never as markdown.
heading = unit_label(facts, lang)
st.header(markdown.escape(heading[:1].upper() + heading[1:]))
if facts["unit_kind"] == "district":
    st.caption(t("profile.facts", lang, province=markdown.escape(facts["province"]),
                 province_2025=markdown.escape(facts["province_2025"]),
                 communes=format_number(facts["communes"], lang) if facts["communes"] == facts["communes"] else "—",
                 figures=counted("views.figures", figures, lang)))
else:
    st.caption(t("profile.facts_current", lang, province_2025=markdown.escape(facts["province_2025"]),
                 figures=counted("views.figures", figures, lang)))

# To the same units as Compare would start from for this province, this unit among them.
neighbours = units.of_kind_in_province[facts["unit_kind"], facts["province_2025"]]
if len(neighbours) > 1:
    words = scope.unit_words(facts["unit_kind"], lang)
    # A link button, not a markdown link: the province's name is data and stays text.
    st.link_button(t("nav.compare_in_province", lang, units=words["units"], province=markdown.escape(facts["province_2025"])),
                   links.compare(scope.default_districts(list(neighbours)), lang,
                                 kind=facts["unit_kind"], province=facts["province_2025"]),
                   icon=":material/bar_chart:", type="tertiary")


def _lineage_table(rows):
    return {
        t("district.col_unit", lang): [unit_label({"unit_subtype": r["subtype"], "unit_name": r["name_vi"]}, lang)
                                       for r in rows],
        t("district.col_province", lang): [r["province_name"] for r in rows],
        t("district.col_share", lang): [t(f"district.share_{r['share']}", lang) for r in rows],
    }


def _show_lineage(rows):
    """The lineage in words for officials; the raw unit ids, which only curators need (to write a unit file's
    unit_id), folded away below it as plain text."""
    show_table(_lineage_table(rows), hide_index=True, width="stretch")
    with st.expander(t("district.unit_ids", lang)):
        st.code("\n".join(f"{r['name_vi']}: {r['unit_id']}" for r in rows), language=None)


unit_id = facts["unit_id"] if isinstance(facts["unit_id"], str) else None
predecessors = None
if unit_id is None:
    st.caption(t("district.no_unit", lang))
else:
    lineage = db.query("unit_lineage", unit_id=unit_id).to_dict("records")
    covered_by = [r for r in lineage if r["relation"] == "covered_by" and r["kind"] != "province"]
    formed_from = [r for r in lineage if r["relation"] == "formed_from"]
    if covered_by:
        st.subheader(t("district.covered_by", lang, unit=markdown.escape(unit_label(facts, lang))))
        _show_lineage(covered_by)
        st.caption(t("district.covered_by_caption", lang))
    if formed_from:
        st.subheader(t("district.formed_from", lang, unit=markdown.escape(unit_label(facts, lang))))
        _show_lineage(formed_from)
        st.caption(t("district.formed_from_caption", lang))
        predecessors = db.query("predecessor_observations", unit_id=unit_id)

# The unit's rows as plain records (the gaps, every theme's chart and counts read them once); a DataFrame of them
# is made only when a theme's figures table is opened.
unit_rows = dict(districts=[district_id], theme=None, indicators=None)
observations = db.records("observations_for_districts", **unit_rows)
latest = latest_records(observations)
results = findings(db.records("district_standing", district=district_id), lang)
# A weak rate the unit states is a gap even when no target or other unit judges it (7,81% of dossiers online).
low_rates = low_rates_without_yardstick(latest, {finding.indicator_id for finding in results}, lang)
strengths, gaps = st.columns(2)
for column, kind in ((strengths, "strength"), (gaps, "gap")):
    column.subheader(t(f"district.{kind}s", lang))
    mine = [finding.text for finding in results if finding.kind == kind] + (low_rates if kind == "gap" else [])
    if mine:
        column.markdown("\n".join(f"- {markdown.escape(text)}" for text in mine))
    else:
        column.caption(t("district.none_found", lang))
st.caption(t("district.standing_caption", lang))

# The province's published index results, beside the unit (of the province it belonged to when it reported, and of
# the province it is in since the 2025 merger).
if unit_id is not None:
    provinces = db.query("unit_provinces", unit_id=unit_id)
    if not provinces.empty:
        place = provinces.iloc[0]
        index_results = db.query("province_index_table")
        wanted = {place["province_id"], place["province_2025_id"]}
        held = index_results[index_results["province_unit_id"].isin(wanted)]
        st.subheader(t("provinces.profile_heading", lang, province=markdown.escape(place["province_name"])))
        if isinstance(place["province_2025_id"], str):  # the province of today: its page holds its history too
            st.link_button(t("nav.province_page", lang, province=markdown.escape(place["province_2025_name"])),
                           links.province_page(place["province_2025_id"], lang), icon=":material/leaderboard:",
                           type="tertiary")
        if held.empty:
            st.caption(t("provinces.no_results", lang))
        else:
            show_table(results_table(held, lang), hide_index=True, width="stretch")
        st.caption(t("provinces.profile_caption", lang, note=t("provinces.profile_not_comparable", lang)))

# The province's units of this unit's kind only, for the median and for the count its caption gives.
by_indicator = median_index(db.records("province_medians", province=facts["province_2025"], kind=facts["unit_kind"]))
province_units = len(neighbours)
themes = db.query("themes")
# One pass over the rows: how many figures and which latest ones each theme has; the DataFrame of a theme's figures
# is cut only when its table is opened.
theme_counts = Counter(row["theme"] for row in observations)
latest_by_theme: dict[str, list[dict]] = {}
for row in latest:
    latest_by_theme.setdefault(row["theme"], []).append(row)


def _show_theme(theme) -> bool:
    """One theme's heading, rates chart, counts and figures table; whether it drew a chart."""
    count = theme_counts.get(theme.theme_id, 0)
    if not count:
        return False
    theme_name = pick(lang, theme.name_vi, theme.name_en)
    st.subheader(markdown.escape(theme_name))
    mine = latest_by_theme.get(theme.theme_id, [])
    chart = rates_chart(mine, by_indicator, lang, chart_id=f"profile.{district_id}.{theme.theme_id}",
                        title=t("profile.rates_title", lang, theme=theme_name))
    if chart is not None:
        show_chart(chart, lang)
    counts = [row for row in mine if row["unit"] != "percent"]
    if counts:
        # Counts differ by orders of magnitude (25.250 dossiers, 2 radio stations): figures, not bars on one axis.
        st.caption(t("profile.counts_heading", lang))
        for start in range(0, len(counts), 4):
            for column, row in zip(st.columns(4), counts[start:start + 4]):
                column.metric(
                    markdown.escape(indicator_name(row, lang)), value_text(row, lang),
                    help=markdown.escape(f"{period_text(row, lang)} · {source_text(row, lang)} · "
                                         f"{provenance_text(row, lang)}"),
                    border=True)
                column.caption(markdown.escape(period_text(row, lang)))
    label = t("district.figures_in_theme", lang, theme=markdown.escape(theme_name),
              count=format_number(count, lang))
    with st.expander(label, expanded=False, key=f"profile_table_{theme.theme_id}", on_change="rerun") as box:
        if box.open:  # built only when someone opens it
            every = db.query("observations_for_districts", **unit_rows)
            rows = every[every["theme"] == theme.theme_id]
            show_table(figures_table(rows, lang, with_district=False), hide_index=True, width="stretch")
    return chart is not None


# In a browser the themes after the first one with a chart are sent once that chart is drawn (ui.first_chart), so
# it is not drawn together with every other chart of the unit.
first_chart.show_first_then_rest(list(themes.itertuples()), _show_theme, view=f"{district_id}|{lang}", lang=lang)

if by_indicator:
    st.caption(t("profile.median_caption", lang, province=markdown.escape(facts["province_2025"]),
                 count=format_number(province_units, lang)))

if predecessors is not None and not predecessors.empty:
    # The predecessors' own figures, each marked as theirs: history of this unit, never summed into it.
    table = figures_table(predecessors, lang)
    table[t("common.unit_column", lang)] = [  # whose figure it is, said in the first column
        t("district.predecessor_of", lang, unit=unit_label(r, lang), share=t(f"district.share_{r['predecessor_share']}", lang))
        for r in predecessors.to_dict("records")]
    with st.expander(t("district.predecessor_figures", lang, count=format_number(len(predecessors), lang)), expanded=True):
        show_table(table, hide_index=True, width="stretch")
