"""Writes the .xlsx files of the bad-input corpus: `python tests/bad_inputs/make_xlsx.py`.

Good cells are real Excel dates and numbers, as an export from a spreadsheet has them; each file
carries one defect, listed with its row and column in MANIFEST.csv.
"""

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
D = dt.datetime  # a cell written as a real Excel date

SIGNALEN = (["signaal_id", "Datum ontvangst", "bron", "thema", "status", "wijk", "gebied",
             "datum_besproken_loo", "datum_afgesloten", "vervolg", "subject_pseudoniem"], [
    ["SIG-2025-0911", D(2025, 3, 14), "politie", "drugs", "in_onderzoek", "Centrum", None,
     D(2025, 3, 20), None, "bronnenonderzoek", "P-3F9A21"],
    ["SIG-2025-0912", D(2025, 4, 14), "inwoner", "fraude", "afgesloten", "Oostdorp",
     "buitengebied", D(2025, 4, 22), D(2025, 5, 30), "geen", None],
    ["SIG-2025-0913", "02-05-2025", "Meld Misdaad Anoniem", "Witwassen", "nieuw", "De Kieviet",
     "opslagboxen", None, None, None, "P-0A11B2"],
])
MELDINGEN = (["Melding ID", "Datum ontvangst", "Thema", "Wijk", "Gekoppeld signaal ID"], [
    ["M-2025-0911", D(2025, 2, 3), "drugs", "Centrum", "SIG-2025-0911"],
    ["M-2025-0912", D(2025, 3, 3), "fraude", "Oostdorp", None],
    ["M-2025-0913", "17/04/2025", "illegaal verblijf", "De Kieviet", None],
])
HANDHAVING = (["actie_id", "datum", "instrument", "thema", "domein", "uitkomst", "signaal_id",
               "subject_pseudoniem", "wijk"], [
    ["HH-2025-0911", D(2025, 2, 12), "bibob_onderzoek", "witwassen", "exploitatievergunning",
     "geen bezwaar", None, "O-B2F7D9", "Centrum"],
    ["HH-2025-0912", D(2025, 3, 5), "apv_straathandel", "drugs", None, "verwijderingsbevel",
     "SIG-2025-0911", "P-3F9A21", "Oostdorp"],
    ["HH-2025-0913", D(2025, 4, 8), "opiumwet_13b_sluiting", "drugs", None, "sluiting",
     None, "P-ADF04C", "De Kieviet"],
])
DOL = (["registratie_id", "datum_registratie", "opkoper_pseudoniem", "branche", "datum_aankoop",
        "goederencategorie", "aantal", "gestolen_match", "wijk"], [
    ["DOL-2025-09011", D(2025, 1, 7), "OPK-06", "goud_en_sieraden", D(2025, 1, 7), "horloges", 2,
     "nee", "Centrum"],
    ["DOL-2025-09012", D(2025, 1, 8), "OPK-01", "telefoons_en_elektronica", D(2025, 1, 6),
     "telefoons", 1, "ja", "Oostdorp"],
    ["DOL-2025-09013", D(2025, 2, 11), "OPK-03", "fietsen", None, "e-bikes", None, "n",
     "De Kieviet"],
    ["DOL-2025-09014", D(2025, 3, 12), "OPK-07", "tweedehands algemeen", D(2025, 3, 10),
     "gereedschap", 4, 0, "Rijksdorp"],
])
PLAN = (["doel_id", "jaar", "spoor", "wat", "doel", "partners", "status", "voortgang",
         "startdatum", "einddatum", "indicator", "doelwaarde"], [
    ["UP-2026-9.11", 2026, 1, "Interne training zorgfraude", "Alertheid verhogen",
     "Sociaal domein; Burgerzaken", "Voorbereiding gestart", "loopt", D(2026, 1, 1),
     D(2026, 12, 31), "signalen_zorgfraude", 6],
    ["UP-2026-9.12", 2026, "Spoor 2", "Registercontroles DOL/DOR", "Vijf controles per jaar",
     "Politie; BOA's", "Eerste controles gedaan", "loopt", D(2026, 2, 1), D(2026, 12, 31),
     "registercontroles", 5],
])


def changed(table, row, column, value):
    """A copy of (header, rows) with one cell (data row index, header name) replaced."""
    header, rows = table
    rows = [list(r) for r in rows]
    rows[row][header.index(column)] = value
    return header, rows


def with_column(table, name, values):
    """A copy of (header, rows) with an extra column at the end."""
    header, rows = table
    return header + [name], [list(r) + [v] for r, v in zip(rows, values)]


FILES = {
    "signalen_status_onbekend.xlsx": changed(SIGNALEN, 1, "status", "half_open_xq"),
    "signalen_datum_onmogelijk.xlsx": changed(SIGNALEN, 2, "Datum ontvangst", "31-02-2025"),
    "signalen_bsn_als_getal.xlsx": changed(SIGNALEN, 0, "wijk", 123456782),
    "m_meldingen_iban.xlsx": changed(MELDINGEN, 0, "Gekoppeld signaal ID", "NL91ABNA0417164300"),
    "m_meldingen_leeg.xlsx": ([], []),
    "handhaving_domein_onbekend.xlsx": changed(HANDHAVING, 0, "domein", "horeca_xq"),
    "handhaving_telefoon_internationaal.xlsx": changed(HANDHAVING, 2, "uitkomst",
                                                       "gebeld met +31 6 23456789"),
    "dol_registraties_aantal_tekst.xlsx": changed(DOL, 1, "aantal", "drie stuks"),
    "dol_registraties_email.xlsx": changed(DOL, 3, "goederencategorie",
                                           "via opkoper.zeven@voorbeeld.nl"),
    "uitvoeringsplan_einde_voor_start.xlsx": changed(PLAN, 1, "einddatum", D(2026, 1, 15)),
    "uitvoeringsplan_kolom_buiten_contract.xlsx": with_column(PLAN, "Contactpersoon",
                                                              ["Pietersen", "De Wit"]),
}
CORRUPT = "dol_registraties_beschadigd.xlsx"


def write_xlsx(path, header, rows):
    """One sheet: the header, then the rows; datetimes as Excel dates, the rest as given."""
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": dt.datetime(2026, 1, 1)})
    sheet = workbook.add_worksheet("Export")
    date = workbook.add_format({"num_format": "dd-mm-yyyy"})
    if header:
        sheet.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, date)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write(r, c, value)
    workbook.close()


def write_all(folder=HERE):
    """Write every .xlsx file of the corpus into folder; returns their paths."""
    folder = Path(folder)
    paths = []
    for name, (header, rows) in FILES.items():
        write_xlsx(folder / name, header, rows)
        paths.append(folder / name)
    # A workbook cut off halfway, as after an interrupted download.
    write_xlsx(folder / CORRUPT, *DOL)
    data = (folder / CORRUPT).read_bytes()
    (folder / CORRUPT).write_bytes(data[: len(data) // 2])
    paths.append(folder / CORRUPT)
    return paths


if __name__ == "__main__":
    for written in write_all():
        print(written.name)
