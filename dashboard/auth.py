"""Login with streamlit-authenticator: demo accounts when no credentials are configured.

Demo mode: no LOO_CREDENTIALS in the environment and no credentials in .streamlit/secrets.toml.
Then the accounts regisseur, loo and manager exist with password "demo" and the role of their
name. The cookie key is random per server process, so a demo cookie never outlives the server
and never uses the library's default key. Roles are read only from st.session_state['roles'].
"""

import os
import secrets

import streamlit as st

from core.audit import AuditUnavailable
from dashboard import security, sessions

DEMO_ACCOUNTS = ("regisseur", "loo", "manager")
DEMO_PASSWORD = "demo"
COOKIE_NAME = sessions.settings()["cookie_naam"]


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
    """True when no credentials are configured: sample data with the demo accounts."""
    return not os.environ.get("LOO_CREDENTIALS") and not _secrets_credentials()


@st.cache_resource(show_spinner=False)
def _demo_credentials():
    """The demo accounts with bcrypt hashes, hashed once per server process."""
    from streamlit_authenticator import Hasher

    hashed = Hasher.hash(DEMO_PASSWORD)
    return {
        "usernames": {
            naam: {"name": naam, "email": f"{naam}@demo.invalid", "password": hashed,
                   "roles": [naam]}
            for naam in DEMO_ACCOUNTS
        }
    }


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
    """The one Authenticate object of this run (created once per script run), or None, with a
    Dutch message, when nobody can log in; the frame then still sets up its navigation, so
    Streamlit never falls back to listing the files in pages/."""
    import streamlit_authenticator as stauth

    if demo_mode():
        if security.real_data_loaded():
            st.error("Demo-accounts zijn uitgeschakeld: de database bevat gegevens die niet uit "
                     "de voorbeeldgegevens komen. Richt productie-accounts in "
                     "(zie docs/deployment.md).")
            return None
        creds, key = _copy(_demo_credentials()), _demo_cookie_key()
    else:
        settings = _production_settings()
        if settings is None:
            return None
        creds, key = _copy(settings[0]), settings[1]
    # The cookie lives exactly as long as a session; its issue time is exp_date - lifetime.
    return stauth.Authenticate(creds, cookie_name=COOKIE_NAME, cookie_key=key,
                               cookie_expiry_days=sessions.cookie_expiry_days(), auto_hash=False)


def _end_session(auth):
    """Forget a session that was revoked elsewhere or outlived its lifetime."""
    auth.authentication_controller.logout()
    st.warning("Uw sessie is beëindigd (uitgelogd of verlopen). Log opnieuw in.")


def login(auth):
    """Log in by the re-authentication cookie or the login form; True once logged in.

    The form is our own (Dutch, in a placeholder that is cleared on success, so it does not
    linger above the page); checking the password and the cookie are the library's. On top of
    the library (dashboard.security): every run checks that the session was not revoked, a
    cookie issued before the user's last logout is refused, failed logins lock a name for a
    while, and logins are in the audit trail.
    """
    try:
        return _login(auth)
    except AuditUnavailable as exc:
        for key in ("authentication_status", "username", "name", "roles"):
            st.session_state[key] = None
        st.error(str(exc))
        st.stop()


def _login(auth):
    if st.session_state.get("authentication_status"):
        if not security.same_browser(st.session_state, st.context.cookies):
            security.other_browser_refused(st.session_state.get("username"),
                                           st.session_state.get("roles"))
            _end_session(auth)
        elif security.session_valid(st.session_state):
            return True
        else:
            _end_session(auth)
    try:
        token = auth.cookie_controller.get_cookie()
    except Exception:  # a forged or broken cookie (e.g. alg "none") must not break the login
        token = None
    if token and security.cookie_accepted(token):
        try:
            auth.authentication_controller.login(token=token)
        except Exception:  # an account removed since the cookie was issued
            st.session_state["authentication_status"] = None
        if st.session_state.get("authentication_status"):
            security.cookie_login(st.session_state, token)
            security.bind_browser(st.session_state, st.context.cookies)
            return True
    if st.session_state.get("logout"):
        # Logged out in this session: ask the browser to delete its cookie on every run until
        # the next login. Asked once, the request is lost when a rerun replaces the page before
        # the cookie component has run (seen on a busy machine); the cookie would then stay.
        auth.cookie_controller.delete_cookie()
    slot = st.empty()
    with slot.container(), st.form("inlogformulier", clear_on_submit=True):
        st.subheader("Inloggen")
        naam = st.text_input("Gebruikersnaam", key="login_naam", autocomplete="username")
        wachtwoord = st.text_input("Wachtwoord", type="password", key="login_wachtwoord",
                                   autocomplete="current-password")
        verzonden = st.form_submit_button("Inloggen", type="primary")
    if verzonden:
        naam = (naam or "").strip().lower()  # as the library compares it: JREGIE is jregie
        bekend = naam in auth.authentication_controller.authentication_model.credentials[
            "usernames"]
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
                security.login_succeeded(st.session_state, naam, st.session_state.get("roles"),
                                         client=client)
                security.bind_browser(st.session_state, st.context.cookies)
                slot.empty()
                auth.cookie_controller.set_cookie()
                return True
            security.login_failed(naam, bekend, client)
            st.error("Gebruikersnaam of wachtwoord is onjuist.")
    if demo_mode():
        st.info("Demo: log in als **regisseur**, **loo** of **manager** met wachtwoord **demo**.")
    return False


def roles():
    """The roles of the logged-in user, only ever from the session state."""
    return st.session_state.get("roles") or []


def logout_button(auth):
    """A logout button in the sidebar; after logging out the login form shows at once."""
    if st.sidebar.button("Uitloggen", key="uitloggen", icon=":material/logout:"):
        # Revoke on the server first: the library only deletes this browser's cookie, so a
        # copy of it would otherwise keep working.
        try:
            security.logged_out(st.session_state.get("username"), st.session_state.get("roles"))
        except AuditUnavailable as exc:
            st.sidebar.error(str(exc))
        auth.authentication_controller.logout()  # clears the session; login() deletes the cookie
        login(auth)
        st.stop()
