"""How many units a page draws before anyone chooses: enough to compare, few enough to read on a projector.

117 units today (districts until 2025, communes and wards, provinces); 705 districts or 3,321 communes at national
scale. A bar chart of 705 bars helps nobody and costs
seconds, so every page that starts from "all units" starts from the first MAX_DEFAULT_DISTRICTS of the list
(province by province, then by name) and says so, in the words of the kind of unit shown (huyện,
xã, tỉnh); choosing a province or units lifts it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pandas as pd
import streamlit as st

from charts.compare import NORMALISATIONS, PER_COMMUNE
from charts.labels import kind_words
from i18n import t

from . import state
from .search import vietnamese_key

MAX_DEFAULT_DISTRICTS = 20
# Units of one kind are compared (as on the Compare page), listed in this order. A page that starts from "all
# units" starts from the kind the data holds most units of: since the 2025 reform officials compare today's communes,
# and the bundled data holds more of them than of the old districts; a tie goes to the kind listed first.
KINDS = ("district", "commune", "province")
# The kinds whose units are made of communes: their counts can be divided per commune (a commune's cannot).
KINDS_WITH_COMMUNES = ("district", "province")


def in_display_order(units: pd.DataFrame) -> pd.DataFrame:
    """Units as people look for them in a picker or a roster: by province (after the 2025 merger), then by name,
    both in Vietnamese dictionary order (Đ after D, Â after A), never by file name. Colours still follow the
    build's order, so a unit keeps its colour whichever list it is picked from."""
    if units.empty:
        return units
    order = _display_order(tuple(zip(units["province_2025"].tolist(), units["district_name"].tolist())))
    # already in that order (a page passing on what it sorted): the same frame, without copying every column
    return units if order == tuple(range(len(order))) else units.iloc[list(order)]


@lru_cache(maxsize=64)
def _display_order(pairs: tuple[tuple[object, object], ...]) -> tuple[int, ...]:
    # Kept per list of (province, name): a unit's place depends on these words alone, and sorting every unit by its
    # Vietnamese keys on every rerun took 2 ms at 705 units and 6–7 ms at 3,321 (twice on the overview).
    keys = [(vietnamese_key(province), vietnamese_key(name)) for province, name in pairs]
    return tuple(sorted(range(len(keys)), key=keys.__getitem__))


def default_districts(ids: Sequence[str]) -> list[str]:
    return list(ids[:MAX_DEFAULT_DISTRICTS])


def default_kind(units: pd.DataFrame, linked: Sequence[str] = ()) -> str:
    """The kind a page starts from: that of the first known unit a link names (so `?d=lam-binh`, a district, still
    opens districts), else the kind the data holds most units of."""
    return unit_kinds(units).default(linked)


def _default_kind(held: Mapping[str, int], kind_of: Mapping[str, str], linked: Sequence[str]) -> str:
    named = next((kind_of[unit] for unit in linked if unit in kind_of), None)
    if named in KINDS:
        return named
    present = [k for k in KINDS if held.get(k, 0)]
    return max(present, key=lambda k: (held[k], -KINDS.index(k))) if present else KINDS[0]


def first_kind(units: pd.DataFrame, linked: Sequence[str] = ()) -> tuple[str, list[str]]:
    """The kind a page starts from (default_kind) and its units' ids in display order: what a page that draws units
    side by side starts from, never districts, communes and provinces mixed."""
    read = unit_kinds(units)
    kind = read.default(linked)
    return kind, list(read.in_order.get(kind, ()))


@dataclass(frozen=True)
class UnitKinds:
    """What kind_switch reads of a frame of units: each unit's kind, how many units each kind holds and each kind's
    units in display order. A page whose units are the build's keeps it per build (unit_kinds once) instead of
    reading the 3,321 units' kinds and display order again on every rerun (about 5 ms of the overview's rerun at
    communes; issue 17, ninth round (r)). Shared, so read-only."""

    kind_of: Mapping[str, str]
    held: Mapping[str, int]
    in_order: Mapping[str, tuple[str, ...]]

    def default(self, linked: Sequence[str] = ()) -> str:
        """default_kind of the same units."""
        return _default_kind(self.held, self.kind_of, linked)


