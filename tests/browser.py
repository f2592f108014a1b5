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
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def in_ci():
    """True under CI=true, where a browser or axe test lacking its tool fails, not skips."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs(tool, reason):
    """Skip when tool is missing on a developer machine; run (and so fail) under CI=true."""
    return pytest.mark.skipif(not tool.exists() and not in_ci(), reason=reason)


needs_chromium = needs(CHROMIUM, "Chromium niet gevonden op /usr/bin/chromium: apt-get install chromium")
needs_axe = needs(AXE, "axe-core niet geïnstalleerd: voer `npm ci` uit in de projectmap")

_LOGS = []  # the logs of the servers running now, for failure messages


def diagnose(page):
    """What the page shows and the end of the server logs, to put in a failure message."""
    try:
        shows = page.locator('[data-testid="stMain"]').first.inner_text(timeout=5_000)
    except Exception as exc:  # the page itself may be what failed
        shows = f"(niet te lezen: {exc})"
    logs = "\n".join(f"--- {p.name}:\n{p.read_text(errors='replace')[-3_000:]}" for p in _LOGS)
    return f"De pagina toont:\n{shows[:2_000]}\nServerlog:\n{logs}"


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(db, log_path, extra_env=None):
    """`streamlit run app.py` over database db; yields the base URL, stops the server after.

    Demo mode unless extra_env names LOO_CREDENTIALS: the caller's own credentials never leak in.
    """
    env = {k: v for k, v in os.environ.items() if k != "LOO_CREDENTIALS"}
    env.update({"LOO_DB": str(db), **(extra_env or {})})
    port = free_port()
    _LOGS.append(Path(log_path))
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
            _LOGS.remove(Path(log_path))
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


# True once the script is idle and exactly one current (not stale) h1 reads the given text.
# While a run replaces the page, Streamlit keeps the previous run's elements on screen, marked
# data-stale, so for a moment the old and the new title can both be there.
_SHOWN = """(text) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const current = [...document.querySelectorAll('h1')].filter(
        h => h.textContent.trim() === text && !h.closest('[data-stale="true"]'));
    return current.length === 1;
}"""


def shown(page, text, timeout=60_000):
    """True when the page with this h1 is on screen and idle within timeout, else False."""
    try:
        page.wait_for_function(_SHOWN, arg=text, timeout=timeout)
        return True
    except Exception:  # Playwright's TimeoutError
        return False


def heading(page, text, timeout=60_000):
    """Wait until the page with this h1 is on screen, once, and the script is idle."""
    if not shown(page, text, timeout):
        raise AssertionError(f"pagina '{text}' verscheen niet\n{diagnose(page)}")


# True once the address bar shows the path of the link: Streamlit changes it when the server
# starts the new page's run, not on the click itself.
_AT_PATH = "(path) => new URL(location.href).pathname === path"


def open_from_menu(page, title, timeout=60_000):
    """Click the page's link in the sidebar menu once and wait until that page shows.

    The start page at "/" runs the same script as its menu page and shows the same h1, and after
    the click the script state stays "notRunning" until the server starts the run: so first wait
    for the link's address, then for the heading of the run that follows.
    """
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    path = urllib.parse.urlsplit(link.get_attribute("href", timeout=timeout)).path
    link.click(timeout=timeout)
    try:
        page.wait_for_function(_AT_PATH, arg=path, timeout=timeout)
    except Exception as exc:  # Playwright's TimeoutError
        raise AssertionError(f"het menu opende {path} niet\n{diagnose(page)}") from exc
    heading(page, title, timeout)


def visible(page, selector, timeout=60_000):
    """Wait until selector is visible; a failure says what the page showed instead."""
    try:
        page.wait_for_selector(selector, timeout=timeout)
    except Exception as exc:  # Playwright's TimeoutError
        raise AssertionError(f"{selector} verscheen niet\n{diagnose(page)}") from exc


def current(xpath):
    """A locator for elements of the current run: not the stale copies a rerun leaves shown."""
    return f'xpath={xpath}[not(ancestor::*[@data-stale="true"])]'


USER_FIELD = current('//input[@aria-label="Gebruikersnaam"]')
PASSWORD_FIELD = current('//input[@aria-label="Wachtwoord"]')
LOGIN_BUTTON = current('//button[contains(normalize-space(.), "Inloggen")]')


def submit_login(page, user, password, expect="Overzicht", timeout=60_000):
    """Fill in and submit the login form once, then wait for the expected page."""
    page.locator(USER_FIELD).fill(user, timeout=timeout)
    page.locator(PASSWORD_FIELD).fill(password, timeout=timeout)
    page.locator(LOGIN_BUTTON).click(timeout=timeout)
    if not shown(page, expect, timeout):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"login_mislukt_{user}.png"))
        raise AssertionError(f"na inloggen als {user} verscheen '{expect}' niet\n"
                             f"{diagnose(page)}")


# True once the script is idle and the current run shows exactly one login form.
_LOGIN_FORM = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    return [...document.querySelectorAll('input[aria-label="Gebruikersnaam"]')].filter(
        i => !i.closest('[data-stale="true"]')).length === 1;
}"""


def login_form(page, timeout=60_000):
    """Wait until exactly one current login form shows and the script is idle.

    While a run replaces the page, the old form can still be on screen next to the new one.
    """
    page.wait_for_function(_LOGIN_FORM, timeout=timeout)
    page.wait_for_load_state("networkidle")
    idle(page, timeout)


def logout(page, timeout=60_000):
    """Click Uitloggen once and wait for the login form."""
    page.locator(current('//button[contains(normalize-space(.), "Uitloggen")]')).click(
        timeout=timeout)
    login_form(page, timeout)


def cookie_set(page, timeout=30_000):
    """Wait until the login cookie is in the browser (written by the page, dashboard.auth)."""
    from dashboard.auth import COOKIE_NAME

    page.wait_for_function(f"document.cookie.includes('{COOKIE_NAME}=')", timeout=timeout)


def cookie_gone(page, timeout=30_000):
    """Wait until the login cookie has been deleted from the browser."""
    from dashboard.auth import COOKIE_NAME

    page.wait_for_function(f"!document.cookie.includes('{COOKIE_NAME}=')", timeout=timeout)


def login(page, url, user, password="demo"):
    """Log in through the login form on the start page; returns once the cookie is set.

    Waits for the role's landing page from tests/expected.py, not from the product's roles.
    """
    from tests import expected

    page.goto(url)
    login_form(page)
    submit_login(page, user, password, expect=expected.title(expected.landing(user)))
    cookie_set(page)


def charts_drawn(page, timeout=30_000):
    """Wait until every Vega chart on the page has drawn its canvas or svg.

    Streamlit loads the code of a chart or table on first use and shows a placeholder
    (stSkeleton) until it is there, so the charts are counted only once no placeholder is left.
    """
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=timeout)
    count = page.locator('[data-testid="stVegaLiteChart"]').count()
    for i in range(count):
        page.locator('[data-testid="stVegaLiteChart"]').nth(i).locator(
            "canvas, svg").first.wait_for(timeout=timeout)
