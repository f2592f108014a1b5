"""Accessibility fixes the app makes on every run: Dutch page language and text contrast.

Streamlit serves `<html lang="en">` and draws captions in a faded grey that misses the WCAG
4.5:1 contrast for small text. The in-app fix: a script that sets the page language to Dutch
(a reverse proxy can also rewrite the served HTML, see docs/deployment.md) and a small style
sheet that darkens the faded text. Checked in the browser by tests/test_accessibility.py.
"""

import streamlit as st

LANG = "nl"

# The script runs once per browser tab (Streamlit mounts the element once and keeps it while
# the app reruns); it sets the language of the page itself, not of an iframe.
_LANG_SCRIPT = f"""
<span class="loo-lang" hidden></span>
<script>document.documentElement.lang = "{LANG}";</script>
"""

# Streamlit 1.67 fades captions with opacity 0.6 (3.8:1 on white); opaque #5c5b59 instead
# gives 6.6:1 on white and 6.2:1 on the sidebar grey, and stays visibly secondary.
# The script's own element container is hidden so it takes no room in the layout.
_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, .stTooltipIcon {
    color: #5c5b59 !important; opacity: 1 !important; }
[data-testid="stElementContainer"]:has(.loo-lang) { display: none !important; }
</style>
"""


def apply():
    """Declare the page Dutch and make faded text readable; call once, early in app.py."""
    st.html(_CSS)
    st.html(_LANG_SCRIPT, unsafe_allow_javascript=True)
