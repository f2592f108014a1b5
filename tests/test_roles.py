"""Roles: the table of design.md, failing closed."""

import pytest

from dashboard import roles


def test_every_page_of_the_design_table_is_there_with_its_roles():
    assert {p: sorted(page.roles) for p, page in roles.PAGES.items()} == {
        "overzicht": ["loo", "manager", "regisseur"],
        "trends": ["loo", "manager", "regisseur"],
        "jaarvergelijking": ["loo", "manager", "regisseur"],
        "loo": ["loo", "regisseur"],
        "handhaving": ["loo", "manager", "regisseur"],
        "dol": ["loo", "manager", "regisseur"],
        "uitvoeringsplan": ["loo", "manager", "regisseur"],
        "rapportage": ["manager", "regisseur"],
        "data": ["regisseur"],
        "audit": ["regisseur"],
    }


@pytest.mark.parametrize("given", [None, [], (), "regisseur", ["beheerder"], [None], 42])
def test_missing_odd_or_unknown_roles_are_refused(given):
    assert not roles.allowed("overzicht", given)


def test_an_unknown_page_is_refused_even_for_the_regisseur():
    assert not roles.allowed("geheim", ["regisseur"])


def test_manager_gets_no_record_level_pages():
    assert not roles.allowed("loo", ["manager"]) and not roles.allowed("data", ["manager"])


def test_one_allowed_role_among_several_is_enough():
    assert roles.allowed("data", ["manager", "regisseur"])


@pytest.mark.parametrize("check, allowed", [
    (roles.may_see_records, {"regisseur", "loo"}),
    (roles.may_see_small_counts, {"regisseur", "loo"}),
    (roles.may_edit_plan, {"regisseur"}),
])
def test_each_named_permission_belongs_to_its_roles_only(check, allowed):
    assert {r for r in roles.ROLES if check([r])} == allowed
    assert not check(None) and not check("regisseur") and not check(["beheerder"])


def test_the_record_pages_are_the_loo_and_dol_pages():
    assert roles.record_pages() == ("loo", "dol")
