"""The one clock: a settable today for the product, the real clock only where records need it."""

import ast
import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from core import clock
from data_pipeline import retention
from tests.conftest import PEILDATUM, ROOT

CLOCK_READS = {("date", "today"), ("datetime", "now"), ("datetime", "today"),
               ("datetime", "utcnow"), ("time", "time")}
ANY_DAY = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2199, 12, 31))


def clock_reads(path):
    """The line numbers where a file reads the system clock itself (date.today(), ...)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.func.attr) in CLOCK_READS:
                found.append(node.lineno)
    return found


def python_files(*folders):
    return [p for f in folders for p in sorted((ROOT / f).rglob("*.py"))]


def test_only_the_clock_module_reads_the_system_clock():
    files = python_files("core", "data_pipeline", "dashboard", "pages", "benchmarks")
    files.append(ROOT / "app.py")
    reads = {str(p.relative_to(ROOT)): clock_reads(p) for p in files if p.name != "clock.py"}
    assert {k: v for k, v in reads.items() if v} == {}


def test_no_test_reads_the_system_clock():
    reads = {str(p.relative_to(ROOT)): clock_reads(p) for p in python_files("tests")}
    assert {k: v for k, v in reads.items() if v} == {}


def unbounded_date_fields(path):
    """The line numbers of date fields without both bounds: Streamlit's default bounds are ten
    years around the real clock's today, not the peildatum's."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "date_input"
            and not {"min_value", "max_value"} <= {k.arg for k in node.keywords}]


def test_every_date_field_sets_both_bounds():
    files = python_files("dashboard", "pages") + [ROOT / "app.py"]
    found = {str(p.relative_to(ROOT)): unbounded_date_fields(p) for p in files}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_guard_finds_a_date_field_without_a_lower_bound(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import streamlit as st\nst.date_input('a', min_value=1, max_value=2)\n"
                      "st.sidebar.date_input('b', max_value=2)\n")
    assert unbounded_date_fields(sample) == [3]


def test_the_guard_finds_a_clock_read(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("import datetime as dt\nimport time\nx = dt.date.today()\ny = time.time()\n")
    assert clock_reads(sample) == [3, 4]


def test_the_suite_runs_on_its_own_date():
    assert clock.today() == PEILDATUM


def test_a_peildatum_reaches_a_command_in_another_process(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2031-02-28")
    out = subprocess.run([sys.executable, "-c", "from core import clock; print(clock.today())"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "2031-02-28"


def test_a_pinned_moment_fixes_the_time_too(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-03-01T09:30")
    assert clock.now() == dt.datetime(2027, 3, 1, 9, 30)


def test_a_pinned_date_keeps_the_hours_running(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-03-01")
    assert clock.now().date() == dt.date(2027, 3, 1)


def test_a_wrong_peildatum_is_a_dutch_error(monkeypatch):
    monkeypatch.setenv(clock.ENV, "1 maart")
    with pytest.raises(clock.ClockError, match="geen datum; verwacht JJJJ-MM-DD"):
        clock.today()


def test_the_records_clock_ignores_the_peildatum(frozen, monkeypatch):
    monkeypatch.setenv(clock.ENV, "2040-01-01")
    assert clock.real_now() == frozen.real_now() and clock.epoch() == frozen.epoch()


@pytest.mark.parametrize("text", ["2026-02-30", "morgen", "2026-11-30T10:00"])
def test_the_peildatum_option_takes_only_a_date(text):
    with pytest.raises(Exception, match="Peildatum"):
        clock.date_argument(text)


@settings(max_examples=200, deadline=None)
@given(today=ANY_DAY, jaren=st.integers(0, 10), maanden=st.integers(0, 30),
       dagen=st.integers(0, 400))
def test_a_retention_cutoff_lies_the_term_before_any_day(today, jaren, maanden, dagen):
    cutoff = retention.Term("signalen", jaren, maanden, dagen).cutoff(today)
    assert cutoff <= today
    months_back = (today.year - cutoff.year) * 12 + today.month - cutoff.month
    if not dagen:  # whole months: the same day of the month, or the month's end when shorter
        assert months_back == jaren * 12 + maanden
        assert cutoff.day == today.day or cutoff.day < today.day and (
            cutoff + dt.timedelta(days=1)).day == 1
