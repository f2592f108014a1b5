"""The CSV download of a breakdown below the municipality shields small counts for every role.

A hand-counted database: signals in January and February 2025 in three aandachtsgebieden.
The Trends page per aandachtsgebied shows them as a month x gebied table; its CSV download is
read byte for byte from AppTest's media store. The expected CSV is worked out by hand from the
rule in dashboard/suppression.py:

                 Buitengebied  Centrum  Opslagboxen
    januari 2025       2          10         7
    februari 2025      6          12         9

2 is a small count ("<5"). Its row then hides its smallest other non-zero cell (7), its
column the 6 below it, and that leaves the Opslagboxen column with one hidden cell, so 9 goes
too: every hidden cell has a partner in each of its lines ("x"). Centrum stays visible.
"""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard.period import SOORT_JAAR
from tests.app_session import KeptMedia
from tests.conftest import page_file

AANTALLEN = {  # (month, gebied): number of signals
    (1, "buitengebied"): 2, (1, "centrum"): 10, (1, "opslagboxen"): 7,
    (2, "buitengebied"): 6, (2, "centrum"): 12, (2, "opslagboxen"): 9,
}
SHIELDED_CSV = ("Periode;Buitengebied;Centrum;Opslagboxen\n"
                "januari 2025;<5;10;x\n"
                "februari 2025;x;12;x\n")
ROLES = ("regisseur", "loo", "manager")


def signalen():
    rows, n = [], 0
    for (maand, gebied), aantal in AANTALLEN.items():
        for i in range(aantal):
            n += 1
            rows.append({"signaal_id": f"S{n}", "datum_ontvangst": dt.date(2025, maand, 1 + i),
                         "bron": "politie", "thema": "drugs", "status": "nieuw",
                         "gebied": gebied})
    return rows


@pytest.fixture
def db(make_db, tmp_path, monkeypatch):
    path = make_db({"signalen": signalen()})
    monkeypatch.setenv("LOO_DB", str(path))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", KeptMedia)
    return path


def trends_per_gebied(rol):
    """The Trends page for 2025 per aandachtsgebied and month, as app.py leaves the session."""
    at = AppTest.from_file(page_file("trends"), default_timeout=60)
    at.session_state["roles"] = [rol]
    at.session_state["username"] = rol
    at.session_state["periode_soort"] = SOORT_JAAR
    at.session_state["periode_jaar"] = 2025
    at.session_state["trends_indeling"] = "gebied"
    at.session_state["trends_eenheid"] = "maand"
    at.run()
    assert not at.exception, at.exception
    return at


def csv_download(at):
    """The bytes of the one CSV download on the page whose label names the breakdown."""
    knoppen = [k for k in at.get("download_button")
               if k.proto.label.startswith("Download tabel als CSV") and "gebied" in
               k.proto.label]
    assert len(knoppen) == 1, [k.proto.label for k in at.get("download_button")]
    return KeptMedia.kept[knoppen[0].proto.url.rsplit("/", 1)[-1].split(".")[0]]


@pytest.mark.parametrize("rol", ROLES)
def test_the_csv_of_a_breakdown_by_gebied_shields_small_counts_for_every_role(db, rol):
    data = csv_download(trends_per_gebied(rol))
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    assert data[3:].decode("utf-8") == SHIELDED_CSV


def test_on_screen_the_loo_role_sees_the_exact_small_count(db):
    tabel = trends_per_gebied("loo").dataframe[0].value
    assert tabel["Buitengebied"].tolist() == ["2", "6"]


def test_on_screen_the_manager_sees_the_breakdown_shielded_and_no_chart(db):
    at = trends_per_gebied("manager")
    tabel = at.dataframe[0].value
    assert tabel["Buitengebied"].tolist() == ["<5", "x"]
    assert tabel["Opslagboxen"].tolist() == ["x", "x"]
    assert not at.get("vega_lite_chart")
