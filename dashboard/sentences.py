"""Dutch sentences that carry the figures of the yearly evaluation, grammatical in every case.

Conventions (the reference document's): whole numbers up to twelve are written as words in
running text ("negen keer", "twee Bibob-onderzoeken"), larger ones as digits with a thousands
dot; a figure in parentheses is always digits ("evenveel als in 2024 (18)"). A percentage is
only given where its base is at least PERCENTAGE_BASIS; below that, absolute numbers.
"""

import calendar
import datetime as dt
from dataclasses import dataclass

from core import fmt
from dashboard import labels

WOORDEN = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
           "tien", "elf", "twaalf")
PERCENTAGE_BASIS = 10
ONDERDRUKT_ONDER = 5  # counts 1..4 below the municipality are shown as "<5"


def woord(n):
    """A count in running text: words up to twelve, else digits with a thousands dot."""
    n = int(n)
    if 0 <= n < len(WOORDEN):
        return WOORDEN[n]
    return fmt.getal(n)


def cijfer(n):
    """A count in parentheses or tables: always digits."""
    return fmt.getal(int(n))


def aantal(n, enkelvoud, meervoud, geen=None):
    """'geen meldingen', 'één melding', 'twee meldingen', '18 meldingen'."""
    if n == 0:
        return f"geen {geen or meervoud}"
    return f"{woord(n)} {enkelvoud if n == 1 else meervoud}"


def keer(n):
    """'één keer', 'negen keer', '15 keer'."""
    return f"{woord(n)} keer"


def opsomming(delen):
    """'a', 'a en b', 'a, b en c'."""
    delen = [d for d in delen if d]
    if not delen:
        return ""
    if len(delen) == 1:
        return delen[0]
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def hoofdletter(tekst):
    """The sentence with its first letter capitalised."""
    return tekst[:1].upper() + tekst[1:]


def procent(deel, geheel):
    """A share as a rounded Dutch percentage; 'minder dan 1%' rather than a misleading 0%."""
    fractie = deel / geheel
    if 0 < fractie < 0.005:
        return "minder dan 1%"
    return fmt.procent(fractie)


def onderdrukt(n):
    """A count below the municipality: 1 to 4 become '<5' (small-number suppression)."""
    n = int(n)
    return "<5" if 0 < n < ONDERDRUKT_ONDER else cijfer(n)


@dataclass(frozen=True)
class Periode:
    """The reporting period: a whole year, or an unfinished year cut at the last month with data.

    tot_maand is the last month counted (12 for a whole year). vorig_bekend is False when the
    year before has no data at all, so that no comparison is made with an empty year.
    """

    jaar: int
    tot_maand: int = 12
    vorig_bekend: bool = True
    tot_dag: int | None = None  # a peildatum inside the last month: counted up to that day

    @property
    def afgekapt(self):
        """True when the period ends on a peildatum before the end of its last month."""
        return self.tot_dag is not None and self.tot_dag < self._einde(self.jaar)

    def _einde(self, jaar):
        return calendar.monthrange(jaar, self.tot_maand)[1]

    @property
    def volledig(self):
        return self.tot_maand == 12 and not self.afgekapt

    @property
    def van(self):
        return dt.date(self.jaar, 1, 1)

    @property
    def tot(self):
        return dt.date(self.jaar, self.tot_maand, min(self.tot_dag or 31, self._einde(self.jaar)))

    @property
    def vorig_van(self):
        return dt.date(self.jaar - 1, 1, 1)

    @property
    def vorig_tot(self):
        dag = self.tot.day if self.afgekapt else 31
        return dt.date(self.jaar - 1, self.tot_maand, min(dag, self._einde(self.jaar - 1)))

    def wanneer(self):
        """'in 2025', 'in januari 2026', 'in de eerste tien maanden van 2026' or, cut at a
        peildatum, 'in de periode 1 januari tot en met 15 oktober 2026'."""
        if self.afgekapt:
            return f"in de periode 1 januari tot en met {fmt.datum(self.tot)}"
        if self.volledig:
            return f"in {self.jaar}"
        if self.tot_maand == 1:
            return f"in januari {self.jaar}"
        return f"in de eerste {woord(self.tot_maand)} maanden van {self.jaar}"

    def vorige(self):
        """'in 2024', or for an unfinished year 'in dezelfde periode van 2025'."""
        if self.volledig:
            return f"in {self.jaar - 1}"
        return f"in dezelfde periode van {self.jaar - 1}"

    def omschrijving(self):
        """The period and its comparison in one line, for under a title."""
        zonder = "" if self.vorig_bekend else " Over het jaar ervoor zijn geen gegevens; er " \
            "wordt niet vergeleken."
        if self.volledig:
            if not self.vorig_bekend:
                return f"Periode: {self.jaar}.{zonder}"
            return f"Periode: {self.jaar}, vergeleken met {self.jaar - 1}."
        tot = (fmt.datum(self.tot) if self.afgekapt
               else f"{fmt.MAANDEN[self.tot_maand - 1]} {self.jaar}")
        if not self.vorig_bekend:
            return (f"Periode: januari tot en met {tot}; het jaar is nog niet "
                    f"compleet.{zonder}")
        dezelfde = "periode" if self.afgekapt else "maanden"
        return (f"Periode: januari tot en met {tot}. {self.jaar} is nog niet "
                f"compleet; vergeleken wordt met dezelfde {dezelfde} van {self.jaar - 1}.")


