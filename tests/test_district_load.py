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
