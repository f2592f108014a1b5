"""The registry of measures: every figure the dashboard shows, defined once.

Which rows a measure counts is SQL, in queries/fct_metingen.sql over the staging views of
data_pipeline.staging; this registry gives each measure its Dutch label, unit, counting-rule
sentence, the dimensions it may be cut by and where its figures come from. Pages, the yearly
report, the plan indicators and the CSV/XLSX exports read both, so a figure and the sentence
under it cannot drift apart, and the same measure, period and role give the same value on every
surface.

Every function takes `run(name, **params) -> polars.DataFrame`: dashboard.page.query on a
page (cached, role-checked), a runner on one snapshot connection in the report.
"""

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.labels import in_zin
from data_pipeline.contract import INSTRUMENT_SOORT, INSTRUMENTEN, INTERVENTIE_VERVOLGEN, VERVOLGEN

# Said wherever wijk and aandachtsgebied appear side by side (the report, Trends, the guide).
GEBIED_UITLEG = ("Een wijk is de wijk of buurt van het adres (zoals Maaldrift/buitengebied); een "
                 "aandachtsgebied (buitengebied, opslagboxen, centrum) is een thema-gebied dat de "
                 "regisseur aan een signaal koppelt. Een signaal in de wijk Maaldrift/buitengebied "
                 "hoeft het aandachtsgebied buitengebied niet te hebben, en andersom.")


@dataclass(frozen=True)
class Measure:
    """One figure: what it is called, what it counts and how it may be cut."""

    name: str
    label: str  # as on a tile or in a table row
    eenheid: tuple  # Dutch unit, singular and plural: ("signaal", "signalen")
    regel: str  # the counting rule, as shown under the figure
    dimensies: tuple = ()
    bronnen: tuple = ("signalen",)  # the sources it comes from: freshness, reach
    uniek: bool = False  # counts distinct keys (these do not add up over months)

    def telregel(self):
        """'Label: rule.' for under a figure."""
        return f"{self.label}: {self.regel}"


def _opsomming(labels, slot="en"):
    """'a, b en c': labels in a Dutch sentence."""
    return ", ".join(labels[:-1]) + f" {slot} " + labels[-1]


_MAATREGELEN = [in_zin(INSTRUMENTEN[i]) if i != "anders" else "andere maatregelen"
                for i, soort in INSTRUMENT_SOORT.items() if soort == "maatregel"]
_SIGNAAL_DIMENSIES = ("thema", "bron", "wijk", "gebied", "gemeente")

