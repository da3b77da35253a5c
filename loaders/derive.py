"""Compute derived indicators (rates, per-team and per-commune figures) from the observations they rest on.

Derived values are never typed in. Where a source also states the derived figure (Thuận Bắc states its CCCD
coverage beside the counts), the stated figure is kept and checked against the computation instead.
"""

from __future__ import annotations

from collections import defaultdict

from .dataset import Dataset, DerivedRow, ObservationRow
from .models import Indicator
from .problems import Problem

Key = tuple[str, str, str]  # level, commune ("" when none), period


def _plain(value: float) -> str:
    return f"{value:.10g}"


def _side(parts: list[str], values: list[str] | None = None) -> str:
    items = values if values is not None else parts
    return items[0] if len(items) == 1 else "(" + " + ".join(items) + ")"


def _rounding_tolerance(stated: float) -> float:
    text = _plain(stated)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals) + 1e-9


def _combined_qualifier(numerator: list[ObservationRow], denominator: list[ObservationRow]) -> str | None:
    top = {r.observation.qualifier for r in numerator} - {None}
    bottom = {r.observation.qualifier for r in denominator} - {None}
    if not top and not bottom:
        return None
    if len(top) == 1 and not bottom:
        return next(iter(top))  # "over 600 members" over exact teams stays "over"
    return "approx"


class _DistrictIndex:
    def __init__(self, rows: list[ObservationRow], indicators: dict[str, Indicator]):
        self.rows = {(r.observation.indicator, *self._key(r)): r for r in rows}
        self.structural: dict[str, ObservationRow] = {}
        for row in sorted(rows, key=lambda r: r.observation.period):
            if indicators[row.observation.indicator].structural and row.observation.level == "district" \
                    and not row.observation.stated:
                self.structural[row.observation.indicator] = row  # the latest one wins
        self.indicators = indicators
        self.all = rows

    @staticmethod
    def _key(row: ObservationRow) -> Key:
        o = row.observation
        return (o.level, o.commune or "", o.period)

    def find(self, indicator: str, key: Key) -> ObservationRow | None:
        if self.indicators[indicator].structural:
            return self.structural.get(indicator)
        return self.rows.get((indicator, *key))

    def keys_with(self, indicators: list[str]) -> list[Key]:
        return sorted({self._key(r) for r in self.all if r.observation.indicator in indicators})


def _derive_one(indicator: Indicator, district: str, index: _DistrictIndex, key: Key, problems: list[Problem]) -> DerivedRow | None:
    spec = indicator.derived
    numerator = [r for p in spec.numerator_parts if (r := index.find(p, key))]
    denominator = [r for p in spec.denominator_parts if (r := index.find(p, key))]
    if not numerator or not denominator:
        return None
    top = sum(r.observation.value for r in numerator)
    bottom = sum(r.observation.value for r in denominator)
    if bottom == 0:
        return None
    if spec.scale == 100 and top > bottom:
        first = numerator[0]
        problems.append(Problem(first.file, first.line, "value", f"{_plain(top)} is above its denominator {_plain(bottom)} ({indicator.id} would exceed 100%)",
                                "numerator_above_denominator",
                                {"value": _plain(top), "expected": _plain(bottom), "indicator": indicator.id}))
        return None
    value = top / bottom * spec.scale
    stated = index.rows.get((indicator.id, *key))
    disagrees = False
    if stated is not None:
        disagrees = stated.observation.qualifier is None and \
            abs(stated.observation.value - value) > _rounding_tolerance(stated.observation.value)
        if not stated.observation.stated:
            # typed without `stated: true`: the typed figure stands, and must agree with its inputs
            if disagrees:
                problems.append(Problem(stated.file, stated.line, "value", f"stated {_plain(stated.observation.value)} but the inputs give {value:.4g}",
                                        "typed_rate_disagrees",
                                        {"value": _plain(stated.observation.value), "expected": f"{value:.4g}"}))
            return None
        # `stated: true`: both are kept; the derived one is charted, the pair flagged when they disagree
    inputs = numerator + denominator
    scale = f" × {_plain(spec.scale)}" if spec.scale != 1 else ""
    sources = [r.observation.source for r in inputs]
    quotes = list(dict.fromkeys(r.observation.quote for r in inputs if r.observation.quote))
    return DerivedRow(
        district=district,
        indicator=indicator.id,
        value=value,
        level=key[0],
        commune=key[1] or None,
        period=key[2],
        qualifier=_combined_qualifier(numerator, denominator),
        source=sources[0],
        quote=" … ".join(quotes) or None,
        formula=f"{_side([r.observation.indicator for r in numerator])} ÷ {_side([r.observation.indicator for r in denominator])}{scale}",
        formula_values=f"{_side([], [_plain(r.observation.value) for r in numerator])} ÷ {_side([], [_plain(r.observation.value) for r in denominator])}{scale}",
        inputs=tuple(r.observation_id for r in inputs),
        stated_twin=stated.observation_id if stated is not None else None,
        disagrees=disagrees,
    )


def derive_all(dataset: Dataset, problems: list[Problem]) -> list[DerivedRow]:
    by_district: dict[str, list[ObservationRow]] = defaultdict(list)
    for row in dataset.observations:
        by_district[row.district].append(row)
    derived_indicators = [
        i for i in dataset.indicators.values()
        if i.derived and all(p in dataset.indicators for p in i.derived.numerator_parts + i.derived.denominator_parts)
    ]
    results: list[DerivedRow] = []
    for district in dataset.districts:
        index = _DistrictIndex(by_district[district.slug], dataset.indicators)
        for indicator in derived_indicators:
            for key in index.keys_with(indicator.derived.numerator_parts):
                row = _derive_one(indicator, district.slug, index, key, problems)
                if row is not None:
                    results.append(row)
    return results
