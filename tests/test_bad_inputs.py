"""The bad-input corpus (tests/bad_inputs): every file is refused whole, said where, never echoed."""

import csv
import io
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import duckdb
import pytest

from data_pipeline.cli import main
from data_pipeline.contract import SOURCES
from data_pipeline.load import load_file
from tests.conftest import ROOT, command

CORPUS = ROOT / "tests" / "bad_inputs"
MANIFEST = list(csv.DictReader((CORPUS / "MANIFEST.csv").open(encoding="utf-8")))
DATA_TABLES = [s.table for s in SOURCES.values()]

# What the Dutch message must say for each kind of refusal (loosely: the wording may change).
KIND_WORDS = {
    "leeg": r"leeg|geen gegevens",
    "onleesbaar": r"niet te lezen|geen leesbare|tekenset|UTF-16|scheidingsteken",
    "verplichte_kolom": r"verplicht.*ontbreekt|ontbreekt",
    "kolom_buiten_contract": r"hoort niet bij|niet in het contract",
    "dubbele_kolom": r"twee keer|dubbel",
    "kolom_zonder_naam": r"zonder naam|geen naam",
    "ongeldige_waarde": r"geen geldig|geen (geheel )?getal|ongeldig",
    "niet_in_lijst": r"niet in de lijst|toegestaan",
    "onmogelijke_datum": r"geen geldige datum|onmogelijk",
    "datum_in_toekomst": r"toekomst",
    "verplichte_waarde": r"ontbreekt",
    "id_herhaald": r"ook in rij|meer dan één keer|herhaald",
    "datumvolgorde": r"vóór|volgorde",
    "aantal": r"1 of meer",
    "privacy_bsn": r"\bBSN\b",
    "privacy_email": r"e-mailadres",
    "privacy_telefoon": r"telefoonnummer",
    "privacy_iban": r"\bIBAN\b",
    "privacy_postcode": r"postcode met huisnummer",
}

GOOD = {
    "signalen_basis.csv": [
        "signaal_id;datum_ontvangst;bron;thema;status;wijk;datum_afgesloten",
        "SIG-2025-0001;2025-01-06;politie;drugs;afgesloten;Centrum;2025-02-01",
        "SIG-2025-0002;13-01-2025;meld_misdaad_anoniem;fraude;nieuw;Oostdorp;",
    ],
    "m_meldingen_basis.csv": [
        "melding_id,datum_ontvangst,thema,wijk,gekoppeld_signaal_id",
        "M-2025-0001,2025-01-05,drugs,Centrum,SIG-2025-0001",
    ],
    "handhaving_basis.csv": [
        "actie_id;datum;instrument;thema;domein;uitkomst",
        "HH-2025-0001;2025-02-14;bibob_onderzoek;witwassen;exploitatievergunning;geen bezwaar",
    ],
    "dol_registraties_basis.csv": [
        "registratie_id,datum_registratie,opkoper_pseudoniem,branche,aantal,gestolen_match",
        "DOL-2025-00001,2025-01-02,OPK-06,goud_en_sieraden,2,nee",
        "DOL-2025-00002,2025-01-03,OPK-01,fietsen,,ja",
    ],
    "uitvoeringsplan_basis.csv": [
        "doel_id;jaar;spoor;wat;doel;partners",
        "UP-2026-1.1;2026;1;Interne training;Alertheid verhogen;\"Sociaal domein; Burgerzaken\"",
    ],
}


@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    """A database holding a small good load of every source."""
    folder = tmp_path_factory.mktemp("basis")
    db = folder / "loo.duckdb"
    for name, lines in GOOD.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = load_file(folder / name, db=db)
        assert result.uitkomst == "geladen", [str(p) for p in result.problemen]
    return db


@pytest.fixture
def db(base_db, tmp_path):
    """A fresh copy of the base database for one test."""
    target = tmp_path / "loo.duckdb"
    shutil.copyfile(base_db, target)
    return target


