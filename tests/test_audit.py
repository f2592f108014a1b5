"""The audit trail: append-only, chained with a keyed hash, filterable, and free of personal
values; the attacks of red-team finding 7 (issue 17) replayed on the file itself."""

import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import sqlite3
import stat
import time
import subprocess
import sys

import pytest

from core import audit, clock
from tests.conftest import ROOT, FrozenClock, command
from tests.expected import AUDIT_GENESIS as GENESIS
from tests.expected import AUDIT_HASHED_FIELDS as HASHED_FIELDS
from tests.expected import AUDIT_SEAL as SEAL

# The key of these tests, written to its file with a newline that the scheme strips.
KEY = b"5f1c0e7a9b2d4c68a1e3f5d7b9c0e2a4f6d8b1c3e5a7f9d0b2c4e6a8f1d3b5c7"


def write_key(path, text=KEY.decode() + "\n", mode=0o600):
    """A key file as IT would place it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.chmod(path, mode)
    return path


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A trail in a data folder of its own, with its key in another folder beside it."""
    path = tmp_path / "data" / "audit.sqlite"
    monkeypatch.setenv("LOO_AUDIT_DB", str(path))
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "geheim" / "audit.key")))
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


def canonical(row):
    """The text the hash covers, by the documented scheme."""
    body = {field: row[field] for field in HASHED_FIELDS}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def scheme_hash(row, key=KEY):
    """The hash of an entry by the documented scheme, computed here with hmac."""
    return hmac.new(key, canonical(row), hashlib.sha256).hexdigest()


def plain_sha256(row):
    """The unkeyed hash of the scheme before the key (and of an attacker without the key)."""
    return hashlib.sha256(canonical(row)).hexdigest()