def vergelijking(nu, vorig, periode):
    """The comparison clause after a comma, or '' when the year before has no data.

    'evenveel als in 2024 (18)', 'drie meer dan in 2024 (15), een stijging van 20%',
    'tegen vijf in 2024', 'terwijl er in 2024 geen waren', 'net als in 2024'.
    """
    if not periode.vorig_bekend or vorig is None:
        return ""
    nu, vorig = int(nu), int(vorig)
    toen = periode.vorige()
    if nu == vorig == 0:
        return f", net als {toen}"
    if nu == vorig:
        return f", evenveel als {toen} ({cijfer(vorig)})"
    if nu == 0:
        return f", tegen {woord(vorig)} {toen}"
    if vorig == 0:
        return f", terwijl er {toen} geen waren"
    verschil = abs(nu - vorig)
    richting = "meer" if nu > vorig else "minder"
    zin = f", {woord(verschil)} {richting} dan {toen} ({cijfer(vorig)})"
    if vorig >= PERCENTAGE_BASIS:
        soort = "een stijging" if nu > vorig else "een daling"
        zin += f", {soort} van {procent(verschil, vorig)}"
    return zin


@dataclass(frozen=True)
class Gezegde:
    """What is said of a part: verb singular, verb plural, the rest ('is', 'zijn', 'besproken')."""

    enkelvoud: str
    meervoud: str
    rest: str


def aandeel(deel, geheel, gezegde, zelfstandig=None):
    """The part of a whole that something holds for, in words; '' when the whole is zero.

    'De helft daarvan (9) is drugsgerelateerd.', 'Alle meldingen zijn drugsgerelateerd.',
    'Daarvan zijn er 7 (39%) drugsgerelateerd.', 'Daarvan is er één drugsgerelateerd.'
    zelfstandig: the plural noun for 'Alle ...' (without it: 'Ze zijn allemaal ...').
    """
    deel, geheel = int(deel), int(geheel)
    g = gezegde
    if geheel == 0:
        return ""
    if deel == geheel:
        if geheel == 1:
            return f"Deze {g.enkelvoud} {g.rest}."
        if geheel == 2:
            return f"Beide {g.meervoud} {g.rest}."
        if zelfstandig:
            return f"Alle {zelfstandig} {g.meervoud} {g.rest}."
        return f"Ze {g.meervoud} allemaal {g.rest}."
    if deel == 0:
        return f"Geen daarvan {g.enkelvoud} {g.rest}."
    if 2 * deel == geheel and geheel >= 4:  # "de helft (1)" of two reads oddly
        return f"De helft daarvan ({cijfer(deel)}) {g.enkelvoud} {g.rest}."
    verb = g.enkelvoud if deel == 1 else g.meervoud
    if geheel >= PERCENTAGE_BASIS:
        return f"Daarvan {verb} er {cijfer(deel)} ({procent(deel, geheel)}) {g.rest}."
    return f"Daarvan {verb} er {woord(deel)} {g.rest}."


# -- theme and domain phrases ------------------------------------------------------------------

# Two themes read differently inside a sentence than as a label; the rest is the label.
THEMA_IN_ZIN = {"overig": "overige thema's", "onbekend": "een nog niet ingedeeld thema"}


def thema_woord(thema):
    """A theme in running text: 'illegaal verblijf'."""
    if thema in THEMA_IN_ZIN:
        return THEMA_IN_ZIN[thema]
    return labels.in_zin(labels.KINDS["thema"].get(thema, str(thema).replace("_", " ")))


