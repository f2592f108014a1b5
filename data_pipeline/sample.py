"""Seeded synthetic exports of Wassenaar, 2024 to October 2026, that reproduce the 2025 figures,
and of its three district partners (write_district), each plausible for its size.

How the figures stay exact: every count the reference document reports (signals, M-meldingen per
thema, measures per instrument, Bibob per domein) is fixed in the tables below and multiplied by
the scale; randomness only decides dates, wijken, sources, outcomes and pseudonyms, within bounds
that keep each record in its year (a signal that leads to a measure arrives early enough for the
measure to fall in the same year). Each part draws from its own seeded stream, and generation is
vectorised with numpy and polars (scale 1000, about 10 million DOL rows, takes about a minute).
"""

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

from data_pipeline.contract import SOURCES

GEMEENTE = "Wassenaar"
EERSTE_DAG = dt.date(2024, 1, 1)
LAATSTE_DAG = dt.date(2026, 10, 31)  # the exports were taken at the end of October 2026
JAREN = (2024, 2025, 2026)
MELDPUNT_ZORGFRAUDE = dt.date(2025, 6, 1)  # zorgfraude signals only from this date
EERSTE_REGISTERCONTROLE = dt.date(2026, 3, 2)  # DOL/DOR register checks start in 2026
MAANDELIJKS_LOO_VANAF = 2025  # before 2025 the LOO met every other month

BESTANDEN = {
    "signalen": "signalen_2024-2026.csv",
    "m_meldingen": "m_meldingen_2024-2026.csv",
    "handhaving": "handhaving_2024-2026.csv",
    "dol_registraties": "dol_registraties_2024-2026.csv",
    "uitvoeringsplan": "uitvoeringsplan_2026.csv",
}

# The M-meldingen export uses the headers of the Meld Misdaad Anoniem portal.
M_KOPPEN = {
    "melding_id": "Melding ID", "datum_ontvangst": "Datum ontvangst", "thema": "Thema",
    "wijk": "Wijk", "gekoppeld_signaal_id": "Gekoppeld signaal ID", "gemeente": "Gemeente",
}
M_THEMA_LABELS = {
    "drugs": "Drugs", "fraude": "Fraude", "witwassen": "Witwassen",
    "illegaal_verblijf": "Illegaal verblijf", "mensenhandel": "Mensenhandel",
    "heling": "Heling", "zorgfraude": "Zorgfraude", "overig": "Overig",
}

WIJKEN = {
    "Centrum": 0.14, "Oostdorp": 0.13, "Rijksdorp": 0.09, "Kerkehout": 0.12, "De Kieviet": 0.10,
    "Duinrell": 0.08, "Wassenaar-Zuid": 0.15, "Wassenaarse Slag": 0.06,
    "Maaldrift/buitengebied": 0.05,
}
GEBIED_WIJK = {
    "centrum": ("Centrum",),
    "buitengebied": ("Maaldrift/buitengebied",),
    "opslagboxen": ("Wassenaar-Zuid", "Maaldrift/buitengebied"),
}

# Mild seasonality: a summer dip and an autumn peak (index 0 = January).
MAAND_SIGNALEN = (0.9, 0.9, 1.0, 1.0, 1.1, 1.0, 0.8, 0.7, 1.1, 1.2, 1.1, 0.9)
FEESTDAGEN = (101, 427, 1225, 1226)  # month * 100 + day
WEEKDAG_KANTOOR = (1.0, 1.0, 1.0, 1.0, 0.9, 0.15, 0.1)  # Monday first
WEEKDAG_BESLUIT = (1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0)  # decisions of the mayor and the college
WEEKDAG_MELDLIJN = (1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 0.8)  # M is reachable 24/7
WEEKDAG_WINKEL = (1.0, 1.0, 1.0, 1.0, 1.1, 1.3, 0.15)

# M-meldingen per year: (count, thema, registered as a signal, instrument on that signal).
MELDINGEN = {
    2024: [(5, "drugs", True, None), (1, "drugs", True, "last_onder_dwangsom"),
           (3, "fraude", True, None), (2, "witwassen", True, None),
           (1, "illegaal_verblijf", True, None), (1, "mensenhandel", True, None),
           (1, "heling", True, None),
           (2, "drugs", False, None), (1, "fraude", False, None), (1, "overig", False, None)],
    # 2025: 18 meldingen, 9 drug-related, the rest fraude, witwassen and illegaal verblijf;
    # every one registered as a signal, so each counts once in "signalen en meldingen".
    2025: [(8, "drugs", True, None), (1, "drugs", True, "last_onder_dwangsom"),
           (4, "fraude", True, None), (3, "witwassen", True, None),
           (2, "illegaal_verblijf", True, None)],
    2026: [(7, "drugs", True, None), (2, "fraude", True, None), (1, "witwassen", True, None),
           (1, "illegaal_verblijf", True, None), (1, "mensenhandel", True, None),
           (1, "zorgfraude", True, None), (1, "heling", True, None),
           (1, "drugs", False, None), (1, "fraude", False, None)],
}

