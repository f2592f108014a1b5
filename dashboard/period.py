"""The period filter: a year or a from/to range, kept in the session and in the URL.

URL parameters: jaar=2025, or van=2025-01-01&tot=2025-03-31 (ISO dates). They are read on the
first run of a session, so a bookmark opens the same view, and written back on every run, so
the address bar always shows the current view (also after switching pages).
"""

import calendar
import datetime as dt
from dataclasses import dataclass

import streamlit as st

from core import clock, fmt
from dashboard import roles as rollen

EERSTE_DAG = dt.date(1990, 1, 1)  # the earliest date the loader accepts by default
LAATSTE_DAG = dt.date(2199, 12, 31)
SOORT_JAAR = "Jaar"
SOORT_PERIODE = "Van–tot"


@dataclass(frozen=True)
class Periode:
    """The chosen period: inclusive bounds, the year (None for a free range) and a label."""

    van: dt.date
    tot: dt.date
    jaar: int | None
    label: str


@dataclass(frozen=True)
class Vergelijking:
    """A like-for-like comparison window: this period against the same period a year earlier."""

    van: dt.date
    tot: dt.date
    vorig_van: dt.date
    vorig_tot: dt.date
    ingekort: bool
    tekst: str


def jaar_eerder(d):
    """The same date one year earlier (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def maand_einde(d):
    """The last day of the month of d."""
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _iso(text):
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def binnen(d):
    """A date within the bounds the date fields take (None stays None)."""
    return None if d is None else min(max(d, EERSTE_DAG), LAATSTE_DAG)


def remember_url():
    """Keep the period of the URL of the session's first run, before the login changes it."""
    if "_periode_url" not in st.session_state:
        st.session_state["_periode_url"] = {k: st.query_params.get(k, "")
                                            for k in ("jaar", "van", "tot")}


# The widgets' keys. Streamlit drops a widget's value after a run that did not draw it (a run
# cut short by a rerun, the van-tot fields shown instead of the year), so each choice is also
# kept under a key of our own and restored from there.
WIDGETS = ("periode_soort", "periode_jaar", "periode_van", "periode_tot")
BEWAARD = "_periode_keuze"


def _kies(**keuze):
    """Set widget values and keep them."""
    for key, value in keuze.items():
        st.session_state[key] = value
    st.session_state.setdefault(BEWAARD, {}).update(keuze)


def _herstel():
    """Put back the kept value of a widget whose value Streamlit dropped; keep the rest."""
    ss = st.session_state
    bewaard = ss.setdefault(BEWAARD, {})
    for key in WIDGETS:
        if key not in ss and key in bewaard:
            ss[key] = bewaard[key]
        elif key in ss:
            bewaard[key] = ss[key]


URL_MELDINGEN = "_periode_url_meldingen"  # Dutch warnings about the URL's period, shown once


def _url_datum(qp, naam, meldingen):
    """A van/tot date from the URL within the accepted bounds; a warning when it is not one."""
    tekst = str(qp.get(naam, "") or "")
    if not tekst:
        return None
    datum = _iso(tekst) if len(tekst) == 10 else None
    if datum is None:
        meldingen.append(f"De parameter '{naam}' in de adresregel is geen geldige datum "
                         "(JJJJ-MM-DD)")
        return None
    if binnen(datum) != datum:
        meldingen.append(f"De parameter '{naam}' in de adresregel valt buiten "
                         f"{fmt.datum(EERSTE_DAG)} t/m {fmt.datum(LAATSTE_DAG)}; gebruikt is "
                         f"{fmt.datum(binnen(datum))}")
    return binnen(datum)


def _init_from_url(jaren):
    """Seed the widget state from the URL once per session; say what was not usable."""
    if st.session_state.get("_periode_init"):
        return
    st.session_state["_periode_init"] = True
    qp = st.session_state.get("_periode_url") or st.query_params
    meldingen = []
    van, tot = _url_datum(qp, "van", meldingen), _url_datum(qp, "tot", meldingen)
    if van and tot:
        _kies(periode_soort=SOORT_PERIODE, periode_van=min(van, tot), periode_tot=max(van, tot))
    elif van or tot:
        meldingen.append(f"De adresregel noemt alleen '{'van' if van else 'tot'}'; een periode "
                         "heeft 'van' en 'tot' nodig")
    jaar_tekst = str(qp.get("jaar", "") or "")
    if jaar_tekst and not (van and tot):
        jaar = int(jaar_tekst) if jaar_tekst.isdigit() and len(jaar_tekst) == 4 else None
        if jaar in jaren:
            _kies(periode_soort=SOORT_JAAR, periode_jaar=jaar)
        else:
            meldingen.append("De parameter 'jaar' in de adresregel is geen jaar met gegevens ("
                             + ", ".join(map(str, jaren)) + ")")
    if meldingen:
        st.session_state[URL_MELDINGEN] = meldingen


