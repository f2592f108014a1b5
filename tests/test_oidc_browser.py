"""Login through a real OpenID Connect provider in a real browser (issue 14).

One panva oidc-provider (tests/oidc/provider.mjs, pinned in package-lock.json) and one
`streamlit run app.py` whose secrets file has an [auth] section, shared by the module. Every
login goes through the provider's own login page. The claims tested: `sub` (the account in the
audit trail), `groups` (the role mapping below), `amr` (contains `mfa` or not) and `acr` (a
Keycloak-style level "2"). Expected roles and pages come from tests/expected.py and the group
mapping written here, not from the product.
"""

import hashlib
import os
import secrets
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from core import audit
from tests import browser, expected
from tests.conftest import command

# without Chromium or the provider: skipped on a developer machine, failed under CI=true
pytestmark = [
    pytest.mark.browser,
    browser.needs_chromium,
    browser.needs(browser.ROOT / "node_modules" / "oidc-provider" / "package.json",
                  "oidc-provider niet geïnstalleerd: voer `npm ci` uit in de projectmap"),
]

PROVIDER = browser.ROOT / "tests" / "oidc" / "provider.mjs"
PASSWORD = "test-wachtwoord"  # tests/oidc/provider.mjs
CLIENT_SECRET = "loo-dashboard-test-client-secret-0123456789"
GROUPS = {"LOO-Regisseurs": "regisseur", "LOO-Leden": "loo", "LOO-Managers": "manager"}
LOGIN_BUTTON = "Inloggen bij de gemeente"
MODE = "Inlogwijze: de identiteitsprovider van de gemeente (OpenID Connect)"
NO_ROLE = "Uw account heeft geen rol in het LOO-dashboard"
NO_MFA = "meervoudige authenticatie (MFA) verplicht, en uw aanmelding bij de gemeente was zonder"
ENDED = "Uw sessie is beëindigd"
UUID_SUBJECT = "5f0e1c2a-7b3d-4e8f-9a1b-123456789abc"
# its name in the trail: "oidc-" and sha256(subject)'s first 32 hex digits with 0-9 as g-p,
# computed here with hashlib, not by the product
UUID_NAME = "oidc-" + hashlib.sha256(UUID_SUBJECT.encode()).hexdigest()[
    :32].translate(str.maketrans("0123456789", "ghijklmnop"))
LOGIN_TIMES = []  # seconds from the click on the login button to the first page


def _config(folder):
    """The shipped configuration with the test provider's groups mapped and Keycloak's level 2
    accepted as MFA."""
    shutil.copytree(browser.ROOT / "config", folder)
    path = folder / "beveiliging.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["oidc"].update(rollen=GROUPS, mfa_amr=["mfa"], mfa_acr=["2"])
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


def _secrets(path, provider_port):
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(48)}"\n'
        'client_id = "loo-dashboard"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "http://127.0.0.1:{provider_port}/.well-known/'
        'openid-configuration"\n'
        # the test provider knows prompt=login, not Streamlit's default select_account
        'client_kwargs = { prompt = "login" }\n', encoding="utf-8")


@pytest.fixture(scope="module")
def oidc_app(sample_db, tmp_path_factory):
    """(app url, environment of the app) with the provider running beside it."""
    work = tmp_path_factory.mktemp("oidc")
    _config(work / "config")
    provider_port = browser.free_port()
    _secrets(work / "secrets.toml", provider_port)
    env = {"LOO_CONFIG": str(work / "config"), "LOO_AUDIT_DB": str(work / "audit.sqlite"),
           "STREAMLIT_SECRETS_FILES": str(work / "secrets.toml")}
    with browser.streamlit_server(sample_db, work / "streamlit.log", env) as url:
        app_port = url.rsplit(":", 1)[1]
        with open(work / "provider.log", "w") as log:
            provider = subprocess.Popen(["node", str(PROVIDER), str(provider_port), app_port],
                                        cwd=browser.ROOT, stdout=subprocess.PIPE, stderr=log,
                                        text=True)
            try:
                assert provider.stdout.readline().strip() == "klaar", "provider startte niet"
                yield url, {**os.environ, "LOO_DB": str(sample_db), **env}
            finally:
                provider.terminate()
                provider.wait(timeout=15)
    if LOGIN_TIMES:
        median = statistics.median(LOGIN_TIMES)
        (browser.ARTIFACTS).mkdir(exist_ok=True)
        (browser.ARTIFACTS / "oidc_login_seconds.txt").write_text(
            f"mediaan {median:.2f} s over {len(LOGIN_TIMES)} logins: "
            + ", ".join(f"{t:.2f}" for t in LOGIN_TIMES) + "\n", encoding="utf-8")
        print(f"\nLogin via de identiteitsprovider, klik tot eerste pagina: mediaan "
              f"{median:.2f} s over {len(LOGIN_TIMES)} logins")


@pytest.fixture()
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    yield ctx
    ctx.close()


def _login_button(page, url):
    """Our login page: it names its mode, and offers the provider and no password form."""
    page.goto(url)
    browser.idle(page)
    page.get_by_text(MODE).wait_for()
    assert page.locator('input[type="password"]').count() == 0
    assert "DEMO" not in page.locator('[data-testid="stApp"]').inner_text()
    return page.get_by_role("button", name=LOGIN_BUTTON)


