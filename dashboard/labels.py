"""Dutch labels and icons: each value of the contract has one label, each plan state one icon.

The labels themselves live beside the values in data_pipeline.contract; this module adds the
few values the dashboard shows that are not in the contract (a missing domein is 'onbekend', a
discussed signal without vervolg is 'nog niet bepaald') and the icons. Icons are Streamlit's
Material Symbols (markdown :material/...:), which need no emoji font; a label always stands
beside them, so no meaning rests on the icon or its colour alone.
"""

from data_pipeline.contract import (BRANCHES, BRONNEN, DOMEINEN, INSTRUMENTEN, SOURCES, SPOREN,
                                    STATUSSEN, THEMAS, VERVOLGEN, VOORTGANG)

ONBEKEND = "Onbekend"
KINDS = {
    "thema": THEMAS,
    "bron": BRONNEN,
    "status": STATUSSEN,
    "vervolg": {**VERVOLGEN, "nog_niet_bepaald": "Nog niet bepaald"},
    "instrument": INSTRUMENTEN,
    "domein": {**DOMEINEN, "onbekend": ONBEKEND},
    "branche": BRANCHES,
    "voortgang": VOORTGANG,
    "spoor": {nr: f"Spoor {nr}: {naam}" for nr, naam in SPOREN.items()},
    "source": {name: source.label for name, source in SOURCES.items()},
}

VOORTGANG_ICONEN = {
    "niet_gestart": ":material/radio_button_unchecked:",
    "in_voorbereiding": ":material/pending:",
    "loopt": ":material/play_circle:",
    "afgerond": ":material/check_circle:",
    "vertraagd": ":material/hourglass_bottom:",
    "geschrapt": ":material/cancel:",
}
# The verdict on a plan goal (dashboard.plan.attention): label, icon and colour together.
OORDEEL = {0: ("Achter", ":material/error:", "red"), 1: ("Risico", ":material/warning:", "orange"),
           2: ("Op schema", ":material/check:", "green"), 3: ("Klaar", ":material/flag:", "gray")}


def label(kind, value):
    """The Dutch label of a value of one kind ('thema', 'bron', ...); unknown values as given,
    a missing thema as Onbekend."""
    if value is None or value == "":
        return ONBEKEND if kind in ("thema", "domein") else "–"
    return KINDS[kind].get(value, str(value))


def in_zin(label):
    """A label inside a sentence: 'Last onder dwangsom' -> 'last onder dwangsom'; 'RIEC' and
    'M-meldingen' keep their capitals."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def thema(value):
    """The Dutch label of a canonical theme; unknown labels show as Onbekend."""
    return THEMAS.get(value or "onbekend", ONBEKEND)


def gebied(value):
    """An aandachtsgebied as a label: buitengebied -> Buitengebied, empty -> Geen gebied."""
    if not value:
        return "Geen aandachtsgebied"
    return str(value).replace("_", " ").capitalize()


def uitkomst(value):
    """A free-text outcome (Bibob, register check) as a label; none yet is said in words."""
    if not value or value == "nog_geen_uitkomst":
        return "Nog geen uitkomst"
    return str(value).replace("_", " ").capitalize()


def voortgang(value):
    """Markdown ':material/check_circle: Afgerond' for a voortgang; empty is Niet gestart."""
    value = value or "niet_gestart"
    return f"{VOORTGANG_ICONEN.get(value, '')} {label('voortgang', value)}".strip()


def oordeel(rang):
    """The verdict on a goal as coloured Markdown with icon and word: ':red[:material/...: Achter]'."""
    woord, icoon, kleur = OORDEEL[rang]
    return f":{kleur}[{icoon} {woord}]"