def toon_url_meldingen(p):
    """Warn, once, about period parameters in the URL that could not be used, and what is."""
    meldingen = st.session_state.pop(URL_MELDINGEN, None)
    if meldingen:
        st.warning(". ".join(meldingen) + f". Getoond wordt: {p.label}.",
                   icon=":material/link_off:")


def sidebar(jaren, nieuwste):
    """Render the period filter in the sidebar and mirror the choice in the URL.

    jaren: the years with data, oldest first; nieuwste: the newest date in the data."""
    if not jaren:
        jaren = [clock.today().year]
    _init_from_url(jaren)
    _herstel()
    opties = sorted(jaren, reverse=True)
    ss = st.session_state
    if ss.get("periode_jaar") not in opties:
        _kies(periode_jaar=opties[0])
    with st.sidebar:
        st.markdown("**Periode**")
        soort = st.radio("Periode kiezen als", [SOORT_JAAR, SOORT_PERIODE], key="periode_soort",
                         horizontal=True, label_visibility="collapsed")
        if soort == SOORT_JAAR:
            st.selectbox("Jaar", opties, key="periode_jaar")
        else:
            jaar = ss["periode_jaar"]
            eind = dt.date(jaar, 12, 31)
            ss.setdefault("periode_van", dt.date(jaar, 1, 1))
            ss.setdefault("periode_tot", min(eind, nieuwste) if nieuwste else eind)
            _rond_af(ss)
            # explicit bounds: Streamlit's default window is ten years around the value
            st.date_input("Van", key="periode_van", format="DD-MM-YYYY", min_value=EERSTE_DAG,
                          max_value=LAATSTE_DAG)
            st.date_input("Tot en met", key="periode_tot", format="DD-MM-YYYY",
                          min_value=EERSTE_DAG, max_value=LAATSTE_DAG)
            tekst = hele_maanden_tekst(huidig(jaren), ss.get("roles"))
            if tekst:
                st.caption(tekst)
    _herstel()  # keep what the widgets now say
    if soort == SOORT_JAAR:  # a later switch to van-tot starts again from the chosen year
        for key in ("periode_van", "periode_tot"):
            ss[BEWAARD].pop(key, None)
    p = huidig(jaren)
    toon_url_meldingen(p)
    if p.jaar is not None:
        st.query_params["jaar"] = str(p.jaar)
        for k in ("van", "tot"):
            if k in st.query_params:
                del st.query_params[k]
    else:
        st.query_params["van"], st.query_params["tot"] = p.van.isoformat(), p.tot.isoformat()
        if "jaar" in st.query_params:
            del st.query_params["jaar"]
    return p


# --- fixed periods for the roles that see small counts shielded (dashboard.suppression) ---
# A free range lets a reader subtract two tables a few days apart; with whole months only, and
# every shielded figure built from one protected table of months, there is nothing to subtract.

def vaste_perioden(user_roles):
    """True for a known role that sees shielded figures: it gets whole months, no free days."""
    return rollen.has_role(user_roles) and not rollen.may_see_small_counts(user_roles)


def hele_maanden(van, tot):
    """The range rounded out to whole months: the first of van's month to the end of tot's."""
    return van.replace(day=1), maand_einde(tot)


def _rond_af(ss):
    """Put the date fields on whole months before they are drawn, for a role with fixed periods."""
    van, tot = ss.get("periode_van"), ss.get("periode_tot")
    if van and tot and vaste_perioden(ss.get("roles")):
        van, tot = hele_maanden(min(van, tot), max(van, tot))
        if (van, tot) != (ss["periode_van"], ss["periode_tot"]):
            _kies(periode_van=van, periode_tot=tot)


def hele_maanden_tekst(p, user_roles):
    """The Dutch sentence that a free range was rounded out to whole months; None when not."""
    if p.jaar is not None or not vaste_perioden(user_roles):
        return None
    return f"Voor uw rol worden hele maanden getoond: {fmt.periode(p.van, p.tot)}."


