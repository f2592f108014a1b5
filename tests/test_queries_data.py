"""Data & kwaliteit queries: the ledger newest first and refusals with their reasons."""

import datetime as dt

from dashboard import queries


def poging(load_id, uur, uitkomst, redenen=None):
    return {"load_id": load_id, "bestand": f"signalen_{load_id}.csv", "sha256": str(load_id),
            "bron": "signalen", "gestart": dt.datetime(2025, 1, 1, uur),
            "beeindigd": dt.datetime(2025, 1, 1, uur, 1), "uitkomst": uitkomst,
            "redenen": redenen}


def test_ledger_lists_the_newest_attempt_first(make_db):
    db = make_db({"load_ledger": [poging(1, 9, "geladen"), poging(2, 11, "geweigerd", "x"),
                                  poging(3, 10, "al_geladen")]})
    assert queries.run("data_laadlog", db=db)["load_id"].to_list() == [2, 3, 1]


def test_ledger_is_capped_at_200_attempts(make_db):
    db = make_db({"load_ledger": [poging(i, i % 24, "geladen") for i in range(1, 206)]})
    assert queries.run("data_laadlog", db=db).height == 200


def test_refusals_hold_only_refused_loads_with_reasons(make_db):
    db = make_db({"load_ledger": [poging(1, 9, "geladen"),
                                  poging(2, 10, "geweigerd", "rij 3, kolom thema: leeg\nrij 4")]})
    df = queries.run("data_weigeringen", db=db)
    assert df["load_id"].to_list() == [2]
    assert df["redenen"].item().splitlines() == ["rij 3, kolom thema: leeg", "rij 4"]
