"""Auditlog (regisseur): who did what and when, with filters, the chain check and an export."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import polars as pl
import streamlit as st

from core import audit, clock, fmt
from dashboard import auth, page, security

TIJDZONE = ZoneInfo("Europe/Amsterdam")
MAX_RIJEN = 500
HANDELINGEN = {
    "login_gelukt": "Inloggen gelukt", "login_mislukt": "Inloggen mislukt",
    "uitgelogd": "Uitgelogd", "pagina_bekeken": "Pagina bekeken", "download": "Download",
    "export": "Export", "upload": "Upload", "load": "Lading", "plan_wijziging": "Planwijziging",
    "plan_correctie": "Planupdate gecorrigeerd", "plan_intrekking": "Planupdate ingetrokken",
    "account_wijziging": "Accountwijziging", "config_wijziging": "Configuratie aangevuld",
    "purge": "Opschoning (bewaartermijn)", "detail_bekeken": "Onderliggende rijen bekeken",
    "gebeurtenis_toegevoegd": "Gebeurtenis toegevoegd",
    "gebeurtenis_gewijzigd": "Gebeurtenis gewijzigd",
    "gebeurtenis_ingetrokken": "Gebeurtenis ingetrokken",
    "keten_gesleuteld": "Audittrail voortaan met sleutel beveiligd",
}
ALLE = "(alle)"


def lokale_tijd(tekst):
    """An audit time (UTC, ISO) as Dutch local date and time."""
    t = dt.datetime.fromisoformat(tekst).astimezone(TIJDZONE)
    return f"{fmt.datum(t.date())}, {t:%H:%M:%S}"


def detail_tekst(tekst):
    """A detail as 'sleutel: waarde' pairs; plain text stays as it is."""
    if not tekst:
        return ""
    try:
        data = json.loads(tekst)
    except ValueError:
        return tekst
    if not isinstance(data, dict):
        return str(data)
    return ", ".join(f"{k}: {v}" for k, v in data.items())


EERSTE_DAG = dt.date(2000, 1, 1)


def andere_gemeenten(eigen):
    """The accounts of other gemeenten, whose entries a district's regisseur does not see."""
    if not eigen or not page.is_district():
        return set()
    return {u for u, g in auth.account_gemeenten().items() if g and g != eigen}

ctx = page.begin("audit", needs_data=False)
st.caption("Elke inlog, uitlog, weergave van pagina's met gegevens op recordniveau, download, "
           "upload, lading, planwijziging, accountwijziging en opschoning. Tijden in "
           "Nederlandse tijd. Er staan geen persoonsgegevens in de audittrail.")

intact, eerste_fout = audit.verify()
aantal, laatste = audit.head()
if intact:
    st.success(f"De keten van de audittrail is intact: {fmt.getal(aantal)} "
               f"{'regel' if aantal == 1 else 'regels'}, laatste hash `{laatste[:16]}…`.",
               icon=":material/verified:")
else:
    st.error(f"De audittrail is gewijzigd: regel {fmt.getal(eerste_fout)} klopt niet met de "
             "keten. Deze regel en alle regels erna zijn niet te vertrouwen. Meld dit bij de "
             "beheerder en de functionaris gegevensbescherming.", icon=":material/gpp_bad:")

anderen = andere_gemeenten(ctx.gemeente)
if anderen:
    st.caption(f"In dit district staan hier alleen de regels van accounts van "
               f"{ctx.gemeente} en van wie geen account van een andere gemeente heeft. De "
               "ketencontrole hierboven gaat over de hele audittrail.")

vandaag = clock.real_now().astimezone(TIJDZONE).date()  # the trail keeps real times
k1, k2, k3, k4 = st.columns(4)
# explicit bounds: Streamlit's default window is ten years around the first value
van = k1.date_input("Van", value=vandaag - dt.timedelta(days=30), format="DD-MM-YYYY",
                    key="audit_van", min_value=EERSTE_DAG, max_value=vandaag)
tot = k2.date_input("Tot en met", value=vandaag, format="DD-MM-YYYY", key="audit_tot",
                    min_value=EERSTE_DAG, max_value=vandaag)
gebruiker = k3.selectbox("Gebruiker", [ALLE] + [u for u in audit.users() if u not in anderen],
                         key="audit_gebruiker")
handeling = k4.selectbox("Handeling", [ALLE] + list(HANDELINGEN), key="audit_handeling",
                         format_func=lambda h: HANDELINGEN.get(h, h))

if van > tot:
    st.warning("De begindatum ligt na de einddatum.")
    st.stop()

# The filter is on Dutch dates; the trail stores UTC, so convert the local day bounds.
begin = dt.datetime.combine(van, dt.time(), TIJDZONE)
einde = dt.datetime.combine(tot + dt.timedelta(days=1), dt.time(), TIJDZONE)
df = audit.entries(van=begin, user=None if gebruiker == ALLE else gebruiker,
                   action=None if handeling == ALLE else handeling)
df = df.filter(pl.col("tijd") < einde.astimezone(dt.timezone.utc).isoformat(),
               ~pl.col("user").is_in(list(anderen)) | pl.col("user").is_null())

tabel = df.sort("seq", descending=True).select(
    pl.col("seq").alias("Nr."),
    pl.col("tijd").map_elements(lokale_tijd, return_dtype=pl.String).alias("Tijd"),
    pl.col("user").fill_null("–").alias("Gebruiker"),
    pl.col("role").fill_null("–").alias("Rol"),
    pl.col("action").replace_strict(HANDELINGEN, default=pl.col("action")).alias("Handeling"),
    pl.col("object").fill_null("").alias("Object"),
    pl.col("detail").map_elements(detail_tekst, return_dtype=pl.String).fill_null("")
    .alias("Detail"),
)

st.subheader(f"{fmt.getal(df.height)} {'regel' if df.height == 1 else 'regels'} in de selectie")
if df.height == 0:
    st.info("Geen regels voor deze selectie.")
    st.stop()
if df.height > MAX_RIJEN:
    st.caption(f"De nieuwste {MAX_RIJEN} regels worden getoond; de export bevat alle "
               f"{fmt.getal(df.height)}.")
st.dataframe(tabel.head(MAX_RIJEN), hide_index=True, width="stretch",
             column_config={"Nr.": st.column_config.NumberColumn("Nr.", format="%d")})

export = df.select("seq", "tijd", "user", "role", "action", "object", "detail", "prev_hash",
                   "hash")
bestand = f"auditlog_{van.isoformat()}_{tot.isoformat()}.csv"
st.download_button("Exporteer selectie als CSV (met hashes)", page.csv_bytes(export),
                   file_name=bestand, mime="text/csv", key="audit_export",
                   on_click=security.downloaded, args=(st.session_state, bestand, "export"))
st.caption("De export bevat per regel de hash en de vorige hash, zodat de keten buiten het "
           "dashboard na te rekenen is (sha256 over de canonieke JSON van de regel)."
           + (" Waar regels van een andere gemeente zijn weggelaten, is elke regel na te "
              "rekenen maar de koppeling eroverheen niet; `python -m dashboard audit verify` "
              "controleert de hele keten." if anderen else ""))
