"""Login: streamlit-authenticator checks the credentials; the login cookie is our own.

Demo mode: no LOO_CREDENTIALS in the environment and no credentials in .streamlit/secrets.toml.
Then the accounts regisseur, loo and manager exist with password "demo" and the role of their
name. The cookie key is random per server process, so a demo cookie never outlives the server
and never uses the library's default key. Roles are read only from st.session_state['roles'].

The re-login cookie keeps the library's format (a JWT signed HS256 with the cookie key, claims
`username` and `exp_date`, see dashboard/sessions.py) but not its cookie component: that
component sends its value back after every page load, which reruns the script and swallowed
logins and clicks on a busy machine. The cookie is read on the server from the request that
opened the websocket (st.context.cookies: no round trip, no extra run) and written or deleted by
a small script in the page itself (st.html), which sends nothing back.
"""

import email.utils
import json
import os
import secrets

import jwt
import streamlit as st

from core import clock
from core.audit import AuditUnavailable
from dashboard import security, sessions, users

DEMO_ACCOUNTS = tuple(users.DEMO)  # each with its role and gemeente (dashboard.users.DEMO)
DEMO_PASSWORD = "demo"
COOKIE_NAME = sessions.settings()["cookie_naam"]
TOKEN = "_loo_cookie"  # the token this session's browser should hold
ERASE = "_loo_cookie_wissen"  # logged out in this session: the browser must drop its cookie
COOKIE_CLASS = "loo-cookie"  # dashboard/a11y.py hides the element that carries the script


class Aanmelding:
    """The login machinery of one script run: the library's credential checks and our key."""

    def __init__(self, creds, key):
        from streamlit_authenticator.controllers import AuthenticationController

        # no Authenticate object: its constructor mounts the cookie component
        self.authentication_controller = AuthenticationController(creds, auto_hash=False,
                                                                  secret_key=key)
        self.key = key

    def credentials(self):
        return self.authentication_controller.authentication_model.credentials["usernames"]


def _secrets_credentials():
    """Credentials from .streamlit/secrets.toml, or None when there are none."""
    try:
        creds = st.secrets.get("credentials")
    except (FileNotFoundError, KeyError, AttributeError):
        return None
    except Exception:  # st.secrets raises its own error when no secrets file exists
        return None
    return creds.to_dict() if hasattr(creds, "to_dict") else creds


def demo_mode():
    """True when no credentials and no identity provider (dashboard.oidc) are configured:
    sample data with the demo accounts."""
    from dashboard import oidc

    return (not os.environ.get("LOO_CREDENTIALS") and not _secrets_credentials()
            and not oidc.configured())


@st.cache_resource(show_spinner=False)
def _demo_credentials():
    """The demo accounts with bcrypt hashes, hashed once per server process."""
    from streamlit_authenticator import Hasher

    return users.demo_credentials(Hasher.hash(DEMO_PASSWORD))


@st.cache_resource(show_spinner=False)
def _demo_cookie_key():
    """A random cookie-signing key that lives as long as this server process."""
    return secrets.token_hex(32)


def _production_settings():
    """Credentials and cookie key for production, checked by dashboard.sessions; None, with a
    Dutch message, when the key is missing, default or short or the credentials are unsafe."""
    try:
        return sessions.check_production_settings(secrets_credentials=_secrets_credentials())
    except sessions.ProductionError as exc:
        st.error(f"Inloggen is niet ingericht. {exc} Neem contact op met de beheerder.")
        return None


def _copy(creds):
    """A deep copy, so the library's in-place changes never touch the cached credentials."""
    return {"usernames": {u: dict(v) for u, v in creds["usernames"].items()}}


def authenticator():
    """The login machinery of this run (Aanmelding), or None, with a Dutch message, when nobody
    can log in; the frame then still sets up its navigation, so Streamlit never falls back to
    listing the files in pages/."""
    if demo_mode():
        if security.real_data_loaded():
            st.error("Demo-accounts zijn uitgeschakeld: de database bevat gegevens die niet uit "
                     "de voorbeeldgegevens komen. Richt productie-accounts in "
                     "(zie docs/deployment.md).")
            return None
        return Aanmelding(_copy(_demo_credentials()), _demo_cookie_key())
    settings = _production_settings()
    if settings is None:
        return None
    return Aanmelding(_copy(settings[0]), settings[1])


