"""Dutch display labels of the contract's enum values, shared by pages and reports."""

from data_pipeline.contract import SPOREN, THEMA_LABELS

SOURCE_LABELS = {
    "signalen": "Signalen",
    "m_meldingen": "M-meldingen",
    "handhaving": "Handhaving & Bibob",
    "dol_registraties": "DOL-registraties",
    "uitvoeringsplan": "Uitvoeringsplan",
}

INSTRUMENT_LABELS = {
    "opiumwet_13b_sluiting": "Sluiting (art. 13b Opiumwet)",
    "last_onder_dwangsom": "Last onder dwangsom",
    "apv_straathandel": "APV-maatregel straathandel",
    "bibob_onderzoek": "Bibob-onderzoek",
    "registercontrole_dol_dor": "Registercontrole DOL/DOR",
    "bestuurlijke_waarschuwing": "Bestuurlijke waarschuwing",
    "bestuurlijke_boete": "Bestuurlijke boete",
    "anders": "Anders",
}

BRON_LABELS = {
    "meld_misdaad_anoniem": "Meld Misdaad Anoniem", "politie": "Politie", "gemeente": "Gemeente",
    "inwoner": "Inwoner", "ondernemer": "Ondernemer", "riec": "RIEC",
    "ketenpartner": "Ketenpartner", "anders": "Anders",
}

BRANCHE_LABELS = {
    "goud_en_sieraden": "Goud en sieraden", "telefoons_en_elektronica": "Telefoons en elektronica",
    "fietsen": "Fietsen", "tweedehands_algemeen": "Tweedehands algemeen", "anders": "Anders",
}

# voortgang: label and icon, so the status never depends on colour alone. The icons are
# Streamlit's Material Symbols (markdown :material/...:), which need no emoji font.
VOORTGANG_LABELS = {
    "niet_gestart": ("Niet gestart", ":material/radio_button_unchecked:"),
    "in_voorbereiding": ("In voorbereiding", ":material/schedule:"),
    "loopt": ("Loopt", ":material/play_circle:"),
    "afgerond": ("Afgerond", ":material/check_circle:"),
    "vertraagd": ("Vertraagd", ":material/warning:"),
    "geschrapt": ("Geschrapt", ":material/cancel:"),
}

SPOOR_LABELS = {nr: f"Spoor {nr}: {naam}" for nr, naam in SPOREN.items()}


def thema(value):
    """The Dutch label of a canonical theme; unknown labels show as Onbekend."""
    return THEMA_LABELS.get(value or "onbekend", THEMA_LABELS["onbekend"])


def gebied(value):
    """An aandachtsgebied as a label: buitengebied -> Buitengebied, empty -> Geen gebied."""
    if not value:
        return "Geen aandachtsgebied"
    return str(value).replace("_", " ").capitalize()


def voortgang(value):
    """Markdown ':material/check_circle: Afgerond' for a voortgang; empty is Niet gestart."""
    label, icon = VOORTGANG_LABELS.get(value or "niet_gestart", (str(value), ""))
    return f"{icon} {label}"
