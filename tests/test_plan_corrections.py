"""Correcting and withdrawing a plan update: the store keeps only the new version."""

import datetime as dt
import sqlite3

import pytest

from dashboard import plan
from tests.test_plan_store import VANDAAG, add, plan_db, store  # noqa: F401 (fixtures)

NU = dt.datetime(2026, 11, 30, 15, 0)
ORIGINEEL = "Overleg met Zonnebloemkwekerij gehad, vervolg in december."

# The store's schema before corrections existed (as shipped until December 2026).
OUDE_SCHEMA = """
create table plan_updates (
    update_id integer primary key autoincrement, doel_id text not null, jaar integer not null,
    voortgang text not null, toelichting text not null, datum text not null, door text not null,
    vastgelegd_op text not null, bron text not null default 'dashboard');
create trigger plan_updates_niet_wijzigen before update on plan_updates
   begin select raise(abort, 'Voortgangsupdates worden nooit gewijzigd.'); end;
create trigger plan_updates_niet_verwijderen before delete on plan_updates
   begin select raise(abort, 'Voortgangsupdates worden nooit verwijderd.'); end;
insert into plan_updates (doel_id, jaar, voortgang, toelichting, datum, door, vastgelegd_op)
values ('2026-1a', 2026, 'loopt', 'Oude update.', '2026-02-01', 'regisseur',
        '2026-02-01T12:00:00.000000');
"""


def file_bytes(path):
    """The store file and its write-ahead log, as bytes."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_a_correction_replaces_voortgang_and_toelichting_for_everyone(plan_db, store):
    first = add(plan_db, store, toelichting=ORIGINEEL)
    plan.correct(first["update_id"], "vertraagd", "Vervolg uitgesteld.", "regisseur",
                 store=store, nu=NU)
    row = plan.history(2026, "2026-1a", store=store).row(0, named=True)
    assert (row["voortgang"], row["toelichting"]) == ("vertraagd", "Vervolg uitgesteld.")
    assert (row["status"], row["versie"], row["gewijzigd_door"]) == ("gecorrigeerd", 2, "regisseur")
    assert row["gewijzigd_op"] == NU
    stand = plan.latest(2026, db=plan_db, store=store).filter(doel_id="2026-1a").row(0, named=True)
    assert stand["voortgang"] == "vertraagd"


def test_a_correction_returns_the_original_for_the_audit_trail(plan_db, store):
    first = add(plan_db, store, toelichting=ORIGINEEL)
    before = plan.correct(first["update_id"], "vertraagd", "Anders.", "regisseur", store=store,
                          nu=NU)
    assert (before["voortgang"], before["toelichting"]) == ("loopt", ORIGINEEL)


def test_the_corrected_text_is_gone_from_the_store_file(plan_db, store):
    first = add(plan_db, store, toelichting=ORIGINEEL)
    other = sqlite3.connect(store)  # another process keeps the store open: no checkpoint on close
    other.execute("select count(*) from plan_updates").fetchall()
    plan.correct(first["update_id"], "loopt", "Overleg gehad.", "regisseur", store=store, nu=NU)
    assert b"Zonnebloemkwekerij" not in file_bytes(store)
    other.close()


def test_a_withdrawn_update_disappears_and_the_goal_falls_back(plan_db, store):
    add(plan_db, store, voortgang="loopt", datum="2026-03-01")
    later = add(plan_db, store, voortgang="afgerond", datum="2026-04-01", toelichting=ORIGINEEL)
    other = sqlite3.connect(store)
    other.execute("select count(*) from plan_updates").fetchall()
    plan.correct(later["update_id"], None, None, "regisseur", store=store, nu=NU, intrekken=True)
    assert b"Zonnebloemkwekerij" not in file_bytes(store)
    other.close()
    assert plan.history(2026, "2026-1a", store=store)["voortgang"].to_list() == ["loopt"]
    stand = plan.latest(2026, db=plan_db, store=store).filter(doel_id="2026-1a").row(0, named=True)
    assert (stand["voortgang"], stand["aantal_updates"]) == ("loopt", 1)
    assert plan.stored(later["update_id"], store)["status"] == "ingetrokken"


def test_a_withdrawn_update_cannot_be_corrected(plan_db, store):
    first = add(plan_db, store)
    plan.correct(first["update_id"], None, None, "regisseur", store=store, nu=NU, intrekken=True)
    with pytest.raises(plan.PlanError, match="al ingetrokken"):
        plan.correct(first["update_id"], "loopt", "Terug.", "regisseur", store=store, nu=NU)


def test_a_correction_with_a_phone_number_is_refused_and_changes_nothing(plan_db, store):
    first = add(plan_db, store)
    with pytest.raises(plan.PlanError) as refused:
        plan.correct(first["update_id"], "loopt", "Bel 06-12345678.", "regisseur", store=store,
                     nu=NU)
    assert "12345678" not in str(refused.value)
    assert plan.stored(first["update_id"], store)["versie"] == 1


def test_a_correction_that_changes_nothing_is_refused(plan_db, store):
    first = add(plan_db, store, toelichting="Gestart.")
    with pytest.raises(plan.PlanError, match="niets te corrigeren"):
        plan.correct(first["update_id"], "loopt", " Gestart. ", "regisseur", store=store, nu=NU)


def test_an_unknown_update_cannot_be_corrected(store):
    with pytest.raises(plan.PlanError, match="bestaat niet"):
        plan.correct(99, "loopt", "Iets.", "regisseur", store=store, nu=NU)


@pytest.mark.parametrize("change", [
    "voortgang = 'afgerond'",                                                  # no new version
    "datum = '2026-01-01', versie = 2, gewijzigd_op = 'x', gewijzigd_door = 'y'",  # the date
    "door = 'ander', versie = 2, gewijzigd_op = 'x', gewijzigd_door = 'y'",    # the author
    "voortgang = 'afgerond', versie = 2",                                      # no who and when
    "voortgang = 'afgerond', versie = 3, gewijzigd_op = 'x', gewijzigd_door = 'y'",  # a skip
])
def test_the_store_refuses_every_other_change_to_an_update(plan_db, store, change):
    add(plan_db, store)
    con = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError, match="alleen gecorrigeerd of ingetrokken"):
        con.execute(f"update plan_updates set {change}")
    con.close()


def test_the_store_refuses_to_revive_a_withdrawn_update(plan_db, store):
    first = add(plan_db, store)
    plan.correct(first["update_id"], None, None, "regisseur", store=store, nu=NU, intrekken=True)
    con = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError, match="alleen gecorrigeerd of ingetrokken"):
        con.execute("update plan_updates set status = 'geldig', versie = 3, "
                    "gewijzigd_op = 'x', gewijzigd_door = 'y'")
    con.close()


def test_a_store_from_before_corrections_is_upgraded_and_keeps_its_updates(store):
    con = sqlite3.connect(store)
    con.executescript(OUDE_SCHEMA)
    con.close()
    row = plan.history(2026, store=store).row(0, named=True)
    assert (row["toelichting"], row["status"], row["versie"]) == ("Oude update.", "geldig", 1)
    plan.correct(row["update_id"], "vertraagd", "Nieuwe tekst.", "regisseur", store=store, nu=NU)
    assert plan.history(2026, store=store)["toelichting"].to_list() == ["Nieuwe tekst."]