def account_gemeenten():
    """{account name: its gemeente or None} of the demo or password accounts; empty in provider
    mode (one gemeente per deployment) or when nobody can log in."""
    from dashboard import oidc

    if oidc.configured():
        return {}
    if demo_mode():
        creds = _demo_credentials()
    else:
        try:
            creds = sessions.check_production_settings(
                secrets_credentials=_secrets_credentials())[0]
        except sessions.ProductionError:
            return {}
    return {u: users.gemeente_van(creds["usernames"], u) for u in creds["usernames"]}


def new_token(username, key):
    """A signed re-login token in the library's format; it expires after one session lifetime,
    so its issue time is exp_date - lifetime (dashboard.sessions.issued_at)."""
    claims = {"username": username, "exp_date": clock.epoch() + sessions.lifetime_seconds()}
    return jwt.encode(claims, key, algorithm="HS256")


def read_token(cookies, key):
    """The claims of this browser's login cookie when its signature is ours, else None."""
    raw = (cookies or {}).get(COOKIE_NAME)
    if not raw or not isinstance(raw, str):
        return None
    try:  # only HS256 with our key: a token signed otherwise (or alg "none") is refused
        claims = jwt.decode(raw, key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    if not isinstance(claims, dict) or not isinstance(claims.get("username"), str):
        return None
    return claims


def _js_string(text):
    """A JavaScript string literal that cannot close the script element."""
    return json.dumps(text).replace("<", "\\u003c")


def cookie_script(token=None):
    """The page snippet that writes the login cookie (token) or, without one, deletes it."""
    if token:
        exp = jwt.decode(token, options={"verify_signature": False})["exp_date"]
        value = (f"{COOKIE_NAME}={token}; Expires={email.utils.formatdate(exp, usegmt=True)}; "
                 "Path=/; SameSite=Strict")
    else:
        value = f"{COOKIE_NAME}=; Max-Age=0; Path=/; SameSite=Strict"
    return (f'<span class="{COOKIE_CLASS}" hidden></span><script>document.cookie = '
            f'{_js_string(value)} + (location.protocol === "https:" ? "; Secure" : "");</script>')


def _browser_cookie(token=None):
    """Write (or delete) the cookie from the page. The same snippet on every run stays mounted,
    so it runs once; a run that replaced it before it ran draws it again."""
    st.html(cookie_script(token), unsafe_allow_javascript=True)


def _end_session(auth):
    """Forget a session that was revoked elsewhere or outlived its lifetime."""
    auth.authentication_controller.logout()
    st.session_state.pop(TOKEN, None)
    st.session_state[ERASE] = True
    st.warning("Uw sessie is beëindigd (uitgelogd of verlopen). Log opnieuw in.")


def login(auth):
    """Log in by the re-login cookie or the login form; True once logged in.

    The form is our own (Dutch, in a placeholder that is cleared on success, so it does not
    linger above the page); checking the password is the library's. On top of the library
    (dashboard.security): every run checks that the session was not revoked, a cookie issued
    before the user's last logout is refused, failed logins lock a name for a while, and logins
    are in the audit trail.
    """
    try:
        return _login(auth)
    except AuditUnavailable as exc:
        for key in ("authentication_status", "username", "name", "roles"):
            st.session_state[key] = None
        st.error(str(exc))
        st.stop()


def _logged_in(auth, token):
    """Start a logged-in session: remember the token and have the browser store it."""
    st.session_state[TOKEN] = token
    # the gemeente whose records this account sees (district mode), beside its roles
    st.session_state["gemeente"] = users.gemeente_van(auth.credentials(),
                                                      st.session_state.get("username"))
    st.session_state.pop(ERASE, None)
    _browser_cookie(token)
    return True


def _login(auth):
    ss = st.session_state
    if ss.get("authentication_status"):
        if not security.same_browser(ss, st.context.cookies):
            security.other_browser_refused(ss.get("username"), ss.get("roles"))
            _end_session(auth)
        elif security.session_valid(ss):
            if ss.get(TOKEN):
                _browser_cookie(ss[TOKEN])
            return True
        else:
            _end_session(auth)
    # The cookie of the request that opened this session; never again once it logged out here.
    claims = None if ss.get(ERASE) else read_token(st.context.cookies, auth.key)
    if claims and security.cookie_accepted(claims):
        try:
            auth.authentication_controller.login(token=claims)
        except Exception:  # an account removed since the cookie was issued
            ss["authentication_status"] = None
        if ss.get("authentication_status"):
            security.cookie_login(ss, claims)
            security.bind_browser(ss, st.context.cookies)
            return _logged_in(auth, st.context.cookies[COOKIE_NAME])
    if ss.get(ERASE) or COOKIE_NAME in (st.context.cookies or {}):
        _browser_cookie(None)  # a cookie that did not log in is of no use to the browser
    slot = st.empty()
    with slot.container(), st.form("inlogformulier", clear_on_submit=True):
        st.subheader("Inloggen")
        st.caption("Inlogwijze: accounts van het LOO-dashboard (gebruikersnaam en wachtwoord).")
        naam = st.text_input("Gebruikersnaam", key="login_naam", autocomplete="username")
        wachtwoord = st.text_input("Wachtwoord", type="password", key="login_wachtwoord",
                                   autocomplete="current-password")
        verzonden = st.form_submit_button("Inloggen", type="primary")
    if verzonden:
        naam = (naam or "").strip().lower()  # as the library compares it: JREGIE is jregie
        bekend = naam in auth.credentials()
        if not bekend:
            security.stand_in_check(wachtwoord)
        client = security.client_address(st.context)
        vergrendeld = security.lock_message(naam, client)
        if vergrendeld:
            security.login_refused_locked(naam, bekend)
            st.error(vergrendeld)
        else:
            try:
                ok = auth.authentication_controller.login(naam, wachtwoord)
            except Exception:  # never show library details; the user can simply retry
                ok = False
            if ok:
                security.login_succeeded(ss, naam, ss.get("roles"), client=client)
                security.bind_browser(ss, st.context.cookies)
                slot.empty()
                return _logged_in(auth, new_token(naam, auth.key))
            security.login_failed(naam, bekend, client)
            st.error("Gebruikersnaam of wachtwoord is onjuist.")
    if demo_mode():
        st.info("Demo: log in als **regisseur**, **loo** of **manager** (Wassenaar), "
                "**loo_zoetermeer** of **district** (districtcoördinator) met wachtwoord **demo**.")
    return False


def roles():
    """The roles of the logged-in user, only ever from the session state."""
    return st.session_state.get("roles") or []


def logout_button(auth):
    """A logout button in the sidebar; after logging out the login form shows at once."""
    if st.sidebar.button("Uitloggen", key="uitloggen", icon=":material/logout:"):
        # Revoke on the server first: deleting this browser's cookie alone would leave a copy
        # of it working.
        try:
            security.logged_out(st.session_state.get("username"), st.session_state.get("roles"))
        except AuditUnavailable as exc:
            st.sidebar.error(str(exc))
        auth.authentication_controller.logout()
        st.session_state.pop(TOKEN, None)
        st.session_state[ERASE] = True  # login() has the browser delete the cookie
        st.rerun()  # on the server, at once: the login form in place of the page


def leave_pages_directory_mode():
    """Run the first script run of a fresh server process again, in st.navigation mode.

    With a pages/ folder Streamlit starts in its old pages-directory mode and leaves it at the
    first st.navigation call. In that first run app.py runs as a page, so its widgets get other
    ids than in every later run and the first submit of the login form was lost; a bare list of
    the files in pages/ also showed for a moment. Leaving the mode before anything is drawn and
    running again on the server (no browser round trip) avoids both.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
