"""Whether a figure reaches a target, read with its qualifier: one rule for the strengths and gaps
(analysis/standing.py) and the scorecard's colours (charts/scorecard.py cell_status)."""

from __future__ import annotations


def reaches(value: float, target: float, qualifier: str | None = None) -> bool:
    """value >= target, except that a figure printed 'gần' / 'nearly' X is below X: 'gần 100%' does not meet a 100%
    target. ('khoảng' / 'approx' and 'trên' / 'over' are read at their number; the value text says the qualifier.)"""
    if qualifier == "nearly":
        return value > target
    return value >= target
