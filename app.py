"""The frame of the LOO-dashboard: page config, login, role-based navigation, shared sidebar.

No queries here: pages and dashboard/ modules do the work. Every page checks the role itself
(dashboard.page.begin); pages a role may not see are registered hidden, so a direct URL shows
the page's Dutch refusal instead of Streamlit's "page not found". st.navigation is called on
every run, also before login: a bookmarked URL (/loo?scherm=1) survives the login, and
Streamlit leaves its pages/-directory mode as soon as possible.
"""

import streamlit as st

from dashboard import http_guard

http_guard.install()  # first, before slow imports: uploads and downloads need a login
from dashboard import a11y, auth, oidc, page, period, roles

auth.leave_pages_directory_mode()  # the first run of a fresh server process: run again as v2
st.set_page_config(page_title="LOO-dashboard", page_icon="🛡️", layout="wide",
                   initial_sidebar_state="auto")
a11y.apply()  # Dutch page language, readable contrast


# One login mode per deployment: the gemeente's identity provider when [auth] is configured
# (dashboard.oidc), else the streamlit-authenticator accounts (demo or a password file).
authenticator = None if oidc.configured() else auth.authenticator()
if auth.demo_mode():
    st.warning("DEMO — synthetische voorbeeldgegevens. Log in met een demo-account; gebruik "
               "deze omgeving niet voor echte gegevens.", icon=":material/science:")
period.remember_url()
if oidc.configured():
    ingelogd = oidc.login()
else:
    ingelogd = authenticator is not None and auth.login(authenticator)

user_roles = auth.roles()
pages = {page_id: st.Page(f"pages/{page_id}.py", title=facts.title, url_path=page_id,
                          icon=facts.icon,
                          visibility="visible" if roles.allowed(page_id, user_roles) else "hidden")
         for page_id, facts in roles.PAGES.items()}  # every page of design.md
# Streamlit serves its default page only at "/", so /overzicht would be "page not found": the
# default is a hidden page at "/" that runs the start page's script itself (a switch to it
# would be a second run, and a menu click made during the login run was lost to it).
start_id = roles.start_page(user_roles)
start = st.Page(f"pages/{start_id}.py", title=roles.title(start_id), url_path="start",
                default=True, visibility="hidden")
current = st.navigation([start, *pages.values()], position="sidebar" if ingelogd else "hidden")
if not ingelogd:
    st.stop()
doel = st.query_params.get("pagina")
if doel:  # a page that sent an anonymous visitor here (dashboard.guard.naar_login)
    del st.query_params["pagina"]
    if doel in roles.PAGES:
        # the page object, not its script: the start page at "/" runs the same script
        st.switch_page(pages[doel],
                       query_params={k: st.query_params.get_all(k) for k in st.query_params})

page.sidebar()
with st.sidebar:
    st.divider()
    st.caption(f"Ingelogd als **{st.session_state.get('name') or '–'}** "
               f"(rol: {roles.rol_label(user_roles)})"
               + (f" · gemeente {st.session_state['gemeente']}" if st.session_state.get("gemeente")
                  else ""))
    if authenticator is None:
        oidc.logout_button()
    else:
        auth.logout_button(authenticator)

current.run()