def stored_rows(path):
    """The rows of the file as dicts, read with sqlite3, not through core.audit."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    rows = [dict(r) for r in con.execute("select * from audit order by seq")]
    con.close()
    return rows


def rewrite(path, rows):
    """Replace the whole table by these rows, as an attacker with file access would."""
    tamper(path, "delete from audit")
    con = sqlite3.connect(path)
    con.executemany('insert into audit (seq, tijd, "user", role, "action", object, detail, '
                    "prev_hash, hash) values (:seq, :tijd, :user, :role, :action, :object, "
                    ":detail, :prev_hash, :hash)", rows)
    con.commit()
    con.close()


def rechain(rows, hash_of, start=1):
    """Renumber the rows from 1 and recompute prev_hash and hash from seq `start` on."""
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        row["seq"] = seq
        if seq >= start:
            row["prev_hash"] = prev
            row["hash"] = hash_of(row)
        prev = row["hash"]
    return rows


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


def test_each_stored_hash_is_hmac_sha256_with_the_key_over_the_fixed_fields(store):
    fill(4)
    rows = stored_rows(store)
    assert [row["hash"] for row in rows] == [scheme_hash(row) for row in rows]
    assert all(row["hash"] != plain_sha256(row) for row in rows)


def test_hash_of_an_entry_is_hmac_of_its_canonical_json_text(store, frozen):
    audit.record("download", user="ana", role="loo", object="café.csv", detail={"n": 2, "b": "é"})
    text = ('{"action":"download","detail":"{\\"b\\":\\"é\\",\\"n\\":2}",'
            '"object":"café.csv","prev_hash":"' + GENESIS + '","role":"loo","seq":1,'
            '"tijd":"2026-11-30T11:00:00.000000+00:00","user":"ana"}')
    expected = hmac.new(KEY, text.encode("utf-8"), hashlib.sha256).hexdigest()
    assert audit.entries()["hash"].to_list() == [expected]


def test_hash_changes_with_the_object(store):
    fill(1)
    row = audit.entries().row(0, named=True)
    assert audit.entry_hash(row, KEY) == row["hash"]
    assert audit.entry_hash({**row, "object": "anders"}, KEY) != row["hash"]


def test_hash_changes_with_the_key(store):
    fill(1)
    row = audit.entries().row(0, named=True)
    assert audit.entry_hash(row, KEY + b"x") != row["hash"]


def test_forged_entry_relinked_into_the_next_prev_hash_is_found_at_the_next(store):
    # Even with the key, the attacker who edits entry 3 and points entry 4 at it is caught at
    # entry 4: its own hash covers its prev_hash.
    fill(5)
    rows = stored_rows(store)
    forged = {**rows[2], "action": "login_gelukt"}
    forged_hash = scheme_hash(forged)
    tamper(store, "update audit set \"action\" = ?, hash = ? where seq = 3",
           forged["action"], forged_hash)
    tamper(store, "update audit set prev_hash = ? where seq = 4", forged_hash)
    assert audit.verify() == (False, 4)


def test_forged_entry_with_the_next_rehashed_too_is_found_at_the_first_not_rehashed(store):
    # With the key, rehashing moves the break along: every later entry must be rewritten (and
    # then only a head kept elsewhere shows it: see test_audit_cli.py).
    fill(5)
    rows = stored_rows(store)
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
           forged["action"], audit.entry_hash(forged, KEY))
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


def test_verify_command_takes_an_explicit_store(store, tmp_path, monkeypatch):
    other = tmp_path / "ander" / "other.sqlite"
    monkeypatch.setenv("LOO_AUDIT_DB", str(other))
    audit.record("purge", object="signalen")
    monkeypatch.delenv("LOO_AUDIT_DB")
    result = cli("audit", "verify", "--audit-db", str(other))
    assert result.returncode == 0 and "1 regel," in result.stdout


# --- what record() refuses, with a message that says why (never the value)


def test_user_of_64_characters_is_accepted(store):
    audit.record("download", user="a" * 64)
    assert audit.entries()["user"].to_list() == ["a" * 64]


def test_user_of_65_characters_is_refused_as_free_text(store):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a" * 65)
    assert str(exc.value) == ("Audittrail: gebruiker is langer dan 64 tekens; alleen kenmerken, "
                              "geen vrije tekst.")


def test_role_of_32_characters_is_accepted(store):
    audit.record("download", user="a", role="r" * 32)
    assert audit.entries()["role"].to_list() == ["r" * 32]


def test_role_of_33_characters_is_refused(store):
    with pytest.raises(audit.AuditError, match="rol is langer dan 32 tekens"):
        audit.record("download", user="a", role="r" * 33)


def test_role_with_other_characters_is_refused_naming_the_role(store):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a", role="loo<b>")
    assert str(exc.value) == ("Audittrail: rol bevat tekens die niet in een kenmerk horen; "
                              "alleen letters, cijfers en . , : ; / ( ) - + = #.")


def test_user_with_other_characters_is_refused_naming_the_user(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: gebruiker bevat tekens"):
        audit.record("download", user="a@b")


def test_object_with_an_identifier_is_refused_naming_the_object(store):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a", object="lijst 123456782")
    assert str(exc.value) == ("Audittrail: object lijkt een direct identificerend gegeven te "
                              "bevatten en is niet vastgelegd.")


def test_object_with_other_characters_is_refused_naming_the_object(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: object bevat tekens"):
        audit.record("download", user="a", object="a|b")


def test_unknown_action_is_refused_saying_so(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: onbekende actie"):
        audit.record("stiekem", user="a")


def test_role_and_object_are_stored_as_given(store):
    audit.record("download", user="a", role="regisseur", object="tabel.csv")
    row = audit.entries().row(0, named=True)
    assert (row["role"], row["object"]) == ("regisseur", "tabel.csv")


def test_detail_text_is_stored_as_given(store):
    audit.record("download", user="a", detail="signalen 2025")
    assert audit.entries()["detail"].to_list() == ["signalen 2025"]


def test_detail_text_with_other_characters_is_refused_naming_the_detail(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: detail bevat tekens"):
        audit.record("download", user="a", detail="a|b")


def test_detail_text_of_400_characters_is_accepted(store):
    audit.record("download", user="a", detail="d" * 400)
    assert audit.entries()["detail"].to_list() == ["d" * 400]


def test_detail_text_of_401_characters_is_refused(store):
    with pytest.raises(audit.AuditError, match="detail is langer dan 400 tekens"):
        audit.record("download", user="a", detail="d" * 401)


def test_detail_dict_is_stored_as_compact_json_with_sorted_keys_and_text_as_is(store):
    audit.record("download", user="a", detail={"z": "café", "a": 1, "m": None, "b": True})
    assert audit.entries()["detail"].to_list() == ['{"a":1,"b":true,"m":null,"z":"café"}']


def test_detail_dict_of_400_characters_is_accepted(store):
    detail = {"k": "v" * 200, "l": "w" * 185}  # {"k":"…","l":"…"}: 1+4+202+1+4+187+1
    audit.record("download", user="a", detail=detail)
    assert len(audit.entries()["detail"][0]) == 400


def test_detail_dict_over_400_characters_is_refused(store):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a", detail={"k": "v" * 200, "l": "w" * 186})
    assert str(exc.value) == "Audittrail: detail is langer dan 400 tekens."


def test_detail_of_another_type_is_refused_saying_what_it_must_be(store):
    with pytest.raises(audit.AuditError) as exc:
        audit.record("download", user="a", detail=["lijst"])
    assert str(exc.value) == "Audittrail: detail moet tekst of een woordenboek zijn."


def test_detail_key_of_40_characters_is_accepted(store):
    audit.record("download", user="a", detail={"k" * 40: 1})
    assert audit.entries()["detail"].to_list() == ['{"' + "k" * 40 + '":1}']


def test_detail_key_of_41_characters_is_refused_naming_the_key(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: detailsleutel is langer dan 40"):
        audit.record("download", user="a", detail={"k" * 41: 1})


def test_detail_key_with_other_characters_is_refused(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: detailsleutel bevat tekens"):
        audit.record("download", user="a", detail={"a|b": 1})


def test_detail_value_with_other_characters_is_refused_naming_its_key(store):
    with pytest.raises(audit.AuditError, match="^Audittrail: detail 'bron' bevat tekens"):
        audit.record("download", user="a", detail={"bron": "a|b"})


def test_failed_write_is_rolled_back_and_the_error_passes_through(store, monkeypatch):
    def broken(entry, key):
        raise RuntimeError("hash kapot")

    with monkeypatch.context() as patch:
        patch.setattr(audit, "entry_hash", broken)
        with pytest.raises(RuntimeError, match="hash kapot"):
            audit.record("download", user="a")
    assert audit.record("download", user="a") == 1


# --- an explicit store, the head, the users


def test_record_writes_to_the_store_it_is_given(store, tmp_path):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    assert audit.entries(path=other).height == 1
    assert audit.entries().height == 0


def test_verify_reads_the_store_it_is_given(store, tmp_path):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    audit.record("download", user="b", path=other)
    tamper(other, "update audit set \"user\" = 'c' where seq = 2")
    assert audit.verify(path=other) == (False, 2)


def test_head_is_the_seq_and_hash_of_the_newest_entry(store):
    fill(3)
    assert audit.head() == (3, audit.entries()["hash"][2])


def test_head_reads_the_store_it_is_given(store, tmp_path):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    assert audit.head(path=other)[0] == 1


def test_users_are_the_distinct_names_sorted_without_empty_ones(store):
    for name in ("piet", "ana", "piet", None, "bert"):
        audit.record("download", user=name)
    assert audit.users() == ["ana", "bert", "piet"]


def test_users_reads_the_store_it_is_given(store, tmp_path):
    audit.record("download", user="ana", path=tmp_path / "ander" / "ander.sqlite")
    assert audit.users(path=tmp_path / "ander" / "ander.sqlite") == ["ana"]
    assert audit.users() == []


def test_nine_entries_come_back_as_nine_rows(store):
    fill(9)
    assert audit.entries()["seq"].to_list() == list(range(1, 10))


# --- periods: `tot` as a day includes that day, as a moment includes that moment


def test_tot_as_a_moment_includes_an_entry_at_that_moment(store, frozen):
    fill(1)
    assert audit.entries(tot=frozen.real_now()).height == 1


def test_tot_as_iso_moment_text_includes_an_entry_at_that_moment(store, frozen):
    fill(1)
    assert audit.entries(tot="2026-11-30T11:00:00+00:00").height == 1


def test_tot_as_iso_day_text_includes_that_whole_day(store, frozen):
    fill(1)
    assert audit.entries(tot="2026-11-30").height == 1


def test_tot_as_a_day_excludes_an_entry_at_midnight_after_it(store, monkeypatch):
    midnight = FrozenClock(dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc).timestamp())
    monkeypatch.setattr(clock, "real_now", midnight.real_now)
    fill(1)
    assert audit.entries(tot=dt.date(2026, 11, 30)).height == 0
    assert audit.entries(tot="2026-11-30").height == 0


def test_van_as_iso_moment_text_includes_an_entry_at_that_moment(store, frozen):
    fill(1)
    assert audit.entries(van="2026-11-30T11:00:00+00:00").height == 1
    assert audit.entries(van="2026-11-30T11:00:00.000001+00:00").height == 0


def test_van_in_another_time_zone_is_the_same_moment(store, frozen):
    fill(1)
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    assert audit.entries(van=dt.datetime(2026, 11, 30, 12, 0, tzinfo=amsterdam)).height == 1
    assert audit.entries(tot=dt.datetime(2026, 11, 30, 11, 59, tzinfo=amsterdam)).height == 0


@pytest.fixture
def amsterdam_machine(monkeypatch):
    """A machine clock in Europe/Amsterdam (UTC+1 on the days used here)."""
    with monkeypatch.context() as patch:
        patch.setenv("TZ", "Europe/Amsterdam")
        time.tzset()
        yield
    time.tzset()


def test_moment_without_a_time_zone_is_utc_not_the_machine_time(store, frozen, amsterdam_machine):
    fill(1)
    assert audit.entries(tot=dt.datetime(2026, 11, 30, 11, 0)).height == 1
    assert audit.entries(van=dt.datetime(2026, 11, 30, 11, 1)).height == 0


def test_van_with_a_time_zone_on_a_machine_elsewhere_is_the_same_moment(store, frozen,
                                                                       amsterdam_machine):
    fill(1)
    assert audit.entries(van=frozen.real_now()).height == 1


# --- the OS account of a command


def test_operator_is_the_os_account(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "beheer")
    assert audit.operator() == "beheer"


def test_operator_of_64_characters_is_kept(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "b" * 64)
    assert audit.operator() == "b" * 64


def test_operator_of_65_characters_is_left_out(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "b" * 65)
    assert audit.operator() is None


def test_operator_that_is_not_a_plain_name_is_left_out(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "jan@voorbeeld.nl")
    assert audit.operator() is None


def test_operator_without_an_account_is_left_out(monkeypatch):
    def missing():
        raise KeyError("uid")

    monkeypatch.setattr("getpass.getuser", missing)
    assert audit.operator() is None


# --- names we built ourselves, made fit for the trail


def test_safe_name_replaces_other_characters_by_underscores(store):
    assert audit.safe_name("rapport 2025 (def)?é.xlsx") == "rapport_2025_(def)_é.xlsx"


def test_safe_name_cuts_at_the_limit():
    assert audit.safe_name("abcdef", limit=4) == "abcd"


def test_safe_name_takes_any_value_as_text():
    assert audit.safe_name(2025) == "2025"
