"""Write the light boundary files the map fetches, in static/boundaries/ (one per layer, the
districts one per region: see ``geo.maps.boundary_files``).

The map's outlines are served as static files (see ``geo.maps.LinkedGeoJson``)
made from the shipped boundaries in data/boundaries/ by ``geo.maps.for_display``
(names escaped, coordinates on a 0.0001° grid).  Run after data/boundaries/ changes;
tests/test_maps.py fails while these files are out of date.

    python scripts/build_map_boundaries.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.maps import BOUNDARIES_DIR, boundary_files, for_display  # noqa: E402


def main() -> None:
    BOUNDARIES_DIR.mkdir(parents=True, exist_ok=True)
    files = boundary_files()
    for stale in BOUNDARIES_DIR.glob("*.geojson"):
        if stale.stem not in files:
            stale.unlink()
    for name, frame in files.items():
        shapes = for_display(frame)
        path = BOUNDARIES_DIR / f"{name}.geojson"
        path.write_text(json.dumps(shapes, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(
            f"{path.relative_to(BOUNDARIES_DIR.parent.parent)}: {len(shapes['features'])} "
            f"features, {path.stat().st_size / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
