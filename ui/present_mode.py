"""Show mode: the deck on a projector, driven by keyboard or clicker, with no server round trip between slides.

Every slide of the deck is drawn once, stacked in one place (Streamlit's own plotly.js, nothing fetched); only
the current one is visible. A small script (an iframe of this app's own origin) moves between them in the browser:
→, PageDown (what clickers send), space, N go forward; ←, PageUp, P go back; Home/End go to the first/last; F
toggles full screen. It also takes over the page's Previous/Next/Full-screen buttons, so a click changes the slide
without a round trip too, and it keeps ?slide=k in the address so a reload or a pasted link opens the same slide.
Without JavaScript (and under AppTest) the same buttons work through the server."""

from __future__ import annotations

import json

import streamlit as st

from charts.spec import ChartSpec
from exports.slide_layout import fit_deck_to_screen
from i18n import t

from . import markdown

_HIDE_CHROME = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
.block-container {padding-top: 0.6rem !important; padding-bottom: 0 !important; max-width: 100% !important;}
</style>
"""

CONTROLS_PX = 84  # the row of buttons under the slide (and the gaps around it)
SCREEN = (1366, 768)  # the smallest screen a deck is shown on: a laptop driving a projector
NOTE_LINE_PX = 13 * 1.35  # a line of the notes and source line under a slide (13 px text, as _DECK_CSS sets it)

# The deck: slides stacked in one box the height of the window minus the controls, only the current one visible.
# The script rewrites #cds-present-current (a style element in the page's head) to show another slide.
_DECK_CSS = """
<style>
.st-key-present_deck {{position: relative !important; height: calc(100vh - {controls}px) !important;
    min-height: 360px; flex: none !important;}}
.st-key-present_deck [class*="st-key-present_slide_"] {{position: absolute; inset: 0; visibility: hidden;
    background: white; overflow: hidden; display: flex; flex-direction: column;}}
.st-key-present_slide_{current} {{visibility: visible !important; z-index: 1;}}
.st-key-present_deck [class*="st-key-present_slide_"] > * {{flex: none !important;}}
.st-key-present_deck [class*="st-key-present_slide_"] > *:has([data-testid="stPlotlyChart"])
    {{flex: 1 1 0 !important; min-height: 0 !important;}}
.st-key-present_deck [data-testid="stPlotlyChart"] {{height: 100% !important;}}
.st-key-present_deck [class*="st-key-present_slide_"] {{gap: 0 !important;}}
.st-key-present_deck [data-testid="stMarkdown"] p {{font-size: 13px; line-height: 1.35; margin: 0;}}
.st-key-present_deck [data-testid="stMarkdown"], .st-key-present_deck [data-testid="stMarkdown"] > div
    {{height: auto !important; max-height: none !important; min-height: 0 !important;}}
