"""The report reader's rounds of rule tests (round 8 on) probe it the same way: our own sentences, read for a
report of a known date about a known unit. Shared here so each round's file holds only its cases."""

from __future__ import annotations

from reader import ReportUnit, propose

DATE = "2025-10-15"
COMMUNE = ReportUnit("Na Sơn", "commune")
DISTRICT = ReportUnit("huyện Văn Yên", "district")
PROVINCE = ReportUnit("Bắc Ninh", "province")


def found(text: str, unit: ReportUnit | None = DISTRICT, date: str | None = DATE, language: str = "auto"):
    return propose(text, document_date=date, unit=unit, language=language)


def pairs(text: str, unit: ReportUnit | None = DISTRICT, date: str | None = DATE) -> set[tuple[str, float]]:
    return {(c.indicator, float(c.value)) for c in found(text, unit, date)}


def one(text: str, indicator: str, value: float, unit: ReportUnit | None = DISTRICT, date: str | None = DATE):
    """The proposal of this indicator and value (the test fails listing what was proposed when there is none)."""
    proposals = found(text, unit, date)
    hits = [c for c in proposals if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value, c.period, c.level) for c in proposals])
    return hits[0]
