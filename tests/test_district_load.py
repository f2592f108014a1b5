"""Loading under a gemeente (issue 16.2): from the file name or --gemeente, a file naming
another gemeente refused whole with a count and nothing changed, ids unique per gemeente."""

import shutil

import duckdb

from data_pipeline.load import load_file
from tests.conftest import ROOT, command

SIGNALEN = ("signaal_id,datum_ontvangst,bron,thema,status,gemeente\n"
            "S-1,2025-03-03,politie,drugs,nieuw,{a}\n"
            "S-2,2025-03-04,politie,fraude,nieuw,{b}\n"
            "S-3,2025-03-05,inwoner,heling,nieuw,{c}\n")


def rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_file_name_prefix_decides_the_gemeente(tmp_path):
    path = tmp_path / "zoetermeer_signalen_2025.csv"
    path.write_text(SIGNALEN.format(a="", b="Zoetermeer", c="zoetermeer"))
    result = load_file(path, db=tmp_path / "loo.duckdb")
    assert result.uitkomst == "geladen" and result.bron == "signalen"
    assert rows(tmp_path / "loo.duckdb", "select distinct gemeente from signalen") == \
        [("Zoetermeer",)]


def test_without_prefix_or_option_the_configured_gemeente_is_used(tmp_path):
    path = tmp_path / "signalen_2025.csv"
    path.write_text(SIGNALEN.format(a="", b="", c=""))
    assert load_file(path, db=tmp_path / "loo.duckdb").ok
    assert rows(tmp_path / "loo.duckdb", "select distinct gemeente from signalen") == \
        [("Wassenaar",)]


def test_rows_of_another_gemeente_refuse_the_file_with_a_count_and_change_nothing(tmp_path):
    db = tmp_path / "loo.duckdb"
    eerst = tmp_path / "signalen_eerst.csv"
    eerst.write_text(SIGNALEN.format(a="Wassenaar", b="", c=""))
    assert load_file(eerst, db=db).ok
    before = db.read_bytes()
    path = tmp_path / "signalen_2025.csv"
    path.write_text(SIGNALEN.format(a="Wassenaar", b="Zoetermeer", c="Zoetermeer"))
    out = command("data_pipeline", "load", path, "--db", db, "--gemeente", "Wassenaar")
    assert out.returncode == 1
    assert "2 rijen noemen een andere gemeente dan Wassenaar" in out.stderr
    assert "Zoetermeer" not in out.stderr  # a count, never the values
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from signalen").fetchone()[0] == 3
        assert con.execute("select uitkomst from load_ledger order by load_id desc "
                           "limit 1").fetchone()[0] == "geweigerd"
    assert rows(db, "select signaal_id, gemeente from signalen order by 1") == [
        ("S-1", "Wassenaar"), ("S-2", "Wassenaar"), ("S-3", "Wassenaar")]
    assert before != db.read_bytes()  # only the ledger row of the refusal was added


def test_a_prefixed_file_with_rows_of_wassenaar_is_refused(tmp_path):
    path = tmp_path / "zoetermeer_signalen_2025.csv"
    path.write_text(SIGNALEN.format(a="Wassenaar", b="", c=""))
    result = load_file(path, db=tmp_path / "loo.duckdb")
    assert result.uitkomst == "geweigerd"
    assert "1 rij noemt een andere gemeente dan Zoetermeer" in str(result.problemen[0])


def test_an_unknown_gemeente_option_is_refused_in_dutch(tmp_path):
    path = tmp_path / "signalen_2025.csv"
    path.write_text(SIGNALEN.format(a="", b="", c=""))
    out = command("data_pipeline", "load", path, "--db", tmp_path / "loo.duckdb",
                  "--gemeente", "Leiden")
    assert out.returncode == 1 and "Onbekende gemeente" in out.stderr


