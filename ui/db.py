"""The database as the app sees it: the last build served at once on start and made current in the background
(built before serving only when there is none, loaders.watch.start), one connection per file version, query results
cached per (query, parameters, file version). A build that fails, for any reason, never takes the
pages down: they keep the last good build and show the problems; with no build at all they show only the problems."""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import streamlit as st

import queries
from i18n import t
from i18n.problems import describe
from loaders import DatabaseUnavailable
from loaders.build import DatabaseState, failure_problems, last_good_build
from loaders.watch import DataWatch, start
from store.save import finish_interrupted_saves
from loaders.paths import default_data_dir, default_db_path

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _ensured(data_dir: str, db_path: str) -> DatabaseState | DatabaseUnavailable:
    # A failure is kept as a value, not raised: raised, it would not be cached, and every query of every run would
    # try the whole build again.
    data, db = Path(data_dir), Path(db_path)
    try:
        finish_interrupted_saves(data)
    except Exception:  # noqa: BLE001 - the next save finishes it under its lock, or says why it cannot
        log.exception("could not finish an interrupted save in %s", data)
    try:
        return start(_watch(data_dir, db_path), connect=lambda path: _connection(str(path), _version(path)))
    except DatabaseUnavailable as failure:
        return failure
    except Exception as error:  # noqa: BLE001 - ensure_database reports build failures itself; this guards the rest
        try:
            return last_good_build(db, failure_problems(error, data))
        except DatabaseUnavailable as failure:
            return failure


@st.cache_resource(show_spinner=False)
def _watch(data_dir: str, db_path: str) -> DataWatch:
    return DataWatch(Path(data_dir), Path(db_path))


def database_state() -> DatabaseState:
    """The build to serve: the last one, at once, when there is one (made current in the background); built first
    when there is none (once per server start, or after refresh_database). Files edited while the server runs are
    picked up by a background check (loaders.watch), whose newest state wins. Without any build to serve, the page
    shows the problems and stops here."""
    data_dir, db_path = str(default_data_dir()), str(default_db_path())
    started = _ensured(data_dir, db_path)
    watch = _watch(data_dir, db_path)
    watch.poll()
    state = watch.latest or started
    if isinstance(state, DatabaseUnavailable):
        _stop_without_database(state)
    return state


def data_watch() -> DataWatch:
    """The background check of the served data folder (one per server)."""
    return _watch(str(default_data_dir()), str(default_db_path()))


def data_updating() -> bool:
    """Whether a background check found data files that differ from the served build and is building them."""
    return data_watch().updating


def _stop_without_database(failure: DatabaseUnavailable) -> None:
    from . import state as page_state

    lang = page_state.language()
    st.error(t("common.no_database", lang, count=len(failure.problems)), icon=":material/block:")
    st.code("\n".join(located_problem(p, lang) for p in failure.problems), language=None)
    st.stop()


def refresh_database() -> DatabaseState:
    """After data files change (a contribution was saved): rebuild if needed and drop cached results."""
    _ensured.clear()
    _query.clear()
    _records.clear()
    data_watch().forget()
    return database_state()


def _version(db_path: Path) -> tuple[int, int, int]:
    stat = os.stat(db_path)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(db_path: str, version: tuple[int, int, int]):
    return queries.open_database(db_path)


# Kept as the frame itself (cache_resource), not pickled: cache_data unpickled every result on every call (3 ms a
# rerun for the 705-unit summary alone). Each caller gets a shallow copy, and pandas' copy-on-write keeps the kept
# frame as it was whatever a caller does to its copy (tests/test_query_cache_copies.py).
@st.cache_resource(show_spinner=False, max_entries=1000)
def _query(name: str, db_path: str, version: tuple[int, int, int], **params) -> pd.DataFrame:
    return queries.run(_connection(db_path, version), name, **params)


def query(name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql against the current build; cached until the database file changes. The frame is the
    caller's to change (a copy-on-write copy of the kept one)."""
    path = database_state().path
    return _query(name, str(path), _version(path), **params).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=200)
def _records(name: str, db_path: str, version: tuple[int, int, int], **params) -> tuple[dict, ...]:
    return tuple(queries.records(_connection(db_path, version), name, **params))


def records(name: str, **params) -> list[dict]:
    """queries/<name>.sql as plain rows (Python values, NULL as None), cached like query(): for code that walks the
    rows once (the scorecard), without a DataFrame turned back into dicts on every rerun (7.7 ms for the scorecard's
    266 cells at national). Each call gets its own copies of the kept rows: the caller may change them."""
    path = database_state().path
    return [dict(row) for row in _records(name, str(path), _version(path), **params)]


def version() -> tuple[int, int, int]:
    """Identifies the current build file: anything derived from it is valid while this stays the same."""
    return _version(database_state().path)


def connection():
    """The shared read-only connection of the current build (callers use queries.run, which opens a cursor)."""
    path = database_state().path
    return _connection(str(path), _version(path))


@st.cache_data(show_spinner=False, max_entries=200)
def _charts(db_path: str, version: tuple[int, int, int], districts: tuple[str, ...], lang: str, per: str | None,
            medium: str, themes: tuple[str, ...] | None) -> list:
    from exports.deck import all_charts

    return all_charts(_connection(db_path, version), list(districts), lang, per=per, medium=medium,
                      themes=themes)


def all_charts(districts: list[str], lang: str, per: str | None = None, medium: str = "screen",
               themes: tuple[str, ...] | None = None) -> list:
    """Comparison charts for these units (all themes or the given ones), cached per database file version."""
    path = database_state().path
    return _charts(str(path), _version(path), tuple(districts), lang, per, medium, themes)


