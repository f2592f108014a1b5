"""Validation by the contract: every refusal class, parsing rules and Dutch messages."""

import datetime as dt
import shutil

import polars as pl
import pytest
import xlsxwriter

from data_pipeline.load import load_file
from data_pipeline.contract import Column
from data_pipeline.reader import RawTable, read_table
from data_pipeline.settings import CONFIG_DIR, load_settings
from data_pipeline.validate import (Problem, has_control, name_problems, validate,
                                     value_parser)
from tests.conftest import PEILDATUM
from tests.pipeline_files import (SIGNALEN_HEADER, ledger_rows, signalen_csv, table_rows,
                                  write_csv)

TOMORROW = (PEILDATUM + dt.timedelta(days=1)).isoformat()


def check(path, source):
    """Validate a file by the contract of a source with the project's configuration."""
    return validate(read_table(path), source, load_settings(), path.name)


def signalen(tmp_path, rows, header=SIGNALEN_HEADER):
    return check(signalen_csv(tmp_path / "signalen.csv", rows, header=header), "signalen")


def messages(checked):
    return [str(p) for p in checked.problems]


def test_all_date_formats_parse_to_the_same_date(tmp_path):
    checked = signalen(tmp_path, [
        "S-1;2025-03-04;politie;drugs;nieuw;",
        "S-2;04-03-2025;politie;drugs;nieuw;",
        "S-3;04/03/2025;politie;drugs;nieuw;",
        "S-4;4-3-2025;politie;drugs;nieuw;",
        "S-5;2025-03-04 00:00:00;politie;drugs;nieuw;",
    ])
    assert checked.problems == []
    assert set(checked.frame["datum_ontvangst"].to_list()) == {dt.date(2025, 3, 4)}


def test_impossible_date_is_refused_with_row_and_column(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;",
                                  "S-2;31-02-2025;politie;drugs;nieuw;"])
    assert checked.frame is None
    assert messages(checked) == [
        "signalen.csv, rij 3, kolom 'datum_ontvangst': geen geldige datum "
        "(verwacht JJJJ-MM-DD, DD-MM-JJJJ of DD/MM/JJJJ)"]


def test_text_in_a_date_column_is_refused_without_showing_it(tmp_path):
    checked = signalen(tmp_path, ["S-1;gisteren rond tienen;politie;drugs;nieuw;"])
    assert "rij 2" in messages(checked)[0]
    assert "gisteren" not in messages(checked)[0]


def test_date_after_today_is_refused(tmp_path):
    checked = signalen(tmp_path, [f"S-1;{TOMORROW};politie;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'datum_ontvangst': datum ligt in de toekomst"]


def test_date_before_1990_is_refused_as_impossible(tmp_path):
    checked = signalen(tmp_path, ["S-1;1925-03-04;politie;drugs;nieuw;"])
    assert "onmogelijk" in messages(checked)[0]


def test_plan_end_date_may_lie_in_the_future(tmp_path):
    path = write_csv(tmp_path / "uitvoeringsplan_2026.csv", [
        "doel_id;jaar;spoor;wat;doel;startdatum;einddatum",
        f"P-1;2026;Spoor 1;Training;Alertheid;2026-01-01;{TOMORROW}",
    ])
    assert check(path, "uitvoeringsplan").problems == []


@pytest.mark.parametrize("raw,expected", [
    ("ja", True), ("Nee", False), ("J", True), ("n", False), ("TRUE", True), ("false", False),
    ("1", True), ("0", False), ("", None)])
def test_booleans_in_dutch_and_english(tmp_path, raw, expected):
    path = write_csv(tmp_path / "dol_registraties.csv", [
        "registratie_id;datum_registratie;opkoper_pseudoniem;branche;gestolen_match",
        f"R-1;2025-01-02;OPK-1;fietsen;{raw}"])
    checked = check(path, "dol_registraties")
    assert checked.frame["gestolen_match"].to_list() == [expected]


def test_unknown_boolean_is_refused(tmp_path):
    path = write_csv(tmp_path / "dol_registraties.csv", [
        "registratie_id;datum_registratie;opkoper_pseudoniem;branche;gestolen_match",
        "R-1;2025-01-02;OPK-1;fietsen;misschien"])
    assert "ja/nee" in messages(check(path, "dol_registraties"))[0]


def test_aantal_defaults_to_one_and_must_be_positive_whole(tmp_path):
    path = write_csv(tmp_path / "dol_registraties.csv", [
        "registratie_id;datum_registratie;opkoper_pseudoniem;branche;aantal",
        "R-1;2025-01-02;OPK-1;fietsen;", "R-2;2025-01-02;OPK-1;fietsen;3",
        "R-3;2025-01-02;OPK-1;fietsen;0", "R-4;2025-01-02;OPK-1;fietsen;2,5"])
    assert messages(check(path, "dol_registraties")) == [
        "dol_registraties.csv, rij 5, kolom 'aantal': geen geheel getal",
        "dol_registraties.csv, rij 4, kolom 'aantal': aantal moet 1 of meer zijn"]
    path = write_csv(tmp_path / "dol_registraties.csv", [
        "registratie_id;datum_registratie;opkoper_pseudoniem;branche;aantal",
        "R-1;2025-01-02;OPK-1;fietsen;", "R-2;2025-01-02;OPK-1;fietsen;3"])
    assert check(path, "dol_registraties").frame["aantal"].to_list() == [1, 3]


def test_header_aliases_and_spelling_are_normalised(tmp_path):
    checked = signalen(tmp_path, ["0042;2025-03-04;Meld Misdaad Anoniem;Hennep;In onderzoek;"],
                       header=" Signaalnummer ;Datum Ontvangst;Meldroute;Thema;STATUS;Wijk")
    assert checked.problems == []
    row = checked.frame.row(0, named=True)
    assert row["signaal_id"] == "0042"
    assert row["bron"] == "meld_misdaad_anoniem"
    assert row["status"] == "in_onderzoek"
    assert (row["thema"], row["thema_bron"]) == ("drugs", "Hennep")


def test_unknown_theme_is_kept_verbatim_as_onbekend(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;Loverboy-netwerk X;nieuw;"])
    row = checked.frame.row(0, named=True)
    assert (row["thema"], row["thema_bron"]) == ("onbekend", "Loverboy-netwerk X")


def test_gemeente_defaults_from_configuration(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;"])
    assert checked.frame["gemeente"].to_list() == ["Wassenaar"]


def test_column_outside_the_contract_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;Jansen"],
                       header=SIGNALEN_HEADER + ";Naam melder")
    assert messages(checked) == [
        "signalen.csv, rij 1, kolom 'Naam melder': deze kolom hoort niet bij bron 'signalen' en "
        "kan persoonsgegevens bevatten; verwijder de kolom of voeg een kolomnaam toe in "
        "config/kolomnamen.yaml"]
    assert "Jansen" not in messages(checked)[0]


def test_missing_required_column_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;nieuw;"],
                       header="signaal_id;datum_ontvangst;bron;status;wijk")
    assert messages(checked) == ["signalen.csv, kolom 'thema': verplichte kolom ontbreekt"]


def test_same_column_twice_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;2025-03-04"],
                       header=SIGNALEN_HEADER + ";Ontvangstdatum")
    assert messages(checked) == [
        "signalen.csv, rij 1, kolom 'Ontvangstdatum': kolom 'datum_ontvangst' komt twee keer "
        "voor (ook als 'datum_ontvangst')"]


