"""The plan update store: append-only history, current voortgang, validation, durability."""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

import polars as pl
import pytest

from dashboard import indicators, plan
from tests.conftest import ROOT, build_db, d

VANDAAG = dt.date(2026, 11, 30)


def doel(doel_id, spoor=1, voortgang="in_voorbereiding", jaar=2026, **extra):
    return {"doel_id": doel_id, "jaar": jaar, "spoor": spoor, "wat": f"Wat {doel_id}",
            "doel": f"Doel {doel_id}", "voortgang": voortgang, **extra}


@pytest.fixture
def plan_db(make_db):
    """Three 2026 goals and one 2025 goal."""
    return make_db({"plan_doelen": [
        doel("2026-1a", 1), doel("2026-2b", 2, "niet_gestart"), doel("2026-3a", 3, None),
        doel("2025-1a", 1, "afgerond", jaar=2025),
    ]})


@pytest.fixture
def store(tmp_path):
    return tmp_path / "updates.sqlite"


def add(plan_db, store, doel_id="2026-1a", voortgang="loopt", datum="2026-03-01",
        toelichting="Eerste sessie gehouden.", door="regisseur", jaar=2026, nu=None):
    """Record an update; by default recorded at noon on the day it refers to."""
    nu = nu or dt.datetime.combine(plan.as_date(datum) or VANDAAG, dt.time(12))
    return plan.record_update(doel_id, jaar, voortgang, toelichting, datum, door, db=plan_db,
                              store=store, vandaag=VANDAAG, nu=nu)


def test_record_update_appends_and_keeps_earlier_updates(plan_db, store):
    add(plan_db, store, voortgang="loopt", datum="2026-02-01")
    add(plan_db, store, voortgang="vertraagd", datum="2026-05-01", toelichting="Trainer ziek.")
    rows = plan.history(2026, "2026-1a", store=store)
    assert rows["voortgang"].to_list() == ["loopt", "vertraagd"]
    assert rows["door"].to_list() == ["regisseur", "regisseur"]
    assert rows["datum"].to_list() == [d("2026-02-01"), d("2026-05-01")]
    assert rows["vastgelegd_op"].null_count() == 0


def test_record_update_returns_stored_row_with_id(plan_db, store):
    row = add(plan_db, store, toelichting="  Gestart.  ")
    assert row["update_id"] >= 1
    assert row["toelichting"] == "Gestart."


def test_store_refuses_to_change_or_delete_an_update(plan_db, store):
    add(plan_db, store)
    con = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError, match="nooit gewijzigd"):
        con.execute("update plan_updates set voortgang = 'afgerond'")
    with pytest.raises(sqlite3.IntegrityError, match="nooit verwijderd"):
        con.execute("delete from plan_updates")
    con.close()
    assert plan.count(store) == 1


def test_history_of_a_year_excludes_other_years(plan_db, store):
    add(plan_db, store)
    add(plan_db, store, doel_id="2025-1a", jaar=2025, datum="2025-12-01", voortgang="afgerond")
    assert plan.history(2026, store=store)["doel_id"].to_list() == ["2026-1a"]
    assert plan.history(2025, store=store)["doel_id"].to_list() == ["2025-1a"]


def test_history_of_empty_store_is_an_empty_typed_frame(store):
    rows = plan.history(2026, store=store)
    assert rows.is_empty()
    assert rows.schema["datum"] == plan.HISTORY_SCHEMA["datum"]


def test_latest_takes_the_update_with_the_newest_date(plan_db, store):
    add(plan_db, store, voortgang="vertraagd", datum="2026-06-01")
    add(plan_db, store, voortgang="loopt", datum="2026-04-01", toelichting="Later ingevoerd.")
    row = plan.latest(2026, db=plan_db, store=store).filter(doel_id="2026-1a").row(0, named=True)
    assert row["voortgang"] == "vertraagd"
    assert row["laatste_datum"] == d("2026-06-01")
    assert row["aantal_updates"] == 2


def test_latest_on_the_same_date_takes_the_last_recorded(plan_db, store):
    add(plan_db, store, voortgang="loopt", datum="2026-06-01")
    add(plan_db, store, voortgang="afgerond", datum="2026-06-01", toelichting="Correctie.")
    row = plan.latest(2026, db=plan_db, store=store).filter(doel_id="2026-1a").row(0, named=True)
    assert row["voortgang"] == "afgerond"
    assert row["laatste_toelichting"] == "Correctie."


