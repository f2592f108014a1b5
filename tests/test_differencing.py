"""The differencing attacks of the red-team review (issue 17, item 3), tried as the manager.

1. Trends per aandachtsgebied, 1-20 August against 1-31 August: Buitengebied 6 and 8, so 2
   signals in 21-31 August.
2. The same table with the Handhaving source added: 8 became 10, so 2 actions.
3. The DOL page for one day: "Registraties 1, Opkopers 1".

Attacks 1 and 2 run on the sample database plus the rows the review planted, loaded with the
real CLI: 8 signals in buitengebied in August 2026 (6 on 1-20 August, 2 on 24 and 27 August)
and 2 handhaving actions linked to two of them. The sample itself has no buitengebied signal in
August 2026, so these are the whole cell: 6, 8 and 10 for the roles that see small counts.
Attack 3 runs on the sample as it is: on 9 August 2026 one opkoper made one registration.

Each attack is first shown to work on exact figures (the loo or regisseur role), then shown to
fail for the manager. Without the fix (free ranges, each table shielded on its own, DOL tiles
as counted) every manager assertion below fails.
"""

import datetime as dt
import itertools
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.period import SOORT_PERIODE
from tests.app_session import login, open_page, real_server_navigation  # noqa: F401
from tests.conftest import command, d, metric, page_file

SIGNALEN = ("signaal_id,datum_ontvangst,bron,thema,status,gebied\n"
            + "".join(f"RT-{i},2026-08-{dag:02d},politie,drugs,nieuw,buitengebied\n"
                      for i, dag in enumerate((3, 5, 7, 11, 14, 18, 24, 27), start=1)))
HANDHAVING = ("actie_id,datum,instrument,thema,signaal_id\n"
              "RT-H1,2026-08-12,bestuurlijke_waarschuwing,drugs,RT-1\n"
              "RT-H2,2026-08-19,bestuurlijke_waarschuwing,drugs,RT-2\n")
BRONNEN = {"S": ["signalen", "m_meldingen"], "s": ["signalen"], "H": ["handhaving"],
           "SH": ["signalen", "m_meldingen", "handhaving"], "sH": ["signalen", "handhaving"]}
KLEIN, AFGESCHERMD = "<5", "x"
AUGUSTUS = "Voor uw rol worden hele maanden getoond: 1 augustus t/m 31 augustus 2026."
TEGELS = ("DOL-registraties", "Geregistreerde goederen", "Opkopers met registraties",
          "Registraties met een match gestolen goed", "Registercontroles DOL/DOR",
          "Mediaan registraties per opkoper")


@pytest.fixture(scope="module")
def aanval_db(sample_db, tmp_path_factory):
    """The sample database with the review's planted rows, loaded by the real CLI."""
    folder = tmp_path_factory.mktemp("aanval")
    db = folder / "loo.duckdb"
    shutil.copy(sample_db, db)
    (folder / "signalen_rt.csv").write_text(SIGNALEN, encoding="utf-8")
    (folder / "handhaving_rt.csv").write_text(HANDHAVING, encoding="utf-8")
    command("data_pipeline", "load", folder / "signalen_rt.csv", folder / "handhaving_rt.csv",
            "--db", db, check=True)
    return db


@pytest.fixture
def databank(tmp_path, monkeypatch):
    """Point the app at a database, with its own audit trail and plan store."""
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))

    def kies(db):
        monkeypatch.setenv("LOO_DB", str(db))
        return db

    return kies


def pagina(page_id, rol, van, tot, **state):
    """A page run on its own with a role and a van-tot range, as app.py leaves the session."""
    at = AppTest.from_file(page_file(page_id), default_timeout=90)
    at.session_state["roles"] = [rol]
    at.session_state["username"] = rol
    at.session_state["periode_soort"] = SOORT_PERIODE
    at.session_state["periode_van"] = van
    at.session_state["periode_tot"] = tot
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def per_gebied(rol, van, tot, bronnen="S", eenheid="maand"):
    """Trends per aandachtsgebied: {(period row, gebied): cell as shown}, and the page."""
    at = pagina("trends", rol, van, tot, trends_indeling="gebied", trends_eenheid=eenheid,
                trends_bronnen=BRONNEN[bronnen])
    tabel = at.dataframe[0].value
    cellen = {(rij, kolom): str(waarde) for kolom in tabel.columns[1:]
              for rij, waarde in zip(tabel["Periode"], tabel[kolom])}
    return cellen, at


