"""Production accounts: the credentials YAML that streamlit-authenticator 0.4.2 reads.

Format: credentials.usernames.<name>.{name, password (bcrypt hash), roles: [...], gemeente}
(gemeente: the one whose records the account sees, from config/gemeenten.yaml). The file
lives outside git; its path comes from $LOO_CREDENTIALS or --file. It only ever holds hashes,
and it is rewritten atomically (temp file + os.replace) with mode 0600.
"""

import os
import re
import tempfile
from pathlib import Path

import bcrypt
import yaml
from zxcvbn import zxcvbn

from dashboard.roles import ROLES

MIN_PASSWORD = 12
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
MIN_STRENGTH = 3  # zxcvbn's score (0-4): 3 is at least 10^8 guesses
KNOWN_WORDS = ["wassenaar", "loo", "ondermijning", "regisseur", "manager", "dashboard"]
USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d+\$.{53}$")


class UsersError(Exception):
    """An account change that cannot be made; the message is Dutch."""


def credentials_path(explicit=None):
    """--file, else $LOO_CREDENTIALS; no default, so production never picks up a stray file."""
    if explicit:
        return Path(explicit)
    if os.environ.get("LOO_CREDENTIALS"):
        return Path(os.environ["LOO_CREDENTIALS"])
    raise UsersError("Geen accountbestand: geef --file PAD of zet LOO_CREDENTIALS.")


def read(path):
    """The whole configuration; an absent file is an empty one."""
    path = Path(path)
    if not path.exists():
        return {"credentials": {"usernames": {}}}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsersError(f"Accountbestand {path.name} is geen geldige YAML.") from exc
    if not isinstance(data, dict):
        raise UsersError(f"Accountbestand {path.name} heeft niet de verwachte opbouw.")
    creds = data.setdefault("credentials", {}) or {}
    data["credentials"] = creds
    creds["usernames"] = creds.get("usernames") or {}
    return data


def write(path, data):
    """Write atomically with mode 0600: a crash leaves the old file or the new one, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def check_password(password, username=None):
    """Refuse a password that is short, blank, too long for bcrypt, the account name or guessable."""
    if not password.strip():
        raise UsersError("Wachtwoord bestaat alleen uit spaties of is leeg.")
    if password != password.strip():
        raise UsersError("Wachtwoord begint of eindigt met een spatie; het inlogscherm laat "
                         "die weg, zodat u er nooit mee zou kunnen inloggen.")
    if len(password) < MIN_PASSWORD:
        raise UsersError(f"Wachtwoord te kort: minimaal {MIN_PASSWORD} tekens.")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UsersError(f"Wachtwoord te lang: bcrypt gebruikt hoogstens {MAX_PASSWORD_BYTES} "
                         "bytes (letters met accenten tellen dubbel); kies een korter wachtwoord.")
    if username and password.strip().lower() == username.lower():
        raise UsersError("Wachtwoord mag niet gelijk zijn aan de accountnaam.")
    if zxcvbn(password, user_inputs=[*KNOWN_WORDS, username or ""])["score"] < MIN_STRENGTH:
        raise UsersError("Wachtwoord is te makkelijk te raden (een veelgebruikt wachtwoord, een "
                         "herhaling, een reeks of de accountnaam met cijfers). Kies een langere "
                         "zin of een willekeurig wachtwoord uit een wachtwoordmanager.")


def hash_password(password):
    """A bcrypt hash of the password (cost 12)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12)).decode("ascii")


def check_roles(roles):
    """The roles, deduplicated; at least one, each from ROLES."""
    roles = list(dict.fromkeys(roles or []))
    if not roles:
        raise UsersError(f"Geef minstens één rol: {', '.join(ROLES)}.")
    wrong = [r for r in roles if r not in ROLES]
    if wrong:
        raise UsersError(f"Onbekende rol {', '.join(wrong)}; kies uit {', '.join(ROLES)}.")
    return roles


