"""Roles: the table of design.md, failing closed."""

import pytest

from dashboard import roles


def test_every_page_of_the_design_table_is_there_with_its_roles():
    assert {p: sorted(r) for p, (_, r) in roles.PAGES.items()} == {
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