def infos(at):
    return [i.value for i in at.info]


def getal(tekst):
    """The number a cell shows, or None for a marker."""
    return None if tekst in (KLEIN, AFGESCHERMD) else int(tekst.replace(".", ""))


# --- attack 1: two ranges a few days apart ---

def test_the_planted_rows_give_the_reviews_figures_to_a_role_with_small_counts(aanval_db,
                                                                                databank):
    databank(aanval_db)
    tot_20, _ = per_gebied("loo", d("2026-08-01"), d("2026-08-20"))
    tot_31, _ = per_gebied("loo", d("2026-08-01"), d("2026-08-31"))
    met_handhaving, _ = per_gebied("loo", d("2026-08-01"), d("2026-08-31"), "SH")
    cel = ("augustus 2026", "Buitengebied")
    assert (tot_20[cel], tot_31[cel], met_handhaving[cel]) == ("6", "8", "10")


def test_two_ranges_a_few_days_apart_show_the_manager_the_same_whole_month(aanval_db,
                                                                            databank):
    databank(aanval_db)
    tot_20, at_20 = per_gebied("manager", d("2026-08-01"), d("2026-08-20"))
    tot_31, at_31 = per_gebied("manager", d("2026-08-01"), d("2026-08-31"))
    assert tot_20 == tot_31
    assert tot_31[("augustus 2026", "Buitengebied")] in (KLEIN, AFGESCHERMD)
    assert AUGUSTUS in infos(at_20) and AUGUSTUS in infos(at_31)


@pytest.mark.parametrize("van, tot", [(d("2026-08-01"), d("2026-08-20")),
                                      (d("2026-08-21"), d("2026-08-31"))])
def test_part_of_a_month_is_the_whole_month_for_the_manager(aanval_db, databank, van, tot):
    databank(aanval_db)
    cellen, at = per_gebied("manager", van, tot)
    assert {rij for rij, _ in cellen} == {"augustus 2026"}
    assert AUGUSTUS in infos(at)


# --- attack 2: adding a source ---

def test_adding_handhaving_does_not_move_the_hidden_two_into_view(aanval_db, databank):
    databank(aanval_db)
    zonder, _ = per_gebied("manager", d("2026-08-01"), d("2026-08-31"), "S")
    met, _ = per_gebied("manager", d("2026-08-01"), d("2026-08-31"), "SH")
    cel = ("augustus 2026", "Buitengebied")
    assert getal(zonder[cel]) is None or getal(met[cel]) is None


@pytest.mark.parametrize("eenheid", ["maand", "kwartaal"])
def test_no_two_source_choices_differ_by_a_small_count(aanval_db, databank, eenheid):
    # Every choice of sources for July to October: wherever two choices both show a number
    # for the same cell, the difference is 0 or at least 5, never a hidden 1 to 4.
    databank(aanval_db)
    keuzes = {b: per_gebied("manager", d("2026-07-01"), d("2026-10-31"), b, eenheid)[0]
              for b in BRONNEN}
    for a, b in itertools.combinations(keuzes, 2):
        for cel in set(keuzes[a]) & set(keuzes[b]):
            x, y = getal(keuzes[a][cel]), getal(keuzes[b][cel])
            if x is not None and y is not None:
                assert abs(x - y) == 0 or abs(x - y) >= 5, (a, b, cel, x, y)


