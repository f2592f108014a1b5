"""Every page of every role in a real browser, once: access, Dutch text and WCAG 2.1 AA.

One `streamlit run app.py` over the sample database (built with the real CLI) serves the whole
module; one Chromium and one login per role. Each role's tour opens every page the design lets
it see (tests/expected.py), from the menu: the page shows without an error, its screenshot goes
to tests/artifacts/<role>_<page>.png (`make screenshot` copies the regisseur's Overzicht to the
README), its text has no English (tests/test_browser_dutch.py), and axe-core checks it with its
chart tables (expanders) opened, at 1920x1080 (the meeting screen) and 1366x768 (a laptop).
Then every other page's URL, opened in the same browser, shows the Dutch refusal.

axe-core comes from the local npm install (package-lock.json, `npm ci`) and is injected into the
page as script content: nothing is fetched at run time. No axe rule and no element is excluded.
Should a Streamlit upgrade bring a violation that the app cannot fix, exclude it narrowly (rule
id plus selector, with the reason in a comment) and list it under "Bekende beperkingen" in
docs/toegankelijkheidsverklaring.md.
"""

import functools

import pytest

from dashboard import a11y
from tests import browser, expected
from tests.test_browser_dutch import english as english_text

AXE = browser.AXE
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = [(1920, 1080), (1366, 768)]
BLOCKING = ("serious", "critical")
PAGE_IDS = list(expected.PAGES)
EXCEPTION = '[data-testid="stException"]'
TABLES = '[data-testid="stDataFrame"], [data-testid="stTable"]'

pytestmark = [
    pytest.mark.browser,
    browser.needs_chromium,
]
needs_axe = browser.needs_axe


