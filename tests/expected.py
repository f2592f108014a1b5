"""Outside expectations, written out here and not read from the product: who may see what
(the page table of the design, docs: Pages, roles and URLs, not dashboard.roles) and what the
audit hash covers (not core.audit). A change to the product's table or scheme must fail the
tests that use these, not move their expectations along with it."""

ROLES = ("regisseur", "loo", "manager", "district")
_ALLE = frozenset(ROLES)
_GEMEENTE = frozenset({"regisseur", "loo", "manager"})  # the district coordinator: none of these

# page id (its url path and pages/<id>.py): (title in the menu, roles that may open it),
# in the order of the menu
PAGES = {
    "overzicht": ("Overzicht", _GEMEENTE),
    "trends": ("Trends per thema", _GEMEENTE),
    "jaarvergelijking": ("Jaarvergelijking", _GEMEENTE),
    "loo": ("LOO-overleg", frozenset({"regisseur", "loo"})),
    "handhaving": ("Handhaving & Bibob", _GEMEENTE),
    "dol": ("DOL/DOR-toezicht", _GEMEENTE),
    "uitvoeringsplan": ("Uitvoeringsplan", _GEMEENTE),
    "rapportage": ("Rapportage", frozenset({"regisseur", "manager"})),
    "data": ("Data & kwaliteit", frozenset({"regisseur"})),
    "audit": ("Auditlog", frozenset({"regisseur"})),
    # design.md, District mode: every role, aggregates only (issue 16)
    "district": ("District", _ALLE),
}


# the page each role lands on after login (design.md, District mode: the district coordinator
# lands on District, the others on Overzicht)
LANDING = {"regisseur": "overzicht", "loo": "overzicht", "manager": "overzicht",
           "district": "district"}


# pages that show their figures as tables only, without a chart (District: aggregates per
# gemeente in tables)
TABLES_ONLY = frozenset({"district"})


def landing(rol):
    """The page id a role sees first after logging in."""
    return LANDING[rol]


def title(page_id):
    """The title of a page in the menu and above the page."""
    return PAGES[page_id][0]


def may_open(rol, page_id):
    """True when the design lets this role open the page."""
    return rol in PAGES[page_id][1]


def pages_of(rol):
    """The pages a role sees in its menu, in menu order."""
    return [p for p in PAGES if may_open(rol, p)]


# The audit trail's hash (docs/privacy.md, Audittrail): HMAC-SHA256 with the key file's content
# (surrounding whitespace removed) as key, over the UTF-8 of the JSON object of exactly these
# fields, keys sorted, no spaces, non-ASCII as is. Entries from before the key: plain sha256 of
# the same text.
AUDIT_HASHED_FIELDS = ("seq", "tijd", "user", "role", "action", "object", "detail", "prev_hash")
AUDIT_GENESIS = "0" * 64
# The entry that closes the unkeyed entries of an older trail, with detail {"oude_regels": N}.
AUDIT_SEAL = "keten_gesleuteld"