@pytest.mark.parametrize("bronnen", list(BRONNEN))
def test_a_quarter_minus_its_shown_months_gives_no_hidden_month(aanval_db, databank, bronnen):
    # July to September as months and as one quarter: a quarter shown as a number while one
    # of its months is hidden would give that month as the quarter minus the others.
    databank(aanval_db)
    maanden, _ = per_gebied("manager", d("2026-07-01"), d("2026-09-30"), bronnen, "maand")
    kwartaal, _ = per_gebied("manager", d("2026-07-01"), d("2026-09-30"), bronnen, "kwartaal")
    for (rij, gebied), tekst in kwartaal.items():
        assert rij == "K3 2026"
        verborgen = [m for (m, g), t in maanden.items() if g == gebied and getal(t) is None]
        assert getal(tekst) is None or not verborgen, (gebied, tekst, verborgen)


def test_the_regisseur_keeps_free_days_and_exact_figures(aanval_db, databank):
    databank(aanval_db)
    cellen, at = per_gebied("regisseur", d("2026-08-21"), d("2026-08-31"))
    assert cellen[("augustus 2026", "Buitengebied")] == "2"
    assert not any(i.startswith("Voor uw rol") for i in infos(at))


# --- attack 3: one day on the DOL page ---

def test_one_day_on_the_dol_page_gave_one_registration_of_one_opkoper(sample_db, databank):
    databank(sample_db)
    at = pagina("dol", "loo", d("2026-08-09"), d("2026-08-09"))
    assert (metric(at, "DOL-registraties"), metric(at, "Opkopers met registraties")) == ("1", "1")


def test_one_day_on_the_dol_page_shows_the_manager_no_count_below_five(sample_db, databank):
    databank(sample_db)
    at = pagina("dol", "manager", d("2026-08-09"), d("2026-08-09"))
    for label in TEGELS:
        waarde = metric(at, label)
        assert waarde in ("0", KLEIN) or getal(waarde) >= 5, (label, waarde)
    assert AUGUSTUS in infos(at)
    # the month of that day: 296 registrations by 30 opkopers, 4 register checks
    assert metric(at, "DOL-registraties") == "296"
    assert metric(at, "Registercontroles DOL/DOR") == KLEIN


def test_the_manager_sees_no_breakdown_of_checks_for_part_of_a_year(sample_db, databank):
    # August 2026 has 4 checks: per outcome each cell is one opkoper's check.
    databank(sample_db)
    at = pagina("dol", "manager", d("2026-08-01"), d("2026-08-31"))
    assert not [df for df in at.dataframe if "Uitkomst" in df.value.columns]
    loo = pagina("dol", "loo", d("2026-08-01"), d("2026-08-31"))
    assert [df for df in loo.dataframe if "Uitkomst" in df.value.columns]


# --- the period filter itself, through the login (the review used bookmarked URLs) ---

@pytest.fixture
def demo(sample_db, databank, monkeypatch):
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    return databank(sample_db)


def test_a_bookmarked_range_opens_in_whole_months_for_the_manager(demo):
    at = login("manager", query={"van": "2026-08-01", "tot": "2026-08-20"})
    at = open_page(at, "trends")
    assert not at.exception, at.exception
    assert (at.query_params["van"], at.query_params["tot"]) == ("2026-08-01", "2026-08-31")
    assert at.date_input(key="periode_tot").value == dt.date(2026, 8, 31)
    assert AUGUSTUS in [c.value for c in at.sidebar.caption]
    assert AUGUSTUS in infos(at)


def test_days_typed_in_the_date_fields_become_whole_months_for_the_manager(demo):
    at = login("manager", query={"van": "2026-08-01", "tot": "2026-08-31"})
    at.date_input(key="periode_van").set_value(dt.date(2026, 8, 21)).run()
    assert (at.query_params["van"], at.query_params["tot"]) == ("2026-08-01", "2026-08-31")
    assert at.date_input(key="periode_van").value == dt.date(2026, 8, 1)


def test_a_bookmarked_range_stays_as_given_for_the_loo_role(demo):
    at = login("loo", query={"van": "2026-08-01", "tot": "2026-08-20"})
    assert (at.query_params["van"], at.query_params["tot"]) == ("2026-08-01", "2026-08-20")
    assert not any(c.value.startswith("Voor uw rol") for c in at.sidebar.caption)
