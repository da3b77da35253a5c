"""The view lives in the URL (?lang=en&d=lam-binh,huong-khe&theme=signing…) so a pasted link reopens it.

Values are validated: an unknown value falls back to the default and leaves a visible notice, never an error.
The session keeps a copy because switching pages in st.navigation starts the new page with a clean URL.
"""

from __future__ import annotations

from collections.abc import Sequence

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
                      icon="🔗")


def _notice(param: str, bad: str) -> None:
    """One notice per invalid value and run, however often the page reads the parameter (Compare reads `d` once
    to test for an empty pick and again for the widget)."""
    slot = st.session_state.get(_NOTICE_SLOT)
    if slot is None:
        st.session_state.setdefault(_NOTICES, {})[param] = bad
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
    value = _raw(param)
    if value is None:
        return default
    if value not in allowed:
        _notice(param, value)
        return default
    return value


def choices(param: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    value = _raw(param)
    if value is None:
        return list(default)
    wanted = [v for v in value.split(",") if v]
    unknown = [v for v in wanted if v not in allowed]
    if unknown:
        _notice(param, ",".join(unknown))
    kept = [v for v in wanted if v in allowed]
    return kept or list(default)


def show_notices(lang: str) -> None:
    """Say which link values were not understood: those met so far, and (into the same place at the top of
    the page) those the page meets while it reads its widgets."""
    container = st.container()
    st.session_state[_NOTICE_SLOT] = (container, lang)
    shown = st.session_state[_NOTICES_SHOWN] = set()
    for param, bad in st.session_state.pop(_NOTICES, {}).items():
        if (param, bad) not in shown:
            shown.add((param, bad))
            _warn(container, param, bad, lang)


def seed_widget(key: str, value: object) -> None:
    """Give a keyed widget its starting value from the URL once; afterwards the widget owns it.
    (Passing default= every run would fight the user's own changes.)"""
    if key not in st.session_state:
        st.session_state[key] = value


def requested(param: str) -> list[str]:
    """The raw comma-separated values a link asks for, before validation (to know what to load)."""
    return [v for v in (_raw(param) or "").split(",") if v]
