"""The synthetic sample generator: committed output, determinism, scaling and shape."""

import datetime as dt
import json

import polars as pl
import pytest

from data_pipeline.contract import SOURCES
from data_pipeline.normalise import norm_key
from data_pipeline.privacy import scan_frame
from data_pipeline.sample import (BESTANDEN, EERSTE_DAG, LAATSTE_DAG, MELDPUNT_ZORGFRAUDE, build,
                                  write_sample)
from tests.conftest import ROOT

SAMPLE_DATA = ROOT / "sample_data"

DATE_COLUMNS = {name: [c.name for c in s.columns if c.kind == "date"]
                for name, s in SOURCES.items()}


@pytest.fixture(scope="module")
def scale1():
    return build(1)


@pytest.fixture(scope="module")
def scale3():
    return build(3)


def test_committed_sample_data_is_the_generator_output_byte_for_byte(tmp_path):
    paths = write_sample(tmp_path)
    committed = sorted(p.name for p in SAMPLE_DATA.glob("*.csv"))
    assert sorted(p.name for p in paths) == committed
    for path in paths:
        assert path.read_bytes() == (SAMPLE_DATA / path.name).read_bytes(), path.name


def test_same_seed_writes_identical_files(tmp_path):
    first = write_sample(tmp_path / "a", seed=7)
    second = write_sample(tmp_path / "b", seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_other_seed_writes_other_signals(tmp_path):
    first = write_sample(tmp_path / "a", seed=7)
    second = write_sample(tmp_path / "b", seed=8)
    assert first[0].read_bytes() != second[0].read_bytes()


def test_each_file_name_starts_with_its_source_prefix(tmp_path):
    for path in write_sample(tmp_path):
        assert any(path.name.startswith(prefix) for prefix in SOURCES), path.name
    assert set(BESTANDEN) == set(SOURCES)


def test_each_file_header_normalises_to_the_contract_columns(tmp_path):
    for source, path in zip(BESTANDEN, write_sample(tmp_path)):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        assert [norm_key(h) for h in header.split(delimiter)] == SOURCES[source].column_names


def test_scale_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_sample(tmp_path, scale=0)


def test_scale_three_has_more_rows_in_every_export_but_the_plan(scale1, scale3):
    for source in ("signalen", "m_meldingen", "handhaving", "dol_registraties"):
        assert scale3[source].height == 3 * scale1[source].height, source
    assert scale3["uitvoeringsplan"].height == scale1["uitvoeringsplan"].height


def test_scale_three_keeps_every_date_from_2024_to_october_2026(scale3):
    for source, frame in scale3.items():
        if source == "uitvoeringsplan":
            continue
        for column in DATE_COLUMNS[source]:
            dates = frame[column].drop_nulls()
            assert dates.min() >= EERSTE_DAG, (source, column)
            assert dates.max() <= LAATSTE_DAG, (source, column)


def test_scale_three_ids_are_unique(scale3):
    for source, frame in scale3.items():
        ids = frame[SOURCES[source].id_column]
        assert ids.null_count() == 0
        assert ids.n_unique() == frame.height, source


def test_every_link_points_to_an_existing_signal(scale3):
    ids = set(scale3["signalen"]["signaal_id"])
    assert set(scale3["m_meldingen"]["gekoppeld_signaal_id"].drop_nulls()) <= ids
    assert set(scale3["handhaving"]["signaal_id"].drop_nulls()) <= ids


def test_linked_m_melding_signal_has_bron_meld_misdaad_anoniem_and_is_not_earlier(scale3):
    joined = scale3["m_meldingen"].join(
        scale3["signalen"], left_on="gekoppeld_signaal_id", right_on="signaal_id")
    assert joined.height > 0
    assert (joined["bron"] == "meld_misdaad_anoniem").all()
    assert (joined["datum_ontvangst_right"] >= joined["datum_ontvangst"]).all()
    assert (joined["datum_ontvangst_right"].dt.year() == joined["datum_ontvangst"].dt.year()).all()


def test_signal_dates_are_in_a_possible_order(scale3):
    s = scale3["signalen"]
    assert (s["datum_besproken_loo"].drop_nulls().len()) > 0
    assert s.filter(pl.col("datum_besproken_loo") < pl.col("datum_ontvangst")).height == 0
    assert s.filter(pl.col("datum_afgesloten") < pl.col("datum_ontvangst")).height == 0
    assert s.filter(pl.col("datum_afgesloten") < pl.col("datum_besproken_loo")).height == 0


def test_only_closed_signals_have_a_closing_date(scale3):
    s = scale3["signalen"]
    gesloten = s["status"].is_in(["afgesloten", "doorgezet"])
    assert (s["datum_afgesloten"].is_not_null() == gesloten).all()


def test_dol_purchase_is_never_after_registration_and_aantal_at_least_one(scale3):
    dol = scale3["dol_registraties"]
    assert dol.filter(pl.col("datum_aankoop") > pl.col("datum_registratie")).height == 0
    assert dol["aantal"].min() >= 1


def test_dol_has_five_to_eight_opkopers_per_branche(scale1):
    per_branche = scale1["dol_registraties"].group_by("branche").agg(
        pl.col("opkoper_pseudoniem").n_unique().alias("n"))
    assert per_branche.height == 5
    assert per_branche["n"].min() >= 5 and per_branche["n"].max() <= 8


def test_no_zorgfraude_signal_before_the_meldpunt_opened(scale3):
    s = scale3["signalen"].filter(pl.col("thema") == "zorgfraude")
    assert s.height > 0
    assert s["datum_ontvangst"].min() >= MELDPUNT_ZORGFRAUDE


def test_register_checks_only_from_2026(scale3):
    checks = scale3["handhaving"].filter(pl.col("instrument") == "registercontrole_dol_dor")
    assert checks.height > 0
    assert checks["datum"].min() >= dt.date(2026, 1, 1)


def test_the_privacy_gate_finds_nothing_in_any_export(scale3):
    for source, frame in scale3.items():
        assert scan_frame(frame) == [], source


def test_the_opkoper_most_often_late_gets_a_warning_and_then_a_proces_verbaal(scale1):
    dol = scale1["dol_registraties"].with_columns(
        laat=(pl.col("datum_registratie") - pl.col("datum_aankoop")).dt.total_days() > 7)
    laatste = dol.group_by("opkoper_pseudoniem").agg(pl.col("laat").mean()).sort(
        "laat", descending=True)["opkoper_pseudoniem"][0]
    checks = scale1["handhaving"].filter(pl.col("subject_pseudoniem") == laatste).sort("datum")
    assert checks["instrument"].to_list() == ["registercontrole_dol_dor"] * 2
    assert checks["uitkomst"].to_list() == ["waarschuwing", "proces-verbaal"]


def test_plan_voortgang_is_the_last_update_of_the_sample_history(scale1):
    laatste = {}
    history = (SAMPLE_DATA / "plan_voortgang_2026.jsonl").read_text(encoding="utf-8")
    for line in history.splitlines():
        if line.strip():
            update = json.loads(line)
            laatste[update["doel_id"]] = max(laatste.get(update["doel_id"], ("", "")),
                                             (update["datum"], update["voortgang"]))
    plan = dict(scale1["uitvoeringsplan"].select("doel_id", "voortgang").iter_rows())
    assert plan == {doel: voortgang for doel, (_, voortgang) in laatste.items()}


def test_the_2025_counts_do_not_depend_on_the_seed():
    other = build(1, seed=11)
    s = other["signalen"].filter(pl.col("datum_ontvangst").dt.year() == 2025)
    m = other["m_meldingen"].filter(pl.col("datum_ontvangst").dt.year() == 2025)
    h = other["handhaving"].filter(pl.col("datum").dt.year() == 2025)
    los = m.filter(~pl.col("gekoppeld_signaal_id").is_in(s["signaal_id"].implode()))
    assert s.height + los.height == 42 and m.height == 18
    assert s["datum_besproken_loo"].null_count() == 0
    assert dict(h.group_by("instrument").len().iter_rows()) == {
        "opiumwet_13b_sluiting": 1, "last_onder_dwangsom": 1, "apv_straathandel": 9,
        "bibob_onderzoek": 11}