def thema_gezegde(thema):
    """'is drugsgerelateerd' for drugs, else 'gaat over fraude'."""
    if thema == "drugs":
        return Gezegde("is", "zijn", "drugsgerelateerd")
    return Gezegde("gaat", "gaan", f"over {thema_woord(thema)}")


BIBOB_DOMEINEN = {
    "exploitatievergunning": "bij aanvragen voor exploitatievergunningen",
    "vastgoed": "bij gemeentelijke vastgoedtransacties",
    "omgevingsvergunning": "bij aanvragen voor omgevingsvergunningen",
    "subsidie": "bij subsidieaanvragen",
    "aanbesteding": "bij aanbestedingen",
    "sociaal_domein": "in het sociaal domein",
    "anders": "in andere domeinen",
    "onbekend": "zonder vastgelegd domein",
}


def gebied_woord(gebied):
    """'uit het buitengebied', 'bij opslagboxen', 'uit aandachtsgebied centrum'."""
    if gebied == "buitengebied":
        return "uit het buitengebied"
    if gebied == "opslagboxen":
        return "over opslagboxen"
    return f"uit aandachtsgebied {gebied}"


# -- the sentences of the evaluation -----------------------------------------------------------

def _zijn_er(n):
    return "is er" if n == 1 else "zijn er"


def _in_totaal(n):
    return "in totaal " if n > 1 else ""


def m_meldingen(periode, nu, vorig, per_thema):
    """Meldroutes: the M-meldingen received, compared, and how they split over themes.

    per_thema: (thema, aantal) pairs of this period, largest first.
    """
    n = int(nu)
    zinnen = [f"{hoofdletter(periode.wanneer())} {_zijn_er(n)} {_in_totaal(n)}"
              f"{aantal(n, 'melding', 'meldingen')} via Meld Misdaad Anoniem ontvangen"
              f"{vergelijking(n, vorig, periode)}."]
    per_thema = [(t, int(a)) for t, a in per_thema if a]
    if n == 0 or not per_thema:
        return " ".join(zinnen)
    hoofd, deel = per_thema[0]
    if n == 1:
        zinnen.append(f"Deze melding {thema_gezegde(hoofd).enkelvoud} "
                      f"{thema_gezegde(hoofd).rest}.")
        return " ".join(zinnen)
    zinnen.append(aandeel(deel, n, thema_gezegde(hoofd), "meldingen"))
    rest = per_thema[1:]
    rest_n = n - deel
    if rest_n and rest:
        if len(rest) == 1:
            onderwerp = thema_woord(rest[0][0])
        else:
            onderwerp = opsomming(f"{thema_woord(t)} ({cijfer(a)})" for t, a in rest)
        if 2 * rest_n == n and n >= 4:
            zinnen.append(f"De andere helft gaat over {onderwerp}.")
        elif rest_n == 1:
            zinnen.append(f"De andere melding gaat over {onderwerp}.")
        else:
            zinnen.append(f"De overige {woord(rest_n)} gaan over {onderwerp}.")
    return " ".join(zinnen)


def signalen_en_meldingen(periode, nu, vorig, besproken):
    """Signaalgestuurde aanpak: everything received, compared, and how much the LOO discussed."""
    n = int(nu)
    wat = aantal(n, "signaal of melding", "signalen en meldingen", geen="signalen of meldingen")
    zinnen = [f"{hoofdletter(periode.wanneer())} {_zijn_er(n)} {_in_totaal(n)}{wat} ontvangen"
              f"{vergelijking(n, vorig, periode)}."]
    if n:
        zinnen.append(aandeel(besproken, n, Gezegde("is", "zijn", "besproken in het LOO"),
                              "signalen en meldingen"))
    return " ".join(zinnen)


def loo_vergaderingen(periode, vergaderingen):
    """How often the LOO met to discuss signals; '' when no meeting is known."""
    n = int(vergaderingen)
    if n == 0:
        return ""
    return f"Het LOO is {periode.wanneer()} {keer(n)} bijeengekomen om signalen te bespreken."


def vervolg(bronnenonderzoek, interventies):
    """What followed: additional bronnenonderzoek and interventions, per signal."""
    b, i = int(bronnenonderzoek), int(interventies)
    welke = "(bestuursrechtelijk, strafrechtelijk, via zorg en veiligheid of via het RIEC)"
    if b and i:
        return (f"Bij {aantal(b, 'signaal', 'signalen')} is aanvullend bronnenonderzoek "
                f"uitgevoerd en bij {woord(i)} is een interventie ingezet {welke}.")
    if b:
        return (f"Bij {aantal(b, 'signaal', 'signalen')} is aanvullend bronnenonderzoek "
                "uitgevoerd; er zijn geen interventies ingezet.")
    if i:
        return (f"Bij {aantal(i, 'signaal', 'signalen')} is een interventie ingezet {welke}; "
                "er is geen aanvullend bronnenonderzoek uitgevoerd.")
    return "Er is geen aanvullend bronnenonderzoek uitgevoerd en er zijn geen interventies ingezet."