# Signals from other sources per year: (count, thema, gebied, instrument on that signal).
SIGNALEN = {
    2024: [(2, "drugs", None, "opiumwet_13b_sluiting"), (2, "drugs", None, "last_onder_dwangsom"),
           (1, "drugs", "centrum", "apv_straathandel"), (1, "drugs", None, None),
           (2, "fraude", None, None), (2, "witwassen", None, None),
           (1, "mensenhandel", None, None), (1, "heling", "opslagboxen", None),
           (1, "heling", None, None), (1, "cybercrime", "centrum", None),
           (1, "vastgoed", None, None), (1, "overig", "centrum", None)],
    # 2025: 24 signals; with the 18 M-meldingen 42 "signalen en meldingen".
    2025: [(1, "drugs", None, "opiumwet_13b_sluiting"),
           (2, "drugs", "centrum", "apv_straathandel"), (1, "drugs", None, "apv_straathandel"),
           (1, "drugs", "buitengebied", None), (2, "drugs", None, None),
           (3, "fraude", None, None), (3, "zorgfraude", None, None),
           (2, "witwassen", None, None), (2, "mensenhandel", None, None),
           (1, "heling", "centrum", None), (1, "heling", "opslagboxen", None),
           (1, "cybercrime", "centrum", None), (1, "vastgoed", "buitengebied", None),
           (1, "vastgoed", None, None), (1, "overig", "buitengebied", None),
           (1, "overig", None, None)],
    2026: [(1, "drugs", None, "opiumwet_13b_sluiting"), (2, "drugs", None, "last_onder_dwangsom"),
           (2, "drugs", "centrum", "apv_straathandel"), (1, "drugs", None, "apv_straathandel"),
           (1, "drugs", "buitengebied", None), (2, "fraude", None, None),
           (4, "zorgfraude", None, None), (1, "witwassen", "opslagboxen", None),
           (1, "witwassen", None, None), (2, "mensenhandel", None, None),
           (2, "heling", "opslagboxen", None), (2, "heling", None, None),
           (1, "cybercrime", "centrum", None), (2, "vastgoed", None, None),
           (1, "overig", "buitengebied", None), (1, "overig", None, None)],
}

# APV measures against street dealers that did not start from a signal in the LOO.
APV_LOS = {2024: 5, 2025: 6, 2026: 4}
# Bibob investigations per domein; from 2026 the organisation-wide pilot.
BIBOB = {
    2024: {"exploitatievergunning": 7, "vastgoed": 1},
    2025: {"exploitatievergunning": 9, "vastgoed": 2},
    2026: {"exploitatievergunning": 8, "omgevingsvergunning": 4, "aanbesteding": 2,
           "subsidie": 2, "vastgoed": 2, "sociaal_domein": 1},
}
BIBOB_THEMA = {"exploitatievergunning": "witwassen", "vastgoed": "vastgoed",
               "omgevingsvergunning": "vastgoed", "aanbesteding": "fraude",
               "subsidie": "fraude", "sociaal_domein": "zorgfraude"}
REGISTERCONTROLES = {2026: 14}

BRONNEN_OVERIG = {"politie": 0.36, "gemeente": 0.2, "inwoner": 0.14, "ondernemer": 0.1,
                  "riec": 0.1, "ketenpartner": 0.08, "anders": 0.02}
VERVOLG_OVERIG = {"geen": 0.25, "bronnenonderzoek": 0.36, "strafrechtelijk": 0.13,
                  "zorg_en_veiligheid": 0.13, "riec": 0.08, "anders": 0.05}
# Days from the meeting to closing, per vervolg: (low, high).
DUUR_VERVOLG = {"geen": (0, 8), "bronnenonderzoek": (20, 150), "strafrechtelijk": (0, 15),
                "zorg_en_veiligheid": (30, 200), "riec": (0, 15), "anders": (10, 90)}
UITKOMST = {
    "opiumwet_13b_sluiting": {"woning gesloten voor 3 maanden": 0.6,
                              "woning gesloten voor 6 maanden": 0.3,
                              "bedrijfspand gesloten voor 3 maanden": 0.1},
    "last_onder_dwangsom": {"last opgelegd": 0.5, "last opgelegd, niet verbeurd": 0.3,
                            "dwangsom verbeurd": 0.2},
    "apv_straathandel": {"gebiedsverbod 3 maanden": 0.5, "gebiedsverbod 6 maanden": 0.2,
                         "verwijderingsbevel": 0.3},
    "bibob_onderzoek": {"geen bezwaar": 0.74, "vergunning onder voorwaarden": 0.14,
                        "weigering": 0.06, "aanvraag ingetrokken": 0.06},
    "registercontrole_dol_dor": {"geen overtreding": 0.7, "waarschuwing": 0.25,
                                 "proces-verbaal": 0.05},
}

# DOL/DOR: registrations per year at scale 1 (2026 up to October).
DOL_PER_JAAR = {2024: 3300, 2025: 3600, 2026: 3050}
# Per branche: number of opkopers, share of registrations, goods, monthly pattern, stolen rate.
DOL_BRANCHES = {
    "goud_en_sieraden": (6, 0.22, {"ringen": 0.3, "kettingen": 0.2, "armbanden": 0.12,
                                   "horloges": 0.15, "oud goud": 0.15, "munten": 0.08},
                         (0.9, 0.9, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 1.2, 1.5), 0.003),
    "telefoons_en_elektronica": (7, 0.34, {"smartphones": 0.45, "tablets": 0.15,
                                           "laptops": 0.18, "spelcomputers": 0.12,
                                           "camera's": 0.1},
                                 (1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.0, 1.1, 1.3),
                                 0.002),
    "fietsen": (5, 0.2, {"e-bikes": 0.4, "stadsfietsen": 0.35, "racefietsen": 0.12,
                         "kinderfietsen": 0.13},
                (0.5, 0.6, 0.9, 1.3, 1.5, 1.5, 1.4, 1.3, 1.2, 0.9, 0.6, 0.5), 0.004),
    "tweedehands_algemeen": (8, 0.19, {"gereedschap": 0.3, "audio": 0.2, "antiek": 0.15,
                                       "huishoudelijk": 0.2, "kleding": 0.15},
                             (1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0),
                             0.001),
    "anders": (5, 0.05, {"muziekinstrumenten": 0.4, "kunst": 0.3, "overig": 0.3},
               (1.0,) * 12, 0.001),
}
OPKOPER_WIJK = {"Centrum": 0.45, "Oostdorp": 0.15, "Wassenaar-Zuid": 0.2, "Kerkehout": 0.1,
                "Maaldrift/buitengebied": 0.1}

