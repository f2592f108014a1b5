"""Jaarvergelijking over up to five years (issue 15.1): the cut, the cap, the like-for-like
sentence, the small multiples on one scale, the CSV with numbers, and the manager's shield."""

import io
import json

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard.period import SOORT_JAAR
from tests.app_session import KeptMedia
from tests.conftest import d, page_file


@pytest.fixture(autouse=True)
def omgeving(tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", KeptMedia)


@pytest.fixture
def zeven_jaren(make_db, monkeypatch):
    """Signals in 2019 to 2025: per year one more drugs signal, fraude always 12 (opslagboxen)."""
    rows = []
    for jaar in range(2019, 2026):
        for k in range(jaar - 2010):
            rows.append({"signaal_id": f"D{jaar}-{k}", "datum_ontvangst": d(f"{jaar}-03-01"),
                         "bron": "politie", "thema": "drugs", "status": "nieuw",
                         "gebied": "centrum"})
        for k in range(12):
            rows.append({"signaal_id": f"F{jaar}-{k}", "datum_ontvangst": d(f"{jaar}-05-01"),
                         "bron": "gemeente", "thema": "fraude", "status": "nieuw",
                         "gebied": "opslagboxen"})
    monkeypatch.setenv("LOO_DB", str(make_db({"signalen": rows})))


def pagina(rol="regisseur", **keuze):
    at = AppTest.from_file(page_file("jaarvergelijking"), default_timeout=90)
    for key, value in {"roles": [rol], "username": rol, "periode_soort": SOORT_JAAR,
                       **keuze}.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def csv(at):
    knop = next(k for k in at.get("download_button")
                if k.proto.label.startswith("Download tabel als CSV"))
    data = KeptMedia.kept[knop.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    return knop.proto.label, pl.read_csv(io.BytesIO(data.removeprefix(b"\xef\xbb\xbf")),
                                         separator=";", decimal_comma=True)


def test_at_most_five_years_newest_last_and_a_to_b(zeven_jaren):
    at = pagina(periode_jaar=2025, jv_bron="signalen", jv_jaar_b=2025, jv_indeling="thema")
    at.selectbox(key="jv_jaar_a").set_value(2019).run()
    # seven years chosen: the five newest are shown, and the page says so
    assert at.warning[0].value.startswith("Ten hoogste 5 jaar naast elkaar: getoond worden "
                                          "2021 t/m 2025")
    tabel = at.dataframe[0].value
    assert list(tabel.columns) == ["Thema", "2021 *", "2022 *", "2023 *", "2024 *", "2025 *",
                                   "Verschil (B − A)", "Verschil %"]
    drugs = tabel[tabel["Thema"] == "Drugs"].iloc[0]
    assert [drugs[f"{j} *"] for j in range(2021, 2026)] == ["11", "12", "13", "14", "15"]
    assert (drugs["Verschil (B − A)"], drugs["Verschil %"]) == ("+4", "+36%")


def test_a_small_base_gets_no_percentage(zeven_jaren):
    at = pagina(periode_jaar=2025, jv_bron="signalen", jv_jaar_a=2024, jv_jaar_b=2025,
                jv_indeling="gebied")
    tabel = at.dataframe[0].value
    fraude = tabel[tabel["Aandachtsgebied"] == "Opslagboxen"].iloc[0]
    assert (fraude["Verschil (B − A)"], fraude["Verschil %"]) == ("0", "0%")
    label, export = csv(at)
    assert export["Verschil (B − A)"].dtype == pl.Int64 and export["2024 *"].dtype == pl.Int64
    assert export.filter(pl.col("Aandachtsgebied") == "Centrum")["Verschil %"][0] == \
        pytest.approx(1 / 14, abs=1e-4)
    assert export.filter(pl.col("Aandachtsgebied") == "Totaal")["2025 *"][0] == 27


def test_small_multiples_one_chart_per_category_on_one_scale(zeven_jaren):
    at = pagina(periode_jaar=2025, jv_bron="signalen", jv_jaar_a=2021, jv_jaar_b=2025,
                jv_indeling="thema")
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    klein = [s for s in specs if "layer" in s and s.get("height") == 150]
    titels = sorted(s["title"]["text"] for s in klein)
    assert titels == ["Drugs: +4 (+36%)", "Fraude: 0 (0%)"]
    domeinen = {json.dumps(laag["encoding"]["y"]["scale"]["domain"])
                for s in klein for laag in s["layer"]}
    assert len(domeinen) == 1  # one y scale for every small chart


def test_the_unfinished_year_is_like_for_like_over_every_year(sample_db, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = pagina(periode_jaar=2026, jv_bron="signalen", jv_jaar_a=2024, jv_jaar_b=2026,
                jv_indeling="bron")
    assert "alle 3 jaren tellen alleen januari t/m oktober" in at.info[0].value
    assert list(at.dataframe[0].value.columns[:4]) == ["Bron", "2024 *", "2025 *", "2026 *"]
    _, export = csv(at)
    assert list(export.columns[1:4]) == ["2024 *", "2025 *", "2026 *"]


def test_the_manager_sees_wijken_shielded_and_no_chart(sample_db, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = pagina("manager", periode_jaar=2025, jv_bron="signalen_en_meldingen", jv_jaar_a=2024,
                jv_jaar_b=2025, jv_indeling="wijk")
    tabel = at.dataframe[0].value
    waarden = [v for k in ("2024", "2025") for v in tabel[k].tolist()]
    assert any(v in ("<5", "x") for v in waarden)
    assert not any(v.isdigit() and 0 < int(v) < 5 for v in waarden)
    assert not at.get("vega_lite_chart")
    # a hidden cell hides its difference as well
    for _, rij in tabel.iterrows():
        if rij["2024"] in ("<5", "x") or rij["2025"] in ("<5", "x"):
            assert rij["Verschil (B − A)"] == "x" and rij["Verschil %"] == "–"
