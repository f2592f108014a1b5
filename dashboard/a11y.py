"""Accessibility fixes the app makes on every run: Dutch page language, contrast, focus.

Streamlit serves `<html lang="en">`, draws captions in a faded grey that misses the WCAG 4.5:1
contrast for small text, marks keyboard focus on sidebar links not at all and elsewhere with a
half-transparent shadow, and leaves the invisible cookie iframe of streamlit-authenticator in
the tab order. The in-app fix: a script that sets the page language to Dutch (a reverse proxy
can also rewrite the served HTML, see docs/deployment.md) and takes zero-height iframes out of
the tab order, and a small style sheet for text contrast and a visible focus ring. Checked in
the browser by tests/test_accessibility.py and tests/test_keyboard.py.
"""

import streamlit as st

LANG = "nl"

# Streamlit mounts the element once per browser tab and keeps it while the app reruns; the
# observer (started once) keeps the language and the iframes right when Streamlit redraws.
_SCRIPT = f"""
<span class="loo-a11y" hidden></span>
<script>
(() => {{
  const doc = document;
  const fix = () => {{
    if (doc.documentElement.lang !== "{LANG}") doc.documentElement.lang = "{LANG}";
    doc.querySelectorAll('iframe[height="0"]:not([tabindex])').forEach(f => {{
      f.tabIndex = -1;
      f.setAttribute("aria-hidden", "true");
    }});
  }};
  fix();
  if (window.looA11y) return;
  window.looA11y = new MutationObserver(fix);
  window.looA11y.observe(doc.documentElement, {{attributes: true, attributeFilter: ["lang"]}});
  window.looA11y.observe(doc.body, {{childList: true, subtree: true}});
}})();
</script>
"""

# Captions: Streamlit 1.67 fades them with opacity 0.6 (3.8:1 on white); opaque #5c5b59 gives
# 6.6:1 on white and 6.2:1 on the sidebar grey, and stays visibly secondary.
# Focus: a solid 3px ring in Okabe-Ito blue (5.1:1 on white) on whatever has keyboard focus.
# The script's own element container is hidden so it takes no room in the layout.
_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, .stTooltipIcon {
    color: #5c5b59 !important; opacity: 1 !important; }
:focus-visible { outline: 3px solid #0072B2 !important; outline-offset: 2px !important; }
[data-testid="stElementContainer"]:has(.loo-a11y) { display: none !important; }
</style>
"""


def apply():
    """Declare the page Dutch, make faded text readable and focus visible; call early in app.py."""
    st.html(_CSS)
    st.html(_SCRIPT, unsafe_allow_javascript=True)
