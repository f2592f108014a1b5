"""The audit trail: append-only, hash-chained, filterable, and free of personal values."""

import datetime as dt
import functools
import hashlib
import json
import sqlite3
import time
import subprocess
import sys

import pytest

from core import audit, clock
from tests.conftest import ROOT, FrozenClock, command

# What the hash of an entry covers, written here and not taken from core.audit: sha256 of the
# UTF-8 of the JSON object of exactly these fields, keys sorted, no spaces, non-ASCII as is.
HASHED_FIELDS = ("seq", "tijd", "user", "role", "action", "object", "detail", "prev_hash")
GENESIS = "0" * 64


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "audit.sqlite"
    monkeypatch.setenv("LOO_AUDIT_DB", str(path))
    return path


def fill(n=5):
    for i in range(n):
        audit.record("pagina_bekeken", user=f"u{i % 2}", role="loo", object=f"pagina{i}")


def tamper(path, sql, *params):
    """Edit the file as an attacker with file access would: drop the guard triggers first."""
    con = sqlite3.connect(path)
    con.execute("drop trigger if exists audit_no_update")
    con.execute("drop trigger if exists audit_no_delete")
    con.execute(sql, params)
    con.commit()
    con.close()


def test_default_store_lives_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.delenv("LOO_AUDIT_DB", raising=False)
    monkeypatch.setenv("LOO_DB", str(tmp_path / "x" / "loo.duckdb"))
    from core.store import store_path
    assert store_path() == tmp_path / "x" / "audit.sqlite"


def test_entries_are_numbered_and_chained(store):
    fill(3)
    df = audit.entries()
    assert df["seq"].to_list() == [1, 2, 3]
    assert df["prev_hash"][0] == audit.GENESIS
    assert df["prev_hash"][1:].to_list() == df["hash"][:-1].to_list()


def scheme_hash(row):
    """The hash of an entry by the documented scheme, computed here with hashlib."""
    body = {field: row[field] for field in HASHED_FIELDS}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_each_stored_hash_is_sha256_over_the_fixed_fields_prev_hash_included(store):
    fill(4)
    for row in audit.entries().iter_rows(named=True):
        assert row["hash"] == scheme_hash(row)


def test_hash_of_an_entry_is_sha256_of_its_canonical_json_text(store, frozen):
    audit.record("download", user="ana", role="loo", object="café.csv", detail={"n": 2, "b": "é"})
    canonical = ('{"action":"download","detail":"{\\"b\\":\\"é\\",\\"n\\":2}",'
                 '"object":"café.csv","prev_hash":"' + GENESIS + '","role":"loo","seq":1,'
                 '"tijd":"2026-11-30T11:00:00.000000+00:00","user":"ana"}')
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert audit.entries()["hash"].to_list() == [expected]


def test_hash_changes_with_the_object(store):
    fill(1)
    row = audit.entries().row(0, named=True)
    assert audit.entry_hash({**row, "object": "anders"}) != row["hash"]


def test_forged_entry_relinked_into_the_next_prev_hash_is_found_at_the_next(store):
    # The attacker edits entry 3 and gives it a valid hash by the scheme in use, then points
    # entry 4 at it. Entry 4's own hash covers its prev_hash, so it no longer matches.
    fill(5)
    rows = audit.entries().rows(named=True)
    forged = {**rows[2], "action": "login_gelukt"}
    forged_hash = audit.entry_hash(forged)
    tamper(store, "update audit set \"action\" = ?, hash = ? where seq = 3",
           forged["action"], forged_hash)
    tamper(store, "update audit set prev_hash = ? where seq = 4", forged_hash)
    assert audit.verify() == (False, 4)


def test_forged_entry_with_the_next_rehashed_too_is_found_at_the_first_not_rehashed(store):
    # Rehashing by the full scheme moves the break along: every later entry must be rewritten
    # (and then only a head kept elsewhere shows it).
    fill(5)
    rows = audit.entries().rows(named=True)
    third = {**rows[2], "action": "login_gelukt"}
    third["hash"] = scheme_hash(third)
    fourth = {**rows[3], "prev_hash": third["hash"]}
    fourth["hash"] = scheme_hash(fourth)
    tamper(store, "update audit set \"action\" = ?, hash = ? where seq = 3",
           third["action"], third["hash"])
    tamper(store, "update audit set prev_hash = ?, hash = ? where seq = 4",
           fourth["prev_hash"], fourth["hash"])
    assert audit.verify() == (False, 5)


def test_time_is_the_real_moment_in_utc_iso(store, frozen):
    fill(1)
    tijd = dt.datetime.fromisoformat(audit.entries()["tijd"][0])
    assert tijd.utcoffset() == dt.timedelta(0)
    assert tijd == frozen.real_now()


