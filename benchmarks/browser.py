"""In a real browser: time from opening a page to its first chart, from submitting the login to
the first drawn chart, and the server's peak memory."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests import browser as b

ROOT = Path(__file__).resolve().parent.parent
FIRST_CHART = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
CHART_PAGES = ("overzicht", "trends", "jaarvergelijking", "loo", "handhaving", "dol")
LOGINS = 5  # login measurements, each in a fresh browser context (a new session, no cookie)


def peak_rss_mb(pid):
    """Peak resident memory (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def login_to_first_chart(browser, url):
    """Seconds from clicking Inloggen (a correct demo login) to the first drawn chart of the
    Overzicht it opens on, in a fresh context: what a user waits for after logging in."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        page.goto(url)
        b.login_form(page)
        page.locator(b.USER_FIELD).fill("regisseur")
        page.locator(b.PASSWORD_FIELD).fill("demo")
        started = time.perf_counter()
        page.locator(b.LOGIN_BUTTON).click()
        page.wait_for_selector(FIRST_CHART, timeout=120_000)
        return time.perf_counter() - started
    finally:
        context.close()


def measure(db, log_path, logins=LOGINS):
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
                logins = [login_to_first_chart(browser, url) for _ in range(logins)]
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
            return {"first_chart_s": first_chart, "login_first_chart_s": logins,
                    "login_first_chart_median_s": statistics.median(logins),
                    "server_peak_rss_mb": peak_rss_mb(proc.pid)}
        finally:
            proc.terminate()
            proc.wait(timeout=30)
