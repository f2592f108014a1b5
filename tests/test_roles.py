"""Roles: the table of design.md, failing closed."""

import re

import pytest

from dashboard import roles
from tests import expected


def test_every_page_of_the_design_table_is_there_with_its_roles():
    assert {p: page.roles for p, page in roles.PAGES.items()} == {
        p: rollen for p, (_, rollen) in expected.PAGES.items()}


def test_every_page_has_the_title_of_the_design_in_menu_order():
    assert [(p, page.title) for p, page in roles.PAGES.items()] == [
        (p, titel) for p, (titel, _) in expected.PAGES.items()]


@pytest.mark.parametrize("given", [None, [], (), "regisseur", ["beheerder"], [None], 42,
                                   {"regisseur": True}])
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
    assert {r for r in expected.ROLES if check([r])} == allowed
    assert not check(None) and not check("regisseur") and not check(["beheerder"])


def test_the_record_pages_are_the_loo_and_dol_pages():
    assert roles.record_pages() == ("loo", "dol")


def test_the_roles_are_the_three_of_the_design_strongest_first():
    assert roles.ROLES == expected.ROLES


@pytest.mark.parametrize("rol", expected.ROLES)
@pytest.mark.parametrize("page_id", list(expected.PAGES))
def test_each_role_opens_exactly_the_pages_of_the_design(rol, page_id):
    assert roles.allowed(page_id, [rol]) == expected.may_open(rol, page_id)


@pytest.mark.parametrize("given", [("loo",), {"loo"}, frozenset({"loo"})])
def test_roles_given_as_a_tuple_or_set_are_read_like_a_list(given):
    assert roles.allowed("loo", given) and roles.has_role(given)


def test_an_unhashable_role_is_refused_not_an_error():
    assert not roles.allowed("overzicht", [["regisseur"]])
    assert not roles.has_role([{"rol": "regisseur"}])


def test_a_known_role_next_to_an_unknown_one_counts():
    assert roles.has_role(["beheerder", "manager"])


@pytest.mark.parametrize("given", [None, [], "regisseur", ["beheerder"], 7])
def test_no_known_role_is_no_role(given):
    assert not roles.has_role(given)


@pytest.mark.parametrize("page_id", list(expected.PAGES))
def test_the_title_of_a_page_is_the_one_of_the_design(page_id):
    assert roles.title(page_id) == expected.title(page_id)


@pytest.mark.parametrize("page_id", list(expected.PAGES))
def test_every_menu_icon_is_a_material_symbol(page_id):
    # the form st.Page takes; anything else makes the whole menu fail
    assert re.fullmatch(r":material/[a-z_]+:", roles.PAGES[page_id].icon)


@pytest.mark.parametrize("given, label", [
    (["manager", "regisseur"], "regisseur"), (["manager", "loo"], "loo"), (["manager"], "manager"),
    (["beheerder"], "onbekend"), ([], "onbekend"), (None, "onbekend")])
def test_the_sidebar_names_the_strongest_role(given, label):
    assert roles.rol_label(given) == label


@pytest.mark.parametrize("rol", expected.ROLES)
def test_each_role_starts_on_its_landing_page(rol):
    assert roles.start_page([rol]) == expected.landing(rol)


def test_without_a_role_the_start_page_is_overzicht():
    # the default page at "/" before login: its guard sends the visitor to the login
    assert roles.start_page(None) == "overzicht"
    assert roles.start_page([]) == "overzicht"