def snapshot(db):
    """Every row of every table, sorted, per table name."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = DATA_TABLES + ["load_ledger"]
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in tables}
    finally:
        con.close()


@dataclass
class Run:
    """One CLI load of a corpus file on a copy of the base database."""

    code: int
    out: str
    err: str
    before: dict
    after: dict
    last_ledger_row: tuple


@pytest.fixture(scope="module")
def runs(base_db, tmp_path_factory):
    """Loads each corpus file once (on its own copy of the base) and keeps what happened."""
    done = {}

    def run(entry):
        name = entry["bestand"]
        if name not in done:
            db = tmp_path_factory.mktemp("lading") / "loo.duckdb"
            shutil.copyfile(base_db, db)
            before = snapshot(db)
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = main(["load", str(CORPUS / name), "--db", str(db)])
            con = duckdb.connect(str(db), read_only=True)
            try:
                last = con.execute("select bestand, uitkomst, redenen from load_ledger "
                                   "order by load_id desc limit 1").fetchone()
            finally:
                con.close()
            done[name] = Run(code, out.getvalue(), err.getvalue(), before, snapshot(db), last)
        return done[name]

    return run


def manifest_ids(only_with_value=False):
    return [pytest.param(entry, id=entry["bestand"]) for entry in MANIFEST
            if entry["waarde"] or not only_with_value]


def message_line(text, entry):
    """The line of the output that reports this entry's problem, or None."""
    for line in text.splitlines():
        if entry["bestand"] not in line:
            continue
        if entry["rij"] and not re.search(rf"\brij {entry['rij']}\b", line):
            continue
        if entry["kolom"] and f"kolom '{entry['kolom']}'" not in line:
            continue
        if re.search(KIND_WORDS[entry["soort"]], line):
            return line
    return None


@pytest.mark.parametrize("entry", manifest_ids())
def test_bad_file_is_refused_with_exit_1(entry, runs):
    assert runs(entry).code == 1


@pytest.mark.parametrize("entry", manifest_ids())
def test_bad_file_message_names_row_column_and_problem_in_dutch(entry, runs):
    err = runs(entry).err
    assert message_line(err, entry), f"geen melding voor {entry}:\n{err}"


@pytest.mark.parametrize("entry", manifest_ids())
def test_bad_file_changes_no_data_table(entry, runs):
    run = runs(entry)
    for table in DATA_TABLES:
        assert run.after[table] == run.before[table], table


@pytest.mark.parametrize("entry", manifest_ids())
def test_bad_file_adds_one_refusal_with_its_reasons_to_the_ledger(entry, runs):
    run = runs(entry)
    before, after = run.before["load_ledger"], run.after["load_ledger"]
    assert len(after) == len(before) + 1
    assert all(row in after for row in before)
    bestand, uitkomst, redenen = run.last_ledger_row
    assert (bestand, uitkomst) == (entry["bestand"], "geweigerd")
    assert message_line(f"{bestand}: " + redenen.replace("\n", f"\n{bestand}: "), entry)


@pytest.mark.parametrize("entry", manifest_ids(only_with_value=True))
def test_bad_value_is_never_echoed(entry, runs):
    run = runs(entry)
    secret = entry["waarde"]
    assert secret not in run.out
    assert secret not in run.err
    assert all(secret not in str(value) for row in run.after["load_ledger"] for value in row)


def test_whole_corpus_in_one_process_is_refused_file_by_file(db):
    files = [str(CORPUS / e["bestand"]) for e in MANIFEST]
    before = snapshot(db)
    proc = command("data_pipeline", "load", *files, "--db", db)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{len(files)} van {len(files)} bestanden geweigerd" in proc.stderr
    after = snapshot(db)
    assert all(after[t] == before[t] for t in DATA_TABLES)
    assert len(after["load_ledger"]) == len(before["load_ledger"]) + len(files)
    for entry in MANIFEST:
        if entry["waarde"]:
            assert entry["waarde"] not in proc.stdout + proc.stderr, entry["bestand"]


def _is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def test_corpus_covers_every_refusal_class_source_delimiter_encoding_and_xlsx():
    files = {e["bestand"] for e in MANIFEST}
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix in (".csv", ".xlsx")} - {"MANIFEST.csv"}
    assert files == on_disk
    assert len(files) >= 30
    assert {e["soort"] for e in MANIFEST} == set(KIND_WORDS)
    for source in SOURCES:
        mine = [f for f in files if f.startswith(source)]
        assert any(f.endswith(".xlsx") for f in mine), source
        assert len(mine) >= 5, source
    csvs = [CORPUS / f for f in files if f.endswith(".csv")]
    heads = [p.read_bytes().split(b"\n")[0] for p in csvs]
    assert any(h.count(b";") > h.count(b",") for h in heads)
    assert any(h.count(b",") > h.count(b";") for h in heads)
    assert sum(not _is_utf8(p.read_bytes()) for p in csvs) >= 5
    assert any(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in csvs)
