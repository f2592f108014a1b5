"""Data & kwaliteit: uploading an export runs the pipeline load and refreshes the figures."""

import json
import os
import secrets
import shutil

import bcrypt
import duckdb
import pytest
import yaml

from tests.app_session import (  # noqa: F401
    login, open_page, real_server_navigation)
from core import audit
from dashboard.security import literal
from tests.conftest import ROOT, metric

GOED = ("signaal_id;datum_ontvangst;bron;thema;status\n"
        "SIG-T1;03-02-2025;politie;drugs;nieuw\n"
        "SIG-T2;04-02-2025;inwoner;fraude;in_onderzoek\n").encode()
FOUT = ("signaal_id;datum_ontvangst;bron;thema\n"  # status (required) is missing
        "SIG-T3;05-02-2025;politie;drugs\n").encode()


def production_accounts(monkeypatch, tmp_path):
    """Production mode with the demo names and passwords: demo accounts stop working once a
    file that is not in sample_data/ is loaded, and these tests load such files."""
    hashed = bcrypt.hashpw(b"demo", bcrypt.gensalt(4)).decode()
    path = tmp_path / "accounts.yaml"
    path.write_text(yaml.safe_dump({"credentials": {"usernames": {
        rol: {"name": rol, "roles": [rol], "password": hashed}
        for rol in ("regisseur", "loo", "manager")}}}))
    os.chmod(path, 0o600)
    monkeypatch.setenv("LOO_CREDENTIALS", str(path))
    monkeypatch.setenv("LOO_COOKIE_KEY", secrets.token_urlsafe(48))


@pytest.fixture
def regisseur(make_db, monkeypatch, tmp_path):
    path = make_db()
    monkeypatch.setenv("LOO_DB", str(path))
    production_accounts(monkeypatch, tmp_path)
    return open_page(login("regisseur"), "data"), path


def upload(at, name, content):
    at.file_uploader(key="upload_export").upload(name, content, "text/csv").run()
    at.button(key="upload_laden").click().run()
    return at


def signal_rows(path):
    con = duckdb.connect(str(path), read_only=True)
    n = con.execute("select count(*) from signalen").fetchone()[0]
    con.close()
    return n


def versheid(at):
    return at.dataframe[0].value.set_index("Bron")


def test_a_valid_export_is_loaded_and_the_figures_refresh(regisseur):
    at, path = regisseur
    assert versheid(at).loc["Signalen", "Rijen"] == "0"
    at = upload(at, "signalen_test.csv", GOED)
    assert not at.exception
    assert at.success[0].value.startswith("Geladen: signalen_test.csv (signalen): 2 rijen "
                                          "gelezen, 2 nieuw")
    assert signal_rows(path) == 2
    assert versheid(at).loc["Signalen", "Rijen"] == "2"


def test_the_freshness_line_shows_a_load_at_once(regisseur):
    at, _ = regisseur
    at = upload(at, "signalen_test.csv", GOED)
    assert any(c.value.startswith("Gegevens t/m: Signalen t/m 4 februari 2025")
               for c in at.caption)


def test_several_exports_load_at_once_with_a_result_per_file(regisseur):
    at, path = regisseur
    at.file_uploader(key="upload_export").set_value([
        ("signalen_test.csv", GOED, "text/csv"), ("signalen_fout.csv", FOUT, "text/csv")]).run()
    at.button(key="upload_laden").click().run()
    assert at.success[0].value.startswith("Geladen: signalen_test.csv")
    assert at.error[0].value.startswith("Geweigerd: signalen_fout.csv")
    assert signal_rows(path) == 2


def test_a_refused_export_lists_its_problems_and_changes_nothing(regisseur):
    at, path = regisseur
    at = upload(at, "signalen_fout.csv", FOUT)
    assert at.error[0].value.startswith("Geweigerd: signalen_fout.csv")
    assert any("status" in m.value for m in at.markdown if m.value.startswith("- "))
    assert signal_rows(path) == 0
    # the file name is escaped for Markdown (dashboard.security.literal)
    assert any(e.label.replace("\\", "").startswith("signalen_fout.csv") for e in at.expander)


def test_the_same_export_twice_changes_nothing_the_second_time(regisseur):
    at, path = regisseur
    at = upload(upload(at, "signalen_test.csv", GOED), "signalen_test.csv", GOED)
    assert at.info[0].value.startswith("Al geladen: signalen_test.csv")
    assert signal_rows(path) == 2


EERDER = ("signaal_id;datum_ontvangst;bron;thema;status\n"  # ends before GOED's 4 February
          "SIG-T9;20-01-2025;politie;drugs;nieuw\n").encode()


def test_an_export_that_ends_earlier_is_loaded_with_a_warning_in_the_result(regisseur):
    at, path = regisseur
    at = upload(upload(at, "signalen_test.csv", GOED), "signalen_januari.csv", EERDER)
    assert at.success[0].value.startswith("Geladen: signalen_januari.csv")
    assert any(w.value.startswith("Let op: deze export loopt t/m 20 januari 2025, eerder dan de "
                                  "gegevens die er al waren (t/m 4 februari 2025)")
               for w in at.warning)
    assert signal_rows(path) == 3


