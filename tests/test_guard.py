"""The page guard (dashboard.guard): a page or its data only for a role the design lets in;
everyone else is stopped with a Dutch message before anything of the page is drawn.

Each case runs the guard as a small app of its own (AppTest.from_function): the guard, then a
marker the page would draw. Who may see what comes from tests/expected.py (the design).
"""

import pytest
from streamlit.errors import StreamlitAPIException
from streamlit.testing.v1 import AppTest

from dashboard import guard
from tests import expected

NA_DE_GUARD = "pagina-inhoud"


def _pagina(page_id):
    import streamlit as st

    from dashboard import guard

    st.session_state["_rollen"] = guard.toegang(page_id)
    st.markdown("pagina-inhoud")


def _gegevens():
    import streamlit as st

    from dashboard import guard

    guard.gegevens()
    st.markdown("pagina-inhoud")


def run(script, *args, **state):
    at = AppTest.from_function(script, args=args, default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def drawn(at):
    return NA_DE_GUARD in [m.value for m in at.markdown]


def errors(at):
    return [e.value for e in at.error]


CASES = [(rol, p) for rol in expected.ROLES for p in expected.PAGES]


@pytest.mark.parametrize("rol, page_id", [c for c in CASES if expected.may_open(*c)])
def test_a_role_the_design_lets_in_gets_the_page_and_its_roles(rol, page_id):
    at = run(_pagina, page_id, roles=[rol], authentication_status=True)
    assert drawn(at) and not errors(at)
    assert at.session_state["_rollen"] == (rol,)


@pytest.mark.parametrize("rol, page_id", [c for c in CASES if not expected.may_open(*c)])
def test_a_role_the_design_keeps_out_is_refused_by_the_page_title(rol, page_id):
    at = run(_pagina, page_id, roles=[rol], authentication_status=True)
    assert not drawn(at)
    assert errors(at) == [
        f"Geen toegang: uw rol mag de pagina '{expected.title(page_id)}' niet bekijken. Kies een "
        "pagina in het menu of vraag de ondermijningsregisseur om toegang."]


def test_an_unknown_page_is_refused_by_its_id_even_for_the_regisseur():
    at = run(_pagina, "geheim", roles=["regisseur"], authentication_status=True)
    assert not drawn(at)
    assert errors(at)[0].startswith("Geen toegang: uw rol mag de pagina 'geheim' niet bekijken.")


@pytest.mark.parametrize("rollen", ["regisseur", ["beheerder"], [None], 42])
def test_a_logged_in_session_with_odd_roles_is_refused(rollen):
    at = run(_pagina, "overzicht", roles=rollen, authentication_status=True)
    assert not drawn(at) and errors(at)[0].startswith("Geen toegang")


def test_a_logged_in_session_without_roles_is_refused_not_sent_to_the_login():
    at = run(_pagina, "overzicht", authentication_status=True)
    assert not drawn(at) and errors(at)[0].startswith("Geen toegang")
    assert not at.warning


@pytest.mark.parametrize("status", [None, False])
def test_an_anonymous_visitor_of_a_page_alone_is_pointed_to_the_login(status):
    at = run(_pagina, "overzicht", authentication_status=status)
    assert not drawn(at) and not errors(at)
    assert [w.value for w in at.warning] == [
        "U bent niet ingelogd. [Ga naar de inlogpagina](./) en open daarna deze pagina opnieuw."]


def test_roles_without_a_login_status_still_open_the_page():
    # app.py's login leaves the roles; a page run on its own (tests) has only them
    assert drawn(run(_pagina, "overzicht", roles=["manager"]))


def test_data_go_to_a_known_role():
    at = run(_gegevens, roles=["manager"])
    assert drawn(at) and not errors(at)


@pytest.mark.parametrize("state", [{}, {"roles": ["beheerder"]}, {"roles": "loo"},
                                   {"authentication_status": True}])
def test_data_go_nowhere_without_a_known_role(state):
    at = run(_gegevens, **state)
    assert not drawn(at)
    assert errors(at) == ["Geen toegang: log in om gegevens te zien."]


class Params(dict):
    """st.query_params as the guard reads them: keys and all values of a key."""

    def get_all(self, key):
        return list(self[key])


def test_the_login_keeps_the_page_and_every_url_parameter(monkeypatch):
    gevraagd = []

    def switch_page(page, query_params=None):
        gevraagd.append((page, query_params))

    monkeypatch.setattr(guard.st, "query_params", Params(jaar=["2024"], wijk=["a", "b"]))
    monkeypatch.setattr(guard.st, "switch_page", switch_page)
    guard.naar_login("trends")
    assert gevraagd == [("app.py", {"jaar": ["2024"], "wijk": ["a", "b"], "pagina": "trends"})]


def test_without_an_app_to_go_to_the_visitor_is_told_and_the_page_stops(monkeypatch):
    gezegd = []

    def switch_page(page, query_params=None):
        raise StreamlitAPIException("geen app")

    class Gestopt(Exception):
        pass

    def stop():
        raise Gestopt

    monkeypatch.setattr(guard.st, "query_params", Params())
    monkeypatch.setattr(guard.st, "switch_page", switch_page)
    monkeypatch.setattr(guard.st, "warning", gezegd.append)
    monkeypatch.setattr(guard.st, "stop", stop)
    with pytest.raises(Gestopt):
        guard.naar_login("trends")
    assert len(gezegd) == 1 and gezegd[0].startswith("U bent niet ingelogd.")


def test_an_anonymous_visitor_is_sent_to_the_login_with_the_page_to_return_to(monkeypatch):
    gevraagd = []

    class Doorgestuurd(Exception):
        pass

    def switch_page(page, query_params=None):
        gevraagd.append((page, query_params))
        raise Doorgestuurd  # st.switch_page ends the script run

    monkeypatch.setattr(guard.st, "session_state", {})
    monkeypatch.setattr(guard.st, "query_params", Params(scherm=["1"]))
    monkeypatch.setattr(guard.st, "switch_page", switch_page)
    with pytest.raises(Doorgestuurd):
        guard.toegang("loo")
    assert gevraagd == [("app.py", {"scherm": ["1"], "pagina": "loo"})]
