"""No lost input on a busy machine: 30 logins at password-manager speed, each followed at once
by a menu click, all succeed on the first try while two CPU-bound processes run.

The login form is filled in and submitted the moment it exists (the page may still be running),
and the menu link is clicked the moment it shows, without waiting for the page to finish. Any
swallowed submit or click fails the test: nothing is tried twice.
"""

import shutil
import subprocess
import time

import pytest

from tests import browser

pytestmark = [pytest.mark.browser, browser.needs_chromium]

STRESS = shutil.which("stress-ng")
LOGINS = 30
# the pages clicked after each login, in turn (every role sees them)
TARGETS = ("Trends per thema", "Jaarvergelijking", "Uitvoeringsplan", "Handhaving & Bibob")
ACCOUNTS = ("regisseur", "loo", "manager")


@pytest.fixture
def busy_cpus():
    """Two CPU-bound stress-ng workers for the length of the test (stopped after it)."""
    if STRESS is None:
        if browser.in_ci():
            pytest.fail("stress-ng ontbreekt (apt-get install stress-ng)")
        pytest.skip("stress-ng niet gevonden: apt-get install stress-ng")
    proc = subprocess.Popen([STRESS, "--cpu", "2", "--timeout", "300s", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # the workers are running before the first login
    assert proc.poll() is None, "stress-ng stopped at once"
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# True when the current run shows an h1 with this text (the page was opened; it may still run)
_OPENED = """(text) => [...document.querySelectorAll('h1')].some(
    h => h.textContent.trim() === text && !h.closest('[data-stale="true"]'))"""


def autofill_login_then_click(page, user, target):
    """One login at autofill speed and an immediate menu click; the step that failed, or None.

    The form is filled in and submitted as soon as it is in the page, and the menu link is
    clicked as soon as it shows: neither waits for the running script to finish.
    """
    try:
        page.locator(browser.USER_FIELD).wait_for(state="attached", timeout=30_000)
    except Exception:  # Playwright's TimeoutError: the logout click was lost
        return f"geen inlogformulier voor {user}: {browser.diagnose(page)[:300]}"
    page.locator(browser.USER_FIELD).fill(user)
    page.locator(browser.PASSWORD_FIELD).fill("demo")
    page.locator(browser.LOGIN_BUTTON).click()
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=target).first
    try:
        link.wait_for(state="visible", timeout=30_000)
    except Exception:  # Playwright's TimeoutError: the login did not take
        return f"login als {user}: {browser.diagnose(page)[:300]}"
    link.click()
    try:
        page.wait_for_function(_OPENED, arg=target, timeout=30_000)
    except Exception:  # Playwright's TimeoutError: the click was lost
        return f"klik op {target} na login als {user}: {browser.diagnose(page)[:300]}"
    return None


def test_thirty_autofill_logins_each_with_a_menu_click_succeed_on_busy_cpus(
        url, chromium, busy_cpus):
    # one browser tab, as at a desk: log in, click, log out (also a click that must take), and
    # every fifth login in a new browser (no cookie) on a freshly opened page
    failures, started, context = [], time.monotonic(), None
    try:
        for i in range(LOGINS):
            if i % 5 == 0:
                if context is not None:
                    context.close()
                context = chromium.new_context(viewport={"width": 1600, "height": 1000})
                page = context.new_page()
                page.goto(url)
            else:
                page.locator(browser.current(
                    '//button[contains(normalize-space(.), "Uitloggen")]')).click()
                # the next click goes to the menu of the next login, not to the one the
                # logged-out page still shows until its run hides it
                page.locator('[data-testid="stSidebarNav"]').wait_for(state="hidden",
                                                                      timeout=30_000)
            failure = autofill_login_then_click(page, ACCOUNTS[i % len(ACCOUNTS)],
                                                TARGETS[i % len(TARGETS)])
            if failure:
                failures.append(f"{i + 1}: {failure}")
                break  # the tab is in an unknown state; what failed is reported
    finally:
        if context is not None:
            context.close()
    took = time.monotonic() - started
    assert busy_cpus.poll() is None, "stress-ng stopped before the logins were done"
    assert failures == [], "\n".join(failures)
    print(f"{LOGINS} logins in {took:.0f} s")
