"""Login through the gemeente's own identity provider (OpenID Connect): st.login, st.user, st.logout.

The mode: when .streamlit/secrets.toml has an [auth] section, the deployment logs in only
through the provider (dashboard/auth.py then offers no password form); otherwise the
streamlit-authenticator accounts work as before.

Streamlit checks the provider's ID token (signature, issuer, audience, nonce) and keeps its
claims in a signed identity cookie, which it trusts for 30 days. On top of that, every script
run here checks the claims again: the subject's roles come from the group claim through the
mapping in config/beveiliging.yaml (`oidc:`), the roles that see records need multi-factor
authentication (`amr`/`acr`), and the token's issue time (`iat`) must lie after the subject's
"valid after" time (dashboard.sessions: logout and `users revoke` move it to now) and within
the session lifetime. So a copied cookie stops working at logout or revocation, like the
password mode's cookie. The audit trail names the account by its stable subject claim only,
never by e-mail address or name.
"""

import hashlib
from urllib.parse import urlparse

import streamlit as st

from core import audit
from core.audit import fail_closed
from dashboard import roles, security, sessions

DEFAULTS = {
    "subject_claim": "sub",  # stable and unique per user at the provider
    "groepen_claim": "groups",  # Entra ID: groups (object ids) or roles (app roles)
    "rollen": {},  # claim value -> role; empty: nobody gets a role
    "mfa_amr": ["mfa"],  # accepted amr values (Entra ID: mfa)
    "mfa_acr": [],  # accepted acr values (Keycloak: the LoA of the step-up flow)
    "mfa_voor_alle_rollen": False,  # False: roles without records (manager) may log in without
    "gemeente": None,  # district mode: the gemeente whose records these users see
}
REQUIRED = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
WEAK_SECRETS = sessions.KNOWN_WEAK_KEYS | {"xxx", "your-secret", "cookie_secret"}
CHECKED = "_loo_oidc_gecontroleerd"  # (subject, iat) whose refusal or login is audited


class OidcError(Exception):
    """An unusable OpenID Connect configuration or claim; the message is Dutch."""


def _secret(name):
    """A section of the secrets, or None (also when there is no secrets file at all)."""
    try:
        return st.secrets.get(name)
    except Exception:  # Streamlit raises its own error when no secrets file exists
        return None


def auth_section():
    """The [auth] section of the secrets as a dict, or None when there is none."""
    section = _secret("auth")
    if section is None:
        return None
    return section.to_dict() if hasattr(section, "to_dict") else dict(section)


def configured():
    """True when this deployment logs in through the identity provider ([auth] in secrets)."""
    return auth_section() is not None


