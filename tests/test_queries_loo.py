"""The LOO-overleg queries and measures against figures computed by hand on a tiny database.

Meeting of 2 April 2025; the previous meeting is 5 March 2025 (the last earlier
datum_besproken_loo). "Since the previous meeting" is the half-open interval (vorige,
vergadering]. Signals (id: ontvangst, besproken, status, vervolg, afgesloten):
  S1 2025-01-10 2025-02-05 afgesloten  bestuursrechtelijk 2025-03-15
  S2 2025-02-20 2025-03-05 interventie strafrechtelijk
  S3 2025-03-03 2025-03-05 in_onderzoek -
  S4 2025-03-10 -          nieuw        -
  S5 2025-03-20 2025-04-09 doorgezet   riec
  S6 2024-09-01 2024-10-01 in_onderzoek bronnenonderzoek
  S7 2025-02-10 2025-03-05 afgesloten  geen                2025-03-20
  S8 2025-03-05 2025-03-05 afgesloten  geen                2025-03-05
  S9 2025-04-02 -          nieuw        -
  S10 2025-04-20 -         nieuw        -
The flags of stg_signalen that follow (counted by hand):
  vervolg_besloten (discussed, and a vervolg or an intervention): S1 S2 S3 S5 S6 S7 S8
    (S3 has no vervolg, but a linked bestuurlijke maatregel);
  interventie (discussed, and an intervening vervolg, status interventie or a linked
    maatregel): S1 (bestuursrechtelijk), S2 (strafrechtelijk, status), S3 (maatregelen H1 and
    H2, the first on 10 March), S5 (riec), S6 (maatregel H4); not S7, whose only linked action
    is a Bibob investigation, which is research, not a maatregel;
  afgesloten (vervolg_besloten and status afgesloten): S1 S7 S8.
"""

import datetime as dt
from contextlib import contextmanager

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import measures, queries
from data_pipeline import staging
from data_pipeline.contract import INSTRUMENT_SOORT, STATUSSEN, VERVOLGEN, all_ddl
from tests.conftest import d, runner

VERGADERING = d("2025-04-02")
VORIGE = d("2025-03-05")
# The funnel's stages and the measure each equals for a whole period (as on the LOO page).
FASEN = {"signaal": "signalen", "besproken": "besproken_loo", "vervolg": "vervolg_besloten",
         "afgesloten": "afgesloten", "interventie": "interventie"}
BINNENGEKOMEN = ["signalen_en_meldingen", "signalen", "m_meldingen_los", "m_meldingen"]


def _s(sid, ontvangst, besproken, status, vervolg=None, afgesloten=None):
    return {"signaal_id": sid, "datum_ontvangst": d(ontvangst), "bron": "politie",
            "thema": "drugs", "status": status, "wijk": "Centrum",
            "datum_besproken_loo": d(besproken) if besproken else None,
            "datum_afgesloten": d(afgesloten) if afgesloten else None,
            "vervolg": vervolg, "subject_pseudoniem": f"P-{sid}"}


SIGNALEN = [
    _s("S1", "2025-01-10", "2025-02-05", "afgesloten", "bestuursrechtelijk", "2025-03-15"),
    _s("S2", "2025-02-20", "2025-03-05", "interventie", "strafrechtelijk"),
    _s("S3", "2025-03-03", "2025-03-05", "in_onderzoek"),
    _s("S4", "2025-03-10", None, "nieuw"),
    _s("S5", "2025-03-20", "2025-04-09", "doorgezet", "riec"),
    _s("S6", "2024-09-01", "2024-10-01", "in_onderzoek", "bronnenonderzoek"),
    _s("S7", "2025-02-10", "2025-03-05", "afgesloten", "geen", "2025-03-20"),
    _s("S8", "2025-03-05", "2025-03-05", "afgesloten", "geen", "2025-03-05"),
    _s("S9", "2025-04-02", None, "nieuw"),
    _s("S10", "2025-04-20", None, "nieuw"),
]