def test_the_data_page_keeps_warning_about_the_latest_load_of_a_source(regisseur):
    at, _ = regisseur
    at = upload(upload(at, "signalen_test.csv", GOED), "signalen_januari.csv", EERDER).run()
    kop = f"Laatste lading van signalen ({literal('signalen_januari.csv')}): Let op"
    assert any(w.value.startswith(kop) for w in at.warning)
    log = at.dataframe[1].value
    assert log.loc[log["Bestand"] == "signalen_januari.csv", "Opmerking"].iloc[0].startswith(
        "Let op: deze export loopt t/m 20 januari 2025")


def test_a_load_outside_the_app_shows_at_the_next_rerun(make_db, monkeypatch, tmp_path):
    # the query cache is keyed on the data version (the swapped file), not cleared by hand
    from data_pipeline.load import load_file

    path = make_db()
    monkeypatch.setenv("LOO_DB", str(path))
    production_accounts(monkeypatch, tmp_path)
    at = login("manager", query={"jaar": "2025"})
    assert metric(at, "Signalen en meldingen") == "0"
    export = tmp_path / "signalen_extern.csv"
    export.write_bytes(GOED)
    assert load_file(export, db=path).uitkomst == "geladen"
    at.run()
    assert metric(at, "Signalen en meldingen") == "2"


@pytest.fixture
def demo_regisseur(make_db, monkeypatch):
    path = make_db()
    monkeypatch.setenv("LOO_DB", str(path))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    monkeypatch.delenv("LOO_COOKIE_KEY", raising=False)
    return open_page(login("regisseur"), "data"), path


def test_demo_mode_refuses_an_export_that_is_not_sample_data_and_explains(demo_regisseur):
    at, path = demo_regisseur
    at = upload(at, "signalen_test.csv", GOED)
    assert "demomodus" in at.error[0].value and "productiemodus" in at.error[0].value
    assert "signalen_test.csv is geen voorbeeldexport" in at.error[0].value.replace("\\", "")
    assert signal_rows(path) == 0 and versheid(at).loc["Signalen", "Rijen"] == "0"
    assert not [e for e in at.error if "uitgeschakeld" in e.value]


def test_demo_mode_loads_a_sample_export(demo_regisseur):
    at, path = demo_regisseur
    sample = ROOT / "sample_data" / "signalen_2024-2026.csv"
    at = upload(at, sample.name, sample.read_bytes())
    assert not at.error and signal_rows(path) > 100



ONBEKEND_LABEL = ("signaal_id;datum_ontvangst;bron;thema;status\n"
                  "SIG-T5;03-02-2025;politie;wiet op zolder;nieuw\n").encode()
ANDERE_KOLOM = ("signaal_id;datum_ontvangst;bron;thema;Stand zaak\n"
                "SIG-T6;03-02-2025;politie;drugs;nieuw\n").encode()


@pytest.fixture
def config(monkeypatch, tmp_path):
    """A copy of the configuration that the page may write to."""
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    monkeypatch.setenv("LOO_CONFIG", str(folder))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    return folder


def test_an_unknown_theme_label_is_mapped_from_the_page_and_its_rows_follow(regisseur, config):
    at, path = regisseur
    at = upload(at, "signalen_label.csv", ONBEKEND_LABEL)
    at.selectbox(key="koppel_label").select("wiet op zolder")
    at.selectbox(key="koppel_thema").select("drugs")
    at.button(key="koppel_thema_knop").click().run()
    assert not at.exception
    assert any(m.value.startswith("Label") and "hoort nu bij thema Drugs" in m.value
               for m in at.success)
    assert '  - "wiet op zolder"' in (config / "themas.yaml").read_text()
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select thema from signalen").fetchall() == [("drugs",)]
    con.close()
    assert any(s.value == "Alle themalabels zijn bekend in config/themas.yaml." for s in at.success)


def test_mapping_a_theme_label_is_audited(regisseur, config):
    at, _ = regisseur
    at = upload(at, "signalen_label.csv", ONBEKEND_LABEL)
    at.selectbox(key="koppel_thema").select("drugs")
    at.button(key="koppel_thema_knop").click().run()
    entry = audit.entries(action="config_wijziging").row(0, named=True)
    assert (entry["user"], entry["object"]) == ("regisseur", "themas.yaml")
    assert json.loads(entry["detail"]) == {"thema": "drugs", "label": "wiet op zolder"}


def test_a_refused_column_name_is_mapped_from_the_page_and_the_export_then_loads(regisseur,
                                                                                config):
    at, path = regisseur
    at = upload(at, "signalen_kolom.csv", ANDERE_KOLOM)
    assert at.error[0].value.startswith("Geweigerd: signalen_kolom.csv")
    at.selectbox(key="koppel_bron").select("signalen").run()
    at.selectbox(key="koppel_kolom").select("status")
    at.text_input(key="koppel_alias").input("Stand zaak")
    at.button(key="koppel_kolom_knop").click().run()
    assert any("hoort nu bij kolom status van signalen" in m.value for m in at.success)
    at = upload(at, "signalen_kolom.csv", ANDERE_KOLOM)
    assert at.success[0].value.startswith("Geladen: signalen_kolom.csv")
    assert signal_rows(path) == 1


def test_without_an_audit_trail_the_configuration_is_not_changed(regisseur, config, monkeypatch):
    at, _ = regisseur
    before = (config / "kolomnamen.yaml").read_bytes()
    monkeypatch.setenv("LOO_AUDIT_DB", str(config))  # a folder: the trail cannot be opened
    at.text_input(key="koppel_alias").input("Stand zaak")
    at.button(key="koppel_kolom_knop").click().run()
    assert any("audittrail" in e.value for e in at.error)
    assert (config / "kolomnamen.yaml").read_bytes() == before
