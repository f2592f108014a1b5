"""The period filter: read from the URL, written back to it, kept across pages."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import period
from tests.conftest import d

from tests.app_session import (  # noqa: F401
    login, open_page, real_server_navigation, titles)


@pytest.fixture
def state(monkeypatch):
    """The session state as a plain dict, to drop a widget value as Streamlit does."""
    monkeypatch.setattr(period.st, "session_state", {})
    return period.st.session_state


@pytest.mark.parametrize("url, kept", [
    ({"jaar": "2024"}, {"periode_jaar": 2024}),
    ({"van": "2025-03-01", "tot": "2025-05-31"},
     {"periode_van": d("2025-03-01"), "periode_tot": d("2025-05-31")}),
])
def test_a_bookmarked_period_survives_a_run_that_dropped_the_widget_values(state, url, kept):
    state["_periode_url"] = url
    period._init_from_url([2024, 2025, 2026])
    soort = state.pop("periode_soort")
    for key in kept:  # a run cut short by a rerun never drew the widgets: their values go
        del state[key]
    period._herstel()
    assert {k: state[k] for k in kept} == kept and state["periode_soort"] == soort


@pytest.fixture
def url(monkeypatch):
    """The URL parameters as a plain dict."""
    monkeypatch.setattr(period.st, "query_params", {})
    return period.st.query_params


JAREN = [2024, 2025, 2026]


def test_the_first_run_keeps_the_period_of_the_url(state, url):
    url.update({"jaar": "2024", "pagina": "trends"})
    period.remember_url()
    assert state["_periode_url"] == {"jaar": "2024", "van": "", "tot": ""}


def test_a_later_run_does_not_overwrite_the_kept_url(state, url):
    url["jaar"] = "2024"
    period.remember_url()
    url["jaar"] = "2026"  # the login rewrote the address
    period.remember_url()
    assert state["_periode_url"]["jaar"] == "2024"


def test_a_range_in_the_url_chooses_van_tot(state, url):
    url.update({"van": "2025-03-01", "tot": "2025-05-31", "jaar": "2024"})
    period._init_from_url(JAREN)
    assert (state["periode_soort"], state["periode_van"], state["periode_tot"]) == (
        period.SOORT_PERIODE, d("2025-03-01"), d("2025-05-31"))
    assert "periode_jaar" not in state


def test_a_range_in_the_url_given_backwards_is_put_in_order(state, url):
    url.update({"van": "2025-05-31", "tot": "2025-03-01"})
    period._init_from_url(JAREN)
    assert (state["periode_van"], state["periode_tot"]) == (d("2025-03-01"), d("2025-05-31"))


def test_a_range_after_the_last_date_of_the_fields_is_cut_to_it(state, url):
    url.update({"van": "2025-03-01", "tot": "2250-01-01"})
    period._init_from_url(JAREN)
    assert state["periode_tot"] == d("2199-12-31")


def test_half_a_range_in_the_url_falls_back_to_the_year(state, url):
    url.update({"van": "2025-03-01", "jaar": "2025"})
    period._init_from_url(JAREN)
    assert (state["periode_soort"], state["periode_jaar"]) == (period.SOORT_JAAR, 2025)
    assert "periode_van" not in state


def test_a_year_without_data_in_the_url_chooses_nothing(state, url):
    url["jaar"] = "2019"
    period._init_from_url(JAREN)
    assert "periode_soort" not in state and "periode_jaar" not in state


def test_a_url_without_a_period_chooses_nothing(state, url):
    period._init_from_url(JAREN)
    assert "periode_soort" not in state and "periode_jaar" not in state


def test_the_url_is_read_once_per_session(state, url):
    url["jaar"] = "2024"
    period._init_from_url(JAREN)
    url["jaar"] = "2025"
    period._init_from_url(JAREN)
    assert state["periode_jaar"] == 2024


def test_the_url_kept_before_the_login_wins_over_the_current_one(state, url):
    state["_periode_url"] = {"jaar": "2024", "van": "", "tot": ""}
    url["jaar"] = "2026"
    period._init_from_url(JAREN)
    assert state["periode_jaar"] == 2024


def test_a_chosen_value_is_kept_to_restore_later(state):
    period._kies(periode_jaar=2025)
    period._kies(periode_soort=period.SOORT_JAAR)
    assert state["periode_jaar"] == 2025
    assert state[period.BEWAARD] == {"periode_jaar": 2025, "periode_soort": period.SOORT_JAAR}


def test_restoring_keeps_what_the_widgets_now_say(state):
    state[period.BEWAARD] = {"periode_jaar": 2024}
    state["periode_jaar"] = 2025  # the user chose another year
    state["andere_sleutel"] = 1
    period._herstel()
    assert state[period.BEWAARD] == {"periode_jaar": 2025}


# --- the chosen period from the session (huidig) ---

def test_a_chosen_range_is_the_period_with_its_dates_as_label(state):
    state.update(periode_soort=period.SOORT_PERIODE, periode_van=d("2025-03-01"),
                 periode_tot=d("2025-05-31"), periode_jaar=2024)
    assert period.huidig(JAREN) == period.Periode(d("2025-03-01"), d("2025-05-31"), None,
                                                  "1 maart 2025 t/m 31 mei 2025")


def test_a_range_chosen_backwards_is_put_in_order(state):
    state.update(periode_soort=period.SOORT_PERIODE, periode_van=d("2025-05-31"),
                 periode_tot=d("2025-03-01"))
    p = period.huidig(JAREN)
    assert (p.van, p.tot) == (d("2025-03-01"), d("2025-05-31"))


def test_a_range_without_its_end_falls_back_to_the_chosen_year(state):
    state.update(periode_soort=period.SOORT_PERIODE, periode_van=d("2025-03-01"),
                 periode_jaar=2024)
    assert period.huidig(JAREN) == period.Periode(d("2024-01-01"), d("2024-12-31"), 2024,
                                                  "2024")


def test_a_range_without_its_start_falls_back_to_the_chosen_year(state):
    state.update(periode_soort=period.SOORT_PERIODE, periode_tot=d("2025-03-01"),
                 periode_jaar=2024)
    assert period.huidig(JAREN).jaar == 2024


def test_without_a_choice_the_period_is_the_newest_year_with_data(state):
    # data up to 2025, while the clock says 2026: the newest year with data, not this year
    assert period.huidig([2023, 2024, 2025]) == period.Periode(
        d("2025-01-01"), d("2025-12-31"), 2025, "2025")


def test_without_data_and_choice_the_period_is_this_year_by_the_clock(state):
    assert period.huidig([]).jaar == 2026  # the suite's peildatum: 30 November 2026


def test_a_year_kept_as_text_is_a_number(state):
    state["periode_jaar"] = "2025"
    assert period.huidig(JAREN).jaar == 2025


# --- the filter in the sidebar, run as a small app of its own ---

def _filter(jaren, nieuwste):
    import streamlit as st

    from dashboard import period

    st.session_state["_uitkomst"] = period.sidebar(jaren, nieuwste)


def sidebar_app(jaren=(2024, 2025, 2026), nieuwste=d("2026-10-23"), query=None, **state):
    at = AppTest.from_function(_filter, args=(list(jaren), nieuwste), default_timeout=30)
    if query:
        at.query_params.update(query)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def kies(at, soort):
    """Choose year or range in the sidebar and run; the run must not fail."""
    at.radio(key="periode_soort").set_value(soort).run()
    assert not at.exception, at.exception
    return at.session_state["_uitkomst"]


def test_the_years_are_offered_newest_first():
    at = sidebar_app()
    assert at.sidebar.selectbox(key="periode_jaar").options == ["2026", "2025", "2024"]


def test_without_years_with_data_this_year_is_offered():
    at = sidebar_app(jaren=(), nieuwste=None)
    assert at.sidebar.selectbox(key="periode_jaar").options == ["2026"]
    assert at.session_state["_uitkomst"].jaar == 2026


def test_a_kept_year_without_data_gives_way_to_the_newest():
    at = sidebar_app(periode_jaar=2019)
    assert at.session_state["_uitkomst"].jaar == 2026 and at.query_params["jaar"] == "2026"


def test_a_year_replaces_a_range_in_the_url():
    at = sidebar_app(query={"van": "2025-03-01", "tot": "2025-05-31"})
    at.radio(key="periode_soort").set_value("Jaar").run()
    assert dict(at.query_params) == {"jaar": "2026"}


def test_a_range_replaces_the_year_in_the_url():
    at = sidebar_app(query={"jaar": "2025"})
    at.radio(key="periode_soort").set_value("Van–tot").run()
    assert dict(at.query_params) == {"van": "2025-01-01", "tot": "2025-12-31"}


def test_a_range_from_the_unfinished_year_ends_on_the_newest_date():
    p = kies(sidebar_app(), "Van–tot")
    assert (p.van, p.tot, p.jaar) == (d("2026-01-01"), d("2026-10-23"), None)


def test_a_range_without_data_runs_to_the_end_of_the_year():
    p = kies(sidebar_app(nieuwste=None), "Van–tot")
    assert (p.van, p.tot, p.jaar) == (d("2026-01-01"), d("2026-12-31"), None)


def test_the_date_fields_take_1990_to_2199():
    at = sidebar_app(query={"van": "2025-03-01", "tot": "2025-05-31"})
    velden = at.sidebar.date_input
    assert [(v.label, v.min, v.max) for v in velden] == [
        ("Van", d("1990-01-01"), d("2199-12-31")),
        ("Tot en met", d("1990-01-01"), d("2199-12-31"))]


def test_back_to_a_range_after_a_year_starts_again_from_that_year():
    at = sidebar_app(query={"van": "2025-03-01", "tot": "2025-05-31"})
    at.radio(key="periode_soort").set_value("Jaar").run()
    at.sidebar.selectbox(key="periode_jaar").set_value(2024).run()
    at.radio(key="periode_soort").set_value("Van–tot").run()
    p = at.session_state["_uitkomst"]
    assert (p.van, p.tot) == (d("2024-01-01"), d("2024-12-31"))


def test_the_filter_is_headed_periode_in_the_sidebar():
    at = sidebar_app()
    assert at.sidebar.markdown[0].value == "**Periode**"


def test_the_choice_of_year_or_range_is_named_for_screen_readers():
    radio = sidebar_app().sidebar.radio(key="periode_soort")
    assert (radio.label, radio.options, radio.value) == (
        "Periode kiezen als", ["Jaar", "Van–tot"], "Jaar")


def test_year_or_range_is_one_row_of_choices_under_the_heading():
    radio = sidebar_app().sidebar.radio(key="periode_soort")
    assert radio.proto.horizontal
    # the heading "Periode" names it on screen; the label stays for screen readers
    assert radio.label_visibility.LabelVisibilityOptions.Name(
        radio.label_visibility.value) == "COLLAPSED"


def test_the_year_field_is_called_jaar():
    assert sidebar_app().sidebar.selectbox(key="periode_jaar").label == "Jaar"


def test_the_date_fields_show_dutch_day_month_year():
    at = sidebar_app(query={"van": "2025-03-01", "tot": "2025-05-31"})
    assert [v.proto.format for v in at.sidebar.date_input] == ["DD-MM-YYYY", "DD-MM-YYYY"]


# --- the whole app on the sample, through the login (slow: last) ---

@pytest.fixture
def sample(sample_db, monkeypatch):
    monkeypatch.setenv("LOO_DB", str(sample_db))
    monkeypatch.delenv("LOO_CREDENTIALS", raising=False)
    return sample_db


def test_without_a_choice_the_newest_year_with_data_is_shown(sample):
    at = login("loo")
    assert at.selectbox(key="periode_jaar").value == 2026
    assert at.query_params["jaar"] == "2026"


def test_a_bookmarked_year_opens_that_year(sample):
    at = login("loo", query={"jaar": "2024"})
    assert at.selectbox(key="periode_jaar").value == 2024
    assert "2024 vergeleken met 2023." in [m.value.strip("*") for m in at.markdown]


def test_an_unknown_year_in_the_url_falls_back_to_the_newest(sample):
    at = login("loo", query={"jaar": "abc"})
    assert not at.exception and at.query_params["jaar"] == "2026"


def test_a_bookmarked_range_opens_that_range(sample):
    at = login("loo", query={"van": "2025-03-01", "tot": "2025-05-31"})
    assert at.radio(key="periode_soort").value == "Van–tot"
    assert (at.query_params["van"], at.query_params["tot"]) == ("2025-03-01", "2025-05-31")
    assert any("1 maart 2025 t/m 31 mei 2025 vergeleken met dezelfde periode een jaar eerder"
               in m.value for m in at.markdown)


def test_choosing_a_year_updates_the_url(sample):
    at = login("loo")
    at.selectbox(key="periode_jaar").set_value(2024).run()
    assert at.query_params["jaar"] == "2024"


def test_the_year_stays_chosen_on_another_page_and_in_its_url(sample):
    at = login("manager")
    at.selectbox(key="periode_jaar").set_value(2024).run()
    at = open_page(at, "trends")
    assert titles(at) == ["Trends per thema"]
    assert at.selectbox(key="periode_jaar").value == 2024 and at.query_params["jaar"] == "2024"


def test_switching_to_a_range_starts_from_the_chosen_year(sample):
    at = login("loo")
    at.selectbox(key="periode_jaar").set_value(2025).run()
    at.radio(key="periode_soort").set_value("Van–tot").run()
    assert (at.query_params["van"], at.query_params["tot"]) == ("2025-01-01", "2025-12-31")
    assert "jaar" not in at.query_params


def test_a_bookmarked_range_before_1990_starts_on_the_first_date_the_loader_takes(sample):
    at = login("loo", query={"van": "1950-01-01", "tot": "2025-05-31"})
    assert not at.exception and at.query_params["van"] == "1990-01-01"


# --- bad period values in the URL: a Dutch warning naming the parameter and what is shown ---

@pytest.mark.parametrize("query, says", [
    ({"jaar": "2031"}, "De parameter 'jaar' in de adresregel is geen jaar met gegevens "
                       "(2024, 2025, 2026). Getoond wordt: 2026."),
    ({"jaar": "twintig"}, "De parameter 'jaar' in de adresregel is geen jaar met gegevens "
                          "(2024, 2025, 2026). Getoond wordt: 2026."),
    ({"van": "2026-13-45", "tot": "2026-03-31"},
     "De parameter 'van' in de adresregel is geen geldige datum (JJJJ-MM-DD). De adresregel "
     "noemt alleen 'tot'; een periode heeft 'van' en 'tot' nodig. Getoond wordt: 2026."),
    ({"van": "0001-01-01", "tot": "2025-03-31"},
     "De parameter 'van' in de adresregel valt buiten 1 januari 1990 t/m 31 december 2199; "
     "gebruikt is 1 januari 1990. Getoond wordt: 1 januari 1990 t/m 31 maart 2025."),
    ({"van": "2025-03-011", "tot": "2025-03-31"},
     "De parameter 'van' in de adresregel is geen geldige datum (JJJJ-MM-DD). De adresregel "
     "noemt alleen 'tot'; een periode heeft 'van' en 'tot' nodig. Getoond wordt: 2026."),
    ({"van": "2025-03-01"},
     "De adresregel noemt alleen 'van'; een periode heeft 'van' en 'tot' nodig. "
     "Getoond wordt: 2026."),
    ({"jaar": "abcd"}, "De parameter 'jaar' in de adresregel is geen jaar met gegevens "
                       "(2024, 2025, 2026). Getoond wordt: 2026."),
])
def test_a_period_value_in_the_url_that_cannot_be_used_gets_a_dutch_warning(query, says):
    at = sidebar_app(query=query, **{"_periode_url": query, "roles": ["regisseur"]})
    assert [(w.value, w.icon) for w in at.warning] == [(says, ":material/link_off:")]


def test_the_warning_about_the_url_is_shown_once():
    at = sidebar_app(query={"jaar": "2031"}, **{"_periode_url": {"jaar": "2031"}})
    assert len(at.warning) == 1
    assert len(at.run().warning) == 0


def test_a_usable_period_in_the_url_gets_no_warning():
    at = sidebar_app(query={"jaar": "2025"}, **{"_periode_url": {"jaar": "2025"}})
    assert not at.warning and at.session_state["_uitkomst"].jaar == 2025


# --- whole months for the roles that see small counts shielded (the manager, the district) ---
# design.md, Roles: only the regisseur and the LOO see records and exact small counts.
VASTE_PERIODEN = {"manager": True, "district": True, "regisseur": False, "loo": False}


@pytest.mark.parametrize("rol, vast", VASTE_PERIODEN.items())
def test_fixed_periods_for_each_role(rol, vast):
    assert period.vaste_perioden([rol]) is vast


@pytest.mark.parametrize("rollen", [None, [], ["beheerder"], "manager"])
def test_no_fixed_periods_without_a_known_role(rollen):
    assert period.vaste_perioden(rollen) is False


def test_a_role_with_records_beside_the_manager_keeps_free_days():
    assert period.vaste_perioden(["manager", "loo"]) is False


def test_whole_months_run_from_the_first_of_van_to_the_end_of_tot():
    assert period.hele_maanden(d("2024-02-10"), d("2024-02-12")) == (
        d("2024-02-01"), d("2024-02-29"))


def test_the_date_fields_are_rounded_out_for_the_manager(state):
    state.update(periode_van=d("2025-03-10"), periode_tot=d("2025-05-20"), roles=["manager"])
    period._rond_af(state)
    verwacht = {"periode_van": d("2025-03-01"), "periode_tot": d("2025-05-31")}
    assert {k: state[k] for k in verwacht} == verwacht == state[period.BEWAARD]


def test_date_fields_given_backwards_are_rounded_out_in_order(state):
    state.update(periode_van=d("2025-05-20"), periode_tot=d("2025-03-10"), roles=["manager"])
    period._rond_af(state)
    assert (state["periode_van"], state["periode_tot"]) == (d("2025-03-01"), d("2025-05-31"))


def test_whole_months_already_in_the_fields_are_left_alone(state):
    state.update(periode_van=d("2025-03-01"), periode_tot=d("2025-05-31"), roles=["manager"])
    period._rond_af(state)
    assert period.BEWAARD not in state


def test_the_regisseurs_date_fields_keep_their_days(state):
    state.update(periode_van=d("2025-03-10"), periode_tot=d("2025-05-20"), roles=["regisseur"])
    period._rond_af(state)
    assert (state["periode_van"], state["periode_tot"], period.BEWAARD in state) == (
        d("2025-03-10"), d("2025-05-20"), False)


@pytest.mark.parametrize("leeg", ["periode_van", "periode_tot"])
def test_an_empty_date_field_is_not_rounded(state, leeg):
    state.update(periode_van=d("2025-03-10"), periode_tot=d("2025-05-20"), roles=["manager"])
    state[leeg] = None
    period._rond_af(state)
    assert period.BEWAARD not in state


def test_the_manager_is_told_the_range_became_whole_months():
    p = period.Periode(d("2025-03-01"), d("2025-05-31"), None, "")
    assert period.hele_maanden_tekst(p, ["manager"]) == (
        "Voor uw rol worden hele maanden getoond: 1 maart t/m 31 mei 2025.")


def test_a_chosen_range_is_whole_months_for_the_manager(state):
    state.update(periode_soort=period.SOORT_PERIODE, periode_van=d("2025-03-10"),
                 periode_tot=d("2025-05-20"), roles=["manager"])
    assert period.huidig(JAREN) == period.Periode(d("2025-03-01"), d("2025-05-31"), None,
                                                  "1 maart 2025 t/m 31 mei 2025")


def test_no_whole_month_sentence_for_a_year():
    p = period.Periode(d("2025-01-01"), d("2025-12-31"), 2025, "2025")
    assert period.hele_maanden_tekst(p, ["manager"]) is None


def test_no_whole_month_sentence_for_the_regisseur():
    p = period.Periode(d("2025-03-10"), d("2025-05-20"), None, "")
    assert period.hele_maanden_tekst(p, ["regisseur"]) is None


def test_the_page_and_sidebar_tell_the_manager_the_range_became_whole_months(sample):
    at = login("manager", query={"van": "2025-03-10", "tot": "2025-05-20"})
    zin = "Voor uw rol worden hele maanden getoond: 1 maart t/m 31 mei 2025."
    assert (zin, ":material/date_range:") in [(i.value, i.icon) for i in at.info]
    assert zin in [c.value for c in at.sidebar.caption]


def test_a_year_gets_the_manager_no_whole_month_sentence(sample):
    at = login("manager", query={"jaar": "2025"})
    assert not any(i.value.startswith("Voor uw rol") for i in at.info)


def test_the_page_tells_the_loo_nothing_about_whole_months(sample):
    at = login("loo", query={"van": "2025-03-10", "tot": "2025-05-20"})
    assert not any(i.value.startswith("Voor uw rol") for i in at.info)
