"""The view lives in the URL (?lang=en&d=lam-binh,huong-khe&theme=signing…) so a pasted link reopens it.

Every link-bound control is set up by one call, `bound` (or `bound_flag` for an on/off switch): it seeds the widget
from the link once, clamps it to the options of this run (a province changed under a unit pick), draws it, and writes
it back into the link with the default left out. An unknown value in the link falls back to the default and is
named in one visible notice (several unknown units of one parameter together), never twice, never an error.
Values carried over from another page (the session keeps a copy, because switching pages in st.navigation starts
the new page with a clean URL) are fitted silently: the person did not type them into this page's link, and a
province name on Compare is not a province id on Provinces.

Streamlit's own `bind="query-params"` was weighed and not used: it writes the option's displayed label into the URL
(so `d=lam-binh` would become `d=huyện Lâm Bình`, and change with the language), repeats a parameter for several
values (`?d=a&d=b`, so today's `?d=lam-binh,huong-khe` links would stop working), and drops an invalid value without
a word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from i18n import DEFAULT_LANGUAGE, LANGUAGES, t

from . import markdown

_NOTICES = "_url_notices"
_NOTICE_SLOT = "_url_notice_slot"  # (container, lang) set by show_notices for the current run
_NOTICES_SHOWN = "_url_notices_shown"  # (param, value) pairs already warned about in the current run


def _raw(param: str) -> str | None:
    value = st.query_params.get(param)
    if value is None:
        value = st.session_state.get(f"_url_{param}")
    return value


def linked_values(param: str) -> list[str]:
    """The comma-separated values this page's link (or a copy kept from another page) holds for `param`, unchecked:
    for choosing a default from them (the kind of the units a link names), never shown."""
    return [value for value in (_raw(param) or "").split(",") if value]


def _from_link(param: str) -> bool:
    """Whether the value comes from this page's own link (not a copy kept from another page)."""
    return st.query_params.get(param) is not None


def remember(**values: str | Sequence[str] | None) -> None:
    """Write the current view into the URL (and the session, for the next page)."""
    for param, value in values.items():
        text = ",".join(value) if isinstance(value, (list, tuple)) else value
        if text in (None, ""):
            st.query_params.pop(param, None)
            st.session_state.pop(f"_url_{param}", None)
        else:
            st.query_params[param] = text
            st.session_state[f"_url_{param}"] = text


def _warn(container, param: str, bad: str, lang: str) -> None:
    # The value is whatever the link said: shown as text, so a link cannot put its own words or links in our notice.
    container.warning(t("common.url_value_ignored", lang, param=markdown.escape(param), value=markdown.escape(bad)),
                      icon=":material/link:")


def _notice(param: str, bad: str) -> None:
    """One notice per invalid value and run (a page reading a parameter twice still says it once)."""
    slot = st.session_state.get(_NOTICE_SLOT)
    if slot is None:
        waiting = st.session_state.setdefault(_NOTICES, [])
        if (param, bad) not in waiting:
            waiting.append((param, bad))
        return
    shown = st.session_state.setdefault(_NOTICES_SHOWN, set())
    if (param, bad) in shown:
        return
    shown.add((param, bad))
    container, lang = slot
    _warn(container, param, bad, lang)


def language() -> str:
    value = st.session_state.get("language") or _raw("lang") or DEFAULT_LANGUAGE
    if value not in LANGUAGES:
        _notice("lang", value)
        value = DEFAULT_LANGUAGE
    return value


def choice(param: str, allowed: Sequence[str], default: str | None) -> str | None:
    """A link value with no widget behind it (a slide number, a deck): the value, or the default with a notice."""
    value = _raw(param)
    if value is None:
        return default
    if value not in allowed:
        if _from_link(param):
            _notice(param, value)
        return default
    return value


def choices(param: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    """A comma-separated link value with no widget behind it: the known values in order, else the default. The
    unknown ones are named together in one notice (a link of 5,000 made-up units is one notice, not 5,000)."""
    value = _raw(param)
    if value is None:
        return list(default)
    wanted = list(dict.fromkeys(v for v in value.split(",") if v))
    unknown = [v for v in wanted if v not in allowed]
    if unknown and _from_link(param):
        _notice(param, ",".join(unknown))
    kept = [v for v in wanted if v in allowed]
    return kept or list(default)


def _fitted(value, options: Sequence[str], default, many: bool):
    """The widget's value within this run's options: for a pick of several, the ones that still fit (else the
    default); for one, itself or the default."""
    if many:
        kept = [v for v in value if v in options]
        return kept if kept == list(value) else (kept or list(default))
    return value if value in options else default


def bound(param: str, key: str, options: Sequence[str], default, draw: Callable[[list[str]], object], *,
          many: bool = False):
    """One link-bound control. `draw(options)` draws the widget under `key` and returns its value; `default` is
    what the page shows when the link says nothing (left out of the link when chosen). `many`: a pick of several,
    written comma-separated. Returns the widget's value."""
    options = list(options)
    if key not in st.session_state:
        st.session_state[key] = (choices(param, options, default) if many else choice(param, options, default))
    else:
        current = st.session_state[key]
        fitted = _fitted(current, options, default, many)
        if fitted != current:
            st.session_state[key] = fitted
    value = draw(options)
    remember(**{param: None if value == default or (many and list(value) == list(default)) else value})
    return value


def bound_flag(param: str, key: str, on: str, draw: Callable[[], bool]) -> bool:
    """One link-bound switch: `?param=on` turns it on; off is the default and is left out of the link."""
    if key not in st.session_state:
        st.session_state[key] = choice(param, [on], None) == on
    value = bool(draw())
    remember(**{param: on if value else None})
    return value


def show_notices(lang: str) -> None:
    """Say which link values were not understood: those met so far, and (into the same place at the top of
    the page) those the page meets while it reads its widgets."""
    container = st.container()
    st.session_state[_NOTICE_SLOT] = (container, lang)
    shown = st.session_state[_NOTICES_SHOWN] = set()
    for param, bad in st.session_state.pop(_NOTICES, []):
        if (param, bad) not in shown:
            shown.add((param, bad))
            _warn(container, param, bad, lang)
