"""In a real browser: time from opening a page to its first chart, and the server's peak memory."""

import os
import subprocess
import sys
import time
from pathlib import Path

from tests import browser as b

ROOT = Path(__file__).resolve().parent.parent
FIRST_CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
CHART_PAGES = ("overzicht", "trends", "jaarvergelijking", "loo", "handhaving", "dol")


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def measure(db, log_path):
    """Seconds to the first drawn chart per page, and the server's peak RSS after all pages."""
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "LOO_DB": str(db)}
    env.pop("LOO_CREDENTIALS", None)
    port = b.free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            b.wait_healthy(url, proc)
            with sync_playwright() as pw:
                browser = b.launch(pw)
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                b.login(page, url, "regisseur")
                first_chart = {}
                for page_id in CHART_PAGES:
                    started = time.perf_counter()
                    page.goto(f"{url}/{page_id}")
                    page.wait_for_selector(FIRST_CHART, timeout=120_000)
                    first_chart[page_id] = time.perf_counter() - started
                    b.idle(page, 120_000)
                browser.close()
            return {"first_chart_s": first_chart, "server_peak_rss_mb": peak_rss_mb(proc.pid)}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
