"""The frame's security glue: demo lock-out on real data, cookies, audit calls, safe Markdown."""

import hashlib

import pytest

from core import audit, clock
from core.audit import AuditUnavailable
from dashboard import roles as dashboard_roles, security, sessions
from tests.conftest import ROOT, command



@pytest.fixture(autouse=True)
def stopped_clock(frozen):
    """Session times are on the real clock: here it stands still."""
    return frozen


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.delenv("LOO_CONFIG", raising=False)


def load(db, *paths):
    return command("data_pipeline", "load", *paths, "--db", db)


def test_an_empty_or_missing_database_is_not_real_data(tmp_path, empty_db):
    assert not security.real_data_loaded(tmp_path / "weg.duckdb")
    assert not security.real_data_loaded(empty_db)


def test_sample_files_are_not_real_data(tmp_path):
    db = tmp_path / "loo.duckdb"
    assert load(db, ROOT / "sample_data" / "uitvoeringsplan_2026.csv").returncode == 0
    assert not security.real_data_loaded(db)


def test_any_other_accepted_file_is_real_data(tmp_path):
    db = tmp_path / "loo.duckdb"
    own = tmp_path / "uitvoeringsplan_eigen.csv"
    own.write_text("doel_id,jaar,spoor,wat,doel\nD-1,2026,2,Iets,Iets anders\n")
    load(db, ROOT / "sample_data" / "uitvoeringsplan_2026.csv")
    assert load(db, own).returncode == 0
    assert security.real_data_loaded(db)


def test_a_refused_file_is_not_real_data(tmp_path):
    db = tmp_path / "loo.duckdb"
    bad = tmp_path / "uitvoeringsplan_fout.csv"
    bad.write_text("doel_id,jaar,spoor,wat,doel,naam\nD-1,2026,2,Iets,Iets anders,Jan\n")
    load(db, ROOT / "sample_data" / "uitvoeringsplan_2026.csv")
    assert load(db, bad).returncode == 1
    assert not security.real_data_loaded(db)


def test_the_committed_sample_sums_match_the_shipped_sample_exports():
    """Regenerated sample data needs a new sample_data/SHA256SUMS, or demo mode would end."""
    shipped = {p.name: sha256(p)
               for p in (ROOT / "sample_data").iterdir() if p.suffix in (".csv", ".jsonl")}
    listed = dict(reversed(line.split()) for line in
                  (ROOT / "sample_data" / "SHA256SUMS").read_text().splitlines())
    assert listed == shipped and len(listed) == 6


def test_a_file_placed_in_sample_data_later_is_still_real_data(tmp_path):
    folder = tmp_path / "sample_data"
    folder.mkdir()
    (folder / "SHA256SUMS").write_text((ROOT / "sample_data" / "SHA256SUMS").read_text())
    planted = folder / "uitvoeringsplan_eigen.csv"
    planted.write_text("doel_id,jaar,spoor,wat,doel\nD-1,2026,2,Iets,Iets anders\n")
    assert sha256(planted) not in security.sample_hashes(folder)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def token(username, issued):
    return {"username": username, "exp_date": issued + sessions.lifetime_seconds()}


def test_cookie_is_accepted_until_the_user_is_revoked():
    issued = clock.epoch() - 10
    assert security.cookie_accepted(token("loo", issued))
    security.logged_out("loo", ["loo"])
    assert not security.cookie_accepted(token("loo", issued))
    assert security.cookie_accepted(token("loo", clock.epoch() + 1))


def test_malformed_cookie_claims_are_refused():
    assert not security.cookie_accepted({"username": "loo"})
    assert not security.cookie_accepted({"exp_date": "morgen", "username": "loo"})


def test_session_is_invalid_after_revocation_and_after_its_lifetime():
    state = {"authentication_status": True, "username": "loo", "roles": ["loo"]}
    security.login_succeeded(state, "loo", ["loo"], issued=clock.epoch() - 5)
    assert security.session_valid(state)
    sessions.revoke("loo")
    assert not security.session_valid(state)
    old = {"authentication_status": True, "username": "piet",
           security.SESSION_START: clock.epoch() - sessions.lifetime_seconds() - 1}
    assert not security.session_valid(old)


def test_a_logged_in_state_without_a_start_time_is_invalid():
    assert not security.session_valid({"authentication_status": True, "username": "loo"})


def test_login_events_are_audited_without_typed_unknown_names():
    security.login_failed("geheim-wachtwoord-in-naamveld", known=False)
    security.login_failed("loo", known=True)
    security.login_succeeded({}, "loo", ["loo"])
    security.logged_out("loo", ["loo"])
    df = audit.entries()
    assert df["action"].to_list() == ["login_mislukt", "login_mislukt", "login_gelukt",
                                      "uitgelogd"]
    assert df["user"].to_list() == [None, "loo", "loo", "loo"]
    assert "geheim" not in str(df.rows())


def test_record_pages_are_audited_once_per_session_and_period():
    state = {"username": "loo", "roles": ["loo"]}
    security.page_viewed(state, "loo", "2026-01-01", "2026-12-31")
    security.page_viewed(state, "loo", "2026-01-01", "2026-12-31")
    security.page_viewed(state, "loo", "2025-01-01", "2025-12-31")
    security.page_viewed(state, "overzicht", "2026-01-01", "2026-12-31")
    df = audit.entries(action="pagina_bekeken")
    assert df["object"].to_list() == ["loo", "loo"]


def test_downloads_are_audited_by_file_name():
    security.downloaded({"username": "manager", "roles": ["manager"]},
                        "trends_gebied_1 jan 2026 – 31 okt 2026.csv")
    row = audit.entries().row(0, named=True)
    assert (row["action"], row["user"], row["role"]) == ("download", "manager", "manager")
    assert row["object"].startswith("trends_gebied_1_jan_2026")


