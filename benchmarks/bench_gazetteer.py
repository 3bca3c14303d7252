"""Load time and memory of the bundled gazetteer, and the speed of lookups.

    python benchmarks/bench_gazetteer.py

Prints the wall and CPU time of ``Gazetteer.load`` (median of 5 fresh processes), the memory
it adds (VmRSS from /proc before and after, in a fresh process), and lookup latency for the
names of the issue's checks.  Targets (issue 2): load < 1 s, extra RSS < 150 MB.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAMES = [
    "Baghouz",
    "Baghuz",
    "al-Hol",
    "Al-Susah",
    "Hajin",
    "Raqqa",
    "Washington",
    "Britain",
    "Deir el-Zour",
    "Euphrates",
    "Xyzzyqq",
]

_CHILD = """
import json, time
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import geo.gazetteer as gz
before = rss_mb()
start, cpu = time.perf_counter(), time.process_time()
g = gz.Gazetteer.load()
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": rss_mb() - before, "places": len(g)}))
"""


def load_in_fresh_process() -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def main() -> None:
    runs = [load_in_fresh_process() for _ in range(5)]
    seconds = statistics.median(r["seconds"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    rss = statistics.median(r["rss_mb"] for r in runs)
    size = sum(f.stat().st_size for f in (REPO / "data" / "gazetteer").iterdir()) / 1e6
    print(
        f"places: {runs[0]['places']:,}   files: {size:.1f} MB   load average: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall time suffers when busy)"
    )
    print(
        f"load time  : {seconds:.3f} s   (target < 1 s:   {seconds / 1.0:.0%} of budget)"
        f"   CPU time {cpu:.3f} s"
    )
    print(f"extra RSS  : {rss:.1f} MB  (target < 150 MB: {rss / 150:.0%} of budget)")

    sys.path.insert(0, str(REPO))
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    print(f"{'name':<14} {'first lookup':>13} {'repeat':>9}  best")
    for name in NAMES:
        start = time.perf_counter()
        found = gazetteer.lookup(name)
        first = time.perf_counter() - start
        start = time.perf_counter()
        gazetteer.lookup(name)
        repeat = time.perf_counter() - start
        best = f"{found[0].place.id} {found[0].place.name}" if found else "[]"
        print(f"{name:<14} {first * 1000:>10.1f} ms {repeat * 1000:>6.1f} ms  {best}")


if __name__ == "__main__":
    main()