def test_latest_without_updates_uses_the_plan_voortgang(plan_db, store):
    frame = plan.latest(2026, db=plan_db, store=store)
    assert frame["doel_id"].to_list() == ["2026-1a", "2026-2b", "2026-3a"]
    assert frame["voortgang"].to_list() == ["in_voorbereiding", "niet_gestart", "niet_gestart"]
    assert frame["aantal_updates"].to_list() == [0, 0, 0]
    assert frame["laatste_datum"].null_count() == 3


def test_changes_since_lists_recent_updates_with_the_voortgang_before(plan_db, store):
    add(plan_db, store, voortgang="loopt", datum="2026-02-01")
    add(plan_db, store, voortgang="vertraagd", datum="2026-09-15", toelichting="Uitgesteld.")
    add(plan_db, store, doel_id="2026-2b", voortgang="loopt", datum="2026-10-01")
    changes = plan.changes_since(2026, d("2026-09-01"), db=plan_db, store=store)
    assert changes["doel_id"].to_list() == ["2026-2b", "2026-1a"]
    assert changes["voortgang_voor"].to_list() == ["niet_gestart", "loopt"]
    assert changes["voortgang"].to_list() == ["loopt", "vertraagd"]


def test_changes_since_includes_an_older_update_recorded_after_that_date(plan_db, store):
    add(plan_db, store, voortgang="loopt", datum="2026-05-01", nu=dt.datetime(2026, 9, 20, 10))
    changes = plan.changes_since(2026, d("2026-09-01"), db=plan_db, store=store)
    assert changes["datum"].to_list() == [d("2026-05-01")]


def test_unknown_voortgang_is_refused_in_dutch(plan_db, store):
    with pytest.raises(plan.PlanError, match="Voortgang 'bijna_klaar' is onbekend; kies uit"):
        add(plan_db, store, voortgang="bijna_klaar")


def test_empty_toelichting_is_refused_in_dutch(plan_db, store):
    with pytest.raises(plan.PlanError, match="De toelichting is leeg"):
        add(plan_db, store, toelichting="   ")


def test_too_long_toelichting_is_refused_with_its_length(plan_db, store):
    with pytest.raises(plan.PlanError, match="telt 501 tekens; maximaal 500"):
        add(plan_db, store, toelichting="x" * 501)


def test_future_date_is_refused_in_dutch(plan_db, store):
    with pytest.raises(plan.PlanError, match="2026-12-01 ligt in de toekomst"):
        add(plan_db, store, datum="2026-12-01")


def test_date_far_outside_the_plan_year_is_refused(plan_db, store):
    with pytest.raises(plan.PlanError, match="buiten de planperiode"):
        add(plan_db, store, datum="2023-05-01")


def test_unknown_doel_is_refused_in_dutch(plan_db, store):
    with pytest.raises(plan.PlanError, match="Doel '2026-9z' bestaat niet in het uitvoeringsplan"):
        add(plan_db, store, doel_id="2026-9z")


def test_goal_of_another_year_is_unknown_in_this_year(plan_db, store):
    with pytest.raises(plan.PlanError, match="bestaat niet in het uitvoeringsplan 2026"):
        add(plan_db, store, doel_id="2025-1a")


def test_every_problem_is_listed_at_once_and_nothing_is_written(plan_db, store):
    with pytest.raises(plan.PlanError) as err:
        add(plan_db, store, voortgang="?", toelichting="", datum="morgen", door="")
    assert len(err.value.problemen) == 4
    assert plan.count(store) == 0


def test_default_store_lies_beside_the_analytics_database(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(tmp_path / "x" / "loo.duckdb"))
    monkeypatch.delenv("LOO_PLAN_DB", raising=False)
    assert plan.store_path() == tmp_path / "x" / "plan_updates.sqlite"
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "elders.sqlite"))
    assert plan.store_path() == tmp_path / "elders.sqlite"


def test_store_uses_write_ahead_logging(plan_db, store):
    add(plan_db, store)
    con = sqlite3.connect(store)
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"
    con.close()


