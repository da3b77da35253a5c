"""A page's first chart drawn on its own: the charts after it are sent once the browser has drawn it.

Measured in Chromium (docs/performance.md, issue 17 fifth round): the browser draws every plotly chart that has
arrived in one task — the charts wait for plotly.js (a 4.7 MB module loaded when the first chart arrives), then are
drawn together, about 1 s for the 17 charts of a compare theme — and the first chart is seen only when all of them
are drawn. A pause on the server after the first chart does not help: plotly.js takes 1–2 s to arrive on a cold
page, longer than any pause a page could afford. So the page sends its first chart, then the rest in a fragment
that stays empty until a small script in the page says that a chart has been drawn; that rerun of the fragment
sends the rest, which the browser draws after the first is on screen. Nothing is hidden: the rest follow by
themselves, with a line saying that they are coming; nothing is clicked.

Without a browser (AppTest, scripts: no request headers) nothing would ever say so, and every chart is sent in the
run, as before."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from i18n import t

Item = TypeVar("Item")

COMPONENT = "cds_first_chart_drawn"
# Once any plotly chart of the page is drawn (its .main-svg exists), or after a few seconds whatever happens (a
# chart that fails to draw must not hold the rest back), the state `drawn` is set, which reruns the fragment.
_JS = """
export default function ({ setStateValue }) {
  const selector = '[data-testid="stPlotlyChart"] .main-svg';
  let done = false;
  const observer = new MutationObserver(() => { if (document.querySelector(selector)) send(); });
  const timer = setTimeout(() => send(), %(fallback_ms)d);
  function send() {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    setStateValue('drawn', true);
  }
  if (document.querySelector(selector)) send();
  else observer.observe(document.body, { childList: true, subtree: true });
  return () => { observer.disconnect(); clearTimeout(timer); };
}
"""
FALLBACK_MS = 4000
# The line saying that more charts are coming sits in a container of this key (class st-key-charts_to_come in the
# page): gone once the rest has been sent, which is what a browser test waits for.
WAITING_KEY = "charts_to_come"
_registered: list = []


def _signal():
    """The component, registered once per process (registering it again would log a warning on every run)."""
    if not _registered:
        _registered.append(st.components.v2.component(COMPONENT, js=_JS % {"fallback_ms": FALLBACK_MS}))
    return _registered[0]


def has_browser() -> bool:
    """A session opened by a browser carries its request's headers; AppTest and scripts have none."""
    try:
        return bool(st.context.headers)
    except Exception:  # noqa: BLE001 - outside a session there is no context at all
        return False


def show_first_then_rest(items: Sequence[Item], show: Callable[[Item], bool], view: str, lang: str) -> None:
    """`show` each item in order (it returns whether it drew a chart); in a browser, the items after the first that
    drew one are sent once that chart is drawn.

    `view` names what is shown (theme, units, …): a new view starts with its first chart alone again, while a
    rerun of the same view (a chart's menu opened) sends every chart at once."""
    items = list(items)
    for n, item in enumerate(items):
        if show(item):
            rest = items[n + 1:]
            break
    else:
        return
    if rest and not has_browser():
        for item in rest:
            show(item)
    elif rest:
        _rest(rest, show, view, lang)


@st.fragment
def _rest(rest: list, show: Callable, view: str, lang: str) -> None:
    key = "first_chart_drawn_" + hashlib.sha1(view.encode()).hexdigest()[:12]
    state = _signal()(key=key, default={"drawn": False}, on_drawn_change=lambda: None, height=0)
    if not state.drawn:
        st.container(key=WAITING_KEY).caption(t("views.more_charts_coming", lang))
        return
    for item in rest:
        show(item)
