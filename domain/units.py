"""Administrative units of Vietnam before and after the reform of 1 July 2025, their lineage, and the level of a
figure relative to its unit.

Before the reform there were three tiers: 63 provinces, ~700 districts (huyện, quận, thị xã, thành phố thuộc tỉnh)
and ~10,000 communes (xã, phường, thị trấn). From 1 July 2025 there are two: 34 provinces and 3,321 communes (xã,
phường, đặc khu). A unit of either set is a ``Unit``; which set it belongs to is its validity. A ``Lineage`` row says
that (the whole or a part of) an old unit went into a new one. Pure: no I/O; docs/units.md explains the choices.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

REFORM_DAY = date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = date(2025, 6, 30)

# Ids of pre-reform units start with this segment: many names (and codes) were kept by the reform — the province
# Tuyên Quang, the district Lâm Bình and the commune Lâm Bình all exist on both sides — so without an era marker two
# different units would share an id. Today's units, which most links point at, get the short ids.
PRE_REFORM_ID_PREFIX = "pre-2025"


class UnitKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"  # only before the reform
    COMMUNE = "commune"


class UnitSubtype(StrEnum):
    """The legal type of a unit, the word the Vietnamese UI puts before its name (tỉnh Tuyên Quang, huyện Lâm Bình,
    xã Thượng Lâm). ``thanh_pho`` is a centrally governed city as a province and a provincial city as a district."""

    TINH = "tinh"
    THANH_PHO = "thanh_pho"
    HUYEN = "huyen"
    QUAN = "quan"
    THI_XA = "thi_xa"
    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi_tran"  # township, abolished by the reform
    DAC_KHU = "dac_khu"  # special zone, created by the reform (mostly from island districts)


_SUBTYPES_BEFORE_REFORM = {
    UnitKind.PROVINCE: {UnitSubtype.TINH, UnitSubtype.THANH_PHO},
    UnitKind.DISTRICT: {UnitSubtype.HUYEN, UnitSubtype.QUAN, UnitSubtype.THI_XA, UnitSubtype.THANH_PHO},
    UnitKind.COMMUNE: {UnitSubtype.XA, UnitSubtype.PHUONG, UnitSubtype.THI_TRAN},
}
_SUBTYPES_FROM_REFORM = {
    UnitKind.PROVINCE: {UnitSubtype.TINH, UnitSubtype.THANH_PHO},
    UnitKind.COMMUNE: {UnitSubtype.XA, UnitSubtype.PHUONG, UnitSubtype.DAC_KHU},
}


def subtypes_allowed(kind: UnitKind, *, pre_reform: bool) -> frozenset[UnitSubtype]:
    """The subtypes a unit of this kind can have in its era (no district exists from the reform on)."""
    table = _SUBTYPES_BEFORE_REFORM if pre_reform else _SUBTYPES_FROM_REFORM
    return frozenset(table.get(kind, ()))


@lru_cache(maxsize=65536)  # ~14,000 units share far fewer names (Tân Thành, Bình An); a build slugs each often
def slugify(text: str) -> str:
    """ASCII, lower case, words joined by '-': 'Lâm Bình' -> 'lam-binh', 'Bà Rịa - Vũng Tàu' -> 'ba-ria-vung-tau'.
    The same rule that made today's district slugs, so they can be found again from a unit's name."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def province_id(name_vi: str, *, pre_reform: bool) -> str:
    """'tuyen-quang' for today's province, 'pre-2025/tuyen-quang' for the one that existed until 30 June 2025."""
    slug = slugify(name_vi)
    return f"{PRE_REFORM_ID_PREFIX}/{slug}" if pre_reform else slug


def child_id(parent_id: str, subtype: UnitSubtype, name_vi: str) -> str:
    """A district or commune id: its parent's id, then its type and name, e.g. 'tuyen-quang/xa-thuong-lam' or
    'pre-2025/tuyen-quang/huyen-lam-binh'. The type is part of the id because a province may hold a huyện and a
    thị xã of the same name (Kỳ Anh, Long Mỹ), and a district a xã and a thị trấn of the same name."""
    return f"{parent_id}/{slugify(subtype.value)}-{slugify(name_vi)}"


