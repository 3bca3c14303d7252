"""Build the map boundaries in data/boundaries/ from the staged open data in ../shared/data.

    python scripts/build_boundaries.py [--source ../shared/data] [--out data/boundaries]
    python scripts/build_boundaries.py --base data/boundaries --gazetteer DIR --out DIR

Either form adds the admin polygons recorded with the gazetteer's added dumps (its added.toml,
written by ``python -m geo gazetteer add``); the second needs no staged sources: it keeps the
built files of ``--base`` and adds those polygons to them.

Run after scripts/build_gazetteer.py: every feature carries the id of its gazetteer entry.

Outputs (GeoJSON, EPSG:4326, properties id, geonameid, name, country, level, iso_3166_2):
  governorates.geojson  ADM1 of the region packs' ``adm1`` files (data/regions.toml): Syria and
                        Iraq (WOF / Mapzen Mesoshapes, CC0), Ukraine's oblasts (WOF / Quattroshapes)
  districts.geojson     ADM2 of their ``adm2`` files, plus governorate_id of their ADM1:
                        Syria's and Iraq's districts, Ukraine's raions (WOF, Mesoshapes and
                        Quattroshapes)
  countries.geojson     Natural Earth 50m countries, clipped to the packs' boxes
  rivers.geojson        Natural Earth 10m rivers of the region, one feature per gazetteer river

Polygons are simplified as one coverage (shared edges stay shared: no slivers or gaps) with a
tolerance of TOLERANCE_M metres, computed in a Lambert azimuthal equal-area projection centred
on the region; lines are simplified by Douglas-Peucker with the same tolerance.  One pixel is
about 125 m at zoom 10 at these latitudes, so the change stays below a pixel from zoom 6 to 10;
coordinates are then snapped to a grid of GRID_DEG degrees (about 1 m; a coarser grid would
drop the source's metre-wide slivers and spikes), which keeps polygons valid.  The script
prints the largest displacement (Hausdorff distance) of each layer.  A pack's ``simplify_m``
replaces the tolerance for its units, and its ``district_edges_m`` simplifies its districts by
their shared edges instead (:func:`simplify_edges`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box, shape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_gazetteer import arguments  # noqa: E402  (this directory is on sys.path)

from geo.gazetteer import DATA_DIR as GAZETTEER_DIR  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.geonames_dump import read_additions, read_dump, unit_rows  # noqa: E402
from geo.geonames_dump import read_units as read_polygons  # noqa: E402
from geo.names import normalise  # noqa: E402
from geo.regions import Pack, packs  # noqa: E402

TOLERANCE_M = 60.0
GRID_DEG = 1e-5
LOCAL_CRS = "+proj=laea +lat_0=34 +lon_0=42 +datum=WGS84 +units=m +no_defs"
COLUMNS = ["id", "geonameid", "name", "country", "level", "iso_3166_2"]


def gazetteer_id(geonameid: float | None, wof_id: int) -> str:
    """The gazetteer id of a WOF unit: its GeoNames id, else ``wof:<id>`` (as the gazetteer)."""
    return str(int(geonameid)) if geonameid and not np.isnan(geonameid) else f"wof:{wof_id}"


def simplify_coverage(
    gdf: gpd.GeoDataFrame, tolerance: float = TOLERANCE_M
) -> tuple[gpd.GeoDataFrame, float]:
    """Coverage-simplified copy in EPSG:4326, and the largest displacement in metres."""
    local = gdf.to_crs(LOCAL_CRS)
    simple = shapely.coverage_simplify(local.geometry.values, tolerance)
    out = gpd.GeoDataFrame(gdf.drop(columns="geometry"), geometry=simple, crs=LOCAL_CRS)
    return snapped(out, local)


def simplify_by_pack(
    gdf: gpd.GeoDataFrame, districts: bool = False
) -> tuple[gpd.GeoDataFrame, float]:
    """Each region pack's units coverage-simplified with the pack's ``simplify_m`` tolerance
    (packs share no edges), in file order; and the largest displacement in metres.

    ``districts`` of a pack that gives ``district_edges_m`` are simplified by their shared
    edges instead (:func:`simplify_edges`).
    """
    members = (gdf[gdf["country"].isin(pack.countries)] for pack in packs())
    parts = [
        simplify_edges(frame, pack.district_edges_m, local_crs(pack))
        if districts and pack.district_edges_m
        else simplify_coverage(frame, pack.simplify_m)
        for pack, frame in zip(packs(), members, strict=True)
        if len(frame)
    ]
    frames = [frame for frame, _ in parts]
    return pd.concat(frames, ignore_index=True), max(shift for _, shift in parts)


def local_crs(pack: Pack) -> str:
    """A Lambert azimuthal equal-area projection centred on the pack's box (metres, true
    near the pack's countries)."""
    west, south, east, north = pack.box
    return (
        f"+proj=laea +lat_0={(south + north) / 2} +lon_0={(west + east) / 2} "
        "+datum=WGS84 +units=m +no_defs"
    )


