"""Loading: upsert by id, idempotency by hash, the ledger, atomic swap and source detection."""

import dataclasses
import datetime as dt
import hashlib
import io
import shutil
import subprocess
import sys
import textwrap

import polars as pl
import pytest

from dashboard import queries
from data_pipeline import ledger
from data_pipeline.load import (
    LoadResult, detect_source, gemeente_prefix, load_file, load_paths, other_gemeente,
    remap_themes, reporter, target_gemeente,
)
from data_pipeline.settings import CONFIG_DIR, load_settings
from tests.pipeline_files import SIGNALEN_HEADER, ledger_rows, signalen_csv, table_rows

FIRST = ["S-1;2025-03-04;politie;drugs;nieuw;Centrum", "S-2;2025-03-05;inwoner;fraude;nieuw;"]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def signalen_table(db):
    return table_rows(db, "select signaal_id, status, load_id from signalen order by 1")


def test_first_load_inserts_every_row(tmp_path):
    db = tmp_path / "loo.duckdb"
    result = load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    assert (result.uitkomst, result.gelezen, result.ingevoegd) == ("geladen", 2, 2)
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]


def test_same_file_twice_is_already_loaded_and_changes_nothing_but_the_ledger(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    load_file(path, db=db)
    second = load_file(tmp_path / "signalen.csv", db=db, name="signalen_kopie.csv")
    assert second.uitkomst == "al_geladen"
    assert second.problemen == []
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]
    assert [r[:2] for r in ledger_rows(db)] == [("signalen.csv", "geladen"),
                                                 ("signalen_kopie.csv", "al_geladen")]


def test_newer_export_updates_changed_rows_and_adds_new_ones(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_1.csv", FIRST), db=db)
    newer = signalen_csv(tmp_path / "signalen_2.csv", [
        "S-1;2025-03-04;politie;drugs;afgesloten;Centrum",
        "S-2;2025-03-05;inwoner;fraude;nieuw;",
        "S-3;2025-03-06;gemeente;witwassen;nieuw;"])
    result = load_file(newer, db=db)
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == (1, 1, 1)
    assert signalen_table(db) == [("S-1", "afgesloten", 2), ("S-2", "nieuw", 1),
                                  ("S-3", "nieuw", 2)]


FULL_HEADER = SIGNALEN_HEADER + ";datum_besproken_loo"


def signalen_detail(db):
    return table_rows(db, "select signaal_id, wijk, datum_besproken_loo, load_id from signalen "
                          "order by 1")


def test_export_that_fills_an_empty_field_stores_it_and_counts_the_row_as_changed(tmp_path):
    """An empty wijk or meeting date filled in a later export is a change (NULL <> value is no
    answer in SQL, so a comparison with <> would call the row unchanged and drop the value)."""
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_1.csv", ["S-1;2025-03-04;politie;drugs;nieuw;;",
                                                         "S-2;2025-03-04;politie;drugs;nieuw;;"],
                           header=FULL_HEADER), db=db)
    result = load_file(signalen_csv(tmp_path / "signalen_2.csv", [
        "S-1;2025-03-04;politie;drugs;nieuw;Centrum;",
        "S-2;2025-03-04;politie;drugs;nieuw;;2025-03-10"], header=FULL_HEADER), db=db)
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == (0, 2, 0)
    assert signalen_detail(db) == [("S-1", "Centrum", None, 2),
                                   ("S-2", None, dt.date(2025, 3, 10), 2)]


def test_export_that_empties_a_field_stores_the_empty_value_and_counts_the_row_as_changed(
        tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_1.csv", [
        "S-1;2025-03-04;politie;drugs;nieuw;Centrum;",
        "S-2;2025-03-04;politie;drugs;nieuw;;2025-03-10"], header=FULL_HEADER), db=db)
    result = load_file(signalen_csv(tmp_path / "signalen_2.csv", [
        "S-1;2025-03-04;politie;drugs;nieuw;;", "S-2;2025-03-04;politie;drugs;nieuw;;"],
        header=FULL_HEADER), db=db)
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == (0, 2, 0)
    assert signalen_detail(db) == [("S-1", None, None, 2), ("S-2", None, None, 2)]


