"""The Word document of the yearly evaluation (python-docx), byte for byte reproducible.

Core properties get fixed dates (the newest date in the data) and the zip container is
rewritten with a fixed timestamp per member, so the same database gives the same bytes.
"""

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from core.fmt import datum, getal, verschil, xml_tekst

ZIP_DATUM = (1980, 1, 1, 0, 0, 0)
GRIJS = RGBColor(0x4D, 0x4D, 0x4D)
MARKERINGEN = ("<5", "x")  # suppressed counts (dashboard.suppression)
def _tekst(waarde):
    """A value as text fit for the document: characters XML cannot hold are left out."""
    return xml_tekst(waarde)


def _getal(waarde):
    """A table cell as text: Dutch thousands dot for numbers, '–' for nothing."""
    if waarde is None:
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, int):
        return getal(waarde)
    return _tekst(waarde)


def _verschil(waarde):
    return "–" if waarde is None else verschil(waarde)


def _arceer(cel, kleur="D9E2F3"):
    """A background colour for a header cell."""
    tc_pr = cel._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), kleur)
    tc_pr.append(shd)


def _herhaal_kop(rij):
    """Repeat the header row on every page the table spans."""
    tr_pr = rij._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _tabel(doc, tabel, nummer):
    """A caption, the table (or one per group, like the plan per spoor), its counting rule."""
    doc.add_paragraph(_tekst(f"Tabel {nummer}. {tabel.titel}"), style="Caption")
    if tabel.groeperen:
        groepen = list(dict.fromkeys(r[0] for r in tabel.rijen))
        for groep in groepen:
            doc.add_paragraph().add_run(_tekst(groep)).bold = True
            _raster(doc, tabel.kolommen[1:], [r[1:] for r in tabel.rijen if r[0] == groep])
    else:
        _raster(doc, tabel.kolommen, tabel.rijen)
    if tabel.noot:
        p = doc.add_paragraph()
        run = p.add_run(_tekst(tabel.noot))
        run.italic = True
        run.font.size = Pt(8)
        run.font.color.rgb = GRIJS


def _raster(doc, kolommen, rijen):
    """The table itself: shaded header repeated on every page, numbers right-aligned."""
    t = doc.add_table(rows=1, cols=len(kolommen))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    numeriek = [all(isinstance(r[i], int) or r[i] is None or r[i] in MARKERINGEN
                    for r in rijen) and any(isinstance(r[i], int) or r[i] in MARKERINGEN
                                            for r in rijen)
                for i in range(len(kolommen))]
    for i, kop in enumerate(kolommen):
        cel = t.rows[0].cells[i]
        cel.text = ""
        run = cel.paragraphs[0].add_run(_tekst(kop))
        run.bold = True
        if numeriek[i]:
            cel.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _arceer(cel)
    _herhaal_kop(t.rows[0])
    for rij in rijen:
        cellen = t.add_row().cells
        for i, waarde in enumerate(rij):
            kop = kolommen[i]
            tekst = _verschil(waarde) if kop == "Verschil" else _getal(waarde)
            para = cellen[i].paragraphs[0]
            run = para.add_run(tekst)
            if rij[0] == "Totaal":
                run.bold = True
            if numeriek[i]:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for rij in t.rows:
        for cel in rij.cells:
            for para in cel.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(9)


def _grafiek(doc, grafiek, png, nummer, tabelnummer):
    """The chart image, a caption and where its figures are in a table."""
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.LEFT
    bijschrift = _tekst(f"Figuur {nummer}. {grafiek.titel}.")
    if tabelnummer:
        bijschrift += f" De cijfers staan in tabel {tabelnummer}."
    doc.add_paragraph(bijschrift, style="Caption")


def _eigenschappen(doc, rapport):
    """Fixed document properties: the same database gives the same document."""
    moment = dt.datetime.combine(rapport.peildatum, dt.time(0, 0))
    cp = doc.core_properties
    cp.title = _tekst(rapport.titel)
    cp.subject = f"Cijfers jaarevaluatie ondermijningsaanpak {rapport.jaar}"
    cp.author = "LOO-dashboard"
    cp.last_modified_by = "LOO-dashboard"
    cp.comments = "Gegenereerd concept; controleer de cijfers voor publicatie."
    cp.keywords = "ondermijning; jaarevaluatie; LOO"
    cp.language = "nl-NL"
    cp.revision = 1
    cp.created = moment
    cp.modified = moment
    cp.last_printed = moment


def _taal(doc):
    """Dutch proofing language for the normal style."""
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    rpr.append(lang)


def opbouwen(rapport, pngs):
    """The python-docx Document of the report."""
    doc = Document()
    _taal(doc)
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(_tekst(rapport.titel), level=0)
    p = doc.add_paragraph()
    run = p.add_run(f"Concept, gegenereerd uit de gegevens van het LOO-dashboard (gegevens tot "
                    f"en met {datum(rapport.peildatum)}). Alle cijfers zijn totalen; er staan "
                    "geen gegevens over personen of individuele dossiers in dit document.")
    run.italic = True
    run.font.color.rgb = GRIJS
    tabelnummers = {}
    figuur = 0
    for blok in rapport.blokken:
        doc.add_heading(_tekst(blok.kop), level=blok.niveau)
        for alinea in blok.alineas:
            doc.add_paragraph(_tekst(alinea))
        for kop, tekst in blok.punten:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(_tekst(f"{kop}: ")).bold = True
            p.add_run(_tekst(tekst))
        for sleutel in blok.tabellen:
            tabelnummers[sleutel] = len(tabelnummers) + 1
            _tabel(doc, rapport.tabellen[sleutel], tabelnummers[sleutel])
        for sleutel in blok.grafieken:
            figuur += 1
            g = rapport.grafieken[sleutel]
            _grafiek(doc, g, pngs[sleutel], figuur, tabelnummers.get(g.tabel))
    _eigenschappen(doc, rapport)
    return doc


def normaliseren(data):
    """The same zip with a fixed timestamp and attributes on every member."""
    bron = zipfile.ZipFile(io.BytesIO(data))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as doel:
        for info in bron.infolist():
            nieuw = zipfile.ZipInfo(info.filename, date_time=ZIP_DATUM)
            nieuw.compress_type = zipfile.ZIP_DEFLATED
            nieuw.external_attr = 0o600 << 16
            nieuw.create_system = 0
            doel.writestr(nieuw, bron.read(info.filename))
    return uit.getvalue()


def schrijven(rapport, pngs, pad):
    """Write the report as .docx to pad."""
    buf = io.BytesIO()
    opbouwen(rapport, pngs).save(buf)
    pad.write_bytes(normaliseren(buf.getvalue()))
    return pad
