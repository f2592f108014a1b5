"""The command line: exit codes 0, 1 and 2 and Dutch messages, run as a real process."""

import functools

from tests.conftest import command
from tests.pipeline_files import signalen_csv, table_rows

cli = functools.partial(command, "data_pipeline")


def test_load_exits_0_and_says_what_it_loaded(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    proc = cli("load", path, "--db", tmp_path / "loo.duckdb")
    assert proc.returncode == 0, proc.stderr
    assert "Geladen: signalen.csv (signalen): 1 rij gelezen, 1 nieuw" in proc.stdout


def test_loading_the_same_file_again_exits_0(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    cli("load", path, "--db", tmp_path / "loo.duckdb")
    proc = cli("load", path, "--db", tmp_path / "loo.duckdb")
    assert proc.returncode == 0
    assert "Al geladen" in proc.stdout


def test_refused_file_exits_1_naming_row_and_column_but_not_the_value(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv",
                        ["S-1;2025-03-04;politie;drugs;nieuw;",
                         "S-2;2025-03-04;politie;drugs;nieuw;0612345678"])
    db = tmp_path / "loo.duckdb"
    proc = cli("load", path, "--db", db)
    assert proc.returncode == 1
    assert "Geweigerd: signalen.csv" in proc.stderr
    assert "rij 3, kolom 'wijk': bevat een direct identificerend gegeven (telefoonnummer" \
        in proc.stderr
    assert "0612345678" not in proc.stderr + proc.stdout
    assert table_rows(db, "select count(*) from signalen") == [(0,)]


def test_one_refused_file_in_a_folder_gives_exit_1_and_the_rest_loads(tmp_path):
    signalen_csv(tmp_path / "signalen_a.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    signalen_csv(tmp_path / "signalen_b.csv", ["S-2;2025-03-04;politie;drugs;kwijt;"])
    db = tmp_path / "db.duckdb"
    proc = cli("load", tmp_path, "--db", db)
    assert proc.returncode == 1
    assert "1 van 2 bestanden geweigerd" in proc.stderr
    assert table_rows(db, "select signaal_id from signalen") == [("S-1",)]


def test_source_option_overrides_the_file_name(tmp_path):
    path = signalen_csv(tmp_path / "export.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    proc = cli("load", path, "--source", "signalen", "--db", tmp_path / "loo.duckdb")
    assert proc.returncode == 0, proc.stderr


def test_usage_errors_exit_2_in_dutch(tmp_path):
    assert cli().returncode == 2
    missing = cli("load", tmp_path / "bestaat_niet.csv", "--db", tmp_path / "loo.duckdb")
    assert missing.returncode == 2
    assert "niet gevonden" in missing.stderr
    unknown = cli("load", tmp_path, "--source", "kranten")
    assert unknown.returncode == 2
    assert "Fout in de opdracht" in unknown.stderr
    empty = tmp_path / "leeg"
    empty.mkdir()
    assert cli("load", empty, "--db", tmp_path / "loo.duckdb").returncode == 2
    assert not (tmp_path / "loo.duckdb").exists()


def test_status_lists_rows_last_load_and_newest_date_per_source(tmp_path):
    db = tmp_path / "loo.duckdb"
    cli("load", signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;",
                                                         "S-2;14-10-2025;politie;drugs;nieuw;"]),
        "--db", db)
    proc = cli("status", "--db", db)
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["bron", "rijen", "laatste", "lading", "nieuwste", "datum"]
    assert lines[1].startswith("signalen")
    assert lines[1].split()[1] == "2"
    assert lines[1].endswith("14 oktober 2025")
    assert "nooit" in lines[2]


def test_status_without_a_database_says_so(tmp_path):
    proc = cli("status", "--db", tmp_path / "geen.duckdb")
    assert proc.returncode == 1
    assert "bestaat niet" in proc.stderr


def test_themas_command_reports_the_rows_it_remapped(tmp_path):
    db = tmp_path / "loo.duckdb"
    cli("load", signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"]),
        "--db", db)
    proc = cli("themas", "--db", db)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "Themakoppeling opnieuw toegepast: 0 rijen bijgewerkt."
    assert cli("themas", "--db", tmp_path / "geen.duckdb").returncode == 1


def unsafe_key_env(tmp_path):
    """This environment with an audit key that the trail refuses (too short)."""
    import os

    key = tmp_path / "keys" / "audit.key"
    key.parent.mkdir(mode=0o700)
    key.write_text("kort")
    key.chmod(0o600)
    return {**{k: v for k, v in os.environ.items() if k != "LOO_AUDIT_DB"},
            "LOO_AUDIT_KEY": str(key)}


def test_load_without_a_usable_audit_key_exits_3_and_loads_nothing(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    db = tmp_path / "data" / "loo.duckdb"
    proc = command("data_pipeline", "load", path, "--db", db, env=unsafe_key_env(tmp_path))
    assert proc.returncode == 3
    assert "Er is niets geladen." in proc.stderr and "audit.key" in proc.stderr
    assert not db.exists()


def test_purge_without_a_usable_audit_key_exits_3_and_removes_nothing(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;1999-03-04;politie;drugs;nieuw;"])
    db = tmp_path / "data" / "loo.duckdb"
    cli("load", path, "--db", db, check=True)
    proc = command("data_pipeline", "purge", "--db", db, env=unsafe_key_env(tmp_path))
    assert proc.returncode == 3 and "Er is niets opgeschoond." in proc.stderr
    assert table_rows(db, "select count(*) from signalen") == [(1,)]
