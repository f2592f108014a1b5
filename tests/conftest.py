"""Tiny shared fixtures: databases (empty, made to order, the sample), a dashboard server over
the sample and a browser for the browser tests; and the helpers every test file shares: the
project folder (ROOT), a command run as a user runs it (command), a page file (page_file) and
the value and delta of a metric on an AppTest page (metric, delta)."""

import atexit
import datetime as dt
import functools
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

import duckdb
import pytest
from streamlit.components.v2 import manifest_scanner

from core import clock
from data_pipeline.contract import SOURCES, all_ddl
from tests import browser
from tests.browser import ROOT

# One date for the whole suite and every process it starts (CLI runs, Streamlit servers): no
# test depends on the day it runs. A test that needs another date passes it or pins its own.
PEILDATUM = dt.date(2026, 11, 30)
os.environ[clock.ENV] = PEILDATUM.isoformat()
# The audit trail's key (core.audit) for the suite and every process it starts, outside every
# test's data folder, as production requires; never the user's own key. One file per OS user,
# kept between runs: a folder per run would pile up, since forked mutmut workers skip atexit.
_AUDIT_KEY = os.path.join(tempfile.gettempdir(), f"loo-dashboard-tests-{os.getuid()}",
                          "audit.key")


def _test_audit_key(path):
    """Make the suite's key once, complete before anyone reads it (a draft linked in place)."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    if os.path.exists(path):
        return
    draft = f"{path}.{os.getpid()}"
    with open(os.open(draft, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600), "w") as out:
        out.write(secrets.token_hex(32))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass  # another run made it first
    finally:
        os.unlink(draft)


_test_audit_key(_AUDIT_KEY)
os.environ["LOO_AUDIT_KEY"] = _AUDIT_KEY
# The benchmarks' generated data (benchmarks.workdir) in a folder of this test process, removed
# at its end: two test runs side by side (make test DATE=...) never write the same file.
os.environ["LOO_BENCH_WORK"] = tempfile.mkdtemp(prefix="loo-bench-")
atexit.register(shutil.rmtree, os.environ["LOO_BENCH_WORK"], ignore_errors=True)
# Every new AppTest scans the metadata of every installed package for Streamlit components
# (about 0.45 s, a third of a short page test); the packages do not change during a run, so
# each test process scans once.
_scan_installed = functools.cache(manifest_scanner.scan_component_manifests)
manifest_scanner.scan_component_manifests = lambda max_workers=None: list(
    _scan_installed(max_workers))
# The real clock that the audit trail and session cookies read, frozen by the `frozen` fixture.
EPOCH = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.timezone.utc).timestamp()


# The longest test files first (seconds of a full run on two cores, 4 December 2026), so that
# `make test`'s two workers end together: --dist loadfile hands out whole files in collection
# order (--no-loadscope-reorder), and by default xdist would start with the files that hold most
# tests and leave the long single tests (the busy-machine login, the killed loads) for the end,
# side by side. The busy-machine login runs its stress-ng apart from the killed loads.
LONGEST_FIRST = (
    "test_accessibility.py", "test_browser_busy_login.py", "test_browser_bookmarks.py",
    "test_browser_presentation.py", "test_benchmarks.py", "test_crash_safety.py",
    "test_security_browser.py", "test_oidc_browser.py", "test_report.py",
    "test_district_isolation.py", "test_consistency.py", "test_queries_loo.py",
    "test_browser_dutch.py", "test_loader_properties.py")


def pytest_collection_modifyitems(items):
    """The files of LONGEST_FIRST first, in that order; within a file the order is kept."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def command(module, *args, env=None, input=None, timeout=300, check=False):
    """`python -m module args...` run from the project folder as a user runs it; the finished
    process (text output). check=True fails the test, with the command's stderr, on an exit code
    other than 0. env=None: this process's environment."""
    result = subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=ROOT, env=env,
                            input=input, capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def page_file(page_id):
    """The file of a page of the app, pages/<page_id>.py, as AppTest takes it."""
    return str(ROOT / "pages" / f"{page_id}.py")


def _tile(at, label):
    """The one metric of an AppTest run with exactly this label."""
    found = [m for m in at.metric if m.label == label]
    assert len(found) == 1, f"{len(found)} metrics '{label}'; shown: {[m.label for m in at.metric]}"
    return found[0]


def metric(at, label):
    """The value shown by the metric with exactly this label (AppTest)."""
    return _tile(at, label).value


def delta(at, label):
    """The delta (comparison text) shown under the metric with exactly this label (AppTest)."""
    return _tile(at, label).delta


def build_db(path, rows=None):
    """Create a database with every table of the contract and insert the given rows per table."""
    con = duckdb.connect(str(path))
    for ddl in all_ddl():
        con.execute(ddl)
    for table, records in (rows or {}).items():
        for record in records:
            cols = list(record)
            marks = ", ".join(f"${c}" for c in cols)
            con.execute(f"insert into {table} ({', '.join(cols)}) values ({marks})", record)
    con.close()
    return path


@pytest.fixture
def make_db(tmp_path):
    """A factory: make_db({'signalen': [{...}, ...]}) returns the path of a fresh database."""
    counter = iter(range(1000))

    def make(rows=None):
        return build_db(tmp_path / f"db{next(counter)}.duckdb", rows)

    return make


@pytest.fixture
def empty_db(make_db):
    """A database with the schema and no rows."""
    return make_db()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The sample exports loaded with the real CLI into a fresh database."""
    db = tmp_path_factory.mktemp("sample") / "loo.duckdb"
    command("data_pipeline", "load", "sample_data", "--db", db, check=True)
    return db


@pytest.fixture(scope="module")
def url(sample_db, tmp_path_factory, request):
    """A real `streamlit run app.py` over the sample database, one per test module."""
    log = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]) / "streamlit.log"
    with browser.streamlit_server(sample_db, log) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = browser.launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def login_page(url, chromium):
    """The login page of a fresh visitor at 1920x1080, one per test module."""
    context = chromium.new_context(viewport={"width": 1920, "height": 1080}, locale="nl-NL")
    page = context.new_page()
    page.goto(url)
    browser.login_form(page)
    yield page
    context.close()


class FrozenClock:
    """The real clock (clock.epoch, clock.real_now) stopped at EPOCH; advance() moves it."""

    def __init__(self, start=EPOCH):
        self.t = start

    def epoch(self):
        return self.t

    def real_now(self):
        return dt.datetime.fromtimestamp(self.t, dt.timezone.utc)

    def advance(self, seconds):
        self.t += seconds


@pytest.fixture
def frozen(monkeypatch):
    """Stop the real clock of this process at EPOCH for one test."""
    stopped = FrozenClock()
    monkeypatch.setattr(clock, "epoch", stopped.epoch)
    monkeypatch.setattr(clock, "real_now", stopped.real_now)
    return stopped


def runner(db):
    """run(name, **params) on a database file, the way dashboard.measures and the indicators
    take their queries."""
    from dashboard import queries

    return lambda name, **params: queries.run(name, db=db, **params)


def d(text):
    """A date from ISO text, for readable fixtures."""
    return dt.date.fromisoformat(text)


__all__ = ["build_db", "command", "d", "delta", "metric", "page_file", "runner", "EPOCH",
           "PEILDATUM", "ROOT", "SOURCES"]