def test_an_unwritable_audit_trail_stops_the_action(tmp_path, monkeypatch):
    blocker = tmp_path / "bestand"
    blocker.write_text("")
    monkeypatch.setenv("LOO_AUDIT_DB", str(blocker / "audit.sqlite"))
    with pytest.raises(AuditUnavailable):
        security.login_succeeded({}, "loo", ["loo"])


@pytest.mark.parametrize("text", [
    "<img src=x onerror=alert(1)>", "*nadruk*", "[klik](javascript:alert(1))",
    "![x](http://127.0.0.1:9/p.png)", ":red[rood]", "$x^2$", "&lt;b&gt;", "# kop", "1. lijst",
])
def test_literal_escapes_every_markdown_character(text):
    escaped = security.literal(text)
    assert escaped.replace("\\", "") == text
    for c in set(text) & set("<>*[]()!:$&#."):
        assert escaped.count("\\" + c) == text.count(c)


class Result:
    uitkomst, bron, ingevoegd, bijgewerkt = "geladen", "signalen", 3, 1


def test_uploads_are_audited_with_their_outcome():
    security.uploaded({"username": "regisseur", "roles": ["regisseur"]}, "signalen okt.csv",
                      Result())
    row = audit.entries().row(0, named=True)
    assert (row["action"], row["object"]) == ("upload", "signalen_okt.csv")
    assert '"ingevoegd":3' in row["detail"]


def test_an_upload_whose_name_looks_personal_is_audited_without_the_name():
    security.uploaded({"username": "regisseur", "roles": ["regisseur"]},
                      "signalen 0612345678.csv", Result())
    assert audit.entries()["object"].to_list() == [None]


@pytest.mark.parametrize("roles, expected", [
    (["regisseur"], False), (["loo"], False), (["manager"], True), (["manager", "loo"], False),
    (None, True), ([], True), ("regisseur", True), (5, True),
])
def test_only_regisseur_and_loo_see_exact_small_counts(roles, expected):
    assert dashboard_roles.may_see_small_counts(roles) is not expected


def test_cli_loads_are_audited_as_load():
    audit.load_recorded("signalen.csv", Result(), user="beheerder", role="beheer")
    row = audit.entries().row(0, named=True)
    assert (row["action"], row["user"], row["role"]) == ("load", "beheerder", "beheer")


@pytest.mark.parametrize("roles, expected", [
    (["manager"], True), (("loo",), True), (["admin"], False), ("regisseur", False),
    (None, False), ([], False), ({"regisseur": 1}, False),
])
def test_has_role_needs_a_list_with_a_known_role(roles, expected):
    assert dashboard_roles.has_role(roles) is expected


def test_plan_changes_are_audited_without_their_explanation():
    security.plan_changed({"username": "regisseur", "roles": ["regisseur"]}, "UP-2026-1.1",
                          2026, "loopt")
    row = audit.entries().row(0, named=True)
    assert (row["action"], row["object"]) == ("plan_wijziging", "UP-2026-1.1")
    assert row["detail"] == '{"jaar":2026,"voortgang":"loopt"}'


def test_a_session_stays_with_the_browser_whose_xsrf_token_logged_in():
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = b"0123456789abcdef"
    state = {}
    security.bind_browser(state, {"_streamlit_xsrf": generate_xsrf_token_string(token, 1)})
    # the same token under another mask: the cookie text changes with every response
    assert security.same_browser(state, {"_streamlit_xsrf": generate_xsrf_token_string(token, 1)})
    assert not security.same_browser(state, {})
    assert not security.same_browser(state, {"_streamlit_xsrf": generate_xsrf_token_string(
        b"fedcba9876543210", 1)})


def test_a_login_by_cookie_is_in_the_audit_trail(frozen):
    state = {"roles": ["loo"]}
    token = {"username": "Jan", "exp_date": clock.epoch() + 3600}
    security.cookie_login(state, token)
    entry = audit.entries(action="login_gelukt").row(-1, named=True)
    assert (entry["user"], entry["role"], entry["detail"]) == ("jan", "loo", "met cookie")


def test_every_download_button_is_audited():
    """Each st.download_button in the app passes on_click=security.downloaded."""
    import ast

    found = []
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "dashboard").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                click = {k.arg: ast.unparse(k.value) for k in node.keywords}.get("on_click")
                found.append((path.name, click))
    assert len(found) >= 5 and {c for _, c in found} == {"security.downloaded"}, found


def context(ip=None, forwarded=None):
    from types import SimpleNamespace

    return SimpleNamespace(ip_address=ip, headers={"X-Forwarded-For": forwarded} if forwarded
                           else {})


def test_behind_the_local_proxy_the_client_is_the_hop_the_proxy_added():
    """A browser can put any address first in X-Forwarded-For; nginx appends the real one."""
    assert security.client_address(context(None, "6.6.6.6, 203.0.113.9")) == "203.0.113.9"


def test_a_direct_connection_is_its_own_address_whatever_it_forwards():
    assert security.client_address(context("198.51.100.4", "203.0.113.9")) == "198.51.100.4"


def test_a_browser_on_this_machine_has_no_client_address():
    assert security.client_address(context()) is None


def test_the_wait_message_says_how_many_seconds(frozen):
    for _ in range(5):
        security.login_failed("loo", True, "203.0.113.9")
    assert "over 30 seconden" in security.lock_message("loo", "203.0.113.9")
    assert security.lock_message("loo", "198.51.100.4") is None