def test_value_outside_the_enum_is_refused_listing_what_is_allowed(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;buurman;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'bron': waarde staat niet in de lijst; toegestaan: "
        "meld_misdaad_anoniem, politie, gemeente, inwoner, ondernemer, riec, ketenpartner, anders"]


def test_missing_id_and_required_values_are_refused(tmp_path):
    checked = signalen(tmp_path, [";2025-03-04;politie;drugs;nieuw;", "S-2;2025-03-04;;;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'signaal_id': verplichte waarde ontbreekt",
        "signalen.csv, rij 3, kolom 'bron': verplichte waarde ontbreekt",
        "signalen.csv, rij 3, kolom 'thema': verplichte waarde ontbreekt"]


def test_repeated_id_names_both_rows(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;",
                                  "S-2;2025-03-04;politie;drugs;nieuw;",
                                  "S-1;2025-03-05;politie;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 4, kolom 'signaal_id': deze id staat ook in rij 2; een id mag maar "
        "één keer voorkomen"]


def test_closing_before_receipt_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;afgesloten;2025-03-01"],
                       header="signaal_id;datum_ontvangst;bron;thema;status;datum_afgesloten")
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'datum_afgesloten': datum ligt vóór datum_ontvangst; die "
        "volgorde is onmogelijk"]


def test_privacy_gate_names_row_column_and_kind_but_not_the_value(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;Centrum",
                                  "S-2;2025-03-04;politie;drugs;nieuw;piet@example.nl"])
    assert len(checked.problems) == 1
    text = messages(checked)[0]
    assert text.startswith("signalen.csv, rij 3, kolom 'wijk': bevat een direct identificerend")
    assert "e-mail" in text
    assert "piet" not in text


def test_privacy_gate_scans_columns_outside_the_contract_too(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;111222333"],
                       header=SIGNALEN_HEADER + ";opmerking")
    kinds = messages(checked)
    assert any("kolom 'opmerking': bevat een direct identificerend gegeven (BSN" in m
               for m in kinds), kinds
    assert not any("111222333" in m for m in kinds)


def test_problems_are_capped_per_kind_with_a_count(tmp_path):
    rows = [f"S-{i};32-01-2025;politie;drugs;nieuw;" for i in range(25)]
    text = messages(signalen(tmp_path, rows))
    assert len(text) == 21
    assert text[-1] == ("signalen.csv, kolom 'datum_ontvangst': en nog 5 rijen met hetzelfde "
                        "probleem (geen geldige datum (verwacht JJJJ-MM-DD, DD-MM-JJJJ of "
                        "DD/MM/JJJJ))")


def test_repeated_id_in_a_file_sorted_by_id_is_found(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;",
                                  "S-2;2025-03-04;politie;drugs;nieuw;",
                                  "S-2;2025-03-05;politie;drugs;nieuw;",
                                  "S-3;2025-03-05;politie;drugs;nieuw;"])
    assert [(p.rij, p.kolom) for p in checked.problems] == [(4, "signaal_id")]
    assert "ook in rij 3" in messages(checked)[0]


def test_repeated_ids_are_capped_too(tmp_path):
    rows = [f"S-{i % 2};2025-03-04;politie;drugs;nieuw;" for i in range(30)]
    text = messages(signalen(tmp_path, rows))
    assert len(text) == 21
    assert text[0].endswith("rij 4, kolom 'signaal_id': deze id staat ook in rij 2; een id mag "
                            "maar één keer voorkomen")
    assert text[-1] == ("signalen.csv, kolom 'signaal_id': en nog 8 rijen met een id die eerder "
                        "in het bestand staat")


def test_every_problem_of_a_file_is_listed_at_once(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-13-01;politie;drugs;nieuw;",
                                  "S-1;2025-03-04;buurman;drugs;gesloten?;"])
    assert len(checked.problems) == 4


def test_plan_spoor_partners_and_dutch_numbers(tmp_path):
    path = tmp_path / "uitvoeringsplan.csv"
    path.write_text('doel_id;jaar;spoor;wat;doel;partners;voortgang;doelwaarde\n'
                    'P-1;2026;Spoor 2: Aanpakken;Pilot Bibob;Uren bepalen;"HR\nFinanciën; RIEC";'
                    'Loopt;12,5\n'
                    'P-2;2026;Voorkomen;Training;Alertheid;;niet gestart;1.000\n', "utf-8")
    checked = check(path, "uitvoeringsplan")
    assert checked.problems == []
    assert checked.frame["spoor"].to_list() == [2, 3]
    assert checked.frame["partners"].to_list() == ["HR\nFinanciën; RIEC", None]
    assert checked.frame["voortgang"].to_list() == ["loopt", "niet_gestart"]
    assert checked.frame["doelwaarde"].to_list() == [12.5, 1000.0]


def test_refusal_reaches_the_ledger_and_changes_no_table(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-02-30;politie;drugs;nieuw;"])
    result = load_file(path, db=db)
    assert result.uitkomst == "geweigerd"
    assert table_rows(db, "select count(*) from signalen") == [(0,)]
    assert table_rows(db, "select uitkomst, redenen from load_ledger") == [
        ("geweigerd", str(result.problemen[0]))]


def test_file_without_a_header_row_is_refused_without_echoing_its_first_row(tmp_path):
    path = write_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;PS-88812",
                                                 "S-2;2025-03-05;politie;drugs;nieuw;PS-88813"])
    text = messages(check(path, "signalen"))
    assert text == ["signalen.csv, rij 1: geen enkele kolomnaam in de kopregel hoort bij bron "
                    "'signalen'; ontbreekt de kopregel, of is dit een export van een andere bron?"]