# The six goals of the uitvoeringsplan 2026, worded as in the plan; partners split by ';'.
# voortgang is the state at the export date: the last update in plan_voortgang_2026.jsonl.
PLAN_2026 = [
    (1, "Interne training zorgfraude bij sociaal domein",
     "Alertheid op signalen binnen aanvragen voor zorgbeschikkingen verhogen",
     "Contractmanagement sociaal domein; Kwaliteit sociaal domein; "
     "Toezichthouder sociaal domein",
     "Vorbereiding reeds gestart", "afgerond", "2026-01-01", "2026-12-31",
     "signalen_zorgfraude", 6),
    (1, "Districtelijke bijeenkomst mensenhandel bij COA's",
     "Alertheid en meldingsbereidheid op signalen van mensenhandel binnen COA-locaties "
     "verhogen",
     "COA Duinrell; Gemeente Leidschendam-Voorburg; Gemeente Pijnacker-Nootdorp; "
     "Gemeente Zoetermeer; RSIV; HEIT; SHOP",
     "Eerste overleggen volgen in 2026", "vertraagd", "2026-03-01", "2026-12-31",
     "signalen_mensenhandel", 4),
    (2, "Opstelling en implementatie privacyprotocol ondermijningsaanpak",
     "Advies uit DPIA opvolgen en verwerking persoonsgegevens juridisch en beleidsmatig "
     "borgen",
     "Privacy-officer; ICT; Politie",
     "Vorbereiding reeds gestart", "afgerond", "2026-01-01", "2026-12-31", None, None),
    (2, "Gerichte gesprekken en controles toezicht en handhaving DOL DOR",
     "Op basis van districtelijke samenwerking gezamenlijk uitvoering geven aan toezicht en "
     "handhaving op DOL en DOR",
     "Politie; Gemeente Leidschendam-Voorburg; Gemeente Pijnacker-Nootdorp; "
     "Gemeente Zoetermeer",
     "Eerste gesprekken in 2025 geweest", "loopt", "2026-01-01", "2026-12-31",
     "registercontroles_dol_dor", 16),
    (3, "Pilot organisatiebrede toepassing Wet Bibob",
     "Onderzoeken hoeveel uren en structurele middelen nodig zijn om op Wassenaarse schaal "
     "een Bibob-coördinator in de organisatie te borgen",
     "Casemanagement Omgevingswet; APV vergunningverlening; Sociaal domein (subsidies & zorg); "
     "Vastgoed; Financiën (inkoop & aanbesteding)",
     "Start januari 2026", "loopt", "2026-01-01", "2026-12-31", "bibob_onderzoeken", 24),
    (3, "Samenwerking HR uitrol integriteitsbeleid",
     "De thema's integriteit en weerbaarheid met elkaar te verbinden in bewustzijn, alertheid "
     "en normering",
     "HR",
     "Start 2026", "loopt", "2026-01-01", "2026-12-31", None, None),
]

HEX = np.array(list("0123456789ABCDEF"))

# The district partners: file-name prefix (config/gemeenten.yaml), the prefix of every id and
# pseudonym (so no record of one gemeente looks like another's), volumes as a whole multiple
# of Wassenaar's (about their population ratio: 78.500, 58.000 and 128.000 against 27.200
# inhabitants in 2025), a seed offset, and the wijken that stand in for Wassenaar's WIJKEN in
# their order (first the centre, last the buitengebied).
DISTRICT_MAP = "district"
DISTRICT = {
    "Leidschendam-Voorburg": ("leidschendam_voorburg", "LVB", 3, 1, (
        "Leidschendam-Centrum", "Voorburg-Noord", "Voorburg-West", "Damsigt", "Prinsenhof",
        "Leidsenhage", "Voorburg-Midden", "Essesteijn", "Stompwijk/buitengebied")),
    "Pijnacker-Nootdorp": ("pijnacker_nootdorp", "PNN", 2, 2, (
        "Pijnacker-Centrum", "Nootdorp-Centrum", "Delfgauw", "Keijzershof", "Klapwijk",
        "Koningshof", "Ackerswoude", "Emerald", "Polder/buitengebied")),
    "Zoetermeer": ("zoetermeer", "ZTM", 5, 3, (
        "Centrum", "Meerzicht", "Driemanspolder", "Palenstein", "Buytenwegh", "De Leyens",
        "Seghwaert", "Rokkeveen", "Bentwoud/buitengebied")),
}
# The columns that hold an id or a pseudonym, per source.
KENMERKEN = {
    "signalen": ("signaal_id", "subject_pseudoniem"),
    "m_meldingen": ("melding_id", "gekoppeld_signaal_id"),
    "handhaving": ("actie_id", "signaal_id", "subject_pseudoniem"),
    "dol_registraties": ("registratie_id", "opkoper_pseudoniem"),
}


def write_sample(out_dir, scale=1, seed=2026):
    """Write the five synthetic exports into out_dir and return their paths."""
    if int(scale) != scale or scale < 1:
        raise ValueError(f"De schaal moet een geheel getal van 1 of meer zijn, niet {scale}.")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = build(int(scale), seed)
    paths = []
    for source, frame in tables.items():
        path = out_dir / BESTANDEN[source]
        _write(source, frame, path)
        paths.append(path)
    return paths


def district_bestand(source, gemeente):
    """The file name of a district partner's export: its file-name prefix, then the source."""
    return f"{DISTRICT[gemeente][0]}_{BESTANDEN[source]}"


def write_district(out_dir, scale=1, seed=2026, gelijk=False):
    """Write the exports of the three district partners into out_dir/district (no plan: each
    gemeente has its own) with a SHA256SUMS beside them; returns their paths.

    gelijk: every gemeente at the same scale (benchmarks) instead of by population."""
    import hashlib

    folder = Path(out_dir) / DISTRICT_MAP
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for gemeente in DISTRICT:
        for source, frame in build_gemeente(gemeente, scale, seed, gelijk).items():
            path = folder / district_bestand(source, gemeente)
            _write(source, frame, path)
            paths.append(path)
    sums = "".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in paths)
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return paths