def simplify_edges(
    gdf: gpd.GeoDataFrame, tolerance: float, crs: str
) -> tuple[gpd.GeoDataFrame, float]:
    """Copy simplified edge by edge in ``crs``, in EPSG:4326, and the largest displacement.

    Many small units (Ukraine's 628 raions and city councils) cost most of their vertices
    in shared edges.  Visvalingam-Whyatt (``coverage_simplify``) bounds an area, not a
    distance: to fit the served file it moved small city councils by 3 km.  Here each edge
    between two units, or a unit and the outside, is simplified once by Douglas-Peucker,
    topology kept among all edges (no crossings), so no line moves more than ``tolerance``
    and neighbours still share their lines.  The faces the edges enclose go back to the unit
    covering most of each; faces no unit covers (the source's gaps) stay out.
    """
    local = gdf.to_crs(crs)
    units = local.geometry.values
    edges = shapely.line_merge(shapely.union_all(shapely.boundary(units)))
    simple = shapely.simplify(edges, tolerance, preserve_topology=True)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(simple)))
    face, unit = shapely.STRtree(units).query(faces, predicate="intersects")
    shared = shapely.area(shapely.intersection(faces[face], units[unit]))
    biggest = np.lexsort((-shared, face))  # per face, the unit it shares most with first
    first = biggest[np.unique(face[biggest], return_index=True)[1]]
    kept = first[shared[first] > 0.5 * shapely.area(faces[face[first]])]
    owner = np.full(len(faces), -1)
    owner[face[kept]] = unit[kept]
    geometry = [shapely.union_all(faces[owner == k]) for k in range(len(units))]
    lost = [name for name, g in zip(gdf["name"], geometry, strict=True) if g.is_empty]
    if lost:
        raise ValueError(f"simplified away: {lost}")
    out = gpd.GeoDataFrame(gdf.drop(columns="geometry"), geometry=geometry, crs=crs)
    return snapped(out, local)


def simplify_lines(gdf: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, float]:
    """Douglas-Peucker-simplified copy in EPSG:4326, and the largest displacement in metres."""
    local = gdf.to_crs(LOCAL_CRS)
    simple = local.geometry.simplify(TOLERANCE_M, preserve_topology=True)
    out = gpd.GeoDataFrame(gdf.drop(columns="geometry"), geometry=simple.values, crs=LOCAL_CRS)
    return snapped(out, local)


def snapped(simple: gpd.GeoDataFrame, original: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, float]:
    """EPSG:4326 copy on a GRID_DEG grid (still valid), and its largest shift from the original."""
    wgs84 = simple.to_crs("EPSG:4326")
    geometry = shapely.make_valid(shapely.set_precision(wgs84.geometry.values, GRID_DEG))
    out = wgs84.set_geometry(geometry)
    moved = out.to_crs(original.crs).geometry.values
    return out, float(max(shapely.hausdorff_distance(original.geometry.values, moved)))