def test_identifier_in_the_header_row_is_not_shown(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;x"],
                       header=SIGNALEN_HEADER + ";jan.jansen@example.nl")
    text = messages(checked)
    assert text == ["signalen.csv, rij 1, kolom 'kolom 7': de kopregel bevat een direct "
                    "identificerend gegeven (e-mailadres); de waarde wordt niet getoond"]


def test_values_of_only_spaces_count_as_missing(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;   ",
                                  "S-2; 2025-03-05 ;politie;drugs;nieuw; Centrum "])
    assert checked.frame["wijk"].to_list() == [None, "Centrum"]
    assert checked.frame["datum_ontvangst"].to_list() == [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;  ;nieuw;"])
    assert messages(checked) == ["signalen.csv, rij 2, kolom 'thema': verplichte waarde ontbreekt"]


def test_gebied_is_normalised_like_a_key(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;Buitengebied ",
                                  "S-2;2025-03-04;politie;drugs;nieuw;Opslag-boxen"],
                       header="signaal_id;datum_ontvangst;bron;thema;status;Aandachtsgebied")
    assert checked.frame["gebied"].to_list() == ["buitengebied", "opslagboxen"]


def numbered(rows, times=3):
    """The rows repeated, each copy with an id of its own."""
    return [f"S-{n};{row.split(';', 1)[1]}" for n, row in enumerate(rows * times)]


@pytest.mark.parametrize("rows, accepted", [
    (numbered(["S; 2025-03-04 ;Politie;drugs ; nieuw;  ",
               "S;04-03-2025;politie;drugs;nieuw;Centrum ",
               "S;04/03/2025; politie;Drugs;nieuw;\u00a0Centrum",
               "S;2025-03-04;politie;drugs;nieuw;"]), True),
    (["S-1;31-02-2025;politie;drugs;nieuw;", "S-2;  ;politie;drugs;nieuw;Oost",
      "S-3;gisteren;poltie;drugs;nieuw;bel 06-12345678", f"S-4;{TOMORROW};politie;drugs;x;Oost",
      "S-5;2025-03-04;politie;drugs;nieuw;bel 06-12345678", "S-1;2025-03-04;;drugs;nieuw;Oost"] * 3,
     False),
])
def test_columns_with_few_distinct_values_give_the_same_outcome(tmp_path, monkeypatch, rows,
                                                                accepted):
    """Large columns that repeat their values are cleaned, parsed and scanned per distinct
    value; the problems (rows, columns, messages) and the typed frame are the same."""
    import data_pipeline.privacy as privacy
    import data_pipeline.validate as validate_module

    path = signalen_csv(tmp_path / "signalen.csv", rows)
    rowwise = check(path, "signalen")
    for module in (privacy, validate_module):
        monkeypatch.setattr(module, "few_distinct", lambda series: True)
    grouped = check(path, "signalen")
    assert messages(grouped) == messages(rowwise)
    assert (rowwise.frame is not None) is accepted
    if rowwise.frame is None:
        assert grouped.frame is None and len(rowwise.problems) > 5
    else:
        assert grouped.frame.equals(rowwise.frame)
        assert grouped.frame.schema == rowwise.frame.schema


def test_identifier_in_the_last_row_of_a_long_file_is_refused(tmp_path):
    """Every row is scanned: an e-mail address only in the last of 3,000 rows refuses the file."""
    rows = [f"S-{i};2025-03-04;politie;drugs;nieuw;Centrum" for i in range(2_999)]
    rows.append("S-2999;2025-03-04;politie;drugs;nieuw;piet@example.nl")
    checked = signalen(tmp_path, rows)
    assert checked.frame is None
    assert messages(checked) == [
        "signalen.csv, rij 3001, kolom 'wijk': bevat een direct identificerend gegeven "
        "(e-mailadres); de waarde wordt niet getoond"]


def grouped(monkeypatch):
    """Scan, clean and parse every column per distinct value, as for a large export."""
    import data_pipeline.privacy as privacy
    import data_pipeline.validate as validate_module

    for module in (privacy, validate_module):
        monkeypatch.setattr(module, "few_distinct", lambda series: True)


@pytest.mark.parametrize("per_distinct", [False, True])
def test_text_values_are_trimmed_and_blank_ones_missing(tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;Centrum",
                                  "S-2;2025-03-04;politie;drugs;nieuw;   ",
                                  "S-3;2025-03-04;politie;drugs;nieuw;Oost"])
    assert checked.frame["wijk"].to_list() == ["Centrum", None, "Oost"]


@pytest.mark.parametrize("per_distinct", [False, True])
def test_text_values_that_all_need_trimming_are_trimmed(tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw; Centrum",
                                  "S-2;2025-03-04;politie;drugs;nieuw;Oost "])
    assert checked.frame["wijk"].to_list() == ["Centrum", "Oost"]


@pytest.mark.parametrize("per_distinct", [False, True])
def test_partners_are_kept_as_given_and_blank_ones_missing(tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    path = write_csv(tmp_path / "uitvoeringsplan.csv", [
        "doel_id;jaar;spoor;wat;doel;partners",
        "P-1;2026;1;Training;Alertheid; HR, RIEC ", "P-2;2026;1;Training;Alertheid;   ",
        "P-3;2026;1;Training;Alertheid;Politie"])
    checked = check(path, "uitvoeringsplan")
    assert checked.frame["partners"].to_list() == [" HR, RIEC ", None, "Politie"]


def test_column_without_a_name_holding_values_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;x"],
                       header=SIGNALEN_HEADER + ";")
    assert messages(checked) == [
        "signalen.csv, rij 1, kolom 'kolom 7': kolom zonder naam bevat waarden; geef de kolom een "
        "naam uit het contract of verwijder hem"]


def test_column_named_only_spaces_holding_values_is_refused(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;x"],
                       header=SIGNALEN_HEADER + ";   ")
    assert [(p.rij, p.kolom) for p in checked.problems] == [(1, "kolom 7")]


def test_empty_column_without_a_name_before_the_others_is_dropped(tmp_path):
    checked = signalen(tmp_path, ["  ;S-1;2025-03-04;politie;drugs;nieuw;Centrum"],
                       header=";" + SIGNALEN_HEADER)
    assert checked.problems == []
    assert checked.frame.row(0, named=True)["wijk"] == "Centrum"