def test_row_whose_empty_fields_stay_empty_is_unchanged(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_1.csv", FIRST), db=db)
    result = load_file(signalen_csv(tmp_path / "signalen_2.csv", FIRST[::-1]), db=db)
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == (0, 0, 2)
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]


def test_every_attempt_gets_a_ledger_row_with_counts_and_reasons(tmp_path):
    db = tmp_path / "loo.duckdb"
    good = signalen_csv(tmp_path / "signalen.csv", FIRST)
    bad = signalen_csv(tmp_path / "signalen_fout.csv", ["S-9;2025-03-04;politie;drugs;weg;"])
    load_file(good, db=db)
    load_file(bad, db=db)
    load_file(good, db=db)
    rows = ledger_rows(db)
    assert [r[:6] for r in rows] == [("signalen.csv", "geladen", 2, 2, 0, 0),
                                     ("signalen_fout.csv", "geweigerd", 1, 0, 0, 0),
                                     ("signalen.csv", "al_geladen", 0, 0, 0, 0)]
    assert rows[1][6].startswith("signalen_fout.csv, rij 2, kolom 'status':")
    hashes = table_rows(db, "select sha256, bron from load_ledger order by load_id")
    assert hashes[0] == (digest(good), "signalen")


def test_refused_file_leaves_every_table_as_it_was(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    bad = signalen_csv(tmp_path / "signalen_2.csv", [
        "S-1;2025-03-04;politie;drugs;afgesloten;", "S-4;2025-02-30;politie;drugs;nieuw;"])
    assert load_file(bad, db=db).uitkomst == "geweigerd"
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]


def test_failure_in_the_middle_of_a_load_leaves_the_live_file_untouched(tmp_path, monkeypatch):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    before = digest(db)

    def broken_record(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(ledger, "record", broken_record)
    newer = signalen_csv(tmp_path / "signalen_2.csv", ["S-1;2025-03-04;politie;drugs;afgesloten;",
                                                       "S-3;2025-03-06;politie;drugs;nieuw;"])
    with pytest.raises(OSError):
        load_file(newer, db=db)
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "loo.duckdb", "loo.duckdb.lock", "signalen.csv", "signalen_2.csv"]
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]


KILLED_LOAD = textwrap.dedent("""
    import os, sys
    from data_pipeline import ledger
    from data_pipeline.load import load_file

    def killed(*args, **kwargs):
        os._exit(9)  # as if the machine stopped after the upsert, before the commit

    ledger.record = killed
    load_file(sys.argv[1], db=sys.argv[2])
""")


def test_killed_load_keeps_the_old_data_and_the_next_load_removes_its_copy(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    before = digest(db)
    newer = signalen_csv(tmp_path / "signalen_2.csv", ["S-3;2025-03-06;politie;drugs;nieuw;"])
    proc = subprocess.run([sys.executable, "-c", KILLED_LOAD, str(newer), str(db)])
    assert proc.returncode == 9
    assert digest(db) == before
    assert list(tmp_path.glob(".loo.duckdb.*.tmp*"))
    assert load_file(newer, db=db).uitkomst == "geladen"
    assert not list(tmp_path.glob(".loo.duckdb.*.tmp*"))
    assert [r[0] for r in signalen_table(db)] == ["S-1", "S-2", "S-3"]


def test_unknown_theme_labels_are_listed_with_counts(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", [
        "S-1;2025-03-04;politie;Hennep;nieuw;", "S-2;2025-03-05;politie;Ganja-gang;nieuw;",
        "S-3;2025-03-05;politie;Ganja-gang;nieuw;"]), db=db)
    (tmp_path / "m_meldingen.csv").write_text(
        "melding_id;datum_ontvangst;thema\nM-1;2025-03-01;Rare zaak\n", "utf-8")
    load_file(tmp_path / "m_meldingen.csv", db=db)
    listed = queries.run("onbekende_themas", db=db)
    assert listed.rows() == [("signalen", "Ganja-gang", 2), ("m_meldingen", "Rare zaak", 1)]


@pytest.mark.parametrize("name,source", [
    ("signalen_2025.csv", "signalen"), ("M-meldingen export.xlsx", "m_meldingen"),
    ("m_meldingen_2025.csv", "m_meldingen"), ("handhaving.csv", "handhaving"),
    ("DOL_registraties_okt.csv", "dol_registraties"), ("dol_export.csv", "dol_registraties"),
    ("uitvoeringsplan_2026.xlsx", "uitvoeringsplan"), ("plan_doelen.csv", "uitvoeringsplan"),
    ("overzicht.csv", None)])
