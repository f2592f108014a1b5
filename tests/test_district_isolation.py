"""District isolation (issue 16.3, 16.4): through page.query, URL parameters and exports a user
of Zoetermeer or of Wassenaar never sees a record of another gemeente on any page they may open;
the record queries return only the gemeente asked for; Wassenaar's yearly report is the same
with or without the district; the district page's figures per 10.000 inhabitants equal plain
SQL and show no small count of another gemeente; a session without a gemeente sees nothing.

The database is the whole district sample (sample_data and sample_data/district) loaded with the
real CLI. Expected values are counted here with plain SQL or written out (population figures),
never taken from the product."""

import datetime as dt
import io
import re

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from core import fmt
from tests.app_session import (  # noqa: F401
    KeptMedia, errors, login, open_page, real_server_navigation, titles)
from tests import expected
from tests.conftest import ROOT, command, page_file

# Rounded inhabitants on 1 January 2025 as config/gemeenten.yaml ships them (written out here).
INWONERS_2025 = {"Leidschendam-Voorburg": 78500, "Pijnacker-Nootdorp": 58000,
                 "Wassenaar": 27200, "Zoetermeer": 128000}
# The pages a Zoetermeer LOO member may open (design.md) and the URL parameters to try on them.
LOO_PAGES = ("overzicht", "trends", "jaarvergelijking", "loo", "handhaving", "dol",
             "uitvoeringsplan", "district")
URLS = ({}, {"jaar": "2025"}, {"gemeente": "wassenaar"}, {"gemeente": "Wassenaar", "jaar": "2025"},
        {"van": "2024-01-01", "tot": "2026-10-31", "gemeente": "Wassenaar"})
ANDER_KENMERK = ("LVB-", "PNN-", "ZTM-")  # the district partners' prefixes (sample_data/README)
KENMERK = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")  # SIG-2025-0001, ZTM-OPK-06, P-3F9A21

SIGNALEN_EN_MELDINGEN = """
    select (select count(*) from signalen where gemeente = $g
              and datum_ontvangst between $van and $tot)
         + (select count(*) from m_meldingen m where gemeente = $g
              and datum_ontvangst between $van and $tot
              and not exists (select 1 from signalen s where s.signaal_id = m.gekoppeld_signaal_id
                              and s.gemeente = m.gemeente))"""
M_MELDINGEN = """select count(*) from m_meldingen where gemeente = $g
                 and datum_ontvangst between $van and $tot"""


@pytest.fixture(scope="module")
def district_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("district") / "loo.duckdb"
    command("data_pipeline", "load", ROOT / "sample_data", ROOT / "sample_data" / "district",
            "--db", db, check=True)
    return db


