"""Generated data sets and databases per scale, kept in benchmarks/work/ between runs (or in
LOO_BENCH_WORK: the tests give each process its own, so two runs never write the same file)."""

import os
import time
from pathlib import Path

from data_pipeline import load, sample

WORK = Path(os.environ.get("LOO_BENCH_WORK") or Path(__file__).resolve().parent / "work")


def exports(scale):
    """The sample exports at this scale (generated once), and the seconds generation took."""
    folder = WORK / f"scale_{scale}"
    done = folder / ".klaar"
    started = time.perf_counter()
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        sample.write_sample(folder, scale=scale)
        done.write_text("ok")
    return folder, time.perf_counter() - started


def database(scale):
    """A database holding every export of this scale (built once through the real loader)."""
    folder, _ = exports(scale)
    db = WORK / f"scale_{scale}.duckdb"
    if not db.exists():
        results = load.load_paths([folder], db=db)
        refused = [r for r in results if r.uitkomst == "geweigerd"]
        if refused:
            raise RuntimeError(f"sample at scale {scale} refused: {refused[0].samenvatting()}")
    return db


def district_database(scale):
    """A database of Wassenaar and its three district partners, each at this scale (the same
    volumes each, as `sample --district gelijk`), built once through the real loader."""
    folder, _ = exports(scale)
    partners = WORK / f"district_{scale}"
    done = partners / ".klaar"
    if not done.exists():
        sample.write_district(partners, scale=scale, gelijk=True)
        done.write_text("ok")
    db = WORK / f"district_{scale}.duckdb"
    if not db.exists():
        results = load.load_paths([folder, partners / sample.DISTRICT_MAP], db=db)
        refused = [r for r in results if r.uitkomst == "geweigerd"]
        if refused:
            raise RuntimeError(f"district at scale {scale} refused: {refused[0].samenvatting()}")
    return db


def shipped_district():
    """The shipped district sample (sample_data and sample_data/district) in a database, built
    once: the demo accounts log in over it, so pages can be recorded on it."""
    shipped = Path(__file__).resolve().parent.parent / "sample_data"
    db = WORK / "district_sample.duckdb"
    if not db.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        load.load_paths([shipped, shipped / sample.DISTRICT_MAP], db=db)
    return db


def dol_file(scale):
    """The DOL registrations export of this scale."""
    folder, _ = exports(scale)
    return next(folder.glob("dol_registraties*.csv"))
