"""Accessibility fixes the app makes on every run: Dutch page language, contrast, focus.

Streamlit serves `<html lang="en">`, draws captions in a faded grey that misses the WCAG 4.5:1
contrast for small text, marks keyboard focus on sidebar links not at all and elsewhere with a
half-transparent shadow, and leaves the invisible cookie iframe of streamlit-authenticator in
the tab order. The in-app fix: a script that sets the page language to Dutch (a reverse proxy
can also rewrite the served HTML, see docs/deployment.md) and takes zero-height iframes out of
the tab order, and a small style sheet for text contrast and a visible focus ring. Checked in
the browser by tests/test_accessibility.py and tests/test_keyboard.py.
"""

import json

import streamlit as st

LANG = "nl"

# Streamlit's own controls name themselves in English (aria-label, placeholder, the skip link);
# on a page declared Dutch a screen reader would pronounce them as Dutch (WCAG 3.1.2). These
# are translated in place; React only rewrites an attribute when its own value changes, and
# then the observer translates it again.
NL = {
    "Skip to main content": "Direct naar de inhoud",
    "Main menu": "Hoofdmenu",
    "App pages": "Pagina's",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Show password": "Wachtwoord tonen",
    "Hide password": "Wachtwoord verbergen",
    "Choose date": "Datum kiezen",
    "Choose an option": "Kies een optie",
    "Clear all": "Alles wissen",
    "file upload": "bestand kiezen",
    "Link to heading": "Link naar deze kop",
    "Show data": "Gegevens tonen",
    "Download as CSV": "Downloaden als CSV",
    "Download as PNG": "Downloaden als PNG",
    "Copy Vega-Lite spec": "Grafiekdefinitie kopiëren",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Search": "Zoeken",
    "Sidebar": "Zijbalk",
    "Open": "Openen",
    "Close": "Sluiten",
    "Selected values": "Gekozen waarden",
    "Show/hide columns": "Kolommen tonen/verbergen",
    "visualization": "grafiek",
    "title": "titel",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
}
NL_PREFIX = {"Help for ": "Uitleg bij ", "Remove ": "Verwijder ", "day, ": "dag, ",
             "month, ": "maand, ", "year, ": "jaar, "}
MONTHS_EN = ("January February March April May June July August September October November "
           "December").split()

# Streamlit mounts the element once per browser tab and keeps it while the app reruns; the
# observer (started once) keeps the language, the labels and the iframes right when Streamlit
# redraws, at most once per animation frame.
_SCRIPT = """
<span class="loo-a11y" hidden></span>
<script>
(() => {
  const doc = document, LANG = %(lang)s, NL = %(nl)s, PREFIX = %(prefix)s;
  const MONTHS = %(months)s, MAANDEN = %(maanden)s;
  const ATTRS = ["aria-label", "aria-roledescription", "aria-valuetext", "placeholder",
                 "title"];
  const dutch = v => {
    if (NL[v]) return NL[v];
    for (const [en, nl] of Object.entries(PREFIX))
      if (v.startsWith(en)) return nl + v.slice(en.length);
    const title = v.match(/^Title text '(.*)'$/s);  // a Vega chart title
    if (title) return "Titel: " + title[1];
    return v.replace(/ – ([A-Z][a-z]+)$/, (m, en) =>
      MONTHS.includes(en) ? " – " + MAANDEN[MONTHS.indexOf(en)] : m);
  };
  const fix = () => {
    if (doc.documentElement.lang !== LANG) doc.documentElement.lang = LANG;
    doc.querySelectorAll('iframe[height="0"]:not([tabindex])').forEach(f => {
      f.tabIndex = -1;
      f.setAttribute("aria-hidden", "true");
    });
    for (const a of ATTRS) doc.querySelectorAll(`body [${a}]`).forEach(e => {
      const v = e.getAttribute(a), nl = dutch(v);
      if (nl !== v) e.setAttribute(a, nl);
    });
    // Material icons inside text ("check_circle icon") are decoration beside their words.
    doc.querySelectorAll('[data-testid="stMarkdownContainer"] span[aria-label$=" icon"]')
      .forEach(e => e.setAttribute("aria-hidden", "true"));
    doc.querySelectorAll('a, [data-testid="InputInstructions"] span').forEach(e => {
      if (e.childElementCount === 0 && NL[e.textContent]) e.textContent = NL[e.textContent];
    });
  };
  fix();
  if (window.looA11y) return;
  let queued = false;
  window.looA11y = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; fix(); }); }
  });
  window.looA11y.observe(doc.documentElement, {attributes: true, attributeFilter: ["lang"]});
  window.looA11y.observe(doc.body, {childList: true, subtree: true, characterData: true,
                                    attributes: true, attributeFilter: ATTRS});
})();
</script>
"""


def _script():
    from core.fmt import MAANDEN

    return _SCRIPT % {k: json.dumps(v) for k, v in {
        "lang": LANG, "nl": NL, "prefix": NL_PREFIX, "months": MONTHS_EN,
        "maanden": list(MAANDEN)}.items()}


# Captions: Streamlit 1.67 fades them with opacity 0.6 (3.8:1 on white); opaque #5c5b59 gives
# 6.6:1 on white and 6.2:1 on the sidebar grey, and stays visibly secondary.
# Focus: a solid 3px ring in Okabe-Ito blue (5.1:1 on white) on whatever has keyboard focus;
# for text fields and select boxes on their frame, which would clip a ring on the field itself.
# The script's own element container, and that of the login cookie's script (dashboard.auth),
# are hidden so they take no room in the layout.
_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, .stTooltipIcon {
    color: #5c5b59 !important; opacity: 1 !important; }
:focus-visible, [data-testid$="RootElement"]:has(:focus-visible),
[data-testid="stSelectbox"] > div:has(> div > input:focus-visible),
[data-testid="stMultiSelect"] > div:has(> div input:focus-visible) {
    outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }
[data-testid="stElementContainer"]:has(.loo-a11y),
[data-testid="stElementContainer"]:has(.loo-cookie) { display: none !important; }
</style>
"""


def apply():
    """Declare the page Dutch, make faded text readable and focus visible; call early in app.py."""
    st.html(_CSS)
    st.html(_script(), unsafe_allow_javascript=True)
