"""The Excel workbook of the yearly evaluation (xlsxwriter): one formatted sheet per table.

No formula injection: every text is written with write_string, xlsxwriter never turns a
string into a formula, number or link, and text that starts with =, +, -, @, a tab or a
carriage return also gets Excel's quote prefix, so that editing the cell keeps it text.
Reproducible: in-memory packaging (fixed zip timestamps) and a fixed created date.
"""

import datetime as dt

import xlsxwriter

from core import clock, fmt

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


# --- one table of a page as a workbook (the Excel download beside each CSV) ---
BETEKENIS = {"<5": "klein aantal (1 tot 4), afgeschermd",
             "x": "afgeschermd, zodat een klein aantal in dezelfde rij of kolom niet terug te "
                  "rekenen is"}
FRACTIE = "(fractie)"  # a share column (dashboard.page.FRACTIE): a percentage format


def _tabel_cel(ws, r, c, kop, waarde, f, totaal):
    """One cell of a page table: a count, a signed difference, a share or text."""
    if waarde is None:
        ws.write_blank(r, c, None, f["totaal_tekst"] if totaal else None)
    elif isinstance(waarde, float) and kop.endswith(FRACTIE):
        ws.write_number(r, c, waarde, f["totaal_procent" if totaal else "procent"])
    elif isinstance(waarde, (int, float)) and not isinstance(waarde, bool):
        soort = "verschil" if kop.startswith("Verschil") else "getal"
        if isinstance(waarde, float) and soort == "getal":
            soort = "decimaal"
        ws.write_number(r, c, waarde, f[f"totaal_{soort}" if totaal else soort])
    elif waarde in MARKERINGEN:
        ws.write_string(r, c, waarde, f["rechts"])
        ws.write_comment(r, c, BETEKENIS[waarde])
    elif isinstance(waarde, (dt.date, dt.datetime)):
        ws.write_string(r, c, waarde.isoformat(), f["tekst"])
    else:
        tekst(ws, r, c, waarde, f["totaal_tekst"] if totaal else f["tekst"], f["veilig"])


def tabel_xlsx(frame, titel, verborgen=()):
    """A page table as .xlsx bytes: sheet 'Tabel' with numbers as numbers (a difference signed,
    a share with a percentage format), sheet 'Toelichting' with the title and every suppressed
    cell (row, column, marker, why)."""
    import io

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False, "strings_to_urls": False})
    f = _opmaak(wb)
    f["procent"] = wb.add_format({"num_format": "+0.0%;-0.0%;0.0%", "valign": "top"})
    f["totaal_procent"] = wb.add_format({"bold": True, "top": 1,
                                         "num_format": "+0.0%;-0.0%;0.0%"})
    f["decimaal"] = wb.add_format({"num_format": "#,##0.0", "valign": "top"})
    f["totaal_decimaal"] = wb.add_format({"bold": True, "top": 1, "num_format": "#,##0.0"})
    ws = wb.add_worksheet("Tabel")
    koppen = frame.columns
    for c, kop in enumerate(koppen):
        numeriek = frame.schema[kop].is_numeric()
        tekst(ws, 0, c, kop, f["kop_getal"] if numeriek else f["kop"], f["kop"])
        ws.set_column(c, c, min(MAX_BREEDTE, max(10, len(kop) + 2,
                                                 *(len(str(v)) + 2 for v in frame[kop]))))
    ws.freeze_panes(1, 0)
    for r, rij in enumerate(frame.iter_rows(), start=1):
        totaal = rij[0] == "Totaal"
        for c, waarde in enumerate(rij):
            _tabel_cel(ws, r, c, koppen[c], waarde, f, totaal)
    uitleg = wb.add_worksheet("Toelichting")
    uitleg.set_column(0, 0, 30)
    uitleg.set_column(1, 1, 30)
    uitleg.set_column(2, 2, 12)
    uitleg.set_column(3, 3, 80)
    tekst(uitleg, 0, 0, titel, f["titel"], f["titel"])
    regels = ["Aantallen en verschillen zijn getallen; een kolom '… (fractie)' is een aandeel "
              "(0,25 = 25%) met percentage-opmaak."]
    regels.append(f"{len(verborgen)} cel(len) afgeschermd, hieronder opgesomd. Kleine aantallen "
                  "onder het niveau van de gemeente worden afgeschermd (zie docs/privacy.md)."
                  if verborgen else "Geen afgeschermde cellen in deze tabel.")
    for i, regel in enumerate(regels, start=1):
        tekst(uitleg, i, 0, regel, f["noot"], f["noot"])
    if verborgen:
        for c, kop in enumerate(("Rij", "Kolom", "Markering", "Waarom")):
            tekst(uitleg, 4, c, kop, f["kop"], f["kop"])
        for r, (rij, kolom, markering) in enumerate(verborgen, start=5):
            tekst(uitleg, r, 0, rij, f["tekst"], f["veilig"])
            tekst(uitleg, r, 1, kolom, f["tekst"], f["veilig"])
            uitleg.write_string(r, 2, markering, f["rechts"])
            tekst(uitleg, r, 3, BETEKENIS[markering], f["tekst"], f["veilig"])
    wb.set_properties({"title": titel, "author": "LOO-dashboard",
                       "created": clock.now().replace(tzinfo=None)})
    wb.close()
    return buf.getvalue()