def test_updates_survive_replacing_the_analytics_database(tmp_path, monkeypatch):
    live = tmp_path / "data" / "loo.duckdb"
    live.parent.mkdir()
    build_db(live, {"plan_doelen": [doel("2026-1a")]})
    monkeypatch.setenv("LOO_DB", str(live))
    monkeypatch.delenv("LOO_PLAN_DB", raising=False)
    plan.record_update("2026-1a", 2026, "loopt", "Gestart.", "2026-03-01", "regisseur",
                       vandaag=VANDAAG)
    # A load builds a new file and swaps it in whole, as data_pipeline does.
    fresh = build_db(tmp_path / "data" / "nieuw.duckdb",
                     {"plan_doelen": [doel("2026-1a", voortgang="niet_gestart")]})
    os.replace(fresh, live)
    row = plan.latest(2026).row(0, named=True)
    assert row["voortgang"] == "loopt"
    assert row["voortgang_plan"] == "niet_gestart"
    assert plan.history(2026)["toelichting"].to_list() == ["Gestart."]


# A worker is a fresh interpreter (not multiprocessing): it waits for the start file, then
# appends n updates, each in its own transaction, as a second dashboard process would.
WORKER = """
import os, sys, time, datetime as dt
from dashboard import plan
store, worker, n, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not os.path.exists(start):
    time.sleep(0.001)
for i in range(n):
    plan.record_update("2026-1a", 2026, "loopt", f"w{worker}-{i}", "2026-03-01",
                       f"gebruiker{worker}", store=store, doelen=["2026-1a"],
                       vandaag=dt.date(2026, 11, 30))
"""


def test_two_processes_appending_at_once_lose_nothing(store, tmp_path):
    start = tmp_path / "start"
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(store), str(w), "200",
                                 str(start)], cwd=ROOT, stderr=subprocess.PIPE)
               for w in (1, 2)]
    start.touch()
    errors = [p.communicate(timeout=300)[1].decode() for p in workers]
    assert [p.returncode for p in workers] == [0, 0], errors
    rows = plan.history(2026, store=store)
    expected = {f"w{w}-{i}" for w in (1, 2) for i in range(200)}
    assert rows.height == 400
    assert set(rows["toelichting"].to_list()) == expected
    assert rows["update_id"].n_unique() == 400


SAMPLE_ROWS = [
    '{"doel_id": "2026-1a", "jaar": 2026, "voortgang": "loopt", "toelichting": "Gestart.", '
    '"datum": "2026-02-01", "door": "regisseur", "vastgelegd_op": "2026-02-02T09:00:00"}',
    '{"doel_id": "2026-1a", "jaar": 2026, "voortgang": "afgerond", "toelichting": "Klaar.", '
    '"datum": "2026-06-01", "door": "regisseur", "vastgelegd_op": "2026-06-01T15:30:00"}',
]


def test_seed_imports_the_sample_into_an_empty_store_once(tmp_path, store):
    sample = tmp_path / "voortgang.jsonl"
    sample.write_text("\n".join(SAMPLE_ROWS) + "\n", encoding="utf-8")
    assert plan.seed_if_empty(sample, store=store) == 2
    assert plan.seed_if_empty(sample, store=store) == 0
    rows = plan.history(2026, store=store)
    assert rows["voortgang"].to_list() == ["loopt", "afgerond"]
    assert set(rows["bron"].to_list()) == {"voorbeeld"}


def test_seed_leaves_a_store_with_updates_alone(plan_db, tmp_path, store):
    add(plan_db, store)
    sample = tmp_path / "voortgang.jsonl"
    sample.write_text("\n".join(SAMPLE_ROWS), encoding="utf-8")
    assert plan.seed_if_empty(sample, store=store) == 0
    assert plan.count(store) == 1


def test_seed_with_a_broken_line_names_it_and_imports_nothing(tmp_path, store):
    sample = tmp_path / "voortgang.jsonl"
    sample.write_text(SAMPLE_ROWS[0] + "\n{kapot\n", encoding="utf-8")
    with pytest.raises(plan.PlanError, match="regel 2 is geen geldige JSON"):
        plan.seed_if_empty(sample, store=store)
    assert plan.count(store) == 0


