"""The data contract of design.md: sources, tables, columns, enums and the DDL built from them.

Every enum is a dict from value to its one Dutch label, in the order pages and reports list
the values; dashboard.labels reads the labels from here and nowhere else.
"""

import re
from dataclasses import dataclass, field

THEMAS = {
    "drugs": "Drugs", "fraude": "Fraude", "zorgfraude": "Zorgfraude", "witwassen": "Witwassen",
    "mensenhandel": "Mensenhandel", "illegaal_verblijf": "Illegaal verblijf", "heling": "Heling",
    "cybercrime": "Cybercrime", "vastgoed": "Vastgoed", "overig": "Overig", "onbekend": "Onbekend",
}
BRONNEN = {
    "meld_misdaad_anoniem": "Meld Misdaad Anoniem", "politie": "Politie", "gemeente": "Gemeente",
    "inwoner": "Inwoner", "ondernemer": "Ondernemer", "riec": "RIEC",
    "ketenpartner": "Ketenpartner", "anders": "Anders",
}
STATUSSEN = {"nieuw": "Nieuw", "in_onderzoek": "In onderzoek", "interventie": "Interventie",
             "afgesloten": "Afgesloten", "doorgezet": "Doorgezet"}
VERVOLGEN = {"geen": "Geen vervolg", "bronnenonderzoek": "Bronnenonderzoek",
             "bestuursrechtelijk": "Bestuursrechtelijk", "strafrechtelijk": "Strafrechtelijk",
             "zorg_en_veiligheid": "Zorg en veiligheid", "riec": "RIEC", "anders": "Anders"}
INSTRUMENTEN = {
    "opiumwet_13b_sluiting": "Sluiting (art. 13b Opiumwet)",
    "last_onder_dwangsom": "Last onder dwangsom",
    "apv_straathandel": "APV-maatregel straathandel",
    "bibob_onderzoek": "Bibob-onderzoek",
    "registercontrole_dol_dor": "Registercontrole DOL/DOR",
    "bestuurlijke_waarschuwing": "Bestuurlijke waarschuwing",
    "bestuurlijke_boete": "Bestuurlijke boete",
    "anders": "Anders",
}
DOMEINEN = {
    "exploitatievergunning": "Exploitatievergunning", "vastgoed": "Vastgoed (gemeentelijk)",
    "omgevingsvergunning": "Omgevingsvergunning", "subsidie": "Subsidie",
    "aanbesteding": "Aanbesteding", "sociaal_domein": "Sociaal domein", "anders": "Anders",
}
BRANCHES = {
    "goud_en_sieraden": "Goud en sieraden", "telefoons_en_elektronica": "Telefoons en elektronica",
    "fietsen": "Fietsen", "tweedehands_algemeen": "Tweedehands algemeen", "anders": "Anders",
}
VOORTGANG = {"niet_gestart": "Niet gestart", "in_voorbereiding": "In voorbereiding",
             "loopt": "Loopt", "afgerond": "Afgerond", "vertraagd": "Vertraagd",
             "geschrapt": "Geschrapt"}
SPOREN = {1: "Bewustwording & weerbaarheid", 2: "Aanpakken", 3: "Voorkomen"}

# How the semantic layer counts handhaving (data_pipeline.staging hands these to SQL): a
# bestuurlijke maatregel imposes something; a Bibob investigation or a register check is
# investigation, not a measure.
INSTRUMENT_SOORT = {
    "opiumwet_13b_sluiting": "maatregel", "last_onder_dwangsom": "maatregel",
    "apv_straathandel": "maatregel", "bestuurlijke_waarschuwing": "maatregel",
    "bestuurlijke_boete": "maatregel", "anders": "maatregel",
    "bibob_onderzoek": "bibob", "registercontrole_dol_dor": "registercontrole",
}
# The vervolgen by which the LOO sets an intervention in motion (the rest: no intervention).
INTERVENTIE_VERVOLGEN = ("bestuursrechtelijk", "strafrechtelijk", "zorg_en_veiligheid", "riec")


@dataclass(frozen=True)
class Column:
    """One column of a source: its kind decides how a raw value is parsed."""

    name: str
    kind: str  # text | date | enum | thema | bool | int | number | spoor
    required: bool = False
    values: tuple = ()
    default: object = None


@dataclass(frozen=True)
class Source:
    """One export: the table it fills, its id column and its date rules."""

    name: str
    table: str
    id_column: str
    date_column: str
    columns: tuple
    date_order: tuple = field(default_factory=tuple)  # (earlier, later) pairs
    label: str = ""  # Dutch, as pages and reports name the source
    events: bool = True  # rows are dated events (the plan's rows are goals, not events)

    @property
    def column_names(self):
        return [c.name for c in self.columns]

    def column(self, name):
        return next(c for c in self.columns if c.name == name)


def _c(name, kind="text", required=False, values=(), default=None):
    return Column(name, kind, required, tuple(values), default)


