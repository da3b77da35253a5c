"""How a chart looks on a screen and on a projector slide. One place, so the app, the PNG/SVG downloads, the
slides and the PDF share fonts, colours and sizes."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

# DejaVu Sans carries every Vietnamese diacritic and is installed with Debian's chromium fonts, so the server-side
# exports (kaleido) render the same glyphs as the browser. No web fonts: the app must work offline.
FONT_FAMILY = "Inter, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"
TEXT_COLOR = "#222222"
GRID_COLOR = "#E4E4E4"


@dataclass(frozen=True)
class Medium:
    font_size: int
    title_size: int
    label_size: int
    height: int
    margin: dict


MEDIA = {
    "screen": Medium(font_size=14, title_size=18, label_size=13, height=430,
                     margin=dict(l=60, r=30, t=90, b=60)),
    # Read from the back of a meeting room: everything larger, nothing thin.
    "slide": Medium(font_size=22, title_size=30, label_size=22, height=720,
                    margin=dict(l=90, r=50, t=140, b=110)),
}


def layout_style(medium: str, axes: dict) -> dict:
    """The house layout as a plain dict, for builders that write plotly JSON directly (charts/compare.py): the
    same fonts, colours and sizes as apply_style. On screen, no `uniformtext` (it costs about 15% of drawing and
    changes no pixel of these charts); the margins are the caller's (preset, no automatic margins)."""
    style = MEDIA[medium]
    layout = dict(
        font=dict(family=FONT_FAMILY, size=style.font_size, color=TEXT_COLOR),
        title=dict(font=dict(size=style.title_size), x=0.01, xref="container", xanchor="left", y=0.98,
                   yref="container", yanchor="top"),
        height=style.height, plot_bgcolor="white", paper_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13), align="left"),
        **axes,
    )
    if medium != "screen":
        layout["uniformtext"] = dict(minsize=max(style.label_size - 4, 9), mode="show")
    return layout


def apply_style(figure: go.Figure, medium: str = "screen") -> go.Figure:
    """Style the figure in place for a screen or a slide and return it.

    One update_layout and one update_traces call: plotly validates on every update, and a page draws a dozen
    charts on each rerun."""
    style = MEDIA[medium]
    existing = figure.layout.to_plotly_json()
    axes = {name: {"gridcolor": GRID_COLOR, "zerolinecolor": "#BDBDBD", "automargin": True}
            for name in existing if name.startswith("yaxis")} or \
        {"yaxis": {"gridcolor": GRID_COLOR, "zerolinecolor": "#BDBDBD", "automargin": True}}
    axes.update({name: {"automargin": True, "tickfont": {"size": style.label_size}}
                 for name in existing if name.startswith("xaxis")} or
                {"xaxis": {"automargin": True, "tickfont": {"size": style.label_size}}})
    figure.update_layout(
        font=dict(family=FONT_FAMILY, size=style.font_size, color=TEXT_COLOR),
        title=dict(font=dict(size=style.title_size), x=0.01, xref="container", xanchor="left", y=0.98, yref="container",
                   yanchor="top"),
        height=style.height,
        margin=style.margin,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13), align="left"),
        **axes,
    )
    if medium != "screen":  # on screen it costs drawing time and changes no pixel of the house charts
        figure.update_layout(uniformtext=dict(minsize=max(style.label_size - 4, 9), mode="show"))
    figure.update_traces(textfont=dict(size=style.label_size), selector=lambda trace: trace.type in ("bar", "scatter"))
    for annotation in figure.layout.annotations or ():
        annotation.font = dict(size=style.font_size - 1)
    return figure
