"""Presentation mode fills the meeting screen (issue 13.7), measured in a real browser.

A real `streamlit run app.py` over the sample database; Chromium at 1920x1080 opens
/loo?scherm=1 for every role the design lets open the LOO page (tests/expected.py) and shows
every section (Onderdeel) in turn. Per section, measured in the page itself: the union area of
the bounding boxes of the content elements (figures, charts, tables) clipped to the viewport,
as a share of the viewport (at least 0.80), and that nothing scrolls: not the document, not
any element inside it. Screenshots go to tests/artifacts/presentatie_<rol>_<sectie>.png, the
shares to tests/artifacts/presentatie_aandelen.json and to the test output.

The sample's lists are short (one or two signals wait), so a second server shows the sample
with 30 more signals received after the last meeting: its lists fill the screen in parts.
"""

import datetime as dt
import json
import shutil

import duckdb
import pytest

from tests import browser, expected
from tests.test_accessibility import AXE, axe, blocking

pytestmark = [
    pytest.mark.browser,
    browser.needs_chromium,
]

WIDTH, HEIGHT = 1920, 1080
MIN_SHARE = 0.80
ROLLEN = [r for r in expected.ROLES if expected.may_open(r, "loo")]
# Today's meeting (in the sample nothing was discussed since the last one: Vervolg is empty)
# and a bookmark of the sample's last meeting, 13 October 2026 (every section has data).
VERGADERINGEN = {"vandaag": "", "13-10-2026": "&vergadering=2026-10-13"}
# Each section (Onderdeel), its value in the URL and the start of its heading.
SECTIES = {"Binnengekomen": "Binnengekomen sinds", "Openstaand": "Openstaande signalen op",
           "Nog te bespreken": "Nog te bespreken:", "Vervolg": "Vervolg besloten",
           "Trechter": "Van signaal tot afsluiting"}
MEASURED = {}  # role -> section -> share, written to the artifacts at the end

# The content of a section: figures, charts (the drawn Vega embed where there is one) and tables.
CONTENT = ('[data-testid="stMetric"], [data-testid="stTable"], [data-testid="stDataFrame"], '
           '[data-testid="stVegaLiteChart"]')

# The union of the content boxes clipped to the viewport, by coordinate compression (boxes
# overlap where a chart sits inside its container), and every box that scrolls.
MEASURE = """sel => {
  const W = window.innerWidth, H = window.innerHeight;
  const boxes = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('[data-stale="true"]') || !el.checkVisibility()) continue;
    const drawn = el.querySelector('.vega-embed') || el;
    const r = drawn.getBoundingClientRect();
    const b = [Math.max(0, r.left), Math.max(0, r.top),
               Math.min(W, r.right), Math.min(H, r.bottom)];
    if (b[2] > b[0] && b[3] > b[1]) boxes.push(b);
  }
  const xs = [...new Set(boxes.flatMap(b => [b[0], b[2]]))].sort((a, b) => a - b);
  const ys = [...new Set(boxes.flatMap(b => [b[1], b[3]]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++)
    for (let j = 0; j + 1 < ys.length; j++)
      if (boxes.some(b => b[0] <= xs[i] && xs[i + 1] <= b[2] && b[1] <= ys[j] && ys[j + 1] <= b[3]))
        area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
  const scrolling = [];
  for (const el of document.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const y = /(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    const x = /(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    if ((x || y) && el.checkVisibility())
      scrolling.push((el.getAttribute('data-testid') || el.tagName) + ' ' + el.className);
  }
  return {share: area / (W * H), boxes: boxes.length, scrolling,
          page: document.scrollingElement.scrollHeight,
          pageWidth: document.scrollingElement.scrollWidth};
}"""


