"""Who may see what, written out from the page table of the design (docs: Pages, roles and
URLs), not read from dashboard.roles: a change to the product's table must fail the tests that
use this one, not move their expectations along with it."""

ROLES = ("regisseur", "loo", "manager")
_ALLE = frozenset(ROLES)

# page id (its url path and pages/<id>.py): (title in the menu, roles that may open it),
# in the order of the menu
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


def title(page_id):
    """The title of a page in the menu and above the page."""
    return PAGES[page_id][0]


def may_open(rol, page_id):
    """True when the design lets this role open the page."""
    return rol in PAGES[page_id][1]


def pages_of(rol):
    """The pages a role sees in its menu, in menu order."""
    return [p for p in PAGES if may_open(rol, p)]
