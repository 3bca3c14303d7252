"""How long a filter change takes on the bundled data: the whole page rerun, and its parts.

Runs the home page under Streamlit's AppTest (the real script, widgets,
caches and map rendering; no browser), changes one filter at a time to values
not seen before (so nothing comes from the cache), and prints the median time
of those reruns and their CPU time (on a shared machine the wall time is mostly
waiting for a core) beside the time of a rerun with unchanged filters, and the
time of the data + map step alone.  Target: a filter change under 200 ms.

    python benchmarks/bench_filters.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = 0.2  # seconds
sys.path.insert(0, str(REPO))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def _since(started: float) -> str:
    return _ms(time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds of filter changes")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="atlas-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/atlas.sqlite"
    from streamlit.testing.v1 import AppTest
    from streamlit_folium import _get_map_string

    from geo.filters import Filters
    from geo.literal_render import scripts_left_out
    from geo.maps import build_map, display_boundaries
    from geo.store import open_store

    store = open_store()
    started = time.perf_counter()
    store.seed_if_empty()
    print(f"{'seeding the store (extracting the seeds)':<44}        {_since(started)}")

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    started = time.perf_counter()
    app.run()
    print(f"{'first run of the home page (cold caches)':<44}        {_since(started)}")
    assert not app.exception, app.exception

    changes = [
        ("kind", ["displaced"]), ("kind", ["displaced", "territory_area"]), ("kind", []),
        ("dates", (date(2019, 3, 1), date(2019, 3, 31))),
        ("dates", (date(2019, 2, 1), date(2019, 2, 28))),
    ]  # fmt: skip
    changed, changed_cpu, unchanged = [], [], []
    for round_ in range(args.repeat):
        for name, value in changes:
            if name == "kind":
                widget = app.multiselect(key="w_kind").set_value(value)
            else:
                start, end = value  # a new start day each round: never a cached selection
                start = start.replace(day=1 + round_)
                widget = app.date_input(key="w_dates").set_value((start, end))
            started, used = time.perf_counter(), time.process_time()
            widget.run()
            changed.append(time.perf_counter() - started)
            changed_cpu.append(time.process_time() - used)
            started = time.perf_counter()
            app.run()
            unchanged.append(time.perf_counter() - started)
            assert not app.exception, app.exception

    governorates = display_boundaries("governorates")
    parts = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        filters = Filters(kinds=("displaced",))
        atlas = build_map(store.mentions(filters), store.figures(filters), governorates)
        with scripts_left_out():  # what the page's st_folium(render=False) does: render the
            atlas.render()  # map for its header and HTML, then write its script
        _get_map_string(atlas)
        parts.append(time.perf_counter() - started)

    print()
    for label, times in [
        ("rerun after a filter change (new filters)", changed),
        ("  its CPU time (every thread of this process)", changed_cpu),
        ("rerun with unchanged filters (cached data)", unchanged),
        ("  of which: query + build + render the map", parts),
    ]:
        median, worst = statistics.median(times), max(times)
        print(
            f"{label:<44} median {_ms(median)} ({median / TARGET:4.2f}× target)"
            f"   max {_ms(worst)}   n={len(times)}"
        )
    print(f"{'target for a filter change':<44}        {_ms(TARGET)}")
    print(f"{'load average (1 min) at the end':<44}        {os.getloadavg()[0]:7.1f}")


if __name__ == "__main__":
    main()