def toon_hele_maanden(ctx):
    """Say on the page that the period is whole months for this role (never silently)."""
    tekst = hele_maanden_tekst(Periode(ctx.van, ctx.tot, ctx.jaar, ctx.label), ctx.roles)
    if tekst:
        st.info(tekst, icon=":material/date_range:")


def huidig(jaren):
    """The period from the session state; the newest of jaren when nothing is chosen."""
    ss = st.session_state
    if ss.get("periode_soort") == SOORT_PERIODE and ss.get("periode_van") and \
            ss.get("periode_tot"):
        van, tot = ss["periode_van"], ss["periode_tot"]
        if van > tot:
            van, tot = tot, van
        if vaste_perioden(ss.get("roles")):
            van, tot = hele_maanden(van, tot)
        return Periode(van, tot, None, f"{fmt.datum(van)} t/m {fmt.datum(tot)}")
    jaar = ss.get("periode_jaar")
    if jaar is None:
        jaar = jaren[-1] if jaren else clock.today().year
    jaar = int(jaar)
    return Periode(dt.date(jaar, 1, 1), dt.date(jaar, 12, 31), jaar, str(jaar))


def _maanden(van, tot):
    """Dutch words for a whole-month span: 'januari t/m oktober 2026' or 'maart 2026'."""
    if van.month == tot.month and van.year == tot.year:
        return fmt.maand(van)
    if van.year == tot.year:
        return f"{fmt.MAANDEN[van.month - 1]} t/m {fmt.maand(tot)}"
    return f"{fmt.maand(van)} t/m {fmt.maand(tot)}"


def vergelijking(periode, nieuwste):
    """Like-for-like: an unfinished period is cut at the last month with data, on both sides.

    `nieuwste` is the newest date in the data (any source). A year is unfinished when the data
    end inside it; it is then compared month for month: January up to and including the last
    month with data, against the same months of the year before.
    """
    van, tot = periode.van, periode.tot
    ingekort = bool(nieuwste and van <= nieuwste and maand_einde(nieuwste) < tot)
    if ingekort:
        tot = maand_einde(nieuwste)
    vorig_van, vorig_tot = jaar_eerder(van), jaar_eerder(tot)
    if periode.jaar is not None and ingekort:
        tekst = (f"{periode.jaar} is nog niet compleet: {_maanden(van, tot)} vergeleken met "
                 f"dezelfde maanden van {periode.jaar - 1} ({_maanden(vorig_van, vorig_tot)}).")
    elif periode.jaar is not None:
        tekst = f"{periode.jaar} vergeleken met {periode.jaar - 1}."
    elif ingekort:
        tekst = (f"De gegevens lopen tot {fmt.datum(nieuwste)}: {fmt.datum(van)} t/m "
                 f"{fmt.datum(tot)} vergeleken met {fmt.datum(vorig_van)} t/m "
                 f"{fmt.datum(vorig_tot)}.")
    else:
        tekst = (f"{fmt.datum(van)} t/m {fmt.datum(tot)} vergeleken met dezelfde periode een "
                 f"jaar eerder ({fmt.datum(vorig_van)} t/m {fmt.datum(vorig_tot)}).")
    return Vergelijking(van, tot, vorig_van, vorig_tot, ingekort, tekst)


def jaren_vergelijken(jaar_a, jaar_b, nieuwste):
    """Bounds for comparing two whole years, cut to the same months when one is unfinished.

    Returns (a_van, a_tot, b_van, b_tot, tekst); tekst is None when both years are complete.
    """
    a_van, a_tot = dt.date(jaar_a, 1, 1), dt.date(jaar_a, 12, 31)
    b_van, b_tot = dt.date(jaar_b, 1, 1), dt.date(jaar_b, 12, 31)
    if not nieuwste or nieuwste.year not in (jaar_a, jaar_b) or nieuwste.month == 12:
        return a_van, a_tot, b_van, b_tot, None
    m = nieuwste.month
    a_tot = maand_einde(dt.date(jaar_a, m, 1))
    b_tot = maand_einde(dt.date(jaar_b, m, 1))
    maanden = fmt.MAANDEN[0] if m == 1 else f"{fmt.MAANDEN[0]} t/m {fmt.MAANDEN[m - 1]}"
    tekst = (f"Vergelijkbare periode: {nieuwste.year} is nog niet compleet (gegevens t/m "
             f"{fmt.datum(nieuwste)}), dus beide jaren tellen alleen {maanden}.")
    return a_van, a_tot, b_van, b_tot, tekst
