"""A fresh installation without a database: every page explains, the regisseur can upload."""

import pytest

from tests import expected
from tests.app_session import (  # noqa: F401
    login, open_page, real_server_navigation, titles)
from tests.conftest import ROOT


@pytest.fixture
def zonder_db(tmp_path, monkeypatch):
    path = tmp_path / "nog_niet.duckdb"
    monkeypatch.setenv("LOO_DB", str(path))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    return path


def test_every_page_says_there_is_no_data_yet_without_an_exception(zonder_db):
    at = login("regisseur")
    for page_id in expected.pages_of("regisseur"):  # the design's table: every page
        at = open_page(at, page_id)
        assert not at.exception, page_id
        assert titles(at) == [expected.title(page_id)], page_id


def test_overzicht_without_data_points_to_data_en_kwaliteit(zonder_db):
    at = login("manager")
    assert at.info[0].value.startswith("Er zijn nog geen gegevens geladen.")
    assert not at.metric


def test_the_first_upload_creates_the_database(zonder_db):
    at = open_page(login("regisseur"), "data")
    sample = ROOT / "sample_data" / "signalen_2024-2026.csv"  # demo mode loads sample data
    at.file_uploader(key="upload_export").upload(sample.name, sample.read_bytes(), "text/csv")
    at.run()
    at.button(key="upload_laden").click().run()
    assert at.success[0].value.startswith("Geladen: signalen_2024-2026.csv")
    assert zonder_db.exists()
    assert at.dataframe[0].value.set_index("Bron").loc["Signalen", "Rijen"] == "112"
