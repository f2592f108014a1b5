"""Which role may open which page: the table of design.md, failing closed."""

ROLES = ("regisseur", "loo", "manager")

_ALLE = frozenset(ROLES)

# page_id -> (title, roles); the page id is also its url path and its file pages/<id>.py.
PAGES = {
    "overzicht": ("Overzicht", _ALLE),
    "trends": ("Trends per thema", _ALLE),
    "jaarvergelijking": ("Jaarvergelijking", _ALLE),
    "loo": ("LOO-overleg", frozenset({"regisseur", "loo"})),
    "handhaving": ("Handhaving & Bibob", _ALLE),
    "dol": ("DOL/DOR-toezicht", _ALLE),
    "uitvoeringsplan": ("Uitvoeringsplan", _ALLE),
    "rapportage": ("Rapportage", frozenset({"regisseur", "manager"})),
    "data": ("Data & kwaliteit", frozenset({"regisseur"})),
    "audit": ("Auditlog", frozenset({"regisseur"})),
}


def allowed(page_id, roles):
    """True only when one of the given roles may open the page; unknown or empty input is False."""
    if page_id not in PAGES or not roles or isinstance(roles, str | bytes):
        return False
    try:
        return any(r in PAGES[page_id][1] for r in roles)
    except TypeError:
        return False


def title(page_id):
    """The Dutch title of a page."""
    return PAGES[page_id][0]


def rol_label(roles):
    """The role to show in the sidebar: the strongest role the user has."""
    for rol in ROLES:
        if roles and rol in roles:
            return rol
    return "onbekend"
