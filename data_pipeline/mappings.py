"""Adding a theme label or a column alias to the configuration from the app.

The regisseur meets an unknown theme label or column name on the Data page and maps it there,
instead of editing config/themas.yaml or config/kolomnamen.yaml on the server. The change is a
line added to the hand-written file (its comments and order stay), checked by reading the new
text with the same rules as every load before it replaces the file atomically. Labels and
aliases come from exports; one that looks like personal data is refused like any typed text.
"""

import json
import os
import re
import tempfile

import yaml

from data_pipeline import privacy
from data_pipeline.contract import SOURCES, THEMAS
from data_pipeline.normalise import norm_key
from data_pipeline.settings import ConfigError, _column_aliases, _themas, config_dir

MAX_LENGTH = 100  # a label or header longer than this is no label
NOT_EXTENDABLE = ("{name} heeft een vorm die de app niet kan aanvullen; er is niets veranderd. "
                  "Pas het bestand met de hand aan.")


def _checked(text, what):
    """The text, stripped; a Dutch ConfigError when it cannot go into the configuration."""
    text = (text or "").strip()
    if not text:
        raise ConfigError(f"Vul {what} in.")
    if len(text) > MAX_LENGTH or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise ConfigError(f"{what.capitalize()} is te lang of bevat een stuurteken.")
    if kinds := privacy.find_identifiers(text):
        raise ConfigError(f"{what.capitalize()} lijkt een {' of '.join(kinds)}; dat hoort niet "
                          "in de configuratie.")
    return text


def _block(lines, key):
    """(index of the top-level 'key:' line, index after its block), or None when absent."""
    start = next((i for i, line in enumerate(lines)
                  if re.match(rf"{re.escape(key)}:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    end = start + 1
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i][0].isspace() and not lines[i].startswith("#"):
            break
        if lines[i].strip():
            end = i + 1
    return start, end


def _write(path, text):
    """Replace the file at once (a reader sees the old or the new file, never half of one)."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _read(path):
    try:
        return path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as exc:
        raise ConfigError(f"{path.name} is niet te lezen.") from exc


def _parse(text, name):
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name} is na de wijziging geen geldige YAML; er is niets "
                          "veranderd. Pas het bestand met de hand aan.") from exc


def add_theme_label(thema, label, directory=None):
    """Map a theme label to a theme in themas.yaml; returns the file's path."""
    if thema not in THEMAS or thema == "onbekend":
        keuzes = ", ".join(t for t in THEMAS if t != "onbekend")
        raise ConfigError(f"'{thema}' is geen thema om aan te koppelen; kies uit {keuzes}.")
    label = _checked(label, "het label")
    path = config_dir(directory) / "themas.yaml"
    text = _read(path)
    data = _parse(text, path.name)
    current = _themas(data)
    if current.get(norm_key(label)) not in (None, "onbekend"):
        raise ConfigError(f"Dit label hoort al bij thema '{current[norm_key(label)]}'.")
    lines = text.splitlines()
    entry = f"  - {json.dumps(label, ensure_ascii=False)}"
    found = _block(lines, thema)
    if found:
        lines.insert(found[1], entry)
    elif thema not in data:
        lines += ["", f"{thema}:", entry]
    new = "\n".join(lines) + "\n"
    # the new file must say exactly what the old one said, plus this label
    if _themas(_parse(new, path.name)) != {**current, norm_key(label): thema}:
        raise ConfigError(NOT_EXTENDABLE.format(name=path.name))
    _write(path, new)
    return path


def add_column_alias(bron, kolom, alias, directory=None):
    """Add an alias for a contract column of one source in kolomnamen.yaml; returns the path."""
    if bron not in SOURCES or kolom not in SOURCES[bron].column_names:
        raise ConfigError(f"Kolom '{kolom}' bestaat niet bij bron '{bron}'.")
    alias = _checked(alias, "de kolomnaam")
    path = config_dir(directory) / "kolomnamen.yaml"
    text = _read(path)
    data = _parse(text, path.name)
    current = _column_aliases(data)
    known = current[bron].get(norm_key(alias))
    if known is not None:
        raise ConfigError(f"Deze kolomnaam hoort bij {bron} al bij kolom '{known}'.")
    lines = text.splitlines()
    quoted = json.dumps(alias, ensure_ascii=False)
    found = _block(lines, bron)
    if found is None and bron not in data:
        lines += ["", f"{bron}:", f"  {kolom}: [{quoted}]"]
    elif found is not None:
        line = next((i for i in range(found[0] + 1, found[1])
                     if re.match(rf"  {re.escape(kolom)}:\s*\[.*\]\s*(#.*)?$", lines[i])), None)
        if line is None:
            lines.insert(found[1], f"  {kolom}: [{quoted}]")
        else:
            head, _, rest = lines[line].rpartition("]")
            sep = "" if head.rstrip().endswith("[") else ", "
            lines[line] = f"{head}{sep}{quoted}]{rest}"
    new = "\n".join(lines) + "\n"
    expected = {**current, bron: {**current[bron], norm_key(alias): kolom}}
    if _column_aliases(_parse(new, path.name)) != expected:
        raise ConfigError(NOT_EXTENDABLE.format(name=path.name))
    _write(path, new)
    return path