SOURCES = {
    "signalen": Source(
        "signalen", "signalen", "signaal_id", "datum_ontvangst",
        (
            _c("signaal_id", required=True),
            _c("datum_ontvangst", "date", True),
            _c("bron", "enum", True, BRONNEN),
            _c("thema", "thema", True),
            _c("status", "enum", True, STATUSSEN),
            _c("wijk"),
            _c("gebied"),
            _c("datum_besproken_loo", "date"),
            _c("datum_afgesloten", "date"),
            _c("vervolg", "enum", False, VERVOLGEN),
            _c("subject_pseudoniem"),
            _c("gemeente"),
        ),
        (("datum_ontvangst", "datum_afgesloten"), ("datum_ontvangst", "datum_besproken_loo")),
        "Signalen",
    ),
    "m_meldingen": Source(
        "m_meldingen", "m_meldingen", "melding_id", "datum_ontvangst",
        (
            _c("melding_id", required=True),
            _c("datum_ontvangst", "date", True),
            _c("thema", "thema", True),
            _c("wijk"),
            _c("gekoppeld_signaal_id"),
            _c("gemeente"),
        ),
        label="M-meldingen",
    ),
    "handhaving": Source(
        "handhaving", "handhaving", "actie_id", "datum",
        (
            _c("actie_id", required=True),
            _c("datum", "date", True),
            _c("instrument", "enum", True, INSTRUMENTEN),
            _c("thema", "thema"),
            _c("domein", "enum", False, DOMEINEN),
            _c("uitkomst"),
            _c("signaal_id"),
            _c("subject_pseudoniem"),
            _c("wijk"),
            _c("gemeente"),
        ),
        label="Handhaving & Bibob",
    ),
    "dol_registraties": Source(
        "dol_registraties", "dol_registraties", "registratie_id", "datum_registratie",
        (
            _c("registratie_id", required=True),
            _c("datum_registratie", "date", True),
            _c("opkoper_pseudoniem", required=True),
            _c("branche", "enum", True, BRANCHES),
            _c("datum_aankoop", "date"),
            _c("goederencategorie"),
            _c("aantal", "int", default=1),
            _c("gestolen_match", "bool"),
            _c("wijk"),
            _c("gemeente"),
        ),
        (("datum_aankoop", "datum_registratie"),),
        "DOL-registraties",
    ),
    "uitvoeringsplan": Source(
        "uitvoeringsplan", "plan_doelen", "doel_id", "startdatum",
        (
            _c("doel_id", required=True),
            _c("jaar", "int", True),
            _c("spoor", "spoor", True, (1, 2, 3)),
            _c("wat", required=True),
            _c("doel", required=True),
            _c("partners"),
            _c("status"),
            _c("voortgang", "enum", False, VOORTGANG),
            _c("startdatum", "date"),
            _c("einddatum", "date"),
            _c("indicator"),
            _c("doelwaarde", "number"),
            _c("gemeente"),
        ),
        (("startdatum", "einddatum"),),
        "Uitvoeringsplan", events=False,
    ),
}

SQL_TYPES = {"text": "varchar", "date": "date", "enum": "varchar", "thema": "varchar",
             "bool": "boolean", "int": "integer", "number": "double", "spoor": "integer"}

# The longest value (in characters) a cell may hold, per column kind. A longer value is no export
# value but a mistake or an attack (a 45 MB cell): the loader refuses the file before any other
# check reads it. Free text (the plan's texts, an outcome) gets room for a paragraph.
MAX_TEKENS = {"text": 200, "date": 40, "enum": 200, "thema": 200, "bool": 20, "int": 30,
              "number": 40, "spoor": 100}
MAX_VRIJE_TEKST = 2000
MAX_KOLOMNAAM = 200
# The free-text columns: the only ones where a tab or a line break may stand inside a value
# (design.md: partners are separated by ';' or newlines).
VRIJE_TEKST = frozenset({"wat", "doel", "partners", "status", "uitkomst"})


def max_tekens(column):
    """The longest value allowed in a contract column (None: a column outside the contract)."""
    if column is None or column.name in VRIJE_TEKST:
        return MAX_VRIJE_TEKST
    return MAX_TEKENS[column.kind]


def table_ddl(source):
    """The create-table statement of one source: contract columns, thema_bron, load_id."""
    cols = []
    for c in source.columns:
        cols.append(f"{c.name} {SQL_TYPES[c.kind]}")
        if c.kind == "thema":
            cols.append("thema_bron varchar")
    cols.append("load_id bigint")
    # No primary-key index: ids are checked unique per file and the loader upserts by id, and
    # DuckDB's index costs about 0.5 s per million rows on load and memory at district scale.
    return f"create table if not exists {source.table} (\n    " + ",\n    ".join(cols) + "\n)"


LEDGER_TABLE = "load_ledger"

LEDGER_DDL = """create table if not exists load_ledger (
    load_id bigint primary key,
    bestand varchar not null,
    sha256 varchar not null,
    bron varchar,
    gestart timestamp not null,
    beeindigd timestamp,
    uitkomst varchar not null,
    gelezen bigint default 0,
    ingevoegd bigint default 0,
    bijgewerkt bigint default 0,
    ongewijzigd bigint default 0,
    redenen varchar,
    gemeente varchar
)"""
# A ledger from before district mode gets the column (its rows: the configured gemeente, as the
# staging view reads them); the gemeente a file was loaded for, so each gemeente sees its own.
LEDGER_UPGRADE = "alter table load_ledger add column if not exists gemeente varchar"


def all_ddl():
    """Every create statement, ledger first."""
    return [LEDGER_DDL, LEDGER_UPGRADE] + [table_ddl(s) for s in SOURCES.values()]


# SQL can bind values but not table or column names, so the DDL and the loader's upsert write
# these names into their statements. Only the contract's own names go there, and they must be
# plain lower-case identifiers: checked here, once, when the contract is imported.
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")


def identifiers():
    """Every table and column name that the DDL and the loader write into SQL text."""
    names = set()
    for source in SOURCES.values():
        names |= {source.table, source.id_column, "thema_bron", "load_id"}
        names |= {c.name for c in source.columns}
    return names


_unsafe = sorted(n for n in identifiers() if not IDENTIFIER.fullmatch(n))
if _unsafe:
    raise ValueError(f"contract: geen gewone SQL-namen: {_unsafe}")