def test_missing_header_cell_of_an_empty_column_is_dropped():
    """A spreadsheet gives no text for an empty header cell; its empty column is dropped."""
    frame = pl.DataFrame({"k1": ["S-1"], "k2": ["2025-03-04"], "k3": ["politie"], "k4": ["drugs"],
                          "k5": ["nieuw"], "k6": [None]}, schema={f"k{i}": pl.String
                                                                 for i in range(1, 7)})
    table = RawTable(SIGNALEN_HEADER.split(";")[:5] + [None], frame, pl.Series([2]))
    checked = validate(table, "signalen", load_settings(), "signalen.xlsx")
    assert checked.problems == []
    assert checked.frame["signaal_id"].to_list() == ["S-1"]


def test_file_without_header_names_columns_by_number_in_privacy_problems(tmp_path):
    path = write_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;Centrum",
                                                 "S-2;2025-03-05;politie;drugs;nieuw;a@b.nl"])
    assert messages(check(path, "signalen"))[1] == (
        "signalen.csv, rij 2, kolom 'kolom 6': bevat een direct identificerend gegeven "
        "(e-mailadres); de waarde wordt niet getoond")


@pytest.mark.parametrize("per_distinct", [False, True])
def test_excel_serial_date_in_a_spreadsheet_is_a_date(tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    path = tmp_path / "signalen.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    for c, text in enumerate(["signaal_id", "datum_ontvangst", "bron", "thema", "status"]):
        sheet.write_string(0, c, text)
    sheet.write_row(1, 0, ["S-1", 45000, "politie", "drugs", "nieuw"])
    workbook.close()
    assert check(path, "signalen").frame["datum_ontvangst"].to_list() == [dt.date(2023, 3, 15)]


def test_number_in_a_csv_date_column_is_no_date(tmp_path):
    checked = signalen(tmp_path, ["S-1;45000;politie;drugs;nieuw;"])
    assert [(p.rij, p.kolom) for p in checked.problems] == [(2, "datum_ontvangst")]


def test_value_alias_from_the_configuration_is_applied(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;Burger;drugs;nieuw;"])
    assert checked.frame["bron"].to_list() == ["inwoner"]


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    """A copy of config/ that a test may edit, used through $LOO_CONFIG."""
    folder = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, folder)
    monkeypatch.setenv("LOO_CONFIG", str(folder))
    return folder


def test_configuration_without_value_aliases_still_accepts_contract_values(tmp_path,
                                                                          own_config):
    folder = own_config
    kolomnamen = folder / "kolomnamen.yaml"
    text = kolomnamen.read_text("utf-8")
    kolomnamen.write_text(text[:text.index("\nwaarden:")] + "\n", "utf-8")
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;In onderzoek;;Buiten-gebied"],
                       header=SIGNALEN_HEADER + ";gebied")
    row = checked.frame.row(0, named=True)
    assert (row["bron"], row["status"], row["gebied"]) == ("politie", "in_onderzoek",
                                                           "buiten_gebied")


def test_unknown_column_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown column kind vreemd"):
        value_parser(Column("x", "vreemd"), load_settings(), False)


def test_exactly_the_cap_of_problems_has_no_count_line(tmp_path):
    rows = [f"S-{i};32-01-2025;politie;drugs;nieuw;" for i in range(20)]
    text = messages(signalen(tmp_path, rows))
    assert len(text) == 20
    assert not any("en nog" in line for line in text)


def test_problem_of_a_whole_run_is_only_its_message():
    assert str(Problem(None, None, "De bron is niet te bepalen.")) == "De bron is niet te bepalen."


@pytest.mark.parametrize("ids", [["S-3", "S-1", "S-2"], ["S-1", "S-2", "S-3"]])
def test_unique_ids_in_any_order_are_no_repeats(tmp_path, ids):
    checked = signalen(tmp_path, [f"{i};2025-03-04;politie;drugs;nieuw;" for i in ids])
    assert checked.problems == []


def test_missing_ids_are_reported_as_missing_not_as_repeated(tmp_path):
    checked = signalen(tmp_path, ["S-2;2025-03-04;politie;drugs;nieuw;",
                                  ";2025-03-04;politie;drugs;nieuw;",
                                  "S-1;2025-03-04;politie;drugs;nieuw;",
                                  ";2025-03-04;politie;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 3, kolom 'signaal_id': verplichte waarde ontbreekt",
        "signalen.csv, rij 5, kolom 'signaal_id': verplichte waarde ontbreekt"]


def test_absent_optional_columns_have_the_contract_types(tmp_path):
    path = write_csv(tmp_path / "handhaving.csv", ["actie_id;datum;instrument",
                                                   "HH-1;2025-02-14;bibob_onderzoek"])
    frame = check(path, "handhaving").frame
    assert (frame.schema["thema"], frame.schema["thema_bron"], frame.schema["wijk"]) == (
        pl.String, pl.String, pl.String)


def test_problems_per_kind_are_capped_at_the_configured_number(tmp_path, own_config):
    instellingen = own_config / "instellingen.yaml"
    instellingen.write_text(instellingen.read_text("utf-8").replace(
        "max_meldingen_per_soort: 20", "max_meldingen_per_soort: 3"), "utf-8")
    rows = [f"S-{i};32-01-2025;politie;drugs;nieuw;" for i in range(5)]
    text = messages(signalen(tmp_path, rows))
    assert len(text) == 4
    assert text[-1].startswith("signalen.csv, kolom 'datum_ontvangst': en nog 2 rijen")


def test_exactly_the_cap_of_repeated_ids_has_no_count_line(tmp_path):
    rows = ["S-0;2025-03-04;politie;drugs;nieuw;"] * 21
    text = messages(signalen(tmp_path, rows))
    assert len(text) == 20
    assert not any("en nog" in line for line in text)


CLOSING_HEADER = "signaal_id;datum_ontvangst;bron;thema;status;datum_afgesloten"


def test_closing_on_the_day_of_receipt_is_accepted(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;afgesloten;2025-03-04"],
                       header=CLOSING_HEADER)
    assert checked.problems == []


def test_missing_closing_date_breaks_no_date_order(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;",
                                  "S-2;2025-03-04;politie;drugs;afgesloten;2025-03-05"],
                       header=CLOSING_HEADER)
    assert checked.problems == []


