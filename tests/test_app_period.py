"""The period filter: read from the URL, written back to it, kept across pages."""

import pytest

from tests.conftest import d

from tests.app_session import (  # noqa: F401
    login, open_page, real_server_navigation, titles)


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



@pytest.fixture
def state(monkeypatch):
    """The session state as a plain dict, to drop a widget value as Streamlit does."""
    from dashboard import period

    monkeypatch.setattr(period.st, "session_state", {})
    return period.st.session_state


@pytest.mark.parametrize("url, kept", [
    ({"jaar": "2024"}, {"periode_jaar": 2024}),
    ({"van": "2025-03-01", "tot": "2025-05-31"},
     {"periode_van": d("2025-03-01"), "periode_tot": d("2025-05-31")}),
])
def test_a_bookmarked_period_survives_a_run_that_dropped_the_widget_values(state, url, kept):
    from dashboard import period

    state["_periode_url"] = url
    period._init_from_url([2024, 2025, 2026])
    soort = state.pop("periode_soort")
    for key in kept:  # a run cut short by a rerun never drew the widgets: their values go
        del state[key]
    period._herstel()
    assert {k: state[k] for k in kept} == kept and state["periode_soort"] == soort