MEASURES = {m.name: m for m in (
    Measure("signalen_en_meldingen", "Signalen en meldingen", ("signaal of melding",
            "signalen en meldingen"),
            "elk signaal telt één keer, plus elke M-melding die niet als signaal is "
            "geregistreerd; een M-melding die de regisseur als signaal heeft geregistreerd "
            "(gekoppeld signaal) telt alleen als dat signaal, op de ontvangstdatum van het "
            "signaal.", _SIGNAAL_DIMENSIES, ("signalen", "m_meldingen")),
    Measure("signalen", "Signalen", ("signaal", "signalen"),
            "elk signaal één keer, op de datum van ontvangst.",
            _SIGNAAL_DIMENSIES + ("status",)),
    Measure("m_meldingen", "M-meldingen", ("M-melding", "M-meldingen"),
            "elke melding via Meld Misdaad Anoniem één keer, op de datum van ontvangst, ook als "
            "de regisseur haar als signaal heeft geregistreerd.",
            ("thema", "wijk", "gemeente"), ("m_meldingen",)),
    Measure("m_meldingen_los", "M-meldingen zonder signaal", ("M-melding", "M-meldingen"),
            "M-meldingen die niet als signaal zijn geregistreerd; alleen deze tellen op bij de "
            "signalen.", ("thema", "wijk", "gemeente"), ("m_meldingen",)),
    Measure("besproken_loo", "Besproken in het LOO", ("signaal", "signalen"),
            "signalen ontvangen in de periode die in het LOO zijn besproken (met een datum van "
            "bespreking, ook als die na de periode valt); een M-melding zonder signaal heeft "
            "geen LOO-datum.", _SIGNAAL_DIMENSIES),
    Measure("vervolg_besloten", "Vervolg besloten", ("signaal", "signalen"),
            "besproken signalen met een vastgelegd vervolg (ook 'geen vervolg') of een "
            "interventie.", ("thema", "bron", "vervolg", "gemeente")),
    Measure("bronnenonderzoek", "Aanvullend bronnenonderzoek", ("signaal", "signalen"),
            "besproken signalen met vervolg bronnenonderzoek.", ("thema", "bron", "gemeente")),
    Measure("interventie", "Interventie ingezet", ("signaal", "signalen"),
            "besproken signalen waarbij het LOO een interventie inzette: vervolg "
            f"{_opsomming([in_zin(VERVOLGEN[v]) for v in INTERVENTIE_VERVOLGEN], 'of')}, de "
            "status interventie, of een "
            "gekoppelde bestuurlijke maatregel.", ("thema", "bron", "vervolg", "gemeente")),
    Measure("afgesloten", "Afgesloten", ("signaal", "signalen"),
            "signalen met een besloten vervolg en de status afgesloten (doorgezet is "
            "overgedragen en telt niet mee).", ("thema", "bron", "gemeente")),
    Measure("signalen_met_maatregel", "Signalen met een bestuursrechtelijke maatregel",
            ("signaal", "signalen"),
            "signalen met vervolg bestuursrechtelijk of met een gekoppelde bestuurlijke "
            "maatregel (op welke datum ook); een Bibob-onderzoek of registercontrole is "
            "onderzoek, geen maatregel.", ("thema", "bron", "gemeente"),
            ("signalen", "handhaving")),
    Measure("besproken_in_overleg", "Besproken in het overleg", ("signaal", "signalen"),
            "signalen op de datum waarop het LOO ze besprak, per besloten vervolg; zonder "
            "vastgelegd vervolg telt een signaal als 'nog niet bepaald'.",
            ("thema", "vervolg", "gemeente")),
    Measure("loo_vergaderingen", "Bijeenkomsten van het LOO", ("bijeenkomst", "bijeenkomsten"),
            "een bijeenkomst is een datum waarop ten minste één signaal is besproken (de "
            "export kent geen vergaderlijst).", ("gemeente",), uniek=True),
    Measure("handhavingsacties", "Handhavingsacties", ("actie", "acties"),
            "elke actie in de handhavingsexport één keer, op haar datum: maatregelen, "
            "Bibob-onderzoeken en registercontroles.",
            ("instrument", "thema", "domein", "uitkomst", "wijk", "gebied", "gemeente"),
            ("handhaving",)),
    Measure("bestuurlijke_maatregelen", "Bestuurlijke maatregelen", ("maatregel", "maatregelen"),
            "elke opgelegde maatregel één keer, op de datum in de handhavingsexport: "
            f"{_opsomming(_MAATREGELEN)}. Bibob-onderzoeken "
            "en registercontroles zijn onderzoek en tellen hier niet mee.",
            ("instrument", "thema", "wijk", "gebied", "gemeente"), ("handhaving",)),
    Measure("bibob_onderzoeken", "Bibob-onderzoeken", ("onderzoek", "onderzoeken"),
            "elk Bibob-onderzoek één keer, op de datum in de export, per domein van de aanvraag "
            "of transactie; zonder domein telt het als onbekend.",
            ("domein", "uitkomst", "thema", "gemeente"), ("handhaving",)),
    Measure("bibob_organisatiebreed", "Bibob-onderzoeken buiten exploitatievergunningen",
            ("onderzoek", "onderzoeken"),
            "Bibob-onderzoeken in elk domein behalve exploitatievergunningen (ook zonder "
            "domein): wat de organisatiebrede toepassing toevoegt.",
            ("domein", "uitkomst", "thema", "gemeente"), ("handhaving",)),
    Measure("registercontroles", "Registercontroles DOL/DOR", ("controle", "controles"),
            "handhavingsacties met instrument registercontrole DOL/DOR, op hun datum, welke "
            "uitkomst ook.", ("uitkomst", "wijk", "gemeente"), ("handhaving",)),
    Measure("dol_registraties", "DOL-registraties", ("registratie", "registraties"),
            "één registratie is één regel in het register, op de registratiedatum, hoeveel "
            "goederen ook.", ("branche", "wijk", "gemeente"), ("dol_registraties",)),
    Measure("dol_goederen", "Geregistreerde goederen", ("goed", "goederen"),
            "de som van het aantal goederen per registratie (leeg telt als 1).",
            ("branche", "wijk", "gemeente"), ("dol_registraties",)),
    Measure("dol_opkopers", "Opkopers met registraties", ("opkoper", "opkopers"),
            "verschillende opkopers met ten minste één registratie in de periode.",
            ("branche", "gemeente"), ("dol_registraties",), uniek=True),
    Measure("dol_gestolen_match", "Registraties met een match gestolen goed",
            ("registratie", "registraties"),
            "registraties waarbij het register een match meldt met als gestolen opgegeven goed; "
            "zonder waarde telt een registratie als geen match.", ("branche", "wijk", "gemeente"),
            ("dol_registraties",)),
    Measure("dol_gestolen_bekend", "Registraties met een matchcontrole",
            ("registratie", "registraties"),
            "registraties waarvan het register vastlegt of er een match was.",
            ("branche", "wijk", "gemeente"), ("dol_registraties",)),
)}


def get(name):
    """The registered measure; a KeyError that names the known ones otherwise."""
    if name not in MEASURES:
        raise KeyError(f"Onbekende maat '{name}'; bekend zijn: {', '.join(MEASURES)}.")
    return MEASURES[name]


def telregels(*names):
    """The counting rules of several measures, one sentence each, for under a group of figures."""
    return " ".join(get(n).telregel() for n in names)


def _same_counting(names):
    """Refuse to add measures that count rows to measures that count unique keys."""
    if len({get(n).uniek for n in names}) > 1:
        raise ValueError("maten die optellen en maten die unieke sleutels tellen gaan niet samen")


