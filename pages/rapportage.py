"""Rapportage: the yearly evaluation as Word, Excel and chart PNGs, built on request.

Regisseur and manager only. The outputs hold aggregates only (see dashboard.report), so a
manager may download them too. Building is recorded in the audit trail.
"""

import io
import tempfile
import zipfile
from pathlib import Path

import streamlit as st

from dashboard import page, report, security
from core import audit
from dashboard import sentences as z

MIME_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def png_zip(paden):
    """The chart PNGs in one zip with fixed timestamps (the same report gives the same zip)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for pad in sorted(paden):
            info = zipfile.ZipInfo(pad.name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, pad.read_bytes())
    return buf.getvalue()


def bouwen(jaar, db):
    """Build the report in a temporary directory; return its files as bytes and a preview."""
    rapport = report.opbouwen(jaar, db)
    with tempfile.TemporaryDirectory(prefix="loo-rapport-") as tmp:
        paden = report.schrijven(rapport, Path(tmp))
        docx = next(p for p in paden if p.suffix == ".docx")
        xlsx = next(p for p in paden if p.suffix == ".xlsx")
        pngs = [p for p in paden if p.suffix == ".png"]
        return {
            "jaar": jaar, "stam": rapport.stam, "docx": docx.read_bytes(),
            "xlsx": xlsx.read_bytes(), "png": png_zip(pngs), "aantal_png": len(pngs),
            "periode": rapport.periode.omschrijving(),
            "tekst": [(b.kop, list(b.alineas) + [f"{k}: {t}" for k, t in b.punten])
                      for b in rapport.blokken if b.niveau == 2],
        }


ctx = page.begin("rapportage")
page.freshness()
st.markdown("De cijfers voor de **jaarevaluatie**: een Word-document per spoor met zinnen die "
            "u kunt overnemen, een Excel-werkmap met alle tabellen en de grafieken als "
            "afbeelding. Alle cijfers zijn totalen; kleine aantallen per wijk of "
            "aandachtsgebied zijn afgeschermd (\"<5\", en \"x\" waar een klein aantal anders "
            "terug te rekenen is).")

jaren = sorted((int(j) for j in page.query("data_jaren")["jaar"].to_list()), reverse=True)
if not jaren:
    st.info("Er zijn nog geen gegevens geladen; een jaarevaluatie is dan niet te maken.")
    st.stop()
if st.session_state.get("rapport_jaar") not in jaren:
    st.session_state["rapport_jaar"] = ctx.jaar if ctx.jaar in jaren else jaren[0]
jaar = st.selectbox("Jaar van de evaluatie", jaren, key="rapport_jaar")
page.counting_rule("elk signaal telt één keer; een M-melding die als signaal is geregistreerd "
                   "telt alleen als dat signaal. Een jaar dat nog niet compleet is wordt "
                   "vergeleken met dezelfde maanden van het jaar ervoor.")

if st.button("Rapport maken", key="rapport_maken", type="primary"):
    with st.spinner(f"De jaarevaluatie {jaar} wordt gemaakt…"):
        try:
            bestanden = bouwen(jaar, ctx.db)
        except report.GeenGegevens as exc:
            st.error(str(exc))
            st.stop()
    audit.record("export", user=st.session_state.get("username"), role=ctx.rol,
                 object="rapportage", detail={"jaar": jaar})
    st.session_state["rapport_bestanden"] = bestanden

bestanden = st.session_state.get("rapport_bestanden")
if bestanden and bestanden["jaar"] == jaar:
    st.success(f"De jaarevaluatie {jaar} is klaar. {bestanden['periode']}")
    kolommen = st.columns(3)
    kolommen[0].download_button(
        "Word-document (.docx)", bestanden["docx"], file_name=f"{bestanden['stam']}.docx",
        mime=MIME_DOCX, key="rapport_docx", icon=":material/description:",
        on_click=security.downloaded, args=(st.session_state, f"{bestanden['stam']}.docx"))
    kolommen[1].download_button(
        "Excel-werkmap (.xlsx)", bestanden["xlsx"], file_name=f"{bestanden['stam']}.xlsx",
        mime=MIME_XLSX, key="rapport_xlsx", icon=":material/table:",
        on_click=security.downloaded, args=(st.session_state, f"{bestanden['stam']}.xlsx"))
    kolommen[2].download_button(
        f"Grafieken ({z.aantal(bestanden['aantal_png'], 'afbeelding', 'afbeeldingen')}, zip)",
        bestanden["png"], file_name=f"{bestanden['stam']}-grafieken.zip",
        mime="application/zip", key="rapport_png", icon=":material/image:",
        on_click=security.downloaded,
        args=(st.session_state, f"{bestanden['stam']}-grafieken.zip"))
    st.subheader("Voorproefje van de tekst")
    for kop, alineas in bestanden["tekst"]:
        st.markdown(f"**{kop}**")
        for alinea in alineas:
            st.markdown(alinea)
elif bestanden:
    st.info(f"Het gemaakte rapport is van {bestanden['jaar']}. Klik op 'Rapport maken' voor "
            f"{jaar}.")
