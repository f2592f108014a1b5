"""One Dutch label per value of the contract, one icon per plan state, and no second table of them."""

import ast

import pytest

from dashboard import labels
from data_pipeline.contract import SOURCES, SPOREN, VOORTGANG
from tests.conftest import ROOT

ENUM_COLUMNS = sorted({(c.name, c.values) for s in SOURCES.values() for c in s.columns
                       if c.kind in ("enum", "spoor")})
# Not tables of labels: the contract holds the labels; the sample generator maps themes to the
# raw labels of made-up exports; sentences holds grammatical phrases for running text ("bij
# gemeentelijke vastgoedtransacties", singular and plural nouns).
NOT_DISPLAY = {"data_pipeline/contract.py", "data_pipeline/sample.py", "dashboard/sentences.py"}


@pytest.mark.parametrize("column, values", ENUM_COLUMNS, ids=[c for c, _ in ENUM_COLUMNS])
def test_every_value_of_an_enum_column_has_a_dutch_label(column, values):
    kind = "voortgang" if column == "voortgang" else column
    missing = [v for v in values if not labels.KINDS[kind].get(v, "").strip()]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(labels.KINDS))
def test_no_two_values_of_a_kind_share_a_label(kind):
    names = list(labels.KINDS[kind].values())
    assert len(names) == len(set(names))


def test_every_theme_and_source_has_a_label():
    assert all(labels.label("thema", t) != t for t in labels.KINDS["thema"])
    assert [labels.label("source", s) for s in SOURCES] == [s.label for s in SOURCES.values()]
    assert all(SOURCES[s].label for s in SOURCES)


def test_every_plan_state_has_one_icon_used_by_voortgang():
    assert set(labels.VOORTGANG_ICONEN) == set(VOORTGANG)
    assert len(set(labels.VOORTGANG_ICONEN.values())) == len(VOORTGANG)
    assert labels.voortgang("vertraagd") == ":material/hourglass_bottom: Vertraagd"
    assert labels.voortgang(None) == labels.voortgang("niet_gestart")


def test_every_spoor_is_labelled_with_its_number():
    assert [labels.label("spoor", n) for n in SPOREN] == [
        f"Spoor {n}: {naam}" for n, naam in SPOREN.items()]


def label_tables(path):
    """Dict literals whose keys hold three or more values of one contract enum."""
    enums = [set(values) for _, values in ENUM_COLUMNS] + [set(labels.KINDS["thema"])]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if any(len(keys & enum) >= 3 for enum in enums):
                found.append(node.lineno)
    return found


def test_no_module_writes_its_own_table_of_labels():
    files = [p for folder in ("core", "data_pipeline", "dashboard", "pages")
             for p in sorted((ROOT / folder).glob("*.py"))] + [ROOT / "app.py"]
    tables = {str(p.relative_to(ROOT)): label_tables(p) for p in files
              if str(p.relative_to(ROOT)) not in NOT_DISPLAY}
    assert {k: v for k, v in tables.items() if v and k != "dashboard/labels.py"} == {}


def test_the_check_finds_a_table_of_labels(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('X = {"nieuw": "Nieuw", "in_onderzoek": "Bezig", "afgesloten": "Klaar"}\n')
    assert label_tables(sample) == [1]
