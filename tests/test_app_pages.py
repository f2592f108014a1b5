"""Every page for every role, through the real login form, on the sample database.

Who may see what is the design's table written out in tests/expected.py, not the product's
own table. Which pages the menu shows per role is checked in the browser (test_accessibility.py).
"""

import pytest

from tests import expected
from tests.app_session import (  # noqa: F401
    errors, login, open_page, real_server_navigation, titles)

PAGE_IDS = list(expected.PAGES)


@pytest.fixture(scope="module")
def sessie(sample_db):
    """One logged-in app session per role for this module (login costs a bcrypt check)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LOO_DB", str(sample_db))
    mp.delenv("LOO_CREDENTIALS", raising=False)
    cache = {}

    def get(rol):
        if rol not in cache:
            cache[rol] = login(rol)
        return cache[rol]

    yield get
    mp.undo()


def captions(at):
    return [c.value for c in at.caption]


@pytest.mark.parametrize("page_id", PAGE_IDS)
@pytest.mark.parametrize("rol", expected.ROLES)
def test_page_for_role(sessie, rol, page_id):
    at = open_page(sessie(rol), page_id)
    assert not at.exception
    assert any(f"(rol: {rol})" in c.value for c in at.sidebar.caption)  # the frame ran too
    if expected.may_open(rol, page_id):
        assert titles(at) == [expected.title(page_id)]
        assert not [e for e in errors(at) if e.startswith("Geen toegang")]
    else:
        assert titles(at) == []
        assert errors(at)[0].startswith("Geen toegang")
        assert not at.dataframe and not at.metric


@pytest.mark.parametrize("page_id", ["overzicht", "trends", "jaarvergelijking",
                                     "uitvoeringsplan", "data"])
def test_my_pages_show_freshness_and_counting_rules(sessie, page_id):
    tekst = captions(open_page(sessie("regisseur"), page_id))
    assert any(c.startswith("Gegevens t/m: Signalen t/m") for c in tekst)
    assert any(c.startswith("Telregel:") for c in tekst)


def test_manager_pages_send_no_record_level_rows(sessie):
    # every table a manager gets is an aggregate: small and without pseudonyms or ids
    for page_id in PAGE_IDS:
        if not expected.may_open("manager", page_id):
            continue
        at = open_page(sessie("manager"), page_id)
        for df in at.dataframe:
            frame = df.value
            assert len(frame) <= 60, page_id
            text = frame.to_string()
            assert "SIG-" not in text and "P-" not in text, page_id