def unit_kinds(units: pd.DataFrame) -> UnitKinds:
    ordered = in_display_order(units)
    ids, kinds = ordered["district_id"].tolist(), ordered["unit_kind"].tolist()
    in_order: dict[str, list[str]] = {}
    for unit, kind in zip(ids, kinds):
        in_order.setdefault(kind, []).append(unit)
    return UnitKinds(kind_of=MappingProxyType(dict(zip(ids, kinds))),
                     held=MappingProxyType({kind: len(of_kind) for kind, of_kind in in_order.items()}),
                     in_order=MappingProxyType({kind: tuple(of_kind) for kind, of_kind in in_order.items()}))


def kind_switch(units: pd.DataFrame | UnitKinds, key: str, lang: str, *, drawn: bool = True) -> tuple[str, list[str]]:
    """The kind of unit a page draws side by side, bound to the link's `kind` (as on the Compare page), and that
    kind's unit ids in display order: a page's picker offers only these, so a scorecard or a deck never ranks a
    commune against a province. Starts from default_kind; a radio is drawn only when the data holds more than one
    kind (`drawn=False`: read from the link only, as the slides of show mode do). `units`: a frame of units, or
    what unit_kinds read of one (kept by the page)."""
    read = units if isinstance(units, UnitKinds) else unit_kinds(units)
    kinds = [kind for kind in KINDS if read.held.get(kind, 0)] or [KINDS[0]]
    default = read.default(state.linked_values("d"))
    if drawn:
        kind = state.bound("kind", key, kinds, default, lambda options: st.radio(
            t("compare.kind", lang), options, key=key, horizontal=True,
            format_func=lambda k: t(f"subtypes.kind_{k}", lang)) if len(options) > 1 else options[0])
    else:
        kind = state.choice("kind", kinds, default)
    return kind, list(read.in_order.get(kind, ()))


def normalisations(kind: str) -> list[str]:
    """What this kind's counts may be divided by (charts.compare.NORMALISATIONS): per commune only for kinds made
    of communes (a commune's counts per commune would all vanish as 'no commune count'), per 1,000 residents for
    every kind."""
    return [n for n in NORMALISATIONS if n != PER_COMMUNE or kind in KINDS_WITH_COMMUNES]


def normalisation_choice(kind: str, key: str, place, lang: str) -> str | None:
    """The link-bound choice (`per`) of what counts are divided by: nothing (the default, left out of the link),
    each unit's communes or 1,000 of its residents, as this kind offers (normalisations); its help in the kind's
    words. A link's value this kind does not offer (`per=commune` for communes) is named in the notice, then left
    out of the link. Returns None or the chosen normalisation."""
    options = ["", *normalisations(kind)]
    words = unit_words(kind, lang)
    help_text = " ".join(t(f"comparable.normalise_help_{n or 'none'}", lang, **words) for n in options)
    value = state.bound("per", key, options, "", lambda choices: place.radio(
        t("comparable.normalise", lang), choices, key=key, horizontal=True, help=help_text,
        format_func=lambda n: t(f"comparable.normalise_{n or 'none'}", lang)))
    return value or None


def is_capped(ids: Sequence[str]) -> bool:
    return len(ids) > MAX_DEFAULT_DISTRICTS


def unit_words(kind: str, lang: str) -> dict[str, str]:
    """The words a sentence about units of this kind uses: {unit} (one), {units} (several), {units_title}."""
    return kind_words([kind], lang)


def show_cap_notice(ids: Sequence[str], lang: str, kind: str = "district") -> None:
    if is_capped(ids):
        st.info(t("comparable.capped", lang, total=len(ids), shown=MAX_DEFAULT_DISTRICTS, **unit_words(kind, lang)),
                icon=":material/filter_list:")
