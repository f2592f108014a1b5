"""Adding a theme label or column alias to the configuration from the app (data_pipeline.mappings)."""

import shutil

import pytest

from data_pipeline import mappings
from data_pipeline.settings import ConfigError, load_settings
from tests.conftest import ROOT


@pytest.fixture
def config(tmp_path):
    """A copy of the shipped configuration."""
    folder = tmp_path / "config"
    shutil.copytree(ROOT / "config", folder)
    return folder


def test_a_theme_label_added_is_recognised_by_the_next_load(config):
    mappings.add_theme_label("drugs", "Wietkwekerij zolder", config)
    assert load_settings(config).themas["wietkwekerij_zolder"] == "drugs"


def test_adding_a_theme_label_keeps_the_comments_and_every_other_line(config):
    before = (config / "themas.yaml").read_text().splitlines()
    mappings.add_theme_label("zorgfraude", "pgb-constructie", config)
    after = (config / "themas.yaml").read_text().splitlines()
    assert [line for line in after if line not in before] == ['  - "pgb-constructie"']
    assert len(after) == len(before) + 1


def test_the_label_lands_in_its_themes_block(config):
    mappings.add_theme_label("fraude", "spookfacturen", config)
    lines = (config / "themas.yaml").read_text().splitlines()
    at = lines.index('  - "spookfacturen"')
    kop = max(i for i, line in enumerate(lines[:at]) if line and not line[0].isspace()
              and not line.startswith("#"))
    assert lines[kop] == "fraude:"


def test_a_theme_without_a_block_gets_one(config):
    (config / "themas.yaml").write_text("drugs:\n  - hennep\n")
    mappings.add_theme_label("cybercrime", "phishing via sms", config)
    themas = load_settings(config).themas
    assert (themas["phishing_via_sms"], themas["hennep"]) == ("cybercrime", "drugs")


def test_a_label_with_yaml_characters_is_quoted(config):
    mappings.add_theme_label("overig", "overig: #2 [zie notitie]", config)
    assert load_settings(config).themas["overig:_#2_[zie_notitie]"] == "overig"


def test_a_label_that_already_has_a_theme_is_refused(config):
    with pytest.raises(ConfigError, match="al bij thema 'drugs'"):
        mappings.add_theme_label("fraude", "Hennepteelt", config)


def test_onbekend_is_no_theme_to_map_to(config):
    with pytest.raises(ConfigError, match="geen thema om aan te koppelen"):
        mappings.add_theme_label("onbekend", "iets", config)


def test_a_label_that_looks_like_a_phone_number_is_refused_without_quoting_it(config):
    before = (config / "themas.yaml").read_bytes()
    with pytest.raises(ConfigError) as refused:
        mappings.add_theme_label("overig", "bel 0612345678", config)
    assert "0612345678" not in str(refused.value)
    assert (config / "themas.yaml").read_bytes() == before


def test_a_column_alias_joins_the_columns_list(config):
    mappings.add_column_alias("signalen", "status", "Stand zaak", config)
    assert load_settings(config).kolommen["signalen"]["stand_zaak"] == "status"
    assert '  status: [stand, fase, "Stand zaak"]' in (config / "kolomnamen.yaml").read_text()


def test_a_column_alias_for_a_column_without_aliases_gets_its_own_line(config):
    mappings.add_column_alias("signalen", "wijk", "Stadsdeel", config)
    assert load_settings(config).kolommen["signalen"]["stadsdeel"] == "wijk"
    assert load_settings(config).kolommen["m_meldingen"].get("stadsdeel") is None


def test_an_alias_already_in_use_for_that_source_is_refused(config):
    with pytest.raises(ConfigError, match="al bij kolom 'datum_ontvangst'"):
        mappings.add_column_alias("signalen", "datum_afgesloten", "ontvangstdatum", config)


def test_a_column_that_the_source_lacks_is_refused(config):
    with pytest.raises(ConfigError, match="bestaat niet bij bron"):
        mappings.add_column_alias("signalen", "opkoper_pseudoniem", "opkoper", config)


def test_a_file_that_cannot_be_extended_is_left_as_it_was(config):
    (config / "themas.yaml").write_text("drugs: [hennep]\n")
    with pytest.raises(ConfigError, match="met de hand"):
        mappings.add_theme_label("drugs", "wiet op zolder", config)
    assert (config / "themas.yaml").read_text() == "drugs: [hennep]\n"


def test_the_file_keeps_its_mode(config):
    (config / "themas.yaml").chmod(0o640)
    mappings.add_theme_label("drugs", "kweekruimte", config)
    assert (config / "themas.yaml").stat().st_mode & 0o777 == 0o640
