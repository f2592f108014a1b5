"""`python -m dashboard audit head` and `audit verify --expect-head`, run as real processes: a
head published elsewhere (the daily log, an e-mail to the FG) exposes rows cut off the end and
a chain rewritten after publishing, which the chain alone cannot show."""

import functools
import os
import sqlite3

import pytest

from core import audit
from tests.conftest import command
from tests.test_audit import (KEY, fill, plain_sha256, rechain, rewrite, scheme_hash,
                              stored_rows, tamper, write_key)

cli = functools.partial(command, "dashboard", "audit")
GENESIS = "0" * 64


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A trail in a data folder of its own, with its key in another folder beside it."""
    path = tmp_path / "data" / "audit.sqlite"
    monkeypatch.setenv("LOO_AUDIT_DB", str(path))
    monkeypatch.setenv("LOO_AUDIT_KEY", str(write_key(tmp_path / "geheim" / "audit.key")))
    return path


def published(path, seq):
    """The line `audit head` printed when the trail ended at seq, read from the file itself."""
    con = sqlite3.connect(path)
    (digest,) = con.execute("select hash from audit where seq = ?", (seq,)).fetchone()
    con.close()
    return f"{seq}:{digest}"


def test_head_prints_seq_and_hash_of_the_newest_entry_on_one_line(store):
    fill(4)
    result = cli("head")
    assert result.returncode == 0, result.stderr
    assert result.stdout == published(store, 4) + "\n"
    assert result.stdout.split(":")[1].strip() == scheme_hash(stored_rows(store)[3])


def test_head_of_a_broken_chain_is_not_printed(store):
    fill(3)
    tamper(store, "update audit set \"user\" = 'x' where seq = 2")
    result = cli("head")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "regel 2 klopt niet" in result.stderr


def test_head_of_an_empty_trail_is_0_and_the_genesis(store):
    audit.head()  # the file exists, without entries
    result = cli("head")
    assert (result.returncode, result.stdout) == (0, f"0:{GENESIS}\n")


def test_verify_with_the_current_head_passes(store):
    fill(3)
    result = cli("verify", "--expect-head", published(store, 3))
    assert result.returncode == 0, result.stderr
    last = stored_rows(store)[2]["hash"]
    assert result.stdout == (f"Audittrail intact: 3 regels, laatste hash {last}; bevat de "
                             "gepubliceerde kop (regel 3).\n")


def test_verify_with_an_earlier_head_passes_after_more_entries(store):
    fill(3)
    head = published(store, 3)
    fill(2)
    assert cli("verify", "--expect-head", head).returncode == 0


def test_verify_with_the_genesis_head_passes(store):
    fill(1)
    assert cli("verify", "--expect-head", f"0:{GENESIS}").returncode == 0


def test_rows_cut_off_the_end_fail_verify_with_the_published_head(store):
    fill(6)
    head = published(store, 6)
    tamper(store, "delete from audit where seq > 4")
    assert cli("verify").returncode == 0  # the chain alone cannot see it
    result = cli("verify", "--expect-head", head)
    assert result.returncode == 1
    assert result.stderr == ("Audittrail is INGEKORT: de gepubliceerde kop is regel 6, maar de "
                             "audittrail eindigt bij regel 4; er zijn regels verwijderd of de "
                             "audittrail is vervangen.\n")


def test_one_row_cut_off_fails_too(store):
    fill(3)
    head = published(store, 3)
    tamper(store, "delete from audit where seq = 3")
    assert cli("verify", "--expect-head", head).returncode == 1


def test_a_chain_rewritten_with_the_key_fails_verify_with_the_published_head(store):
    # An insider with the key deletes one account's entries and rebuilds the chain: verify
    # alone says intact, the head published before says otherwise.
    for i in range(8):
        audit.record("pagina_bekeken", user="jan" if i in (2, 5) else "ana", object=f"p{i}")
    head = published(store, 6)
    kept = [row for row in stored_rows(store) if row["user"] != "jan"]
    rewrite(store, rechain(kept, scheme_hash, start=3))
    assert cli("verify").returncode == 0
    result = cli("verify", "--expect-head", head)
    assert result.returncode == 1
    assert result.stderr == ("Audittrail is HERSCHREVEN: regel 6 heeft niet de gepubliceerde "
                             "hash; de keten is na het publiceren opnieuw opgebouwd.\n")


def test_the_hash_of_the_next_entry_is_not_the_head(store):
    fill(3)
    seq2_with_hash3 = "2:" + published(store, 3).split(":")[1]
    assert cli("verify", "--expect-head", seq2_with_hash3).returncode == 1


def test_deleting_an_account_and_rechaining_without_the_key_fails_verify(store):
    for i in range(6):
        audit.record("pagina_bekeken", user="jan" if i == 3 else "ana", object=f"p{i}")
    kept = [row for row in stored_rows(store) if row["user"] != "jan"]
    rewrite(store, rechain(kept, plain_sha256, start=4))
    result = cli("verify")
    assert result.returncode == 1
    assert "regel 4 klopt niet met de keten" in result.stderr


@pytest.mark.parametrize("head", ["4", "4:abc", f"x:{'a' * 64}", f"-1:{'a' * 64}",
                                  f"4:{'g' * 64}", f"4:{'a' * 63}"])
def test_a_head_not_in_the_printed_form_is_a_usage_error(store, head):
    fill(1)
    result = cli("verify", f"--expect-head={head}")
    assert result.returncode == 2
    assert ("Fout in de opdracht: optie --expect-head: moet de vorm REGEL:HASH hebben, zoals "
            "'audit head' die geeft") in result.stderr


def test_a_head_in_capitals_or_with_a_newline_is_read(store):
    fill(2)
    assert cli("verify", "--expect-head", published(store, 2).upper() + "\n").returncode == 0


def test_head_does_not_take_an_expected_head(store):
    fill(1)
    result = cli("head", "--expect-head", published(store, 1))
    assert result.returncode == 2
    assert "--expect-head hoort bij 'audit verify'" in result.stderr


def test_verify_without_the_key_exits_3_and_names_the_file(store, tmp_path):
    fill(1)
    missing = tmp_path / "kwijt" / "audit.key"
    env = {**os.environ, "LOO_AUDIT_KEY": str(missing)}
    for actie in ("verify", "head"):
        result = command("dashboard", "audit", actie, env=env)
        assert result.returncode == 3
        assert f"Fout: Audittrail: geen sleutelbestand {missing}." in result.stderr
    assert not missing.exists()


def test_verify_with_another_key_says_changed_from_entry_1(store, tmp_path):
    fill(2)
    other = write_key(tmp_path / "ander" / "audit.key", "e" + KEY.decode()[1:])
    result = command("dashboard", "audit", "verify", env={**os.environ,
                                                          "LOO_AUDIT_KEY": str(other)})
    assert result.returncode == 1
    assert "regel 1 klopt niet" in result.stderr


def test_verify_of_a_missing_trail_exits_3_and_makes_no_file(tmp_path):
    missing = tmp_path / "weg" / "audit.sqlite"
    result = cli("verify", "--audit-db", missing)
    assert result.returncode == 3
    assert result.stderr == f"Fout: audittrail {missing} bestaat niet.\n"
    assert not missing.parent.exists()


def test_an_account_change_that_cannot_be_audited_is_not_made(store, tmp_path):
    accounts = tmp_path / "geheim" / "accounts.yaml"
    missing = tmp_path / "kwijt" / "audit.key"
    env = {**os.environ, "LOO_CREDENTIALS": str(accounts), "LOO_AUDIT_KEY": str(missing)}
    result = command("dashboard", "users", "add", "jdevries", "--rol", "loo", "--password-stdin",
                     env=env, input="paard-batterij-nietje-correct-42\n")
    assert result.returncode == 1
    assert f"Fout: Audittrail: geen sleutelbestand {missing}." in result.stderr
    assert not accounts.exists() and not missing.exists()

