"""Hostile files through load_file: it never raises and never half-loads a file."""

import csv
import datetime as dt
import io
import shutil
import uuid

import duckdb
import pytest
import xlsxwriter
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from data_pipeline.contract import SOURCES
from data_pipeline.load import load_file
from tests.test_bad_inputs import DATA_TABLES, GOOD
from tests.test_privacy import POSITIVES

HOSTILE = [
    "", " ", "\t", '"', '""', "'", ";", ",", ";;,,", "\r\n", "\n", "NULL", "null", "NaN", "nan",
    "inf", "-0", "1e309", "9" * 40, "A" * 20_000, "06 " * 2000, "=1+1", "@SUM(A1)", "\u00a0x\u00a0",
    "\ufeff", "é", "€ 1.234,56", "Ünïcödé ✓ 🙂", "\u202eRTL", "0", "-1", "3.5", "2025-13-45",
    "31/02/2025", "00-00-0000", "2099-01-01", "1899-12-31", "45000", "45000.5", "ja nee", "x" * 300,
]
_hostile = st.sampled_from(HOSTILE) | st.text(max_size=30)


def _date_text(d):
    return st.sampled_from([d.isoformat(), d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y")])


_good_date = st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)).flatmap(_date_text)


def good_value(column):
    """A value that the contract accepts for the column."""
    if column.kind == "date":
        return _good_date
    if column.kind == "enum":
        return st.sampled_from(list(column.values))
    if column.kind == "thema":
        return st.sampled_from(["drugs", "Fraude", "witwassen", "iets nieuws"])
    if column.kind == "bool":
        return st.sampled_from(["ja", "nee", "j", "n", "true", "0"])
    if column.kind in ("int", "spoor"):
        return st.sampled_from(["1", "2", "3"])
    if column.kind == "number":
        return st.sampled_from(["1", "2,5", "10.0"])
    return st.builds(str.__add__, st.sampled_from(["Centrum", "Oostdorp", "P-3F9A21", "OPK-07"]),
                     st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABC-", max_size=12))


def cell(column):
    """Mostly good values, sometimes hostile ones."""
    return st.one_of(good_value(column), good_value(column), good_value(column), _hostile)


@st.composite
def hostile_file(draw):
    """A source, its header and rows: half the files clean, half with hostile cells and headers
    (columns dropped, added, doubled, respelled; ids missing or repeated)."""
    source = SOURCES[draw(st.sampled_from(sorted(SOURCES)))]
    hostile = draw(st.booleans())
    columns = [c for c in source.columns if c.name != "gemeente"]
    if hostile:
        kept = [c for c in columns if draw(st.integers(0, 9)) > 0]
        extra = draw(st.lists(st.sampled_from(["naam", "Opmerking", "", columns[0].name]),
                              max_size=1))
    else:
        kept = [c for c in columns if c.required or draw(st.booleans())]
        extra = []
    header = [draw(st.sampled_from([c.name, c.name.upper(), " " + c.name.replace("_", " ")]))
              for c in kept]
    ids = [f"ID-{i}" for i in range(6)]
    rows = []
    for i in range(draw(st.integers(1, 6))):
        row = []
        day = draw(st.dates(dt.date(2020, 1, 1), dt.date(2025, 12, 31)))  # keeps date order
        for c in kept:
            if c.kind == "date" and not hostile:
                row.append(draw(_date_text(day)))
            elif c.name == source.id_column:
                row.append(draw(st.sampled_from([ids[i], ids[i], ids[0], ""])) if hostile
                           else ids[i])
            else:
                row.append(draw(cell(c) if hostile else good_value(c)))
        row.extend(draw(_hostile) for _ in extra)
        rows.append(row)
    return source.name, header + extra, rows


def write_file(folder, source, header, rows, fmt, delimiter, encoding):
    """The file on disk in the chosen form; 'raw' joins fields without quoting."""
    stem = f"{source}_{uuid.uuid4().hex[:8]}"
    if fmt == "xlsx":
        path = folder / f"{stem}.xlsx"
        workbook = xlsxwriter.Workbook(str(path))
        sheet = workbook.add_worksheet()
        for r, record in enumerate([header, *rows]):
            for c, value in enumerate(record):
                sheet.write_string(r, c, value)
        workbook.close()
        return path
    path = folder / f"{stem}.csv"
    if fmt == "quoted":
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
        text = buf.getvalue()
    else:
        text = "\n".join(delimiter.join(record) for record in [header, *rows]) + "\n"
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def snapshot(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in DATA_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    """A database holding a small good load of every source."""
    folder = tmp_path_factory.mktemp("eigenschap")
    db = folder / "basis.duckdb"
    for name, lines in GOOD.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert load_file(folder / name, db=db).uitkomst == "geladen"
    return db


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(spec=hostile_file(), fmt=st.sampled_from(["quoted", "raw", "xlsx"]),
       delimiter=st.sampled_from([",", ";"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_hostile_file_is_loaded_whole_or_refused_whole_and_never_raises(
        spec, fmt, delimiter, encoding, base_db, tmp_path):
    source, header, rows = spec
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    db = folder / "loo.duckdb"
    shutil.copyfile(base_db, db)
    path = write_file(folder, source, header, rows, fmt, delimiter, encoding)
    before = snapshot(db)

    result = load_file(path, db=db)  # any exception fails the test
    event(f"{fmt}: {result.uitkomst}")

    after = snapshot(db)
    table = SOURCES[source].table
    assert all(after[t] == before[t] for t in DATA_TABLES if t != table)
    if result.uitkomst == "geweigerd":
        assert result.problemen
        assert after[table] == before[table]
        return
    assert result.uitkomst == "geladen", result.uitkomst
    id_at = [h.strip().lower().replace(" ", "_") for h in header].index(SOURCES[source].id_column)
    written = {row[id_at] for row in rows if row[id_at].strip()}  # blank rows are skipped
    # the model: the base holds none of the generated ids, so every row is new
    assert (result.bijgewerkt, result.ongewijzigd) == (0, 0)
    if fmt != "raw":  # unquoted, a hostile cell may split or shift a row
        assert result.ingevoegd == len(written)
    assert len(after[table]) == len(before[table]) + result.ingevoegd
    con = duckdb.connect(str(db), read_only=True)
    try:
        id_column = SOURCES[source].id_column
        stamped = con.execute(f"select count(*) from {table} where load_id = $id",
                              {"id": result.load_id}).fetchone()[0]
        ids = {r[0] for r in con.execute(f"select {id_column} from {table}").fetchall()}
    finally:
        con.close()
    assert stamped == result.ingevoegd
    assert written <= ids


_identifiers = st.sampled_from(sorted({v for values in POSITIVES.values() for v in values}))
_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(spec=hostile_file(), identifier=_identifiers, before_word=_words, after_word=_words,
       where=st.tuples(st.integers(0, 100), st.integers(0, 100)),
       fmt=st.sampled_from(["quoted", "xlsx"]), delimiter=st.sampled_from([",", ";"]),
       encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_planted_identifier_refuses_the_file_and_is_never_echoed(
        spec, identifier, before_word, after_word, where, fmt, delimiter, encoding, base_db,
        tmp_path):
    source, header, rows = spec
    if not header:
        return
    r, c = where[0] % len(rows), where[1] % len(header)
    rows[r][c] = f"{before_word} {identifier} {after_word}"
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    db = folder / "loo.duckdb"
    shutil.copyfile(base_db, db)
    path = write_file(folder, source, header, rows, fmt, delimiter, encoding)

    result = load_file(path, db=db)

    assert result.uitkomst == "geweigerd"
    assert all(identifier not in str(problem) for problem in result.problemen)
    con = duckdb.connect(str(db), read_only=True)
    try:
        ledger = con.execute("select * from load_ledger").fetchall()
    finally:
        con.close()
    assert all(identifier not in str(value) for row in ledger for value in row)


# A model of change detection: signalen records as the values the contract stores, written in
# any of the spellings the contract accepts; a later export keeps, changes, drops or adds rows.
BRON_KEYS = sorted(SOURCES["signalen"].column("bron").values)
STATUS_KEYS = sorted(SOURCES["signalen"].column("status").values)
VERVOLG_KEYS = sorted(SOURCES["signalen"].column("vervolg").values)
MODEL_COLUMNS = ("signaal_id", "datum_ontvangst", "bron", "thema_bron", "status", "wijk",
                 "datum_afgesloten", "vervolg")
MODEL_HEADER = ["signaal_id", "datum_ontvangst", "bron", "thema", "status", "wijk",
                "datum_afgesloten", "vervolg"]
_received = st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
_field_values = {
    "bron": st.sampled_from(BRON_KEYS),
    "thema_bron": st.sampled_from(["drugs", "Fraude", "Hennep", "iets nieuws"]),
    "status": st.sampled_from(STATUS_KEYS),
    "wijk": st.sampled_from([None, "Centrum", "Oostdorp", "Kerkehout"]),
    "vervolg": st.none() | st.sampled_from(VERVOLG_KEYS),
}


def _closed(received):
    return st.none() | st.integers(0, 90).map(lambda n: received + dt.timedelta(days=n))


@st.composite
def signaal(draw, signaal_id):
    """One record as stored: dates as dates, enums as their keys, None for an empty cell."""
    received = draw(_received)
    record = {name: draw(values) for name, values in _field_values.items()}
    record.update(signaal_id=signaal_id, datum_ontvangst=received,
                  datum_afgesloten=draw(_closed(received)))
    return record


@st.composite
def changed(draw, record):
    """The record with one field redrawn (it may come out the same), or redrawn whole."""
    name = draw(st.sampled_from([*_field_values, "datum_afgesloten", "alles"]))
    if name == "alles":
        return draw(signaal(record["signaal_id"]))
    if name == "datum_afgesloten":
        return {**record, name: draw(_closed(record["datum_ontvangst"]))}
    return {**record, name: draw(_field_values[name])}


@st.composite
def export_pair(draw):
    """A first export and a later one, as lists of records."""
    ids = [f"S-{i}" for i in range(12)]
    first_ids = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=8, unique=True))
    first = [draw(signaal(i)) for i in first_ids]
    later = []
    for record in first:
        action = draw(st.sampled_from(["houden", "houden", "wijzigen", "wijzigen", "weglaten"]))
        if action == "houden":
            later.append(dict(record))
        elif action == "wijzigen":
            later.append(draw(changed(record)))
    fresh = [i for i in ids if i not in first_ids]
    later += [draw(signaal(i)) for i in draw(st.lists(st.sampled_from(fresh), unique=True,
                                                      max_size=4))]
    if not later:  # an export without rows is refused, not loaded
        later.append(dict(first[0]))
    return first, draw(st.permutations(later))


@st.composite
def spelled(draw, record):
    """One CSV line for a record, each value in a spelling the contract accepts."""
    cells = []
    for name in MODEL_COLUMNS:
        value = record[name]
        if value is None:
            cells.append(draw(st.sampled_from(["", "  "])))
        elif isinstance(value, dt.date):
            cells.append(draw(_date_text(value)))
        elif name in ("bron", "status", "vervolg"):
            cells.append(draw(st.sampled_from([value, value.upper(),
                                               value.replace("_", " ").capitalize()])))
        elif name == "wijk":
            cells.append(draw(st.sampled_from([value, f" {value} "])))
        else:
            cells.append(value)
    return ";".join(cells)


def expected_counts(first, later):
    """(new, changed, unchanged) of the later export against the first, by the model."""
    stored = {r["signaal_id"]: r for r in first}
    new = sum(r["signaal_id"] not in stored for r in later)
    differ = sum(r["signaal_id"] in stored and r != stored[r["signaal_id"]] for r in later)
    return new, differ, len(later) - new - differ


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(pair=export_pair(), data=st.data())
def test_later_export_counts_and_stores_what_a_model_of_the_rows_expects(pair, data, tmp_path):
    """New, changed and unchanged counts and the stored rows match a model computed here from
    the generated records (a respelled value is no change; a field emptied or filled is)."""
    first, later = pair
    folder = tmp_path / uuid.uuid4().hex[:8]
    folder.mkdir()
    db = folder / "loo.duckdb"
    paths = []
    for n, records in enumerate((first, later)):
        # the later header in capitals: the files always differ, so the later is never
        # 'al_geladen' as a copy of the first
        header = ";".join(MODEL_HEADER)
        lines = [header.upper() if n else header, *(data.draw(spelled(r)) for r in records)]
        paths.append(folder / f"signalen_{n}.csv")
        paths[-1].write_text("\n".join(lines) + "\n", encoding="utf-8")

    loaded = load_file(paths[0], db=db)
    assert (loaded.uitkomst, loaded.ingevoegd, loaded.bijgewerkt, loaded.ongewijzigd) == (
        "geladen", len(first), 0, 0), [str(p) for p in loaded.problemen]
    result = load_file(paths[1], db=db)

    assert result.uitkomst == "geladen", [str(p) for p in result.problemen]
    assert (result.ingevoegd, result.bijgewerkt, result.ongewijzigd) == expected_counts(first,
                                                                                        later)
    model = {r["signaal_id"]: r for r in first} | {r["signaal_id"]: r for r in later}
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = con.execute(f"select {', '.join(MODEL_COLUMNS)}, load_id "
                             "from signalen").fetchall()
    finally:
        con.close()
    assert {row[0]: dict(zip(MODEL_COLUMNS, row)) for row in stored} == model
    stamped = {row[0] for row in stored if row[-1] == result.load_id}
    first_by_id = {r["signaal_id"]: r for r in first}
    assert stamped == {r["signaal_id"] for r in later if r != first_by_id.get(r["signaal_id"])}
