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


# --- red-team finding 7: the attacks on the file, replayed


def attacker_without_key(row):
    """What an attacker without the key can compute: the scheme with a key of their own."""
    return hmac.new(b"geraden-sleutel-van-de-aanvaller-0123456789", canonical(row),
                    hashlib.sha256).hexdigest()


@pytest.mark.parametrize("hash_of", [plain_sha256, attacker_without_key],
                         ids=["sha256-zonder-sleutel", "eigen-sleutel"])
def test_deleting_one_accounts_entries_and_rechaining_without_the_key_is_found(store, hash_of):
    for i in range(12):
        audit.record("pagina_bekeken", user=("jan" if i in (4, 7, 10) else "ana"), role="loo",
                     object=f"pagina{i}")
    rows = stored_rows(store)
    first_of_jan = min(row["seq"] for row in rows if row["user"] == "jan")
    kept = [row for row in rows if row["user"] != "jan"]
    rewrite(store, rechain(kept, hash_of, start=first_of_jan))
    assert [row["seq"] for row in stored_rows(store)] == list(range(1, 10))
    assert audit.verify() == (False, first_of_jan)


def test_rewriting_the_whole_trail_unkeyed_is_not_trusted_from_entry_1(store):
    # The downgrade: every entry rewritten in the old, unkeyed form, so that no keyed entry is
    # left to contradict it. Old entries count only under a keyed seal; here there is none.
    fill(6)
    kept = [row for row in stored_rows(store) if row["user"] != "u1"]
    rewrite(store, rechain(kept, plain_sha256))
    assert audit.verify() == (False, 1)


def test_rechaining_with_the_key_passes_verify_alone(store):
    # Whoever holds the key can rewrite the chain: only a head published elsewhere shows it
    # (test_audit_cli.py). This test pins that verify alone is not the whole defence.
    fill(6)
    kept = [row for row in stored_rows(store) if row["user"] != "u1"]
    rewrite(store, rechain(kept, scheme_hash, start=2))
    assert audit.verify() == (True, None)


def test_cutting_rows_off_the_end_leaves_the_chain_whole_but_not_the_head(store):
    fill(6)
    published = audit.head()
    tamper(store, "delete from audit where seq > 4")
    assert audit.verify() == (True, None)
    assert audit.head()[0] == 4
    assert audit.hash_at(published[0]) is None


def test_a_trail_made_with_another_key_is_broken_from_entry_1(store, tmp_path, monkeypatch):
    fill(3)
    other = write_key(tmp_path / "ander-geheim" / "audit.key", "f" + KEY.decode()[1:])
    monkeypatch.setenv("LOO_AUDIT_KEY", str(other))
    assert audit.verify() == (False, 1)


# --- the head as published, and found again


def test_hash_at_gives_the_stored_hash_of_that_entry(store):
    fill(3)
    rows = stored_rows(store)
    assert [audit.hash_at(n) for n in (1, 2, 3)] == [row["hash"] for row in rows]


def test_hash_at_0_is_the_genesis_and_past_the_end_nothing(store):
    fill(2)
    assert audit.hash_at(0) == GENESIS
    assert audit.hash_at(3) is None


def test_hash_at_reads_the_store_it_is_given(store, tmp_path):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    assert audit.hash_at(1, path=other) == stored_rows(other)[0]["hash"]
    assert audit.hash_at(1) is None


# --- the key: where it lives, when it is made, what is refused


def test_a_missing_key_is_made_on_first_use_0600_in_a_new_0700_folder(store, tmp_path,
                                                                      monkeypatch):
    path = tmp_path / "config" / "loo" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    fill(2)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    made = path.read_text()
    assert len(made) == 65 and made.endswith("\n") and int(made, 16) >= 0
    rows = stored_rows(store)
    assert [row["hash"] for row in rows] == [scheme_hash(row, made.strip().encode())
                                             for row in rows]
    assert sorted(p.name for p in path.parent.iterdir()) == ["audit.key"]