def bestuursrechtelijk(periode, sluitingen, dwangsommen, apv, vorig=None):
    """Bestuursrechtelijk optreden: 13b closures, lasten onder dwangsom and APV measures.

    vorig: (sluitingen, dwangsommen, apv) of the comparison period, or None.
    """
    s, d, a = int(sluitingen), int(dwangsommen), int(apv)
    wanneer = periode.wanneer()
    sluiting = aantal(s, "tijdelijke sluiting", "tijdelijke sluitingen") + \
        " op grond van artikel 13b Opiumwet"
    dwang = aantal(d, "last onder dwangsom", "lasten onder dwangsom")
    if s and d:
        zin = f"Het bestuursrechtelijk optreden heeft {wanneer} geleid tot {sluiting} en {dwang}."
    elif s:
        zin = (f"Het bestuursrechtelijk optreden heeft {wanneer} geleid tot {sluiting}; "
               "er is geen last onder dwangsom opgelegd.")
    elif d:
        zin = (f"Het bestuursrechtelijk optreden heeft {wanneer} geleid tot {dwang}; "
               "er is geen pand gesloten op grond van artikel 13b Opiumwet.")
    else:
        zin = (f"{hoofdletter(wanneer)} is geen pand gesloten op grond van artikel 13b Opiumwet "
               "en is geen last onder dwangsom opgelegd.")
    if a:
        zinnen = [zin, f"Daarnaast is op grond van de APV {keer(a)} bestuursrechtelijk "
                       "opgetreden tegen straatdealers."]
    else:
        zinnen = [zin, "Op grond van de APV is niet bestuursrechtelijk opgetreden tegen "
                       "straatdealers."]
    if vorig is not None and periode.vorig_bekend:
        vs, vd, va = (int(x) for x in vorig)
        delen = [aantal(vs, "tijdelijke sluiting", "tijdelijke sluitingen") if vs else "",
                 aantal(vd, "last onder dwangsom", "lasten onder dwangsom") if vd else "",
                 aantal(va, "APV-maatregel tegen straatdealers",
                        "APV-maatregelen tegen straatdealers") if va else ""]
        if any(delen):
            zinnen.append(f"Ter vergelijking: {periode.vorige()} ging het om "
                          f"{opsomming(delen)}.")
        else:
            zinnen.append(f"Ter vergelijking: {periode.vorige()} is op deze gronden niet "
                          "opgetreden.")
    return " ".join(zinnen)


OVERIGE_MAATREGELEN = {
    "bestuurlijke_waarschuwing": ("bestuurlijke waarschuwing", "bestuurlijke waarschuwingen"),
    "bestuurlijke_boete": ("bestuurlijke boete", "bestuurlijke boetes"),
    "anders": ("andere maatregel", "andere maatregelen"),
}


def overige_maatregelen(periode, per_instrument):
    """Other administrative measures, e.g. warnings and fines; '' when there are none."""
    delen = [aantal(int(per_instrument.get(k, 0)), *OVERIGE_MAATREGELEN[k])
             for k in OVERIGE_MAATREGELEN if per_instrument.get(k, 0)]
    if not delen:
        return ""
    return f"Verder registreerde de gemeente {periode.wanneer()} {opsomming(delen)}."


