"""Resident memory of the running app, against a hosted Streamlit app's budget (0.7 to 2.7 GB).

Starts ``streamlit run app.py`` on a fresh store (the seeds), opens every page
in headless Chromium (/usr/bin/chromium) so every cache fills, and prints the
server's VmRSS and VmHWM (peak) from /proc after each page.

    python benchmarks/bench_memory.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = ["", "Figures", "Articles", "Places"]


def _memory(pid: int) -> str:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
    return "  ".join(f"{k} {int(v.split()[0]) / 1024:6.0f} MiB" for k, v in fields.items())


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="atlas-memory-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'atlas.sqlite'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'server started':<22} {_memory(server.pid)}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name in PAGES:
                page.goto(f"{url}/{name}")
                page.get_by_role("heading", level=1).first.wait_for(timeout=120_000)
                page.wait_for_load_state("networkidle")
                print(f"{'after page ' + (name or 'Map'):<22} {_memory(server.pid)}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