def test_two_made_keys_differ(store, tmp_path, monkeypatch):
    made = []
    for name in ("een", "twee"):
        monkeypatch.setenv("LOO_AUDIT_KEY", str(tmp_path / name / "audit.key"))
        audit.record("download", user="a", path=tmp_path / f"data-{name}" / "audit.sqlite")
        made.append((tmp_path / name / "audit.key").read_text())
    assert made[0] != made[1]


def test_a_key_made_by_another_process_at_the_same_moment_is_kept(store, tmp_path):
    path = tmp_path / "racer" / "audit.key"
    write_key(path, "a1b2c3d4e5f6" * 6)
    audit._create_key(path)
    assert path.read_text() == "a1b2c3d4e5f6" * 6
    assert sorted(p.name for p in path.parent.iterdir()) == ["audit.key"]


def test_the_default_key_is_in_the_users_configuration_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("LOO_AUDIT_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert audit.key_path() == tmp_path / "cfg" / "loo-dashboard" / "audit.key"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    assert audit.key_path() == tmp_path / "thuis" / ".config" / "loo-dashboard" / "audit.key"


def test_production_never_makes_a_key(store, tmp_path, monkeypatch):
    missing = tmp_path / "nergens" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(missing))
    monkeypatch.setenv("LOO_CREDENTIALS", str(tmp_path / "accounts.yaml"))
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.record("download", user="a")
    assert str(exc.value) == (
        f"Audittrail: geen sleutelbestand {missing}. Maak een sleutel van minstens 32 "
        "willekeurige tekens buiten de datamap en zet LOO_AUDIT_KEY op dat bestand "
        "(zie docs/deployment.md).")
    assert not missing.parent.exists()
    assert stored_rows(store) == []


def test_no_key_is_made_for_a_trail_that_already_has_keyed_entries(store, tmp_path, monkeypatch):
    fill(2)
    missing = tmp_path / "kwijt" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(missing))
    with pytest.raises(audit.AuditKeyError, match="geen sleutelbestand"):
        audit.record("download", user="a")
    assert not missing.exists()
    assert len(stored_rows(store)) == 2


def test_verify_without_the_key_refuses_and_makes_none(store, tmp_path, monkeypatch):
    fill(1)
    missing = tmp_path / "kwijt" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(missing))
    with pytest.raises(audit.AuditKeyError, match="geen sleutelbestand"):
        audit.verify()
    assert not missing.exists()


def test_verify_of_an_empty_trail_needs_no_key(store, tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_KEY", str(tmp_path / "kwijt" / "audit.key"))
    assert audit.verify() == (True, None)


def test_a_key_of_32_characters_is_accepted(store, tmp_path, monkeypatch):
    key = "0123456789abcdefghijklmnopqrstuv"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "k" / "audit.key", key)))
    assert audit.check_key() == key.encode()


def test_a_key_of_31_characters_is_refused(store, tmp_path, monkeypatch):
    path = write_key(tmp_path / "k" / "audit.key", "0123456789abcdefghijklmnopqrstu\n")
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.record("download", user="a")
    assert str(exc.value) == (f"Audittrail: de sleutel in {path} is te kort (31 tekens); "
                              "minimaal 32 willekeurige tekens.")
    assert stored_rows(store) == []


def test_a_key_of_few_distinct_characters_is_refused(store, tmp_path, monkeypatch):
    path = write_key(tmp_path / "k" / "audit.key", "abcdefghi" * 4)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.check_key()
    assert str(exc.value) == (f"Audittrail: de sleutel in {path} is niet willekeurig genoeg "
                              "(te weinig verschillende tekens).")
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(path, "abcdefghij" * 4)))
    assert audit.check_key() == b"abcdefghij" * 4


