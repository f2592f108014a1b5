"""Checks a raw export against the contract and builds the typed frame; lists every problem."""

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from core import clock
from data_pipeline import normalise
from data_pipeline.contract import MAX_KOLOMNAAM, SOURCES, SPOREN, VRIJE_TEKST, max_tekens
from data_pipeline.normalise import clean_text, few_distinct, map_unique, norm_key

POLARS_TYPES = {"text": pl.String, "date": pl.Date, "enum": pl.String, "thema": pl.String,
                "bool": pl.Boolean, "int": pl.Int32, "number": pl.Float64, "spoor": pl.Int32}
DATE_HINT = "verwacht JJJJ-MM-DD, DD-MM-JJJJ of DD/MM/JJJJ"
SPOOR_LABELS = {norm_key(label): number for number, label in SPOREN.items()}
KEEP_AS_GIVEN = {"partners"}
KEYS = {"gebied"}  # free text used as a key by the pages: normalised like enum values
# Characters no export value holds: C0 controls but tab, line feed and carriage return, DEL, C1
# controls and the two non-characters; XML (the report's .docx and .xlsx) cannot hold them.
# Polars (Rust regex) syntax.
STUURTEKEN_REGEX = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{FFFE}\x{FFFF}]"
# A tab or line break inside a value, not at its ends (which are trimmed): only in free text.
BREUK_BINNENIN = r"\S[ \t\n\r]*[\t\n\r][ \t\n\r]*\S"
STUURTEKEN_MELDING = ("bevat een onzichtbaar stuurteken (bijvoorbeeld uit een geplakte tekst of "
                      "een beschadigd bestand){binnenin}; haal het weg en laad het bestand "
                      "opnieuw")


@dataclass
class Problem:
    """One reason to refuse a file: sheet row (header = 1; None for the file), column, what."""

    rij: int | None
    kolom: str | None
    melding: str
    bestand: str | None = None

    def __str__(self):
        where = []
        if self.bestand:
            where.append(self.bestand)
        if self.rij is not None:
            where.append(f"rij {self.rij}")
        if self.kolom:
            where.append(f"kolom '{self.kolom}'")
        return (", ".join(where) + ": " if where else "") + self.melding


@dataclass
class Problems:
    """Collects problems, at most `cap` rows per kind of problem and column, then a count."""

    bestand: str | None
    cap: int = 20
    items: list = field(default_factory=list)

    def add(self, rij, kolom, melding):
        self.items.append(Problem(rij, kolom, melding, self.bestand))

    def add_rows(self, rijen, kolom, melding):
        """One problem per row number in rijen (a polars Series), capped."""
        total = len(rijen)
        for rij in rijen.head(self.cap).to_list():
            self.add(int(rij), kolom, melding)
        if total > self.cap:
            self.add(None, kolom, f"en nog {total - self.cap} rijen met hetzelfde probleem "
                                  f"({melding})")

    def __bool__(self):
        return bool(self.items)


@dataclass
class Checked:
    """The outcome of validation: the typed frame (None if refused) and the problems."""

    frame: pl.DataFrame | None
    problems: list
    gelezen: int


def header_names(table, source, settings, problems):
    """The headers fit to show in messages: a header that holds a direct identifier, or every
    header of a file whose first row is no header at all, is shown as 'kolom N'."""
    from data_pipeline.privacy import scan_frame

    kop = table.kopregel
    texts = ["" if h is None else h for h in table.headers]
    flagged = header_rules(texts, kop, problems)
    row = pl.DataFrame({f"k{i + 1}": ["" if f"k{i + 1}" in flagged else t]
                        for i, t in enumerate(texts)})
    for _, position, kind in scan_frame(row):
        flagged.setdefault(position, kind)
    for position, kind in flagged.items():
        if kind is not None:
            problems.add(kop, f"kolom {position[1:]}", f"de kopregel bevat een direct "
                         f"identificerend gegeven ({kind}); de waarde wordt niet getoond")
    aliases = settings.kolommen[source.name]
    if not any(aliases.get(norm_key(t)) for t in texts if t.strip()):
        problems.add(kop, None, f"geen enkele kolomnaam in de kopregel hoort bij bron "
                                f"'{source.name}'; ontbreekt de kopregel, of is dit een export "
                                "van een andere bron?")
        return [f"kolom {i + 1}" for i in range(len(texts))], False
    names = [f"kolom {i + 1}" if f"k{i + 1}" in flagged or not t.strip() else t.strip()
             for i, t in enumerate(texts)]
    return names, True


