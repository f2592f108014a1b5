"""The password policy of `dashboard users`: long, not blank, within bcrypt's 72 bytes, unguessable."""

import pytest

from dashboard import users
from tests.conftest import command


@pytest.fixture
def accounts(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setenv("LOO_CREDENTIALS", str(tmp_path / "accounts.yaml"))
    return tmp_path / "accounts.yaml"


def add(password):
    return command("dashboard", "users", "add", "jdevries", "--rol", "loo", "--password-stdin",
                   input=password + "\n")


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "123456789012", "wachtwoord123",
                                      "qwertyuiop12", "jdevries2026!", "Wassenaar2026"])
def test_guessable_password_is_refused(password):
    with pytest.raises(users.UsersError, match="te makkelijk te raden"):
        users.check_password(password, "jdevries")


@pytest.mark.parametrize("password", ["correct paard batterij nietje", "kX9#mq2!Lp0z-vR"])
def test_long_unguessable_password_is_accepted(password):
    users.check_password(password, "jdevries")


def test_blank_password_is_refused_before_its_length():
    with pytest.raises(users.UsersError, match="alleen uit spaties"):
        users.check_password(" " * 12 + "\u00a0\t", "jdevries")


def test_password_with_a_space_at_either_end_is_refused():
    with pytest.raises(users.UsersError, match="begint of eindigt met een spatie"):
        users.check_password("kX9#mq2!Lp0z-vR ", "jdevries")


def test_password_over_72_bytes_is_refused_in_dutch():
    with pytest.raises(users.UsersError, match="hoogstens 72 bytes"):
        users.check_password("é" * 37, "jdevries")  # 37 characters, 74 bytes


def test_command_refuses_a_72_byte_password_without_a_traceback_or_a_file(accounts):
    result = add("zeer-lang-maar-uniek-" * 4)
    assert (result.returncode, "hoogstens 72 bytes" in result.stderr) == (1, True)
    assert "Traceback" not in result.stderr and not accounts.exists()


def test_command_refuses_twelve_spaces(accounts):
    result = add(" " * 12)
    assert result.returncode == 1 and not accounts.exists()