MELDINGEN = [
    # M1 linked to S4 (counts once, as S4); M2 unlinked; M3 links to a signal that does not
    # exist, so it counts on its own; M4 on the previous meeting day and M5 after the meeting
    # fall outside the window.
    {"melding_id": "M1", "datum_ontvangst": d("2025-03-12"), "thema": "drugs",
     "gekoppeld_signaal_id": "S4"},
    {"melding_id": "M2", "datum_ontvangst": d("2025-03-25"), "thema": "fraude"},
    {"melding_id": "M3", "datum_ontvangst": d("2025-03-28"), "thema": "witwassen",
     "gekoppeld_signaal_id": "S99"},
    {"melding_id": "M4", "datum_ontvangst": d("2025-03-05"), "thema": "drugs"},
    {"melding_id": "M5", "datum_ontvangst": d("2025-04-03"), "thema": "drugs"},
]

HANDHAVING = [
    # S3: two linked bestuurlijke maatregelen, the first on 10 March; S7: a linked Bibob
    # investigation (no maatregel); S6's maatregel lies outside every period used here.
    {"actie_id": "H1", "datum": d("2025-03-20"), "instrument": "apv_straathandel",
     "signaal_id": "S3"},
    {"actie_id": "H2", "datum": d("2025-03-10"), "instrument": "bestuurlijke_waarschuwing",
     "signaal_id": "S3"},
    {"actie_id": "H3", "datum": d("2025-03-15"), "instrument": "bibob_onderzoek",
     "signaal_id": "S7"},
    {"actie_id": "H4", "datum": d("2024-11-01"), "instrument": "apv_straathandel",
     "signaal_id": "S6"},
]


@pytest.fixture
def db(make_db):
    return make_db({"signalen": SIGNALEN, "m_meldingen": MELDINGEN, "handhaving": HANDHAVING})


def trechter(run, van, tot, peildatum):
    return run("loo_trechter", van=d(van), tot=d(tot), peildatum=d(peildatum))


def aantallen(run, van, tot, peildatum):
    return trechter(run, van, tot, peildatum)["aantal"].to_list()


def test_previous_meeting_is_last_earlier_discussion_date(db):
    # Discussion dates before 2 April: 2024-10-01, 2025-02-05, 2025-03-05 -> 5 March.
    row = queries.run("loo_vorige_vergadering", db=db, vergadering=VERGADERING).row(0, named=True)
    assert row == {"vorige": VORIGE, "bron": "besproken"}


def test_previous_meeting_excludes_the_meeting_day_itself(db):
    # On 5 March itself the previous meeting is 5 February.
    row = queries.run("loo_vorige_vergadering", db=db, vergadering=d("2025-03-05")).row(0)
    assert row[0] == d("2025-02-05")


def test_previous_meeting_falls_back_to_one_month_back(db):
    # Nothing was discussed before 15 September 2024 -> 15 August 2024.
    row = queries.run("loo_vorige_vergadering", db=db, vergadering=d("2024-09-15")).row(0)
    assert row == (d("2024-08-15"), "maand_terug")


def test_incoming_after_the_previous_meeting_counts_linked_m_melding_once(db):
    # After 5 March up to and including 2 April: S4, S5, S9 = 3 signals (S8 on 5 March, the
    # previous meeting day, is excluded); M1, M2, M3 = 3 M-meldingen (M4 on 5 March is
    # excluded), of which M1 links to S4 -> 2 on top; total 3 + 2 = 5.
    t = measures.values(runner(db), BINNENGEKOMEN, measures.day_after(VORIGE), VERGADERING)
    assert t == {"signalen": 3, "m_meldingen": 3, "m_meldingen_los": 2,
                 "signalen_en_meldingen": 5}
    assert t["m_meldingen"] - t["m_meldingen_los"] == 1  # the linked one, M1


def test_incoming_list_and_count_use_the_same_half_open_window(db):
    # Every meeting date and the meeting of 2 April: the list (vorige, vergadering] has as many
    # signals as the measure over day_after(vorige)..vergadering.
    run = runner(db)
    for vergadering in (d("2025-02-05"), d("2025-03-05"), VERGADERING, d("2025-04-09")):
        vorige = run("loo_vorige_vergadering", vergadering=vergadering)["vorige"][0]
        lijst = run("loo_binnengekomen_lijst", vorige=vorige, vergadering=vergadering,
                    limiet=100)
        assert lijst.height == measures.value(run, "signalen", measures.day_after(vorige),
                                              vergadering), vergadering