def test_date_of_today_is_accepted(tmp_path):
    checked = signalen(tmp_path, [f"S-1;{PEILDATUM.isoformat()};politie;drugs;nieuw;"])
    assert checked.problems == []


def test_earliest_possible_date_is_accepted(tmp_path):
    assert signalen(tmp_path, ["S-1;1990-01-01;politie;drugs;nieuw;"]).problems == []


def test_date_before_the_earliest_is_refused_naming_row_and_column(tmp_path):
    checked = signalen(tmp_path, ["S-1;1989-12-31;politie;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'datum_ontvangst': datum ligt vóór 1990 en is onmogelijk"]


def test_aantal_of_one_is_accepted(tmp_path):
    path = write_csv(tmp_path / "dol_registraties.csv", [
        "registratie_id;datum_registratie;opkoper_pseudoniem;branche;aantal",
        "R-1;2025-01-02;OPK-1;fietsen;1"])
    assert check(path, "dol_registraties").frame["aantal"].to_list() == [1]


def test_year_is_not_held_to_the_aantal_rule(tmp_path):
    """Only aantal must be 1 or more; another whole-number column is not checked by that rule."""
    path = write_csv(tmp_path / "uitvoeringsplan.csv", ["doel_id;jaar;spoor;wat;doel",
                                                        "P-1;0;1;Training;Alertheid"])
    assert not any("1 of meer" in m for m in messages(check(path, "uitvoeringsplan")))


@pytest.mark.parametrize("source,header,row,column,message", [
    ("dol_registraties",
     "registratie_id;datum_registratie;opkoper_pseudoniem;branche;gestolen_match",
     "R-1;2025-01-02;OPK-1;fietsen;misschien", "gestolen_match",
     "geen geldige ja/nee-waarde (ja/nee, j/n, true/false, 1/0)"),
    ("uitvoeringsplan", "doel_id;jaar;spoor;wat;doel;doelwaarde",
     "P-1;2026;1;Training;Alertheid;veel", "doelwaarde", "geen getal"),
    ("uitvoeringsplan", "doel_id;jaar;spoor;wat;doel", "P-1;2026;Spoor 4;Training;Alertheid",
     "spoor", "geen geldig spoor (1, 2 of 3)"),
    ("uitvoeringsplan", "doel_id;jaar;spoor;wat;doel", "P-1;twintig;1;Training;Alertheid",
     "jaar", "geen geheel getal"),
])
def test_value_that_does_not_parse_is_named_by_its_kind(tmp_path, source, header, row, column,
                                                       message):
    path = write_csv(tmp_path / f"{source}.csv", [header, row])
    assert messages(check(path, source)) == [f"{source}.csv, rij 2, kolom '{column}': {message}"]


def test_value_of_a_kind_that_never_fails_to_parse_is_just_invalid():
    from data_pipeline.validate import bad_value_message

    assert bad_value_message(Column("wijk", "text")) == "ongeldige waarde"


def test_columns_shown_under_the_same_name_are_numbered_in_messages(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;x;x;a@b.nl"],
                       header=SIGNALEN_HEADER + ";opmerking;opmerking;opmerking")
    assert messages(checked)[-1] == (
        "signalen.csv, rij 2, kolom 'opmerking (3)': bevat een direct identificerend gegeven "
        "(e-mailadres); de waarde wordt niet getoond")


def test_privacy_problems_are_listed_by_first_row_then_column(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;a@b.nl;x;123456782",
                                  "S-2;2025-03-04;politie;drugs;nieuw;Oost;06-12345678;x",
                                  "S-3;2025-03-04;politie;drugs;nieuw;NL91ABNA0417164300;x;x"],
                       header=SIGNALEN_HEADER + ";opmerking;notitie")
    kinds = [(p.rij, p.kolom, p.melding.split("(")[1].split(")")[0])
             for p in checked.problems if "identificerend" in p.melding]
    assert kinds == [(2, "wijk", "e-mailadres"), (2, "notitie", "BSN"),
                     (3, "opmerking", "telefoonnummer"), (4, "wijk", "IBAN")]


@pytest.mark.parametrize("per_distinct", [False, True])
def test_file_whose_contract_columns_are_all_empty_lists_each_missing_value(
        tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    checked = signalen(tmp_path, [";;;;;;x", ";;;;;;y"], header=SIGNALEN_HEADER + ";opmerking")
    assert [(p.rij, p.kolom) for p in checked.problems] == [
        (1, "opmerking"), (2, "signaal_id"), (3, "signaal_id"), (2, "datum_ontvangst"),
        (3, "datum_ontvangst"), (2, "bron"), (3, "bron"), (2, "thema"), (3, "thema"),
        (2, "status"), (3, "status")]



@pytest.mark.parametrize("per_distinct", [False, True])
def test_file_whose_parsed_columns_are_all_empty_lists_each_missing_value(
        tmp_path, monkeypatch, per_distinct):
    """No column of the contract holds a value and none is plain text."""
    if per_distinct:
        grouped(monkeypatch)
    checked = signalen(tmp_path, [";;;x", ";;;y", ";;;z"],
                       header="datum_ontvangst;bron;status;opmerking")
    assert [(p.rij, p.kolom) for p in checked.problems] == [
        (1, "opmerking"), (None, "signaal_id"), (None, "thema"), *(
            (rij, kolom) for kolom in ("datum_ontvangst", "bron", "status") for rij in (2, 3, 4))]


def test_identifier_header_before_the_contract_columns_is_the_only_problem(tmp_path):
    checked = signalen(tmp_path, ["x;S-1;2025-03-04;politie;drugs;nieuw;"],
                       header="a@b.nl;" + SIGNALEN_HEADER)
    assert messages(checked) == [
        "signalen.csv, rij 1, kolom 'kolom 1': de kopregel bevat een direct identificerend "
        "gegeven (e-mailadres); de waarde wordt niet getoond"]


@pytest.mark.parametrize("rows", [["S-1;2025-03-04;politie;drugs;nieuw;"],
                                  ["S-1;2025-02-30;politie;drugs;nieuw;",
                                   "S-2;2025-03-04;politie;drugs;nieuw;"],
                                  ["S-1;2025-03-04;politie;drugs;nieuw;" + "W" * 201,
                                   "S-2;2025-03-04;politie;drugs;nieuw;"]])
def test_rows_read_are_counted_whether_accepted_or_refused(tmp_path, rows):
    assert signalen(tmp_path, rows).gelezen == len(rows)


# --- control characters and over-long values (issue 17, item 11) ---

def test_control_character_in_a_value_is_refused_naming_row_and_column(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;Centrum",
                                  "S-2;2025-03-04;politie;drugs;nieuw;Cen\x01trum"])
    assert checked.frame is None
    assert messages(checked) == [
        "signalen.csv, rij 3, kolom 'wijk': bevat een onzichtbaar stuurteken (bijvoorbeeld uit "
        "een geplakte tekst of een beschadigd bestand) of een tab of regeleinde midden in de "
        "waarde; haal het weg en laad het bestand opnieuw"]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x1f", "\x7f", "\x85", "\x9f",
                                  "\ufffe", "\uffff"])
