"""The page guard: whether this session may see a page or its data, refusing otherwise.

It fails closed: without a role from the login, with an odd value where the roles should be,
for a role the page table (dashboard.roles) does not list, or for an unknown page, the visitor
gets a Dutch refusal and the script stops before anything of the page is drawn or queried.
"""

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import roles


def toegang(page_id):
    """The session's roles when they may open page_id; otherwise the page stops here.

    An anonymous visitor goes to the login (naar_login); a logged-in role the page is not for
    gets "Geen toegang" naming the page.
    """
    user_roles = st.session_state.get("roles")
    if not user_roles and not st.session_state.get("authentication_status"):
        naar_login(page_id)
    if not roles.allowed(page_id, user_roles):
        titel = roles.title(page_id) if page_id in roles.PAGES else page_id
        st.error(f"Geen toegang: uw rol mag de pagina '{titel}' niet bekijken. Kies een pagina "
                 "in het menu of vraag de ondermijningsregisseur om toegang.")
        st.stop()
    return tuple(user_roles)


def gegevens():
    """Stop unless the session has a known role: data go only to a logged-in role (also for a
    query outside a page's guard)."""
    if not roles.has_role(st.session_state.get("roles")):
        st.error("Geen toegang: log in om gegevens te zien.")
        st.stop()


def naar_login(page_id):
    """Send an anonymous visitor to the login in app.py, keeping the page and URL parameters.

    Only reachable when Streamlit ran a page without app.py: its pages/-directory mode on the
    first request of a fresh server process (it leaves that mode at the first st.navigation).
    app.py opens the page again after login (URL parameter pagina).
    """
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    params["pagina"] = page_id
    try:
        st.switch_page("app.py", query_params=params)
    except StreamlitAPIException:  # the page runs on its own (tests): no app to go to
        st.warning("U bent niet ingelogd. [Ga naar de inlogpagina](./) en open daarna deze "
                   "pagina opnieuw.")
        st.stop()
