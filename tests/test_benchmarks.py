"""`python -m benchmarks --quick` runs every benchmark at scale 1 (times are not asserted)."""

import json

import pytest

from benchmarks import peer, workdir
from tests import browser
from tests.conftest import command


def test_pandas_peer_computes_the_same_2025_figures_as_the_dashboard():
    folder, _ = workdir.exports(1)
    figures = peer.overzicht(peer.read_exports(folder), 2025)
    assert (figures["signalen_en_meldingen"], figures["m_meldingen"], figures["drugs"]) == (42, 18, 9)


@pytest.mark.browser
@browser.needs_chromium
def test_quick_benchmark_writes_figures_for_every_part(tmp_path):
    out = tmp_path / "results.json"
    done = command("benchmarks", "--quick", "--out", out, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text())
    assert results["load"]["1"]["rows"] > 0
    assert set(results["pages"]["1"]["cold_s"]) >= {"overzicht", "trends", "loo", "dol"}
    assert all(n > 0 for n in results["queries_per_page"].values())
    assert results["browser"]["1"]["server_peak_rss_mb"] > 0
    assert "| page | scale |" in done.stdout


def test_quick_district_benchmark_measures_every_page_alone_and_in_the_district(tmp_path):
    out = tmp_path / "results.json"
    done = command("benchmarks", "--quick", "--only", "district", "--out", out, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    r = json.loads(out.read_text())["district"]["1"]
    assert r["rows"]["district"] > 3 * r["rows"]["alone"]  # three partners as large as Wassenaar
    assert {"overzicht", "loo", "dol", "district"} <= set(r["queries"])
    for kind in ("cold_s", "warm_s"):
        assert set(r[kind]["alone"]) == set(r[kind]["district"]) == set(r["queries"])
    assert "| district | 1 |" in done.stdout
