"""The Excel workbook of the yearly evaluation (xlsxwriter): one formatted sheet per table.

No formula injection: every text is written with write_string, xlsxwriter never turns a
string into a formula, number or link, and text that starts with =, +, -, @, a tab or a
carriage return also gets Excel's quote prefix, so that editing the cell keeps it text.
Reproducible: in-memory packaging (fixed zip timestamps) and a fixed created date.
"""

import datetime as dt

import xlsxwriter

from core import fmt

BLADNAMEN = {
    "kerncijfers": "Kerncijfers",
    "m_meldingen": "M-meldingen per thema",
    "per_bron": "Per bron",
    "per_thema": "Per thema",
    "per_maand": "Per maand",
    "wijken": "Per wijk",
    "handhaving": "Bestuursrechtelijk optreden",
    "gebieden": "Aandachtsgebieden",
    "dol": "DOL-DOR",
    "bibob": "Bibob per domein",
    "plan_nu": "Stand uitvoeringsplan",
    "plan_volgend": "Uitvoeringsplan volgend jaar",
    "bronnen": "Bronnen",
}
MAX_BREEDTE = 60
MARKERINGEN = ("<5", "x")  # suppressed counts (dashboard.suppression)
VERBODEN = set("[]:*?/\\")


def bladnaam(sleutel, titel, gebruikt):
    """A valid, unique sheet name (at most 31 characters, no []:*?/\\)."""
    naam = BLADNAMEN.get(sleutel) or "".join(c for c in titel if c not in VERBODEN)
    naam = naam[:31].strip() or "Tabel"
    basis, i = naam, 2
    while naam.lower() in gebruikt:
        naam = f"{basis[:27]} ({i})"
        i += 1
    gebruikt.add(naam.lower())
    return naam


def tekst(ws, rij, kolom, waarde, opmaak, veilig):
    """Write text as a string cell; risky leading characters also get the quote prefix."""
    waarde = str(waarde)
    ws.write_string(rij, kolom, waarde, veilig if waarde.startswith(fmt.FORMULA_START) else opmaak)


def _opmaak(wb):
    return {
        "kop": wb.add_format({"bold": True, "bg_color": "#D9E2F3", "bottom": 1,
                              "text_wrap": True, "valign": "top"}),
        "kop_getal": wb.add_format({"bold": True, "bg_color": "#D9E2F3", "bottom": 1,
                                    "text_wrap": True, "valign": "top", "align": "right"}),
        "tekst": wb.add_format({"valign": "top", "text_wrap": True}),
        "veilig": wb.add_format({"valign": "top", "text_wrap": True, "quote_prefix": True}),
        "getal": wb.add_format({"num_format": "#,##0", "valign": "top"}),
        "verschil": wb.add_format({"num_format": "+#,##0;-#,##0;0", "valign": "top"}),
        "rechts": wb.add_format({"align": "right", "valign": "top"}),
        "totaal_tekst": wb.add_format({"bold": True, "top": 1}),
        "totaal_getal": wb.add_format({"bold": True, "top": 1, "num_format": "#,##0"}),
        "totaal_verschil": wb.add_format({"bold": True, "top": 1,
                                          "num_format": "+#,##0;-#,##0;0"}),
        "titel": wb.add_format({"bold": True, "font_size": 14}),
        "noot": wb.add_format({"italic": True, "font_color": "#4D4D4D", "text_wrap": True,
                               "valign": "top"}),
    }


def _breedtes(tabel):
    """Column widths from the longest header or value, capped so long text wraps."""
    uit = []
    for i, kop in enumerate(tabel.kolommen):
        langste = max([len(str(kop))] + [len(str(r[i])) for r in tabel.rijen if r[i] is not None])
        uit.append(min(MAX_BREEDTE, max(10, langste + 2)))
    return uit


def blad(wb, ws, tabel, f):
    """One table on its own sheet: header row frozen, numbers as numbers, note below."""
    numeriek = [any(isinstance(r[i], int) and not isinstance(r[i], bool) for r in tabel.rijen)
                for i in range(len(tabel.kolommen))]
    for i, kop in enumerate(tabel.kolommen):
        tekst(ws, 0, i, kop, f["kop_getal"] if numeriek[i] else f["kop"], f["kop"])
    for i, breedte in enumerate(_breedtes(tabel)):
        ws.set_column(i, i, breedte)
    ws.freeze_panes(1, 0)
    for r, rij in enumerate(tabel.rijen, start=1):
        totaal = rij[0] == "Totaal"
        for c, waarde in enumerate(rij):
            verschil = tabel.kolommen[c] == "Verschil"
            if waarde is None:
                ws.write_blank(r, c, None, f["totaal_tekst"] if totaal else None)
            elif isinstance(waarde, int) and not isinstance(waarde, bool):
                soort = "verschil" if verschil else "getal"
                ws.write_number(r, c, waarde, f[f"totaal_{soort}" if totaal else soort])
            elif waarde in MARKERINGEN:
                ws.write_string(r, c, waarde, f["rechts"])
            else:
                tekst(ws, r, c, waarde, f["totaal_tekst"] if totaal else f["tekst"], f["veilig"])
    if tabel.noot:
        rij = len(tabel.rijen) + 2
        ws.merge_range(rij, 0, rij, max(0, len(tabel.kolommen) - 1), "", f["noot"])
        tekst(ws, rij, 0, tabel.noot, f["noot"], f["noot"])
        ws.set_row(rij, 15 * (1 + len(tabel.noot) // 90))


def toelichting(ws, rapport, f):
    """The first sheet: title, period and the generated sentences per section."""
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 110)
    tekst(ws, 0, 0, rapport.titel, f["titel"], f["titel"])
    tekst(ws, 1, 0, rapport.periode.omschrijving(), f["noot"], f["noot"])
    tekst(ws, 3, 0, "Onderdeel", f["kop"], f["kop"])
    tekst(ws, 3, 1, "Tekst", f["kop"], f["kop"])
    ws.freeze_panes(4, 0)
    rij = 4
    for blok in rapport.blokken:
        delen = list(blok.alineas) + [f"{k}: {t}" for k, t in blok.punten]
        for deel in delen:
            tekst(ws, rij, 0, blok.kop, f["tekst"], f["veilig"])
            tekst(ws, rij, 1, deel, f["tekst"], f["veilig"])
            rij += 1


def schrijven(rapport, pad):
    """Write the workbook: a 'Toelichting' sheet, then one sheet per table."""
    wb = xlsxwriter.Workbook(str(pad), {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False,
    })
    moment = dt.datetime.combine(rapport.peildatum, dt.time(0, 0))
    wb.set_properties({"title": rapport.titel, "author": "LOO-dashboard",
                       "company": "Gemeente", "created": moment,
                       "comments": "Gegenereerd concept; controleer de cijfers."})
    f = _opmaak(wb)
    gebruikt = {"toelichting"}
    toelichting(wb.add_worksheet("Toelichting"), rapport, f)
    for sleutel, tabel in rapport.tabellen.items():
        blad(wb, wb.add_worksheet(bladnaam(sleutel, tabel.titel, gebruikt)), tabel, f)
    wb.close()
    return pad