def show(page, sectie):
    """Pick the section in the Onderdeel control and wait until it alone is drawn."""
    group = page.get_by_role("radiogroup", name="Onderdeel")
    group.locator("label", has_text=sectie).first.click()
    page.get_by_role("heading", level=3, name=SECTIES[sectie]).wait_for(timeout=60_000)
    browser.idle(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    browser.charts_drawn(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")


@pytest.fixture(scope="module", params=[(r, v) for r in ROLLEN for v in VERGADERINGEN],
                ids=lambda p: f"{p[0]}-{p[1]}")
def screen(request, url, chromium):
    """The LOO page in presentation mode for one role and meeting, on a 1920x1080 screen."""
    rol, vergadering = request.param
    context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL")
    page = context.new_page()
    browser.login(page, url, rol)
    page.goto(f"{url}/loo?scherm=1{VERGADERINGEN[vergadering]}")
    browser.heading(page, expected.title("loo"))
    yield f"{rol}, {vergadering}", page
    context.close()


@pytest.fixture(scope="module")
def measured(screen):
    """Per section: the content share, the scrolling boxes and the page height."""
    rol, page = screen
    uit = {}
    for sectie in SECTIES:
        show(page, sectie)
        browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
        naam = f"{rol}_{sectie}".replace(", ", "_").replace(" ", "_")
        page.screenshot(path=str(browser.ARTIFACTS / f"presentatie_{naam}.png"))
        uit[sectie] = page.evaluate(MEASURE, CONTENT) | {"url": page.url}
    MEASURED[rol] = {s: round(m["share"], 3) for s, m in uit.items()}
    print(f"\ninhoud van het scherm ({rol}): "
          + ", ".join(f"{s} {m['share']:.1%}" for s, m in uit.items()))
    (browser.ARTIFACTS / "presentatie_aandelen.json").write_text(
        json.dumps(MEASURED, indent=1, ensure_ascii=False))
    return rol, uit


@pytest.mark.parametrize("sectie", SECTIES)
def test_content_fills_at_least_80_percent_of_the_screen(measured, sectie):
    rol, uit = measured
    m = uit[sectie]
    assert m["boxes"] >= 1 and m["share"] >= MIN_SHARE, (rol, sectie, m)


@pytest.mark.parametrize("sectie", SECTIES)
def test_nothing_scrolls(measured, sectie):
    rol, uit = measured
    m = uit[sectie]
    assert m["page"] <= HEIGHT and m["pageWidth"] <= WIDTH and not m["scrolling"], (rol, sectie, m)


@pytest.mark.parametrize("sectie", SECTIES)
def test_the_section_is_in_the_bookmarkable_url(measured, sectie):
    rol, uit = measured
    u = uit[sectie]["url"]
    assert "scherm=1" in u and "vergadering=" in u, u
    if rol.endswith("13-10-2026"):  # the bookmarked meeting stays in the address bar
        assert "vergadering=2026-10-13" in u, u
    assert any(f"sectie={sectie.replace(' ', spatie)}" in u for spatie in ("+", "%20")), u


# The lowest free pixel row: the top of the DEMO strip when it shows, else the viewport's
# bottom; and the list's table (its bottom and the height of one row).
LIST_EXTENT = """() => {
  const strip = [...document.querySelectorAll('[data-testid="stAlertContainer"]')]
    .filter(e => e.checkVisibility() && getComputedStyle(
      e.closest('[data-testid="stElementContainer"]')).position === 'fixed');
  const limit = strip.length ? strip[0].getBoundingClientRect().top : window.innerHeight;
  const table = document.querySelector('[data-testid="stTable"]:not([data-stale="true"] *)');
  const rows = table.querySelectorAll('tbody tr');
  return {limit, bottom: table.getBoundingClientRect().bottom, rows: rows.length,
          row: rows[rows.length - 1].getBoundingClientRect().height};
}"""
EXTRA = 30  # signals received after the last meeting of the sample (13 October 2026)


@pytest.fixture(scope="module")
def long_lists(sample_db, tmp_path_factory, chromium):
    """The sample with 30 more waiting signals, in presentation mode as the loo role."""
    folder = tmp_path_factory.mktemp("lange_lijsten")
    db = folder / "loo.duckdb"
    shutil.copy(sample_db, db)
    con = duckdb.connect(str(db))
    for i in range(EXTRA):
        con.execute("insert into signalen (signaal_id, datum_ontvangst, bron, thema, status, "
                    "wijk) values ($id, $datum, 'politie', 'drugs', 'nieuw', 'Centrum')",
                    {"id": f"SIG-2026-9{i:03d}", "datum": dt.date(2026, 10, 20) + dt.timedelta(i)})
    con.close()
    with browser.streamlit_server(db, folder / "streamlit.log") as url:
        context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT},
                                       locale="nl-NL")
        page = context.new_page()
        browser.login(page, url, "loo")
        page.goto(f"{url}/loo?scherm=1")
        browser.heading(page, expected.title("loo"))
        yield page
        context.close()