def build_gemeente(gemeente, scale=1, seed=2026, gelijk=False):
    """A district partner's four event exports: Wassenaar's generator at a multiple of its
    volumes and another seed, with the partner's wijken, ids, pseudonyms and name."""
    _prefix, kenmerk, factor, offset, wijken = DISTRICT[gemeente]
    tables = build(scale * (1 if gelijk else factor), seed + offset)
    wijk = dict(zip(WIJKEN, wijken))  # OPKOPER_WIJK names wijken of WIJKEN only
    out = {}
    for source, kolommen in KENMERKEN.items():
        frame = tables[source].with_columns(
            [(pl.lit(f"{kenmerk}-") + pl.col(k)).alias(k) for k in kolommen]
            + [pl.col("wijk").replace(wijk), pl.lit(gemeente).alias("gemeente")])
        out[source] = frame
    return out


def build(scale=1, seed=2026):
    """The five exports as polars DataFrames with contract column names, keyed by source."""
    # one independent stream per part, so that changing one part leaves the others as they were
    rng_opk, rng_sig, rng_hh, rng_dol = (np.random.default_rng(s)
                                         for s in np.random.SeedSequence(seed).spawn(4))
    opkopers = _opkopers(rng_opk)
    signalen, meldingen, gekoppeld = _signalen_en_meldingen(rng_sig, scale)
    handhaving = _handhaving(rng_hh, scale, gekoppeld, signalen, opkopers)
    dol = _dol(rng_dol, scale, opkopers)
    return {
        "signalen": signalen.select(SOURCES["signalen"].column_names),
        "m_meldingen": meldingen.select(SOURCES["m_meldingen"].column_names),
        "handhaving": handhaving.select(SOURCES["handhaving"].column_names),
        "dol_registraties": dol.select(SOURCES["dol_registraties"].column_names),
        "uitvoeringsplan": _plan().select(SOURCES["uitvoeringsplan"].column_names),
    }


# ---------------------------------------------------------------------------------------------
# small helpers


def _text(*args):
    """A polars String series ([name,] values) from a list or numpy array that may hold None."""
    name, values = args if len(args) == 2 else ("", args[0])
    if isinstance(values, np.ndarray):
        values = values.tolist()
    return pl.Series(name, values, dtype=pl.String)


def _d64(day):
    """A date as numpy datetime64[D]."""
    return np.datetime64(day, "D")


def _pick(rng, weights, n):
    """n draws from a {value: weight} dict, as a numpy object array."""
    keys = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _days(rng, n, start, end, months=None, weekdays=None):
    """n days in [start, end] drawn with monthly and weekday weights (datetime64[D])."""
    days = np.arange(_d64(start), _d64(end) + 1)
    w = np.ones(len(days))
    if months is not None:
        w *= np.asarray(months)[days.astype("datetime64[M]").astype(np.int64) % 12]
    if weekdays is not None:
        w *= np.asarray(weekdays)[(days.astype(np.int64) + 3) % 7]  # 1970-01-01 was a Thursday
        # New Year, King's Day and Christmas: offices and most shops are closed
        maand = days.astype("datetime64[M]")
        dag = (days - maand.astype("datetime64[D]")).astype(np.int64) + 1
        w[np.isin((maand.astype(np.int64) % 12 + 1) * 100 + dag, FEESTDAGEN)] *= 0.1
    return days[rng.choice(len(days), size=n, p=w / w.sum())]


def _days_between(rng, starts, ends, months=None, weekdays=None):
    """One day per row between its own start and end, drawn per distinct (start, end)."""
    out = np.empty(len(starts), dtype="datetime64[D]")
    pairs = np.stack([starts.astype(np.int64), ends.astype(np.int64)], axis=1)
    for start, end in np.unique(pairs, axis=0):
        mask = (pairs[:, 0] == start) & (pairs[:, 1] == end)
        out[mask] = _days(rng, int(mask.sum()), np.datetime64(int(start), "D"),
                          np.datetime64(int(end), "D"), months, weekdays)
    return out


def _werkdag(days, nearest=False):
    """Each day, or the Monday after it in a weekend (nearest: a Saturday becomes Friday)."""
    dow = (days.astype("datetime64[D]").astype(np.int64) + 3) % 7
    saturday = -1 if nearest else 2
    return days + np.where(dow == 5, saturday, np.where(dow == 6, 1, 0)).astype("m8[D]")


def _werkdag_terug(day):
    """The day, or the Friday before it when it falls in a weekend."""
    dow = (_d64(day).astype(np.int64) + 3) % 7
    return _d64(day) - np.timedelta64(max(0, dow - 4), "D")


def _jaar_einde(jaar):
    """The last day of a year that the exports cover."""
    return min(dt.date(jaar, 12, 31), LAATSTE_DAG)


def _expand(spec, scale):
    """A list of (count, *fields) to one array per field, each row repeated count * scale."""
    counts = np.array([row[0] * scale for row in spec])
    return [np.repeat(np.array([row[i] for row in spec], dtype=object), counts)
            for i in range(1, len(spec[0]))]


def _pseudoniemen(rng, n, prefix="P-"):
    """n distinct pseudonyms like P-3F9A21, none shaped like a postcode (1234AB)."""
    codes = rng.choice(16 ** 6, size=int(n * 1.2) + 20, replace=False)
    digits = (codes[:, None] >> np.arange(20, -1, -4)) & 15
    text = np.ascontiguousarray(HEX[digits]).view("<U6").ravel()
    postcode_like = (digits[:, :4] < 10).all(axis=1) & (digits[:, 4:] >= 10).all(axis=1)
    return np.char.add(prefix, text[~postcode_like][:n]).astype(object)


def _ids(prefix, jaren, width_min):
    """Ids like SIG-2025-0042: numbered per year in the current row order."""
    frame = pl.DataFrame({"jaar": jaren})
    n_max = frame.group_by("jaar").len()["len"].max() or 0
    width = max(width_min, len(str(n_max)))
    nummer = pl.int_range(1, pl.len() + 1).over("jaar")
    return frame.select(
        pl.format(prefix + "-{}-{}", pl.col("jaar"), nummer.cast(pl.String).str.zfill(width))
    ).to_series()


