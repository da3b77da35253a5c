"""What the Compare page's pickers are made of, kept per build: the kinds held, the themes' names, a kind's units and
provinces, a scope's units in display order, the chosen units' rows and colours.

Defined here, not in the page: a page's script runs again on every rerun, and Streamlit works out a cached
function's identity (reading and tokenizing its source) each time the decorator runs, about 0.2 ms per function on
each rerun (0.8 ms for these four; issue 17, ninth round (r)); a module's functions are decorated once per process."""

import pandas as pd
import streamlit as st

from charts.colors import district_colors
from i18n import pick

from . import db, scope
from .search import vietnamese_key


# What the pickers are made of changes only with the build: the kinds, the themes' names, the units of a kind and
# their provinces in Vietnamese order, a scope's units in display order and each one's province, the chosen units'
# rows and colours. Kept per build (db.version()) instead of worked out on every rerun (about 5 ms a rerun at
# national; issue 17, eighth round (c)). Shared by every session: never modified (the page only reads them).
@st.cache_resource(show_spinner=False, max_entries=8)
def kinds(version: tuple[int, int, int]) -> tuple[list[str], str]:
    units = db.query("districts")
    held = set(units["unit_kind"].tolist())
    return [kind for kind in scope.KINDS if kind in held], scope.default_kind(units)


@st.cache_resource(show_spinner=False, max_entries=8)
def themes(version: tuple[int, int, int], lang: str) -> tuple[list[str], dict[str, str]]:
    rows = db.query("themes")
    return list(rows["theme_id"]), {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in rows.itertuples()}


@st.cache_resource(show_spinner=False, max_entries=64)
def units_in_scope(version: tuple[int, int, int], kind: str,
                   province: str) -> tuple[pd.DataFrame, list[str], list[str], dict]:
    units = db.query("districts")
    of_kind = units[units["unit_kind"] == kind]
    provinces = sorted(of_kind["province_2025"].unique(), key=vietnamese_key)
    in_scope = of_kind if not province else of_kind[of_kind["province_2025"] == province]
    return (of_kind, provinces, scope.in_display_order(in_scope)["district_id"].tolist(),
            dict(zip(in_scope["district_id"], in_scope["province_2025"])))


@st.cache_resource(show_spinner=False, max_entries=64)
def chosen_units(version: tuple[int, int, int], kind: str, chosen: tuple[str, ...]) -> tuple[pd.DataFrame, dict]:
    of_kind = units_in_scope(version, kind, "")[0]
    # chosen units never share a colour
    colors = district_colors(db.query("districts")["district_id"].tolist(), together=list(chosen))
    return of_kind[of_kind["district_id"].isin(chosen)], colors
