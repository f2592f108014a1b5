"""The district partners' sample exports (issue 16): committed output, their gemeente on every
row, ids that never look like another gemeente's, and volumes plausible for their size."""

import hashlib

import polars as pl
import pytest

from data_pipeline.sample import write_district
from dashboard import security
from tests.conftest import ROOT

DISTRICT = ROOT / "sample_data" / "district"
# per gemeente: file-name prefix, id prefix, M-meldingen in 2025 (Wassenaar's 18 times the
# volume factor of sample_data/README.md: 3, 2 and 5)
PARTNERS = {
    "Leidschendam-Voorburg": ("leidschendam_voorburg", "LVB-", 54),
    "Pijnacker-Nootdorp": ("pijnacker_nootdorp", "PNN-", 36),
    "Zoetermeer": ("zoetermeer", "ZTM-", 90),
}
BRONNEN = ("signalen", "m_meldingen", "handhaving", "dol_registraties")


def read(path):
    sep = ";" if path.name.split("_2024")[0].endswith(("m_meldingen", "dol_registraties")) else ","
    return pl.read_csv(path, separator=sep, infer_schema=False)


def test_committed_district_files_are_the_generator_output_byte_for_byte(tmp_path):
    paths = write_district(tmp_path)
    committed = sorted(p.name for p in DISTRICT.glob("*.csv"))
    assert sorted(p.name for p in paths) == committed and len(committed) == 12
    for path in paths:
        assert path.read_bytes() == (DISTRICT / path.name).read_bytes(), path.name
    assert (tmp_path / "district" / "SHA256SUMS").read_bytes() == \
        (DISTRICT / "SHA256SUMS").read_bytes()


def test_district_sums_list_every_file_and_demo_mode_trusts_them():
    listed = dict(reversed(line.split()) for line in
                  (DISTRICT / "SHA256SUMS").read_text().splitlines())
    shipped = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DISTRICT.glob("*.csv")}
    assert listed == shipped
    assert set(shipped.values()) <= security.sample_hashes()


@pytest.mark.parametrize("gemeente", PARTNERS)
def test_every_row_names_its_gemeente_and_every_id_its_prefix(gemeente):
    prefix, kenmerk, _ = PARTNERS[gemeente]
    for bron in BRONNEN:
        frame = read(DISTRICT / f"{prefix}_{bron}_2024-2026.csv")
        kolom = "Gemeente" if bron == "m_meldingen" else "gemeente"
        assert frame[kolom].unique().to_list() == [gemeente], bron
        ids = [c for c in frame.columns if c.lower().endswith(("_id", " id", "pseudoniem"))]
        assert ids, bron
        for c in ids:
            waarden = frame[c].drop_nulls()
            assert waarden.len() and waarden.str.starts_with(kenmerk).all(), (bron, c)


@pytest.mark.parametrize("gemeente", PARTNERS)
def test_m_meldingen_of_2025_scale_with_the_population(gemeente):
    prefix, _, verwacht = PARTNERS[gemeente]
    frame = read(DISTRICT / f"{prefix}_m_meldingen_2024-2026.csv")
    assert frame.filter(pl.col("Datum ontvangst").str.ends_with("-2025")).height == verwacht