def has_control(text, breaks_allowed=True):
    """True when a text holds a character of STUURTEKEN (or, unless allowed, a break inside)."""
    stripped = text.strip()
    return any(ord(c) < 32 and (c not in "\t\n\r" or not breaks_allowed and c in stripped)
               or 127 <= ord(c) < 160 or c in "\ufffe\uffff" for c in text)


def header_rules(texts, kop, problems):
    """Headers that are too long or hold a control character: reported, and shown as 'kolom N'
    (position 'kN' -> None) without being read further."""
    flagged = {}
    for i, text in enumerate(texts):
        if len(text) > MAX_KOLOMNAAM:
            problems.add(kop, f"kolom {i + 1}", f"de kolomnaam is langer dan {MAX_KOLOMNAAM} "
                                                "tekens; de naam wordt niet getoond")
            flagged[f"k{i + 1}"] = None
        elif has_control(text):
            problems.add(kop, f"kolom {i + 1}", "de kolomnaam " + STUURTEKEN_MELDING.format(
                binnenin=""))
            flagged[f"k{i + 1}"] = None
    return flagged


def name_problems(bestand):
    """Why a file name may not be stored (in the ledger, on the Data page): a direct identifier,
    a control character or excessive length. The name itself is never repeated."""
    from data_pipeline.privacy import find_in_name

    if len(bestand) > MAX_KOLOMNAAM:
        return [Problem(None, None, f"De bestandsnaam is langer dan {MAX_KOLOMNAAM} tekens; geef "
                                    "het bestand een kortere naam.")]
    if has_control(bestand, breaks_allowed=False):
        return [Problem(None, None, "De bestandsnaam bevat een onzichtbaar stuurteken; geef het "
                                    "bestand een gewone naam.")]
    if kinds := find_in_name(bestand):
        return [Problem(None, None, f"De bestandsnaam bevat een direct identificerend gegeven "
                                    f"({', '.join(kinds)}); de naam wordt niet getoond en niet "
                                    "vastgelegd. Geef het bestand een naam zonder "
                                    "persoonsgegevens, bijvoorbeeld signalen_2026-10.csv.")]
    return []


def column_rules(table, found, source):
    """Per position column ('k3'): the longest value allowed and whether a tab or line break may
    stand inside a value (free text, or a column outside the contract: refused anyway)."""
    by_position = {position: source.column(name) for name, position in found.items()}
    rules = {}
    for position in table.frame.columns:
        column = by_position.get(position)
        rules[position] = (max_tekens(column), column is None or column.name in VRIJE_TEKST)
    return rules