@pytest.mark.parametrize("sectie", ["Binnengekomen", "Nog te bespreken"])
def test_a_long_list_shows_as_many_rows_as_fit_without_scrolling(long_lists, sectie):
    page = long_lists
    show(page, sectie)
    page.screenshot(path=str(browser.ARTIFACTS /
                             f"presentatie_lange_lijst_{sectie.replace(' ', '_')}.png"))
    m = page.evaluate(MEASURE, CONTENT)
    lijst = page.evaluate(LIST_EXTENT)
    print(f"\nlange lijst, {sectie}: {m['share']:.1%} inhoud, {lijst['rows']} rijen")
    assert m["share"] >= MIN_SHARE and m["page"] <= HEIGHT and not m["scrolling"], m
    # the rows end above the strip, and one more row would not have fitted
    assert lijst["bottom"] <= lijst["limit"] < lijst["bottom"] + lijst["row"], lijst
    # the other rows are one choice away, beside the heading: 31 or more rows in parts
    parts = page.get_by_role("radiogroup", name="Rijen").locator("label")
    assert parts.count() >= 2
    parts.nth(1).click()
    browser.idle(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    assert page.evaluate(MEASURE, CONTENT)["page"] <= HEIGHT


def test_the_controls_are_reachable_by_keyboard_and_named(measured, screen):
    rol, page = screen
    namen = []
    page.locator("body").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        namen.append(page.evaluate("""() => { const e = document.activeElement;
            return e.getAttribute('aria-label') || (e.labels && e.labels[0] ?
                   e.labels[0].innerText : '') || e.innerText || ''; }"""))
    tekst = " | ".join(namen)
    for naam in ("Binnengekomen", "Datum van het overleg", "Presentatiemodus", "Toelichting"):
        assert naam in tekst, tekst
    # the section changes with the arrow keys, and the address bar follows
    page.get_by_role("radiogroup", name="Onderdeel").get_by_role("radio").first.focus()
    page.keyboard.press("ArrowRight")
    page.get_by_role("heading", level=3, name=SECTIES["Openstaand"]).wait_for(timeout=60_000)
    browser.idle(page)
    assert "sectie=Openstaand" in page.url


def test_the_counting_rules_and_freshness_are_one_click_away(measured, screen):
    rol, page = screen
    page.get_by_role("button", name="Toelichting").click()
    uitleg = page.locator('[data-testid="stPopoverBody"]')
    uitleg.get_by_text("Telregel", exact=False).first.wait_for(timeout=30_000)
    tekst = uitleg.inner_text()
    assert "Gegevens t/m" in tekst and "Vorig overleg" in tekst, tekst
    page.keyboard.press("Escape")


def test_every_section_passes_axe_with_its_toelichting_open(measured, screen):
    # the tiles' notes, the part chooser and the tables behind the charts in the popover too
    rol, page = screen
    if not AXE.exists() and not browser.in_ci():
        pytest.skip("axe-core niet geïnstalleerd: voer `npm ci` uit in de projectmap")
    problems, tabellen = [], {}
    for sectie in SECTIES:
        show(page, sectie)
        problems += blocking(axe(page), f"{rol} {sectie}")
        page.get_by_role("button", name="Toelichting").click()
        uitleg = page.locator('[data-testid="stPopoverBody"]')
        uitleg.get_by_text("Telregel", exact=False).first.wait_for(timeout=30_000)
        tabellen[sectie] = (page.locator('[data-testid="stVegaLiteChart"]').count(),
                            uitleg.locator('[data-testid="stExpander"] summary',
                                           has_text="Tabel bij de grafiek").count())
        problems += blocking(axe(page), f"{rol} {sectie}, Toelichting open")
        page.keyboard.press("Escape")
        uitleg.wait_for(state="hidden", timeout=30_000)
    assert not problems, "\n".join(problems)
    # every chart on the screen has its table behind the Toelichting button
    assert all(grafieken <= onder for grafieken, onder in tabellen.values()), tabellen
    assert tabellen["Openstaand"][0] == 2, tabellen
