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
    "Previous month": "Vorige maand",
    "Next month": "Volgende maand",
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
    "Dismiss": "Sluiten",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
}
# Text that Streamlit writes in its own controls, translated in the page itself so that screen
# readers read Dutch too (no CSS over hidden English): the file uploader, the running indicator
# and the "page not found" dialog. Only inside these controls, never in content from the data.
CHROME = ('[data-testid="stFileUploader"], [data-testid="stStatusWidget"], '
          '[role="dialog"]:not([data-testid="stDateInputCalendar"]), header, '
          '[id^="react-aria-description"], [data-testid="stException"], '
          '[data-testid="stDateInputCalendar"] h2')
NL_TEXT = {
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Browse files": "Bestanden kiezen",
    "Upload": "Bestanden kiezen",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Page not found": "Pagina niet gevonden",
    "The page that you have requested does not seem to exist. Running the app's main page.":
        "Deze pagina bestaat niet. U ziet de startpagina.",
    "Copy": "Kopiëren",
    "Ask Google": "Zoeken met Google",
}
# (pattern, replacement) for text with a number in it: "Limit 50MB per file • CSV, XLSX"; and the
# error box (no details are shown: client.showErrorDetails = "none")
NL_TEXT_PATTERNS = [
    [r"^This app has encountered an error\..*$",
     "Er ging iets mis in het dashboard. De details staan in het serverlog; meld het de "
     "beheerder."],
    [r"^(?:Limit )?(\d+(?:\.\d+)?)\s?([KMG]B) per file", "Maximaal $1 $2 per bestand"],
    [r"^File must be (\d+(?:\.\d+)?)\s?([KMG]B) or smaller\.?$",
     "Het bestand mag hoogstens $1 $2 zijn."],
    [r"^(.+) files are not allowed\.?$", "Bestanden van het type $1 zijn niet toegestaan."],
    [r"^Choose date, (.+)$", "Datum kiezen, $1"],  # the (hidden) calendar's heading
]
NL_PREFIX = {"Help for ": "Uitleg bij ", "Remove ": "Verwijder ", "day, ": "dag, ",
             "Choose date, ": "Datum kiezen, ",
             "month, ": "maand, ", "year, ": "jaar, "}
MONTHS_EN = ("January February March April May June July August September October November "
           "December").split()

# Streamlit mounts the element once per browser tab and keeps it while the app reruns; the
# observer (started once) keeps the language, the labels, Streamlit's own texts and the iframes
# right whenever Streamlit redraws.
_SCRIPT = """
<span class="loo-a11y" hidden></span>
<script>
(() => {
  const doc = document, LANG = %(lang)s, NL = %(nl)s, PREFIX = %(prefix)s;
  const MONTHS = %(months)s, MAANDEN = %(maanden)s;
  const CHROME = %(chrome)s, TEXT = %(text)s;
  const PATTERNS = %(patterns)s.map(([p, r]) => [new RegExp(p), r]);
  const dutchText = v => {
    const t = v.trim();
    if (TEXT[t]) return v.replace(t, TEXT[t]);
    for (const [p, r] of PATTERNS) if (p.test(t)) return v.replace(t, t.replace(p, r));
    const gekozen = t.match(/^Selected Date: ([A-Z][a-z]+) (\\d{1,2}), (\\d{4})$/);  // a date field
    if (gekozen && MONTHS.includes(gekozen[1]))
      return `Gekozen datum: ${+gekozen[2]} ${MAANDEN[MONTHS.indexOf(gekozen[1])]} ${gekozen[3]}`;
    return v;
  };
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
    doc.querySelectorAll(CHROME).forEach(root => {
      const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const nl = dutchText(n.nodeValue);
        if (nl !== n.nodeValue) n.nodeValue = nl;
      }
    });
    // The date fields are typed (day, month, year, named in Dutch); their calendar popup is not
    // shown (see _CSS), so no shortcut to it is announced.
    doc.querySelectorAll('[data-testid="stDateInputField"][aria-keyshortcuts]')
      .forEach(e => e.removeAttribute("aria-keyshortcuts"));
  };
  fix();
  if (window.looA11y) return;
  // The calendar's keyboard shortcut (Alt+ArrowDown) would move focus into a calendar that is
  // not shown (see _CSS): it stops here, before Streamlit's handlers see it.
  window.addEventListener("keydown", e => {
    if (e.altKey && e.key === "ArrowDown" && e.target.closest &&
        e.target.closest('[data-testid="stDateInputField"]')) {
      e.stopPropagation();
      e.preventDefault();
    }
  }, true);
  // At once, as a microtask after Streamlit's change and before anything is drawn (a frame
  // later would show English for a moment, and never in a background tab); fix() changes only
  // what differs, so its own changes end the loop.
  window.looA11y = new MutationObserver(fix);
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
        "maanden": list(MAANDEN), "chrome": CHROME, "text": NL_TEXT,
        "patterns": NL_TEXT_PATTERNS}.items()}


# Captions: Streamlit 1.67 fades them with opacity 0.6 (3.8:1 on white); opaque #5c5b59 gives
# 6.6:1 on white and 6.2:1 on the sidebar grey, and stays visibly secondary.
# Date fields: their calendar popup speaks the browser's language, English in an English browser,
# and starts the week on Sunday there; the fields are typed instead (day, month, year, named in
# Dutch by the script), so the popup (which Streamlit opens on focus) and its button are hidden.
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
[data-testid="stDateInputCalendarButton"], [data-testid="stDateInputCalendar"] {
    display: none !important; }
[data-testid="stElementContainer"]:has(.loo-a11y),
[data-testid="stElementContainer"]:has(.loo-cookie) { display: none !important; }
</style>
"""


# On a phone (issue 15.5) a text table (the plan summary) wraps its cells to the screen width
# instead of sticking out to the right; a scrolling box would need a keyboard stop of its own.
_CSS_TELEFOON = """
<style>
@media (max-width: 640px) {
  [data-testid="stMarkdownContainer"] table { width: 100%; table-layout: fixed; }
  [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
      overflow-wrap: anywhere; hyphens: auto; padding: 0.3rem 0.35rem; }
}
</style>
"""


def apply():
    """Declare the page Dutch, make faded text readable and focus visible; call early in app.py."""
    st.html(_CSS)
    st.html(_CSS_TELEFOON)
    st.html(_script(), unsafe_allow_javascript=True)
