"""Browser-test helpers: a real `streamlit run` on a free port and Playwright on Chromium.

Waits are on Streamlit's own markers (the app's script state, headings, chart canvases),
never on fixed sleeps.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db, log_path, extra_env=None):
    """`streamlit run app.py` over database db; yields the base URL, stops the server after."""
    env = {**os.environ, "LOO_DB": str(db), **(extra_env or {})}
    env.pop("LOO_CREDENTIALS", None)
    port = free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(url, proc, limit=90):
    """Block until the server answers its health check (bounded; fails if the server died)."""
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("streamlit stopped before it was healthy")
            if time.monotonic() > deadline:
                raise TimeoutError("streamlit did not become healthy")
            time.sleep(0.2)  # poll interval of the health check, not a wait for the UI


def launch(playwright):
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def idle(page, timeout=60_000):
    """Wait until Streamlit finished running the script."""
    page.wait_for_selector(IDLE, timeout=timeout)


def heading(page, text, timeout=60_000):
    """Wait for the page's h1 with this text, then for the script to finish."""
    page.get_by_role("heading", level=1, name=text, exact=True).wait_for(timeout=timeout)
    idle(page, timeout)


def submit_login(page, user, password, expect="Overzicht"):
    """Fill in and submit the login form, then wait for the first page.

    streamlit-authenticator's cookie component reports its value once after the first load,
    which reruns the script; a submit in that same moment can be swallowed or arrive with
    emptied fields. The accounts here are known to be right, so the form is filled in again,
    at most three times, until the expected page shows.
    """
    target = page.get_by_role("heading", level=1, name=expect, exact=True)
    for attempt in range(3):
        page.get_by_label("Gebruikersnaam").fill(user)
        page.get_by_label("Wachtwoord", exact=True).fill(password)
        page.get_by_role("button", name="Inloggen").click()
        try:
            target.wait_for(timeout=20_000)
            break
        except Exception:
            if attempt == 2 or not page.get_by_label("Gebruikersnaam").is_visible():
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"login_mislukt_{user}.png"))
                raise
            login_form(page)
    heading(page, expect)


def login_form(page, timeout=60_000):
    """Wait until exactly one login form shows and the script is idle.

    While a run replaces the page, the old form can still be on screen next to the new one.
    """
    page.wait_for_function(
        "document.querySelectorAll('input[aria-label=\"Gebruikersnaam\"]').length === 1",
        timeout=timeout)
    page.wait_for_load_state("networkidle")
    idle(page, timeout)


def cookie_set(page, timeout=30_000):
    """Wait until the login cookie is in the browser (set by the authenticator's component)."""
    from dashboard.auth import COOKIE_NAME

    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')", timeout=timeout)


def cookie_gone(page, timeout=30_000):
    """Wait until the login cookie has been deleted from the browser."""
    from dashboard.auth import COOKIE_NAME

    page.wait_for_function(f"!document.cookie.includes('{COOKIE_NAME}=')", timeout=timeout)


def login(page, url, user, password="demo"):
    """Log in through the login form on the start page; returns once the cookie is set."""
    page.goto(url)
    login_form(page)
    submit_login(page, user, password)
    cookie_set(page)


def charts_drawn(page, timeout=30_000):
    """Wait until every Vega chart on the page has drawn its canvas or svg."""
    count = page.locator('[data-testid="stVegaLiteChart"]').count()
    for i in range(count):
        page.locator('[data-testid="stVegaLiteChart"]').nth(i).locator(
            "canvas, svg").first.wait_for(timeout=timeout)
