"""A chart ready to show anywhere: on a page, as a slide, in an exported file."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go


@dataclass
class ChartSpec:
    chart_id: str  # stable across languages and runs, e.g. "online_services/online_submission_rate"; used in URLs
    title: str  # in the UI language
    figure: go.Figure
    source_note: str  # "Nguồn: … · Kỳ: …" — printed under the chart on slides and exports
    notes: list[str] = field(default_factory=list)  # honest caveats: different periods, definitions, missing data
    colors: dict[str, str] = field(default_factory=dict)  # unit id → its colour on this chart (its other views too)
    # One part of a chart a deck spreads over several slides (the scorecard of many units): the units this part draws
    part_units: tuple[str, ...] = ()