def loo_vergaderingen():
    """LOO meeting days: the second Tuesday of every other month in 2024, monthly from 2025."""
    days = []
    for jaar in range(EERSTE_DAG.year, LAATSTE_DAG.year + 2):
        for maand in range(1, 13):
            if jaar < MAANDELIJKS_LOO_VANAF and maand % 2 == 0:
                continue
            first = dt.date(jaar, maand, 1)
            days.append(first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7))
    return np.array([d for d in days if d <= LAATSTE_DAG], dtype="datetime64[D]")


# ---------------------------------------------------------------------------------------------
# signalen and M-meldingen


def _signalen_en_meldingen(rng, scale):
    """Signals, M-meldingen and the signals that led to a measure (for handhaving)."""
    sig_parts, mel_parts = [], []
    offset = 0
    for jaar in JAREN:
        mel, sig_mma = _meldingen_jaar(rng, scale, jaar, offset)
        offset += mel.height
        mel_parts.append(mel)
        sig_parts.extend([sig_mma, _signalen_jaar(rng, scale, jaar)])
    signalen = pl.concat(sig_parts, how="vertical").with_row_index("_k")
    signalen = _afhandeling(rng, signalen)
    subjects = _pseudoniemen(rng, signalen.height * 3)
    pool = max(1, signalen.height * 3)  # about one in seven subjects returns in a later signal
    subject = subjects[rng.integers(0, pool, signalen.height)]
    zonder = (rng.random(signalen.height) < 0.15) & signalen["instrument"].is_null().to_numpy()
    subject[zonder] = None
    signalen = signalen.with_columns(_text("subject_pseudoniem", subject))
    signalen = signalen.sort(["datum_ontvangst", "_k"])
    signalen = signalen.with_columns(
        _ids("SIG", signalen["datum_ontvangst"].dt.year(), 4).alias("signaal_id"),
        pl.lit(GEMEENTE).alias("gemeente"),
    )
    sleutel = signalen.select("_mel", "signaal_id").drop_nulls("_mel")
    meldingen = pl.concat(mel_parts, how="vertical")
    meldingen = meldingen.join(sleutel, on="_mel", how="left").sort(["datum_ontvangst", "_mel"])
    meldingen = meldingen.with_columns(
        _ids("M", meldingen["datum_ontvangst"].dt.year(), 4).alias("melding_id"),
        pl.col("signaal_id").alias("gekoppeld_signaal_id"),
        pl.lit(GEMEENTE).alias("gemeente"),
    )
    gekoppeld = signalen.filter(pl.col("instrument").is_not_null())
    return signalen, meldingen, gekoppeld


def _meldingen_jaar(rng, scale, jaar, offset):
    """One year of M-meldingen and the signals registered from them (bron meld_misdaad_anoniem)."""
    thema, linked, instrument = _expand(MELDINGEN[jaar], scale)
    n = len(thema)
    start = np.full(n, _d64(dt.date(jaar, 1, 1)))
    # two days' room so that the signal registered from it falls in the same year
    end = np.full(n, _d64(_jaar_einde(jaar)) - 2)
    end[instrument != None] = _d64(_laatste_met_maatregel(jaar))  # noqa: E711
    zorg = thema == "zorgfraude"
    start[zorg] = np.maximum(start[zorg], _d64(MELDPUNT_ZORGFRAUDE))
    datum = _days_between(rng, start, end, MAAND_SIGNALEN, WEEKDAG_MELDLIJN)
    wijk = _pick(rng, WIJKEN, n)
    wijk[rng.random(n) < 0.2] = None  # anonymous reports often lack a location
    keys = np.arange(offset, offset + n, dtype=np.int64)
    mel = pl.DataFrame({
        "datum_ontvangst": datum,
        "thema": _text([M_THEMA_LABELS[t] for t in thema]),
        "wijk": _text(wijk),
        "_mel": keys,
    })
    link = linked.astype(bool)
    k = int(link.sum())
    sig_wijk = wijk[link].copy()
    leeg = sig_wijk == None  # noqa: E711
    sig_wijk[leeg] = _pick(rng, WIJKEN, int(leeg.sum()))
    # the regisseur registers it as a signal on a working day within a few days
    registratie = _werkdag(datum[link] + rng.integers(0, 3, k).astype("m8[D]"))
    registratie = np.minimum(registratie, _werkdag_terug(_jaar_einde(jaar)))
    sig = pl.DataFrame({
        "datum_ontvangst": registratie,
        "bron": _text(["meld_misdaad_anoniem"] * k),
        "thema": _text(thema[link]),
        "gebied": _text([None] * k),
        "wijk": _text(sig_wijk),
        "instrument": _text(instrument[link]),
        "_mel": pl.Series(keys[link], dtype=pl.Int64),
    })
    return mel, sig


def _laatste_met_maatregel(jaar):
    """Last receipt day of a signal that still leads to a measure dated in the same year."""
    return dt.date(jaar, 10, 15) if jaar < LAATSTE_DAG.year else dt.date(jaar, 8, 31)


