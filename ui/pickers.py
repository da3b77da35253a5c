"""A unit or province picker with a search box that ignores diacritics ("ha tinh" finds "Hà Tĩnh", "lam binh"
finds "huyện Lâm Bình"): the browser's own type-to-filter in a select box matches letters exactly, so people typing
without Vietnamese accents found nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import pandas as pd
import streamlit as st

from charts.labels import unit_labels
from i18n import t

from . import db, markdown
from .search import filter_options


def searchable_select(label: str, options: Sequence[str], key: str, lang: str, *,
                      format_func: Callable[[str], str] = str, container=None) -> str | None:
    """A search box over a select box: the options whose label matches every word typed, accents and case
    ignored. The select box keeps its key (and so its value in the URL state); the search text is its own."""
    place = container or st
    labels = {option: format_func(option) for option in options}
    left, right = place.columns([1, 2])
    query = left.text_input(t("provinces.search", lang), key=f"{key}_search", help=t("provinces.search_help", lang))
    shown = filter_options(list(options), labels, query)
    if not shown:
        right.warning(t("provinces.no_match", lang, query=markdown.escape(query)))
        shown = list(options)
    if st.session_state.get(key) not in shown:
        st.session_state[key] = shown[0]
    return right.selectbox(label, shown, key=key, format_func=labels.get)


def unit_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """Unit id → its label in every unit picker (a frame of the districts query, in the frame's order): the same
    words as the Compare page and the scorecard's columns, so two units of one name ('Thuận Châu' the district and
    'xã Thuận Châu') are two options a person can tell apart."""
    return unit_labels(units.to_dict("records"), lang)


@st.cache_resource(show_spinner=False, max_entries=10)
def _all_unit_names(version: tuple, lang: str) -> Mapping[str, str]:
    return MappingProxyType(unit_names(db.query("districts"), lang))  # shared by every session: read-only


def all_unit_names(lang: str) -> Mapping[str, str]:
    """unit_names of every unit of the build (the districts query), worked out once per build and language: a page
    labelling its picker from the whole list did 705 labels on every rerun at national scale. A label depends on the
    whole list (two units that read alike say their province), so this is for pickers over every unit."""
    return _all_unit_names(db.version(), lang)
