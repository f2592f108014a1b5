"""AppTest helpers for the whole app: log in through the real login form, open a page.

Tests drive app.py as a user would: the demo login form (streamlit-authenticator), then
st.navigation's pages via AppTest.switch_page. The sample database is built once per test
session with the real CLI (the sample_db fixture in conftest.py).
"""

from pathlib import Path

import pytest
from streamlit.runtime import pages_manager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, page_file

APP = str(ROOT / "app.py")


class _NoPagesDirectory(type(Path())):
    """A Path for which a 'pages' directory does not exist (see real_server_navigation)."""

    def exists(self, *args, **kwargs):
        return False if self.name == "pages" else super().exists(*args, **kwargs)


@pytest.fixture(autouse=True)
def real_server_navigation(monkeypatch):
    """Run app.py on every AppTest run, as the real server does once st.navigation was called.

    Streamlit starts in its old pages/-directory mode when a pages/ folder exists and leaves it
    for good (per process) at the first st.navigation call. AppTest resets that mode before
    every run, so after the first run it would execute the page file without app.py. Hiding the
    folder from Streamlit's PagesManager keeps AppTest in st.navigation mode throughout.
    """
    monkeypatch.setattr(pages_manager, "Path", _NoPagesDirectory)


def start(query=None):
    """A fresh app session, run once (the login form), optionally opened with URL parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    if query:
        at.query_params.update(query)
    return at.run()


def login(user, password="demo", query=None):
    """A session logged in through the login form."""
    at = start(query)
    fill(at, user, password)
    return at


def fill(at, user, password):
    """Type the account into the login form and submit it."""
    labels = {t.label: t for t in at.text_input}
    labels["Gebruikersnaam"].input(user)
    labels["Wachtwoord"].input(password)
    next(b for b in at.button if b.label == "Inloggen").click()
    at.run()
    return at


def open_page(at, page_id):
    """Switch to pages/<page_id>.py and run it."""
    at.switch_page(page_file(page_id))
    return at.run()


def titles(at):
    return [t.value for t in at.title]


def errors(at):
    return [e.value for e in at.error]


def run_page_alone(page_id, rol, van, tot):
    """pages/<page_id>.py run on its own with a role and a from/to period, as app.py leaves them."""
    from dashboard.period import SOORT_PERIODE

    at = AppTest.from_file(page_file(page_id), default_timeout=60)
    at.session_state["roles"] = [rol]
    at.session_state["periode_soort"] = SOORT_PERIODE
    at.session_state["periode_van"] = van
    at.session_state["periode_tot"] = tot
    return at.run()


class KeptMedia(MemoryMediaFileStorage):
    """AppTest's media store, keeping each file's bytes after the run (a download's file)."""

    kept = {}

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
        KeptMedia.kept[file_id] = self.get_file(file_id).content
        return file_id
