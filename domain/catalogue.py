"""What an indicator means, declared once in data/indicators.yaml and read from here by the loaders (whose pydantic
models validate the same fields), the analysis, the charts, the report reader and the synthetic generator.

Plain Python, no I/O: ``catalogue_from_mapping`` takes the parsed YAML document (``parse_catalogue`` the text).

The fields of meaning:
- ``compare_groups:`` (top level): indicators drawn on one chart, each group with its names (vi, en) and, for the
  scorecard, its ``headline`` place; an indicator outside any group may have a ``headline`` place of its own;
- ``measure``: ``flow`` (a quantity over a span of time: received, issued, trained …; a bare figure in a report
  takes the report's period) or ``stock`` (a level at a date; the default);
- ``scale_free``: whether the figure can be ranked across units of different size (a rate, a per-team ratio);
  percentages are, by default, and nothing else is unless it says so;
- ``counted_unit``: what a count counts when it counts administrative units or places (``commune``, ``village``);
  "communes per commune" means nothing, so a count of communes is never put per commune;
- ``per_residents``: a typed count that grows with the number of residents (people, accounts, dossiers, records of
  residents) and may therefore be put per 1,000 residents; never a rate, an index, a ratio or a count of places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

MEASURES = ("flow", "stock")
COUNTED_UNITS = ("commune", "village")


class CatalogueError(ValueError):
    """The catalogue declares something that does not resolve (a group without names, a headline place twice …)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class CompareGroup:
    id: str
    name_vi: str
    name_en: str
    headline: int | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass(frozen=True)
class IndicatorMeaning:
    id: str
    name_vi: str
    name_en: str
    unit: str
    theme: str
    compare_group: str | None = None
    headline: int | None = None
    measure: str = "stock"
    scale_free: bool = False
    counted_unit: str | None = None
    structural: bool = False
    derived: bool = False
    counts_vi: str | None = None
    counts_en: str | None = None
    per_residents: bool = False

    @property
    def row_key(self) -> str:
        """The chart or scorecard row the indicator is drawn in: its group's, or its own."""
        return self.compare_group or self.id

    @property
    def is_flow(self) -> bool:
        return self.measure == "flow"

    @property
    def counts_communes(self) -> bool:
        return self.unit == "count" and self.counted_unit == "commune"

    @property
    def divides_by_communes(self) -> bool:
        """Whether a figure of it can be put per commune: a plain typed count of something other than communes."""
        return self.unit == "count" and not self.derived and not self.structural and not self.counts_communes


@dataclass(frozen=True)
class Catalogue:
    groups: dict[str, CompareGroup]
    indicators: dict[str, IndicatorMeaning]  # in catalogue order
    themes: tuple[str, ...] = field(default=())

    def headline_rows(self) -> list[tuple[str, int]]:
        """The scorecard's rows in order: (row key — a group id or a lone indicator's id —, its place)."""
        rows = [(group.id, group.headline) for group in self.groups.values() if group.headline is not None]
        rows += [(i.id, i.headline) for i in self.indicators.values() if i.headline is not None]
        return sorted(rows, key=lambda row: row[1])

    def title(self, key: str, lang: str) -> str:
        """A chart or scorecard row's title: the group's name, or the lone indicator's. KeyError when neither."""
        if key in self.groups:
            return self.groups[key].name(lang)
        indicator = self.indicators[key]
        return indicator.name_en if lang == "en" else indicator.name_vi

    def members(self, key: str) -> list[IndicatorMeaning]:
        return [i for i in self.indicators.values() if i.row_key == key]

    def is_scale_free(self, indicator_id: str) -> bool:
        return self.indicators[indicator_id].scale_free

    def is_flow(self, indicator_id: str) -> bool:
        return self.indicators[indicator_id].is_flow

    def counts_communes(self, indicator_id: str) -> bool:
        return self.indicators[indicator_id].counts_communes


def default_scale_free(unit: str) -> bool:
    """Without a declaration: a percentage is scale-free, a count or an amount is not."""
    return unit == "percent"


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def catalogue_from_mapping(document: Mapping[str, Any]) -> Catalogue:
    """The catalogue's meaning from the parsed indicators.yaml; raises CatalogueError listing every group or headline
    that does not resolve."""
    problems: list[str] = []
    groups: dict[str, CompareGroup] = {}
    for item in document.get("compare_groups") or []:
        ident = str(item.get("id"))
        if ident in groups:
            problems.append(f"compare group {ident} is declared twice")
        if not item.get("name_vi") or not item.get("name_en"):
            problems.append(f"compare group {ident} needs name_vi and name_en")
        groups[ident] = CompareGroup(ident, str(item.get("name_vi") or ""), str(item.get("name_en") or ""),
                                     _optional_int(item.get("headline")))
    indicators: dict[str, IndicatorMeaning] = {}
    for item in document.get("indicators") or []:
        ident = str(item.get("id"))
        unit = str(item.get("unit"))
        group = item.get("compare_group")
        measure = item.get("measure") or "stock"
        counted = item.get("counted_unit")
        if group is not None and group not in groups:
            problems.append(f"indicator {ident}: compare group {group} is not declared under compare_groups")
        if group is not None and item.get("headline") is not None:
            problems.append(f"indicator {ident}: a grouped indicator takes its group's headline place")
        if measure not in MEASURES:
            problems.append(f"indicator {ident}: measure must be flow or stock, not {measure}")
        if counted is not None and (counted not in COUNTED_UNITS or unit != "count"):
            problems.append(f"indicator {ident}: counted_unit {counted} needs unit count and one of {COUNTED_UNITS}")
        scale_free = item.get("scale_free")
        per_residents = bool(item.get("per_residents", False))
        if per_residents and (unit != "count" or item.get("derived") is not None or item.get("structural")
                              or counted is not None):
            problems.append(f"indicator {ident}: per_residents is for a typed count of people, accounts, dossiers "
                            "or records (not a rate, a derived ratio, a structural count or a count of places)")
        indicators[ident] = IndicatorMeaning(
            ident, str(item.get("name_vi")), str(item.get("name_en")), unit, str(item.get("theme")),
            group, _optional_int(item.get("headline")), measure,
            default_scale_free(unit) if scale_free is None else bool(scale_free), counted,
            bool(item.get("structural", False)), item.get("derived") is not None,
            item.get("counts_vi"), item.get("counts_en"), per_residents)
    used = {i.compare_group for i in indicators.values()}
    problems += [f"compare group {ident} has no indicator" for ident in groups if ident not in used]
    places: dict[int, str] = {}
    for key, place in [(g.id, g.headline) for g in groups.values() if g.headline is not None] + \
            [(i.id, i.headline) for i in indicators.values() if i.headline is not None]:
        if place in places:
            problems.append(f"headline place {place} is taken by both {places[place]} and {key}")
        places[place] = key
    if problems:
        raise CatalogueError(problems)
    themes = tuple(str(theme.get("id")) for theme in document.get("themes") or [])
    return Catalogue(groups, indicators, themes)


def parse_catalogue(text: str) -> Catalogue:
    """The catalogue from the text of indicators.yaml (safe YAML)."""
    import yaml

    return catalogue_from_mapping(yaml.safe_load(text) or {})
