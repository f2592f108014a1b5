"""One measure, one value: every surface shows what the registry (dashboard.measures) counts.

On the sample, for a full year, an unfinished year (compared like-for-like), a van-tot range
and one meeting interval, and for each role, the figure on a page (AppTest), in the report's
.docx and .xlsx, in a CSV export and in a plan indicator is the registry's value, or the same
suppression of it. The expected values come from measures.values on the same database; the
windows of each period are written out here, so a page that cuts its period differently fails.
"""

import datetime as dt
import io

import docx
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from core import fmt
from dashboard import indicators, measures, report
from dashboard.period import SOORT_JAAR, SOORT_PERIODE
from tests.app_session import KeptMedia
from tests.conftest import d, page_file, runner

ROLES = ("regisseur", "loo", "manager")
# Each period: how pages are asked for it, and the window its figures count (like-for-like:
# the sample's data end in October 2026, so 2026 counts January to October).
PERIODS = {
    "jaar_2025": ({"periode_soort": SOORT_JAAR, "periode_jaar": 2025},
                  d("2025-01-01"), d("2025-12-31")),
    "lopend_2026": ({"periode_soort": SOORT_JAAR, "periode_jaar": 2026},
                    d("2026-01-01"), d("2026-10-31")),
    "van_tot": ({"periode_soort": SOORT_PERIODE, "periode_van": d("2025-03-01"),
                 "periode_tot": d("2025-05-31")}, d("2025-03-01"), d("2025-05-31")),
}
# a meeting of the sample and the one before it; a signal came in on that earlier day itself
VERGADERING, VORIGE = d("2026-05-12"), d("2026-04-14")
TEGELS = ("signalen_en_meldingen", "m_meldingen", "bestuurlijke_maatregelen",
          "bibob_onderzoeken", "dol_registraties")
CASES = [(p, r) for p in PERIODS for r in ROLES]


@pytest.fixture(autouse=True)
def sample(sample_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    monkeypatch.setenv("LOO_AUDIT_DB", str(tmp_path / "audit.sqlite"))
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", KeptMedia)
    return sample_db


@pytest.fixture(scope="module")
def run(sample_db):
    return runner(sample_db)


def page(page_id, rol, periode, **state):
    """A page run on its own with a role and a period, as app.py leaves the session."""
    at = AppTest.from_file(page_file(page_id), default_timeout=90)
    at.session_state["roles"] = [rol]
    at.session_state["username"] = rol
    for key, value in {**PERIODS[periode][0], **state}.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at):
    return {m.label: m.value for m in at.metric}


