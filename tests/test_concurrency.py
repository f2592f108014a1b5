"""Dashboard sessions while a load runs: no errors, and every rendering wholly old or wholly new."""

import shutil
import subprocess
import sys
import time

import pytest

from dashboard import page, queries
from data_pipeline import load, sample
from tests.app_session import (  # noqa: F401
    login, real_server_navigation)
from tests.conftest import ROOT, metric
from tests.test_app_data import production_accounts


@pytest.fixture
def live(sample_db, tmp_path, monkeypatch):
    """A private copy of the sample database that the dashboard reads."""
    path = tmp_path / "loo.duckdb"
    shutil.copyfile(sample_db, path)
    monkeypatch.setenv("LOO_DB", str(path))
    # production accounts: demo accounts rightly stop once a non-sample file is loaded
    production_accounts(monkeypatch, tmp_path)
    return path


def freshness(at):
    return next(c.value for c in at.caption if "Signalen t/m" in c.value)


def newer_database(live, tmp_path):
    """The live database plus three later 2026 signals, built beside it as a load would."""
    new = tmp_path / "nieuw.duckdb"
    shutil.copyfile(live, new)
    export = tmp_path / "signalen_extra.csv"
    export.write_text("signaal_id,datum_ontvangst,bron,thema,status\n"
                      + "".join(f"SIG-2026-90{i},2026-10-30,politie,drugs,nieuw\n"
                                for i in range(3)), encoding="utf-8")
    assert load.load_file(export, db=new).uitkomst == "geladen"
    return new


def test_a_swap_halfway_through_a_rendering_shows_wholly_at_the_next_run(live, tmp_path,
                                                                          monkeypatch):
    new = newer_database(live, tmp_path)
    at = login("regisseur", query={"jaar": "2026"})
    before = (metric(at, "Signalen en meldingen"), freshness(at))
    real_run, swapped = queries.run, []

    def swap_after_first_query(name, **kwargs):
        result = real_run(name, **kwargs)
        if not swapped:
            swapped.append(name)
            new.replace(live)  # the load's os.replace, between two queries of one rendering
        return result

    monkeypatch.setattr(queries, "run", swap_after_first_query)
    page.clear_cache()
    at.run()
    assert swapped and not at.exception
    assert (metric(at, "Signalen en meldingen"), freshness(at)) == before
    at.run()
    after = (metric(at, "Signalen en meldingen"), freshness(at))
    assert after[0] == str(int(before[0]) + 3) and "30 oktober 2026" in after[1]


def test_sessions_render_without_errors_while_another_process_loads(live, tmp_path):
    extra = tmp_path / "extra"
    sample.write_sample(extra, scale=20, seed=7)
    dol = next(extra.glob("dol_registraties*.csv"))
    sessions = [login(user, query={"jaar": "2025"}) for user in ("regisseur", "manager")]
    old = metric(sessions[0], "DOL-registraties")
    loader = subprocess.Popen([sys.executable, "-m", "data_pipeline", "load", str(dol), "--db",
                               str(live)], cwd=ROOT, stdout=subprocess.DEVNULL)
    seen = []
    deadline = time.monotonic() + 240
    while loader.poll() is None and time.monotonic() < deadline:
        for at in sessions:
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            seen.append(metric(at, "DOL-registraties"))
    assert loader.wait(timeout=240) == 0
    for at in sessions:
        at.run()
    new = metric(sessions[1], "DOL-registraties")
    assert new != old and metric(sessions[0], "DOL-registraties") == new
    assert len(seen) >= 2 and set(seen) <= {old, new}
