"""Attacks in a real browser: a reused cookie, a forbidden URL, hostile labels in the data.

One `streamlit run app.py` in production mode (credentials file, random cookie key) over the
sample data plus two hostile exports loaded with the real CLI: a signalen file whose thema,
wijk and gebied are HTML with script, and a plan file whose texts carry HTML and Markdown (an
image from another host, a javascript: link). Playwright drives Debian's Chromium.
"""

import os
import secrets

import bcrypt
import pytest
import yaml

from core import clock
from tests import browser, expected
from tests.conftest import command

pytestmark = [pytest.mark.browser, browser.needs_chromium]

HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>"
PIXEL = "http://127.0.0.1:9/pixel.png"
PASSWORD = "lang-genoeg-wachtwoord"
COOKIE = "loo_dashboard"


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app in production mode over sample data plus hostile exports; yields the base URL."""
    work = tmp_path_factory.mktemp("security")
    signalen = work / "signalen_hostile.csv"
    signalen.write_text(
        "signaal_id,datum_ontvangst,bron,thema,status,wijk,gebied\n"
        f"XSS-1,2026-10-02,politie,{csv_field(HOSTILE)},nieuw,{csv_field(HOSTILE)},"
        f"{csv_field(HOSTILE)}\n", encoding="utf-8")
    plan = work / "uitvoeringsplan_hostile.csv"
    plan.write_text(
        "doel_id,jaar,spoor,wat,doel,partners,status,voortgang\n"
        f"XSS-1,2026,1,{csv_field(HOSTILE)},"
        f"{csv_field(f'*nadruk* [klik](javascript:alert(3)) ![pixel]({PIXEL})')},"
        f"{csv_field('<b>partner</b>')},{csv_field('<script>alert(4)</script>')},loopt\n",
        encoding="utf-8")
    db = work / "loo.duckdb"
    command("data_pipeline", "load", "sample_data", signalen, plan, "--db", db, check=True)
    accounts = work / "accounts.yaml"
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode()
    accounts.write_text(yaml.safe_dump({"credentials": {"usernames": {
        rol: {"name": rol, "roles": [rol], "password": hashed} for rol in expected.ROLES}}}))
    os.chmod(accounts, 0o600)
    env = {"LOO_CREDENTIALS": str(accounts), "LOO_COOKIE_KEY": secrets.token_urlsafe(48),
           "LOO_AUDIT_DB": str(work / "audit.sqlite")}
    with browser.streamlit_server(db, work / "streamlit.log", env) as url:
        yield url


@pytest.fixture
def contexts(chromium):
    """A factory of fresh browser contexts (separate cookie jars), closed after the test."""
    made = []

    def make(cookies=None):
        context = chromium.new_context(viewport={"width": 1600, "height": 1000}, locale="nl-NL")
        if cookies:
            context.add_cookies(cookies)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def session_cookie(page):
    """The re-login cookie once streamlit-authenticator's component has set it."""
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')", timeout=30_000)
    return [c for c in page.context.cookies() if c["name"] == COOKIE]


def opens_logged_in(context, url):
    """Open the start page with this context's cookies: True if it lands on Overzicht."""
    page = context.new_page()
    page.goto(url)
    overzicht = page.get_by_role("heading", level=1, name="Overzicht", exact=True)
    form = page.get_by_label("Gebruikersnaam")
    overzicht.or_(form).first.wait_for(timeout=60_000)
    browser.idle(page)
    # the cookie is read on the first run; give a form that is about to be replaced its run
    page.wait_for_load_state("networkidle")
    browser.idle(page)
    return overzicht.first.is_visible() and not form.first.is_visible()


def test_a_cookie_captured_before_logout_does_not_log_in_afterwards(server, contexts):
    victim = contexts().new_page()
    browser.login(victim, server, "loo", PASSWORD)
    stolen = session_cookie(victim)
    assert stolen, "no re-login cookie was set"
    # the copy works while the session lives: it is a real credential
    assert opens_logged_in(contexts(stolen), server)

    browser.logout(victim)
    browser.idle(victim)

    assert not opens_logged_in(contexts(stolen), server)


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("key, algorithm", [("some_key", "HS256"), (None, "none")])
def test_a_forged_cookie_does_not_log_in(server, contexts, key, algorithm):

    import jwt

    forged = jwt.encode({"username": "regisseur", "exp_date": clock.epoch() + 3600}, key,
                        algorithm=algorithm)
    host = server.split("//")[1].split(":")[0]
    cookie = [{"name": COOKIE, "value": forged, "domain": host, "path": "/"}]
    assert not opens_logged_in(contexts(cookie), server)


def test_logging_in_again_after_logout_gives_a_working_cookie(server, contexts):
    first = contexts().new_page()
    browser.login(first, server, "manager", PASSWORD)
    browser.logout(first)
    again = contexts().new_page()
    browser.login(again, server, "manager", PASSWORD)
    assert opens_logged_in(contexts(session_cookie(again)), server)


def test_a_forbidden_url_without_login_shows_only_the_login_form(server, contexts):
    page = contexts().new_page()
    page.goto(f"{server}/audit")
    page.locator(browser.USER_FIELD).wait_for(timeout=60_000)
    browser.idle(page)
    assert page.get_by_role("heading", level=1).count() == 0


# The pages that show the hostile signal's labels as text: the data page's table, the plan
# page's Markdown and the LOO page's signal list. Overzicht and Trends show no free label of a
# signal (an unknown thema counts as "onbekend"; wijk and gebied only in shielded breakdowns), so a
# check there would pass without the value ever reaching the page.
@pytest.mark.parametrize("page_id, query", [
    ("data", ""), ("uitvoeringsplan", "?jaar=2026"), ("loo", "?jaar=2026"),
])
def test_hostile_labels_show_as_text_and_nothing_runs(server, contexts, page_id, query):
    context = contexts()
    page = context.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    context.on("request", lambda r: requests.append(r.url))
    browser.login(page, server, "regisseur", PASSWORD)
    page.goto(f"{server}/{page_id}{query}")
    browser.heading(page, expected.title(page_id))
    page.wait_for_load_state("networkidle")
    browser.charts_drawn(page)
    browser.idle(page)

    # first: the hostile value is on this page, literally, as the text of an element without
    # children (Markdown on the plan page; a cell of a data grid, whose cells are text in a
    # visually hidden accessibility table filled after the script ran)
    cell = page.get_by_text(HOSTILE, exact=False).first
    cell.wait_for(state="attached", timeout=30_000)
    assert cell.evaluate("e => e.children.length === 0 && e.textContent.includes("
                         "'<script>alert(2)</script>')")
    # then: it did nothing
    assert dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator(f'img[src="{PIXEL}"]').count() == 0
    assert not [u for u in requests if u.startswith("http://127.0.0.1:9/")]
    assert page.locator('a[href^="javascript:"]').count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(" in s]
    if page_id == "uitvoeringsplan":
        page.get_by_text("*nadruk* [klik](javascript:alert(3))", exact=False).wait_for()
        page.get_by_text("<script>alert(4)</script>", exact=False).wait_for()
    assert dialogs == []
