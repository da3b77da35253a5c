"""So sánh / Compare: the chosen units of one kind side by side, one chart per indicator or compare group.

By default only what is comparable: the charts with at least two units reporting a figure, each unit at its latest
period, bars sorted by value; a switch shows the rest, and a list says which indicators only one unit reports.
One query per set of units (every theme's rows, kept: a theme change reads its rows from memory), grouped once;
each chart built just before it is shown, and in a browser the charts after the first sent once it is drawn
(ui.first_chart); the figures table is built only when its expander is opened."""

import streamlit as st

from charts.compare import comparable_keys
from charts.labels import group_title
from charts.tables import figures_table
from i18n import t
from ui import compare_choices, db, first_chart, layout, pickers, scope, state
from ui.charts import show_chart
from ui.markdown import escape
from ui.tables import show_table

lang = state.language()
version = db.version()
# Units of one kind are compared: districts (until 2025) with districts, communes with communes. The choice is
# offered only when the data holds figures of more than one kind; it starts from the kind of the units the link names,
# else the kind with most units (scope.default_kind). The page's words (its title too) follow the kind, so the title
# is drawn above the kind switch once the kind is known.
kinds, most_held = compare_choices.kinds(version)
linked = state.linked_values("d")
top = st.container()
kind = state.bound("kind", "compare_kind", kinds, scope.default_kind(db.query("districts"), linked) if linked
                   else most_held, lambda options: st.radio(
    t("compare.kind", lang), options, key="compare_kind", horizontal=True,
    format_func=lambda k: t(f"subtypes.kind_{k}", lang)) if len(options) > 1 else options[0])
with top:
    layout.page_header(lang, f"comparable.title_{kind}", "compare.caption")

names = pickers.all_unit_names(lang)
words = scope.unit_words(kind, lang)
provinces = compare_choices.units_in_scope(version, kind, "")[1]
controls = st.columns([1, 2, 1])
province = state.bound("province", "compare_province", ["", *provinces], "", lambda options: controls[0].selectbox(
    t("compare.province", lang), options, key="compare_province",
    format_func=lambda p: p or t("compare.all_provinces", lang)))
_, _, scope_ids, province_of = compare_choices.units_in_scope(version, kind, province)
default_ids = scope.default_districts(scope_ids)
chosen = state.bound("d", "compare_districts", scope_ids, default_ids, lambda options: pickers.unit_multiselect(
    controls[1], t("comparable.pick", lang, **words), options, "compare_districts", lang, labels=names,
    group_of=province_of,
    placeholder=t("comparable.placeholder", lang, **words)), many=True)
if chosen == default_ids:
    scope.show_cap_notice(scope_ids, lang, kind)

theme_ids, theme_names = compare_choices.themes(version, lang)
theme = state.bound("theme", "compare_theme", theme_ids, theme_ids[0], lambda options: controls[2].selectbox(
    t("compare.theme", lang), options, key="compare_theme", format_func=theme_names.get))

switches = st.columns(2)
per = scope.normalisation_choice(kind, "compare_per", switches[0], lang)
show_all = state.bound_flag("all", "compare_show_all", "1", lambda: switches[1].toggle(
    t("comparable.show_all", lang, **words), key="compare_show_all", help=t("comparable.show_all_help", lang, **words)))

if not chosen:
    state.remember(indicator=None)
    st.warning(t("comparable.pick_at_least_one", lang, **words))
    st.stop()

# The view's rows: its theme's part of the chosen units' rows of every theme (one query, kept, so that a theme change
# reads its rows from memory: db.view_groups), grouped by chart once; no DataFrame unless the figures table is opened.
selected, colors = compare_choices.chosen_units(version, kind, tuple(chosen))
groups = db.view_groups(theme, chosen)
comparable, single = comparable_keys(groups) if len(chosen) > 1 else (list(groups), {})
keys = list(groups) if show_all else comparable
# A title is looked up only for the option the picker draws (format_func runs per shown option, not per chart).
focus = state.bound("indicator", "compare_indicator", ["", *groups], "", lambda options: st.selectbox(
    t("compare.indicator", lang), options, key="compare_indicator",
    format_func=lambda k: group_title(k, groups[k][0], lang) if k else t("compare.all_indicators", lang)))

st.caption(":material/link: " + t("compare.link_hint", lang))

if not groups:
    st.info(t("comparable.no_charts", lang, **words))
    st.stop()
if not keys and not focus:
    st.info(t("comparable.none_comparable", lang, **words))

# Each chart is built just before it is shown; in a browser the charts after the first are sent once it is drawn
# (ui.first_chart), so the first is not drawn together with all the others. A new view (kind, units, theme,
# division, switch) starts with its first chart alone again.
chart_of = db.chart_maker(theme, chosen, lang, per, selected, colors)


def _show(key: str) -> bool:
    show_chart(chart_of(key, groups[key]), lang)
    return True


first_chart.show_first_then_rest([focus] if focus else keys, _show,
                                 view="|".join([kind, theme, per or "", str(show_all), *chosen]), lang=lang)

if single and not focus:
    lines = [t("comparable.single_unit_item", lang, title=escape(group_title(key, groups[key][0], lang)),
               unit=escape(", ".join(unit_names))) for key, unit_names in single.items()]
    st.markdown(f"**{escape(t('comparable.single_unit_heading', lang, count=len(single), **words))}**\n\n"
                + "\n".join(f"- {line}" for line in lines))

with st.expander(t("comparable.figures_table", lang), key="compare_table", on_change="rerun") as table_box:
    if table_box.open:  # built only when someone opens it
        observations = db.query("observations_for_districts", districts=chosen, theme=theme, indicators=None)
        shown = observations if not focus else observations[
            observations["compare_group"].fillna(observations["indicator_id"]) == focus]
        show_table(figures_table(shown, lang), hide_index=True, width="stretch")