def cell_rules(table, names, found, source, problems):
    """Refuse over-long values, naming row and column, never the value (the lengths are stored
    with each string: one cheap select). Returns the table with over-long values left out
    (null), so that no check after this one reads them, whether there were any, and per
    position column the polars regex of the control characters it may not hold."""
    rules = column_rules(table, found, source)
    frame = table.frame
    longest = frame.select(pl.col(p).str.len_bytes().max() for p in frame.columns).row(0)
    long_masks = {}
    for i, (p, most) in enumerate(zip(frame.columns, longest)):
        limit = rules[p][0]
        if (most or 0) > limit:  # bytes >= characters: only then count characters
            mask = (frame.get_column(p).str.len_chars() > limit).fill_null(False)
            if mask.any():
                long_masks[p] = mask
                problems.add_rows(table.rijen.filter(mask), names[i],
                                  f"de waarde is langer dan {limit} tekens, het maximum voor "
                                  "deze kolom; de waarde wordt niet getoond")
    control = {p: STUURTEKEN_REGEX if free else f"{STUURTEKEN_REGEX}|{BREUK_BINNENIN}"
               for p, (_, free) in rules.items()}
    if not long_masks:
        return table, False, control
    trimmed = frame.with_columns(
        pl.when(pl.lit(mask)).then(None).otherwise(pl.col(p)).alias(p)
        for p, mask in long_masks.items())
    return dataclasses.replace(table, frame=trimmed), True, control


def map_headers(table, names, source, settings, problems):
    """Contract column -> position column ('k3'); unnamed empty columns are dropped silently."""
    aliases = settings.kolommen[source.name]
    kop = table.kopregel
    found, seen = {}, {}
    for i, header in enumerate(table.headers):
        position = f"k{i + 1}"
        if names[i] != (header or "").strip():
            if header and header.strip():
                continue  # reported by header_names
            if table.frame.get_column(position).drop_nulls().str.strip_chars().ne("").any():
                problems.add(kop, names[i], "kolom zonder naam bevat waarden; geef de kolom "
                                            "een naam uit het contract of verwijder hem")
            continue
        column = aliases.get(norm_key(header))
        if column is None:
            problems.add(kop, names[i], f"deze kolom hoort niet bij bron '{source.name}' en "
                                        "kan persoonsgegevens bevatten; verwijder de kolom of "
                                        "voeg een kolomnaam toe in config/kolomnamen.yaml")
        elif column in found:
            problems.add(kop, names[i], f"kolom '{column}' komt twee keer voor (ook als "
                                        f"'{seen[column]}')")
        else:
            found[column] = position
            seen[column] = names[i]
    for column in source.columns:
        if column.required and column.name not in found:
            problems.add(None, column.name, "verplichte kolom ontbreekt")
    return found, seen


def privacy_frame(table, names):
    """The raw string frame with the headers as shown (made unique) for the privacy gate."""
    unique, used = [], set()
    for name in names:
        base, n = name, 2
        while name in used:
            name, n = f"{base} ({n})", n + 1
        used.add(name)
        unique.append(name)
    return table.frame.rename(dict(zip(table.frame.columns, unique)))


def privacy_gate(table, names, problems, control=None):
    """Refuse every cell that holds a direct identifier (or, with control: {position column:
    regex}, a control character); the message never shows the value."""
    from data_pipeline.privacy import STUURTEKEN, scan_frame

    frame = privacy_frame(table, names)
    shown = dict(zip(table.frame.columns, frame.columns))
    hits = scan_frame(frame, {shown[p]: regex for p, regex in (control or {}).items()})
    if not hits:
        return
    free = {shown[p] for p, regex in (control or {}).items() if regex == STUURTEKEN_REGEX}
    for kolom in dict.fromkeys(h[1] for h in hits if h[2] == STUURTEKEN):
        rows = table.rijen.gather([h[0] for h in hits if h[1] == kolom and h[2] == STUURTEKEN])
        problems.add_rows(rows.sort(), kolom, STUURTEKEN_MELDING.format(
            binnenin="" if kolom in free else " of een tab of regeleinde midden in de waarde"))
    hits = [h for h in hits if h[2] != STUURTEKEN]
    if not hits:
        return
    found = pl.DataFrame({"i": [h[0] for h in hits], "kolom": [h[1] for h in hits],
                          "soort": [h[2] for h in hits]},
                         schema={"i": pl.Int64, "kolom": pl.String, "soort": pl.String})
    found = found.with_columns(rij=table.rijen.gather(found["i"]))
    for (kolom, soort), group in found.group_by(["kolom", "soort"], maintain_order=True):
        problems.add_rows(group["rij"].sort(), kolom,
                          f"bevat een direct identificerend gegeven ({soort}); de waarde wordt "
                          "niet getoond")