@pytest.mark.parametrize("mode", [0o644, 0o604, 0o620, 0o601])
def test_a_key_open_to_others_is_refused(store, tmp_path, monkeypatch, mode):
    path = write_key(tmp_path / "k" / "audit.key", mode=mode)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.check_key()
    assert str(exc.value) == (f"Audittrail: het sleutelbestand {path} is leesbaar of "
                              "schrijfbaar voor anderen; zet de rechten op 0600.")


def test_a_key_readable_by_the_services_group_is_accepted(store, tmp_path, monkeypatch):
    path = write_key(tmp_path / "k" / "audit.key", mode=0o640)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    assert audit.check_key() == KEY


def test_a_key_in_the_trails_folder_is_refused(store, monkeypatch):
    path = write_key(store.parent / "audit.key")
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.record("download", user="a")
    assert str(exc.value) == (
        f"Audittrail: het sleutelbestand {path} staat in de datamap {store.parent.resolve()}; "
        "wie de audittrail kan wijzigen, kan dan ook de sleutel lezen. Zet de sleutel erbuiten.")
    assert stored_rows(store) == []


def test_a_key_below_the_databases_folder_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(tmp_path / "db" / "loo.duckdb"))
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "db" / "sub" / "audit.key")))
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.check_key()


def test_a_key_in_the_checkouts_data_folder_is_refused(store, monkeypatch):
    monkeypatch.setattr(audit, "data_dir", lambda: store.parent / "standaard")
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(store.parent / "standaard" / "a.key")))
    monkeypatch.setenv("LOO_AUDIT_DB", str(store.parent.parent / "elders" / "audit.sqlite"))
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.check_key()


def test_a_key_checked_against_the_store_it_is_given(store, tmp_path, monkeypatch):
    other = tmp_path / "ander" / "ander.sqlite"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(other.parent / "audit.key")))
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.record("download", user="a", path=other)
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.check_key(other)


def test_a_key_that_cannot_be_read_is_refused_by_name(store, tmp_path, monkeypatch):
    path = write_key(tmp_path / "k" / "audit.key")
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))

    def unreadable(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "read_bytes", unreadable)
    with pytest.raises(audit.AuditKeyError) as exc:
        audit.check_key()
    assert str(exc.value) == f"Audittrail: het sleutelbestand {path} is niet te lezen."


def test_a_folder_as_key_is_missing(store, tmp_path, monkeypatch):
    folder = tmp_path / "map"
    folder.mkdir()
    monkeypatch.setenv("LOO_AUDIT_KEY", str(folder))
    with pytest.raises(audit.AuditKeyError, match="geen sleutelbestand"):
        audit.record("download", user="a")


def production_settings(tmp_path, monkeypatch):
    """Production accounts and cookie key as dashboard.sessions requires them."""
    from dashboard import users

    path = tmp_path / "accounts.yaml"
    users.write(path, {"credentials": {"usernames": {"jan": {
        "name": "jan", "roles": ["regisseur"],
        "password": users.hash_password("lang-genoeg-wachtwoord")}}}})
    os.chmod(path, 0o600)
    monkeypatch.setenv("LOO_CREDENTIALS", str(path))
    monkeypatch.setenv("LOO_COOKIE_KEY", "Vb8-3kQz_L1mN0pR7sT2uW4xY6zA9cE5gH")


@pytest.mark.parametrize("key_file, message", [
    ("kwijt/audit.key", "Productie: Audittrail: geen sleutelbestand"),
    ("data/audit.key", "Productie: Audittrail: het sleutelbestand .* staat in de datamap"),
    ("kort/audit.key", r"Productie: Audittrail: de sleutel in .* is te kort \(8 tekens\)"),
])
def test_production_refuses_to_start_without_a_safe_audit_key(store, tmp_path, monkeypatch,
                                                               key_file, message):
    from dashboard import sessions

    production_settings(tmp_path, monkeypatch)
    if key_file.startswith("kort"):
        write_key(tmp_path / key_file, "kort1234")
    elif key_file.startswith("data"):
        write_key(tmp_path / key_file)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(tmp_path / key_file))
    with pytest.raises(sessions.ProductionError, match=message):
        sessions.check_production_settings()
    assert not (tmp_path / "kwijt").exists()


