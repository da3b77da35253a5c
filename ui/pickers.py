"""A unit or province picker with a search box that ignores diacritics ("ha tinh" finds "Hà Tĩnh", "lam binh"
finds "huyện Lâm Bình"): the browser's own type-to-filter in a select box matches letters exactly, so people typing
without Vietnamese accents found nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import pandas as pd
import streamlit as st

from charts.labels import unit_labels
from charts.records import frame_records
from i18n import t

from . import db, markdown
from .search import filter_options, options_in_reach

# A unit picker with more options than this lists, until someone searches, the units of the province(s) of the units
# it holds (ui.search.options_in_reach): 3,321 communes in one list cost the browser about 0.3 s before the first chart.
PICKER_LIMIT = 300
# What charts.labels.unit_labels reads of a unit's row.
LABEL_COLUMNS = ("district_id", "district_name", "unit_kind", "unit_name", "unit_subtype", "province_2025", "unit_id")


def searchable_select(label: str, options: Sequence[str], key: str, lang: str, *,
                      format_func: Callable[[str], str] = str, container=None,
                      group_of: Mapping[str, object] | None = None, labels: Mapping[str, str] | None = None,
                      members: Mapping[object, Sequence[str]] | None = None) -> str | None:
    """A search box over a select box: the options whose label matches every word typed, accents and case
    ignored. The select box keeps its key (and so its value in the URL state); the search text is its own.
    `group_of` (option → its province): past PICKER_LIMIT options, an empty search lists only the chosen option's
    province, and the search box says that it finds the others.

    A page that keeps its options' words per build passes them: `labels` (every option → its label) instead of
    `format_func`, and `members` (each group → its options, in the order of `options`), so that the list of one
    province is read, not worked out again over every option (at 3,321 units the labels and the walk were about
    4 ms of each rerun of the unit profile; issue 17, ninth round (r))."""
    place = container or st
    narrowed = group_of is not None and len(options) > PICKER_LIMIT
    if labels is None:
        labels = {option: format_func(option) for option in options}
    left, right = place.columns([1, 2])
    query = left.text_input(t("pickers.find_units" if narrowed else "provinces.search", lang), key=f"{key}_search",
                            help=t("pickers.find_units_help" if narrowed else "provinces.search_help", lang))
    current = st.session_state.get(key)
    held = [current] if current in labels else []
    if not narrowed:
        unsearched = list(options)
    elif members is not None:  # what options_in_reach gives with no query: the held option's group, or the first's
        unsearched = list(members[group_of.get(held[0] if held else options[0])])
    else:
        unsearched = options_in_reach(list(options), labels, "", held, group_of, PICKER_LIMIT)
    shown = filter_options(list(options), labels, query) if query.strip() else unsearched
    if not shown:
        right.warning(t("provinces.no_match", lang, query=markdown.escape(query)))
        shown = unsearched
    if st.session_state.get(key) not in shown:
        st.session_state[key] = shown[0]
    return right.selectbox(label, shown, key=key, format_func=labels.get)


def unit_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """Unit id → its label in every unit picker (a frame of the districts query, in the frame's order): the same
    words as the Compare page and the scorecard's columns, so two units of one name ('Thuận Châu' the district and
    'xã Thuận Châu') are two options a person can tell apart."""
    # Only the columns a label reads, read column by column (charts.records.frame_records): the whole frame as dicts
    # boxed every cell of every column one by one (about 20 ms for the 3,321 units of communes on a first run).
    return unit_labels(frame_records(units[[column for column in LABEL_COLUMNS if column in units.columns]]), lang)


@st.cache_resource(show_spinner=False, max_entries=10)
def _all_unit_names(version: tuple, lang: str) -> Mapping[str, str]:
    return MappingProxyType(unit_names(db.query("districts"), lang))  # shared by every session: read-only


def all_unit_names(lang: str) -> Mapping[str, str]:
    """unit_names of every unit of the build (the districts query), worked out once per build and language: a page
    labelling its picker from the whole list did 705 labels on every rerun at national scale. A label depends on the
    whole list (two units that read alike say their province), so this is for pickers over every unit."""
    return _all_unit_names(db.version(), lang)


def unit_multiselect(place, label: str, options: Sequence[str], key: str, lang: str, *, labels: Mapping[str, str],
                     group_of: Mapping[str, object], placeholder: str) -> list[str]:
    """A multiselect of units (its key and value as ever, bound to the link by the page). Past PICKER_LIMIT options
    it lists the units of the provinces of the units it holds, and a search box under it adds the units of any
    province whose name matches (accents and case ignored); the units held are always listed."""
    search_key = f"{key}_search"
    query = st.session_state.get(search_key, "") if len(options) > PICKER_LIMIT else ""
    shown = options_in_reach(list(options), labels, query, st.session_state.get(key) or [], group_of, PICKER_LIMIT)
    value = place.multiselect(label, shown, key=key, format_func=labels.get, placeholder=placeholder)
    if len(options) > PICKER_LIMIT:
        place.text_input(t("pickers.find_units", lang), key=search_key, help=t("pickers.find_units_help", lang))
    return value