def test_every_kind_of_control_character_is_refused(tmp_path, char):
    checked = signalen(tmp_path, [f"S-1;2025-03-04;politie;drugs;nieuw;a{char}b"])
    assert [p.rij for p in checked.problems] == [2] and "stuurteken" in messages(checked)[0]


def test_line_break_and_tab_inside_free_text_are_kept(tmp_path):
    path = tmp_path / "uitvoeringsplan_2026.csv"
    path.write_bytes(b'doel_id;jaar;spoor;wat;doel;partners\n'
                     b'P-1;2026;1;Training\tzorg;Alertheid;"Politie\nOM\r\nRIEC"\n')
    checked = check(path, "uitvoeringsplan")
    assert checked.problems == []
    assert checked.frame["partners"].to_list() == ["Politie\nOM\r\nRIEC"]


def test_line_break_inside_an_id_is_refused_but_not_at_its_end(tmp_path):
    path = tmp_path / "signalen.csv"
    path.write_bytes(b'signaal_id;datum_ontvangst;bron;thema;status;wijk\n'
                     b'"S-\n1";2025-03-04;politie;drugs;nieuw;\n'
                     b'"S-2\n";2025-03-04;politie;drugs;nieuw;\n')
    checked = check(path, "signalen")
    assert [(p.rij, p.kolom) for p in checked.problems] == [(2, "signaal_id")]


def test_control_character_in_free_text_is_refused_too(tmp_path):
    path = write_csv(tmp_path / "uitvoeringsplan_2026.csv", [
        "doel_id;jaar;spoor;wat;doel;status", "P-1;2026;1;Training;Alertheid;Loopt\x01"])
    assert [(p.rij, p.kolom) for p in check(path, "uitvoeringsplan").problems] == [(2, "status")]


def test_value_longer_than_its_column_allows_is_refused_without_showing_it(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;" + "W" * 201,
                                  "S-2;2025-03-04;politie;drugs;nieuw;" + "W" * 200])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'wijk': de waarde is langer dan 200 tekens, het maximum "
        "voor deze kolom; de waarde wordt niet getoond"]


def test_free_text_may_hold_a_paragraph_but_not_more(tmp_path):
    lines = ["doel_id;jaar;spoor;wat;doel", "P-1;2026;1;Training;" + "é" * 2000,
             "P-2;2026;1;Training;" + "é" * 2001]
    checked = check(write_csv(tmp_path / "uitvoeringsplan_2026.csv", lines), "uitvoeringsplan")
    assert [(p.rij, p.kolom) for p in checked.problems] == [(3, "doel")]
    assert "2000 tekens" in messages(checked)[0]


def test_over_long_value_is_not_read_by_the_other_checks(tmp_path):
    """A 45 MB date is no 'invalid date' and no identifier: only its length is reported."""
    checked = signalen(tmp_path, ["S-1;" + "0612345678 " * 5 + ";politie;drugs;nieuw;"])
    assert [(p.rij, p.kolom) for p in checked.problems] == [(2, "datum_ontvangst")]
    assert "langer dan 40 tekens" in messages(checked)[0]


def test_a_45_mb_cell_is_refused_and_nothing_is_stored(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = tmp_path / "signalen_2025.csv"
    path.write_bytes(b"signaal_id;datum_ontvangst;bron;thema;status;wijk\n"
                     b"S-1;2025-03-04;politie;drugs;nieuw;Centrum\n"
                     b"S-2;2025-03-04;politie;drugs;nieuw;" + b"x" * (45 << 20) + b"\n")
    result = load_file(path, db=db)
    assert result.uitkomst == "geweigerd"
    assert [str(p) for p in result.problemen] == [
        "signalen_2025.csv, rij 3, kolom 'wijk': de waarde is langer dan 200 tekens, het "
        "maximum voor deze kolom; de waarde wordt niet getoond"]
    assert table_rows(db, "select count(*) from signalen") == [(0,)]
    assert table_rows(db, "select uitkomst, max(length(redenen)) from load_ledger "
                          "group by uitkomst") == [("geweigerd", len(str(result.problemen[0])))]


def test_header_with_a_control_character_is_shown_by_position(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header="signaal_id;datum_ontvangst;bron;thema;status;wi\x1bjk")
    assert messages(checked)[0] == (
        "signalen.csv, rij 1, kolom 'kolom 6': de kolomnaam bevat een onzichtbaar stuurteken "
        "(bijvoorbeeld uit een geplakte tekst of een beschadigd bestand); haal het weg en laad "
        "het bestand opnieuw")
    assert all("wi\x1bjk" not in m for m in messages(checked))


def test_over_long_header_is_refused_without_showing_it(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header=SIGNALEN_HEADER[:-4] + "w" * 300)
    assert messages(checked)[0] == ("signalen.csv, rij 1, kolom 'kolom 6': de kolomnaam is "
                                    "langer dan 200 tekens; de naam wordt niet getoond")
    assert all("w" * 50 not in m for m in messages(checked))


def test_wrapped_header_of_a_spreadsheet_still_maps(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header='signaal_id;"datum\nontvangst";bron;thema;status;wijk')
    assert checked.problems == []


# --- identifiers in file names and headers (issue 17, item 2) ---

@pytest.mark.parametrize("name", ["signalen_06-12345678.csv", "signalen_06 1234 5678.csv",
                                  "signalen_jan(at)voorbeeld.nl.csv", "signalen_123-456-782.csv",
                                  "signalen_Dorpsstraat 12.csv", "signalen_12-GBH-3.csv"])
def test_file_named_after_an_identifier_is_refused_under_a_stand_in_name(tmp_path, name):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / name, ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db)
    assert result.uitkomst == "geweigerd" and result.load_id == 1
    assert result.bestand == "(bestandsnaam niet getoond)"
    assert "direct identificerend gegeven" in str(result.problemen[0])
    text = result.samenvatting() + "".join(str(p) for p in result.problemen)
    assert name not in text and name[9:-4] not in text
    assert [r[:2] for r in ledger_rows(db)] == [("(bestandsnaam niet getoond)", "geweigerd")]
    assert name[9:-4].encode() not in db.read_bytes()
    assert table_rows(db, "select count(*) from signalen") == [(0,)]