def test_incoming_list_is_pseudonymised_and_ordered(db):
    df = queries.run("loo_binnengekomen_lijst", db=db, vorige=VORIGE, vergadering=VERGADERING,
                     limiet=100)
    assert df.columns == ["signaal_id", "datum_ontvangst", "bron", "thema", "wijk", "status"]
    assert df["signaal_id"].to_list() == ["S4", "S5", "S9"]


def test_incoming_list_is_bounded(db):
    df = queries.run("loo_binnengekomen_lijst", db=db, vorige=VORIGE, vergadering=VERGADERING,
                     limiet=2)
    assert df["signaal_id"].to_list() == ["S4", "S5"]


def test_open_signals_by_status(db):
    # Open on 2 April: S2 interventie, S3 and S6 in_onderzoek, S4 and S9 nieuw
    # (S5 doorgezet and S1/S7/S8 afgesloten are not open; S10 arrives later).
    df = queries.run("loo_open_status", db=db, vergadering=VERGADERING)
    assert df.select("status", "aantal").rows() == [
        ("nieuw", 2), ("in_onderzoek", 2), ("interventie", 1)]


def test_open_signals_by_age_bucket(db):
    # Days to 2 April: S2 41, S3 30 (boundary -> 30 tot 90), S4 23, S6 213, S9 0.
    df = queries.run("loo_open_leeftijd", db=db, vergadering=VERGADERING)
    assert df.select("leeftijd", "aantal").rows() == [
        ("minder dan 30 dagen", 2), ("30 tot 90 dagen", 2), ("90 tot 180 dagen", 0),
        ("180 dagen of meer", 1)]


def test_waiting_signals_include_those_discussed_after_the_meeting(db):
    # Not discussed by 2 April: S4 (never), S5 (9 April), S9 (never); S10 arrives later.
    df = queries.run("loo_te_bespreken", db=db, vergadering=VERGADERING, limiet=100)
    assert df["signaal_id"].to_list() == ["S4", "S5", "S9"]
    assert df["dagen_wachtend"].to_list() == [23, 13, 0]
    assert set(df["totaal"]) == {3}


def test_waiting_signals_total_counts_beyond_the_limit(db):
    df = queries.run("loo_te_bespreken", db=db, vergadering=VERGADERING, limiet=1)
    assert df.height == 1 and df["totaal"][0] == 3


def test_follow_ups_of_a_meeting_count_its_own_decisions_since_the_previous_meeting(db):
    # Meeting of 5 March, previous meeting 5 February: discussed in (5 Feb, 5 March] are S2
    # strafrechtelijk, S3 (no vervolg yet), S7 geen and S8 geen; S1 (bestuursrechtelijk, on
    # 5 February) belongs to the previous meeting.
    run = runner(db)
    vorige = run("loo_vorige_vergadering", vergadering=d("2025-03-05"))["vorige"][0]
    df = measures.by(run, "besproken_in_overleg", "vervolg", measures.day_after(vorige),
                     d("2025-03-05"))
    assert df.rows() == [("geen", 2), ("nog_niet_bepaald", 1), ("strafrechtelijk", 1)]


def test_follow_ups_leave_out_the_decisions_of_the_previous_meeting_day(db):
    # Meeting of 9 April, previous meeting 5 March: only S5 (riec) was discussed in
    # (5 March, 9 April]; the four decisions of 5 March were shown at that meeting already.
    run = runner(db)
    vorige = run("loo_vorige_vergadering", vergadering=d("2025-04-09"))["vorige"][0]
    assert vorige == VORIGE
    df = measures.by(run, "besproken_in_overleg", "vervolg", measures.day_after(vorige),
                     d("2025-04-09"))
    assert df.rows() == [("riec", 1)]