def provider_login(page, url, subject, lands_on=None):
    """Click our login button, sign in on the provider's own page; waits for the landing page
    (timed) or, without one, for the app to finish its run after the redirect back."""
    button = _login_button(page, url)
    start = time.perf_counter()
    button.click()
    page.wait_for_selector('input[name="login"]')  # the provider's login page
    page.fill('input[name="login"]', subject)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{url}/**")
    if lands_on is None:
        browser.idle(page)
        return
    browser.heading(page, lands_on)
    LOGIN_TIMES.append(time.perf_counter() - start)


def menu(page):
    """The titles in the sidebar menu (each link also holds its icon name)."""
    return [t.strip().split("\n")[-1]
            for t in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()]


def main_text(page):
    return page.locator('[data-testid="stMain"]').inner_text()


def trail(env, **filters):
    """The audit entries of the app's trail as dicts."""
    return audit.entries(path=env["LOO_AUDIT_DB"], **filters).to_dicts()


@pytest.mark.parametrize("subject, rol", [("sub-regisseur-mfa", "regisseur"),
                                          ("sub-keycloak-loa2", "loo"),
                                          ("sub-manager-zonder-mfa", "manager")])
def test_each_role_lands_on_its_pages(oidc_app, context, subject, rol):
    """regisseur (amr mfa), loo (acr 2, no mfa in amr) and manager (no MFA, allowed for the
    manager) land on their page with exactly their menu; the trail names the subject."""
    url, env = oidc_app
    page = context.new_page()
    provider_login(page, url, subject, expected.title(expected.landing(rol)))
    assert menu(page) == [expected.title(p) for p in expected.pages_of(rol)]
    entries = trail(env, user=subject, action="login_gelukt")
    assert [e["role"] for e in entries] == [rol]


def test_a_bsn_shaped_subject_logs_in_under_a_letter_name(oidc_app, context):
    """The audit trail refuses nine digits in a row; such a UUID subject still logs in, and
    the trail names it by its fixed letter name (dashboard.oidc.account_name)."""
    url, env = oidc_app
    page = context.new_page()
    provider_login(page, url, UUID_SUBJECT, expected.title(expected.landing("manager")))
    entries = trail(env, action="login_gelukt")
    assert [e["user"] for e in entries if e["user"].startswith("oidc-")] == [UUID_NAME]


def test_user_without_group_is_refused(oidc_app, context):
    url, env = oidc_app
    page = context.new_page()
    provider_login(page, url, "sub-zonder-groep")
    page.get_by_text(NO_ROLE).wait_for()
    assert menu(page) == []
    assert "Overzicht" not in [h.strip() for h in page.locator("h1").all_inner_texts()]
    refused = trail(env, user="sub-zonder-groep")
    assert [(e["action"], e["detail"]) for e in refused] == [
        ("login_mislukt", "identiteitsprovider: geen rol")]
    # the provider sent a name and an e-mail address: neither reaches the trail or the log
    log = (Path(env["LOO_AUDIT_DB"]).parent / "streamlit.log").read_text(errors="replace")
    for value in ("sub-zonder-groep@test.invalid", "Test sub-zonder-groep"):
        assert value not in repr(trail(env)) and value not in log


@browser.needs_axe
def test_regisseur_without_mfa_is_refused(oidc_app, context):
    """Refused, audited; the login page before and the refusal after pass axe-core's WCAG 2.1
    AA rules."""
    from tests.test_accessibility import axe, blocking

    url, env = oidc_app
    page = context.new_page()
    _login_button(page, url)
    problems = blocking(axe(page), "inlogpagina identiteitsprovider")
    provider_login(page, url, "sub-regisseur-zonder-mfa")
    page.get_by_text(NO_MFA).wait_for()
    assert menu(page) == []
    assert problems + blocking(axe(page), "weigering zonder MFA") == []
    refused = trail(env, user="sub-regisseur-zonder-mfa")
    assert [(e["action"], e["detail"]) for e in refused] == [
        ("login_mislukt", "identiteitsprovider: geen mfa")]


def test_copied_cookie_works_until_logout_then_is_refused(oidc_app, chromium, context):
    """A copy of the identity cookie logs in elsewhere; after logout the same copy is refused."""
    url, env = oidc_app
    page = context.new_page()
    provider_login(page, url, "sub-loo-mfa", expected.title(expected.landing("loo")))
    copied = [c for c in context.cookies(url) if c["name"].startswith("_streamlit_user")]
    assert copied, "geen identiteitscookie van Streamlit"

    def replay():
        other = chromium.new_context(viewport={"width": 1920, "height": 1080})
        other.add_cookies(copied)
        tab = other.new_page()
        tab.goto(url)
        return other, tab

    other, tab = replay()
    browser.heading(tab, expected.title(expected.landing("loo")))  # the copy works for now
    other.close()

    page.locator('[data-testid="stSidebar"] button', has_text="Uitloggen").click()
    page.locator('button, input[type="submit"]', has_text="Yes").first.click()  # provider's page
    page.get_by_role("button", name=LOGIN_BUTTON).wait_for()
    assert not [c for c in context.cookies(url) if c["name"] == "_streamlit_user"]

    other, tab = replay()
    try:
        tab.get_by_text(ENDED).wait_for()
        assert menu(tab) == []
    finally:
        other.close()
    assert [e["action"] for e in trail(env, user="sub-loo-mfa")][-2:] == [
        "uitgelogd", "login_mislukt"]


def test_revoke_ends_an_open_session_at_its_next_click(oidc_app, context):
    url, env = oidc_app
    page = context.new_page()
    provider_login(page, url, "sub-regisseur-mfa", expected.title(expected.landing("regisseur")))
    result = command("dashboard", "users", "revoke", "sub-regisseur-mfa", env=env)
    assert result.returncode == 0, result.stderr
    page.locator('[data-testid="stSidebarNav"] a', has_text="Trends per thema").click()
    page.get_by_text(ENDED).wait_for()
    browser.idle(page)
    assert menu(page) == []
    assert "Trends per thema" not in page.locator("h1").all_inner_texts()