def test_upload_name_is_checked_rather_than_the_temporary_path(tmp_path):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db, name="signalen_+31 6 1234 5678.csv")
    assert result.uitkomst == "geweigerd" and result.bestand == "(bestandsnaam niet getoond)"


def test_file_named_after_an_identifier_adds_only_a_nameless_refusal_to_the_ledger(tmp_path):
    db = tmp_path / "loo.duckdb"
    load_file(signalen_csv(tmp_path / "signalen_2025.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"]),
              db=db)
    load_file(signalen_csv(tmp_path / "signalen_0612345678.csv",
                           ["S-2;2025-03-04;politie;drugs;nieuw;"]), db=db)
    assert [r[:2] for r in ledger_rows(db)] == [
        ("signalen_2025.csv", "geladen"), ("(bestandsnaam niet getoond)", "geweigerd")]
    assert table_rows(db, "select signaal_id from signalen") == [("S-1",)]


@pytest.mark.parametrize("name", ["signalen_\x1b[31m.csv", "signalen_" + "x" * 200 + ".csv"])
def test_file_name_with_a_control_character_or_too_long_is_refused_unwritten(tmp_path, name):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "signalen.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db, name=name)
    assert result.uitkomst == "geweigerd" and result.bestand == "(bestandsnaam niet getoond)"
    assert table_rows(db, "select count(*) from signalen") == [(0,)]


@pytest.mark.parametrize("name", ["signalen_2024-2026.csv", "signalen_2026-10.csv",
                                  "handhaving_export_20251031.csv", "uitvoeringsplan_2026_v2.csv",
                                  "dol_registraties_week_44.csv", "m_meldingen_Q3_2025.csv"])
def test_ordinary_file_names_load(tmp_path, name):
    db = tmp_path / "loo.duckdb"
    path = signalen_csv(tmp_path / "x.csv", ["S-1;2025-03-04;politie;drugs;nieuw;"])
    result = load_file(path, db=db, name=name, source="signalen")
    assert result.uitkomst == "geladen" and result.bestand == name


@pytest.mark.parametrize("header, kind", [("06-1234-5678", "telefoonnummer"),
                                          ("12-GBH-3", "kenteken"),
                                          ("jan[at]voorbeeld.nl", "e-mailadres")])
def test_identifier_notations_in_the_header_row_are_not_shown(tmp_path, header, kind):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;;x"],
                       header=SIGNALEN_HEADER + ";" + header)
    assert messages(checked) == [f"signalen.csv, rij 1, kolom 'kolom 7': de kopregel bevat een "
                                 f"direct identificerend gegeven ({kind}); de waarde wordt niet "
                                 "getoond"]


@pytest.mark.parametrize("value, kind", [("06.12.34.56.78", "telefoonnummer"),
                                         ("123\u00a0456\u00a0782", "BSN"),
                                         ("2242-AB-12", "postcode met huisnummer"),
                                         ("Dorpsstraat 12", "straatnaam met huisnummer"),
                                         ("NW92BX4J6", "paspoort- of ID-kaartnummer")])
def test_privacy_gate_finds_new_notations_naming_row_column_and_kind(tmp_path, value, kind):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;Centrum",
                                  f"S-2;2025-03-04;politie;drugs;nieuw;{value}"])
    assert messages(checked) == [f"signalen.csv, rij 3, kolom 'wijk': bevat een direct "
                                 f"identificerend gegeven ({kind}); de waarde wordt niet getoond"]


# --- a control character stored before the loader refused them (issue 17, item 11) ---

def test_report_is_written_with_control_characters_left_out_of_stored_plan_values(make_db,
                                                                                   tmp_path):
    import docx

    from dashboard import report

    doel = {"doel_id": "P1", "jaar": 2026, "spoor": 2, "wat": "Privacy\x01protocol",
            "doel": "DPIA\x1b opvolgen\x0b", "partners": "Privacy-officer;\x00 ICT",
            "status": "Gestart\x7f\x85\ufffe", "voortgang": "loopt"}
    signaal = {"signaal_id": "S1", "datum_ontvangst": dt.date(2025, 12, 1), "bron": "politie",
               "thema": "drugs", "status": "nieuw"}
    db = make_db({"plan_doelen": [doel], "signalen": [signaal]})
    paths = report.maken(2025, db, tmp_path / "uit")
    document = docx.Document(next(p for p in paths if p.suffix == ".docx"))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert {"Privacyprotocol", "DPIA opvolgen", "Gestart"} <= set(cells)
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" or 127 <= ord(ch) < 160
                   for text in cells + [p.text for p in document.paragraphs] for ch in text)


@pytest.mark.parametrize("per_distinct", [False, True])
def test_control_characters_are_found_in_every_row_however_the_column_is_scanned(
        tmp_path, monkeypatch, per_distinct):
    if per_distinct:
        grouped(monkeypatch)
    wijken = ["Cen\x01trum" if i % 3 == 0 else "Centrum" for i in range(1, 10)]
    wijken.append('"Noord\nZuid"')  # quoted: a line break inside a wijk
    checked = signalen(tmp_path, [f"S-{i};2025-03-04;politie;drugs;nieuw;{wijk}"
                                  for i, wijk in enumerate(wijken, start=1)])
    assert [(p.rij, p.kolom) for p in checked.problems] == [(4, "wijk"), (7, "wijk"), (10, "wijk"),
                                                           (11, "wijk")]


@pytest.mark.parametrize("name", ["signalen_06-1234-5678.csv", "signalen_12-GBH-3.csv"])
def test_cli_load_of_a_file_named_after_an_identifier_leaves_it_nowhere(tmp_path, name):
    """Not in the output, not in a ledger, not in the audit trail: no file beside the database
    holds the name."""
    import os

    from tests.conftest import command

    folder = tmp_path / "exports"
    folder.mkdir()
    path = signalen_csv(folder / name, ["S-1;2025-03-04;politie;drugs;nieuw;"])
    db = tmp_path / "data" / "loo.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "LOO_AUDIT_DB"}
    result = command("data_pipeline", "load", path, "--db", db, env=env)
    assert result.returncode == 1
    assert "direct identificerend gegeven" in result.stderr
    stem = name[len("signalen_"):-len(".csv")]
    assert stem not in result.stdout + result.stderr
    written = [p for p in db.parent.rglob("*") if p.is_file()] if db.parent.exists() else []
    assert not [p for p in written if stem.encode() in p.read_bytes()]
    assert [r[:2] for r in ledger_rows(db)] == [("(bestandsnaam niet getoond)", "geweigerd")]