def test_funnel_has_five_nested_stages_and_interventie_needs_a_discussion_and_a_maatregel(db):
    # Received in 2025, peildatum after every date: S1-S5, S7-S10 = 9. Besproken: S1 S2 S3 S5
    # S7 S8 = 6. Vervolg: the same 6 (S3 by its linked maatregel). Afgesloten: S1 S7 S8 = 3.
    # Interventie: S1 bestuursrechtelijk, S2 strafrechtelijk, S3 linked maatregel, S5 riec = 4;
    # S7's linked Bibob investigation is no maatregel.
    df = trechter(runner(db), "2025-01-01", "2025-12-31", "2025-12-31")
    assert df.select("stap", "fase", "aantal").rows() == [
        (1, "signaal", 9), (2, "besproken", 6), (3, "vervolg", 6), (4, "afgesloten", 3),
        (5, "interventie", 4)]


def test_funnel_lead_time_to_interventie_runs_to_the_first_linked_maatregel(db):
    # ontvangst->besproken: S1 26, S2 13, S3 2, S5 20, S7 23, S8 0 -> median (13+20)/2 = 16.5.
    # vervolg has no date of its own: no lead time.
    # besproken->afgesloten: S1 5 Feb->15 March = 38, S7 15, S8 0 -> 15 (n=3).
    # besproken->first maatregel: only S3, 5 March -> 10 March (H2, not H1 of 20 March) = 5;
    # S1, S2 and S5 intervene without a linked maatregel; S7's Bibob does not count (n=1).
    df = trechter(runner(db), "2025-01-01", "2025-12-31", "2025-12-31")
    assert df.select("mediaan_dagen", "basis").rows() == [
        (None, 0), (16.5, 6), (None, 0), (15.0, 3), (5.0, 1)]


def test_funnel_respects_the_period(db):
    # Received 1 Jan .. 28 Feb 2025: S1, S2, S7 -> all besproken, all with a vervolg;
    # afgesloten S1, S7; interventie S1, S2.
    assert aantallen(runner(db), "2025-01-01", "2025-02-28", "2025-12-31") == [3, 3, 3, 2, 2]


def test_funnel_a_linked_bibob_investigation_is_no_interventie(db):
    # Received 1-15 February: S7 only (geen, afgesloten, its one linked action a Bibob).
    assert aantallen(runner(db), "2025-02-01", "2025-02-15", "2025-12-31") == [1, 1, 1, 1, 0]


def test_funnel_a_linked_maatregel_makes_a_discussed_signal_an_interventie(db):
    # Received 1-4 March: S3 only (discussed, no vervolg, status in_onderzoek, two maatregelen).
    assert aantallen(runner(db), "2025-03-01", "2025-03-04", "2025-12-31") == [1, 1, 1, 0, 1]


def test_funnel_interventie_needs_a_discussion(make_db):
    # Never discussed, though with an intervening vervolg, the status interventie and a linked
    # maatregel: received, nothing more.
    db = make_db({"signalen": [_s("X1", "2025-03-03", None, "interventie", "bestuursrechtelijk")],
                  "handhaving": [{"actie_id": "HX", "datum": d("2025-03-10"),
                                  "instrument": "opiumwet_13b_sluiting", "signaal_id": "X1"}]})
    assert aantallen(runner(db), "2025-01-01", "2025-12-31", "2025-12-31") == [1, 0, 0, 0, 0]


def test_funnel_leaves_out_signals_received_after_the_peildatum(db):
    # Period all of 2025, peildatum 5 March: received by then S1 S2 S3 S7 S8 = 5 (S4 of
    # 10 March and later ones are not yet there).
    assert aantallen(runner(db), "2025-01-01", "2025-12-31", "2025-03-05")[0] == 5


def test_funnel_leaves_out_discussions_after_the_peildatum(db):
    # Peildatum 28 February: received S1 S2 S7; only S1 was discussed by then (5 February),
    # S2 and S7 on 5 March. The lead time is S1's alone: 26 days.
    df = trechter(runner(db), "2025-01-01", "2025-12-31", "2025-02-28")
    assert df["aantal"].to_list()[:2] == [3, 1]
    assert df.row(1, named=True)["mediaan_dagen"] == 26.0


