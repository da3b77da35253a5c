"""An outline of Vietnam drawn from the unit centroids, for the offline map (charts/map.py).

There is no boundary data on this machine and the map must draw without the network, so the outline is derived:

* ``mainland``: the concave hull of the mainland communes' centroids (today's 3,321 and the ~10,000 pre-2025
  ones, without the island communes: the special zones and the pre-2025 communes that went into them), pushed out by
  ``MAINLAND_BUFFER`` degrees (a centroid lies inside its commune, about half a commune from the coast or border)
  and simplified. An approximation of the country's shape, never a boundary: see docs/map.md.
* ``island``: one ring per coastal special zone (đặc khu: Vân Đồn, Cô Tô, Cát Hải, Bạch Long Vĩ, Cồn Cỏ, Lý Sơn,
  Phú Quý, Côn Đảo, Phú Quốc, Thổ Châu, Kiên Hải), a disc of the zone's area at its centroid (at least
  ``MIN_ISLAND_RADIUS`` so it can be seen): a symbol of where and how large, not the islands' shape.
* ``hoang_sa`` and ``truong_sa``: the archipelagos Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa), Vietnamese
  territory, one small disc per main island or reef at its well-known approximate position (``ARCHIPELAGOS``),
  enlarged to ``ARCHIPELAGO_ISLAND_RADIUS`` so they show at the scale of the whole country.

The frame has columns part, ring, order, lon, lat: one row per vertex, each (part, ring) a closed polygon (the last
vertex repeats the first), exterior rings counter-clockwise. ``add_outline_table`` writes it as table
``country_outline``. Deterministic (same input, same rows) and fast (about 0.1 s; docs/map.md). Never imports
streamlit.
"""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import shapely

from loaders.units import UnitTables

OUTLINE_COLUMNS = ["part", "ring", "order", "lon", "lat"]
OUTLINE_TABLE_SQL = """
CREATE TABLE country_outline (
    part VARCHAR NOT NULL, ring INTEGER NOT NULL, "order" INTEGER NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
    PRIMARY KEY (part, ring, "order")
);
"""

MAINLAND, ISLAND, HOANG_SA, TRUONG_SA = "mainland", "island", "hoang_sa", "truong_sa"
PARTS = (MAINLAND, ISLAND, HOANG_SA, TRUONG_SA)

# Tuned by eye against the centroids (docs/map.md): 0.01 bites into the Lao border of Hà Tĩnh and Quảng Bình,
# 0.05 bridges the bays of the Gulf of Tonkin coast; 0.02 follows both.
CONCAVE_RATIO = 0.02
MAINLAND_BUFFER = 0.05  # degrees, about 5.5 km: half a typical commune, from its centroid to its edge
SIMPLIFY_TOLERANCE = 0.01  # degrees, about 1 km: invisible at any zoom the map offers; keeps ~400 vertices
MIN_ISLAND_RADIUS = 0.04  # degrees of latitude
ARCHIPELAGO_ISLAND_RADIUS = 0.07  # degrees of latitude: an island of a few hectares, enlarged to be seen
DISC_VERTICES = 16
KM_PER_DEGREE_LAT = 111.32
DECIMALS = 4  # about 11 m: stable output, a small table

# Main islands and reefs of the two archipelagos, (name, latitude, longitude), approximate positions as published
# in public gazetteers (±0.05°). Not in the units data, which has one centroid per special zone.
ARCHIPELAGOS: dict[str, tuple[tuple[str, float, float], ...]] = {
    HOANG_SA: (
        ("Đá Bắc", 17.08, 111.50), ("Đảo Cây", 16.98, 112.26), ("Đảo Phú Lâm", 16.83, 112.34),
        ("Đảo Linh Côn", 16.67, 112.73), ("Đảo Hoàng Sa", 16.53, 111.61), ("Đảo Quang Ảnh", 16.45, 111.51),
        ("Đảo Quang Hòa", 16.45, 111.71), ("Đảo Duy Mộng", 16.46, 111.74), ("Bãi Bông Bay", 16.04, 112.53),
        ("Đảo Tri Tôn", 15.78, 111.20),
    ),
    TRUONG_SA: (
        ("Đảo Song Tử Tây", 11.43, 114.33), ("Đảo Thị Tứ", 11.05, 114.28), ("Đảo Loại Ta", 10.68, 114.42),
        ("Đảo Ba Bình", 10.38, 114.36), ("Đảo Sơn Ca", 10.38, 114.48), ("Đảo Nam Yết", 10.18, 114.36),
        ("Đá Lớn", 10.05, 113.85), ("Đảo Sinh Tồn", 9.88, 114.33), ("Đảo Phan Vinh", 8.97, 113.69),
        ("Đá Tây", 8.86, 112.25), ("Đảo Trường Sa", 8.64, 111.92), ("Đá Thuyền Chài", 8.17, 113.30),
        ("Đảo An Bang", 7.87, 112.92),
    ),
}
# The special zone that is each archipelago in today's units, and its well-known position should the data ever
# lack its centroid (it has both today: Hoàng Sa 16.568 N 112.135 E, Trường Sa 9.71 N 114.45 E).
ARCHIPELAGO_UNITS = {HOANG_SA: "da-nang/dac-khu-hoang-sa", TRUONG_SA: "khanh-hoa/dac-khu-truong-sa"}
ARCHIPELAGO_FALLBACK_CENTROIDS = {HOANG_SA: (16.5, 112.0), TRUONG_SA: (10.0, 113.0)}


