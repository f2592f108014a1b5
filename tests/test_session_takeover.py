"""A second client that knows only a live session's id cannot take over its login.

The id shows in every upload URL (PUT /_stcore/upload_file/<session id>/...), so it can land in
a proxy's access log. With it, a websocket connect can attach to the session; the app then sees
another browser (no XSRF token of the one that logged in) and ends the session.
"""

import re
import time

import pytest

from tests import browser

pytestmark = [pytest.mark.browser, browser.needs_chromium]
UPLOAD = re.compile(r"/_stcore/upload_file/([0-9a-f-]{36})/")


def session_id_from_an_upload(page, url, tmp_path):
    """Log in as the regisseur, pick a file on the Data page and read the id from its URL."""
    browser.login(page, url, "regisseur")
    page.goto(f"{url}/data")
    browser.heading(page, "Data & kwaliteit")
    export = tmp_path / "signalen_test.csv"
    export.write_text("signaal_id\n1\n", encoding="utf-8")
    with page.expect_request(lambda r: UPLOAD.search(r.url), timeout=30_000) as upload:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(export)
    return UPLOAD.search(upload.value.url).group(1)


def attach(url, session_id, timeout=60):
    """Connect a websocket with only the session id, ask for a rerun, return what came back."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    received = b""
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit", "x", session_id],
                 origin=url, open_timeout=30) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        rerun.rerun_script.page_script_hash = ""
        ws.send(rerun.SerializeToString())
        deadline, started = time.monotonic() + timeout, False
        while time.monotonic() < deadline:
            raw = ws.recv(timeout=deadline - time.monotonic())
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            started = started or kind == "new_session"  # a run starts; an earlier one may end
            if started:
                received += raw
            # a run cut short for a rerun (this one, or one the session had pending) is followed
            # by that rerun: read on until a run ends of itself
            if (started and kind == "script_finished"
                    and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                break
    return received


def test_a_session_id_from_an_upload_url_does_not_give_a_second_client_the_login(
        url, chromium, tmp_path):
    context = chromium.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        session_id = session_id_from_an_upload(page, url, tmp_path)
        seen = attach(url, session_id)
    finally:
        context.close()
    assert "(rol: regisseur)".encode() not in seen and "Uitloggen".encode() not in seen
    assert "Gebruikersnaam".encode() in seen