def test_time_is_not_moved_by_a_peildatum(store, frozen, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2031-01-15")
    fill(1)
    assert audit.entries()["tijd"][0].startswith(frozen.real_now().date().isoformat())


def test_intact_trail_verifies(store):
    fill(4)
    assert audit.verify() == (True, None)


def test_empty_trail_verifies(store):
    assert audit.verify() == (True, None)
    assert audit.head() == (0, audit.GENESIS)


def test_update_is_refused_inside_sqlite(store):
    fill(2)
    con = sqlite3.connect(store)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("update audit set object = 'x' where seq = 1")
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("delete from audit where seq = 1")
    con.close()
    assert audit.verify() == (True, None)


def test_changed_entry_is_found(store):
    fill(5)
    tamper(store, "update audit set \"user\" = 'iemand' where seq = 3")
    assert audit.verify() == (False, 3)


def test_changed_entry_with_recomputed_hash_breaks_the_next_link(store):
    fill(5)
    row = audit.entries().row(2, named=True)
    forged = {**row, "action": "login_gelukt"}
    tamper(store, "update audit set \"action\" = ?, hash = ? where seq = 3",
           forged["action"], audit.entry_hash(forged))
    assert audit.verify() == (False, 4)


def test_deleted_entry_is_found(store):
    fill(5)
    tamper(store, "delete from audit where seq = 2")
    assert audit.verify() == (False, 3)


def test_appending_after_tampering_does_not_heal_the_chain(store):
    fill(3)
    tamper(store, "update audit set object = 'x' where seq = 2")
    fill(2)
    assert audit.verify() == (False, 2)


def test_unknown_action_is_refused(store):
    with pytest.raises(audit.AuditError):
        audit.record("bekeken_stiekem", user="a")
    assert audit.entries().height == 0


@pytest.mark.parametrize("value", [
    "jan@voorbeeld.nl",
    "123456782",
    "06-12345678",
    "NL91ABNA0417164300",
    "2242 AB 12",
    "<script>alert(1)</script>",
    "Mevrouw J. de Vries woont naast de coffeeshop en belde op dinsdag" * 5,
])
def test_personal_values_and_free_text_are_refused(store, value):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a", object=value)
    assert value not in str(exc.value)
    with pytest.raises(audit.AuditError):
        audit.record("download", user="a", object="lijst.csv", detail={"x": value})
    assert audit.entries().height == 0


def test_identifiers_and_counts_are_accepted(store):
    audit.record("load", user="regisseur", role="regisseur", object="signalen_2025-10.csv",
                 detail={"uitkomst": "geladen", "ingevoegd": 12, "bijgewerkt": 3})
    row = audit.entries().row(0, named=True)
    assert row["object"] == "signalen_2025-10.csv"
    assert '"ingevoegd":12' in row["detail"]


def test_entries_filter_by_user_and_action(store):
    fill(4)
    audit.record("download", user="u0", role="loo", object="tabel.csv")
    assert audit.entries(user="u0").height == 3
    assert audit.entries(action="download")["object"].to_list() == ["tabel.csv"]
    assert audit.entries(user="u1", action="download").height == 0


def test_entries_filter_by_period_including_the_last_day(store, frozen):
    fill(2)
    today = frozen.real_now().date()
    assert audit.entries(van=today, tot=today).height == 2
    assert audit.entries(tot=today - dt.timedelta(days=1)).height == 0
    assert audit.entries(van=(today + dt.timedelta(days=1)).isoformat()).height == 0


def test_empty_result_keeps_the_columns(store):
    df = audit.entries(user="niemand")
    assert df.columns == list(audit.FIELDS)
    assert df.height == 0


def test_concurrent_processes_keep_one_chain(store):
    code = ("from core import audit\n"
            "for i in range(25): audit.record('pagina_bekeken', user='p', object=f'p{i}')\n")
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT) for _ in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    df = audit.entries()
    assert df["seq"].to_list() == list(range(1, 101))
    assert audit.verify() == (True, None)


cli = functools.partial(command, "dashboard")


def test_verify_command_exits_0_when_intact(store):
    fill(3)
    result = cli("audit", "verify")
    assert result.returncode == 0
    assert "intact" in result.stdout and "3 regels" in result.stdout


def test_verify_command_exits_1_and_names_the_entry_when_tampered(store):
    fill(3)
    tamper(store, "update audit set role = 'regisseur' where seq = 2")
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "regel 2" in result.stderr


def test_verify_command_takes_an_explicit_store(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "other.sqlite"))
    audit.record("purge", object="signalen")
    monkeypatch.delenv("LOO_AUDIT_DB")
    result = cli("audit", "verify", "--audit-db", str(tmp_path / "other.sqlite"))
    assert result.returncode == 0 and "1 regel," in result.stdout
