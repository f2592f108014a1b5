"""The yearly evaluation: the 2025 document on the sample data, the CLI, determinism, privacy."""

import datetime as dt
import functools
import zipfile

import docx
import duckdb
import pytest
from PIL import Image

from dashboard import report
from tests.conftest import command, d

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
cli = functools.partial(command, "dashboard.report")  # as a user runs it


@pytest.fixture(scope="session")
def out_2025(sample_db, tmp_path_factory):
    """The 2025 evaluation written by the real command."""
    out = tmp_path_factory.mktemp("rapport_2025")
    result = cli("--jaar", 2025, "--db", sample_db, "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def tekst_2025(out_2025):
    """All text of the 2025 document: paragraphs, then table cells."""
    document = docx.Document(out_2025 / "jaarevaluatie-2025-cijfers.docx")
    delen = [p.text for p in document.paragraphs]
    for tabel in document.tables:
        for rij in tabel.rows:
            delen.append(" | ".join(c.text for c in rij.cells))
    return "\n".join(delen)


def test_the_command_writes_a_document_a_workbook_and_the_charts(out_2025):
    namen = sorted(p.name for p in out_2025.iterdir())
    assert "jaarevaluatie-2025-cijfers.docx" in namen
    assert "jaarevaluatie-2025-cijfers.xlsx" in namen
    pngs = [n for n in namen if n.endswith(".png")]
    assert len(pngs) == 5
    assert all((out_2025 / n).read_bytes().startswith(PNG_SIGNATURE) for n in pngs)
    with Image.open(out_2025 / "grafiek-2025-bibob-per-domein.png") as beeld:
        assert beeld.width >= 1200 and round(beeld.info["dpi"][0]) == 144  # drawn at scale 2
    assert not [n for n in namen if n.startswith(".")]  # no temporary leftovers


def test_document_title_and_spoor_structure(out_2025):
    document = docx.Document(out_2025 / "jaarevaluatie-2025-cijfers.docx")
    koppen = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert koppen[0] == "Jaarevaluatie ondermijningsaanpak 2025 – cijfers"
    volgorde = ["Spoor 1: Bewustwording & weerbaarheid", "Meldroutes", "Spoor 2: Aanpakken",
                "Signaalgestuurde aanpak", "Bestuursrechtelijk optreden",
                "Risicogerichte aandachtsgebieden", "Spoor 3: Voorkomen", "Wet Bibob",
                "Uitvoeringsplan 2026", "Telregels en bronnen"]
    assert [k for k in koppen if k in volgorde] == volgorde


def test_document_carries_the_m_meldingen_of_the_reference(tekst_2025):
    assert ("In 2025 zijn er in totaal 18 meldingen via Meld Misdaad Anoniem ontvangen, "
            "evenveel als in 2024 (18). De helft daarvan (9) is drugsgerelateerd.") in tekst_2025


def test_document_carries_42_signalen_en_meldingen_all_discussed(tekst_2025):
    assert "In 2025 zijn er in totaal 42 signalen en meldingen ontvangen" in tekst_2025
    assert "Alle signalen en meldingen zijn besproken in het LOO." in tekst_2025


def test_document_carries_the_bestuursrechtelijke_measures(tekst_2025):
    assert ("geleid tot één tijdelijke sluiting op grond van artikel 13b Opiumwet en één last "
            "onder dwangsom") in tekst_2025
    assert ("Daarnaast is op grond van de APV negen keer bestuursrechtelijk opgetreden tegen "
            "straatdealers.") in tekst_2025


def test_document_carries_the_bibob_investigations(tekst_2025):
    assert ("In 2025 zijn negen Bibob-onderzoeken uitgevoerd bij aanvragen voor "
            "exploitatievergunningen. Daarnaast zijn twee Bibob-onderzoeken uitgevoerd bij "
            "gemeentelijke vastgoedtransacties.") in tekst_2025


def test_document_tables_carry_the_same_figures(tekst_2025):
    assert "Totaal | 18 | 18 | 0" in tekst_2025  # M-meldingen per thema, 2024 | 2025
    assert "Drugs | 8 | 9 | +1" in tekst_2025
    assert "Signalen en meldingen | 34 | 42 | +8" in tekst_2025
    assert "Exploitatievergunning | 7 | 9 | +2" in tekst_2025


def test_document_has_the_plan_of_the_next_year(out_2025):
    document = docx.Document(out_2025 / "jaarevaluatie-2025-cijfers.docx")
    # like the reference: one table per spoor, each headed by the spoor
    plannen = [t for t in document.tables if t.rows[0].cells[0].text == "Wat"]
    assert [len(t.rows) - 1 for t in plannen] == [2, 2, 2]
    rijen = [[c.text for c in r.cells] for t in plannen for r in t.rows[1:]]
    assert "Pilot organisatiebrede toepassing Wet Bibob" in [r[0] for r in rijen]
    assert "Start januari 2026" in [r[3] for r in rijen]
    tekst = [p.text for p in document.paragraphs]
    assert [k for k in tekst if k.startswith("Spoor ") and ":" in k and "&" in k][:1] == \
        ["Spoor 1: Bewustwording & weerbaarheid"]


def test_document_shows_every_chart_as_an_image(out_2025):
    with zipfile.ZipFile(out_2025 / "jaarevaluatie-2025-cijfers.docx") as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    assert len(media) == 5


def test_document_states_the_counting_rules(tekst_2025):
    assert ("een M-melding die de regisseur als signaal heeft geregistreerd (gekoppeld signaal) "
            "telt alleen als dat signaal") in tekst_2025
    assert "Privacy: aantallen" in tekst_2025


def test_document_properties_are_fixed_to_the_data(out_2025):
    document = docx.Document(out_2025 / "jaarevaluatie-2025-cijfers.docx")
    cp = document.core_properties
    assert cp.title == "Jaarevaluatie ondermijningsaanpak 2025 – cijfers"
    assert cp.created == cp.modified == dt.datetime(2026, 10, 31, tzinfo=dt.timezone.utc)


def test_same_database_gives_byte_identical_files(sample_db, out_2025, tmp_path):
    tweede = report.maken(2025, sample_db, tmp_path)
    assert len(tweede) == len(list(out_2025.iterdir()))
    for pad in tweede:
        assert pad.read_bytes() == (out_2025 / pad.name).read_bytes(), pad.name


def test_unfinished_year_compares_the_same_months(sample_db, tmp_path):
    pad = report.maken(2026, sample_db, tmp_path)[0]
    tekst = "\n".join(p.text for p in docx.Document(pad).paragraphs)
    assert "In de eerste tien maanden van 2026 zijn er in totaal" in tekst
    assert "in dezelfde periode van 2025" in tekst
    assert "2026 is nog niet compleet; vergeleken wordt met dezelfde maanden van 2025." in tekst
    assert "In 2026" not in tekst  # every figure says it covers ten months


def test_no_record_level_value_reaches_any_output(sample_db, out_2025):
    con = duckdb.connect(str(sample_db), read_only=True)
    waarden = {r[0] for r in con.execute(
        "select signaal_id from signalen union select subject_pseudoniem from signalen "
        "union select melding_id from m_meldingen union select actie_id from handhaving "
        "union select subject_pseudoniem from handhaving "
        "union select opkoper_pseudoniem from dol_registraties").fetchall() if r[0]}
    con.close()
    assert len(waarden) > 100
    for naam in ("jaarevaluatie-2025-cijfers.docx", "jaarevaluatie-2025-cijfers.xlsx"):
        with zipfile.ZipFile(out_2025 / naam) as zf:
            xml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist()
                          if n.endswith(".xml"))
        gevonden = [w for w in waarden if w in xml]
        assert gevonden == [], naam