def test_production_starts_with_a_safe_audit_key(store, tmp_path, monkeypatch):
    from dashboard import sessions

    production_settings(tmp_path, monkeypatch)
    assert list(sessions.check_production_settings()[0]["usernames"]) == ["jan"]


# --- a trail from before the key: sealed by the first keyed entry


def old_trail(path, n=3):
    """A trail as the version before the key wrote it: plain sha256, computed here."""
    audit.head(path)  # the schema, as any version made it
    rows = [{"tijd": f"2026-11-2{i}T10:00:00.000000+00:00", "user": f"u{i % 2}", "role": "loo",
             "action": "pagina_bekeken", "object": f"pagina{i}", "detail": None}
            for i in range(n)]
    rewrite(path, rechain(rows, plain_sha256))
    return rows


def test_an_old_trail_is_sealed_by_the_first_keyed_entry_and_verifies(store, frozen):
    old_trail(store)
    assert audit.record("download", user="ana", object="lijst.csv") == 5
    rows = stored_rows(store)
    seal, new = rows[3], rows[4]
    assert [r["hash"] for r in rows[:3]] == [plain_sha256(r) for r in rows[:3]]
    assert (seal["seq"], seal["action"], seal["user"], seal["role"], seal["object"]) == \
        (4, SEAL, None, None, None)
    assert seal["detail"] == '{"oude_regels":3}'
    assert seal["prev_hash"] == rows[2]["hash"] and seal["hash"] == scheme_hash(seal)
    assert seal["tijd"] == "2026-11-30T11:00:00.000000+00:00"
    assert new["prev_hash"] == seal["hash"] and new["hash"] == scheme_hash(new)
    assert audit.verify() == (True, None)
    audit.record("download", user="ana", object="lijst2.csv")
    assert [r["action"] for r in stored_rows(store)].count(SEAL) == 1


def test_an_old_trail_not_yet_sealed_is_not_trusted(store):
    old_trail(store)
    assert audit.verify() == (False, 1)


def test_an_old_trail_gets_a_key_made_outside_production(store, tmp_path, monkeypatch):
    old_trail(store)
    path = tmp_path / "nieuw" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    audit.record("download", user="ana")
    assert path.is_file() and audit.verify() == (True, None)


def test_an_old_entry_changed_under_the_seal_is_found_at_the_seal(store):
    old_trail(store)
    audit.record("download", user="ana")
    rows = stored_rows(store)
    kept = [rows[0], rows[2]]  # entry 2 deleted, 3 renumbered and rechained unkeyed
    rechain(kept, plain_sha256, start=2)
    tamper(store, "delete from audit where seq in (2, 3)")
    con = sqlite3.connect(store)
    con.execute('insert into audit (seq, tijd, "user", role, "action", object, detail, '
                "prev_hash, hash) values (:seq, :tijd, :user, :role, :action, :object, "
                ":detail, :prev_hash, :hash)", kept[1])
    con.commit()
    con.close()
    assert audit.verify() == (False, 4)


def test_old_entries_after_the_seal_are_a_break(store):
    old_trail(store)
    audit.record("download", user="ana")
    audit.record("download", user="bert")
    rows = stored_rows(store)
    rechain(rows, plain_sha256, start=5)
    rewrite(store, rows)
    assert audit.verify() == (False, 5)


def test_a_keyed_entry_after_old_ones_must_be_the_seal(store):
    rows = old_trail(store, n=2)
    forged = {"seq": 3, "tijd": "2026-11-30T10:00:00.000000+00:00", "user": "ana", "role": "loo",
              "action": "download", "object": "x.csv", "detail": None,
              "prev_hash": rows[-1]["hash"]}
    forged["hash"] = scheme_hash(forged)
    rewrite(store, [*rows, forged])
    assert audit.verify() == (False, 3)
    rewrite(store, [*rows, {**forged, "action": SEAL, "hash": scheme_hash({**forged,
                                                                            "action": SEAL})}])
    assert audit.verify() == (True, None)


