"""The LOO-overleg queries against figures computed by hand on a tiny database.

Meeting of 2 April 2025; the previous meeting is 5 March 2025 (the last earlier
datum_besproken_loo). Signals (id: ontvangst, besproken, status, vervolg, afgesloten):
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
"""


import pytest

from dashboard import queries
from tests.conftest import d

VERGADERING = d("2025-04-02")
VORIGE = d("2025-03-05")


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
    # S3: two linked actions, the first on 10 March; S7: a linked Bibob investigation;
    # S6's action lies outside every period used here.
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


def test_incoming_counts_linked_m_melding_once(db):
    # After 5 March up to 2 April: S4, S5, S9 = 3 signals (S8 on 5 March is excluded);
    # M1, M2, M3 = 3 M-meldingen, of which M1 links to S4 -> 2 on top; total 3 + 2 = 5.
    row = queries.run("loo_binnengekomen_telling", db=db, vorige=VORIGE,
                      vergadering=VERGADERING).row(0, named=True)
    assert row == {"signalen": 3, "m_meldingen": 3, "m_meldingen_gekoppeld": 1,
                   "m_meldingen_los": 2, "signalen_en_meldingen": 5}


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


def test_follow_ups_since_previous_meeting(db):
    # Discussed 5 March .. 2 April: S2 strafrechtelijk, S3 (no vervolg yet), S7 geen, S8 geen.
    df = queries.run("loo_vervolg", db=db, vorige=VORIGE, vergadering=VERGADERING)
    assert df.rows() == [("geen", 2), ("nog_niet_bepaald", 1), ("strafrechtelijk", 1)]


def test_funnel_counts(db):
    # Received in 2025: S1-S5, S7-S10 = 9. Besproken: S1 S2 S3 S5 S7 S8 = 6.
    # Interventie: S2 (status), S1 (afgesloten + bestuursrechtelijk), S3 and S7 (linked
    # action) = 4. Afgesloten: S1 S7 S8 = 3.
    df = queries.run("loo_trechter", db=db, van=d("2025-01-01"), tot=d("2025-12-31"))
    assert df.select("fase", "aantal").rows() == [
        ("signaal", 9), ("besproken", 6), ("interventie", 4), ("afgesloten", 3)]


def test_funnel_median_lead_times(db):
    # ontvangst->besproken: S1 26, S2 13, S3 2, S5 20, S7 23, S8 0 -> median (13+20)/2 = 16.5.
    # besproken->first action: S3 5 March->10 March = 5, S7 5->15 March = 10 -> 7.5 (n=2).
    # besproken->afgesloten: S1 5 Feb->15 March = 38, S7 15, S8 0 -> 15 (n=3).
    df = queries.run("loo_trechter", db=db, van=d("2025-01-01"), tot=d("2025-12-31"))
    assert df.select("mediaan_dagen", "basis").rows() == [
        (None, 0), (16.5, 6), (7.5, 2), (15.0, 3)]


def test_funnel_respects_the_period(db):
    # Received 1 Jan .. 28 Feb 2025: S1, S2, S7 -> all besproken; interventie S1, S2, S7;
    # afgesloten S1, S7.
    df = queries.run("loo_trechter", db=db, van=d("2025-01-01"), tot=d("2025-02-28"))
    assert df["aantal"].to_list() == [3, 3, 3, 2]


def test_empty_database_gives_zero_rows_not_errors(empty_db):
    assert queries.run("loo_open_status", db=empty_db, vergadering=VERGADERING)["aantal"].sum() == 0
    assert queries.run("loo_trechter", db=empty_db, van=d("2025-01-01"),
                       tot=d("2025-12-31"))["aantal"].to_list() == [0, 0, 0, 0]
    assert queries.run("loo_vervolg", db=empty_db, vorige=VORIGE,
                       vergadering=VERGADERING).height == 0