def klein_db(make_db):
    """Two wijken, one with two signals; an M-melding linked to a signal, one not."""
    signalen = [
        {"signaal_id": f"S{i}", "datum_ontvangst": d("2025-03-01"), "bron": "politie",
         "thema": "drugs", "status": "afgesloten", "wijk": "Centrum" if i < 2 else "Noord",
         "datum_besproken_loo": d("2025-03-10")} for i in range(9)]
    meldingen = [
        {"melding_id": "M1", "datum_ontvangst": d("2025-02-01"), "thema": "drugs",
         "gekoppeld_signaal_id": "S0", "wijk": "Centrum"},
        {"melding_id": "M2", "datum_ontvangst": d("2025-02-01"), "thema": "fraude",
         "wijk": "Noord"},
    ]
    return make_db({"signalen": signalen, "m_meldingen": meldingen})


def test_a_linked_m_melding_counts_once(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    # no 2024 data: the table has one year column
    kern = dict(rapport.tabellen["kerncijfers"].rijen)
    assert kern["Signalen en meldingen"] == 10  # 9 + M2
    assert kern["waarvan M-meldingen zonder signaal"] == 1


def test_small_wijk_counts_are_suppressed_and_not_derivable_from_the_total(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    assert rapport.tabellen["wijken"].rijen == [("Centrum", "<5"), ("Noord", "x")]


def test_unlinked_m_melding_is_not_counted_as_discussed(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    tekst = " ".join(a for b in rapport.blokken for a in b.alineas)
    assert "Daarvan zijn er 9 (90%) besproken in het LOO." in tekst


def test_year_without_previous_data_makes_no_comparison(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    tekst = " ".join(a for b in rapport.blokken for a in b.alineas)
    assert "2024" not in tekst


def test_cli_exits_1_for_a_year_without_data_and_writes_nothing(sample_db, tmp_path):
    result = cli("--jaar", 2019, "--db", sample_db, "--out", tmp_path / "uit")
    assert result.returncode == 1
    assert "Er zijn geen gegevens over 2019" in result.stderr
    assert not (tmp_path / "uit").exists()


def test_cli_exits_1_when_the_database_is_missing(tmp_path):
    result = cli("--jaar", 2025, "--db", tmp_path / "geen.duckdb", "--out", tmp_path)
    assert result.returncode == 1
    assert "bestaat niet" in result.stderr


@pytest.mark.parametrize("args, melding", [
    (["--jaar", "twintig", "--out", "x"], "'twintig' is geen jaartal"),
    (["--out", "x"], "deze opties ontbreken: --jaar"),
    (["--jaar", "2025"], "deze opties ontbreken: --out"),
    (["--jaar", "2025", "--out", "x", "--extra"], "onbekende argumenten: --extra"),
])
def test_cli_exits_2_on_a_usage_error_in_dutch(args, melding):
    result = cli(*args)
    assert result.returncode == 2
    assert melding in result.stderr


def test_cli_exits_2_when_out_is_a_file(sample_db, tmp_path):
    bestand = tmp_path / "bestand.txt"
    bestand.write_text("x")
    result = cli("--jaar", 2025, "--db", sample_db, "--out", bestand)
    assert result.returncode == 2
    assert "is een bestand, geen map" in result.stderr


def test_year_without_previous_data_has_no_previous_column(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    # the data end in March 2025, so 2025 is unfinished: January to March
    assert rapport.tabellen["kerncijfers"].kolommen == ["Kengetal", "2025 (jan–mrt)"]
    assert rapport.tabellen["m_meldingen"].rijen[-1] == ("Totaal", 2)


def test_loo_meetings_are_the_dates_with_discussed_signals(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db))
    tekst = " ".join(a for b in rapport.blokken for a in b.alineas)
    assert ("Het LOO is in de eerste drie maanden van 2025 één keer bijeengekomen om signalen "
            "te bespreken.") in tekst


def test_plan_table_shows_the_latest_recorded_voortgang(make_db, tmp_path, monkeypatch):
    from dashboard import plan

    doel = {"doel_id": "P1", "jaar": 2026, "spoor": 2, "wat": "Privacyprotocol",
            "doel": "DPIA opvolgen", "partners": "Privacy-officer; ICT", "status": "Gestart",
            "voortgang": "loopt"}
    signaal = {"signaal_id": "S1", "datum_ontvangst": d("2025-12-01"), "bron": "politie",
               "thema": "drugs", "status": "nieuw"}
    db = make_db({"plan_doelen": [doel], "signalen": [signaal]})
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    plan.record_update("P1", 2026, "vertraagd", "Wacht op advies", d("2026-02-01"), "regisseur",
                       db=db)
    rapport = report.opbouwen(2025, db)
    assert rapport.tabellen["plan_volgend"].rijen == [
        ("Spoor 2: Aanpakken", "Privacyprotocol", "DPIA opvolgen", "Privacy-officer; ICT",
         "Gestart", "Vertraagd")]


def test_cli_exits_1_when_the_file_is_no_loo_database(tmp_path):
    nep = tmp_path / "nep.duckdb"
    nep.write_text("geen database")
    result = cli("--jaar", 2025, "--db", nep, "--out", tmp_path / "uit")
    assert result.returncode == 1
    assert "is niet te lezen als LOO-database" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "uit").exists()


def test_cli_exits_1_when_the_folder_cannot_be_made(make_db, tmp_path):
    bestand = tmp_path / "bestand.txt"
    bestand.write_text("x")
    result = cli("--jaar", 2025, "--db", klein_db(make_db), "--out", bestand / "uit")
    assert result.returncode == 1
    assert "Kan de bestanden niet schrijven" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_peildatum_counts_only_what_lies_on_or_before_it(make_db):
    rapport = report.opbouwen(2025, klein_db(make_db), peildatum=d("2025-02-15"))
    kern = dict(rapport.tabellen["kerncijfers"].rijen)
    assert kern["Signalen en meldingen"] == 1  # the signals: 1 March
    assert (rapport.periode.tot, rapport.periode.vorig_tot) == (d("2025-02-15"), d("2024-02-15"))
    tekst = " ".join(a for b in rapport.blokken for a in b.alineas)
    assert "In de periode 1 januari tot en met 15 februari 2025" in tekst


def test_a_year_after_the_peildatum_has_no_report(make_db):
    with pytest.raises(report.GeenGegevens, match="tot en met 31 december 2024"):
        report.opbouwen(2025, klein_db(make_db), peildatum=d("2024-12-31"))


def test_plan_updates_after_the_peildatum_do_not_count(make_db, tmp_path, monkeypatch):
    from dashboard import plan

    doel = {"doel_id": "P1", "jaar": 2025, "spoor": 2, "wat": "Protocol", "doel": "Vaststellen",
            "voortgang": "loopt"}
    signaal = {"signaal_id": "S1", "datum_ontvangst": d("2025-01-10"), "bron": "politie",
               "thema": "drugs", "status": "nieuw"}
    db = make_db({"plan_doelen": [doel], "signalen": [signaal]})
    monkeypatch.setenv("LOO_PLAN_DB", str(tmp_path / "plan.sqlite"))
    plan.record_update("P1", 2025, "vertraagd", "Wacht", d("2025-03-01"), "regisseur", db=db)
    voor = report.opbouwen(2025, db, peildatum=d("2025-02-01")).tabellen["plan_nu"].rijen
    na = report.opbouwen(2025, db, peildatum=d("2025-03-01")).tabellen["plan_nu"].rijen
    assert (voor[0][-1], na[0][-1]) == ("Loopt", "Vertraagd")


def test_cli_takes_a_peildatum(make_db, tmp_path):
    result = cli("--jaar", 2025, "--db", klein_db(make_db), "--peildatum", "2025-03-31",
                 "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    tekst = "\n".join(p.text for p in docx.Document(
        tmp_path / "jaarevaluatie-2025-cijfers.docx").paragraphs)
    assert "januari tot en met maart 2025" in tekst


def test_cli_exits_2_for_an_unknown_gemeente_and_writes_nothing(sample_db, tmp_path):
    result = cli("--jaar", 2025, "--db", sample_db, "--gemeente", "Atlantis",
                 "--out", tmp_path / "uit")
    assert result.returncode == 2
    assert "--gemeente: Onbekende gemeente; kies uit" in result.stderr
    assert not (tmp_path / "uit").exists()
