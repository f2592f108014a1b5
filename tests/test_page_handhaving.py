"""The Handhaving & Bibob page with AppTest: every role, tiles, Bibob, the share of signals.

Login: roles are set in st.session_state['roles'] as app.py leaves them after login. The
database is the hand-counted one of test_queries_handhaving; the period is 1 January - 30 June
2025, chosen as a from/to range the way the sidebar stores it.
"""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_session import run_page_alone
from tests.conftest import metric, page_file
from tests.test_queries_handhaving import ACTIES, SIGNALEN

PAGE = page_file("handhaving")
KOPPEN = ["Bestuursrechtelijke aanpak drugs", "Instrumenten door de tijd",
          "Bibob-onderzoeken", "Signalen met een bestuursrechtelijke maatregel"]
PERIODE = "1 januari 2025 t/m 30 juni 2025"  # the period of run(), as the page names it


@pytest.fixture
def db(make_db, monkeypatch):
    path = make_db({"handhaving": ACTIES, "signalen": SIGNALEN})
    monkeypatch.setenv("LOO_DB", str(path))
    return path


def run(rol):
    return run_page_alone("handhaving", rol, dt.date(2025, 1, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize("rol", ["regisseur", "loo", "manager"])
def test_every_role_sees_the_page(db, rol):
    at = run(rol)
    assert not at.exception and not at.error
    assert [h.value for h in at.title] == ["Handhaving & Bibob"]
    koppen = [h.value for h in at.subheader]
    assert [any(k.startswith(p) for k in koppen) for p in KOPPEN] == [True] * 4


def test_tiles_compare_with_the_same_period_a_year_before(db):
    # Hand count: 13b 1 vs 1, dwangsom 1 vs 0, APV 3 vs 1.
    at = run("manager")
    assert [(m.value, m.delta) for m in at.metric[:3]] == [
        ("1", "0 t.o.v. een jaar eerder (1)"),
        ("1", "+1 t.o.v. een jaar eerder (0)"),
        ("3", "+2 t.o.v. een jaar eerder (1)"),
    ]


def test_bibob_count_and_outcomes(db):
    # A10-A13: 4 investigations; geen bezwaar 2, nog geen uitkomst 1, weigering 1.
    at = run("loo")
    assert metric(at, f"Bibob-onderzoeken {PERIODE}") == "4"
    uitkomsten = next(m.value for m in at.markdown if m.value.startswith("**Per uitkomst:**"))
    assert uitkomsten == ("**Per uitkomst:** Geen bezwaar: 2 · Nog geen uitkomst: 1 · "
                          "Weigering: 1")


def test_share_of_signals_with_a_measure(db):
    # 5 of the 6 signals received in the period -> 83%.
    at = run("loo")
    assert metric(at, f"Aandeel van de signalen ontvangen in {PERIODE}") == "83%"
    assert any(m.value.startswith("5 van de 6 signalen") for m in at.markdown)


def test_quarter_view_labels_quarters(db):
    at = run("loo")
    at.radio(key="handhaving_indeling").set_value("Per kwartaal").run()
    assert not at.exception
    tabel = at.dataframe[0].value
    assert list(tabel["Kwartaal"].unique()) == ["K1 2025", "K2 2025"]


def test_page_shows_no_record_level_data(db):
    # Only aggregated tables: no pseudonym or signal id reaches the page.
    at = run("manager")
    tekst = " ".join(str(df.value.to_string()) for df in at.dataframe)
    assert "P-A" not in tekst and "S1" not in tekst


def test_unfinished_year_is_compared_like_for_like(db):
    # The data end on 1 August 2025 (A16), so 2025 counts January-August against the same
    # months of 2024: 13b A1 vs A8, dwangsom A2 vs A9 (1 July 2024), APV A3-A6 vs A7.
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["roles"] = ["loo"]
    at.session_state["periode_jaar"] = 2025
    at.run()
    assert "2025 is nog niet compleet" in at.info[0].value
    assert [(m.value, m.delta) for m in at.metric[:3]] == [
        ("1", "0 t.o.v. 2024 (1)"), ("1", "0 t.o.v. 2024 (1)"), ("4", "+3 t.o.v. 2024 (1)")]


def test_sample_2025_shows_the_reference_figures(sample_db, monkeypatch):
    # Uitvoeringsplan 2026 on 2025: one 13b closure, one dwangsom, nine APV measures, and
    # Bibob: 9 for exploitatievergunningen plus 2 for municipal real estate = 11.
    monkeypatch.setenv("LOO_DB", str(sample_db))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["roles"] = ["manager"]
    at.session_state["periode_jaar"] = 2025
    at.run()
    assert [m.value for m in at.metric[:3]] == ["1", "1", "9"]
    assert metric(at, "Bibob-onderzoeken 2025") == "11"
    bibob = next(df.value for df in at.dataframe if "Domein" in df.value.columns)
    per_domein = bibob.assign(n=bibob["Aantal"].astype(int)).groupby("Domein")["n"].sum()
    assert per_domein.to_dict() == {"Exploitatievergunning": 9, "Vastgoed (gemeentelijk)": 2}
