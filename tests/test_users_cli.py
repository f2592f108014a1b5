"""`python -m dashboard users`: accounts in the credentials YAML, only bcrypt hashes, audited."""

import datetime as dt
import os
import stat
import subprocess
import sys
import time

import bcrypt
import polars as pl
import pytest
import yaml

from dashboard import sessions
from core import audit
from tests.conftest import ROOT, command

PASSWORD = "lang-genoeg-wachtwoord-42"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setenv("LOO_CREDENTIALS", str(tmp_path / "geheim" / "accounts.yaml"))
    return tmp_path / "geheim" / "accounts.yaml"


def users(*args, stdin=None):
    return command("dashboard", "users", *args, input=stdin)


def add(name="jdevries", password=PASSWORD, *extra):
    return users("add", name, "--rol", "loo", "--password-stdin", *extra, stdin=password + "\n")


def stored(path):
    return yaml.safe_load(path.read_text())["credentials"]["usernames"]


def test_add_stores_a_bcrypt_hash_and_roles_in_the_authenticator_format(env):
    result = users("add", "jdevries", "--rol", "regisseur", "--rol", "loo", "--naam",
                   "J. de Vries", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    user = stored(env)["jdevries"]
    assert user["roles"] == ["regisseur", "loo"]
    assert user["name"] == "J. de Vries"
    assert bcrypt.checkpw(PASSWORD.encode(), user["password"].encode())


def test_password_never_appears_in_file_or_output(env):
    result = add()
    assert PASSWORD not in env.read_text()
    assert PASSWORD not in result.stdout + result.stderr


def test_file_is_private(env):
    add()
    assert stat.S_IMODE(os.stat(env).st_mode) == 0o600


def test_no_temporary_files_are_left(env):
    add()
    add("tweede")
    assert sorted(p.name for p in env.parent.iterdir()) == ["accounts.yaml"]


def test_short_password_is_refused_and_nothing_written(env):
    result = add(password="kort")
    assert result.returncode == 1
    assert "minimaal 12" in result.stderr
    assert not env.exists()


def test_unknown_role_is_refused(env):
    result = users("add", "piet", "--rol", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert result.returncode == 1
    assert "Onbekende rol admin" in result.stderr


def test_existing_account_is_not_overwritten(env):
    add()
    before = env.read_text()
    result = add(password="een-ander-wachtwoord-99")
    assert result.returncode == 1 and "bestaat al" in result.stderr
    assert env.read_text() == before


def test_without_terminal_or_flag_the_password_is_not_read(env):
    result = users("add", "piet", "--rol", "loo", stdin=PASSWORD + "\n")
    assert result.returncode == 1
    assert "--password-stdin" in result.stderr
    assert not env.exists()


def revoked_at_change(account, wat):
    """Sessions are void from the moment of this account change, as its audit entry records it
    (the command runs on the clock of its own process), to within a second."""
    entries = audit.entries(action="account_wijziging").filter(pl.col("object") == account)
    changed = entries.filter(pl.col("detail").str.contains(wat))["tijd"][0]
    return abs(sessions.valid_after(account) - dt.datetime.fromisoformat(changed).timestamp()) < 1


def test_passwd_replaces_the_hash_and_revokes_sessions(env):
    add()
    old = stored(env)["jdevries"]["password"]
    result = users("passwd", "jdevries", "--password-stdin", stdin="nieuw-wachtwoord-2026\n")
    assert result.returncode == 0, result.stderr
    new = stored(env)["jdevries"]["password"]
    assert new != old and bcrypt.checkpw(b"nieuw-wachtwoord-2026", new.encode())
    assert revoked_at_change("jdevries", "wachtwoord")


def test_remove_deletes_the_account_and_revokes_sessions(env):
    add()
    add("tweede")
    assert users("remove", "jdevries").returncode == 0
    assert list(stored(env)) == ["tweede"]
    assert revoked_at_change("jdevries", "verwijderd")
    assert sessions.valid_after("tweede") is None


def test_remove_of_unknown_account_is_refused(env):
    add()
    result = users("remove", "niemand")
    assert result.returncode == 1 and "bestaat niet" in result.stderr


def test_list_shows_names_and_roles_but_no_hashes(env):
    add()
    result = users("list")
    assert result.returncode == 0
    assert "jdevries" in result.stdout and "loo" in result.stdout
    assert "$2" not in result.stdout


def test_file_flag_overrides_the_environment(env, tmp_path):
    other = tmp_path / "ander.yaml"
    result = add("piet", PASSWORD, "--file", str(other))
    assert result.returncode == 0
    assert "piet" in stored(other) and not env.exists()


def test_missing_path_is_a_clear_error(env, monkeypatch):
    monkeypatch.delenv("LOO_CREDENTIALS")
    result = users("list")
    assert result.returncode == 1 and "LOO_CREDENTIALS" in result.stderr


def test_missing_account_name_is_a_usage_error(env):
    assert users("add", "--rol", "loo").returncode == 2


def test_every_change_is_in_the_audit_trail_without_the_password(env):
    add()
    users("passwd", "jdevries", "--password-stdin", stdin="nieuw-wachtwoord-2026\n")
    users("remove", "jdevries")
    df = audit.entries(action="account_wijziging")
    assert df["object"].to_list() == ["jdevries"] * 3
    assert [d.split('"wijziging":')[1] for d in df["detail"]] == [
        '"toegevoegd"}', '"wachtwoord"}', '"verwijderd"}']
    assert not any(PASSWORD in str(v) for v in df.rows())
    assert audit.verify() == (True, None)


def test_other_configuration_in_the_file_is_kept(env):
    env.parent.mkdir(parents=True)
    env.write_text("credentials:\n  usernames: {}\npre-authorized:\n  emails: []\n")
    add()
    assert yaml.safe_load(env.read_text())["pre-authorized"] == {"emails": []}


def run_on_terminal(args, typed):
    """Run the command with a pseudo-terminal as its terminal; return (exit code, screen)."""
    import pty
    import select
    import time

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "users", *args], cwd=ROOT,
                            stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    screen, lines = b"", list(typed)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 1024)
            except OSError:
                break
            screen += chunk
            if b"wachtwoord" in chunk.lower() and lines:
                os.write(master, lines.pop(0).encode() + b"\n")
        elif proc.poll() is not None:
            break
    code = proc.wait(timeout=30)
    os.close(master)
    return code, screen.decode(errors="replace")


def test_on_a_terminal_the_password_is_asked_twice_and_not_echoed(env):
    code, screen = run_on_terminal(["add", "jdevries", "--rol", "loo"], [PASSWORD, PASSWORD])
    assert code == 0, screen
    assert screen.lower().count("wachtwoord") >= 2
    assert PASSWORD not in screen
    assert bcrypt.checkpw(PASSWORD.encode(), stored(env)["jdevries"]["password"].encode())


def test_on_a_terminal_different_passwords_change_nothing(env):
    code, screen = run_on_terminal(["add", "jdevries", "--rol", "loo"],
                                   [PASSWORD, PASSWORD + "x"])
    assert code == 1
    assert "niet gelijk" in screen
    assert not env.exists()