def test_funnel_leaves_out_closings_after_the_peildatum(db):
    # Peildatum 5 March: S8 was closed that day; S1 (15 March) and S7 (20 March) were not yet.
    df = trechter(runner(db), "2025-01-01", "2025-12-31", "2025-03-05")
    assert df.row(3, named=True) == {"stap": 4, "fase": "afgesloten", "aantal": 1,
                                     "mediaan_dagen": 0.0, "basis": 1}


def test_funnel_leaves_out_maatregelen_after_the_peildatum(db):
    # Peildatum 5 March: S3 was discussed that day without a vervolg; its maatregelen came on
    # 10 and 20 March, so on 5 March it had neither a vervolg nor an interventie. Vervolg: S1 S2
    # S7 S8 = 4; interventie: S1 bestuursrechtelijk, S2 strafrechtelijk = 2, with no maatregel
    # to measure a lead time to.
    df = trechter(runner(db), "2025-01-01", "2025-12-31", "2025-03-05")
    assert df["aantal"].to_list() == [5, 5, 4, 1, 2]
    assert df.row(4, named=True)["basis"] == 0


def test_every_funnel_stage_is_at_most_the_stage_before_on_every_date(db):
    # Every date in the fixture as the peildatum; stage 5 (interventie) is part of stage 3.
    datums = {s[k] for s in SIGNALEN for k in ("datum_ontvangst", "datum_besproken_loo",
                                               "datum_afgesloten") if s[k]}
    datums |= {h["datum"] for h in HANDHAVING}
    run = runner(db)
    for peildatum in sorted(datums):
        a = run("loo_trechter", van=d("2024-01-01"), tot=d("2025-12-31"),
                peildatum=peildatum)["aantal"].to_list()
        assert a[0] >= a[1] >= a[2] >= a[3] and a[2] >= a[4], (peildatum, a)


def test_funnel_for_a_whole_period_equals_the_measures(db):
    # Peildatum after every date: each stage is the registered measure over the same period.
    run = runner(db)
    for van, tot in (("2025-01-01", "2025-12-31"), ("2024-01-01", "2025-12-31"),
                     ("2025-03-01", "2025-03-31")):
        df = trechter(run, van, tot, "2026-01-01")
        t = measures.values(run, list(FASEN.values()), d(van), d(tot))
        assert dict(df.select("fase", "aantal").iter_rows()) == {
            f: t[m] for f, m in FASEN.items()}, (van, tot)


def test_empty_database_gives_zero_rows_not_errors(empty_db):
    run = runner(empty_db)
    assert queries.run("loo_open_status", db=empty_db, vergadering=VERGADERING)["aantal"].sum() == 0
    assert aantallen(run, "2025-01-01", "2025-12-31", "2025-12-31") == [0, 0, 0, 0, 0]
    assert measures.by(run, "besproken_in_overleg", "vervolg", measures.day_after(VORIGE),
                       VERGADERING).height == 0


# Generated signals and actions. Each example gets an in-memory database with the semantic
# layer on it (staging.define, as a reader connection does), which is fast enough to run many.
DAG0 = d("2025-01-01")
LATER = d("2026-01-01")  # after every generated date


def _dag(draw, tot):
    return DAG0 + dt.timedelta(days=draw(st.integers(0, tot)))


@st.composite
def loo_gegevens(draw):
    """Up to 8 signals received in the first two months of 2025, discussed and closed up to a
    month later, each with up to two linked actions (any instrument) up to two months after
    receipt, and up to two actions linked to no signal: dense enough that stages, dates and a
    peildatum often meet."""
    signalen, acties = [], []
    for i in range(draw(st.integers(0, 8))):
        ontvangst = _dag(draw, 60)
        besproken = draw(st.none() | st.integers(0, 30))
        afgesloten = draw(st.none() | st.integers(0, 30))
        signalen.append({
            "signaal_id": f"G{i}", "datum_ontvangst": ontvangst, "bron": "politie",
            "thema": "drugs", "status": draw(st.sampled_from(sorted(STATUSSEN))),
            "vervolg": draw(st.none() | st.sampled_from(sorted(VERVOLGEN))),
            "datum_besproken_loo": None if besproken is None else (
                ontvangst + dt.timedelta(days=besproken)),
            "datum_afgesloten": None if afgesloten is None else (
                ontvangst + dt.timedelta(days=afgesloten))})
        for _ in range(draw(st.integers(0, 2))):
            acties.append({"signaal_id": f"G{i}",
                           "datum": ontvangst + dt.timedelta(days=draw(st.integers(0, 60)))})
    acties += [{"signaal_id": None, "datum": _dag(draw, 100)}
               for _ in range(draw(st.integers(0, 2)))]
    for j, actie in enumerate(acties):
        actie.update(actie_id=f"A{j}", instrument=draw(st.sampled_from(sorted(INSTRUMENT_SOORT))))
    return {"signalen": signalen, "handhaving": acties}