def value_parser(column, settings, excel):
    """The function from one cleaned text value to its typed value (None if it does not parse)
    and the polars type, or None for columns kept as text."""
    kind = column.kind
    if column.name in KEYS:
        aliases = settings.waarden.get(column.name, {})
        return (lambda v: aliases.get(norm_key(v), norm_key(v))), pl.String
    if kind in ("text", "thema"):
        return None
    if kind == "date":
        return (lambda v: normalise.parse_date(v, excel)), pl.Date
    if kind == "enum":
        aliases = settings.waarden.get(column.name, {})
        return normalise.enum_mapper(column.values, aliases), pl.String
    if kind == "bool":
        return normalise.parse_bool, pl.Boolean
    if kind == "int":
        return normalise.parse_int, pl.Int64
    if kind == "number":
        return normalise.parse_number, pl.Float64
    if kind == "spoor":
        return (lambda v: normalise.parse_spoor(v, SPOOR_LABELS)), pl.Int32
    raise ValueError(f"unknown column kind {kind}")


def clean_expr(name, position):
    """A raw column trimmed (partners kept as given), values of only spaces made missing."""
    if name in KEEP_AS_GIVEN:
        return clean_text(pl.col(position), strip=False).alias(name)
    return clean_text(pl.col(position)).alias(name)


def distinct_mapping(distinct, name, parser):
    """For a column with few distinct values: the map from each distinct raw value to its
    cleaned and parsed value (None: the identity, a clean text column) and the raw values that
    did not parse."""
    cleaned = pl.DataFrame({"k": distinct}).select(clean_expr(name, "k")).get_column(name)
    if parser is None:
        if cleaned.null_count() == 0 and (cleaned == distinct).all():
            return None, []
        return dict(zip(distinct.to_list(), cleaned.to_list())), []
    parse, bad = parser[0], []
    mapping = {}
    for value, text in zip(distinct.to_list(), cleaned.to_list()):
        mapping[value] = None if text is None else parse(text)
        if text is not None and mapping[value] is None:
            bad.append(value)
    return mapping, bad


def parse_columns(table, found, source, settings):
    """Typed columns and, per parsed column, a mask of values that did not parse.

    Each distinct value is cleaned and parsed once. A column with few distinct values (most
    of them: dates, categories, districts) is mapped from its raw values in one step; the
    others are cleaned first. Polars works on all columns at once in each select.
    """
    present = [c for c in source.columns if c.name in found]
    if not present:
        return pl.DataFrame(), {}
    parsers = {c.name: value_parser(c, settings, table.excel) for c in present}
    grouped = [c for c in present if few_distinct(table.frame.get_column(found[c.name]))]
    distinct = table.frame.select(pl.col(found[c.name]).drop_nulls().unique().implode()
                                  .alias(c.name) for c in grouped)
    exprs = []
    for c in grouped:
        raw = pl.col(found[c.name])
        mapping, bad = distinct_mapping(distinct.get_column(c.name)[0], c.name, parsers[c.name])
        dtype = pl.String if parsers[c.name] is None else parsers[c.name][1]
        if mapping is None:
            exprs.append(raw.alias(c.name))
        elif mapping:
            exprs.append(raw.replace_strict(mapping, default=None, return_dtype=dtype)
                         .alias(c.name))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(c.name))
        if parsers[c.name] is not None:
            exprs.append((raw.is_in(bad).fill_null(False) if bad else pl.lit(False))
                         .alias("\0bad " + c.name))
    columns = {}
    if exprs:
        typed = table.frame.select(exprs)
        columns = {name: typed.get_column(name) for name in typed.columns}
        if typed.height != table.frame.height:  # only literals: no column from the file
            columns = {name: series.extend_constant(series[0], table.frame.height - 1)
                       for name, series in columns.items()}
    rowwise = [c for c in present if c not in grouped]
    if rowwise:
        typed, bad = parse_rowwise(table, found, rowwise, parsers)
        columns.update((n, typed.get_column(n)) for n in typed.columns)
        columns.update(("\0bad " + n, mask) for n, mask in bad.items())
    frame = pl.DataFrame([columns[c.name] for c in present])
    return frame, {c.name: columns["\0bad " + c.name].rename(c.name) for c in present
                   if "\0bad " + c.name in columns}


