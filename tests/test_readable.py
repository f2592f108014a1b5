"""Readable at a distance: the LOO page in presentation mode on the 1920x1080 meeting screen.

A real `streamlit run app.py` over the sample database; Chromium shows /loo?scherm=1 as the
loo role, one section (Onderdeel) at a time. Measured in the page itself, for every visible
text element of the main text (paragraphs, list items, captions, table cells, metric labels
and values, chart text): the computed font size (at least 20 px) and the contrast ratio of its
colour against the effective background found by walking up its ancestors (at least 4.5:1,
WCAG 1.4.3). And every section fits the screen: nothing below the fold, nothing to scroll.
"""

import pytest

from tests import browser

pytestmark = [
    pytest.mark.browser,
    browser.needs_chromium,
]

WIDTH, HEIGHT = 1920, 1080
MIN_PX = 20
MIN_CONTRAST = 4.5
# Each section (Onderdeel) and the start of its heading.
SECTIES = {"Binnengekomen": "Binnengekomen sinds", "Openstaand": "Openstaande signalen op",
           "Nog te bespreken": "Nog te bespreken:", "Vervolg": "Vervolg besloten",
           "Trechter": "Van signaal tot afsluiting"}

# Text elements of the main area; svg text is the charts' titles, axes and values.
TEXT = ", ".join(f'[data-testid="stMain"] {s}' for s in (
    '[data-testid="stMarkdownContainer"] p', '[data-testid="stMarkdownContainer"] li',
    '[data-testid="stCaptionContainer"] p', '[data-testid="stTable"] td',
    '[data-testid="stTable"] th', '[data-testid="stMetricValue"]',
    '[data-testid="stMetricLabel"] p', 'svg text'))

# Per visible text element: its text, font size and contrast ratio (WCAG relative luminance).
MEASURE = """sel => {
  const rgba = s => { const m = s.match(/[\\d.]+/g) || [0, 0, 0, 0];
    return m.map(Number).concat(m.length < 4 ? [1] : []).slice(0, 4); };
  const over = (top, bottom) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = el => {            // backgrounds from the element up, composited
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255, 1]);
  };
  const opacity = el => { let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement)
      o *= Number(getComputedStyle(e).opacity);
    return o; };
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const text = (el.textContent || '').trim();
    if (!text || r.width === 0 || r.height === 0 || !el.checkVisibility()) continue;
    const cs = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    let fg = rgba(svg ? cs.fill : cs.color);
    if (svg && cs.fill === 'none') continue;
    const bg = background(svg ? el.closest('svg') : el);
    fg = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
    const [a, b] = [lum(fg), lum(bg)];
    out.push({text: text.slice(0, 60), px: parseFloat(cs.fontSize),
              contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), bottom: r.bottom});
  }
  return out;
}"""

# How far the main area reaches: its scroll height against its own height, and the lowest
# visible element of the page.
EXTENT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  let bottom = 0;
  for (const el of main.querySelectorAll('[data-testid="stElementContainer"]')) {
    const r = el.getBoundingClientRect();
    if (r.height > 0 && el.checkVisibility()) bottom = Math.max(bottom, r.bottom);
  }
  return {bottom, scroll: main.scrollHeight, client: main.clientHeight,
          page: document.scrollingElement.scrollHeight};
}"""


@pytest.fixture(scope="module")
def screen(url, chromium):
    """The LOO page in presentation mode, logged in as the loo role, on a 1920x1080 screen."""
    page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT}, locale="nl-NL")
    browser.login(page, url, "loo")
    page.goto(f"{url}/loo?scherm=1")
    browser.heading(page, "LOO-overleg")
    yield page
    page.close()


def show(page, sectie):
    """Pick the section in the Onderdeel control and wait until it alone is drawn."""
    group = page.get_by_role("radiogroup", name="Onderdeel")
    group.locator("label", has_text=sectie).first.click()
    page.get_by_role("heading", level=3, name=SECTIES[sectie]).wait_for(timeout=60_000)
    browser.idle(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    browser.charts_drawn(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    browser.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(browser.ARTIFACTS / f"scherm_{sectie.replace(' ', '_')}.png"))
    return page.evaluate(MEASURE, TEXT)


@pytest.fixture(scope="module")
def measured(screen):
    """Per section: the text elements measured on the meeting screen and the page extent."""
    return {s: (show(screen, s), screen.evaluate(EXTENT)) for s in SECTIES}


@pytest.mark.parametrize("sectie", SECTIES)
def test_text_is_at_least_20px(measured, sectie):
    texts, _ = measured[sectie]
    assert len(texts) >= 5, texts
    small = [(t["text"], t["px"]) for t in texts if t["px"] < MIN_PX]
    assert not small, small


@pytest.mark.parametrize("sectie", SECTIES)
def test_text_contrast_is_at_least_4_5(measured, sectie):
    texts, _ = measured[sectie]
    low = [(t["text"], round(t["contrast"], 2)) for t in texts if t["contrast"] < MIN_CONTRAST]
    assert not low, low


@pytest.mark.parametrize("sectie", SECTIES)
def test_section_fits_the_screen_without_scrolling(measured, sectie):
    _, extent = measured[sectie]
    assert extent["bottom"] <= HEIGHT and extent["scroll"] <= extent["client"] + 1, extent