def test_sample_file_is_the_sample_history_as_json_lines():
    # JSON lines, not CSV: the loader loads every CSV in sample_data/.
    lines = [json.dumps(row, ensure_ascii=False) for row in plan.sample_history()]
    assert plan.SAMPLE_FILE.read_text(encoding="utf-8") == "\n".join(lines) + "\n"


def test_sample_history_runs_from_january_to_october_2026_with_two_to_four_per_goal():
    rows = plan.read_sample()
    dates = sorted(plan.as_date(r["datum"]) for r in rows)
    assert dates[0].month == 1 and dates[-1] <= d("2026-10-31")
    per_goal = {}
    for r in rows:
        per_goal[r["doel_id"]] = per_goal.get(r["doel_id"], 0) + 1
    assert len(per_goal) == 6
    assert all(2 <= n <= 4 for n in per_goal.values())
    assert all(0 < len(r["toelichting"]) <= plan.MAX_TOELICHTING for r in rows)


def test_sample_history_seeds_an_empty_store(store):
    assert plan.seed_if_empty(store=store) == len(plan.SAMPLE_2026)
    assert plan.history(2026, "UP-2026-1.2", store=store)["voortgang"].to_list() == [
        "in_voorbereiding", "vertraagd", "vertraagd"]


def goal_row(**extra):
    row = {"doel_id": "2026-1a", "jaar": 2026, "voortgang": "loopt", "startdatum": d("2026-01-01"),
           "einddatum": d("2026-12-31"), "laatste_datum": d("2026-10-01")}
    return {**row, **extra}


def test_attention_puts_a_delayed_goal_first_with_the_update_that_says_why():
    goal = goal_row(voortgang="vertraagd", laatste_toelichting="Wacht op de planning van COA.")
    assert plan.attention(goal, vandaag=VANDAAG) == (
        0, ["Vertraagd volgens de update van 1 oktober 2026: “Wacht op de planning van COA.”."])


def test_the_reason_in_one_line_gives_the_update_and_the_measurement_against_its_target():
    goal = goal_row(voortgang="vertraagd", laatste_toelichting="Wacht op COA.")
    rang, redenen = plan.attention(goal, vandaag=VANDAAG)
    projectie = indicators.projection({1: 1, 6: 3}, 4, 2026, d("2026-06-30"))
    assert plan.reden(goal, redenen, projectie, "signalen") == (
        "Vertraagd volgens de update van 1 oktober 2026: “Wacht op COA.”. "
        "Meting: 3 van 4 signalen, op koers.")


def test_a_long_update_is_cut_at_a_word_to_stay_on_one_line():
    goal = goal_row(laatste_toelichting="woord " * 60)
    assert plan.laatste_update(goal).endswith("woord …”")
    assert len(plan.laatste_update(goal)) < plan.KORT_TEKST + 40


def test_attention_flags_a_passed_end_date():
    rank, reasons = plan.attention(goal_row(einddatum=d("2026-06-30")), vandaag=VANDAAG)
    assert rank == 0 and reasons == ["Einddatum 30 juni 2026 is verstreken."]


def test_attention_takes_an_indicator_behind_schedule_as_a_risk():
    projectie = {"status": "achter", "zin": "Achter op schema: 8 van 20 gemeten."}
    assert plan.attention(goal_row(), projectie, vandaag=VANDAAG) == (
        1, ["Achter op schema: 8 van 20 gemeten."])


def test_attention_flags_a_goal_without_update_for_three_months():
    rank, reasons = plan.attention(goal_row(laatste_datum=d("2026-07-01")), vandaag=VANDAAG)
    assert rank == 1 and reasons == ["Geen update sinds 1 juli 2026."]


def test_attention_flags_a_goal_not_started_after_its_start():
    rank, reasons = plan.attention(goal_row(voortgang="niet_gestart",
                                            startdatum=d("2026-10-01")), vandaag=VANDAAG)
    assert rank == 1 and reasons == ["Nog niet gestart; de start was 1 oktober 2026."]


def test_attention_leaves_a_goal_on_schedule_and_a_finished_goal_alone():
    assert plan.attention(goal_row(), vandaag=VANDAAG) == (2, [])
    assert plan.attention(goal_row(voortgang="afgerond", einddatum=d("2026-03-01")),
                          vandaag=VANDAAG) == (3, [])


