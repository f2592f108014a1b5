"""The DOL/DOR-toezicht page with AppTest: every role, pseudonyms never for the manager, and
the registration term from configuration.

Login: roles are set in st.session_state['roles'] as app.py leaves them after login. The
database is the hand-counted one of test_queries_dol (period 1 January - 31 March 2025).
"""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_session import run_page_alone
from tests.conftest import metric, page_file
from tests.test_queries_dol import CONTROLES, REGISTRATIES

PAGE = page_file("dol")
KOPPEN = ["Registraties in het opkopersregister", "Opkopers naar aantal registraties",
          "Tijdigheid van registreren", "Matches met gestolen goederen", "Registercontroles"]


@pytest.fixture
def db(make_db, monkeypatch):
    path = make_db({"dol_registraties": REGISTRATIES, "handhaving": CONTROLES})
    monkeypatch.setenv("LOO_DB", str(path))
    return path


def run(rol):
    return run_page_alone("dol", rol, dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def alle_tekst(at):
    """Everything the page shows as text: elements and the tables' contents."""
    delen = [str(e.value) for e in at.main if hasattr(e, "value")]
    delen += [df.value.to_string() for df in at.dataframe]
    delen += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    return " ".join(delen)


@pytest.mark.parametrize("rol", ["regisseur", "loo", "manager"])
def test_every_role_sees_the_page(db, rol):
    at = run(rol)
    assert not at.exception and not at.error
    assert [h.value for h in at.title] == ["DOL/DOR-toezicht"]
    assert [h.value.split(",")[0] for h in at.subheader] == KOPPEN


def test_registration_counts(db):
    # 6 registrations, items 2+1+1+3+1+1 = 9, 3 opkopers; 3 opkopers is a small count, which
    # the manager sees as <5 (issue 17).
    tegels = ("DOL-registraties", "Geregistreerde goederen", "Opkopers met registraties")
    assert tuple(metric(run("loo"), t) for t in tegels) == ("6", "9", "3")
    assert tuple(metric(run("manager"), t) for t in tegels) == ("6", "9", "<5")


def test_manager_sees_no_pseudonyms_only_the_distribution(db):
    at = run("manager")
    assert "OPK-" not in alle_tekst(at)
    # largest opkoper: 3 registrations (< 5, shielded); largest three: 6 (shown, 100%)
    assert metric(at, "Aandeel van de grootste opkoper") == "afgeschermd"
    assert metric(at, "Aandeel van de drie grootste") == "100%"
    assert all("Opkoper (pseudoniem)" not in df.value.columns for df in at.dataframe)


def test_loo_sees_the_top_opkopers_by_pseudonym(db):
    at = run("loo")
    top = next(df.value for df in at.dataframe if "Opkoper (pseudoniem)" in df.value.columns)
    assert list(top["Opkoper (pseudoniem)"]) == ["OPK-A", "OPK-B", "OPK-C"]
    assert metric(at, "Aandeel van de grootste opkoper") == "50%"
    assert "OPK-A" in alle_tekst(at)  # the check the manager test relies on can see them


def test_timeliness_uses_the_default_term(db):
    # 3 of 5 registrations with an aankoop date within 7 days.
    at = run("loo")
    assert metric(at, "Binnen 7 dagen geregistreerd") == "60%"


def test_timeliness_follows_the_configured_term(db, tmp_path, monkeypatch):
    # A term of 1 day: R1 (0) and R5 (1) of 5 -> 40%.
    (tmp_path / "dol.yaml").write_text("registratietermijn_dagen: 1\n", encoding="utf-8")
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path))
    at = run("loo")
    assert metric(at, "Binnen 1 dag geregistreerd") == "40%"


def test_invalid_term_gives_a_dutch_message(db, tmp_path, monkeypatch):
    (tmp_path / "dol.yaml").write_text("registratietermijn_dagen: zeven\n", encoding="utf-8")
    monkeypatch.setenv("LOO_CONFIG", str(tmp_path))
    at = run("regisseur")
    assert not at.exception
    assert "registratietermijn_dagen" in at.error[0].value and "dol.yaml" in at.error[0].value


def test_stolen_matches_and_register_checks(db):
    # Matches: R2, R4, R6 = 3; checks in the period: C1, C2, C3 = 3 (for the manager: <5).
    for rol, verwacht in (("loo", "3"), ("manager", "<5")):
        at = run(rol)
        assert metric(at, "Registraties met een match gestolen goed") == verwacht
        assert metric(at, "Registercontroles DOL/DOR") == verwacht


def test_manager_sees_small_opkoper_counts_as_shielded(make_db, monkeypatch):
    # Two opkopers with 2 and 1 registrations: the largest share (2 of 3) and the median (1,5)
    # stand for fewer than 5 registrations, so a manager sees them shielded; the loo role
    # sees the values.
    rijen = REGISTRATIES[:3]  # R1, R2 (OPK-A) and R3 (OPK-B)
    monkeypatch.setenv("LOO_DB", str(make_db({"dol_registraties": rijen})))
    manager, loo = run("manager"), run("loo")
    assert metric(manager, "Aandeel van de grootste opkoper") == "afgeschermd"
    assert metric(manager, "Mediaan registraties per opkoper") == "<5"
    assert metric(loo, "Aandeel van de grootste opkoper") == "67%"
    assert metric(loo, "Mediaan registraties per opkoper") == "1,5"


def test_sample_register_checks_start_in_2026(sample_db, monkeypatch):
    # The reference document: registrations every year, the first register checks in 2026.
    monkeypatch.setenv("LOO_DB", str(sample_db))

    def jaar(j):
        at = AppTest.from_file(PAGE, default_timeout=60)
        at.session_state["roles"] = ["manager"]
        at.session_state["periode_jaar"] = j
        return at.run()

    in_2025, in_2026 = jaar(2025), jaar(2026)
    assert metric(in_2025, "Registercontroles DOL/DOR") == "0"
    assert int(metric(in_2026, "Registercontroles DOL/DOR").replace(".", "")) > 0
    assert int(metric(in_2025, "DOL-registraties").replace(".", "")) > 0
