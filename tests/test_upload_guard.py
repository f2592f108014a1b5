"""Uploads only from the browser of a logged-in regisseur (red-team 6): the attack replayed.

A visitor who never logged in has a live session as soon as its websocket is open; Streamlit
stores whatever it PUTs to /_stcore/upload_file/<session id>/<file id> in memory (12 uploads of
40 MB took the server from 326 to 820 MB). dashboard.http_guard answers 403 before the body is
read, unless the session in the URL is a logged-in regisseur's and the request comes from the
browser that logged in. A real `streamlit run app.py` serves every test here.
"""

import contextlib
import http.client
import socket
import urllib.error
import urllib.request
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import streamlit
from dashboard import http_guard
from tests import browser

XSRF = "_streamlit_xsrf"
CSV = b"signaal_id;datum_ontvangst\nS-1;2025-03-14\n"


def new_session_ids(raw):
    """The session id in a ForwardMsg new_session, if raw is one (else nothing)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(raw)
    except Exception:  # a text frame or another protocol message: not ours
        return []
    return [msg.new_session.initialize.session_id] if msg.WhichOneof("type") == "new_session" else []


def xsrf_cookie(url):
    """A fresh XSRF cookie from the server, as any visitor gets one."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as response:
        cookie = SimpleCookie(response.headers["Set-Cookie"])
    return cookie[XSRF].value


@contextlib.contextmanager
def anonymous_session(url):
    """A visitor who never logs in: a websocket session of its own, kept open; yields its id
    and XSRF cookie."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.sync.client import connect

    token = xsrf_cookie(url)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(ws_url, subprotocols=["streamlit", token], origin=url, open_timeout=30,
                 additional_headers={"Cookie": f"{XSRF}={token}"}) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        rerun.rerun_script.page_script_hash = ""
        ws.send(rerun.SerializeToString())
        for _ in range(50):  # the run's first messages; new_session is among the first few
            ids = new_session_ids(ws.recv(timeout=60))
            if ids:
                break
        assert ids, "no new_session message"
        yield ids[0], token


def multipart(data, name="signalen_2026.csv"):
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def put(url, session_id, token, data=CSV, method="PUT"):
    """PUT one file as the browser's upload does (or DELETE one); the response status."""
    body, content_type = multipart(data) if method == "PUT" else (None, "text/plain")
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}", body,
                           headers={"Content-Type": content_type, "X-Xsrftoken": token,
                                    "Cookie": f"{XSRF}={token}"})
        return connection.getresponse().status
    finally:
        connection.close()


def uploads_stored(url):
    """The server's own count of bytes held for uploads (its metrics), as text lines."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=30) as response:
        text = response.read().decode()
    return [line for line in text.splitlines() if "UploadedFileManager" in line]


@pytest.fixture
def logged_in(frozen, tmp_path, monkeypatch):
    """login(user, roles, token) -> a session state as dashboard.auth leaves it after a login
    from the browser whose XSRF token is `token`, and that browser's cookies."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    from dashboard import security

    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))

    def login(user, roles, token=b"0123456789abcdef"):
        cookies = {XSRF: generate_xsrf_token_string(token, 1)}
        state = {"authentication_status": True, "username": user, "roles": roles}
        security.login_succeeded(state, user, roles)
        security.bind_browser(state, cookies)
        return state, cookies

    return login


def test_only_a_regisseur_from_the_browser_that_logged_in_may_upload(logged_in):
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    from dashboard import sessions

    regisseur, cookies = logged_in("regisseur", ["regisseur"])
    assert http_guard.upload_allowed(regisseur, cookies)
    other_browser = {XSRF: generate_xsrf_token_string(b"fedcba9876543210", 1)}
    assert not http_guard.upload_allowed(regisseur, other_browser)
    assert not http_guard.upload_allowed(regisseur, {})
    for role in ("loo", "manager"):
        assert not http_guard.upload_allowed(*logged_in(role, [role]))
    assert not http_guard.upload_allowed({}, cookies)  # never logged in
    # No browser bound and no XSRF cookie sent: two missing tokens do not make a match.
    unbound = {k: v for k, v in regisseur.items() if k != "_loo_browser"}
    assert not http_guard.upload_allowed(unbound, {})
    sessions.revoke("regisseur")  # logged out elsewhere
    assert not http_guard.upload_allowed(regisseur, cookies)


def test_a_download_needs_a_logged_in_session_of_the_same_browser(logged_in):
    manager, cookies = logged_in("manager", ["manager"])
    loo, loo_cookies = logged_in("loo", ["loo"], token=b"fedcba9876543210")
    assert http_guard.download_allowed([loo, manager], cookies)
    assert http_guard.download_allowed([loo, manager], loo_cookies)
    assert not http_guard.download_allowed([loo], cookies)
    assert not http_guard.download_allowed([{}, loo], {})
    assert not http_guard.download_allowed([], cookies)


