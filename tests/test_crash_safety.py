"""A large load killed with SIGKILL in each of its steps leaves the previous data whole.

The big file is the DOL export of `sample --scale 100` (about a million rows). The loader
announces every step (`load --voortgang`); each kill follows the announcement of a chosen step,
so kills land while reading, validating, copying, writing, committing and swapping however busy
the machine is: no kill depends on how long a load takes.
"""

import functools
import shutil
import signal
import subprocess
import sys

import duckdb
import pytest

from data_pipeline.contract import SOURCES
from data_pipeline.load import STAPPEN, file_sha256
from tests.conftest import ROOT, command

# Every step gets a kill; only "wisselen" (the swap) may be killed too late to stop the load.
KILL_AT = ["lezen", "controleren", "kopiëren", "schrijven", "vastleggen", "wisselen"]
TABLES = [s.table for s in SOURCES.values()]


cli = functools.partial(command, "data_pipeline", check=True)  # check=False: any exit code


def digest(db):
    """Per data table its row count and a hash of its rows (load_id aside); the ledger in full."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t: con.execute(f"select count(*), sum(hash(r)) from "
                                 f"(select * exclude (load_id) from {t}) r").fetchone()
                  for t in TABLES}
        ledger = con.execute("select * from load_ledger order by load_id").fetchall()
    finally:
        con.close()
    return tables, ledger


def ledger_rows_for(db, sha256):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select uitkomst, beeindigd from load_ledger where sha256 = $s",
                           {"s": sha256}).fetchall()
    finally:
        con.close()


def small_signalen(folder, k):
    """A small new export whose content differs per k, for the load after a kill."""
    path = folder / f"signalen_na_kill_{k}.csv"
    path.write_text("signaal_id,datum_ontvangst,bron,thema,status\n"
                    f"SIG-KILL-{k:03d},2025-06-0{k % 9 + 1},politie,drugs,nieuw\n",
                    encoding="utf-8")
    return path


def kill_after(proc, announcement):
    """SIGKILL the load as soon as it announces the step; False when it ended before that."""
    with proc.stderr:
        for line in proc.stderr:
            if announcement in line:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=60)
                return True
    proc.wait(timeout=60)
    return False


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A base export set (scale 1) and the large DOL export (scale 100)."""
    base = tmp_path_factory.mktemp("basis")
    big = tmp_path_factory.mktemp("groot")
    cli("sample", "--out", base, "--scale", 1, "--district", "geen")
    cli("sample", "--out", big, "--scale", 100, "--district", "geen")  # no 1.2 GB of partners
    return base, big / "dol_registraties_2024-2026.csv"


def test_killed_loads_leave_previous_data_whole_and_next_loads_succeed(exports, tmp_path):
    base, big = exports
    db = tmp_path / "loo.duckdb"
    cli("load", base, "--db", db)
    big_sha = file_sha256(big)

    # An uninterrupted load on a copy: what "after" looks like.
    reference = tmp_path / "referentie" / "loo.duckdb"
    reference.parent.mkdir()
    shutil.copyfile(db, reference)
    cli("load", big, "--db", reference)
    after_tables, _ = digest(reference)

    killed_midway, loaded = 0, False
    for k, stap in enumerate(KILL_AT):
        before_tables, before_ledger = digest(db)
        proc = subprocess.Popen([sys.executable, "-m", "data_pipeline", "load", str(big),
                                 "--db", str(db), "--voortgang"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        still_running = kill_after(proc, STAPPEN[stap])

        tables, ledger = digest(db)  # the database opens
        big_rows = ledger_rows_for(db, big_sha)
        if not loaded and tables == before_tables:
            assert ledger == before_ledger
            assert big_rows == []  # no phantom load in the ledger
            killed_midway += still_running
        elif not loaded:  # the kill came after the swap: then the load is there whole
            assert tables == {**before_tables, "dol_registraties": after_tables["dol_registraties"]}
            assert [r[0] for r in big_rows] == ["geladen"] and big_rows[0][1] is not None
            loaded = True
        else:  # loaded before: a new attempt can only say so
            assert tables == before_tables
            assert {r[0] for r in big_rows} <= {"geladen", "al_geladen"}

        following = cli("load", small_signalen(tmp_path, k), "--db", db)
        assert "Geladen" in following.stdout
        assert not list(tmp_path.glob(".loo.duckdb.*.tmp*"))  # killed copies cleaned up

    assert killed_midway >= len(KILL_AT) - 1, f"only {killed_midway} kills stopped a load"

    final = cli("load", big, "--db", db, check=False)
    assert final.returncode == 0, final.stderr
    tables, _ = digest(db)
    assert tables["dol_registraties"] == after_tables["dol_registraties"]
    outcomes = [r[0] for r in ledger_rows_for(db, big_sha)]
    assert outcomes.count("geladen") == 1 and set(outcomes) <= {"geladen", "al_geladen"}