def test_equal_ids_in_two_gemeenten_stay_two_records(tmp_path):
    db = tmp_path / "loo.duckdb"
    for naam in ("wassenaar", "zoetermeer"):
        path = tmp_path / f"{naam}_signalen.csv"
        path.write_text(SIGNALEN.format(a="", b="", c=naam))  # other bytes: not 'al geladen'
        assert load_file(path, db=db).ok
    assert rows(db, "select gemeente, count(*) from signalen group by 1 order by 1") == [
        ("Wassenaar", 3), ("Zoetermeer", 3)]
    gewijzigd = tmp_path / "zoetermeer_signalen_nieuw.csv"
    gewijzigd.write_text(SIGNALEN.format(a="", b="", c="zoetermeer").replace("nieuw", "afgesloten", 1))
    result = load_file(gewijzigd, db=db)
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == (0, 1, 2)
    assert rows(db, "select gemeente, status from signalen where signaal_id = 'S-1' "
                    "order by 1") == [("Wassenaar", "nieuw"), ("Zoetermeer", "afgesloten")]


def test_the_district_sample_loads_each_partner_under_its_own_gemeente(tmp_path):
    db = tmp_path / "loo.duckdb"
    out = command("data_pipeline", "load", ROOT / "sample_data", ROOT / "sample_data" / "district",
                  "--db", db)
    assert out.returncode == 0, out.stderr
    assert rows(db, "select gemeente, count(*) from m_meldingen group by 1 order by 1") == [
        ("Leidschendam-Voorburg", 156), ("Pijnacker-Nootdorp", 104), ("Wassenaar", 52),
        ("Zoetermeer", 260)]


def test_each_gemeente_sees_its_own_loads_in_the_ledger_and_the_freshness(tmp_path):
    from dashboard import queries

    db = tmp_path / "loo.duckdb"
    for name, gemeente in (("signalen_2025.csv", ""), ("zoetermeer_signalen_2025.csv", "")):
        (tmp_path / name).write_text(SIGNALEN.format(a=gemeente, b=gemeente, c=gemeente))
        assert load_file(tmp_path / name, db=db).ok
    kapot = tmp_path / "zoetermeer_signalen_kapot.csv"
    kapot.write_text(SIGNALEN.format(a="Wassenaar", b="", c=""))  # a row of another gemeente
    assert not load_file(kapot, db=db).ok
    for gemeente, eigen in (("Wassenaar", ["signalen_2025.csv"]),
                            ("Zoetermeer", ["zoetermeer_signalen_kapot.csv",
                                            "zoetermeer_signalen_2025.csv"])):
        log = queries.run("data_laadlog", db=db, gemeente=gemeente)
        assert log["bestand"].to_list() == eigen
        weigeringen = queries.run("data_weigeringen", db=db, gemeente=gemeente)
        assert weigeringen["bestand"].to_list() == [b for b in eigen if "kapot" in b]
    ledger = dict(rows(db, "select bestand, gemeente from load_ledger"))
    assert ledger == {"signalen_2025.csv": "Wassenaar",
                      "zoetermeer_signalen_2025.csv": "Zoetermeer",
                      "zoetermeer_signalen_kapot.csv": "Zoetermeer"}
    versheid = queries.run("versheid", db=db, gemeente="Pijnacker-Nootdorp")
    assert versheid["laatst_geladen"].null_count() == versheid.height  # never loaded there


def test_a_ledger_from_before_district_mode_gets_its_gemeente_column(tmp_path):
    db = tmp_path / "loo.duckdb"
    (tmp_path / "signalen_2025.csv").write_text(SIGNALEN.format(a="", b="", c=""))
    assert load_file(tmp_path / "signalen_2025.csv", db=db).ok
    with duckdb.connect(str(db)) as con:  # the ledger as it was before the column existed
        con.execute("alter table load_ledger drop column gemeente")
    from dashboard import queries

    assert queries.run("data_laadlog", db=db, gemeente="Wassenaar")["bestand"].to_list() == [
        "signalen_2025.csv"]  # its loads were the configured gemeente's
    (tmp_path / "zoetermeer_signalen_2025.csv").write_text(SIGNALEN.format(a="", b="", c=""))
    assert load_file(tmp_path / "zoetermeer_signalen_2025.csv", db=db).ok
    assert rows(db, "select bestand, gemeente from load_ledger order by load_id") == [
        ("signalen_2025.csv", None), ("zoetermeer_signalen_2025.csv", "Zoetermeer")]
