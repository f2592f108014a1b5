"""`make bench`: run every benchmark, print a table and write benchmarks/results.json.

    python -m benchmarks            # scales 1, 100 and 1000 (minutes: generation and loads)
    python -m benchmarks --quick    # scale 1 only, for CI: runs everything, asserts no times
    python -m benchmarks --only load --scales 100,1000 --repeat 3
                                    # only the load part; the other figures in the file are kept
    python -m benchmarks --only district --scales 250
                                    # four gemeenten at scale 250 each (10 million rows) against
                                    # Wassenaar alone: each page's queries cold and warm
"""

import argparse
import json
import logging
import os
import platform
import sys
from pathlib import Path

from benchmarks import browser, loading, pages, peer, workdir

HERE = Path(__file__).resolve().parent
JAAR = 2025


def machine():
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    mem = next(int(line.split()[1]) // 1024 // 1024 for line in
               Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem,
            "python": platform.python_version(), "system": platform.platform()}


def run(scales, load_scales, browser_scales, out, repeat=1, quick=False):
    """Every benchmark; the results as a dict, also written to out as JSON.

    quick: each measurement once (CI checks that everything runs, not how fast)."""
    once = {"repeats": 1} if quick else {}
    results = {"machine": machine(), "load": {}, "pages": {}, "peer": {}, "browser": {}}
    recorded = pages.record(workdir.database(1))
    results["queries_per_page"] = {p: len(c) for p, c in recorded.items()}
    for scale in scales:
        folder, _ = workdir.exports(scale)
        db = workdir.database(scale)
        if scale in load_scales:
            results["load"][scale] = loading.measure(workdir.dol_file(scale), repeat)
            print(f"laden schaal {scale}: {results['load'][scale]}", file=sys.stderr)
        results["pages"][scale] = {"cold_s": pages.cold(db, recorded, **once),
                                   "warm_s": pages.warm(db, recorded, **once)}
        results["peer"][scale] = peer.measure(folder, JAAR, **once)
        if scale in browser_scales:
            results["browser"][scale] = browser.measure(
                db, workdir.WORK / f"server_{scale}.log", logins=1 if quick else browser.LOGINS)
        print(f"schaal {scale} klaar", file=sys.stderr)
    out.write_text(json.dumps(results, indent=2, default=str))
    return results


def run_load(scales, repeat, out):
    """Only the load benchmark: its figures replace the load section of out, the rest is kept."""
    results = json.loads(out.read_text()) if out.exists() else {
        "machine": machine(), "load": {}, "pages": {}, "peer": {}, "browser": {},
        "queries_per_page": {}}
    for scale in scales:
        results["load"][str(scale)] = loading.measure(workdir.dol_file(scale), repeat)
        print(f"laden schaal {scale}: {results['load'][str(scale)]}", file=sys.stderr)
    out.write_text(json.dumps(results, indent=2, default=str))
    return results


def run_district(scales, out, repeats=None):
    """Only the district benchmark: each page's queries (as Wassenaar's regisseur records them on
    the district) on Wassenaar alone and on the four gemeenten; its figures replace the district
    section of out, the rest is kept."""
    results = json.loads(out.read_text()) if out.exists() else {"machine": machine()}
    once = {"repeats": repeats} if repeats else {}
    recorded = pages.record(workdir.shipped_district())
    results["district"] = {}
    for scale in scales:
        alone, district = workdir.database(scale), workdir.district_database(scale)
        cold = {"alone": pages.cold(alone, recorded, **once),
                "district": pages.cold(district, recorded, **once)}
        warm = {"alone": pages.warm(alone, recorded, **once),
                "district": pages.warm(district, recorded, **once)}
        results["district"][str(scale)] = {
            "rows": {"alone": rows(alone), "district": rows(district)},
            "queries": {p: len(c) for p, c in recorded.items()}, "cold_s": cold, "warm_s": warm}
        print(f"district schaal {scale} klaar", file=sys.stderr)
    out.write_text(json.dumps(results, indent=2, default=str))
    return results


def rows(db):
    """The rows of the four event tables in a database."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return sum(con.table(t).shape[0]
                   for t in ("signalen", "m_meldingen", "handhaving", "dol_registraties"))


def district_table(results):
    """The district figures as a Markdown table (the README shows it)."""
    lines = ["| page | scale | queries | cold ms alone | cold ms district | ratio (≤ 1.5) "
             "| warm ms alone / district |", "|---|---:|---:|---:|---:|---:|---|"]
    for scale, r in results.get("district", {}).items():
        for page_id, n in r["queries"].items():
            alone, district = r["cold_s"]["alone"][page_id], r["cold_s"]["district"][page_id]
            ratio = f"{district / alone:.2f}" if alone else "–"
            lines.append(f"| {page_id} | {scale} | {n} | {alone * 1000:.0f} | "
                         f"{district * 1000:.0f} | {ratio} | "
                         f"{r['warm_s']['alone'][page_id] * 1000:.1f} / "
                         f"{r['warm_s']['district'][page_id] * 1000:.1f} |")
    return "\n".join(lines)


def table(results):
    """The results as Markdown tables (the README shows them)."""
    lines = ["| load (DOL CSV) | rows | pipeline rows/s | bare DuckDB rows/s | share of bare |",
             "|---|---:|---:|---:|---:|"]
    for scale, r in results["load"].items():
        lines.append(f"| scale {scale} | {r['rows']:,} | {r['pipeline_rows_per_s']:,.0f} | "
                     f"{r['bare_rows_per_s']:,.0f} | {r['ratio_of_bare']:.2f} |")
    lines += ["", "| page | scale | queries | cold ms | warm ms | pandas cold ms | pandas warm ms "
              "| × faster cold | × faster warm |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scale, r in results["pages"].items():
        for page_id, cold in r["cold_s"].items():
            warm = r["warm_s"][page_id]
            p = results["peer"][scale].get(page_id)
            peer_cols = (f"{p['cold_s'] * 1000:.0f} | {p['warm_s'] * 1000:.1f} | "
                         f"{p['cold_s'] / cold:.0f} | {p['warm_s'] / warm:.0f}"
                         if p and cold and warm else "– | – | – | –")
            lines.append(f"| {page_id} | {scale} | {results['queries_per_page'][page_id]} | "
                         f"{cold * 1000:.0f} | {warm * 1000:.2f} | {peer_cols} |")
    lines += ["", "| browser | scale | first chart s (per page) | server peak RSS MB |",
              "|---|---:|---|---:|"]
    for scale, r in results["browser"].items():
        firsts = ", ".join(f"{p} {s:.1f}" for p, s in r["first_chart_s"].items())
        lines.append(f"| regisseur | {scale} | {firsts} | {r['server_peak_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="alleen schaal 1 (voor CI)")
    parser.add_argument("--scales", default="1,100,1000")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--only", choices=["load", "district"], help="alleen dit deel meten")
    parser.add_argument("--repeat", type=int, default=1,
                        help="laadmetingen per schaal (de mediaan telt)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    if args.only == "load":
        print(table(run_load(scales, args.repeat, args.out)))
        return 0
    if args.only == "district":
        print(district_table(run_district(scales, args.out, 1 if args.quick else None)))
        return 0
    load_scales = set(scales) if args.quick else {s for s in scales if s >= 100}
    browser_scales = {1} if args.quick else {min(scales), max(scales)}
    results = run(scales, load_scales, browser_scales, args.out, args.repeat, args.quick)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
