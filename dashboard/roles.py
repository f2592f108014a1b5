"""Who may do what: the page table of design.md and the named permission checks, failing closed.

Every decision about a role is made here: pages, the report and the security glue ask these
functions and never compare role names themselves.
"""

from typing import NamedTuple

ROLES = ("regisseur", "loo", "manager", "district")

_ALLE = frozenset(ROLES)
_GEMEENTE = frozenset({"regisseur", "loo", "manager"})  # the pages of one gemeente
_RECORDS = frozenset({"regisseur", "loo"})  # see pseudonymised record lists and exact small counts
_REGISSEUR = frozenset({"regisseur"})


class Page(NamedTuple):
    """One page: its Dutch title, menu icon, the roles that may open it and whether it shows
    records (a pseudonymised list: every view of it is in the audit trail)."""

    title: str
    icon: str
    roles: frozenset
    records: bool = False


# page_id -> Page; the page id is also its url path and its file pages/<id>.py
PAGES = {
    "overzicht": Page("Overzicht", ":material/dashboard:", _GEMEENTE),
    "trends": Page("Trends per thema", ":material/show_chart:", _GEMEENTE),
    "jaarvergelijking": Page("Jaarvergelijking", ":material/compare_arrows:", _GEMEENTE),
    "loo": Page("LOO-overleg", ":material/groups:", _RECORDS, records=True),
    "handhaving": Page("Handhaving & Bibob", ":material/gavel:", _GEMEENTE),
    "dol": Page("DOL/DOR-toezicht", ":material/storefront:", _GEMEENTE, records=True),
    "uitvoeringsplan": Page("Uitvoeringsplan", ":material/flag:", _GEMEENTE),
    "rapportage": Page("Rapportage", ":material/description:", frozenset({"regisseur", "manager"})),
    "data": Page("Data & kwaliteit", ":material/database:", _REGISSEUR),
    "audit": Page("Auditlog", ":material/policy:", _REGISSEUR),
    # aggregates only, every gemeente per 10.000 inhabitants; the district coordinator's page
    "district": Page("District", ":material/hub:", _ALLE),
}


def _holds(roles, allowed):
    """True only when roles is a list or tuple with at least one of the allowed roles."""
    if not roles or not isinstance(roles, (list, tuple, frozenset, set)):
        return False
    try:
        return any(r in allowed for r in roles)
    except TypeError:
        return False


def allowed(page_id, roles):
    """True only when one of the given roles may open the page; unknown or empty input is False."""
    return page_id in PAGES and _holds(roles, PAGES[page_id].roles)


def may_see_records(roles):
    """Pseudonymised record lists (the LOO lists, opkopers by pseudonym)."""
    return _holds(roles, _RECORDS)


def may_see_small_counts(roles):
    """Exact counts of 1 to 4 below the municipality on screen (exports shield them always)."""
    return _holds(roles, _RECORDS)


def may_edit_plan(roles):
    """Recording progress of the uitvoeringsplan."""
    return _holds(roles, _REGISSEUR)


def has_role(roles):
    """True only for a list or tuple holding at least one known role."""
    return _holds(roles, _ALLE)


def start_page(roles):
    """The page a role lands on: Overzicht, or the first page of the menu it may open."""
    return next((p for p in PAGES if allowed(p, roles)), "overzicht")


def record_pages():
    """The ids of the pages that show records."""
    return tuple(p for p, page in PAGES.items() if page.records)


def title(page_id):
    """The Dutch title of a page."""
    return PAGES[page_id].title


def rol_label(roles):
    """The role to show in the sidebar: the strongest role the user has."""
    for rol in ROLES:
        if roles and rol in roles:
            return rol
    return "onbekend"
