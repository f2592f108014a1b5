"""Uploads and downloads only for the browser of a logged-in session that may have them.

Besides the websocket, Streamlit serves two HTTP endpoints that carry data, and neither asks
for a login:
- PUT /_stcore/upload_file/<session id>/<file id> stores an upload in memory for any live
  session, also one that never logged in (12 uploads of 40 MB took the server from 326 to
  820 MB);
- GET /media/<file id> serves the bytes of an st.download_button to anyone with the URL.
This module answers both with 403 before Streamlit reads a byte of the body, unless the request
comes from the browser that logged in to a session that is still valid (the same binding as
the websocket check, dashboard.security.same_browser), and for an upload only when that
session is the one in the URL and its role may load data (the Data page: the regisseur).

Streamlit 1.67 has no hook for this in a `streamlit run` app (st.App takes middleware, but
then st.App is the entry point instead of app.py), so install() wraps the first middleware of
Streamlit's own stack; everything private it touches is in this module, and
tests/test_upload_guard.py fails loudly when those internals change.

install() runs in app.py, so only once a first session runs; that session learns its id as the
run starts, and replayed uploads got in before app.py reached install(). So
.streamlit/config.toml sets server.maxUploadSize = 0 (Streamlit refuses every upload on its
Content-Length) and install() raises it to UPLOAD_MB only after the check is in place.
"""

import logging
import re
import threading

STREAMLIT = "1.67.0"  # the version whose internals install(), _state and _browser_states use
# One export per upload, in MB. The largest realistic one is a three-year DOL export of a G4
# city (35 times Wassenaar; the sample has 9,950 rows in 1.0 MB): about 35 MB as CSV.
# Benchmark scale 100 (995,000 rows, 100 MB) is a load for the CLI.
UPLOAD_MB = 50
UPLOAD = r"/_stcore/upload_file/([^/]+)/[^/]+"  # after server.baseUrlPath, if one is set
MEDIA = r"/media/[^/]+"  # not /static/media/...: the frontend's own fonts, for everyone
GUARDED_METHODS = {"PUT", "DELETE", "GET", "HEAD"}  # OPTIONS (CORS preflight) carries nothing
_LOCK = threading.Lock()
_INSTALLED = "_loo_http_guard"
_LOG = logging.getLogger(__name__)


def _logged_in_here(state, cookies):
    """True for a session whose login is still valid, asked by the browser that logged in."""
    from dashboard import security

    return (bool(state.get("authentication_status")) and state.get(security.CLIENT) is not None
            and security.same_browser(state, cookies) and security.session_valid(state))


def upload_allowed(state, cookies):
    """An upload to this session: its user may load data (the Data page) from this browser."""
    from dashboard import roles

    return roles.allowed("data", state.get("roles")) and _logged_in_here(state, cookies)


def download_allowed(states, cookies):
    """A download (media file): some session of this browser is logged in with a role."""
    from dashboard import roles

    return any(roles.has_role(state.get("roles")) and _logged_in_here(state, cookies)
               for state in states)


class _Values:
    """Read-only get() over the state of a session other than the running one (Streamlit's
    SessionState has item access only)."""

    def __init__(self, state):
        self._state = state

    def get(self, key, default=None):
        try:
            return self._state[key]
        except KeyError:
            return default


def _state(runtime, session_id):
    """The session state of a live session, or None."""
    session = runtime.get_app_session(session_id)
    return None if session is None else _Values(session.session_state)


def _browser_states(runtime):
    """The session states of every live session (Streamlit's session manager is private)."""
    return [_Values(info.session.session_state)
            for info in runtime._session_mgr.list_active_sessions()]


def _base_path():
    """server.baseUrlPath as a regex prefix ("" or "/prefix")."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + re.escape(base) if base else ""


def allowed(scope, runtime):
    """False for an upload or media request this browser may not make; True for the rest."""
    if scope.get("type") != "http" or scope.get("method") not in GUARDED_METHODS:
        return True
    from starlette.requests import HTTPConnection

    path = scope.get("path", "")
    base = _base_path()
    upload = re.fullmatch(base + UPLOAD, path)
    if not upload and not re.fullmatch(base + MEDIA, path):
        return True
    cookies = HTTPConnection(scope).cookies
    try:
        if upload:
            state = _state(runtime, upload.group(1))
            return state is not None and upload_allowed(state, cookies)
        return download_allowed(_browser_states(runtime), cookies)
    except Exception as exc:  # the session store unreachable, a state mid-change: refuse
        _LOG.warning("upload or download refused: the check failed (%s)", type(exc).__name__)
        return False


async def _refuse(scope, receive, send):
    from starlette.responses import PlainTextResponse

    # Connection: close, so the server does not wait for (or read) a body it refused.
    response = PlainTextResponse("Geen toegang: log in als gebruiker die dit mag.",
                                 status_code=403, headers={"Connection": "close"})
    await response(scope, receive, send)


def install():
    """Put the check in front of Streamlit's endpoints (once per server process), then allow
    uploads of UPLOAD_MB; a no-op in AppTest and bare mode, where no server runs."""
    from streamlit import config, runtime

    if not runtime.exists():
        return
    from streamlit.web.server.starlette.starlette_path_security_middleware import (
        PathSecurityMiddleware,
    )

    with _LOCK:
        if not getattr(PathSecurityMiddleware, _INSTALLED, False):
            original = PathSecurityMiddleware.__call__

            async def guarded(self, scope, receive, send):
                if not allowed(scope, runtime.get_instance()):
                    await _refuse(scope, receive, send)
                    return
                await original(self, scope, receive, send)

            PathSecurityMiddleware.__call__ = guarded
            setattr(PathSecurityMiddleware, _INSTALLED, True)
        # On every run: a changed config.toml is read again, and brings back the 0.
        if config.get_option("server.maxUploadSize") != UPLOAD_MB:
            config.set_option("server.maxUploadSize", UPLOAD_MB, "dashboard/http_guard.py")