def check_username(username):
    """Lower case letters, digits, . _ -; streamlit-authenticator lower-cases names anyway."""
    if not USERNAME.match(username or ""):
        raise UsersError("Accountnaam: 2 tot 32 tekens, kleine letters, cijfers, '.', '_' of "
                         "'-', beginnend met een letter.")
    return username


# Demo accounts (no credentials configured): name -> (role, gemeente). design.md's three keep
# their names and belong to Wassenaar; issue 16 adds a Zoetermeer LOO member and the district
# coordinator.
DEMO = {
    "regisseur": ("regisseur", "Wassenaar"),
    "loo": ("loo", "Wassenaar"),
    "manager": ("manager", "Wassenaar"),
    "loo_zoetermeer": ("loo", "Zoetermeer"),
    "district": ("district", "Zoetermeer"),
}


def demo_credentials(password_hash):
    """The demo accounts in the library's format, each with one role and its gemeente."""
    return {"usernames": {
        naam: {"name": naam, "email": f"{naam}@demo.invalid", "password": password_hash,
               "roles": [rol], "gemeente": gemeente}
        for naam, (rol, gemeente) in DEMO.items()}}


def gemeente_van(credentials, username):
    """The gemeente of an account in a usernames mapping; None when it names none."""
    user = (credentials or {}).get(username) or {}
    gemeente = user.get("gemeente") if isinstance(user, dict) else None
    return str(gemeente) if gemeente else None


def check_gemeente(gemeente):
    """The gemeente as config/gemeenten.yaml spells it (case and hyphens aside); None stays
    None (a single-gemeente deployment)."""
    if gemeente is None:
        return None
    from data_pipeline.normalise import norm_key
    from data_pipeline.settings import load_district

    bekend = {norm_key(n): n for n in load_district().gemeenten}
    if norm_key(gemeente) not in bekend:
        raise UsersError(f"Onbekende gemeente; kies uit {', '.join(bekend.values())} "
                         "(config/gemeenten.yaml).")
    return bekend[norm_key(gemeente)]


def add(path, username, password_hash, roles, name=None, gemeente=None):
    """Add a new account, of a gemeente when given; an existing name is refused."""
    check_username(username)
    data = read(path)
    users = data["credentials"]["usernames"]
    if username in users:
        raise UsersError(f"Account '{username}' bestaat al; gebruik passwd om het wachtwoord "
                         "te wijzigen.")
    users[username] = {"name": name or username, "password": password_hash,
                       "roles": check_roles(roles)}
    if gemeente is not None:
        users[username]["gemeente"] = check_gemeente(gemeente)
    write(path, data)


def remove(path, username):
    """Remove an account."""
    data = read(path)
    if username not in data["credentials"]["usernames"]:
        raise UsersError(f"Account '{username}' bestaat niet.")
    del data["credentials"]["usernames"][username]
    write(path, data)


def set_password(path, username, password_hash):
    """Replace an account's password hash."""
    data = read(path)
    if username not in data["credentials"]["usernames"]:
        raise UsersError(f"Account '{username}' bestaat niet.")
    data["credentials"]["usernames"][username]["password"] = password_hash
    write(path, data)


def accounts(path):
    """(username, name, roles) per account, sorted; never the hashes."""
    users = read(path)["credentials"]["usernames"]
    return [(u, (v or {}).get("name") or u, list((v or {}).get("roles") or []))
            for u, v in sorted(users.items())]


def problems(data):
    """What makes a credentials configuration unusable in production, in Dutch; [] if none."""
    users = ((data or {}).get("credentials") or {}).get("usernames") or {}
    found = []
    if not users:
        found.append("het accountbestand bevat geen accounts")
    for username, user in users.items():
        user = user or {}
        if not BCRYPT_HASH.match(str(user.get("password") or "")):
            found.append(f"account '{username}' heeft geen bcrypt-hash als wachtwoord")
        roles = user.get("roles") or []
        if not roles or any(r not in ROLES for r in roles):
            found.append(f"account '{username}' heeft geen geldige rol")
    return found