def _disc(lat: float, lon: float, radius: float) -> np.ndarray:
    """A closed counter-clockwise polygon of ``radius`` degrees of latitude around the point, round on the ground
    (its longitude radius is stretched by 1/cos(latitude))."""
    angles = np.linspace(0.0, 2 * math.pi, DISC_VERTICES, endpoint=False)
    ring = np.column_stack([lon + radius / math.cos(math.radians(lat)) * np.cos(angles),
                            lat + radius * np.sin(angles)])
    return np.vstack([ring, ring[:1]])


def _special_zones(units: pd.DataFrame) -> pd.DataFrame:
    return units[(units["subtype"] == "dac_khu") & units["valid_to"].isna()]


def mainland_points(tables: UnitTables) -> np.ndarray:
    """(lon, lat) of every commune centroid of either era on the mainland, unique and sorted."""
    units = tables.units
    zones = set(_special_zones(units)["unit_id"])
    lineage = tables.unit_lineage
    island_communes = set(lineage.loc[lineage["new_unit_id"].isin(zones), "old_unit_id"])
    communes = units[(units["kind"] == "commune") & units["lat"].notna() & units["lon"].notna()
                     & ~units["unit_id"].isin(zones | island_communes)]
    return np.unique(np.round(communes[["lon", "lat"]].to_numpy(dtype="float64"), 6), axis=0)


def mainland_polygon(tables: UnitTables) -> shapely.Polygon:
    hull = shapely.concave_hull(shapely.multipoints(mainland_points(tables)), ratio=CONCAVE_RATIO)
    outline = shapely.simplify(shapely.buffer(hull, MAINLAND_BUFFER, quad_segs=4), SIMPLIFY_TOLERANCE)
    return shapely.orient_polygons(outline, exterior_cw=False)


def _rings(tables: UnitTables) -> list[tuple[str, np.ndarray]]:
    rings = [(MAINLAND, np.asarray(mainland_polygon(tables).exterior.coords))]
    units = tables.units
    archipelago_ids = set(ARCHIPELAGO_UNITS.values())
    for zone in _special_zones(units).sort_values("unit_id").itertuples():
        if zone.unit_id in archipelago_ids or pd.isna(zone.lat) or pd.isna(zone.lon):
            continue
        area = zone.area_km2 if pd.notna(zone.area_km2) else 0.0
        radius = max(math.sqrt(area / math.pi) / KM_PER_DEGREE_LAT, MIN_ISLAND_RADIUS)
        rings.append((ISLAND, _disc(zone.lat, zone.lon, radius)))
    for part, islands in ARCHIPELAGOS.items():
        rings += [(part, _disc(lat, lon, ARCHIPELAGO_ISLAND_RADIUS)) for _name, lat, lon in islands]
    return rings


def outline_frame(tables: UnitTables) -> pd.DataFrame:
    """The outline as vertices: part, ring (numbered from 0 within its part), order (from 0 within its ring),
    lon, lat."""
    parts, ring_numbers, orders, coordinates = [], [], [], []
    ring_of_part = {part: 0 for part in PARTS}
    for part, coords in _rings(tables):
        parts += [part] * len(coords)
        ring_numbers.append(np.full(len(coords), ring_of_part[part], dtype="int32"))
        orders.append(np.arange(len(coords), dtype="int32"))
        coordinates.append(coords)
        ring_of_part[part] += 1
    xy = np.round(np.vstack(coordinates), DECIMALS)
    return pd.DataFrame({"part": parts, "ring": np.concatenate(ring_numbers), "order": np.concatenate(orders),
                         "lon": xy[:, 0], "lat": xy[:, 1]})[OUTLINE_COLUMNS]


def archipelago_centroid(tables: UnitTables, part: str) -> tuple[float, float, bool]:
    """(lat, lon, from_data) of the special zone that is the archipelago: its centroid in the units data, or the
    well-known position when the data has none (from_data False)."""
    units = tables.units
    row = units[units["unit_id"] == ARCHIPELAGO_UNITS[part]]
    if len(row) and pd.notna(row["lat"].iloc[0]) and pd.notna(row["lon"].iloc[0]):
        return float(row["lat"].iloc[0]), float(row["lon"].iloc[0]), True
    lat, lon = ARCHIPELAGO_FALLBACK_CENTROIDS[part]
    return lat, lon, False


def add_outline_table(con: duckdb.DuckDBPyConnection, tables: UnitTables) -> pd.DataFrame:
    """Create and fill the table ``country_outline`` in ``con`` (one registered frame) and return the frame."""
    frame = outline_frame(tables)
    con.execute(OUTLINE_TABLE_SQL)
    con.register("country_outline_frame", frame)
    try:
        con.execute("INSERT INTO country_outline BY NAME SELECT * FROM country_outline_frame")
    finally:
        con.unregister("country_outline_frame")
    return frame