def unique_ids(candidate_ids: list[str], codes: list[str | None]) -> list[str]:
    """The candidate ids, with '-<code>' appended to every id that more than one unit would share. Slugs drop the
    tones, so names that differ only in a tone collide: Văn Lang and Văn Lăng (Thái Nguyên), Sơn Hà and Sơn Hạ
    (Quảng Ngãi). The official code tells them apart and keeps the rest of the id readable."""
    counts: dict[str, int] = defaultdict(int)
    for candidate in candidate_ids:
        counts[candidate] += 1
    ids = []
    for candidate, code in zip(candidate_ids, codes, strict=True):
        if counts[candidate] > 1:
            if not code:
                raise ValueError(f"{candidate}: several units share this id and one has no code to tell it apart")
            candidate = f"{candidate}-{code}"
        ids.append(candidate)
    if len(set(ids)) != len(ids):
        raise ValueError("unit ids are still not unique after appending codes")
    return ids


def province_id_of(unit_id: str) -> str:
    """The id of the province a unit lies in (itself for a province), read from the id's path."""
    parts = unit_id.split("/")
    return "/".join(parts[:2]) if parts[0] == PRE_REFORM_ID_PREFIX else parts[0]


def is_pre_reform_id(unit_id: str) -> bool:
    return unit_id.split("/", 1)[0] == PRE_REFORM_ID_PREFIX


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit as it existed between ``valid_from`` and ``valid_to`` (inclusive; None = unknown or
    open). ``name_vi`` is the name without its type word ('Lâm Bình', not 'Huyện Lâm Bình'; '1' for Phường 1), in
    NFC; the UI puts the type word from the translation table before it. ``code`` is the
    official code (2 digits for a province, 3 for a district, 5 for a commune); the reform reused old codes, so a
    code is unique only within its era. Centroid and area are what the source data gives, None where it has none."""

    id: str
    kind: UnitKind
    subtype: UnitSubtype
    name_vi: str
    code: str | None
    parent_id: str | None
    valid_from: date | None
    valid_to: date | None
    lat: float | None = None
    lon: float | None = None
    area_km2: float | None = None

    def __post_init__(self) -> None:
        if unicodedata.normalize("NFC", self.name_vi) != self.name_vi:
            raise ValueError(f"{self.id}: name_vi is not NFC-normalised")
        if self.subtype not in subtypes_allowed(self.kind, pre_reform=self.pre_reform):
            raise ValueError(f"{self.id}: a {self.kind} valid to {self.valid_to} cannot be a {self.subtype}")
        if (self.kind is UnitKind.PROVINCE) != (self.parent_id is None):
            raise ValueError(f"{self.id}: provinces and only provinces have no parent")
        if is_pre_reform_id(self.id) != self.pre_reform:
            raise ValueError(f"{self.id}: the id's era does not match valid_to {self.valid_to}")
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"{self.id}: valid_from {self.valid_from} is after valid_to {self.valid_to}")

    @property
    def pre_reform(self) -> bool:
        """Whether the unit ended with the reform (every district; the 63 old provinces and their communes)."""
        return self.valid_to is not None and self.valid_to <= LAST_DAY_BEFORE_REFORM

    @property
    def province_id(self) -> str:
        return province_id_of(self.id)

    @property
    def name_slug(self) -> str:
        """The slug of the bare name, as today's district files are named ('lam-binh'); not unique on its own."""
        return slugify(self.name_vi)


class Share(StrEnum):
    """How much of the old unit went into the new one."""

    WHOLE = "whole"
    PART = "part"


@dataclass(frozen=True, slots=True)
class Lineage:
    """The old unit (all of it, or a part) became (part of) the new unit on 1 July 2025. An old unit with several
    rows was divided among them; a new unit with several rows was formed from them."""

    new_unit_id: str
    old_unit_id: str
    old_unit_share: Share


