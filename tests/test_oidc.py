"""The identity-provider login without a browser: claim mapping, MFA, settings and the
production checks (dashboard/oidc.py). The browser paths are in tests/test_oidc_browser.py.

Expected roles come from the fixed tables below, not from the product.
"""

import pytest
import yaml

from dashboard import oidc
from tests.app_session import real_server_navigation  # noqa: F401  (AppTest runs app.py)

MAPPING = {"grp-regie": "regisseur", "grp-loo": "loo", "grp-mgr": "manager",
           "grp-district": "district"}
SECRET = "Zq8-vN3xKp2LmR7tYw4sB9cD1fGhJ6eA"  # 32 characters, 30 distinct
GOOD = {"redirect_uri": "https://loo.gemeente.example/oauth2callback",
        "cookie_secret": SECRET, "client_id": "loo-dashboard", "client_secret": "x" * 40,
        "server_metadata_url": "https://login.example/.well-known/openid-configuration"}


def cfg(**changes):
    return oidc.settings({"rollen": MAPPING, **changes})


# (groups claim, amr, acr) -> roles granted, or the reason of refusal; with the shipped
# defaults: amr "mfa" accepted, no acr, manager and district allowed without MFA
CASES = [
    (["grp-regie"], ["pwd", "mfa"], None, ["regisseur"], None),
    (["grp-regie"], ["pwd"], None, [], "geen mfa"),
    (["grp-loo"], ["pwd", "otp", "mfa"], None, ["loo"], None),
    (["grp-loo"], ["pwd"], None, [], "geen mfa"),
    (["grp-mgr"], ["pwd"], None, ["manager"], None),
    (["grp-district"], None, None, ["district"], None),
    (["grp-regie", "grp-mgr"], ["pwd"], None, ["manager"], None),  # MFA-less: the manager only
    (["grp-regie", "grp-mgr"], ["mfa"], None, ["regisseur", "manager"], None),
    (["Alle-medewerkers"], ["mfa"], None, [], "geen rol"),
    ([], ["mfa"], None, [], "geen rol"),
    (None, ["mfa"], None, [], "geen rol"),
    ("grp-loo", "mfa", None, ["loo"], None),  # one value as a plain string
    (["GRP-LOO"], ["mfa"], None, [], "geen rol"),  # group ids compare exactly
    (["grp-loo"], ["MFA-achtig"], None, [], "geen mfa"),
    (["grp-loo"], ["pwd"], "2", [], "geen mfa"),  # acr not accepted by default
]


@pytest.mark.parametrize("groups, amr, acr, roles, reason", CASES)
def test_claims_map_to_roles(groups, amr, acr, roles, reason):
    claims = {"sub": "abc", "groups": groups, "amr": amr, "acr": acr}
    assert oidc.decide(claims, cfg()) == (roles, reason)


def test_keycloak_acr_counts_as_mfa_when_configured():
    claims = {"sub": "abc", "groups": ["grp-loo"], "amr": ["pwd"], "acr": "2"}
    assert oidc.decide(claims, cfg(mfa_acr=["2"])) == (["loo"], None)
    assert oidc.decide({**claims, "acr": "1"}, cfg(mfa_acr=["2"])) == ([], "geen mfa")


def test_mfa_for_every_role_refuses_the_manager_without():
    claims = {"sub": "abc", "groups": ["grp-mgr"], "amr": ["pwd"]}
    assert oidc.decide(claims, cfg(mfa_voor_alle_rollen=True)) == ([], "geen mfa")
    assert oidc.decide({**claims, "amr": ["mfa"]}, cfg(mfa_voor_alle_rollen=True)) == (
        ["manager"], None)


def test_group_claim_name_is_configurable():
    claims = {"sub": "abc", "groups": ["grp-regie"], "roles": ["grp-mgr"], "amr": ["pwd"]}
    assert oidc.decide(claims, cfg(groepen_claim="roles")) == (["manager"], None)


def test_nobody_gets_a_role_from_the_shipped_configuration():
    shipped = oidc.settings()
    assert shipped["rollen"] == {}
    assert shipped["subject_claim"] == "sub"
    claims = {"sub": "abc", "groups": ["LOO-Regisseurs", "regisseur"], "amr": ["mfa"]}
    assert oidc.decide(claims, shipped) == ([], "geen rol")