_periode = st.tuples(st.integers(0, 100), st.integers(0, 100)).map(
    lambda p: tuple(DAG0 + dt.timedelta(days=n) for n in sorted(p)))
_peildatum = st.integers(0, 100).map(lambda n: DAG0 + dt.timedelta(days=n))


@contextmanager
def in_memory(rows):
    """run(name, **params) on an in-memory database holding these rows."""
    con = duckdb.connect()
    try:
        con.execute("attach ':memory:' as loo")
        con.execute("use loo")
        for ddl in all_ddl():
            con.execute(ddl)
        for table, records in rows.items():
            for record in records:
                cols = list(record)
                con.execute(f"insert into {table} ({', '.join(cols)}) values "
                            f"({', '.join('$' + c for c in cols)})", record)
        con.execute("use memory")
        staging.define(con, "loo")
        yield lambda name, **params: queries.run(name, con=con, **params)
    finally:
        con.close()


def zoals_op(rows, peildatum):
    """The rows as they stood on the peildatum: nothing received, discussed, closed or done
    after it (a signal closed later was still open then)."""
    signalen = []
    for s in rows["signalen"]:
        if s["datum_ontvangst"] > peildatum:
            continue
        s = dict(s)
        if s["datum_besproken_loo"] and s["datum_besproken_loo"] > peildatum:
            s["datum_besproken_loo"] = None
        if s["datum_afgesloten"] and s["datum_afgesloten"] > peildatum:
            s["datum_afgesloten"] = None
            if s["status"] == "afgesloten":
                s["status"] = "in_onderzoek"
        signalen.append(s)
    return {"signalen": signalen,
            "handhaving": [h for h in rows["handhaving"] if h["datum"] <= peildatum]}


@settings(max_examples=40, deadline=None)
@given(loo_gegevens(), _periode, _peildatum)
def test_every_funnel_stage_is_at_most_the_stage_before_for_generated_signals(rows, periode,
                                                                              peildatum):
    with in_memory(rows) as run:
        a = run("loo_trechter", van=periode[0], tot=periode[1],
                peildatum=peildatum)["aantal"].to_list()
    assert a[0] >= a[1] >= a[2] >= a[3] and a[2] >= a[4], a


@settings(max_examples=40, deadline=None)
@given(loo_gegevens(), _periode)
def test_funnel_for_a_whole_period_equals_the_measures_for_generated_signals(rows, periode):
    with in_memory(rows) as run:
        df = run("loo_trechter", van=periode[0], tot=periode[1], peildatum=LATER)
        t = measures.values(run, list(FASEN.values()), *periode)
    assert dict(df.select("fase", "aantal").iter_rows()) == {f: t[m] for f, m in FASEN.items()}


@settings(max_examples=40, deadline=None)
@given(loo_gegevens(), _peildatum)
def test_funnel_on_a_peildatum_equals_the_funnel_of_the_data_as_it_stood_then(rows, peildatum):
    # Every signal received up to the peildatum is in the cohort: only the peildatum varies.
    with in_memory(rows) as run:
        gemeten = run("loo_trechter", van=DAG0, tot=LATER, peildatum=peildatum)
    with in_memory(zoals_op(rows, peildatum)) as run:
        toen = run("loo_trechter", van=DAG0, tot=LATER, peildatum=peildatum)
    assert gemeten.rows() == toen.rows()
