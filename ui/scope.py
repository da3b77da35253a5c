"""How many districts a page draws before anyone chooses: enough to compare, few enough to read on a projector.

Five districts today, 705 (or 3,321 communes) at national scale. A bar chart of 705 bars helps nobody and costs
seconds, so every page that starts from "all districts" starts from the first MAX_DEFAULT_DISTRICTS of the list
(province by province, as the district list is ordered) and says so; choosing a province or districts lifts it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from i18n import t

MAX_DEFAULT_DISTRICTS = 20


def default_districts(ids: Sequence[str]) -> list[str]:
    return list(ids[:MAX_DEFAULT_DISTRICTS])


def is_capped(ids: Sequence[str]) -> bool:
    return len(ids) > MAX_DEFAULT_DISTRICTS


def show_cap_notice(ids: Sequence[str], lang: str) -> None:
    if is_capped(ids):
        st.info(t("compare.capped", lang, total=len(ids), shown=MAX_DEFAULT_DISTRICTS), icon=":material/filter_list:")