# --- file names, control characters and headers: the exact Dutch messages (issue 18, mutmut) ---

STUURTEKEN = ("bevat een onzichtbaar stuurteken (bijvoorbeeld uit een geplakte tekst of een "
              "beschadigd bestand){}; haal het weg en laad het bestand opnieuw")
BINNENIN = " of een tab of regeleinde midden in de waarde"


def test_a_file_name_over_200_characters_is_refused_in_dutch():
    assert [str(p) for p in name_problems("s" * 197 + ".csv")] == [
        "De bestandsnaam is langer dan 200 tekens; geef het bestand een kortere naam."]


def test_a_file_name_of_200_characters_is_accepted():
    assert name_problems("s" * 196 + ".csv") == []


@pytest.mark.parametrize("naam", ["signalen\x07.csv", "signalen\t2025.csv", "signalen\n.csv"])
def test_a_control_character_or_break_in_a_file_name_is_refused_in_dutch(naam):
    assert [str(p) for p in name_problems(naam)] == [
        "De bestandsnaam bevat een onzichtbaar stuurteken; geef het bestand een gewone naam."]


def test_a_file_name_with_identifiers_names_their_kinds_not_the_name():
    assert [str(p) for p in name_problems("signalen_06-12345678_a@b.nl.csv")] == [
        "De bestandsnaam bevat een direct identificerend gegeven (e-mailadres, telefoonnummer); "
        "de naam wordt niet getoond en niet vastgelegd. Geef het bestand een naam zonder "
        "persoonsgegevens, bijvoorbeeld signalen_2026-10.csv."]


@pytest.mark.parametrize("tekst, stuurteken", [
    ("a\x7fb", True), ("a\x80b", True), ("a\x9fb", True), ("a\x1fb", True),
    ("a\u00a0b", False), ("Xenon", False), ("a b", False)])
def test_control_characters_are_c0_c1_del_and_the_two_noncharacters(tekst, stuurteken):
    assert has_control(tekst) is stuurteken


def test_a_break_inside_a_text_counts_only_where_breaks_are_not_allowed():
    assert (has_control("a\tb"), has_control("a\tb", breaks_allowed=False)) == (False, True)


def test_a_break_at_the_end_of_a_text_is_no_control_character():
    assert has_control("ab\r\n", breaks_allowed=False) is False


def test_a_header_of_200_characters_is_not_too_long(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header=SIGNALEN_HEADER[:-4] + "w" * 200)
    assert not any("langer dan" in m for m in messages(checked))


def test_an_over_long_header_is_its_only_problem(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header=SIGNALEN_HEADER[:-4] + "w" * 300)
    assert messages(checked) == ["signalen.csv, rij 1, kolom 'kolom 6': de kolomnaam is langer "
                                 "dan 200 tekens; de naam wordt niet getoond"]


def test_headers_beside_an_over_long_one_are_still_scanned(tmp_path):
    checked = signalen(tmp_path, ["x;y;S-1;2025-03-04;politie;drugs;nieuw;;z"],
                       header="123456782;" + "w" * 201 + ";" + SIGNALEN_HEADER + ";a@b.nl")
    assert messages(checked) == [
        "signalen.csv, rij 1, kolom 'kolom 2': de kolomnaam is langer dan 200 tekens; de naam "
        "wordt niet getoond",
        "signalen.csv, rij 1, kolom 'kolom 1': de kopregel bevat een direct identificerend "
        "gegeven (BSN); de waarde wordt niet getoond",
        "signalen.csv, rij 1, kolom 'kolom 9': de kopregel bevat een direct identificerend "
        "gegeven (e-mailadres); de waarde wordt niet getoond"]


def test_an_over_long_value_hides_only_itself_from_the_privacy_gate(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;" + "W" * 201,
                                  "S-2;2025-03-04;politie;drugs;nieuw;123456782",
                                  "S-3;2025-03-04;politie;drugs;nieuw;"])
    assert messages(checked) == [
        "signalen.csv, rij 2, kolom 'wijk': de waarde is langer dan 200 tekens, het maximum "
        "voor deze kolom; de waarde wordt niet getoond",
        "signalen.csv, rij 3, kolom 'wijk': bevat een direct identificerend gegeven (BSN); de "
        "waarde wordt niet getoond"]


def test_control_characters_are_reported_per_column_with_the_break_rule_of_each(tmp_path):
    path = write_csv(tmp_path / "uitvoeringsplan_2026.csv", [
        "doel_id;jaar;spoor;wat;doel", "P-1;2026;1;Training\x01;Alertheid",
        "P-2\x01;2026;1;Training;Alertheid"])
    assert messages(check(path, "uitvoeringsplan")) == [
        "uitvoeringsplan_2026.csv, rij 2, kolom 'wat': " + STUURTEKEN.format(""),
        "uitvoeringsplan_2026.csv, rij 3, kolom 'doel_id': " + STUURTEKEN.format(BINNENIN)]


def test_a_header_two_places_after_an_over_long_one_is_still_scanned(tmp_path):
    checked = signalen(tmp_path, ["x;y;z;S-1;2025-03-04;politie;drugs;nieuw;"],
                       header="w" * 201 + ";x;123456782;" + SIGNALEN_HEADER)
    assert [m for m in messages(checked) if "kopregel" in m] == [
        "signalen.csv, rij 1, kolom 'kolom 3': de kopregel bevat een direct identificerend "
        "gegeven (BSN); de waarde wordt niet getoond"]


def test_a_header_with_a_control_character_is_its_only_problem(tmp_path):
    checked = signalen(tmp_path, ["S-1;2025-03-04;politie;drugs;nieuw;x"],
                       header="signaal_id;datum_ontvangst;bron;thema;status;wi\x1bjk")
    assert messages(checked) == ["signalen.csv, rij 1, kolom 'kolom 6': de kolomnaam "
                                 + STUURTEKEN.format("")]
