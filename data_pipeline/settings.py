"""The regisseur's configuration: header aliases, theme mapping and defaults from config/*.yaml."""

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core import resources

from data_pipeline.contract import SOURCES, THEMAS
from data_pipeline.normalise import norm_key

CONFIG_DIR = resources.folder("config")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is Dutch and names the file."""


@dataclass
class Settings:
    """Everything the loader takes from configuration, already normalised."""

    gemeente: str = "Wassenaar"
    vroegste_datum: str = "1990-01-01"
    toekomst_toegestaan: dict = field(default_factory=dict)  # source -> set of date columns
    max_per_soort: int = 20
    bestandsnamen: dict = field(default_factory=dict)  # normalised prefix -> source
    kolommen: dict = field(default_factory=dict)  # source -> {normalised alias: column}
    waarden: dict = field(default_factory=dict)  # column -> {normalised alias: value}
    themas: dict = field(default_factory=dict)  # normalised label -> canonical thema
    gemeenten: dict = field(default_factory=dict)  # normalised file-name prefix -> gemeente


@dataclass(frozen=True)
class Gemeente:
    """One gemeente of the deployment (config/gemeenten.yaml): its name as the exports write it,
    the file-name prefix the loader recognises and inhabitants per year (jaar -> (aantal,
    peildatum))."""

    naam: str
    bestandsnaam: str
    inwoners: dict


@dataclass(frozen=True)
class District:
    """config/gemeenten.yaml: the gemeenten, the source of the population figures and the
    reference value of meldingsbereidheid (waarde, omschrijving, bron)."""

    gemeenten: dict  # naam -> Gemeente, in file order
    inwoners_bron: str
    referentie: dict


def config_dir(explicit=None):
    """The configuration folder: explicit, else $LOO_CONFIG, else the config/ that ships."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_CONFIG"):
        return Path(os.environ["LOO_CONFIG"])
    return CONFIG_DIR


def _read_yaml(path):
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Configuratiebestand {path.name} is geen geldige YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"Configuratiebestand {path.name} moet een lijst van sleutels bevatten.")
    return data


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _column_aliases(data):
    """Per source: normalised alias -> canonical column, from kolomnamen.yaml."""
    common = data.get("alle") or {}
    result = {}
    for name, source in SOURCES.items():
        mapping = {norm_key(c): c for c in source.column_names}
        for section_name in ("alle", name):
            section = common if section_name == "alle" else (data.get(name) or {})
            for column, aliases in section.items():
                if column not in source.column_names:
                    if section_name == "alle":
                        continue
                    raise ConfigError(
                        f"kolomnamen.yaml: kolom '{column}' bestaat niet bij bron '{name}'.")
                for alias in _as_list(aliases):
                    key = norm_key(alias)
                    if mapping.get(key, column) != column:
                        raise ConfigError(
                            f"kolomnamen.yaml: alias '{alias}' verwijst bij bron '{name}' naar "
                            f"zowel '{mapping[key]}' als '{column}'.")
                    mapping[key] = column
        result[name] = mapping
    return result


def _value_aliases(data):
    """Per column name: normalised alias -> canonical enum value, from kolomnamen.yaml 'waarden'."""
    result = {}
    for column, aliases in (data.get("waarden") or {}).items():
        result[column] = {norm_key(alias): str(value) for alias, value in (aliases or {}).items()}
    return result


def _themas(data):
    """Normalised label -> canonical thema; canonical names and display labels map to themselves."""
    mapping = {}
    for thema in THEMAS:
        mapping[norm_key(thema)] = thema
        mapping[norm_key(THEMAS[thema])] = thema
    for thema, labels in data.items():
        if thema not in THEMAS:
            raise ConfigError(
                f"themas.yaml: '{thema}' is geen thema; kies uit {', '.join(THEMAS)}.")
        for label in _as_list(labels):
            key = norm_key(label)
            if mapping.get(key, thema) != thema:
                raise ConfigError(
                    f"themas.yaml: label '{label}' staat bij zowel '{mapping[key]}' als '{thema}'.")
            mapping[key] = thema
    return mapping


def _file_prefixes(data):
    prefixes = {norm_key(name): name for name in SOURCES}
    prefixes[norm_key("plan_doelen")] = "uitvoeringsplan"
    for prefix, source in (data.get("bestandsnamen") or {}).items():
        if source not in SOURCES:
            raise ConfigError(
                f"instellingen.yaml: bestandsnaam '{prefix}' verwijst naar onbekende bron "
                f"'{source}'.")
        prefixes[norm_key(prefix)] = source
    return prefixes


def _gemeente(naam, data):
    if not isinstance(data, dict):
        raise ConfigError(f"gemeenten.yaml: gemeente '{naam}' heeft geen instellingen.")
    inwoners = {}
    for jaar, waarde in (data.get("inwoners") or {}).items():
        try:
            aantal = int(waarde["aantal"])
            peildatum = str(waarde.get("peildatum") or f"{int(jaar)}-01-01")
            jaar = int(jaar)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"gemeenten.yaml: inwoners van '{naam}' in {jaar} moeten een "
                              "'aantal' (geheel getal) en een 'peildatum' hebben.") from exc
        if aantal <= 0:
            raise ConfigError(f"gemeenten.yaml: inwoners van '{naam}' in {jaar} moeten meer "
                              "dan 0 zijn.")
        inwoners[jaar] = (aantal, peildatum)
    return Gemeente(str(naam), norm_key(str(data.get("bestandsnaam") or naam)), inwoners)


def load_district(directory=None, default="Wassenaar"):
    """config/gemeenten.yaml as a District; without the file, the one gemeente of
    instellingen.yaml (without population figures)."""
    folder = config_dir(directory)
    data = _read_yaml(folder / "gemeenten.yaml")
    gemeenten = {str(n): _gemeente(n, v) for n, v in (data.get("gemeenten") or {}).items()}
    if not gemeenten:
        naam = str(_read_yaml(folder / "instellingen.yaml").get("gemeente", default))
        gemeenten = {naam: Gemeente(naam, norm_key(naam), {})}
    prefixes = [g.bestandsnaam for g in gemeenten.values()]
    if len(set(prefixes)) != len(prefixes):
        raise ConfigError("gemeenten.yaml: twee gemeenten hebben hetzelfde begin van de "
                          "bestandsnaam.")
    return District(gemeenten, str(data.get("inwoners_bron") or ""),
                    dict(data.get("meldingsbereidheid_referentie") or {}))


def load_settings(directory=None):
    """Read the three YAML files; read on every load so that edits apply without a restart."""
    folder = config_dir(directory)
    inst = _read_yaml(folder / "instellingen.yaml")
    kolom = _read_yaml(folder / "kolomnamen.yaml")
    themas = _read_yaml(folder / "themas.yaml")
    future = {src: set(_as_list(cols))
              for src, cols in (inst.get("datums_in_toekomst_toegestaan") or {}).items()}
    return Settings(
        gemeente=str(inst.get("gemeente", "Wassenaar")),
        vroegste_datum=str(inst.get("vroegste_datum", "1990-01-01")),
        toekomst_toegestaan=future,
        max_per_soort=int(inst.get("max_meldingen_per_soort", 20)),
        bestandsnamen=_file_prefixes(inst),
        kolommen=_column_aliases(kolom),
        waarden=_value_aliases(kolom),
        themas=_themas(themas),
        gemeenten={g.bestandsnaam: g.naam for g in load_district(directory).gemeenten.values()},
    )
