"""Correcting and withdrawing a plan update on the Uitvoeringsplan page (AppTest)."""

import base64
import hashlib
import json

import pytest

from core import audit
from dashboard import plan, security
from dashboard.security import literal
from tests.test_page_uitvoeringsplan import files, run  # noqa: F401 (fixture)

ORIGINEEL = "Controles volgens planning."


def choose(at, doel_id):
    """Pick the newest update of a goal in the correction form."""
    keuze = at.selectbox(key="plan_correctie_update")
    index = next(i for i, label in enumerate(keuze.options) if label.startswith(doel_id))
    return keuze.select_index(index).run()


def test_choosing_an_update_fills_in_its_voortgang_and_toelichting(files):
    at = choose(run("regisseur"), "T-2.1")
    assert at.selectbox(key="plan_correctie_voortgang").value == "loopt"
    assert at.text_area(key="plan_correctie_toelichting").value == ORIGINEEL


def test_a_correction_replaces_the_update_for_everyone_and_says_who(files):
    at = choose(run("regisseur", username="j.devries"), "T-2.1")
    at.selectbox(key="plan_correctie_voortgang").select("vertraagd")
    at.text_area(key="plan_correctie_toelichting").input("Twee controles verschoven.")
    at.button(key="plan_correctie_opslaan").click().run()
    assert not at.exception
    assert "gecorrigeerd" in at.success[0].value
    assert plan.history(2026, "T-2.1")["toelichting"].to_list() == ["Twee controles verschoven."]
    manager = run("manager")
    assert literal("Twee controles verschoven.") in "\n".join(m.value for m in manager.markdown)
    assert any(f"gecorrigeerd door {literal('j.devries')}" in c.value for c in at.caption)


def test_the_audit_trail_keeps_the_original_fields_and_only_a_fingerprint_of_its_text(files):
    at = choose(run("regisseur"), "T-2.1")
    at.text_area(key="plan_correctie_toelichting").input("Anders verwoord.")
    at.button(key="plan_correctie_opslaan").click().run()
    entry = audit.entries(action="plan_correctie").row(0, named=True)
    detail = json.loads(entry["detail"])
    assert (entry["object"], detail["datum"], detail["voortgang_was"]) == (
        "T-2.1", "2026-10-01", "loopt")
    digest = base64.b32encode(hashlib.sha256(ORIGINEEL.encode()).digest())
    assert detail["toelichting_was_sha256"] == digest.decode().rstrip("=").lower()
    assert "Controles" not in entry["detail"] and "Anders" not in entry["detail"]


def test_a_withdrawn_update_disappears_from_the_page(files):
    at = choose(run("regisseur"), "T-2.1")
    at.radio(key="plan_correctie_soort").set_value("Intrekken")
    at.button(key="plan_correctie_opslaan").click().run()
    assert "ingetrokken" in at.success[0].value
    assert audit.entries(action="plan_intrekking").height == 1
    assert literal(ORIGINEEL) not in "\n".join(m.value for m in run("regisseur").markdown)
    assert plan.history(2026, "T-2.1").is_empty()


def test_a_correction_with_an_email_address_is_refused_without_quoting_it(files):
    at = choose(run("regisseur"), "T-2.1")
    at.text_area(key="plan_correctie_toelichting").input("Mail j.jansen@wassenaar.nl.")
    at.button(key="plan_correctie_opslaan").click().run()
    fout = at.error[0].value
    assert "e-mailadres" in fout and "jansen" not in fout
    assert plan.history(2026, "T-2.1")["toelichting"].to_list() == [ORIGINEEL]
    assert audit.entries(action="plan_correctie").is_empty()


def test_without_an_audit_trail_nothing_is_corrected(files, monkeypatch):
    at = choose(run("regisseur"), "T-2.1")
    monkeypatch.setenv("LOO_AUDIT_DB", str(files))  # a folder: the trail cannot be opened
    at.text_area(key="plan_correctie_toelichting").input("Anders verwoord.")
    at.button(key="plan_correctie_opslaan").click().run()
    assert "niets gewijzigd" in at.error[0].value
    assert plan.history(2026, "T-2.1")["toelichting"].to_list() == [ORIGINEEL]


def test_other_roles_get_no_correction_form(files):
    for rol in ("manager", "loo"):
        at = run(rol)
        assert not [s for s in at.selectbox if s.key == "plan_correctie_update"]



@pytest.mark.parametrize("n", range(40))
def test_every_correction_is_audited_whatever_digits_its_fingerprint_holds(files, n):
    """A hex SHA-256 holds a BSN-shaped run of nine digits about one time in seven, and the
    trail refuses those: forty different originals must all be corrected."""
    plan.record_update("T-3.1", 2026, "loopt", f"Stap {n} gezet.", "2026-10-02", "regisseur",
                       doelen=["T-1.1", "T-1.2", "T-2.1", "T-3.1"])
    update = plan.history(2026, "T-3.1").row(-1, named=True)
    security.plan_corrected({"username": "regisseur", "roles": ["regisseur"]}, update,
                            "vertraagd", False)
    assert audit.entries(action="plan_correctie").height == 1
