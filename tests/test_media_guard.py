"""A copied download URL is useless without the browser that logged in (red-team 13).

st.download_button serves its bytes at /media/<hash>.<ext>; Streamlit hands them to anyone who
has the URL for as long as the page shows the button. dashboard.http_guard answers 403 unless
the request comes from a browser with a valid login (the browser binding of
dashboard.security.same_browser). A real `streamlit run app.py`, Chromium for the login and
the download, plain HTTP for the copied URL.
"""

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import browser

pytestmark = [pytest.mark.browser, browser.needs_chromium]
TABLE = '[data-testid="stExpander"]'  # "Tabel bij de grafiek: ...", with CSV and Excel downloads
DOWNLOAD = '[data-testid="stDownloadButton"] button'


def status_without_the_browser(media_url, cookie=None):
    """The status a plain HTTP client gets for the URL (with at most the given Cookie header)."""
    request = urllib.request.Request(media_url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_download_url_works_only_in_the_browser_that_logged_in_and_not_after_logout(
        url, chromium):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    try:
        browser.login(page, url, "regisseur")
        table = page.locator(TABLE).first
        table.locator("summary").click()
        knop = table.locator(DOWNLOAD, has_text="Download tabel als CSV")
        # by keyboard, as a keyboard user does: a mouse click on a busy machine could land while
        # the expander was still opening, on the frame around the button (seen under stress-ng)
        knop.focus()
        expect(knop).to_be_focused()
        with page.expect_download(timeout=30_000) as download:
            page.keyboard.press("Enter")
        media_url = download.value.url
        content = Path(download.value.path()).read_bytes()
        assert "/media/" in media_url and content.count(b"\n") > 1  # a CSV with rows arrived

        again = context.request.get(media_url)  # the same browser may fetch it again
        assert (again.status, again.body()) == (200, content)

        assert status_without_the_browser(media_url) == 403  # the URL alone
        login_cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies()
                                 if c["name"] == "loo_dashboard")
        assert login_cookie  # a copied login cookie without the browser's own token
        assert status_without_the_browser(media_url, login_cookie) == 403

        browser.logout(page)
        assert context.request.get(media_url).status in (403, 404)
    finally:
        context.close()