def read_units(source: Path, files: list[str]) -> gpd.GeoDataFrame:
    """The staged WOF units of these files, one frame, GeoNames ids fixed as the packs say."""
    frame = pd.concat([gpd.read_file(source / "boundaries" / f) for f in files], ignore_index=True)
    fixes = {int(wof): gid for pack in packs() for wof, gid in pack.geonameid_fixes.items()}
    frame["geonameid"] = [
        fixes.get(w, g) for w, g in zip(frame["wof_id"], frame["geonameid"], strict=True)
    ]
    return frame


def admin_units(source: Path, gazetteer: Gazetteer) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The region packs' first- and second-level units with gazetteer ids and names."""
    adm1 = read_units(source, [f for pack in packs() for f in pack.adm1])
    adm2 = read_units(source, [f for pack in packs() for f in pack.adm2])
    for frame in (adm1, adm2):
        frame["id"] = [
            gazetteer_id(g, w) for g, w in zip(frame["geonameid"], frame["wof_id"], strict=True)
        ]
    parent = dict(zip(adm1["wof_id"], adm1["id"], strict=True))
    adm2["governorate_id"] = adm2["parent_region_wof_id"].map(parent)
    # a district without a recorded parent (Markaz Al-Qunaytrah) lies in the ADM1 around it
    orphans = adm2["governorate_id"].isna()
    inside = gpd.sjoin(
        adm2.loc[orphans, ["geometry"]].representative_point().to_frame("geometry"),
        adm1[["id", "geometry"]],
        predicate="within",
    )
    adm2.loc[inside.index, "governorate_id"] = inside["id"]
    for frame in (adm1, adm2):
        # the gazetteer's name for the unit, so map labels and lookups agree
        frame["name"] = [
            gazetteer.get(i).name if gazetteer.get(i) else n
            for i, n in zip(frame["id"], frame["name"], strict=True)
        ]
        frame["geonameid"] = frame["geonameid"].astype("Int64")
    return adm1[[*COLUMNS, "geometry"]], adm2[[*COLUMNS, "governorate_id", "geometry"]]