def _texts(value, key):
    """A list of non-empty strings (one string counts as a list of one)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OidcError(f"beveiliging.yaml: oidc.{key} moet een lijst met teksten zijn.")
    return [v.strip() for v in value]


def settings(raw=None):
    """The `oidc:` section of config/beveiliging.yaml over DEFAULTS, checked."""
    if raw is None:
        raw = sessions.raw_settings().get("oidc") or {}
    if not isinstance(raw, dict):
        raise OidcError("beveiliging.yaml: oidc moet sleutels met waarden bevatten.")
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise OidcError(f"beveiliging.yaml: onbekende instelling oidc.{unknown[0]}.")
    result = {**DEFAULTS, **raw}
    for key in ("subject_claim", "groepen_claim"):
        if not isinstance(result[key], str) or not result[key].strip():
            raise OidcError(f"beveiliging.yaml: oidc.{key} moet de naam van een claim zijn.")
    mapping = result["rollen"] or {}
    if not isinstance(mapping, dict):
        raise OidcError("beveiliging.yaml: oidc.rollen moet groep: rol-paren bevatten.")
    for group, rol in mapping.items():
        if rol not in roles.ROLES:
            raise OidcError(f"beveiliging.yaml: oidc.rollen: groep '{group}' heeft onbekende "
                            f"rol; kies uit {', '.join(roles.ROLES)}.")
    result["rollen"] = {str(g): r for g, r in mapping.items()}
    result["mfa_amr"] = _texts(result["mfa_amr"] or [], "mfa_amr")
    result["mfa_acr"] = _texts(result["mfa_acr"] or [], "mfa_acr")
    if not isinstance(result["mfa_voor_alle_rollen"], bool):
        raise OidcError("beveiliging.yaml: oidc.mfa_voor_alle_rollen moet true of false zijn.")
    if result["gemeente"] is not None:
        from dashboard import users

        try:
            result["gemeente"] = users.check_gemeente(str(result["gemeente"]))
        except users.UsersError as exc:
            raise OidcError(f"beveiliging.yaml: oidc.gemeente: {exc}") from exc
    return result


def _local(url):
    return (urlparse(url).hostname or "") in LOCAL_HOSTS


def check_production(section, cfg):
    """Refuse an incomplete [auth], a weak cookie secret, plain http outside this machine, an
    empty role mapping or no accepted MFA value; raises OidcError with a Dutch message."""
    section = section or {}
    missing = [k for k in REQUIRED if not str(section.get(k) or "").strip()]
    if missing:
        raise OidcError("[auth] in secrets.toml is onvolledig: " + ", ".join(missing)
                        + " ontbreekt.")
    secret = str(section["cookie_secret"])
    if secret.strip().lower() in WEAK_SECRETS:
        raise OidcError("[auth] cookie_secret is een bekende standaardwaarde; kies een eigen "
                        "willekeurige sleutel.")
    if len(secret) < sessions.MIN_KEY_LENGTH or len(set(secret)) < 10:
        raise OidcError(f"[auth] cookie_secret is te kort of niet willekeurig; minimaal "
                        f"{sessions.MIN_KEY_LENGTH} willekeurige tekens.")
    redirect = str(section["redirect_uri"])
    if not redirect.endswith("/oauth2callback"):
        raise OidcError("[auth] redirect_uri moet eindigen op /oauth2callback.")
    for key in ("redirect_uri", "server_metadata_url"):
        url = str(section[key])
        if urlparse(url).scheme != "https" and not _local(url):
            raise OidcError(f"[auth] {key} moet https gebruiken (http alleen op localhost).")
    if not cfg["rollen"]:
        raise OidcError("beveiliging.yaml: oidc.rollen is leeg; zonder koppeling van groepen "
                        "aan rollen kan niemand inloggen.")
    if not cfg["mfa_amr"] and not cfg["mfa_acr"]:
        raise OidcError("beveiliging.yaml: geef in oidc.mfa_amr of oidc.mfa_acr minstens één "
                        "waarde die meervoudige authenticatie aantoont.")
    if sessions.credentials_file() is not None or _secret("credentials"):
        raise OidcError("er zijn ook wachtwoordaccounts ingericht (LOO_CREDENTIALS of "
                        "[credentials]); kies één inlogwijze per installatie.")
    if not st.get_option("server.enableXsrfProtection"):
        raise OidcError("server.enableXsrfProtection staat uit; zonder het XSRF-token is een "
                        "sessie niet aan de browser te binden.")
    try:
        audit.check_key()
    except audit.AuditKeyError as exc:
        raise OidcError(str(exc)) from exc


def _values(claim):
    """A claim as a list of strings (a provider may send one value as a plain string)."""
    if isinstance(claim, str):
        return [claim]
    if isinstance(claim, (list, tuple)):
        return [str(v) for v in claim]
    return []


def mapped_roles(claims, cfg):
    """The roles the group claim maps to, in ROLES order; [] when no group is mapped."""
    found = {cfg["rollen"][g] for g in _values(claims.get(cfg["groepen_claim"]))
             if g in cfg["rollen"]}
    return [r for r in roles.ROLES if r in found]


def has_mfa(claims, cfg):
    """True when the token's amr holds an accepted value or its acr is an accepted one."""
    amr = set(_values(claims.get("amr")))
    return bool(amr & set(cfg["mfa_amr"])) or str(claims.get("acr") or "") in cfg["mfa_acr"]


def needs_mfa(rol, cfg):
    """The roles that see records always need MFA; the others only when configured."""
    return cfg["mfa_voor_alle_rollen"] or roles.may_see_records([rol])


def decide(claims, cfg):
    """(roles, reason): the roles this token grants, or [] with the Dutch reason of refusal."""
    mapped = mapped_roles(claims, cfg)
    if not mapped:
        return [], "geen rol"
    if has_mfa(claims, cfg):
        return mapped, None
    allowed = [r for r in mapped if not needs_mfa(r, cfg)]
    return (allowed, None) if allowed else ([], "geen mfa")


# Hex digits to letters: a fingerprint without digits can never look like a BSN or phone number.
_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def account_name(subject):
    """The name of a subject in the audit trail and the session store: the subject itself, or,
    when the trail would refuse it (a UUID can hold a run of nine digits, which looks like a
    BSN), `oidc-` and a stable fingerprint of 32 letters."""
    subject = str(subject)
    if (len(subject) <= audit.MAX_OBJECT and audit.SAFE_TEXT.match(subject)
            and not any(p.search(subject) for p in audit.IDENTIFIERS)):
        return subject
    digest = hashlib.sha256(subject.encode("utf-8")).hexdigest()[:32]
    return "oidc-" + digest.translate(_LETTERS)


