"""Browser and axe tests skip on a developer machine without their tools and fail under CI."""

from tests import browser


def test_missing_tool_skips_on_a_developer_machine(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert browser.needs(tmp_path / "chromium", "ontbreekt").args == (True,)


def test_missing_tool_does_not_skip_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert browser.needs(tmp_path / "chromium", "ontbreekt").args == (False,)


def test_present_tool_never_skips(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "chromium").touch()
    assert browser.needs(tmp_path / "chromium", "ontbreekt").args == (False,)