def countries(source: Path, gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    """Natural Earth 50m countries that touch the packs' boxes, clipped to them, with gazetteer
    ids."""
    area = shapely.union_all([box(*pack.box) for pack in packs()])
    ne = gpd.read_file(source / "boundaries" / "ne_50m_admin_0_countries.geojson")
    ne = ne[ne.intersects(area)].copy()
    ne["geometry"] = shapely.intersection(shapely.make_valid(ne.geometry.values), area)
    places = (gazetteer.get(pid) for pid in gazetteer.ids())
    by_iso = {p.country: p for p in places if p.kind == "country"}
    iso2 = [a2 if a2 != "-99" else e for a2, e in zip(ne["ISO_A2"], ne["WB_A2"], strict=True)]
    places = [by_iso.get(code) for code in iso2]
    out = gpd.GeoDataFrame(
        {
            "id": [p.id if p else None for p in places],
            "geonameid": [p.geonameid if p else None for p in places],
            "name": [p.name if p else n for p, n in zip(places, ne["NAME"], strict=True)],
            "country": [p.country if p else None for p in places],
            "level": "ADM0",
            "iso_3166_2": None,
        },
        geometry=ne.geometry.values,
        crs="EPSG:4326",
    )
    out["geonameid"] = out["geonameid"].astype("Int64")
    return out


def rivers(source: Path, gazetteer: Gazetteer) -> gpd.GeoDataFrame:
    """Natural Earth rivers dissolved into one feature per gazetteer river entry."""
    ne = gpd.read_file(source / "boundaries" / "ne_10m_rivers_lake_centerlines_mideast.geojson")
    ne = ne[ne["name"].notna()].copy()
    ne["id"] = [river_id(gazetteer, name) for name in ne["name"]]
    merged = ne.dissolve(by="id", as_index=False)[["id", "geometry"]]
    merged["name"] = [gazetteer.get(i).name for i in merged["id"]]
    merged["geonameid"] = pd.array([pd.NA] * len(merged), dtype="Int64")
    merged["country"] = None
    merged["level"] = "river"
    merged["iso_3166_2"] = None
    return merged[[*COLUMNS, "geometry"]]


def river_id(gazetteer: Gazetteer, name: str) -> str:
    """The id of the gazetteer river that has this Natural Earth name (pieces included)."""
    found = gazetteer.candidates_for_key(normalise(name), limit=50)
    return next(c.place.id for c in found if c.place.kind == "river")


def write(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Compact GeoJSON (no spaces; coordinates already on the grid print short)."""
    path.write_text(
        gdf.to_json(drop_id=True, separators=(",", ":"), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


def added_units(directory: Path, gazetteer: Gazetteer) -> list[gpd.GeoDataFrame]:
    """The admin polygons recorded with the dumps added to the gazetteer in ``directory``,
    as (ADM1, ADM2) frames; each polygon is the entry of the dump's row of that level with
    its name, and a district lies in the added ADM1 around its representative point."""
    levels: dict[str, list[dict]] = {"ADM1": [], "ADM2": []}
    for addition in read_additions(directory):
        rows = read_dump(directory / addition.dump)
        for level, name in (("ADM1", addition.admin1), ("ADM2", addition.admin2)):
            units = read_polygons(directory / name) if name else []
            for unit, row in zip(
                units, unit_rows(units, rows, level, directory / name), strict=True
            ):
                entry = gazetteer.get(row[0] or f"wof:{row[19]}")
                levels[level].append(
                    {
                        "id": entry.id,
                        "geonameid": entry.geonameid,
                        "name": entry.name,
                        "country": entry.country,
                        "level": level,
                        "iso_3166_2": "",
                        "geometry": shape(unit.geometry),
                    }
                )
    adm1, adm2 = (
        gpd.GeoDataFrame(levels[k], columns=[*COLUMNS, "geometry"], crs="EPSG:4326")
        for k in ("ADM1", "ADM2")
    )
    inside = gpd.sjoin(
        adm2[["geometry"]].representative_point().to_frame("geometry"),
        adm1[["id", "geometry"]],
        predicate="within",
    )
    adm2["governorate_id"] = inside["id"].reindex(adm2.index)
    for frame in (adm1, adm2):
        frame["geonameid"] = frame["geonameid"].astype("Int64")
    return [adm1, adm2]


def with_added(built: gpd.GeoDataFrame, added: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The built units and the added ones they lack (by id), the added ones simplified."""
    new = added[~added["id"].isin(built["id"])]
    if not len(new):
        return built
    simple, _ = simplify_coverage(new)
    return gpd.GeoDataFrame(pd.concat([built, simple], ignore_index=True), crs="EPSG:4326")


def main() -> int:
    args = arguments(__doc__, "boundaries")
    source, out = args.source, args.out
    gazetteer_dir = args.gazetteer or GAZETTEER_DIR
    gazetteer = Gazetteer.load(gazetteer_dir)
    added = added_units(gazetteer_dir, gazetteer)
    if args.base is not None:
        outputs = {
            name: (gpd.read_file(args.base / f"{name}.geojson", engine="pyogrio"), 0.0)
            for name in ("governorates", "districts", "countries", "rivers")
        }
    elif (source / "boundaries").is_dir():
        adm1, adm2 = admin_units(source, gazetteer)
        outputs = {
            "governorates": simplify_by_pack(adm1),
            "districts": simplify_by_pack(adm2, districts=True),
            "countries": simplify_coverage(countries(source, gazetteer)),
            "rivers": simplify_lines(rivers(source, gazetteer)),
        }
    else:
        print(f"source data not found in {source}; nothing built", file=sys.stderr)
        return 0
    for name, units in zip(("governorates", "districts"), added, strict=True):
        frame, shift = outputs[name]
        outputs[name] = (with_added(frame, units), shift)
    out.mkdir(parents=True, exist_ok=True)
    for name, (gdf, shift) in outputs.items():
        path = out / f"{name}.geojson"
        write(gdf, path)
        valid = bool(gdf.geometry.is_valid.all())
        print(
            f"{name:<13} {len(gdf):>4} features  {path.stat().st_size / 1e3:>7.0f} kB  "
            f"max shift {shift:5.1f} m  valid={valid}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