@pytest.mark.parametrize("raw, fragment", [
    ({"rollen": {"grp": "beheerder"}}, "onbekende rol"),
    ({"rollen": ["grp"]}, "groep: rol-paren"),
    ({"mfa_amr": [""]}, "oidc.mfa_amr"),
    ({"mfa_voor_alle_rollen": "ja"}, "true of false"),
    ({"subject_claim": ""}, "naam van een claim"),
    ({"groepen": "groups"}, "onbekende instelling oidc.groepen"),
    ({"gemeente": "Atlantis"}, "Onbekende gemeente"),
])
def test_bad_settings_are_refused_in_dutch(raw, fragment):
    with pytest.raises(oidc.OidcError, match=fragment):
        oidc.settings(raw)


def test_config_file_oidc_section_is_read(tmp_path, monkeypatch):
    """beveiliging.yaml with an oidc section: read by dashboard.oidc, ignored by sessions."""
    from dashboard import sessions

    (tmp_path / "beveiliging.yaml").write_text(yaml.safe_dump(
        {"sessieduur_uren": 2, "oidc": {"rollen": {"g1": "loo"}, "mfa_acr": ["gold"]}}))
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path))
    assert oidc.settings()["rollen"] == {"g1": "loo"}
    assert oidc.settings()["mfa_acr"] == ["gold"]
    assert sessions.lifetime_seconds() == 2 * 3600


def test_good_production_settings_pass():
    oidc.check_production(GOOD, cfg())


@pytest.mark.parametrize("changes, fragment", [
    ({"client_secret": ""}, "onvolledig: client_secret ontbreekt"),
    ({"server_metadata_url": None, "redirect_uri": " "},
     "onvolledig: redirect_uri, server_metadata_url ontbreekt"),
    ({"cookie_secret": "changeme"}, "bekende standaardwaarde"),
    ({"cookie_secret": "xxx"}, "bekende standaardwaarde"),
    ({"cookie_secret": SECRET[:31]}, "te kort"),
    ({"cookie_secret": "ab" * 20}, "niet willekeurig"),
    ({"redirect_uri": "http://loo.gemeente.example/oauth2callback"}, "redirect_uri moet https"),
    ({"redirect_uri": "https://loo.gemeente.example/callback"}, "eindigen op /oauth2callback"),
    ({"server_metadata_url": "http://login.example/.well-known/openid-configuration"},
     "server_metadata_url moet https"),
])
def test_unsafe_auth_section_is_refused(changes, fragment):
    with pytest.raises(oidc.OidcError, match=fragment):
        oidc.check_production({**GOOD, **changes}, cfg())


@pytest.mark.parametrize("host", ["localhost:8501", "127.0.0.1:8501"])
def test_plain_http_is_allowed_on_this_machine(host):
    local = {**GOOD, "redirect_uri": f"http://{host}/oauth2callback",
             "server_metadata_url": f"http://{host}/.well-known/openid-configuration"}
    oidc.check_production(local, cfg())


def test_empty_mapping_or_no_mfa_value_is_refused():
    with pytest.raises(oidc.OidcError, match="oidc.rollen is leeg"):
        oidc.check_production(GOOD, oidc.settings({}))
    with pytest.raises(oidc.OidcError, match="meervoudige authenticatie"):
        oidc.check_production(GOOD, cfg(mfa_amr=[], mfa_acr=[]))


def test_password_accounts_beside_the_provider_are_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("LOO_CREDENTIALS", str(tmp_path / "accounts.yaml"))
    with pytest.raises(oidc.OidcError, match="één inlogwijze"):
        oidc.check_production(GOOD, cfg())


def test_missing_audit_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("LOO_AUDIT_KEY", str(tmp_path / "geen.key"))
    with pytest.raises(oidc.OidcError, match="geen sleutelbestand"):
        oidc.check_production(GOOD, cfg())


def test_messages_never_repeat_the_secret():
    for secret in (SECRET[:31], "changeme", "ab" * 20):
        with pytest.raises(oidc.OidcError) as info:
            oidc.check_production({**GOOD, "cookie_secret": secret}, cfg())
        assert secret not in str(info.value)