def parse_rowwise(table, found, present, parsers):
    """parse_columns for columns with many distinct values (ids, free text)."""
    cleaned = table.frame.select(
        (clean_text(pl.col(found[c.name]), strip=False) if c.name in KEEP_AS_GIVEN
         else pl.col(found[c.name]).str.strip_chars()).alias(c.name)
        for c in present)
    emptied = cleaned.select((pl.col(c).str.len_bytes() == 0).any() for c in cleaned.columns)
    blanks = [c for c in cleaned.columns if emptied.get_column(c)[0]]
    if blanks:  # values of only spaces become missing values
        cleaned = cleaned.with_columns(
            pl.when(pl.col(c).str.len_bytes() == 0).then(None).otherwise(pl.col(c)).alias(c)
            for c in blanks)
    parsed_names = [c.name for c in present if parsers[c.name] is not None]
    if not parsed_names:
        return cleaned, {}
    distinct = cleaned.select(pl.col(n).drop_nulls().unique().implode() for n in parsed_names)
    exprs = []
    for name in cleaned.columns:
        if parsers[name] is None:
            exprs.append(pl.col(name))
            continue
        parse, dtype = parsers[name]
        mapping = {value: parse(value) for value in distinct.get_column(name)[0].to_list()}
        exprs.append(pl.col(name).replace_strict(mapping, default=None, return_dtype=dtype)
                     if mapping else pl.lit(None, dtype=dtype).alias(name))
    typed = cleaned.select(exprs)
    bad = cleaned.select((pl.col(n).is_not_null() & typed.get_column(n).is_null()).alias(n)
                         for n in parsed_names)
    return typed, {n: bad.get_column(n) for n in parsed_names}


def bad_value_message(column):
    """What is wrong with a value that did not parse, in Dutch, without the value."""
    if column.kind == "date":
        return f"geen geldige datum ({DATE_HINT})"
    if column.kind == "enum":
        return "waarde staat niet in de lijst; toegestaan: " + ", ".join(column.values)
    if column.kind == "bool":
        return "geen geldige ja/nee-waarde (ja/nee, j/n, true/false, 1/0)"
    if column.kind == "int":
        return "geen geheel getal"
    if column.kind == "number":
        return "geen getal"
    if column.kind == "spoor":
        return "geen geldig spoor (1, 2 of 3)"
    return "ongeldige waarde"


def map_thema(text, settings):
    """Canonical thema (unknown labels -> 'onbekend') and the raw label kept verbatim."""
    mapping = settings.themas
    thema = map_unique(text, lambda v: mapping.get(norm_key(v), "onbekend"), pl.String)
    return thema, text


def repeated(ids):
    """Mask of ids that occur more than once; cheap when the export is sorted by id."""
    if ids.null_count() == 0 and ids.is_sorted():
        same = ids == ids.shift(1)
        return (same | same.shift(-1)).fill_null(False)
    return ids.is_duplicated() & ids.is_not_null()