REFUSALS = {
    "geen rol": "Uw account heeft geen rol in het LOO-dashboard: u zit niet in een groep die "
                "toegang geeft. Vraag de ondermijningsregisseur of de servicedesk om toegang.",
    "geen mfa": "Voor uw rol is inloggen met meervoudige authenticatie (MFA) verplicht, en uw "
                "aanmelding bij de gemeente was zonder. Log uit en log opnieuw in met uw "
                "tweede factor (bijvoorbeeld de Authenticator-app).",
    "ingetrokken": "Uw sessie is beëindigd (uitgelogd, ingetrokken of verlopen). Log opnieuw in.",
    "geen subject": "De identiteitsprovider gaf geen accountkenmerk mee; inloggen kan zo niet. "
                    "Neem contact op met de beheerder.",
}


@fail_closed
def _refused(state, subject, iat, reason):
    """Audit a refused token once per session (the subject only, never a name)."""
    if state.get(CHECKED) == (subject, iat, reason):
        return
    audit.record("login_mislukt", user=subject, detail=f"identiteitsprovider: {reason}")
    state[CHECKED] = (subject, iat, reason)


@fail_closed
def _token_valid(subject, iat):
    """True when a token issued at iat is within the lifetime and after the last revocation."""
    return sessions.token_valid(subject, iat)


def _issued(claims):
    try:
        return float(claims.get("iat"))
    except (TypeError, ValueError):
        return None


def _clear(state):
    for key in ("authentication_status", "username", "name", "roles", "gemeente"):
        state[key] = None


def _start(state, subject, iat, user_roles, claims, cfg):
    """A fresh login by this token in this session: audited, bound to this browser."""
    state["authentication_status"] = True
    state["username"] = subject
    state["name"] = str(claims.get("name") or subject)
    state["roles"] = user_roles
    state["gemeente"] = cfg["gemeente"]
    security.login_succeeded(state, subject, user_roles, issued=iat,
                             client=security.client_address(st.context))
    security.bind_browser(state, st.context.cookies)
    state[CHECKED] = (subject, iat, "ok")


def _login_button(label="Inloggen bij de gemeente"):
    if st.button(label, type="primary", key="oidc_inloggen", icon=":material/login:"):
        st.login()


def _login_page(message=None):
    """The login page of this mode, in Dutch, saying which mode it is."""
    st.subheader("Inloggen")
    st.caption("Inlogwijze: de identiteitsprovider van de gemeente (OpenID Connect). Voor de "
               "rollen die dossiers zien is meervoudige authenticatie (MFA) verplicht.")
    if message:
        st.error(message)
    _login_button()


def login():
    """True when this session's identity token grants a role; otherwise the login page (or a
    refusal) is drawn and False returned."""
    try:
        cfg = settings()
        check_production(auth_section(), cfg)
    except (OidcError, sessions.ProductionError) as exc:
        st.error(f"Inloggen is niet ingericht. {exc} Neem contact op met de beheerder.")
        return False
    state = st.session_state
    try:
        return _login(state, cfg)
    except audit.AuditUnavailable as exc:
        _clear(state)
        st.error(str(exc))
        st.stop()


def _login(state, cfg):
    if not st.user.get("is_logged_in"):  # absent (no claims at all) counts as logged out
        _clear(state)
        _login_page()
        return False
    claims = st.user.to_dict()
    subject = str(claims.get(cfg["subject_claim"]) or "")
    iat = _issued(claims)
    if not subject:
        return _refuse(state, None, iat, "geen subject")
    subject = account_name(subject)
    if state.get("authentication_status") and state.get("username") == subject \
            and state.get(security.SESSION_START) == iat:
        if security.same_browser(state, st.context.cookies) and security.session_valid(state):
            return True
        return _refuse(state, subject, iat, "ingetrokken")
    if not _token_valid(subject, iat):
        return _refuse(state, subject, iat, "ingetrokken")
    user_roles, reason = decide(claims, cfg)
    if reason:
        return _refuse(state, subject, iat, reason)
    _start(state, subject, iat, user_roles, claims, cfg)
    return True


def _refuse(state, subject, iat, reason):
    """Refuse this token: no role in the session, the reason on screen, a way out."""
    _clear(state)
    _refused(state, subject, iat, reason)
    _login_page(REFUSALS[reason])
    if st.button("Uitloggen bij de gemeente", key="oidc_uitloggen_geweigerd"):
        st.logout()
    return False


def logout_button():
    """Log out: revoke every token of this subject on the server, then st.logout()."""
    if st.sidebar.button("Uitloggen", key="uitloggen", icon=":material/logout:"):
        try:
            security.logged_out(st.session_state.get("username"), st.session_state.get("roles"))
        except audit.AuditUnavailable as exc:
            st.sidebar.error(str(exc))
        _clear(st.session_state)
        st.logout()