def lineage_of_districts(commune_lineage: Iterable[Lineage], district_of: Mapping[str, str]) -> list[Lineage]:
    """For each old district, the new units that cover it, derived from the lineage of its communes
    (``district_of``: old commune id -> old district id; rows of other old units are skipped). A district goes
    whole into a new unit only if that unit is its one successor; otherwise each successor holds a part of it."""
    successors: dict[str, set[str]] = defaultdict(set)
    for row in commune_lineage:
        district = district_of.get(row.old_unit_id)
        if district is not None:
            successors[district].add(row.new_unit_id)
    return [
        Lineage(new_id, district, Share.WHOLE if len(new_ids) == 1 else Share.PART)
        for district, new_ids in successors.items()
        for new_id in sorted(new_ids)
    ]


def unchanged_provinces(lineage: Iterable[Lineage]) -> dict[str, str]:
    """The provinces the reform left as they were: old province id -> today's id ('pre-2025/thanh-hoa' ->
    'thanh-hoa'), read from the lineage: a province of today formed from exactly one old province, all of it (11 of
    the 34; the other 23 were formed by merging two or more). Such a province is one unit across the reform, its
    history continuing under today's id; a merged province's figures from before the reform stay the old province's
    (history of the new one, never its own figures)."""
    predecessors: dict[str, list[Lineage]] = defaultdict(list)
    for row in lineage:
        if province_id_of(row.old_unit_id) == row.old_unit_id:  # a province's id is its own province's
            predecessors[row.new_unit_id].append(row)
    return {rows[0].old_unit_id: new_id for new_id, rows in predecessors.items()
            if len(rows) == 1 and rows[0].old_unit_share is Share.WHOLE}


def resolve_district_slug(units: Iterable[Unit], slug: str, province_name_vi: str) -> Unit:
    """The pre-reform district that today's data files call ``slug`` ('lam-binh') in the named province (the
    province at report time, 'Tuyên Quang'). The province is needed: 'tam-duong' is Tam Dương in Vĩnh Phúc and
    Tam Đường in Lai Châu. Raises LookupError if no district or more than one matches."""
    parent = province_id(province_name_vi, pre_reform=True)
    matches = [
        unit for unit in units
        if unit.kind is UnitKind.DISTRICT and unit.parent_id == parent and unit.name_slug == slug
    ]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} districts named {slug!r} in {province_name_vi!r} before the reform")
    return matches[0]


class Level(StrEnum):
    """What part of its unit a figure counts.

    ``unit``: the whole unit (all 25 video-conference points of a district, its own and its communes');
    ``unit_bodies``: the unit's own bodies only (the district People's Committee and its one-stop office);
    ``subunits_aggregate``: all its sub-units together (every commune of the district);
    ``subunit``: one named sub-unit (one commune, by code where it has one)."""

    UNIT = "unit"
    UNIT_BODIES = "unit_bodies"
    SUBUNITS_AGGREGATE = "subunits_aggregate"
    SUBUNIT = "subunit"


# The levels of today's data format (docs/data-format.md). 'district' meant both the whole district and the
# district's own bodies; without a curator's word it is read as the whole unit.
LEVEL_OF_DATA_FORMAT: Mapping[str, Level] = {
    "district": Level.UNIT,
    "unit_bodies": Level.UNIT_BODIES,
    "commune_aggregate": Level.SUBUNITS_AGGREGATE,
    "commune": Level.SUBUNIT,
}
AMBIGUOUS_DATA_FORMAT_LEVELS = frozenset({"district"})


def level_from_data_format(level: str, *, bodies_only: bool = False) -> Level:
    """The level of a figure written with today's data-format level. ``bodies_only`` records a curator's
    judgement (from the quote or note) that a 'district' figure counts only the district's own bodies; it is
    refused for the other levels, which are not ambiguous."""
    try:
        mapped = LEVEL_OF_DATA_FORMAT[level]
    except KeyError:
        raise ValueError(f"unknown data-format level {level!r}") from None
    if bodies_only:
        if level not in AMBIGUOUS_DATA_FORMAT_LEVELS:
            raise ValueError(f"level {level!r} is not ambiguous; only 'district' can mean the unit's own bodies")
        return Level.UNIT_BODIES
    return mapped
