"""Login with streamlit-authenticator: demo accounts when no credentials are configured.

Demo mode: no LOO_CREDENTIALS in the environment and no credentials in .streamlit/secrets.toml.
Then the accounts regisseur, loo and manager exist with password "demo" and the role of their
name. The cookie key is random per server process, so a demo cookie never outlives the server
and never uses the library's default key. Roles are read only from st.session_state['roles'].
"""

import os
import secrets
from pathlib import Path

import streamlit as st
import yaml

DEMO_ACCOUNTS = ("regisseur", "loo", "manager")
DEMO_PASSWORD = "demo"
COOKIE_NAME = "loo_dashboard"


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
    """Credentials and cookie key for production: YAML from LOO_CREDENTIALS or secrets.toml."""
    path = os.environ.get("LOO_CREDENTIALS")
    if path:
        config = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        creds = config.get("credentials", config)
    else:
        creds = _secrets_credentials()
    key = os.environ.get("LOO_COOKIE_KEY", "")
    if len(key) < 32:
        st.error("Inloggen is niet ingericht: LOO_COOKIE_KEY ontbreekt of is te kort "
                 "(minimaal 32 tekens). Neem contact op met de beheerder.")
        st.stop()
    return creds, key


def _copy(creds):
    """A deep copy, so the library's in-place changes never touch the cached credentials."""
    return {"usernames": {u: dict(v) for u, v in creds["usernames"].items()}}


def authenticator():
    """The one Authenticate object of this run (created once per script run)."""
    import streamlit_authenticator as stauth

    if demo_mode():
        creds, key = _copy(_demo_credentials()), _demo_cookie_key()
    else:
        creds, key = _production_settings()
        creds = _copy(creds)
    return stauth.Authenticate(creds, cookie_name=COOKIE_NAME, cookie_key=key,
                               cookie_expiry_days=0.5, auto_hash=False)


def login(auth):
    """Log in by the re-authentication cookie or the login form; True once logged in.

    The form is our own (Dutch, in a placeholder that is cleared on success, so it does not
    linger above the page); checking the password and the cookie are the library's.
    """
    if st.session_state.get("authentication_status"):
        return True
    token = auth.cookie_controller.get_cookie()
    if token:
        auth.authentication_controller.login(token=token)
        if st.session_state.get("authentication_status"):
            return True
    slot = st.empty()
    with slot.container(), st.form("inlogformulier", clear_on_submit=True):
        st.subheader("Inloggen")
        naam = st.text_input("Gebruikersnaam", key="login_naam", autocomplete="username")
        wachtwoord = st.text_input("Wachtwoord", type="password", key="login_wachtwoord",
                                   autocomplete="current-password")
        verzonden = st.form_submit_button("Inloggen", type="primary")
    if verzonden:
        try:
            ok = auth.authentication_controller.login(naam, wachtwoord)
        except Exception:  # never show library details; the user can simply retry
            ok = False
        if ok:
            slot.empty()
            auth.cookie_controller.set_cookie()
            return True
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
        auth.logout(location="unrendered")  # clears the session and deletes the cookie
        login(auth)
        st.stop()