.st-key-present_deck [data-testid="stMarkdownContainer"] {{margin-bottom: 0 !important;}}
.st-key-present_deck [class*="st-key-present_notes_"] {{position: relative; overflow: visible;}}
.st-key-present_deck [class*="st-key-present_notes_"] summary p {{font-size: 13px; color: #8A4B00;}}
.st-key-present_deck [class*="st-key-present_notes_"] [data-testid="stExpanderDetails"] {{position: absolute;
    left: 0; right: 0; bottom: 100%; z-index: 3; max-height: calc(100vh - {controls}px - 6rem); overflow-y: auto;
    background: white; border: 1px solid #C9C9C9; border-radius: 0.4rem; padding: 0.5rem 0.75rem;
    box-shadow: 0 -6px 18px rgba(0, 0, 0, 0.15);}}
.st-key-present_deck [class*="st-key-present_notes_"] [data-testid="stExpanderDetails"] [data-testid="stVerticalBlock"]
    {{gap: 0.3rem;}}
.st-key-present_deck [class*="st-key-present_source_"] p {{display: -webkit-box; -webkit-box-orient: vertical;
    -webkit-line-clamp: {source_lines}; overflow: hidden;}}
.st-key-present_controls {{gap: 0.5rem;}}
.st-key-present_keys {{position: absolute; width: 1px; height: 1px; overflow: hidden; opacity: 0;}}
</style>
"""

_SCRIPT = """<!doctype html><meta charset="utf-8"><script>
(function () {
  const config = JSON.parse(%(config)s);
  const P = window.parent, D = P.document;
  const total = config.total;
  let current = config.current;
  function styleTag() {
    let tag = D.getElementById("cds-present-current");
    if (!tag) { tag = D.createElement("style"); tag.id = "cds-present-current"; D.head.appendChild(tag); }
    return tag;
  }
  function button(key) { return D.querySelector(".st-key-present_" + key + " button"); }
  function show(slide) {
    if (!D.querySelector(".st-key-present_deck")) return false;
    slide = Math.max(1, Math.min(total, slide));
    current = slide;
    styleTag().textContent = ".st-key-present_slide_" + slide + "{visibility:visible !important;z-index:2}" +
      "[class*='st-key-present_slide_']:not(.st-key-present_slide_" + slide + "){visibility:hidden !important}";
    const counter = D.querySelector(".st-key-present_counter p");
    if (counter) counter.textContent = config.counter.replace("{current}", slide).replace("{total}", total);
    const previous = button("previous"), next = button("next");
    if (previous) previous.disabled = slide === 1;
    if (next) next.disabled = slide === total;
    try {
      const url = new URL(P.location.href);
      url.searchParams.set("slide", String(slide));
      P.history.replaceState(P.history.state, "", url.toString());
    } catch (error) { /* an address we cannot rewrite: the slide still changes */ }
    return true;
  }
  function fullScreen() {
    if (D.fullscreenElement) { D.exitFullscreen(); } else { D.documentElement.requestFullscreen().catch(() => {}); }
  }
  const FORWARD = ["ArrowRight", "PageDown", " ", "Spacebar", "n", "N"];
  const BACK = ["ArrowLeft", "PageUp", "p", "P"];
  function onKey(event) {
    const target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable=true]")) return;
    let moved = null;
    if (FORWARD.includes(event.key)) moved = current + 1;
    else if (BACK.includes(event.key)) moved = current - 1;
    else if (event.key === "Home") moved = 1;
    else if (event.key === "End") moved = total;
    else if (event.key === "f" || event.key === "F") { fullScreen(); event.preventDefault(); return; }
    if (moved === null) return;
    if (show(moved)) {
      event.preventDefault();
      event.stopPropagation();
      if (D.activeElement && D.activeElement.blur) D.activeElement.blur();  // space must not also click a button
    }
  }
  function onClick(event) {
    const target = event.target && event.target.closest ? event.target : null;
    if (!target) return;
    let handled = true;
    if (target.closest(".st-key-present_next")) show(current + 1);
    else if (target.closest(".st-key-present_previous")) show(current - 1);
    else if (target.closest(".st-key-present_fullscreen")) fullScreen();
    else handled = false;
    if (handled) { event.preventDefault(); event.stopPropagation(); event.stopImmediatePropagation(); }
  }
  if (P.__cdsPresent) P.__cdsPresent();  // a rerun drew this script again: drop the previous listeners
  D.addEventListener("keydown", onKey, true);
  window.addEventListener("keydown", onKey, true);
  D.addEventListener("click", onClick, true);
  const cleanup = function () {
    D.removeEventListener("keydown", onKey, true);
    D.removeEventListener("click", onClick, true);
    const tag = D.getElementById("cds-present-current");
    if (tag) tag.remove();
    P.__cdsPresent = null;
  };
  P.__cdsPresent = cleanup;
  window.addEventListener("pagehide", cleanup);
  show(current);
  P.focus();
})();
</script>"""


def hide_app_chrome() -> None:
    st.html(_HIDE_CHROME)


def note_lines(texts: list[str], width: int = SCREEN[0]) -> int:
    """The lines these texts take under a slide on a screen `width` px wide (13 px lines, as _DECK_CSS sets them)."""
    per_line = int((width - 80) / (13 * 0.55))
    return sum(max(1, -(-len(text) // per_line)) for text in texts)


# Under a slide's chart: its notes while they fit in NOTES_INLINE_LINES lines, else the leading ones that fit in a
# line less and one toggle that opens the rest over the chart's foot; then the source line, cut after SOURCE_LINES
# lines with "…" when longer (the notes' panel holds it whole). Six charts of the districts' default deck (periods,
# definitions and levels differing, each listing its units) took 150–250 px of a 768 px screen in notes and left
# their bars 120–250 px, too little for a label's period: the bars said values only. At most these lines now,
# whatever the chart's notes; the leading note stays in sight (the scorecard's is its colours' key).
NOTES_INLINE_LINES = 3
SOURCE_LINES = 2
FOOTER_PX = (NOTES_INLINE_LINES + SOURCE_LINES) * NOTE_LINE_PX + 12


def notes_fold(notes: list[str], source_note: str) -> tuple[list[str], list[str], bool]:
    """A slide's notes shown under its chart, those behind the toggle, and whether its source line is cut (then
    whole behind the toggle too)."""
    source_cut = note_lines([source_note]) > SOURCE_LINES
    if not source_cut and note_lines(notes) <= NOTES_INLINE_LINES:
        return list(notes), [], False
    shown = 0
    while shown < len(notes) and note_lines(notes[:shown + 1]) <= NOTES_INLINE_LINES - 1:
        shown += 1
    return list(notes[:shown]), list(notes[shown:]), source_cut


def slide_order(total: int, current: int) -> list[int]:
    """The slides in drawing order: the one on screen first (the audience sees it drawn first), then the rest."""
    return [current] + [n for n in range(1, total + 1) if n != current]


# The toggle's words by (some notes shown above it, the source line cut): "Thêm 4 ghi chú … và nguồn đầy đủ"
_TOGGLES = {(False, False): "present.notes_toggle", (False, True): "present.notes_toggle_source",
            (True, False): "present.more_notes_toggle", (True, True): "present.more_notes_toggle_source"}


def _slide_footer(notes: list[str], source_note: str, number: int, lang: str) -> None:
    """The notes and the source line under a slide (NOTES_INLINE_LINES, SOURCE_LINES). Opening the toggle changes
    nothing on the server (Streamlit's expander, on_change="ignore"), and every note is on the slide, open or shut.
    Notes and the source line carry names and titles from the data: shown as text."""
    shown, folded, source_cut = notes_fold(notes, source_note)
    source = f"**{markdown.escape(source_note)}**"
    for note in shown:
        st.markdown(f"⚠ {markdown.escape(note)}")
    if folded or source_cut:
        label = t(_TOGGLES[(bool(shown), source_cut)] if folded else "present.source_toggle", lang, count=len(folded))
        with st.expander(label, type="compact", key=f"present_notes_{number}"):
            for note in folded:
                st.markdown(f"⚠ {markdown.escape(note)}")
            if source_cut:
                st.markdown(source)
    with st.container(key=f"present_source_{number}", gap=None):
        st.markdown(source)


def show_deck(slides: list[ChartSpec], current: int, lang: str) -> str | None:
    """Draw every slide once, stacked, with the current one visible, and the controls under them. Returns the
    action of a control clicked without JavaScript ("previous", "next", "stop"), which the page carries out."""
    total = len(slides)
    # Laid out for the smallest screen show mode is for (a 1366×768 laptop): labels fitted to the bars at that
    # width, the legend under the axis' names, the chart as tall as what the notes leave; a chart spread over
    # several slides keeps one axis with the room its tallest label needs at that size.
    fitted = fit_deck_to_screen(slides, SCREEN[0], int(SCREEN[1] - CONTROLS_PX - FOOTER_PX))
    st.html(_DECK_CSS.format(controls=CONTROLS_PX, current=current, source_lines=SOURCE_LINES))
    with st.container(key="present_deck", gap=None):
        for number in slide_order(total, current):
            spec = slides[number - 1]
            with st.container(key=f"present_slide_{number}", gap=None):
                figure, shortened = fitted[number - 1]
                notes = [*spec.notes, *([t("present.undated_note", shortened)] if shortened else [])]
                st.plotly_chart(figure, width="stretch", height="stretch", theme=None, key=f"slide_chart_{number}",
                                config={"displaylogo": False, "displayModeBar": False, "responsive": True})
                _slide_footer(notes, spec.source_note, number, lang)
    action = None
    with st.container(key="present_controls", horizontal=True, vertical_alignment="center"):
        if st.button(t("present.previous", lang), disabled=current == 1, key="present_previous"):
            action = "previous"
        if st.button(t("present.next", lang), disabled=current == total, type="primary", key="present_next"):
            action = "next"
        with st.container(key="present_counter", width="content"):
            st.markdown(f"**{t('present.counter', lang, current=current, total=total)}**")
        st.button(t("present.fullscreen", lang), key="present_fullscreen", icon=":material/fullscreen:")
        if st.button(t("present.stop", lang), key="present_stop"):
            action = "stop"
        st.caption(t("present.keys_hint", lang))
    config = {"total": total, "current": current,
              "counter": t("present.counter", lang, current="{current}", total="{total}")}
    script = _SCRIPT % {"config": json.dumps(json.dumps(config)).replace("</", "<\\/")}
    with st.container(key="present_keys"):
        st.iframe(script, height=1)
    return action
