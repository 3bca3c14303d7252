"""The dashboard on large stores: first page, filter changes, map size and memory, per store.

Each store is measured in a fresh process (Streamlit's caches and the peak resident
memory are per process) running the home page (the Map) under Streamlit's AppTest,
as issue 12's table was measured: the first run (cold caches), then filter
changes (a sidebar widget set to a value not seen before, then ``.run()``), then
the size of the map's HTML (the st_folium component's arguments) and the
process' resident memory now and at its peak.  The CPU time of a change (this
process, every thread) is printed beside its wall time, with the load average:
on a shared machine the wall time is mostly waiting for a core.  Targets (issue 12, at 100,000
articles): first page 3 s, filter change median 300 ms and p95 600 ms, map
1.5 MB, memory 600 MiB.

    python benchmarks/bench_scale.py /tmp/scale/s1k.sqlite /tmp/scale/s10k.sqlite \\
        /tmp/scale/s100k.sqlite postgresql://postgres@127.0.0.1:55460/s10k [--repeat 3]

Stores are built with ``scripts/make_scale_corpus.py N FILE`` and
``python -m geo ingest FILE --db STORE --workers 2``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"first": 3.0, "median": 0.3, "p95": 0.6, "map_mb": 1.5, "rss_mib": 600}


def _memory() -> tuple[float, float]:
    """This process' resident memory now and at its peak, MiB (VmRSS, VmHWM)."""
    lines = Path("/proc/self/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in lines if line.startswith(("VmRSS", "VmHWM")))
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _map_bytes(app) -> int:
    """Bytes of the map the page sends the browser: the st_folium component's arguments."""
    sizes = []
    stack = [app._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") == "component_instance":
            sizes.append(len(proto.json_args.encode()))
        children = getattr(node, "children", {})
        stack.extend(children.values() if isinstance(children, dict) else children)
    return max(sizes, default=0)


def _changes(outlets: list[str], span: tuple[date, date], repeat: int) -> list[tuple]:
    """Filter changes, each new to the caches: kinds, outlets and date ranges, in turn."""
    kinds = [["displaced"], ["killed", "wounded"], ["territory_area", "territory_share"], []]
    first, last = span
    changes = []
    for round_ in range(repeat):
        changes += [("w_kind", kind) for kind in kinds]
        changes += [("w_outlet", outlets[(round_ * 2 + i) % len(outlets) :][:1]) for i in (0, 1)]
        changes.append(("w_outlet", []))
        year = first + timedelta(days=365 * (round_ + 1) + 30 * round_)
        changes.append(("w_dates", (year, min(last, year + timedelta(days=180)))))
        changes.append(("w_dates", (first, last)))
    return changes


def measure(url: str, repeat: int, cap: int | None) -> dict:
    """Run the home page on the store at ``url`` and time it (this process only); ``cap``
    replaces the map's article and figure limits (``dashboard.MAP_ARTICLES``/``_FIGURES``)."""
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(REPO))
    from streamlit.testing.v1 import AppTest

    import dashboard

    if cap is not None:
        dashboard.MAP_ARTICLES = dashboard.MAP_FIGURES = cap

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    started = time.perf_counter()
    app.run()
    first = time.perf_counter() - started
    assert not app.exception, app.exception
    articles = app.metric[0].value
    outlets = list(app.multiselect(key="w_outlet").options)
    dates = app.date_input(key="w_dates").value
    times, cpu = [], []
    for key, value in _changes(outlets, tuple(dates), repeat):
        widget = app.multiselect(key=key) if key != "w_dates" else app.date_input(key=key)
        widget.set_value(value)
        started, used = time.perf_counter(), time.process_time()
        widget.run()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
        assert not app.exception, app.exception
    map_bytes = _map_bytes(app.run())
    rss, peak = _memory()
    times.sort()
    return {
        "store": url,
        "articles": articles,
        "first": first,
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "n": len(times),
        "cpu_median": statistics.median(cpu),
        "load": os.getloadavg()[0],
        "map_mb": map_bytes / 1e6,
        "rss_mib": rss,
        "peak_mib": peak,
    }


def _row(r: dict) -> str:
    return (
        f"| {r['store']} | {r['articles']} | {r['first']:.2f} s | {r['median'] * 1000:.0f} ms | "
        f"{r['p95'] * 1000:.0f} ms (n={r['n']}) | {r['cpu_median'] * 1000:.0f} ms | "
        f"{r['map_mb']:.2f} MB | {r['rss_mib']:.0f} / {r['peak_mib']:.0f} MiB | {r['load']:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", help="SQLite paths or postgresql:// URLs")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of filter changes")
    parser.add_argument("--map-cap", type=int, help="articles and figures the map draws")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # the child process: one store, the figures as JSON on stdout
        print(json.dumps(measure(args.stores[0], args.repeat, args.map_cap)))
        return
    print(
        "| store | articles | first page | filter change median | p95 | CPU per change "
        "| map HTML | resident now / peak | load |\n|---|---|---|---|---|---|---|---|---|"
    )
    for store in args.stores:
        url = store if "://" in store else f"sqlite:///{Path(store).resolve()}"
        child = subprocess.run(
            [sys.executable, __file__, url, "--one", "--repeat", str(args.repeat),
             *(["--map-cap", str(args.map_cap)] if args.map_cap else [])],
            capture_output=True, text=True, cwd=REPO, check=False,
        )  # fmt: skip
        if child.returncode:
            print(f"| {store} | failed: {child.stderr.strip().splitlines()[-1:]} |")
            continue
        print(_row(json.loads(child.stdout.strip().splitlines()[-1])), flush=True)
    print(
        f"| targets (100k) | | ≤ {TARGETS['first']:.0f} s | ≤ {TARGETS['median'] * 1000:.0f} ms "
        f"| ≤ {TARGETS['p95'] * 1000:.0f} ms | | ≤ {TARGETS['map_mb']} MB "
        f"| ≤ {TARGETS['rss_mib']} MiB | |"
    )


if __name__ == "__main__":
    main()