def test_source_from_the_longest_matching_file_name_prefix(name, source):
    assert detect_source(name, load_settings()) == source


def test_upload_name_decides_the_source_and_the_ledger_name(tmp_path):
    db = tmp_path / "loo.duckdb"
    upload = signalen_csv(tmp_path / "tmpab12cd", FIRST)
    result = load_file(upload, db=db, name="signalen_jan.csv")
    assert (result.bron, result.uitkomst) == ("signalen", "geladen")
    assert ledger_rows(db)[0][0] == "signalen_jan.csv"


def test_file_without_a_known_prefix_is_refused_unless_the_source_is_given(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "export.csv", FIRST)
    assert load_file(path, db=db).uitkomst == "geweigerd"
    assert load_file(path, db=db, source="signalen").uitkomst == "geladen"


def test_file_without_a_known_prefix_is_refused_before_reading_saying_how_to_name_it(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "export.csv", FIRST), db=db)
    assert ledger_rows(db) == [
        ("export.csv", "geweigerd", 0, 0, 0, 0,
         "export.csv: De bron is niet te bepalen uit de bestandsnaam; laat de naam beginnen met "
         "signalen, m_meldingen, handhaving, dol_registraties, uitvoeringsplan of geef de bron "
         "op.")]


def test_unknown_source_is_a_usage_error(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    with pytest.raises(ValueError, match="Onbekende bron 'meldingen'; kies uit signalen, "):
        load_file(path, db=tmp_path / "loo.duckdb", source="meldingen")
    assert not (tmp_path / "loo.duckdb").exists()


def test_unreadable_file_is_refused_with_the_reason_naming_the_file(tmp_path):
    db = tmp_path / "loo.duckdb"
    (tmp_path / "signalen.csv").write_bytes(b"")
    result = load_file(tmp_path / "signalen.csv", db=db)
    assert (result.uitkomst, [str(p) for p in result.problemen]) == (
        "geweigerd", ["signalen.csv: Het bestand is leeg."])
    assert ledger_rows(db)[0][:3] == ("signalen.csv", "geweigerd", 0)


def test_upload_name_with_folders_is_recorded_by_its_file_name(tmp_path):
    db = tmp_path / "loo.duckdb"
    upload = signalen_csv(tmp_path / "tmpab12cd", FIRST)
    assert load_file(upload, db=db, name="uploads/jan/signalen_jan.csv").bestand == \
        "signalen_jan.csv"
    assert ledger_rows(db)[0][0] == "signalen_jan.csv"


def test_every_ledger_row_has_an_end_time_not_before_its_start(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    load_file(path, db=db)
    load_file(path, db=db)
    load_file(signalen_csv(tmp_path / "signalen_fout.csv", ["S-9;2025-02-30;politie;drugs;nieuw;"]),
              db=db)
    assert table_rows(db, "select beeindigd >= gestart from load_ledger order by load_id") == [
        (True,), (True,), (True,)]


def test_database_in_a_new_nested_folder_is_created(tmp_path):
    db = tmp_path / "data" / "gemeente" / "loo.duckdb"
    assert load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db).uitkomst == "geladen"
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]