def csv(at, label_start):
    """The CSV behind the download button whose label starts so, as a polars frame."""
    knop = next(k for k in at.get("download_button") if k.proto.label.startswith(label_start))
    data = KeptMedia.kept[knop.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    return pl.read_csv(io.BytesIO(data.removeprefix(b"\xef\xbb\xbf")), separator=";",
                       infer_schema=False)


getal = fmt.getal


@pytest.mark.parametrize("periode, rol", CASES)
def test_overzicht_tiles_are_the_measures(run, periode, rol):
    _, van, tot = PERIODS[periode]
    verwacht = measures.values(run, TEGELS, van, tot)
    shown = metrics(page("overzicht", rol, periode))
    assert {n: shown[measures.get(n).label] for n in TEGELS} == {
        n: getal(v) for n, v in verwacht.items()}


@pytest.mark.parametrize("periode, rol", CASES)
def test_overzicht_maatregelen_table_and_its_csv_are_the_measure_per_instrument(run, periode,
                                                                                rol):
    _, van, tot = PERIODS[periode]
    verwacht = measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", van, tot)
    at = page("overzicht", rol, periode)
    export = csv(at, "Download tabel als CSV (Bestuurlijke maatregelen)")
    kolom = export.columns[1]  # this period's column
    assert sum(int(v) for v in export[kolom]) == sum(verwacht.values())
    assert sum(verwacht.values()) == measures.value(run, "bestuurlijke_maatregelen", van, tot)


@pytest.mark.parametrize("periode, rol", CASES)
def test_handhaving_page_shows_the_measures(run, periode, rol):
    _, van, tot = PERIODS[periode]
    per_instrument = measures.by_dict(run, "bestuurlijke_maatregelen", "instrument", van, tot)
    at = page("handhaving", rol, periode)
    shown = metrics(at)
    for instrument in ("opiumwet_13b_sluiting", "last_onder_dwangsom", "apv_straathandel"):
        label = report.labels.label("instrument", instrument)
        assert shown[label] == getal(per_instrument.get(instrument, 0)), label
    bibob = next(v for k, v in shown.items() if k.startswith("Bibob-onderzoeken"))
    assert bibob == getal(measures.value(run, "bibob_onderzoeken", van, tot))
    m = measures.values(run, ["signalen", "signalen_met_maatregel"], van, tot)
    if m["signalen"]:
        assert any(f"{getal(m['signalen_met_maatregel'])} van de {getal(m['signalen'])} "
                   "signalen leidden" in md.value for md in at.markdown)


@pytest.mark.parametrize("periode, rol", CASES)
def test_dol_page_shows_the_measures(run, periode, rol):
    _, van, tot = PERIODS[periode]
    namen = ("dol_registraties", "dol_goederen", "dol_opkopers", "dol_gestolen_match",
             "registercontroles")
    verwacht = measures.values(run, namen, van, tot)
    shown = metrics(page("dol", rol, periode))
    assert {n: shown[measures.get(n).label] for n in namen} == {
        n: getal(v) for n, v in verwacht.items()}


@pytest.mark.parametrize("rol", ["regisseur", "loo"])
def test_the_meeting_interval_counts_the_same_on_the_loo_page(run, rol):
    namen = ("signalen_en_meldingen", "signalen", "m_meldingen_los")
    verwacht = measures.values(run, namen, VORIGE + dt.timedelta(days=1), VERGADERING)
    at = page("loo", rol, "lopend_2026", vergadering=VERGADERING)
    shown = metrics(at)
    assert {n: shown[measures.get(n).label] for n in namen} == {
        n: getal(v) for n, v in verwacht.items()}
    besproken = measures.value(run, "besproken_in_overleg", VORIGE + dt.timedelta(days=1),
                               VERGADERING)
    assert (f"Vervolg besloten sinds het vorige overleg ({fmt.datum(VORIGE)}): "
            f"{getal(besproken)} besproken") in [h.value for h in at.subheader]


@pytest.mark.parametrize("periode", ["jaar_2025", "van_tot"])
def test_the_funnel_of_a_past_period_is_the_measures(run, periode):
    _, van, tot = PERIODS[periode]
    namen = ("signalen", "besproken_loo", "vervolg_besloten", "afgesloten", "interventie")
    verwacht = measures.values(run, namen, van, tot)
    shown = metrics(page("loo", "regisseur", periode, vergadering=d("2026-11-30")))
    labels = ["Ontvangen"] + [measures.get(n).label for n in namen[1:4]] + [
        "waarvan interventie ingezet"]
    assert [shown[label] for label in labels] == [getal(verwacht[n]) for n in namen]


def test_the_manager_is_refused_the_meeting_page():
    at = page("loo", "manager", "jaar_2025")
    assert not at.metric and at.error[0].value.startswith("Geen toegang")


@pytest.mark.parametrize("periode, rol", CASES)
def test_trends_table_adds_up_to_the_measure(run, periode, rol):
    _, van, tot = PERIODS[periode]
    at = page("trends", rol, periode)
    tabel = at.dataframe[0].value
    totaal = sum(int(str(v).replace(".", "")) for kolom in tabel.columns[1:]
                 for v in tabel[kolom])
    assert totaal == measures.value(run, "signalen_en_meldingen", van, tot)


@pytest.mark.parametrize("periode, rol", [("jaar_2025", r) for r in ROLES])
def test_a_breakdown_by_gebied_is_shielded_alike_on_screen_in_the_csv_and_in_the_report(
        run, periode, rol):
    at = page("trends", rol, periode, trends_indeling="gebied")
    shown = at.dataframe[0].value
    cellen = [str(v) for kolom in shown.columns[1:] for v in shown[kolom]]
    export = csv(at, "Download tabel als CSV")
    in_csv = [v for kolom in export.columns[1:] for v in export[kolom]]
    if rol == "manager":
        assert "<5" in cellen and not at.get("vega_lite_chart")
    else:
        assert "<5" not in cellen
    assert "<5" in in_csv  # every role's CSV shields small counts


def test_the_report_shields_the_same_breakdown_by_gebied(sample):
    rapport = report.opbouwen(2025, sample)
    assert dict(rapport.tabellen["gebieden"].rijen) == {
        "buitengebied": "<5", "centrum": "<5", "opslagboxen": "<5"}


@pytest.fixture(scope="module")
def documents(sample_db, tmp_path_factory):
    """The report for 2025 and for the unfinished 2026, written as .docx and .xlsx."""
    out = tmp_path_factory.mktemp("rapporten")
    for jaar in (2025, 2026):
        report.maken(jaar, sample_db, out / str(jaar))
    return out


def kengetallen_docx(path):
    """{kengetal: this year's cell} of the document's tables of measures (header Kengetal)."""
    return {r.cells[0].text: r.cells[2].text for t in docx.Document(path).tables
            if t.rows[0].cells[0].text == "Kengetal" for r in t.rows[1:]}


def kengetallen_xlsx(path):
    """The same from the workbook: every sheet whose first column is headed Kengetal."""
    found = {}
    for sheet, frame in pl.read_excel(path, sheet_id=0, has_header=False,
                                      infer_schema_length=0).items():
        rows = list(frame.iter_rows())
        start = next((i for i, r in enumerate(rows) if r[0] == "Kengetal"), None)
        if start is not None:
            found |= {r[0]: r[2] for r in rows[start + 1:] if r[0]}
    return found


@pytest.mark.parametrize("jaar, van, tot", [(2025, d("2025-01-01"), d("2025-12-31")),
                                            (2026, d("2026-01-01"), d("2026-10-31"))])
def test_the_report_documents_carry_the_measures(run, documents, jaar, van, tot):
    namen = report.KERN + report.DOL
    verwacht = {report.rij_label(n): getal(v)
                for n, v in measures.values(run, namen, van, tot).items()}
    stam = documents / str(jaar) / f"jaarevaluatie-{jaar}-cijfers"
    in_docx = kengetallen_docx(stam.with_suffix(".docx"))
    in_xlsx = kengetallen_xlsx(stam.with_suffix(".xlsx"))
    assert {k: in_docx[k] for k in verwacht} == verwacht
    assert {k: getal(int(float(in_xlsx[k]))) for k in verwacht} == verwacht


@pytest.mark.parametrize("jaar", [2025, 2026])
def test_the_report_maatregelen_are_the_measure_not_every_action(run, sample, jaar):
    rapport = report.opbouwen(jaar, sample)
    totaal = next(r for r in rapport.tabellen["handhaving"].rijen if r[0] == "Totaal")
    assert totaal[-2] == measures.value(run, "bestuurlijke_maatregelen", rapport.periode.van,
                                        rapport.periode.tot)


def test_plan_indicators_follow_their_measures(run):
    peil = d("2026-10-22")  # the newest handhaving date: how far the checks are measured
    rijen = indicators.measure(run, "registercontroles_dol_dor", 2026)
    assert rijen.filter(pl.col("maand") == d("2026-10-01"))["cumulatief"][0] == \
        measures.value(run, "registercontroles", d("2026-01-01"), peil)
    for naam, thema in (("signalen_zorgfraude", "zorgfraude"),
                        ("signalen_mensenhandel", "mensenhandel")):
        rijen = indicators.measure(run, naam, 2026)
        assert rijen["cumulatief"][-1] == measures.value(
            run, "signalen_en_meldingen", d("2026-01-01"), d("2026-12-31"), thema=thema), naam


@pytest.mark.parametrize("rol", ROLES)
def test_the_plan_page_shows_the_indicator_value_for_every_role(run, rol):
    at = page("uitvoeringsplan", rol, "lopend_2026")
    tabel = next(m.value for m in at.markdown if m.value.startswith("| Doel |"))
    gemeten = measures.value(run, "registercontroles", d("2026-01-01"), d("2026-10-22"))
    assert f"| {getal(gemeten)} van " in tabel


# --- Jaarvergelijking per aandachtsgebied (issue 15.1): a direct count in the database ---
BUITENGEBIED = "select count(*) from signalen where lower(trim(gebied)) = 'buitengebied' " \
               "and datum_ontvangst between ? and ?"
JAARVERGELIJKINGEN = [  # (years A, B, their columns, the windows each column counts)
    (2024, 2025, ("2024", "2025"), (("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31"))),
    (2025, 2026, ("2025 *", "2026 *"), (("2025-01-01", "2025-10-31"),
                                        ("2026-01-01", "2026-10-31"))),
]


@pytest.mark.parametrize("jaar_a, jaar_b, kolommen, vensters", JAARVERGELIJKINGEN)
@pytest.mark.parametrize("rol", ROLES)
def test_buitengebied_year_on_year_is_a_direct_count(sample, rol, jaar_a, jaar_b, kolommen,
                                                     vensters):
    import duckdb

    with duckdb.connect(str(sample), read_only=True) as con:
        verwacht = [con.execute(BUITENGEBIED, [d(v), d(t)]).fetchone()[0] for v, t in vensters]
    at = page("jaarvergelijking", rol, "jaar_2025", periode_jaar=jaar_b, jv_jaar_a=jaar_a,
              jv_jaar_b=jaar_b, jv_bron="signalen_en_meldingen", jv_indeling="gebied")
    tabel = at.dataframe[0].value
    rij = tabel[tabel["Aandachtsgebied"] == "Buitengebied"].iloc[0]
    export = csv(at, "Download tabel als CSV").filter(pl.col("Aandachtsgebied") == "Buitengebied")
    for kolom, n in zip(kolommen, verwacht):
        # the CSV shields small counts for everyone, the screen for the manager only
        for shown, shielded in ((rij[kolom], rol == "manager"), (export[kolom][0], True)):
            if shielded and 0 < n < 5:
                assert shown in ("<5", "x"), (kolom, shown)
            elif shown != "x":
                assert shown == getal(n), (kolom, shown)
    if rol != "manager":
        assert rij["Verschil (B − A)"] == fmt.verschil(verwacht[1] - verwacht[0])
        assert [int(rij[k]) for k in kolommen] == verwacht


@pytest.mark.parametrize("rol", ROLES)
def test_jaarvergelijking_totals_are_the_measure_of_each_window(run, rol):
    at = page("jaarvergelijking", rol, "lopend_2026", jv_jaar_a=2024, jv_jaar_b=2026,
              jv_bron="signalen", jv_indeling="thema")
    tabel = at.dataframe[0].value
    totaal = tabel[tabel["Thema"] == "Totaal"].iloc[0]
    for jaar in (2024, 2025, 2026):  # like-for-like: January to October of every year
        assert totaal[f"{jaar} *"] == getal(measures.value(run, "signalen", d(f"{jaar}-01-01"),
                                                            d(f"{jaar}-10-31")))