def axe(page):
    """Run axe-core with the WCAG 2.1 A/AA rules; returns its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})", TAGS)
    return result["violations"]


def blocking(violations, where):
    """The serious and critical violations as readable lines: where, rule, impact, element."""
    return [f"{where}: {v['id']} ({v['impact']}) {n['target']} — {v['help']}"
            for v in violations if v["impact"] in BLOCKING for n in v["nodes"]]


def open_expanders(page):
    """Open every expander (the table under each chart) from the keyboard, so axe checks them too.

    As a screen-reader user does: Enter on the focused summary. A mouse click lands
    where the summary was a moment ago, and on a busy machine a chart beside it, still resizing
    to its column, can be there instead. Each one is opened before the next, so a summary that
    does not open is named.
    """
    summaries = page.locator('[data-testid="stExpander"] details > summary')
    browser.idle(page)
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        if summary.evaluate("s => !s.parentElement.open"):
            summary.press("Enter", timeout=10_000)
            try:  # React draws the open state after the key press returns
                summary.locator("xpath=..").and_(page.locator("details[open]")).wait_for(
                    timeout=10_000)
            except Exception:  # Playwright's TimeoutError: say which stayed shut below
                break
    browser.idle(page)
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    assert closed.count() == 0, (f"niet alle uitklapblokken gingen open op {page.url}: "
                                 f"{closed.all_inner_texts()}")


def page_language(page):
    """The page's language once the app's script had the chance to set it (at most 10 s)."""
    try:
        page.wait_for_function("document.documentElement.lang === 'nl'", timeout=10_000)
    except Exception:
        pass  # the assertion reports what the page declares instead
    return page.evaluate("document.documentElement.lang")


def chart_labels(page):
    """The text alternative of every Vega chart on the page (its aria-label)."""
    return page.locator('[data-testid="stVegaLiteChart"]').evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label') || '')")


# The names assistive technology gets from the page: labels, descriptions and link texts.
NAMES = """() => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    for (const a of ['aria-label', 'aria-roledescription', 'aria-valuetext', 'placeholder'])
      if (e.hasAttribute(a)) out.push(e.getAttribute(a));
    if ((e.tagName === 'A' && e.childElementCount === 0) ||
        e.matches('[data-testid="InputInstructions"] span')) out.push(e.textContent.trim());
  }
  return out;
}"""


def english(names):
    """The names that are still Streamlit's or Vega's English."""
    months = tuple(f" – {m}" for m in a11y.MONTHS_EN)
    return sorted({n for n in names if n in a11y.NL or n.startswith(tuple(a11y.NL_PREFIX))
                   or n.startswith("Title text") or n.endswith(months)})


def shot(page, name):
    """A screenshot of what shows, to tests/artifacts/<name>.png."""
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(browser.ARTIFACTS / f"{name}.png"))


def check_view(page, where, scan):
    """What is shown: errors, English text, the page language, the chart labels and tables, and
    axe at both screen sizes."""
    browser.charts_drawn(page)
    scan["exceptions"][where] = page.locator(EXCEPTION).count()
    # e.g. regisseur_overzicht.png, the README's screenshot (`make screenshot`)
    shot(page, where.replace("/", "_").replace("?", "_").replace("=", ""))
    open_expanders(page)
    scan["lang"][where] = page_language(page)
    scan["charts"][where] = chart_labels(page)
    scan["tables"][where] = page.locator('[data-testid="stExpander"] summary',
                                         has_text="Tabel bij de grafiek").count()
    scan["english"][where] = english(page.evaluate(NAMES))
    scan["text"][where] = english_text(page)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        browser.idle(page)
        browser.charts_drawn(page)
        if AXE.exists() or browser.in_ci():  # without axe the language and chart checks still run
            scan["problems"] += blocking(axe(page), f"{where} @{width}x{height}")
    page.set_viewport_size({"width": 1920, "height": 1080})


def refusal(page, url, user, page_id):
    """A page the role may not see, opened by its URL: what shows once it is refused."""
    page.goto(f"{url}/{page_id}")
    try:
        page.get_by_text("Geen toegang:").wait_for(timeout=60_000)
    except Exception:  # Playwright's TimeoutError: the test names the page, the shot shows it
        shot(page, f"{user}_{page_id}_mislukt")
        return {"refused": False}
    browser.idle(page)
    shot(page, f"{user}_{page_id}_geweigerd")
    return {"refused": True, "h1": page.locator("h1").count(),
            "exceptions": page.locator(EXCEPTION).count(),
            "tables": page.locator(TABLES).count()}


def tour(page, url, user, found):
    """Log in as the role, open every page it may see, then every page it may not."""
    browser.login(page, url, user)
    found["menu"] = [m.strip().split("\n")[-1] for m in
                     page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()]
    allowed = expected.pages_of(user)  # the design's table, not the product's
    for page_id in allowed:
        title = expected.title(page_id)
        if len(allowed) > 1:
            browser.open_from_menu(page, title)
        else:  # Streamlit draws no menu for a single page: it is open already
            browser.heading(page, title)
        check_view(page, f"{user}/{page_id}", found)
    if expected.may_open(user, "loo"):
        page.goto(f"{url}/loo?scherm=1")  # presentation mode, on the same login
        browser.heading(page, expected.title("loo"))
        check_view(page, f"{user}/loo?scherm=1", found)
    for page_id in [p for p in PAGE_IDS if p not in allowed]:
        found["refused"][page_id] = refusal(page, url, user, page_id)


@pytest.fixture(scope="module")
def scans(url, chromium):
    """Per role, once: its tour of the pages; what was found on the way."""

    @functools.cache
    def scan(user):
        found = {"problems": [], "charts": {}, "lang": {}, "english": {}, "tables": {},
                 "text": {}, "exceptions": {}, "menu": None, "refused": {}}
        context = chromium.new_context(viewport={"width": 1920, "height": 1080},
                                       locale="nl-NL")
        try:
            tour(context.new_page(), url, user, found)
        except Exception as exc:  # every test of the role fails on it; the tour is not re-run
            found["failed"] = exc
        finally:
            context.close()
        return found

    def of(user):
        found = scan(user)
        if "failed" in found:
            raise found["failed"]
        return found

    return of


@needs_axe
def test_login_page_has_no_serious_or_critical_violations(login_page):
    problems = []
    for width, height in SIZES:
        login_page.set_viewport_size({"width": width, "height": height})
        browser.idle(login_page)
        problems += blocking(axe(login_page), f"login @{width}x{height}")
    assert not problems, "\n".join(problems)


def test_login_page_declares_dutch(login_page):
    assert page_language(login_page) == "nl"


def test_login_page_controls_are_named_in_dutch(login_page):
    names = login_page.evaluate(NAMES)
    assert "Wachtwoord tonen" in names and not english(names), english(names)


@needs_axe
def test_a_failed_login_has_no_serious_or_critical_violations(url, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(url)
        browser.login_form(page)
        fout = page.get_by_text("Gebruikersnaam of wachtwoord is onjuist.").first
        page.locator(browser.USER_FIELD).fill("loo")
        page.locator(browser.PASSWORD_FIELD).fill("onjuist")
        page.locator(browser.LOGIN_BUTTON).click()
        fout.wait_for(timeout=60_000)
        browser.idle(page)
        assert fout.is_visible()
        problems = blocking(axe(page), "login-fout @1366x768")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("user", expected.ROLES)
def test_each_account_sees_its_menu_and_its_pages_without_an_error(scans, user):
    scan = scans(user)
    allowed = expected.pages_of(user)
    # Streamlit draws no menu for a single page (the district coordinator's District)
    assert scan["menu"] == ([expected.title(p) for p in allowed] if len(allowed) > 1 else [])
    assert not any(scan["exceptions"].values()), scan["exceptions"]


@pytest.mark.parametrize("user", expected.ROLES)
def test_each_account_is_refused_the_other_pages_by_url(scans, user):
    refused = scans(user)["refused"]
    assert set(refused) == set(PAGE_IDS) - set(expected.pages_of(user))
    # only the refusal: no title, no error, no table of the page
    assert all(r == {"refused": True, "h1": 0, "exceptions": 0, "tables": 0}
               for r in refused.values()), refused


@pytest.mark.parametrize("user", expected.ROLES)
def test_every_page_of_the_role_speaks_dutch(scans, user):
    # Streamlit's own words and month and day names, in the text and in what a screen reader reads
    text = scans(user)["text"]
    assert text and not any(text.values()), {w: t for w, t in text.items() if t}


@needs_axe
@pytest.mark.parametrize("user", expected.ROLES)
def test_every_page_of_the_role_has_no_serious_or_critical_violations(scans, user):
    scan = scans(user)
    assert scan["lang"], "no page was checked"
    assert not scan["problems"], "\n".join(scan["problems"])


@pytest.mark.parametrize("user", expected.ROLES)
def test_every_page_declares_dutch_after_login(scans, user):
    lang = scans(user)["lang"]
    assert lang and all(v == "nl" for v in lang.values()), lang


@pytest.mark.parametrize("user", expected.ROLES)
def test_every_chart_has_a_text_alternative(scans, user):
    charts = scans(user)["charts"]
    if set(expected.pages_of(user)) - expected.TABLES_ONLY:  # a role with a chart page
        assert sum(len(labels) for labels in charts.values()) > 0, "no chart was drawn"
    unlabeled = {where: labels for where, labels in charts.items()
                 if any(len(label.strip()) < 10 for label in labels)}
    assert not unlabeled, unlabeled


@pytest.mark.parametrize("user", expected.ROLES)
def test_every_chart_has_a_table_under_it(scans, user):
    scan = scans(user)
    missing = {where: (len(labels), scan["tables"][where])
               for where, labels in scan["charts"].items() if scan["tables"][where] < len(labels)}
    assert not missing, f"charts, tables: {missing}"


@pytest.mark.parametrize("user", expected.ROLES)
def test_streamlit_controls_are_named_in_dutch(scans, user):
    left = {where: names for where, names in scans(user)["english"].items() if names}
    assert not left, left