def test_uploads_are_closed_until_the_guard_opens_them_and_the_proxy_allows_no_more():
    import tomllib

    config = tomllib.loads((browser.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == 0  # install() raises it once the check is in
    assert 0 < http_guard.UPLOAD_MB <= 50  # MB: the largest realistic export is about 35 MB
    deployment = (browser.ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert f"client_max_body_size {http_guard.UPLOAD_MB + 1}m;" in deployment


def test_the_guard_is_written_for_this_streamlit():
    # dashboard/http_guard.py relies on Streamlit's internals: check them again before moving on
    assert streamlit.__version__ == http_guard.STREAMLIT


def test_streamlits_internals_that_the_guard_relies_on_are_still_there():
    import inspect

    from streamlit.runtime.runtime import Runtime
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
    from streamlit.web.server.starlette import starlette_app, starlette_routes
    from streamlit.web.server.starlette.starlette_path_security_middleware import (
        PathSecurityMiddleware,
    )

    # The first middleware of Streamlit's stack sees every request before any route.
    assert starlette_app.create_streamlit_middleware()[0].cls is PathSecurityMiddleware
    assert "__call__" in vars(PathSecurityMiddleware)
    # The routes it guards, and where a live session's state is found.
    assert starlette_routes._ROUTE_UPLOAD_FILE == "_stcore/upload_file/{session_id}/{file_id}"
    assert starlette_routes._ROUTE_MEDIA == "media/{file_id:path}"
    assert hasattr(Runtime, "get_app_session")
    assert hasattr(WebsocketSessionManager, "list_active_sessions")
    assert "_session_mgr" in inspect.getsource(Runtime.__init__)
    # The upload route reads the size limit on every request, before the body.
    put_source = inspect.getsource(starlette_routes.create_upload_routes)
    assert put_source.index('config.get_option("server.maxUploadSize")') < put_source.index(
        "await limited_request.form()")


def test_an_anonymous_visitor_cannot_upload_to_its_own_session_and_nothing_is_stored(url):
    # The first session of a fresh server, uploading as soon as it knows its id: while its run
    # has not reached http_guard.install() in app.py, Streamlit refuses by size (413, the
    # limit is 0 until then); after that the guard refuses (403). Before that limit, 3 of
    # these 12 were stored.
    with anonymous_session(url) as (session_id, token):
        statuses = [put(url, session_id, token, data=b"x" * (256 << 10)) for _ in range(12)]
    assert set(statuses) <= {403, 413} and statuses[-1] == 403, statuses
    # Run first in this module (it shares the server with the accepted upload below): the
    # server holds no upload at all.
    assert uploads_stored(url) == []


def test_a_refused_upload_is_answered_before_its_body_is_sent(url):
    # Announce 40 MB and send only the headers: Streamlit itself would wait for the body (the
    # session is live); the guard answers first and closes the connection.
    with anonymous_session(url) as (session_id, token):
        parts = urlsplit(url)
        head = (f"PUT /_stcore/upload_file/{session_id}/{uuid.uuid4()} HTTP/1.1\r\n"
                f"Host: {parts.netloc}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                f"Content-Length: {40 << 20}\r\nX-Xsrftoken: {token}\r\n"
                f"Cookie: {XSRF}={token}\r\n\r\n").encode()
        with socket.create_connection((parts.hostname, parts.port), timeout=60) as conn:
            conn.sendall(head)
            status_line = conn.makefile("rb").readline()
    assert status_line.startswith(b"HTTP/1.1 403")


def test_the_frontends_own_files_stay_open_to_a_visitor_who_has_not_logged_in(url):
    # The login page needs Streamlit's fonts, served under /static/media/; only /media/ (the
    # downloads) is guarded.
    fonts = Path(streamlit.__file__).parent / "static" / "static" / "media"
    font = sorted(fonts.glob("*.woff2"))[0].name
    with urllib.request.urlopen(f"{url}/static/media/{font}", timeout=30) as response:
        assert response.status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{url}/media/{font}", timeout=30)
    assert refused.value.code == 403


def test_an_upload_to_an_unknown_session_is_refused_like_any_other(url):
    assert put(url, str(uuid.uuid4()), xsrf_cookie(url)) == 403


@pytest.fixture
def browser_session(url, chromium):
    """A browser at 1920x1080 that logs in as the given user; yields (context, page, session
    id) where the session id comes from the app's own new_session message."""
    contexts = []

    def open_as(user):
        context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        contexts.append(context)
        page = context.new_page()
        ids = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda payload: ids.extend(
                new_session_ids(payload) if isinstance(payload, bytes) else [])))
        browser.login(page, url, user)
        assert ids, "no new_session message seen"
        return context, page, ids[-1]

    yield open_as
    for context in contexts:
        context.close()


def browser_put(context, url, session_id):
    """PUT a file with the browser's own cookies and XSRF token, as its file uploader does."""
    token = next(c["value"] for c in context.cookies() if c["name"] == XSRF)
    response = context.request.put(
        f"{url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}",
        multipart={"file": {"name": "signalen_2026.csv", "mimeType": "text/csv", "buffer": CSV}},
        headers={"X-Xsrftoken": token})
    return response.status


@pytest.mark.browser
@browser.needs_chromium
def test_a_logged_in_manager_cannot_upload(url, browser_session):
    context, _, session_id = browser_session("manager")
    assert browser_put(context, url, session_id) == 403


@pytest.mark.browser
@browser.needs_chromium
def test_a_logged_in_regisseur_can_upload_and_only_from_the_browser_that_logged_in(
        url, browser_session, tmp_path):
    context, page, session_id = browser_session("regisseur")
    assert browser_put(context, url, session_id) == 204
    # Another client that knows the session id (upload URLs can land in logs) is refused, for
    # storing and for removing files alike.
    assert put(url, session_id, xsrf_cookie(url)) == 403
    assert put(url, session_id, xsrf_cookie(url), method="DELETE") == 403
    # The file uploader on the Data page still works.
    page.goto(f"{url}/data")
    browser.heading(page, "Data & kwaliteit")
    export = tmp_path / "signalen_test.csv"
    export.write_bytes(CSV)
    with page.expect_response(lambda r: "/_stcore/upload_file/" in r.url
                              and r.request.method == "PUT", timeout=30_000) as upload:
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(export)
    assert upload.value.status == 204