def test_the_seal_cannot_be_written_from_outside(store):
    with pytest.raises(audit.AuditError, match="onbekende actie"):
        audit.record(SEAL)


# --- the file is the service account's alone


def test_a_new_trail_is_0600_in_a_new_0700_folder(tmp_path, monkeypatch):
    path = tmp_path / "nieuw" / "data" / "audit.sqlite"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "geheim" / "audit.key")))
    audit.record("download", user="a", path=path)
    reader = sqlite3.connect(path)  # keeps the -wal file from being cleaned up on close
    reader.execute("select count(*) from audit").fetchall()
    audit.record("download", user="a", path=path)
    wal_mode = stat.S_IMODE(os.stat(f"{path}-wal").st_mode)
    reader.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert wal_mode == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path, monkeypatch):
    folder = tmp_path / "gedeeld"
    folder.mkdir()
    os.chmod(folder, 0o755)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "geheim" / "audit.key")))
    audit.record("download", user="a", path=folder / "audit.sqlite")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "audit.sqlite").stat().st_mode) == 0o600


def test_a_world_readable_trail_is_narrowed_to_0600_on_open(store):
    fill(2)
    reader = sqlite3.connect(store)  # keeps -wal and -shm in place between connections
    reader.execute("select count(*) from audit").fetchall()
    names = (store, f"{store}-wal", f"{store}-shm")
    for name in names:
        os.chmod(name, 0o644)
    audit.entries()
    modes = [stat.S_IMODE(os.stat(n).st_mode) for n in names]
    reader.close()
    assert modes == [0o600, 0o600, 0o600]


def test_a_trail_readable_by_the_group_only_is_narrowed_too(store):
    fill(1)
    os.chmod(store, 0o640)
    audit.head()
    assert stat.S_IMODE(store.stat().st_mode) == 0o600


def test_a_key_path_with_a_tilde_is_in_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    monkeypatch.setenv("LOO_AUDIT_KEY", "~/geheim/audit.key")
    assert audit.key_path() == tmp_path / "thuis" / "geheim" / "audit.key"


def test_verify_checks_the_key_against_the_store_it_is_given(store, tmp_path, monkeypatch):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(other.parent / "audit.key")))
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.verify(path=other)


def test_ready_makes_the_key_record_would_make(store, tmp_path, monkeypatch):
    path = tmp_path / "nieuw" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    assert audit.ready() == path.read_text().strip().encode()
    audit.record("download", user="a")
    assert stored_rows(store)[0]["hash"] == scheme_hash(stored_rows(store)[0],
                                                          path.read_text().strip().encode())


def test_ready_makes_no_key_under_keyed_entries(store, tmp_path, monkeypatch):
    fill(1)
    missing = tmp_path / "kwijt" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(missing))
    with pytest.raises(audit.AuditKeyError, match="geen sleutelbestand"):
        audit.ready()
    assert not missing.exists()


def test_ready_reads_the_store_it_is_given(store, tmp_path, monkeypatch):
    other = tmp_path / "ander" / "ander.sqlite"
    audit.record("download", user="a", path=other)
    missing = tmp_path / "kwijt" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(missing))
    with pytest.raises(audit.AuditKeyError, match="geen sleutelbestand"):
        audit.ready(path=other)
    assert not missing.exists()
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(other.parent / "audit.key")))
    with pytest.raises(audit.AuditKeyError, match="staat in de datamap"):
        audit.ready(path=other)


def test_ready_makes_a_key_for_an_old_trail(store, tmp_path, monkeypatch):
    old_trail(store)
    path = tmp_path / "nieuw" / "audit.key"
    monkeypatch.setenv("LOO_AUDIT_KEY", str(path))
    assert audit.ready() == path.read_text().strip().encode()