def values(run, names, van, tot, thema=None):
    """{measure: value} for [van, tot] (inclusive), optionally for one thema."""
    df = run("meting", maten=list(names), van=van, tot=tot, thema=thema)
    return {r["maat"]: int(r["uniek" if get(r["maat"]).uniek else "waarde"])
            for r in df.iter_rows(named=True)}


def value(run, name, van, tot, thema=None):
    """One measure's value for [van, tot]."""
    return values(run, [name], van, tot, thema)[name]


def _check(name, *dimensies):
    measure = get(name)
    for d in dimensies:
        if d is not None and d not in measure.dimensies:
            raise ValueError(f"maat {name} is niet uit te splitsen naar {d}")
    return measure


def by(run, name, dimensie, van, tot, thema=None, dimensie2=None):
    """The measure per category of a dimension (and of a second one): columns categorie[,
    categorie2], waarde. Only categories with at least one counted row."""
    measure = _check(name, dimensie, dimensie2)
    df = run("meting_per_categorie", maat=name, dimensie=dimensie, dimensie2=dimensie2,
             van=van, tot=tot, thema=thema)
    keep = ["categorie"] + (["categorie2"] if dimensie2 else [])
    return df.select(*keep, pl.col("uniek" if measure.uniek else "waarde").alias("waarde"))


def by_dict(run, name, dimensie, van, tot, thema=None):
    """{categorie: value} for one dimension."""
    return dict(by(run, name, dimensie, van, tot, thema).iter_rows())


def per_month(run, name, van, tot, thema=None):
    """The measure per month from van to tot, every month listed: maand, waarde, cumulatief and
    gemeten_tot (the newest date in its sources: how far the measurement reaches)."""
    measure = get(name)
    if measure.uniek:
        raise ValueError(f"maat {name} telt unieke sleutels; die tellen niet op per maand")
    return run("meting_per_maand", maat=name, van=van, tot=tot, thema=thema,
               bronnen=list(measure.bronnen))


def series(run, names, dimensie, eenheid, van, tot):
    """Measures added together per month or quarter and per category: periode, reeks, aantal."""
    for name in names:
        _check(name, dimensie)
    _same_counting(names)
    return run("meting_reeksen", maten=list(names), dimensie=dimensie, eenheid=eenheid,
               van=van, tot=tot)


def day_after(d):
    """The first day of a half-open interval (vorige, vergadering] as an inclusive bound."""
    return d + dt.timedelta(days=1)


# --- per year and month, and the rows behind a figure (issue 15) ---

# Measures whose every counted row is one record with a pseudonymised key (fct_metingen.id):
# the rows behind their figures can be listed, and they add up to the figure.
MET_RIJEN = ("signalen_en_meldingen", "signalen", "m_meldingen", "handhavingsacties",
             "dol_registraties")
MAX_RIJEN = 1000  # rows sent to the browser at most; the page says when a figure has more


def per_month_by(run, name, dimensie, van, tot):
    """The measure per year, month and category of one dimension: jaar, maand, categorie,
    waarde (months and categories without counted rows are left out)."""
    measure = _check(name, dimensie)
    if measure.uniek:
        raise ValueError(f"maat {name} telt unieke sleutels; die tellen niet op per maand")
    return run("meting_per_maand_categorie", maat=name, dimensie=dimensie, van=van, tot=tot)


def by_year(run, name, dimensie, vensters):
    """{jaar: {categorie: value}} for windows {jaar: (van, tot)}: one by() per window."""
    return {jaar: by_dict(run, name, dimensie, van, tot) for jaar, (van, tot) in vensters.items()}


def rows(run, names, van, tot, dimensie=None, categorieen=(), leeg=False, limiet=MAX_RIJEN):
    """The records behind a figure of measures (added together) in [van, tot], for some
    categories of a dimension (and the rows without one when leeg): maat, id, datum, thema,
    bron, wijk, gebied, instrument, branche, totaal (all matching rows, also beyond limiet)."""
    for name in names:
        if name not in MET_RIJEN:
            raise ValueError(f"maat {name} heeft geen rijen om te tonen")
        _check(name, dimensie)
    return run("meting_rijen", maten=list(names), van=van, tot=tot, dimensie=dimensie,
               categorieen=[str(c) for c in categorieen], leeg=bool(leeg), limiet=int(limiet))


# --- district (issue 16): the same measures per gemeente, per 10.000 inhabitants ---
PER_INWONERS = 10_000


def per_gemeente(run, names, van, tot):
    """Rows (gemeente, maat, thema, waarde) of additive measures over [van, tot] for every
    gemeente (run: dashboard.page.district_query); the caller shields small counts."""
    for name in names:
        if get(name).uniek:
            raise ValueError(f"{name} telt unieke sleutels en is per gemeente niet op te tellen")
    return run("district_metingen", maten=list(names), van=van, tot=tot)


def per_inwoners(waarde, inwoners):
    """A count per 10.000 inhabitants, or None without a population figure."""
    if waarde is None or not inwoners:
        return None
    return waarde * PER_INWONERS / inwoners
