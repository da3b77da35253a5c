"""The validated, in-memory form of data/: what the database is built from."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.catalogue import Catalogue

from .models import Framework, Indicator, Observation, Source, Theme
from .province_index import ProvinceIndex


@dataclass(frozen=True)
class District:
    slug: str
    name: str
    province: str
    province_2025: str
    communes: int | None
    file: str
    unit_id: str | None = None  # the unit in the units table (None: a district the tables do not hold)
    kind: str = "district"      # district | commune | province
    subtype: str | None = "huyen"  # huyen, quan, thi_xa, thanh_pho, xa, phuong, thi_tran, dac_khu, tinh

    @property
    def name_of_unit(self) -> str:
        return self.name


@dataclass(frozen=True)
class ObservationRow:
    """An observation as typed by a curator, with where it was typed."""

    district: str
    observation: Observation
    file: str
    line: int

    @property
    def observation_id(self) -> str:
        o = self.observation
        commune = f"/{o.commune}" if o.commune else ""
        stated = "/stated" if o.stated else ""  # beside the derived figure of the same id, when there is one
        return f"{self.district}/{o.indicator}/{o.level}{commune}/{o.period}{stated}"


@dataclass(frozen=True)
class DerivedRow:
    """A value the loader computed from other observations, with its formula and inputs."""

    district: str
    indicator: str
    value: float
    level: str
    commune: str | None
    period: str
    qualifier: str | None
    source: str
    quote: str | None  # the inputs' quotes (own documents); None when all come from public pages
    formula: str  # in indicator ids, e.g. dossiers_online ÷ dossiers_received × 100
    formula_values: str  # the same with the input values, e.g. 1973 ÷ 25250 × 100
    inputs: tuple[str, ...]  # observation ids of the inputs
    stated_twin: str | None = None  # the typed 'stated: true' figure of the same unit, level and period
    disagrees: bool = False  # that stated figure differs from this one beyond its rounding

    @property
    def observation_id(self) -> str:
        commune = f"/{self.commune}" if self.commune else ""
        return f"{self.district}/{self.indicator}/{self.level}{commune}/{self.period}"


@dataclass
class Dataset:
    themes: list[Theme]
    frameworks: list[Framework]
    indicators: dict[str, Indicator]
    sources: dict[str, Source]
    districts: list[District]
    observations: list[ObservationRow]
    derived: list[DerivedRow] = field(default_factory=list)
    province_index: ProvinceIndex | None = None  # official index results per province (DTI, the 766 index)
    catalogue: Catalogue | None = None  # the catalogue's meaning (compare groups, headline rows): domain.catalogue