def _signalen_jaar(rng, scale, jaar):
    """One year of signals from sources other than Meld Misdaad Anoniem."""
    thema, gebied, instrument = _expand(SIGNALEN[jaar], scale)
    n = len(thema)
    start = np.full(n, _d64(dt.date(jaar, 1, 1)))
    end = np.full(n, _d64(_jaar_einde(jaar)))
    end[instrument != None] = _d64(_laatste_met_maatregel(jaar))  # noqa: E711
    zorg = thema == "zorgfraude"
    start[zorg] = np.maximum(start[zorg], _d64(MELDPUNT_ZORGFRAUDE))
    datum = _days_between(rng, start, end, MAAND_SIGNALEN, WEEKDAG_KANTOOR)
    bron = _pick(rng, BRONNEN_OVERIG, n)
    bron[zorg] = _pick(rng, {"gemeente": 0.6, "ketenpartner": 0.25, "inwoner": 0.15},
                       int(zorg.sum()))
    politie = (gebied == "buitengebied") | (instrument == "apv_straathandel")
    bron[politie] = "politie"
    maatregel = np.isin(instrument, ["opiumwet_13b_sluiting", "last_onder_dwangsom"])
    bron[maatregel] = _pick(rng, {"politie": 0.7, "gemeente": 0.2, "inwoner": 0.1},
                            int(maatregel.sum()))
    wijk = _pick(rng, WIJKEN, n)
    wijk[rng.random(n) < 0.08] = None
    for naam, wijken in GEBIED_WIJK.items():
        mask = gebied == naam
        wijk[mask] = np.array(wijken, dtype=object)[rng.integers(0, len(wijken), mask.sum())]
    return pl.DataFrame({
        "datum_ontvangst": datum,
        "bron": _text(bron),
        "thema": _text(thema),
        "gebied": _text(gebied),
        "wijk": _text(wijk),
        "instrument": _text(instrument),
        "_mel": pl.Series([None] * n, dtype=pl.Int64),
    })


def _afhandeling(rng, signalen):
    """Meeting, vervolg, status, closing date and the date of the measure, per signal."""
    n = signalen.height
    ontvangst = signalen["datum_ontvangst"].to_numpy().astype("datetime64[D]")
    meetings = loo_vergaderingen()
    # a signal is discussed at the first meeting at least three days after it came in
    idx = np.searchsorted(meetings, ontvangst + 3)
    besproken_ok = idx < len(meetings)
    besproken = np.where(besproken_ok, meetings[np.minimum(idx, len(meetings) - 1)],
                         np.datetime64("NaT"))
    cutoff = _d64(LAATSTE_DAG)
    instrument = signalen["instrument"].to_numpy()
    gebied = signalen["gebied"].to_numpy()
    heeft_maatregel = instrument != None  # noqa: E711
    buiten = gebied == "buitengebied"

    vervolg = _pick(rng, VERVOLG_OVERIG, n)
    vervolg[buiten] = _pick(rng, {"geen": 0.5, "bronnenonderzoek": 0.5}, int(buiten.sum()))
    vervolg[heeft_maatregel] = "bestuursrechtelijk"
    duur = np.zeros(n, dtype=np.int64)
    for naam, (low, high) in DUUR_VERVOLG.items():
        mask = vervolg == naam
        duur[mask] = rng.integers(low, high, int(mask.sum()))
    jaar_einde = np.array([_werkdag_terug(_jaar_einde(int(j))) for j in
                           signalen["datum_ontvangst"].dt.year().to_numpy()])
    maatregel = _werkdag(besproken + rng.integers(7, 46, n).astype("m8[D]"), nearest=True)
    maatregel = np.minimum(maatregel, jaar_einde)
    nazorg = rng.integers(14, 120, n).astype("m8[D]")
    afgesloten = _werkdag(np.where(heeft_maatregel, maatregel + nazorg,
                                   besproken + duur.astype("m8[D]")), nearest=True)
    dicht = besproken_ok & (afgesloten <= cutoff)
    status = np.where(dicht, "afgesloten", "in_onderzoek").astype(object)
    status[dicht & np.isin(vervolg, ["strafrechtelijk", "riec"])] = "doorgezet"
    status[heeft_maatregel & ~dicht] = "interventie"
    status[~besproken_ok] = "nieuw"
    vervolg[~besproken_ok] = None
    return signalen.with_columns(
        pl.Series("datum_besproken_loo", besproken),
        pl.Series("datum_afgesloten", np.where(dicht, afgesloten, np.datetime64("NaT"))),
        _text("vervolg", vervolg),
        _text("status", status),
        pl.Series("_maatregel", np.where(heeft_maatregel, maatregel, np.datetime64("NaT"))),
    )


# ---------------------------------------------------------------------------------------------
# handhaving