def test_users_revoke_ends_a_provider_subjects_sessions(tmp_path, monkeypatch):
    """`users revoke SUBJECT` needs no accounts file: it moves the subject's "valid after" time
    to now and writes an audit entry naming the subject."""
    from core import audit
    from dashboard import sessions
    from tests.conftest import command

    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    subject = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"  # an Entra ID subject's shape
    assert sessions.valid_after(subject) is None
    result = command("dashboard", "users", "revoke", subject)
    assert result.returncode == 0, result.stderr
    assert subject in result.stdout
    after = sessions.valid_after(subject)
    assert after is not None
    assert not sessions.token_valid(subject, after - 1)  # issued a second before the revoke
    entry = audit.entries(action="account_wijziging").to_dicts()[-1]
    assert (entry["object"], entry["detail"]) == (
        subject, '{"wijziging":"sessies ingetrokken"}')


def test_session_lifetime_counts_from_the_tokens_issue_time(frozen, tmp_path, monkeypatch):
    """The shipped lifetime is 8 hours (config/beveiliging.yaml): a token from 7:59 ago works,
    one from 8:01 ago and one from an hour in the future do not."""
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    now = frozen.epoch()
    assert oidc._token_valid("sub-x", now - 8 * 3600 + 60)
    assert not oidc._token_valid("sub-x", now - 8 * 3600 - 60)
    assert not oidc._token_valid("sub-x", now + 3600)
    assert not oidc._token_valid("sub-x", None)


def _app(monkeypatch, tmp_path, auth, rollen):
    """app.py in AppTest with this [auth] section and group mapping (a copy of config/)."""
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "config", tmp_path / "config")
    path = tmp_path / "config" / "beveiliging.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["oidc"]["rollen"] = rollen
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = auth
    return at.run()


def test_app_offers_only_the_provider_when_auth_is_configured(monkeypatch, tmp_path, sample_db,
                                                               real_server_navigation):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = _app(monkeypatch, tmp_path, GOOD, MAPPING)
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen bij de gemeente"]
    assert not at.text_input  # no password form
    assert not at.warning  # no DEMO banner
    assert any("Inlogwijze: de identiteitsprovider" in c.value for c in at.caption)
    assert at.session_state["roles"] is None


@pytest.mark.parametrize("auth, rollen, fragment", [
    ({**GOOD, "client_secret": ""}, MAPPING, "onvolledig: client_secret ontbreekt"),
    ({**GOOD, "cookie_secret": "changeme"}, MAPPING, "bekende standaardwaarde"),
    ({**GOOD, "redirect_uri": "http://loo.gemeente.example/oauth2callback"}, MAPPING, "https"),
    (GOOD, {}, "oidc.rollen is leeg"),
])
def test_app_refuses_to_start_with_unsafe_oidc_settings(monkeypatch, tmp_path, sample_db,
                                                        real_server_navigation, auth, rollen,
                                                        fragment):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = _app(monkeypatch, tmp_path, auth, rollen)
    shown = [e.value for e in at.error]
    assert len(shown) == 1 and shown[0].startswith("Inloggen is niet ingericht.")
    assert fragment in shown[0]
    assert not at.button  # no way to log in


# A Keycloak subject (a UUID) whose last group holds nine digits in a row: BSN-shaped.
UUID_SUBJECT = "5f0e1c2a-7b3d-4e8f-9a1b-123456789abc"


def test_a_subject_the_trail_would_refuse_gets_a_stable_letter_name():
    name = oidc.account_name(UUID_SUBJECT)
    assert name.startswith("oidc-") and len(name) == 37
    assert name[5:].isalpha() and name[5:].islower()
    assert name == oidc.account_name(UUID_SUBJECT)
    assert name != oidc.account_name(UUID_SUBJECT.replace("123", "124"))
    assert oidc.account_name(name) == name  # the trail's name revokes too
    for plain in ("sub-regisseur-mfa", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
                  "5f0e1c2a-7b3d-4e8f-9a1b-12345678abcd"):
        assert oidc.account_name(plain) == plain


def test_users_revoke_of_a_bsn_shaped_subject(tmp_path, monkeypatch):
    """The trail refuses the raw UUID; `users revoke` takes it and records the letter name."""
    from core import audit
    from dashboard import sessions
    from tests.conftest import command

    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    with pytest.raises(audit.AuditError):
        audit.record("uitgelogd", user=UUID_SUBJECT)
    result = command("dashboard", "users", "revoke", UUID_SUBJECT)
    assert result.returncode == 0, result.stderr
    name = oidc.account_name(UUID_SUBJECT)
    assert sessions.valid_after(name) is not None
    assert audit.entries(action="account_wijziging").to_dicts()[-1]["object"] == name
    assert UUID_SUBJECT not in result.stdout