def check_values(frame, rows, source, settings, bad_masks, headers, problems):
    """Range rules per column: required, dates not impossible or future, aantal >= 1, ids."""
    today = clock.today()
    earliest = dt.date.fromisoformat(settings.vroegste_datum)
    future_ok = settings.toekomst_toegestaan.get(source.name, set())
    for column in source.columns:
        if column.name not in frame.columns:
            continue
        name = headers[column.name]
        values = frame.get_column(column.name)
        if column.required:
            missing = values.is_null()
            if column.name in bad_masks:
                missing = missing & ~bad_masks[column.name]
            problems.add_rows(rows.filter(missing), name,
                              "verplichte waarde ontbreekt")
        if column.kind == "date":
            if column.name not in future_ok:
                problems.add_rows(rows.filter(values > today), name,
                                  "datum ligt in de toekomst")
            problems.add_rows(rows.filter(values < earliest), name,
                              f"datum ligt vóór {earliest.year} en is onmogelijk")
        if column.kind == "int" and column.name == "aantal":
            problems.add_rows(rows.filter(values < 1), name, "aantal moet 1 of meer zijn")
    id_column = source.id_column
    if id_column in frame.columns:
        ids = frame.get_column(id_column)
        dup = repeated(ids)
        if dup.any():
            repeats = (pl.DataFrame({"id": ids, "rij": rows})
                       .filter(dup)
                       .with_columns(eerste=pl.col("rij").min().over("id"))
                       .filter(pl.col("rij") != pl.col("eerste"))
                       .sort("rij"))
            for rij, eerste in repeats.select("rij", "eerste").head(problems.cap).iter_rows():
                problems.add(rij, headers[id_column],
                             f"deze id staat ook in rij {eerste}; een id mag maar één keer "
                             "voorkomen")
            if repeats.height > problems.cap:
                problems.add(None, headers[id_column],
                             f"en nog {repeats.height - problems.cap} rijen met een id die "
                             "eerder in het bestand staat")
    for earlier, later in source.date_order:
        if earlier in frame.columns and later in frame.columns:
            wrong = frame.get_column(later) < frame.get_column(earlier)
            problems.add_rows(rows.filter(wrong.fill_null(False)), headers[later],
                              f"datum ligt vóór {headers[earlier]}; die volgorde is "
                              "onmogelijk")


def validate(table, source_name, settings, bestand=None):
    """Check a RawTable against the contract of a source; returns the typed frame or problems."""
    source = SOURCES[source_name]
    problems = Problems(bestand, settings.max_per_soort)
    names, has_header = header_names(table, source, settings, problems)
    found, headers = ({}, {}) if not has_header else map_headers(table, names, source, settings,
                                                                 problems)
    table, too_long, control = cell_rules(table, names, found, source, problems)
    privacy_gate(table, names, problems, control)
    if too_long:  # refused already; reading the rest would only repeat it in other words
        return Checked(None, problems.items, table.frame.height)
    rows = table.rijen
    height = table.frame.height
    frame, bad_masks = parse_columns(table, found, source, settings)
    for column in source.columns:
        if column.name in bad_masks:
            problems.add_rows(rows.filter(bad_masks[column.name]), headers[column.name],
                              bad_value_message(column))
    check_values(frame, rows, source, settings, bad_masks, headers, problems)
    if problems:
        return Checked(None, problems.items, height)
    return Checked(build_frame(frame, source, settings, height), [], height)


def build_frame(frame, source, settings, height):
    """The table's rows in contract order with defaults, thema mapped and thema_bron kept."""
    out = []
    for column in source.columns:
        dtype = POLARS_TYPES[column.kind]
        if column.name in frame.columns:
            series = frame.get_column(column.name)
        else:
            series = pl.Series(column.name, [None] * height, dtype=pl.String)
        if column.kind == "thema":
            thema, label = map_thema(series.cast(pl.String), settings)
            out.append(thema.rename(column.name))
            out.append(label.rename("thema_bron"))
            continue
        default = settings.gemeente if column.name == "gemeente" else column.default
        if default is not None:
            series = series.cast(dtype).fill_null(default)
        out.append(series.cast(dtype).rename(column.name))
    return pl.DataFrame(out)