def test_sample_history_refers_to_the_goals_of_the_sample_plan():
    sample_plan = pl.read_csv(plan.SAMPLE_FILE.parent / "uitvoeringsplan_2026.csv")
    assert {r["doel_id"] for r in plan.read_sample()} == set(sample_plan["doel_id"].to_list())


# District mode (issue 16): each gemeente has its own plan, also in the update store.

@pytest.fixture
def district_plan_db(make_db):
    """The same goal id in the plans of Wassenaar and Zoetermeer."""
    return make_db({"plan_doelen": [doel("2026-1a", gemeente="Wassenaar"),
                                    doel("2026-1a", voortgang="niet_gestart",
                                         gemeente="Zoetermeer")]})


def add_for(gemeente, plan_db, store, voortgang="loopt", toelichting="Gestart."):
    return plan.record_update("2026-1a", 2026, voortgang, toelichting, "2026-03-01", "regisseur",
                              db=plan_db, store=store, vandaag=VANDAAG, gemeente=gemeente,
                              nu=dt.datetime(2026, 3, 1, 12))


def test_an_update_is_read_only_under_its_own_gemeente(district_plan_db, store):
    add_for("Wassenaar", district_plan_db, store, toelichting="Wassenaars update.")
    assert plan.history(2026, store=store, gemeente="Wassenaar")["toelichting"].to_list() == [
        "Wassenaars update."]
    assert plan.history(2026, store=store, gemeente="Zoetermeer").is_empty()


def test_another_gemeentes_update_leaves_the_stand_of_a_goal_with_the_same_id_alone(
        district_plan_db, store, monkeypatch):
    add_for("Wassenaar", district_plan_db, store, voortgang="vertraagd")
    from dashboard import queries
    monkeypatch.setattr(queries._bereik, "gemeente", "Zoetermeer", raising=False)
    row = plan.latest(2026, db=district_plan_db, store=store).row(0, named=True)
    assert (row["voortgang"], row["aantal_updates"]) == ("niet_gestart", 0)


def test_an_update_of_another_gemeente_cannot_be_corrected_or_withdrawn(district_plan_db, store):
    stored = add_for("Wassenaar", district_plan_db, store)
    with pytest.raises(plan.PlanError, match="bestaat niet"):
        plan.correct(stored["update_id"], "vertraagd", "Anders.", "regisseur", store=store,
                     gemeente="Zoetermeer")
    with pytest.raises(plan.PlanError, match="bestaat niet"):
        plan.correct(stored["update_id"], None, "", "regisseur", store=store,
                     gemeente="Zoetermeer", intrekken=True)
    assert plan.stored(stored["update_id"], store, "Wassenaar")["status"] == "geldig"


def test_the_gemeente_of_a_stored_update_cannot_be_changed(district_plan_db, store):
    stored = add_for("Wassenaar", district_plan_db, store)
    with sqlite3.connect(store) as con, pytest.raises(sqlite3.IntegrityError):
        con.execute("update plan_updates set gemeente = 'Zoetermeer', versie = versie + 1, "
                    "gewijzigd_op = 'nu', gewijzigd_door = 'x' where update_id = ?",
                    [stored["update_id"]])


def test_a_store_from_before_gemeenten_keeps_its_updates_under_the_configured_gemeente(
        plan_db, store):
    with sqlite3.connect(store) as con:  # the store's shape before corrections and gemeenten
        con.execute("create table plan_updates (update_id integer primary key autoincrement, "
                    "doel_id text not null, jaar integer not null, voortgang text not null, "
                    "toelichting text not null, datum text not null, door text not null, "
                    "vastgelegd_op text not null, bron text not null default 'dashboard')")
        con.execute("insert into plan_updates (doel_id, jaar, voortgang, toelichting, datum, "
                    "door, vastgelegd_op) values ('2026-1a', 2026, 'loopt', 'Oud.', "
                    "'2026-02-01', 'regisseur', '2026-02-01T12:00:00.000000')")
    assert plan.history(2026, store=store, gemeente="Wassenaar")["toelichting"].to_list() == [
        "Oud."]
    assert plan.history(2026, store=store, gemeente="Zoetermeer").is_empty()
    with sqlite3.connect(store) as con:
        assert con.execute("select gemeente from plan_updates").fetchall() == [("Wassenaar",)]