def bibob(periode, per_domein, vorig_totaal):
    """Wet Bibob: the investigations per domain (largest first), the total compared.

    per_domein: (domein, aantal) pairs of this period in the order to report them.
    """
    per_domein = [(dm, int(a)) for dm, a in per_domein if a]
    totaal = sum(a for _, a in per_domein)
    wanneer = hoofdletter(periode.wanneer())
    onderzoek = ("Bibob-onderzoek", "Bibob-onderzoeken")
    if totaal == 0:
        return (f"{wanneer} is geen Bibob-onderzoek uitgevoerd"
                f"{vergelijking(0, vorig_totaal, periode)}.")
    eerste, n = per_domein[0]
    verb = "is" if n == 1 else "zijn"
    waar = BIBOB_DOMEINEN.get(eerste, f"in het domein {eerste}")
    if len(per_domein) == 1:
        return (f"{wanneer} {verb} {aantal(n, *onderzoek)} uitgevoerd {waar}"
                f"{vergelijking(totaal, vorig_totaal, periode)}.")
    zinnen = [f"{wanneer} {verb} {aantal(n, *onderzoek)} uitgevoerd {waar}."]
    rest = per_domein[1:]
    if len(rest) == 1:
        dm, m = rest[0]
        verb = "is" if m == 1 else "zijn"
        zinnen.append(f"Daarnaast {verb} {aantal(m, *onderzoek)} uitgevoerd "
                      f"{BIBOB_DOMEINEN.get(dm, f'in het domein {dm}')}.")
    else:
        waar = opsomming(f"{BIBOB_DOMEINEN.get(dm, f'in het domein {dm}')} ({cijfer(m)})"
                         for dm, m in rest)
        zinnen.append(f"Daarnaast zijn Bibob-onderzoeken uitgevoerd {waar}.")
    zinnen.append(f"In totaal zijn dat {aantal(totaal, *onderzoek)}"
                  f"{vergelijking(totaal, vorig_totaal, periode)}.")
    return " ".join(zinnen)


def gebied(periode, naam, n, afgeschermd=False):
    """Signals from one aandachtsgebied; 1 to 4 are reported as 'minder dan vijf'.

    afgeschermd: the count is hidden in the table to protect a small count elsewhere
    (complementary suppression), so the sentence only says 'vijf of meer'.
    """
    n = int(n)
    waar = gebied_woord(naam)
    wanneer = hoofdletter(periode.wanneer())
    if n == 0:
        return f"{wanneer} zijn er geen signalen {waar} ontvangen."
    if n < ONDERDRUKT_ONDER:
        return f"{wanneer} zijn er minder dan vijf signalen {waar} ontvangen."
    if afgeschermd:
        return f"{wanneer} zijn er vijf of meer signalen {waar} ontvangen."
    return f"{wanneer} zijn er {woord(n)} signalen {waar} ontvangen."


def thema_ontvangen(periode, thema, nu, vorig):
    """Signals and meldingen about one theme, compared: used for zorgfraude."""
    n = int(nu)
    wat = aantal(n, "signaal of melding", "signalen en meldingen", geen="signalen of meldingen")
    return (f"{hoofdletter(periode.wanneer())} {_zijn_er(n)} {wat} over {thema_woord(thema)} "
            f"ontvangen{vergelijking(n, vorig, periode)}.")


def dol(periode, registraties, vorig, opkopers, gestolen=None):
    """DOL/DOR: registrations by dealers, compared, and matches with stolen goods."""
    n = int(registraties)
    wanneer = hoofdletter(periode.wanneer())
    if n == 0:
        zin = (f"{wanneer} zijn er geen registraties in het Digitaal Opkopersregister gedaan"
               f"{vergelijking(0, vorig, periode)}.")
        return zin
    zinnen = [f"{wanneer} {_zijn_er(n)} {_in_totaal(n)}{aantal(n, 'registratie', 'registraties')}"
              f" in het Digitaal Opkopersregister gedaan door "
              f"{aantal(int(opkopers), 'opkoper', 'opkopers')}{vergelijking(n, vorig, periode)}."]
    if gestolen is not None:
        g = int(gestolen)
        if g == 0:
            zinnen.append("Geen daarvan leverde een match op met als gestolen geregistreerde "
                          "goederen.")
        else:
            verb = "leverde" if g == 1 else "leverden"
            zinnen.append(f"Daarvan {verb} er {woord(g)} een match op met als gestolen "
                          "geregistreerde goederen.")
    return " ".join(zinnen)


def registercontroles(periode, n, eerder):
    """Register checks of the DOL/DOR; the first ones ever are called the first."""
    n, eerder = int(n), int(eerder)
    wanneer = hoofdletter(periode.wanneer())
    if n == 0:
        nog = "nog " if eerder == 0 else ""
        return f"{wanneer} zijn {nog}geen registercontroles uitgevoerd."
    if eerder == 0:
        if n == 1:
            return f"{wanneer} is de eerste registercontrole uitgevoerd."
        return f"{wanneer} zijn de eerste registercontroles uitgevoerd: {woord(n)} in totaal."
    verb = "is" if n == 1 else "zijn"
    return f"{wanneer} {verb} {aantal(n, 'registercontrole', 'registercontroles')} uitgevoerd."
