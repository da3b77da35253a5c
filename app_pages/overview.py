"""Tổng quan / Overview: which units are in (districts until 2025, communes, provinces), what and when each
reported, and the scorecard."""

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd
import streamlit as st

from charts.labels import clock_text
from charts.scorecard import scorecard_chart
from i18n import t
from i18n.numbers import format_number
from i18n.periods import format_about, format_period
from ui import db, layout, pickers, scope, state
from ui.charts import show_chart
from ui.tables import NeutralisedTable, neutralised, show_table


@st.cache_resource(show_spinner=False, max_entries=2)
def _summary_in_display_order(version: tuple) -> pd.DataFrame:
    """The units' summary by province, then name (as people look for a unit), once per build and shared by every
    session (each gets a copy-on-write copy): putting 3,321 units in that order read their words again on every
    rerun at the scale of today's communes (issue 17, eighth round (m))."""
    return scope.in_display_order(db.query("district_summary"))


@st.cache_resource(show_spinner=False, max_entries=2)
def _units(version: tuple) -> tuple[scope.UnitKinds, Mapping[str, str]]:
    """The units' kinds with each kind's units in display order (what the kind switch reads) and each unit's
    province (what the picker groups by), once per build and shared by every session (read-only): both were read
    from the 3,321 units' rows again on every rerun (about 6 ms at the scale of today's communes; issue 17, ninth
    round (r))."""
    summary = _summary_in_display_order(version)
    return (scope.unit_kinds(summary),
            MappingProxyType(dict(zip(summary["district_id"].tolist(), summary["province_2025"].tolist()))))


@st.cache_resource(show_spinner=False, max_entries=10)
def _roster(version: tuple, lang: str) -> NeutralisedTable:
    """The roster in the reader's words, worked out once per build and language and shared by every session (each
    gets a copy-on-write copy): it depends on nothing a reader picks, and its period words alone were about 7,000
    calls on every rerun at national scale."""
    summary = _summary_in_display_order(version)
    # Each list of periods in words once, each period code once: about ten codes and a few dozen lists of them stand
    # for 3,321 units' 33,000 periods at the scale of today's communes (issue 17, eighth round (m)); so do the
    # communes' counts.
    codes = [tuple(periods) for periods in summary["period_labels"].tolist()]
    words = {code: format_period(code, lang) for code in {c for periods in set(codes) for c in periods}}
    periods_read = {periods: "; ".join(words[c] for c in periods) for periods in set(codes)}
    counts = summary["communes"].tolist()
    counts_read = {n: format_number(n, lang) for n in set(counts) if not pd.isna(n)}
    roster = summary.assign(
        periods=[periods_read[periods] for periods in codes],
        sources=summary["source_titles"].map("; ".join),
        communes=["" if pd.isna(n) else counts_read[n] for n in counts],
        kind=summary["unit_kind"].map(lambda k: t(f"subtypes.kind_{k}", lang) if isinstance(k, str) else ""),
        # the column says the province before the 2025 merger: a commune or province of today has none to show there
        province=summary["province"].where(summary["unit_kind"] == "district", ""),
    )[["district_name", "kind", "province", "province_2025", "communes", "figures", "indicators", "periods", "sources"]]
    # districts, communes and provinces side by side: each row says its kind
    roster.columns = [t("overview.col_unit", lang), t("overview.col_kind", lang), t("overview.col_province", lang), t("overview.col_province_2025", lang),
                      t("overview.col_communes", lang), t("overview.col_figures", lang), t("overview.col_indicators", lang),
                      t("overview.col_periods", lang), t("overview.col_sources", lang)]
    return neutralised(roster)  # once per build and language, not on every rerun


lang = state.language()
layout.page_header(lang, "overview.title", "overview.caption")

summary = db.query("district_summary")
documents = db.records("source_count")[0]["documents"]

metrics = st.columns(4)
metrics[0].metric(t("overview.metric_districts", lang), format_number(len(summary), lang))
metrics[1].metric(t("overview.metric_figures", lang), format_number(int(summary["figures"].sum()), lang))
metrics[2].metric(t("overview.metric_derived", lang), format_number(int(summary["derived_figures"].sum()), lang))
metrics[3].metric(t("overview.metric_sources", lang), format_number(documents, lang))
if summary["first_period_start"].isna().all():  # no unit has a figure yet (a new or emptied data folder)
    st.info(t("common.nothing_built", lang), icon=":material/info:")
    st.stop()

summary = _summary_in_display_order(db.version()).copy(deep=False)  # by province, then name
names = pickers.all_unit_names(lang)  # the summary holds every unit of the build
# The scorecard ranks units of one kind against each other, as Compare does: its picker offers that kind's units only.
kinds, province_of = _units(db.version())
kind, kind_ids = scope.kind_switch(kinds, "overview_kind", lang)
default_ids = scope.default_districts(kind_ids)
# past 300 units (pickers.PICKER_LIMIT) the picker lists the chosen units' provinces and finds any other by search,
# as Compare's: listing and labelling all 2,530 communes was about a sixth of each rerun at the scale of today's
# communes (issue 17, eighth round (m))
chosen = state.bound("d", "overview_districts", kind_ids, default_ids, lambda options: pickers.unit_multiselect(
    st, t("overview.scorecard_districts", lang), options, "overview_districts", lang, labels=names,
    group_of=province_of,
    placeholder=t("comparable.placeholder", lang, **scope.unit_words(kind, lang))), many=True)
if chosen == default_ids:
    scope.show_cap_notice(kind_ids, lang, kind)
if chosen:
    # from plain rows: the same chart as from the frame (tests/test_query_cache_copies.py), without pandas' to_dict
    show_chart(scorecard_chart(db.records("scorecard_cells", districts=chosen), lang), lang)

st.subheader(t("overview.roster", lang))
show_table(_roster(db.version(), lang), hide_index=True, width="stretch")
first, last = summary["first_period_start"].min(), summary["last_period_end"].max()
undated = int(summary["undated_figures"].sum())
if pd.notna(first) and pd.notna(last):  # months as people write them: 1/2021, not 01/2021
    st.caption(t("overview.periods_warning", lang, first=format_about(f"{first:%Y-%m}", lang),
                 last=format_about(f"{last:%Y-%m}", lang))
               + (" " + t("overview.periods_undated", lang, count=format_number(undated, lang)) if undated else ""))
build = dict(db.query("build_info")[["key", "value"]].itertuples(index=False))
st.caption(t("common.data_built", lang, districts=format_number(len(summary), lang),
             observations=format_number(int(build["observations"]), lang),
             built_at=clock_text(build["built_at"], lang)))