def _handhaving(rng, scale, gekoppeld, signalen, opkopers):
    """Measures from signals, APV measures, Bibob investigations and DOL/DOR register checks."""
    parts = [gekoppeld.select(
        pl.col("_maatregel").alias("datum"),
        "instrument",
        "thema",
        pl.lit(None, dtype=pl.String).alias("domein"),
        "signaal_id",
        "subject_pseudoniem",
        "wijk",
    )]
    drugs_subjects = signalen.filter(pl.col("thema") == "drugs")["subject_pseudoniem"]
    drugs_subjects = drugs_subjects.drop_nulls().to_numpy()
    bibob_subjects = _pseudoniemen(rng, sum(sum(d.values()) for d in BIBOB.values()) * scale)
    bibob_subjects = np.char.replace(bibob_subjects.astype(str), "P-", "O-").astype(object)
    nieuw_dealer = _pseudoniemen(rng, sum(APV_LOS.values()) * scale + 1)
    b_used = 0
    for jaar in JAREN:
        start, end = _d64(dt.date(jaar, 1, 1)), _d64(_jaar_einde(jaar))
        n = APV_LOS[jaar] * scale
        dealer = nieuw_dealer[rng.integers(0, len(nieuw_dealer), n)]
        bekend = rng.random(n) < 0.3
        if len(drugs_subjects):
            dealer[bekend] = drugs_subjects[rng.integers(0, len(drugs_subjects), bekend.sum())]
        parts.append(pl.DataFrame({
            "datum": _days(rng, n, start, end, MAAND_SIGNALEN, WEEKDAG_BESLUIT),
            "instrument": _text(["apv_straathandel"] * n),
            "thema": _text(["drugs"] * n),
            "domein": _text([None] * n),
            "signaal_id": _text([None] * n),
            "subject_pseudoniem": _text(dealer),
            "wijk": _text(_pick(rng, {"Centrum": 0.5, "Oostdorp": 0.2, "Duinrell": 0.1,
                                          "Wassenaar-Zuid": 0.2}, n)),
        }))
        domeinen = _expand([(c, d) for d, c in BIBOB[jaar].items()], scale)[0]
        n = len(domeinen)
        bibob_start = max(dt.date(jaar, 1, 5), EERSTE_DAG)
        parts.append(pl.DataFrame({
            "datum": _days(rng, n, bibob_start, end, None, WEEKDAG_BESLUIT),
            "instrument": _text(["bibob_onderzoek"] * n),
            "thema": _text([BIBOB_THEMA[d] for d in domeinen]),
            "domein": _text(domeinen),
            "signaal_id": _text([None] * n),
            "subject_pseudoniem": _text(bibob_subjects[b_used:b_used + n]),
            "wijk": _text(_bibob_wijk(rng, domeinen)),
        }))
        b_used += n
        n = REGISTERCONTROLES.get(jaar, 0) * scale
        if n:
            # targeted checks: two per scale unit on the opkoper who registers late, the rest
            # spread by volume; the first check of the late one comes after the first months
            actief = opkopers["einde"].to_numpy() >= _d64(dt.date(jaar, 1, 1))
            p = opkopers["gewicht"].to_numpy() * actief
            gericht = 2 * scale
            welke = np.concatenate([np.full(gericht, _laatkomer(opkopers)),
                                    rng.choice(opkopers.height, size=n - gericht, p=p / p.sum())])
            eerste = max(EERSTE_REGISTERCONTROLE, dt.date(jaar, 1, 1))
            datum = np.concatenate([
                _days(rng, gericht, eerste + dt.timedelta(days=60), end, None, WEEKDAG_BESLUIT),
                _days(rng, n - gericht, eerste, end, None, WEEKDAG_BESLUIT),
            ])
            parts.append(pl.DataFrame({
                "datum": datum,
                "instrument": _text(["registercontrole_dol_dor"] * n),
                "thema": _text(["heling"] * n),
                "domein": _text([None] * n),
                "signaal_id": _text([None] * n),
                "subject_pseudoniem": opkopers["opkoper_pseudoniem"].gather(welke),
                "wijk": opkopers["wijk"].gather(welke),
            }))
    frame = pl.concat(parts, how="vertical").with_row_index("_k")
    datum = frame["datum"].to_numpy().astype("datetime64[D]")
    instrument = frame["instrument"].to_numpy()
    uitkomst = np.empty(frame.height, dtype=object)
    for naam, kansen in UITKOMST.items():
        mask = instrument == naam
        uitkomst[mask] = _pick(rng, kansen, int(mask.sum()))
    # Bibob investigations of the last six weeks are still running
    lopend = (instrument == "bibob_onderzoek") & (datum > _d64(LAATSTE_DAG) - 42)
    uitkomst[lopend] = "lopend"
    # the late registrant gets a warning first, then an official report (proces-verbaal)
    laat = (instrument == "registercontrole_dol_dor") & (
        frame["subject_pseudoniem"].to_numpy() == opkopers["opkoper_pseudoniem"][
            _laatkomer(opkopers)])
    rijen = np.flatnonzero(laat)[np.argsort(datum[laat], kind="stable")]
    uitkomst[rijen] = "proces-verbaal"
    uitkomst[rijen[: len(rijen) // 2]] = "waarschuwing"
    frame = frame.with_columns(_text("uitkomst", uitkomst))
    frame = frame.sort(["datum", "_k"])
    return frame.with_columns(
        _ids("HH", frame["datum"].dt.year(), 4).alias("actie_id"),
        pl.lit(GEMEENTE).alias("gemeente"),
    )


def _bibob_wijk(rng, domeinen):
    wijk = _pick(rng, WIJKEN, len(domeinen))
    horeca = domeinen == "exploitatievergunning"
    wijk[horeca] = _pick(rng, {"Centrum": 0.6, "Wassenaarse Slag": 0.2, "Duinrell": 0.2},
                         int(horeca.sum()))
    return wijk


# ---------------------------------------------------------------------------------------------
# DOL/DOR


def _opkopers(rng):
    """The opkopers per branche: pseudonym, wijk, volume weight and months of activity."""
    rows = []
    nummer = 1
    for branche, (aantal, _share, _goods, _months, _stolen) in DOL_BRANCHES.items():
        for _ in range(aantal):
            rows.append((f"OPK-{nummer:02d}", branche))
            nummer += 1
    n = len(rows)
    wijk = _pick(rng, OPKOPER_WIJK, n)
    gewicht = rng.lognormal(0.0, 0.6, n)
    # a few opkopers start during the period and a few stop; the rest registers throughout
    begin = np.full(n, _d64(EERSTE_DAG).astype("datetime64[M]"))
    einde = np.full(n, _d64(LAATSTE_DAG).astype("datetime64[M]"))
    later = rng.choice(n, size=4, replace=False)
    begin[later[:2]] = np.datetime64("2025-03", "M")
    begin[later[2]] = np.datetime64("2026-02", "M")
    einde[later[3]] = np.datetime64("2024-12", "M")
    # one opkoper in stolen-sensitive goods, active throughout, registers late far more often
    branche = np.array([r[1] for r in rows])
    kandidaat = np.flatnonzero(np.isin(branche, ["goud_en_sieraden", "telefoons_en_elektronica"])
                               & (begin == begin.min()) & (einde == einde.max()))
    laat = np.full(n, 0.05)
    laat[rng.choice(kandidaat)] = 0.3
    return pl.DataFrame({
        "opkoper_pseudoniem": [r[0] for r in rows],
        "branche": [r[1] for r in rows],
        "wijk": _text(wijk),
        "gewicht": gewicht,
        "begin": begin.astype("datetime64[D]"),
        "einde": einde.astype("datetime64[D]"),
        "laat": laat,
    })


def _laatkomer(opkopers):
    """Index of the opkoper who registers late most often."""
    return int(np.argmax(opkopers["laat"].to_numpy()))


def _dol(rng, scale, opkopers):
    """DOL registrations: per year a fixed total, spread over months and branches, vectorised."""
    branche_van = opkopers["branche"].to_numpy()
    gewicht = opkopers["gewicht"].to_numpy()
    begin = opkopers["begin"].to_numpy().astype("datetime64[M]")
    einde = opkopers["einde"].to_numpy().astype("datetime64[M]")
    branches = list(DOL_BRANCHES)
    dagen, wie = [], []
    for jaar in JAREN:
        maanden = np.arange(np.datetime64(f"{jaar}-01", "M"),
                            _d64(_jaar_einde(jaar)).astype("datetime64[M]") + 1)
        lengte = ((maanden + 1).astype("datetime64[D]") - maanden.astype("datetime64[D]"))
        w = np.array([[DOL_BRANCHES[b][1] * DOL_BRANCHES[b][3][int(m.astype(np.int64) % 12)]
                       for m in maanden] for b in branches]) * lengte.astype(np.int64)
        cellen = rng.multinomial(DOL_PER_JAAR[jaar] * scale, (w / w.sum()).ravel())
        cellen = cellen.reshape(len(branches), len(maanden))
        for bi, branche in enumerate(branches):
            for mi, maand in enumerate(maanden):
                n = int(cellen[bi, mi])
                if not n:
                    continue
                actief = (branche_van == branche) & (begin <= maand) & (einde >= maand)
                kandidaten = np.flatnonzero(actief)
                p = gewicht[kandidaten] / gewicht[kandidaten].sum()
                wie.append(kandidaten[rng.choice(len(kandidaten), size=n, p=p)])
                dag_einde = min((maand + 1).astype("datetime64[D]") - 1, _d64(LAATSTE_DAG))
                dagen.append(_days(rng, n, maand.astype("datetime64[D]"), dag_einde, None,
                                   WEEKDAG_WINKEL))
    wie = np.concatenate(wie)
    registratie = np.concatenate(dagen)
    n = len(wie)
    # goods as codes into one list of every branche's categories: no Python strings per row
    branche_code = np.array([branches.index(b) for b in branche_van])[wie]
    goederen = np.zeros(n, dtype=np.int64)
    gestolen = np.zeros(n, dtype=bool)
    categorieen = []
    kans = rng.random(n)
    for bi, (_aantal, _share, goods, _months, stolen) in enumerate(DOL_BRANCHES.values()):
        mask = branche_code == bi
        p = np.array(list(goods.values()), dtype=float)
        goederen[mask] = len(categorieen) + rng.choice(len(p), size=int(mask.sum()),
                                                       p=p / p.sum())
        categorieen.extend(goods)
        gestolen[mask] = kans[mask] < stolen
    # most purchases are registered the same day or within a few days; some are late (more
    # than a week), one opkoper far more often than the others
    soort = rng.choice(3, size=n, p=[0.63, 0.26, 0.11])
    soort[rng.random(n) < opkopers["laat"].to_numpy()[wie]] = 3
    vertraging = np.select(
        [soort == 0, soort == 1, soort == 2],
        [0, rng.integers(1, 4, n), rng.integers(4, 8, n)],
        rng.integers(8, 61, n),
    )
    aankoop = np.maximum(registratie - vertraging.astype("m8[D]"), _d64(EERSTE_DAG))
    aantal = rng.geometric(0.75, n)
    volgorde = np.argsort(registratie, kind="stable")  # chronological ids
    wie = wie[volgorde]
    frame = pl.DataFrame({
        "datum_registratie": registratie[volgorde],
        "opkoper_pseudoniem": opkopers["opkoper_pseudoniem"].gather(wie),
        "branche": opkopers["branche"].gather(wie),
        "datum_aankoop": aankoop[volgorde],
        "goederencategorie": pl.Series(categorieen, dtype=pl.String).gather(goederen[volgorde]),
        "aantal": aantal[volgorde].astype(np.int64),
        "gestolen_match": gestolen[volgorde],
        "wijk": opkopers["wijk"].gather(wie),
    })
    return frame.with_columns(
        _ids("DOL", frame["datum_registratie"].dt.year(), 5).alias("registratie_id"),
        pl.lit(GEMEENTE).alias("gemeente"),
    )


# ---------------------------------------------------------------------------------------------
# uitvoeringsplan


def _plan():
    """The six goals of the uitvoeringsplan 2026 with their measured indicators."""
    rows = []
    per_spoor = {}
    for spoor, wat, doel, partners, status, voortgang, start, einde, ind, waarde in PLAN_2026:
        per_spoor[spoor] = per_spoor.get(spoor, 0) + 1
        rows.append({
            "doel_id": f"UP-2026-{spoor}.{per_spoor[spoor]}", "jaar": 2026, "spoor": spoor,
            "wat": wat, "doel": doel, "partners": partners, "status": status,
            "voortgang": voortgang, "startdatum": dt.date.fromisoformat(start),
            "einddatum": dt.date.fromisoformat(einde), "indicator": ind, "doelwaarde": waarde,
            "gemeente": GEMEENTE,
        })
    return pl.DataFrame(rows, schema_overrides={"indicator": pl.String, "doelwaarde": pl.Int64})


# ---------------------------------------------------------------------------------------------
# writing


def _write(source, frame, path):
    """Each export in its own dialect, so that a load exercises the reader's variants."""
    if source == "m_meldingen":
        frame = frame.rename(M_KOPPEN)
        frame.write_csv(path, separator=";", date_format="%d-%m-%Y")
    elif source == "dol_registraties":
        frame = frame.with_columns(
            pl.when(pl.col("gestolen_match")).then(pl.lit("ja")).otherwise(pl.lit("nee"))
            .alias("gestolen_match"))
        frame.write_csv(path, separator=";", date_format="%Y-%m-%d")
    else:
        frame.write_csv(path, separator=",", date_format="%Y-%m-%d")