def test_a_different_file_is_not_taken_for_one_loaded_before(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_1.csv", FIRST), db=db)
    other = signalen_csv(tmp_path / "signalen_2.csv", ["S-3;2025-03-06;politie;drugs;nieuw;"])
    assert load_file(other, db=db).uitkomst == "geladen"


def test_folder_loads_its_exports_in_name_order_and_skips_other_files(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    signalen_csv(folder / "signalen_b.csv", ["S-1;2025-03-04;politie;drugs;afgesloten;"])
    signalen_csv(folder / "signalen_a.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    signalen_csv(folder / ".signalen_verborgen.csv", ["S-9;2025-03-04;politie;drugs;nieuw;"])
    (folder / "README.md").write_text("# uitleg\n")
    db = tmp_path / "db" / "loo.duckdb"
    results = load_paths([folder], db=db)
    assert [r.bestand for r in results] == ["signalen_a.csv", "signalen_b.csv"]
    assert table_rows(db, "select signaal_id, status from signalen") == [("S-1", "afgesloten")]


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    """A copy of config/ that a test may edit, used through $LOO_CONFIG."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    monkeypatch.setenv("LOO_CONFIG", str(folder))
    return folder


def test_theme_label_added_later_is_applied_to_stored_rows(tmp_path, own_config):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", [
        "S-1;2025-03-04;politie;Ganja-gang;nieuw;", "S-2;2025-03-05;politie;Hennep;nieuw;"]), db=db)
    (own_config / "themas.yaml").write_text("drugs: [hennep, ganja gang]\n", "utf-8")
    result = remap_themes(db)
    assert result.bijgewerkt == 1
    assert table_rows(db, "select thema, thema_bron from signalen order by 1, 2") == [
        ("drugs", "Ganja-gang"), ("drugs", "Hennep")]
    assert queries.run("onbekende_themas", db=db).height == 0
    assert ledger_rows(db)[-1][:2] == ("themas.yaml", "geladen")


def test_theme_remapping_counts_the_rows_changed_in_every_table(tmp_path, own_config):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;Ganja;nieuw;"]),
              db=db)
    (tmp_path / "m_meldingen.csv").write_text(
        "melding_id;datum_ontvangst;thema\nM-1;2025-03-01;Ganja\nM-2;2025-03-02;Ganja\n", "utf-8")
    load_file(tmp_path / "m_meldingen.csv", db=db)
    (own_config / "themas.yaml").write_text("drugs: [ganja]\n", "utf-8")
    assert remap_themes(db).bijgewerkt == 3


def test_theme_remapping_reaches_a_table_after_an_empty_one(tmp_path, own_config):
    db = tmp_path / "loo.duckdb"
    (tmp_path / "m_meldingen.csv").write_text(
        "melding_id;datum_ontvangst;thema\nM-1;2025-03-01;Ganja\n", "utf-8")
    load_file(tmp_path / "m_meldingen.csv", db=db)
    (own_config / "themas.yaml").write_text("drugs: [ganja]\n", "utf-8")
    assert remap_themes(db).bijgewerkt == 1
    assert table_rows(db, "select thema from m_meldingen") == [("drugs",)]


def test_header_alias_added_in_configuration_is_used(tmp_path, own_config):
    (own_config / "kolomnamen.yaml").write_text(
        "signalen:\n  datum_ontvangst: [binnengekomen op]\n", "utf-8")
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"],
                        header="signaal_id;Binnengekomen op;bron;thema;status;wijk")
    assert load_file(path, db=tmp_path / "loo.duckdb").uitkomst == "geladen"


def test_broken_configuration_refuses_naming_the_file(tmp_path, own_config):
    (own_config / "themas.yaml").write_text("drugs: [hennep\n", "utf-8")
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    result = load_file(path, db=tmp_path / "loo.duckdb")
    assert result.uitkomst == "geweigerd"
    assert "themas.yaml" in str(result.problemen[0])


def test_broken_configuration_refusal_names_the_file_first_and_keeps_the_given_source(
        tmp_path, own_config):
    (own_config / "themas.yaml").write_text("drugs: [hennep\n", "utf-8")
    path = signalen_csv(tmp_path / "export.csv", FIRST)
    result = load_file(path, db=tmp_path / "loo.duckdb", source="signalen")
    assert result.bron == "signalen"
    assert [str(p).startswith("export.csv: Configuratiefout: ") for p in result.problemen] == [
        True]


def test_large_file_loaded_before_names_the_earlier_load_in_the_ledger(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = large_export(tmp_path / "signalen.csv")
    load_file(path, db=db)
    load_file(path, db=db)
    assert ledger_rows(db)[1][1:] == ("al_geladen", 0, 0, 0, 0, "Dit bestand is al geladen "
                                      "(lading 1); er is niets veranderd.")


def test_two_processes_loading_the_same_file_store_it_once(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    command = [sys.executable, "-m", "data_pipeline", "load", str(path), "--db", str(db)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert sorted(r[1] for r in ledger_rows(db)) == ["al_geladen", "geladen"]
    assert signalen_table(db) == [("S-1", "nieuw", 1), ("S-2", "nieuw", 1)]
    assert sum("Al geladen" in out for out in outputs) == 1


def test_new_database_is_private_and_a_swap_keeps_the_given_permissions(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    assert db.stat().st_mode & 0o777 == 0o600
    db.chmod(0o640)
    load_file(signalen_csv(tmp_path / "signalen_2.csv", ["S-3;2025-03-06;politie;drugs;nieuw;"]),
              db=db)
    assert db.stat().st_mode & 0o777 == 0o640


def test_next_load_applies_a_grown_mapping_to_earlier_rows(tmp_path, own_config):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;Ganja-gang;nieuw;"]),
              db=db)
    (own_config / "themas.yaml").write_text("drugs: [ganja gang]\n", "utf-8")
    result = load_file(signalen_csv(tmp_path / "signalen_2.csv",
                                    ["S-2;2025-03-05;politie;drugs;nieuw;"]), db=db)
    assert (result.ingevoegd, result.bijgewerkt) == (1, 0)
    assert table_rows(db, "select signaal_id, thema from signalen order by 1") == [
        ("S-1", "drugs"), ("S-2", "drugs")]
    assert ledger_rows(db)[-1][6] == ("1 eerder geladen rijen kregen een thema volgens de "
                                      "huidige themakoppeling.")


STEPS = ["bestand lezen…", "waarden en privacy controleren…", "database kopiëren…",
         "rijen schrijven…", "vastleggen…", "nieuwe versie in gebruik nemen…"]


class Stream(io.StringIO):
    """A text stream that counts its flushes."""

    flushes = 0

    def flush(self):
        self.flushes += 1
        super().flush()


def test_progress_names_every_step_of_a_load_in_order(tmp_path):
    out = Stream()
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=tmp_path / "loo.duckdb",
              voortgang=reporter("signalen.csv", out))
    assert out.getvalue().splitlines() == [f"signalen.csv: {step}" for step in STEPS]


def test_progress_line_is_flushed_as_it_is_written():
    out = Stream()
    reporter("signalen.csv", out)("lezen")
    assert (out.getvalue(), out.flushes) == ("signalen.csv: bestand lezen…\n", 1)


def test_progress_goes_to_standard_error_by_default(capsys):
    reporter("signalen.csv")("wisselen")
    assert capsys.readouterr() == ("", "signalen.csv: nieuwe versie in gebruik nemen…\n")


def test_refused_file_reports_its_steps_too_as_its_ledger_row_is_written(tmp_path):
    out = Stream()
    bad = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-02-30;politie;drugs;nieuw;"])
    load_file(bad, db=tmp_path / "loo.duckdb", voortgang=reporter("signalen.csv", out))
    assert out.getvalue().splitlines() == [f"signalen.csv: {step}" for step in STEPS]


def test_summary_of_a_load_gives_the_counts_with_thousands_dots():
    result = LoadResult("signalen.csv", "signalen", "0" * 64, uitkomst="geladen", gelezen=1234,
                        ingevoegd=1000, bijgewerkt=200, ongewijzigd=34)
    assert result.samenvatting() == ("Geladen: signalen.csv (signalen): 1.234 rijen gelezen, "
                                     "1.000 nieuw, 200 bijgewerkt, 34 ongewijzigd.")


def test_summary_of_a_load_of_one_row_says_rij():
    result = LoadResult("signalen.csv", "signalen", "0" * 64, uitkomst="geladen", gelezen=1,
                        ingevoegd=1)
    assert result.samenvatting() == ("Geladen: signalen.csv (signalen): 1 rij gelezen, 1 nieuw, "
                                     "0 bijgewerkt, 0 ongewijzigd.")


def test_summary_of_a_file_loaded_before():
    result = LoadResult("signalen.csv", "signalen", "0" * 64, uitkomst="al_geladen")
    assert result.samenvatting() == ("Al geladen: signalen.csv (signalen) is eerder geladen; er "
                                     "is niets veranderd.")


def test_summary_of_a_refusal_counts_its_problems():
    result = LoadResult("signalen.csv", "signalen", "0" * 64, problemen=["a", "b"])
    assert result.samenvatting() == ("Geweigerd: signalen.csv (signalen): 2 problemen; er is "
                                     "niets veranderd.")


def test_summary_of_a_refusal_without_source_and_with_one_problem():
    result = LoadResult("export.csv", None, "0" * 64, problemen=["a"])
    assert result.samenvatting() == "Geweigerd: export.csv: 1 probleem; er is niets veranderd."


@pytest.mark.parametrize("uitkomst,ok", [("geladen", True), ("al_geladen", True),
                                         ("geweigerd", False)])
def test_only_a_file_in_the_database_is_ok(uitkomst, ok):
    assert LoadResult("signalen.csv", "signalen", "0" * 64, uitkomst=uitkomst).ok is ok


def test_next_load_removes_stale_copies_and_spill_folders_of_its_own_database_only(tmp_path):
    db = tmp_path / "loo.duckdb"
    for path in (tmp_path / ".loo.duckdb.123.abcdef12.tmp",
                 tmp_path / ".loo.duckdb.123.abcdef12.tmp.wal"):
        path.write_bytes(b"half")
    spill = tmp_path / ".loo.duckdb.123.abcdef12.tmp.tmp"
    spill.mkdir()
    (spill / "blok").write_bytes(b"half")
    other = tmp_path / ".ander.duckdb.123.abcdef12.tmp"
    other.write_bytes(b"van een andere database")
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".ander.duckdb.123.abcdef12.tmp", "loo.duckdb", "loo.duckdb.lock", "signalen.csv"]


def large_export(path, first_id=0):
    """A signalen export of just over 4 MiB."""
    rows, size, i = [], 0, first_id
    while size <= (4 << 20) + 50_000:
        rows.append(f"S-{i:07d};2025-03-04;politie;drugs;nieuw;Centrum")
        size += len(rows[-1]) + 1
        i += 1
    return signalen_csv(path, rows)


def test_large_file_loaded_before_is_not_read_again(tmp_path):
    """A look in the ledger spares reading and checking a large file that is already in."""
    db = tmp_path / "loo.duckdb"
    path = large_export(tmp_path / "signalen.csv")
    assert path.stat().st_size > 4 << 20
    load_file(path, db=db)
    out = Stream()
    result = load_file(path, db=db, name="signalen_kopie.csv",
                       voortgang=reporter("signalen_kopie.csv", out))
    assert result.uitkomst == "al_geladen"
    assert out.getvalue().splitlines() == [f"signalen_kopie.csv: {step}" for step in STEPS[2:]]


def test_file_of_exactly_four_mib_loaded_before_is_not_read_again(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = large_export(tmp_path / "signalen.csv")
    data = path.read_bytes()
    # whole rows, then one padded row (its wijk stays within the 200 characters a wijk may hold)
    cut = data.rindex(b"\n", 0, (4 << 20) - 150) + 1
    last = b"S-9999999;2025-03-04;politie;drugs;nieuw;"
    path.write_bytes(data[:cut] + last + b"x" * ((4 << 20) - cut - len(last) - 1) + b"\n")
    assert path.stat().st_size == 4 << 20
    load_file(path, db=db)
    out = Stream()
    load_file(path, db=db, voortgang=reporter("signalen.csv", out))
    assert out.getvalue().splitlines() == [f"signalen.csv: {step}" for step in STEPS[2:]]


def test_large_new_file_is_read_and_checked(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    out = Stream()
    result = load_file(large_export(tmp_path / "signalen_groot.csv"), db=db,
                       voortgang=reporter("signalen_groot.csv", out))
    assert result.uitkomst == "geladen"
    assert out.getvalue().splitlines() == [f"signalen_groot.csv: {step}" for step in STEPS]


def test_small_file_loaded_before_is_read_and_checked_before_the_ledger_says_so(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    load_file(path, db=db)
    out = Stream()
    result = load_file(path, db=db, voortgang=reporter("signalen.csv", out))
    assert result.uitkomst == "al_geladen"
    assert out.getvalue().splitlines() == [f"signalen.csv: {step}" for step in STEPS]


def test_excel_lock_files_in_a_folder_are_skipped(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    signalen_csv(folder / "signalen_a.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    (folder / "~$signalen_b.xlsx").write_bytes(b"lock")
    results = load_paths([folder], db=tmp_path / "loo.duckdb")
    assert [r.bestand for r in results] == ["signalen_a.csv"]


def test_file_given_by_path_is_loaded(tmp_path):
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    results = load_paths([path], db=tmp_path / "loo.duckdb")
    assert [(r.bestand, r.uitkomst) for r in results] == [("signalen.csv", "geladen")]


def test_missing_path_is_named_in_the_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="Bestand of map niet gevonden: .*weg.csv"):
        load_paths([tmp_path / "weg.csv"], db=tmp_path / "loo.duckdb")


def test_source_given_for_a_folder_applies_to_each_file(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    signalen_csv(folder / "export.csv", FIRST)
    results = load_paths([folder], db=tmp_path / "loo.duckdb", source="signalen")
    assert [(r.bron, r.uitkomst) for r in results] == [("signalen", "geladen")]


def test_ledger_row_of_a_file_loaded_before_names_the_earlier_load(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", FIRST)
    load_file(path, db=db)
    load_file(path, db=db)
    assert ledger_rows(db)[1][6] == ("Dit bestand is al geladen (lading 1); er is niets "
                                     "veranderd.")


def test_theme_remapping_is_in_the_ledger_with_the_mapping_file_hash_and_a_note(tmp_path,
                                                                                own_config):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;Ganja;nieuw;"]),
              db=db)
    (own_config / "themas.yaml").write_text("drugs: [ganja]\n", "utf-8")
    remap_themes(db)
    assert table_rows(db, "select sha256, redenen, beeindigd >= gestart from load_ledger "
                          "where load_id = 2") == [
        (digest(own_config / "themas.yaml"),
         "Themakoppeling opnieuw toegepast: 1 rijen bijgewerkt.", True)]


def test_theme_remapping_without_a_mapping_file_records_the_hash_of_nothing(tmp_path,
                                                                            own_config):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen.csv", FIRST), db=db)
    (own_config / "themas.yaml").unlink()
    remap_themes(db)
    assert table_rows(db, "select sha256 from load_ledger where load_id = 2") == [
        (hashlib.sha256(b"").hexdigest(),)]


def test_theme_remapping_without_a_database_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="Database .*loo.duckdb bestaat niet"):
        remap_themes(tmp_path / "loo.duckdb")


def test_ledger_reasons_of_a_refusal_are_its_problems_one_per_line(tmp_path):
    db = tmp_path / "loo.duckdb"
    bad = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-02-30;politie;drugs;nieuw;",
                                                   "S-2;2025-03-04;buurman;drugs;nieuw;"])
    result = load_file(bad, db=db)
    assert len(result.problemen) == 2
    assert ledger_rows(db)[0][6].split("\n") == [str(p) for p in result.problemen]


# --- the gemeente of a file: by its name's prefix or as asked (district mode, issue 16) ---

def test_a_file_name_starting_with_a_gemeente_prefix_names_that_gemeente():
    assert gemeente_prefix("zoetermeer_signalen_2026", load_settings()) == (
        "zoetermeer", "Zoetermeer")


@pytest.mark.parametrize("stem", ["signalen_2026", "zoetermeersignalen"])
def test_a_file_name_without_a_gemeente_prefix_names_none(stem):
    assert gemeente_prefix(stem, load_settings()) == (None, None)


def test_the_longest_gemeente_prefix_wins():
    settings = dataclasses.replace(load_settings(),
                                   gemeenten={"den": "Den", "den_haag": "Den Haag"})
    assert gemeente_prefix("den_haag_signalen", settings) == ("den_haag", "Den Haag")


def test_load_paths_loads_for_the_gemeente_asked_for(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    load_paths([path], db=db, gemeente="Zoetermeer")
    assert table_rows(db, "select signaal_id, gemeente from signalen") == [("S-1", "Zoetermeer")]


GEMEENTEN = "Leidschendam-Voorburg, Pijnacker-Nootdorp, Wassenaar, Zoetermeer"


@pytest.mark.parametrize("bestand, gevraagd, gemeente", [
    ("signalen.csv", "zoetermeer", "Zoetermeer"), ("zoetermeer_signalen.csv", None, "Zoetermeer"),
    ("signalen.csv", None, "Wassenaar")])
def test_a_file_is_loaded_for_the_gemeente_asked_for_else_its_prefix_else_the_configured_one(
        bestand, gevraagd, gemeente):
    assert target_gemeente(bestand, load_settings(), gevraagd) == (gemeente, None)


def test_an_unknown_gemeente_asked_for_is_refused_naming_the_known_ones():
    gemeente, probleem = target_gemeente("signalen.csv", load_settings(), "Delft")
    assert (gemeente, str(probleem)) == (None, f"signalen.csv: Onbekende gemeente; kies uit "
                                               f"{GEMEENTEN} (config/gemeenten.yaml).")


def test_a_file_named_for_one_gemeente_is_not_loaded_for_another():
    gemeente, probleem = target_gemeente("wassenaar_signalen.csv", load_settings(), "Zoetermeer")
    assert (gemeente, str(probleem)) == (None, "wassenaar_signalen.csv: De bestandsnaam hoort bij "
                                               "Wassenaar, maar het bestand wordt geladen voor "
                                               "Zoetermeer; er is niets veranderd.")


@pytest.mark.parametrize("gevraagd, gemeente", [("wassenaar", "Wassenaar"), ("Delft", None)])
def test_without_a_district_only_the_configured_gemeente_is_known(gevraagd, gemeente):
    settings = dataclasses.replace(load_settings(), gemeenten={})
    assert target_gemeente("signalen.csv", settings, gevraagd)[0] == gemeente


def test_rows_of_the_gemeente_loaded_for_in_any_spelling_are_no_problem():
    frame = pl.DataFrame({"gemeente": ["Wassenaar", "WASSENAAR ", "wassenaar"]})
    assert other_gemeente(frame, "Wassenaar", "signalen.csv") is None


@pytest.mark.parametrize("andere, zin", [(1, "1 rij noemt"), (2, "2 rijen noemen")])
def test_rows_of_another_gemeente_are_counted_never_quoted(andere, zin):
    frame = pl.DataFrame({"gemeente": ["Wassenaar"] + ["Zoetermeer"] * andere})
    assert str(other_gemeente(frame, "Wassenaar", "signalen.csv")) == (
        f"signalen.csv, kolom 'gemeente': {zin} een andere gemeente dan Wassenaar, waarvoor het "
        "bestand wordt geladen. Een export hoort bij één gemeente: laad hem voor de juiste "
        "gemeente (--gemeente of het begin van de bestandsnaam) of vraag een export per "
        "gemeente.")


@pytest.mark.parametrize("name, source", [("zoetermeer_signalen_2026.csv", "signalen"),
                                          ("pijnacker_nootdorp_m_meldingen.csv", "m_meldingen")])
def test_the_source_is_read_after_the_gemeente_prefix(name, source):
    assert detect_source(name, load_settings()) == source


GEMEENTE_HEADER = SIGNALEN_HEADER + ";gemeente"


def test_rows_of_another_gemeente_refuse_the_file_naming_the_count(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv",
                        ["S-1;2025-03-04;politie;drugs;nieuw;;Zoetermeer"], header=GEMEENTE_HEADER)
    result = load_file(path, db=db)
    assert (result.uitkomst, [p.kolom for p in result.problemen]) == ("geweigerd", ["gemeente"])


def test_rows_are_stored_in_the_configured_spelling_of_their_gemeente(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv",
                        ["S-1;2025-03-04;politie;drugs;nieuw;;WASSENAAR ",
                         "S-2;2025-03-04;politie;drugs;nieuw;;wassenaar"], header=GEMEENTE_HEADER)
    load_file(path, db=db)
    assert table_rows(db, "select distinct gemeente from signalen") == [("Wassenaar",)]


def test_a_load_for_an_unknown_gemeente_is_refused_in_the_ledger(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db, gemeente="Delft")
    assert (result.uitkomst, result.gemeente, [p.melding[:19] for p in result.problemen]) == (
        "geweigerd", None, ["Onbekende gemeente;"])
    assert [r[:2] for r in ledger_rows(db)] == [("signalen.csv", "geweigerd")]


def test_a_file_named_after_an_identifier_keeps_its_source_in_the_refusal(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen_0612345678.csv",
                        ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db, source="signalen")
    assert (result.uitkomst, result.bron) == ("geweigerd", "signalen")