@pytest.fixture(scope="module")
def env(district_db, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("LOO_DB", str(district_db))
    mp.setenv("LOO_AUDIT_DB", str(tmp_path_factory.mktemp("audit") / "audit.sqlite"))
    mp.delenv("LOO_CREDENTIALS", raising=False)
    mp.setattr(app_test_module, "MemoryMediaFileStorage", KeptMedia)
    yield district_db
    mp.undo()


def sql(db, query, **params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def wassenaar_kenmerken(district_db):
    """Every id and pseudonym of a Wassenaar record, from plain SQL."""
    uit = set()
    for table, cols in {"signalen": ("signaal_id", "subject_pseudoniem"),
                        "m_meldingen": ("melding_id", "gekoppeld_signaal_id"),
                        "handhaving": ("actie_id", "signaal_id", "subject_pseudoniem"),
                        "dol_registraties": ("registratie_id", "opkoper_pseudoniem"),
                        "plan_doelen": ("doel_id",)}.items():
        for col in cols:
            uit |= {r[0] for r in sql(district_db, f"select distinct {col} from {table} "
                                                   "where gemeente = 'Wassenaar' and "
                                                   f"{col} is not null")}
    assert len(uit) > 10_000
    return uit


def shown_text(at):
    """Everything a page drew: text elements, tables, tiles and the bytes of every download."""
    parts = [e.value for kind in ("markdown", "caption", "title", "subheader", "info", "warning",
                                  "error", "success") for e in at.get(kind)]
    parts += [str(m.value) for m in at.metric]
    parts += [df.value.to_csv() for df in at.dataframe]
    parts += [t.value.to_csv() if hasattr(t.value, "to_csv") else str(t.value) for t in at.table]
    for knop in at.get("download_button"):
        data = KeptMedia.kept.get(knop.proto.url.rsplit("/", 1)[-1].split(".")[0], b"")
        parts.append(data.decode("utf-8", "replace") if knop.proto.url.endswith(".csv")
                     or data[:3] == b"\xef\xbb\xbf" else "")
    return "\n".join(parts)


def downloads(at):
    return [k for k in at.get("download_button")]


# Per demo user of a gemeente: how its own records' kenmerken start, and whose it must not see.
GEBRUIKERS = {"loo_zoetermeer": ("ZTM-", "Wassenaar"), "loo": (("SIG-", "OPK-"), "Zoetermeer")}


def records_seen(at, user, wassenaar):
    """What a member may not see on the page shown, and whether its own records show."""
    eigen, _ = GEBRUIKERS[user]
    gezien = set(KENMERK.findall(shown_text(at)))
    if user == "loo_zoetermeer":
        vreemd = sorted(gezien & wassenaar)
    else:  # Wassenaar's member: no kenmerk of a district partner
        vreemd = sorted(k for k in gezien if k.startswith(ANDER_KENMERK))
    return vreemd[:5], any(k.startswith(eigen) for k in gezien)


@pytest.mark.parametrize("query", URLS, ids=[str(u) for u in URLS])
@pytest.mark.parametrize("user", GEBRUIKERS)
def test_a_member_never_sees_a_record_of_another_gemeente(env, wassenaar_kenmerken, user, query):
    # one login, then every page the member may open, each with the URL's parameters
    at = login(user, query=query)
    problemen = {}
    for page_id in LOO_PAGES:
        at.query_params.clear()
        at.query_params.update(query)
        at = open_page(at, page_id)
        vreemd, eigen = records_seen(at, user, wassenaar_kenmerken)
        gevonden = {"titel": titles(at), "fouten": [e.value for e in at.exception] + errors(at),
                    "vreemd": vreemd, "eigen": eigen or page_id not in ("loo", "dol")}
        # the page itself (not a login or refusal), no error, no record of another gemeente,
        # and on the record lists (loo, dol) the member's own records, by their prefix
        if gevonden != {"titel": [expected.title(page_id)], "fouten": [], "vreemd": [],
                        "eigen": True}:
            problemen[page_id] = gevonden
    assert not problemen, problemen


@pytest.mark.parametrize("page_id", ("overzicht", "loo", "dol", "district"))
def test_a_gemeente_url_parameter_changes_nothing(env, page_id):
    gezien = []
    for query in ({"jaar": "2025"}, {"jaar": "2025", "gemeente": "wassenaar"},
                  {"jaar": "2025", "gemeente": "Wassenaar"}):
        at = open_page(login("loo_zoetermeer", query=query), page_id)
        assert titles(at) == [expected.title(page_id)]
        gezien.append(([(m.label, m.value) for m in at.metric],
                       [df.value.to_csv() for df in at.dataframe]))
    assert gezien[0][0] or gezien[0][1]
    assert gezien[1] == gezien[0] and gezien[2] == gezien[0]


def test_the_overview_counts_zoetermeer_only(env):
    at = open_page(login("loo_zoetermeer", query={"jaar": "2025"}), "overzicht")
    tegels = {m.label: m.value for m in at.metric}
    eigen = sql(env, SIGNALEN_EN_MELDINGEN.replace("$g", "'Zoetermeer'"),
                van="2025-01-01", tot="2025-12-31")[0][0]
    alle = sum(sql(env, SIGNALEN_EN_MELDINGEN.replace("$g", f"'{g}'"), van="2025-01-01",
                   tot="2025-12-31")[0][0] for g in INWONERS_2025)
    assert tegels["Signalen en meldingen"] == fmt.getal(eigen) and eigen != alle


def district_tabel(at, kop):
    return next(df.value for df in at.dataframe if kop in df.value.columns)


def test_the_district_page_per_10000_equals_plain_sql(env):
    at = login("district")
    at = open_page(at, "district")
    assert "District" in titles(at)
    at.selectbox(key="district_jaar").set_value(2025).run()
    kern = district_tabel(at, "Inwoners (1 januari)")
    rij = kern[kern["Gemeente"] == "District"].iloc[0]
    totaal = {naam: sum(sql(env, q.replace("$g", f"'{g}'"), van="2025-01-01",
                            tot="2025-12-31")[0][0] for g in INWONERS_2025)
              for naam, q in (("sem", SIGNALEN_EN_MELDINGEN), ("m", M_MELDINGEN))}
    inwoners = sum(INWONERS_2025.values())
    assert rij["Signalen en meldingen per 10.000"] == fmt.getal(totaal["sem"] * 10000 / inwoners, 1)
    assert rij["M-meldingen per 10.000"] == fmt.getal(totaal["m"] * 10000 / inwoners, 1)
    for g, n in INWONERS_2025.items():
        m = sql(env, M_MELDINGEN.replace("$g", f"'{g}'"), van="2025-01-01", tot="2025-12-31")[0][0]
        shown = kern[kern["Gemeente"] == g].iloc[0]["M-meldingen per 10.000"]
        # a count of 5 or more may be hidden as a complementary cell, never shown wrong
        assert shown in (fmt.getal(m * 10000 / n, 1), "x") if m >= 5 else shown in ("<5", "x")
    print(kern.to_string())


INWONERS_2026 = {"Leidschendam-Voorburg": 79000, "Pijnacker-Nootdorp": 58500,
                 "Wassenaar": 27400, "Zoetermeer": 129000}


def small(waarde, inwoners=None):
    """True when a shown value is, or gives away, a count of 1 to 4 (a rate times the
    population: one decimal leaves less than one unit of doubt at these populations)."""
    if waarde in ("<5", "x", "–", None):
        return False
    getal = float(str(waarde).replace(".", "").replace(",", ".")) if inwoners is None else \
        float(str(waarde).replace(",", ".")) * inwoners / 10000
    return 0 < getal < 4.5


@pytest.mark.parametrize("jaar", (2025, 2026))
def test_the_district_page_shields_small_counts_of_other_gemeenten(env, jaar):
    at = login("loo_zoetermeer")
    at = open_page(at, "district")
    at.selectbox(key="district_jaar").set_value(jaar).run()
    inwoners = INWONERS_2026 if jaar == 2026 else INWONERS_2025
    kern = district_tabel(at, "Inwoners (1 januari)")
    verborgen = 0
    for g in ("Wassenaar", "Leidschendam-Voorburg", "Pijnacker-Nootdorp"):
        rij = kern[kern["Gemeente"] == g].iloc[0]
        for kolom in kern.columns[2:]:
            per = inwoners[g] if "per 10.000" in kolom and "in 20" not in kolom else None
            if "in 20" in kolom:
                continue
            assert not small(rij[kolom], per), (g, kolom, rij[kolom])
            verborgen += rij[kolom] in ("<5", "x")
    tabellen = [df.value for df in at.dataframe if "Thema" in df.value.columns]
    assert len(tabellen) == 2
    for tabel in tabellen:
        for g in ("Wassenaar", "Leidschendam-Voorburg", "Pijnacker-Nootdorp"):
            for waarde in tabel[g]:
                assert not small(waarde, inwoners[g]), (g, waarde)
                verborgen += waarde in ("<5", "x")
    assert verborgen  # the sample has small counts in other gemeenten: some are hidden
    # the own gemeente is exact: Zoetermeer's M-meldingen per 10.000 from plain SQL
    m = sql(env, M_MELDINGEN.replace("$g", "'Zoetermeer'"), van=f"{jaar}-01-01",
            tot=f"{jaar}-12-31")[0][0]
    eigen = kern[kern["Gemeente"] == "Zoetermeer"].iloc[0]["M-meldingen per 10.000"]
    assert eigen == fmt.getal(m * 10000 / inwoners["Zoetermeer"], 1)
    print(kern.to_string())


def test_without_a_gemeente_a_district_session_sees_nothing(env):
    at = AppTest.from_file(page_file("overzicht"), default_timeout=60)
    at.session_state["roles"] = ["loo"]
    at.run()
    assert not at.metric
    assert any("hoort bij geen gemeente" in e for e in errors(at))


def test_the_district_coordinator_opens_no_record_page(env):
    at = login("district")
    assert titles(at) == ["District"]  # lands on the one page the role may open
    for page_id in ("loo", "dol", "overzicht", "rapportage"):
        at = open_page(at, page_id)
        assert any("Geen toegang" in e for e in errors(at)), page_id
        assert not at.dataframe


# The queries that return records (ids or pseudonyms), with parameters that find rows.
RECORD_QUERIES = {
    "loo_binnengekomen_lijst": dict(vorige="2026-09-08", vergadering="2026-10-13", limiet=500),
    "loo_te_bespreken": dict(vergadering="2026-10-13", limiet=500),
    "dol_opkopers_top": dict(van="2024-01-01", tot="2026-10-31", limiet=50),
    "meting_rijen": dict(maten=["signalen", "m_meldingen", "handhavingsacties",
                                "dol_registraties"], van="2026-09-01", tot="2026-10-31",
                         dimensie=None, categorieen=[], leeg=False, limiet=100000),
}


@pytest.mark.parametrize("name", RECORD_QUERIES)
def test_record_queries_return_only_the_asked_gemeente(district_db, wassenaar_kenmerken, name):
    from dashboard import queries

    for gemeente in ("Wassenaar", "Zoetermeer"):
        df = queries.run(name, db=district_db, gemeente=gemeente, **RECORD_QUERIES[name])
        assert df.height, (name, gemeente)
        tekst = df.write_csv()
        kenmerken = set(KENMERK.findall(tekst))
        eigen = {"Wassenaar": None, "Zoetermeer": "ZTM-"}[gemeente]
        assert not [k for k in kenmerken if k.startswith(ANDER_KENMERK)
                    and not (eigen and k.startswith(eigen))], (name, gemeente)
        if eigen:
            assert not kenmerken & wassenaar_kenmerken, name


def test_the_report_of_wassenaar_is_the_same_with_or_without_the_district(district_db,
                                                                          sample_db):
    from dashboard import queries, report

    queries.beperk("Wassenaar")  # as page.begin sets it for the Rapportage page
    try:
        alleen = report.opbouwen(2025, db=sample_db, peildatum=dt.date(2026, 11, 30))
        district = report.opbouwen(2025, db=district_db, peildatum=dt.date(2026, 11, 30))
        queries.beperk("Zoetermeer")
        zoetermeer = report.opbouwen(2025, db=district_db, peildatum=dt.date(2026, 11, 30))
    finally:
        queries.beperk(None)
    assert alleen.tabellen.keys() == district.tabellen.keys()
    for naam, tabel in alleen.tabellen.items():
        assert str(district.tabellen[naam]) == str(tabel), naam
    assert any(str(zoetermeer.tabellen[n]) != str(t) for n, t in alleen.tabellen.items())


def test_a_member_sees_no_plan_update_of_another_gemeente(env, tmp_path, monkeypatch):
    """Zoetermeer gets a plan with Wassenaar's goal ids; the sample's plan updates
    (sample_data/plan_voortgang_2026.jsonl) are Wassenaar's and stay off Zoetermeer's page."""
    import json
    import shutil

    db = shutil.copy(env, tmp_path / "loo.duckdb")
    with duckdb.connect(str(db)) as con:
        con.execute("insert into plan_doelen by name select * replace ('Zoetermeer' as gemeente) "
                    "from plan_doelen where gemeente = 'Wassenaar'")
    monkeypatch.setenv("LOO_DB", str(db))
    teksten = [json.loads(regel)["toelichting"] for regel in
               (ROOT / "sample_data" / "plan_voortgang_2026.jsonl").read_text().splitlines()
               if regel.strip()]
    wassenaar = shown_text(open_page(login("loo", query={"jaar": "2026"}), "uitvoeringsplan"))
    assert any(t[:40] in wassenaar for t in teksten)  # the check sees them where they belong
    at = open_page(login("loo_zoetermeer", query={"jaar": "2026"}), "uitvoeringsplan")
    assert titles(at) == [expected.title("uitvoeringsplan")]
    assert not errors(at) and not at.exception
    assert not [t for t in teksten if t[:40] in shown_text(at)]


def test_the_report_command_writes_the_report_of_the_gemeente_asked_for(district_db, tmp_path):
    """--gemeente picks whose report it is; without it, the configured gemeente (Wassenaar)."""
    def schrijf(*extra):
        uit = tmp_path / "-".join(("uit",) + extra)
        done = command("dashboard.report", "--jaar", "2025", "--db", district_db,
                       "--peildatum", "2026-11-30", *extra, "--out", uit)
        assert done.returncode == 0, done.stderr
        return {p.name: p.read_bytes() for p in uit.iterdir() if p.suffix == ".xlsx"}

    standaard, wassenaar, zoetermeer = schrijf(), schrijf("--gemeente", "wassenaar"), \
        schrijf("--gemeente", "Zoetermeer")
    assert standaard == wassenaar
    assert zoetermeer.keys() == wassenaar.keys() and zoetermeer != wassenaar