# Every theme's rows of a set of units, kept as one Arrow table per build and units: a theme change reads its rows
# from it instead of querying (issue 17, eighth round (c)). About 4 MB for 20 units (4,400 rows with their quotes and
# sources), so only the last 8 sets are kept (32 MB at most; the server's budget is 350 MB at national): a ninth set
# of units costs its first view one query of every theme again.
@st.cache_resource(show_spinner=False, max_entries=8)
def _unit_rows(db_path: str, version: tuple[int, int, int], districts: tuple[str, ...]):
    from exports.deck import unit_rows

    return unit_rows(_connection(db_path, version), list(districts))


@st.cache_resource(show_spinner=False, max_entries=100)
def _view_groups(db_path: str, version: tuple[int, int, int], theme: str | None, districts: tuple[str, ...]) -> dict:
    # One query for every theme of these units (kept: the next theme is read from it), one pass over the theme's
    # rows; kept per build, theme and units and shared by every session (never modified by callers).
    from exports.deck import deck_groups

    return deck_groups(_connection(db_path, version), list(districts), theme,
                       rows=_unit_rows(db_path, version, districts))


def view_groups(theme: str | None, districts: list[str]) -> dict[str, list[dict]]:
    """The compare view's rows grouped by chart (catalogue order), once per build, theme (None: every theme) and
    units. What a deck is picked from reads only a few columns of them: deck_outline."""
    path = database_state().path
    return _view_groups(str(path), _version(path), theme, tuple(districts))


class KeptCharts:
    """Charts kept by key, at most `size`, the least recently used dropped first; shared by every session's thread.
    One Streamlit cache call per chart cost about 0.5 ms of hashing and signature reading (a theme shows 11-17
    charts on every rerun); a dict lookup costs nothing."""

    def __init__(self, size: int):
        self._charts: OrderedDict = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get_or_make(self, key: tuple, make):
        with self._lock:
            if key in self._charts:
                self._charts.move_to_end(key)
                return self._charts[key]
        chart = make()  # built outside the lock: another session's charts are not kept waiting
        with self._lock:
            self._charts[key] = chart
            self._charts.move_to_end(key)
            while len(self._charts) > self._size:
                self._charts.popitem(last=False)
        return chart


@st.cache_resource(show_spinner=False, max_entries=2)
def _kept_charts(db_path: str, version: tuple[int, int, int]) -> KeptCharts:
    return KeptCharts(300)


def chart_maker(theme: str, districts: list[str], lang: str, per: str | None, selected: pd.DataFrame,
                colors: dict):
    """What makes a compare view's charts: `make(key, records)` is one chart from its group's rows (view_groups),
    kept (shared, never modified) per build, theme, units, language and normalisation (`per`: per commune, per
    1,000 residents or none), so going back to a theme or picking one chart of it in a meeting is instant. The
    rows, units and colours are not part of the key: the key's other parts determine them. The build and its kept
    charts are looked up once per view, not once per chart (two Streamlit cache calls and a stat of the build for
    each of a theme's 11-17 charts: about 3 ms a rerun at national, issue 17, eighth round (c))."""
    from charts.compare import chart_from_records

    path = database_state().path
    kept = _kept_charts(str(path), _version(path))
    units = tuple(districts)

    def make(key: str, records: list[dict]):
        return kept.get_or_make((theme, key, units, lang, per),
                                lambda: chart_from_records(records, key, selected, colors, lang, per=per))

    return make


@st.cache_resource(show_spinner=False, max_entries=100)
def _deck_outline(db_path: str, version: tuple[int, int, int], districts: tuple[str, ...]) -> dict:
    from exports.deck import deck_outline

    return deck_outline(_connection(db_path, version), list(districts))


def deck_outline(districts: list[str]) -> dict[str, list[dict]]:
    """Every chart these units make, grouped as view_groups groups them, with only what the deck picker reads of
    its rows (exports.deck.deck_outline): once per build and units, shared by every session (never modified by
    callers). The Present page's titles and left-out charts read it; the whole rows of every theme were about
    three quarters of that page's first run (issue 17, ninth round (f))."""
    path = database_state().path
    return _deck_outline(str(path), _version(path), tuple(districts))


@st.cache_data(show_spinner=False, max_entries=200)
def _chart_titles(db_path: str, version: tuple[int, int, int], districts: tuple[str, ...], lang: str) -> dict:
    from exports.deck import chart_titles

    # read from the units' outline (deck_outline), kept once: the present page's left-out charts read it too
    return chart_titles(_connection(db_path, version), list(districts), lang,
                        groups=_deck_outline(db_path, version, districts))


def chart_titles(districts: list[str], lang: str) -> dict[str, str]:
    """Chart id → title for these units, without building the charts (the present page's deck picker)."""
    path = database_state().path
    return _chart_titles(str(path), _version(path), tuple(districts), lang)


def load_problems(lang: str) -> list[str]:
    """Problems that kept the last build in service (empty when data is valid), located and in the reader's words."""
    return [located_problem(p, lang) for p in database_state().problems]


def located_problem(problem, lang: str) -> str:
    """`file:line: field: message` with the message from the translation table (English only as a fallback)."""
    return f"{problem.file}:{problem.line}: {problem.field}: {describe(problem, lang)}"


@st.cache_resource(show_spinner=False, max_entries=20)
def _dataset(data_dir: str, version: tuple[int, int, int], only: tuple[str, ...] | None):
    from loaders.validate import load_dataset_leniently

    return load_dataset_leniently(Path(data_dir), None if only is None else list(only))


def dataset(only: list[str] | None = None):
    """The validated data files in memory: all districts, or only some (``[]``: just the catalogue and sources).
    Templates and contribution previews need records, not tables."""
    return _dataset(str(default_data_dir()), version(), None if only is None else tuple(only))
