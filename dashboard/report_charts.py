"""The charts of the yearly evaluation as Altair specs and PNG images (vl-convert, offline).

Colours and the Dutch number/time locale come from dashboard.charts (PALETTE, LOCALE). The
font is one installed on the machine (DejaVu Sans, from fonts-dejavu-core), so vl-convert
never downloads a font and the same spec gives the same PNG bytes.
"""

import io

import altair as alt
import polars as pl
import vl_convert
from PIL import Image

from core.fmt import MAANDEN_KORT, xml_tekst

try:
    from dashboard.charts import LOCALE, PALETTE
except ImportError:  # the dashboard frame is absent: the same Okabe-Ito colours, Dutch locale
    PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    LOCALE = {"number": {"decimal": ",", "thousands": ".", "grouping": [3],
                         "currency": ["€ ", ""]}}

FONT = "DejaVu Sans"
BREEDTE = 620
SCALE = 2


def _config():
    """The static-image configuration: palette, locale, an installed font, no interactivity."""
    return {
        "font": FONT,
        "background": "#ffffff",
        "range": {"category": PALETTE},
        "title": {"fontSize": 15, "anchor": "start", "color": "#1a1a1a", "font": FONT},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#1a1a1a",
                 "titleColor": "#1a1a1a", "gridColor": "#e6e6e6", "labelFont": FONT,
                 "titleFont": FONT},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom",
                   "labelFont": FONT, "titleFont": FONT},
        "text": {"font": FONT},
        "view": {"stroke": None},
    }


def _jaren_frame(rijen):
    """rijen: (categorie, jaar, aantal) triples as a frame with the year as text (a legend)."""
    return pl.DataFrame(
        {"categorie": [r[0] for r in rijen], "jaar": [str(r[1]) for r in rijen],
         "aantal": [int(r[2]) for r in rijen]},
        schema={"categorie": pl.Utf8, "jaar": pl.Utf8, "aantal": pl.Int64},
    )


def per_jaar(rijen, titel, categorie_titel, volgorde, horizontaal=False):
    """Bars per category, the two years side by side, each bar labelled with its value.

    Year is shown by colour, by position (older year first) and in the legend, and the value
    is printed on every bar: colour is never the only cue.
    """
    df = _jaren_frame(rijen)
    jaren = sorted(set(df["jaar"].to_list()))
    # room beyond the longest bar for its value label
    schaal = alt.Scale(domain=[0, max(1, int(df["aantal"].max() or 0)) * 1.12], nice=False)
    kleur = alt.Color("jaar:N", title="Jaar", sort=jaren,
                      scale=alt.Scale(domain=jaren, range=PALETTE[:len(jaren)]))
    if horizontaal:
        enc = {"y": alt.Y("categorie:N", title=categorie_titel, sort=volgorde),
               "yOffset": alt.YOffset("jaar:N", sort=jaren),
               "x": alt.X("aantal:Q", title="Aantal", scale=schaal,
                            axis=alt.Axis(format="d", tickMinStep=1))}
        tekst = {"align": "left", "dx": 3, "baseline": "middle"}
        hoogte = max(160, 22 * len(jaren) * len(volgorde))
    else:
        enc = {"x": alt.X("categorie:N", title=categorie_titel, sort=volgorde,
                          axis=alt.Axis(labelAngle=0)),
               "xOffset": alt.XOffset("jaar:N", sort=jaren),
               "y": alt.Y("aantal:Q", title="Aantal", scale=schaal,
                            axis=alt.Axis(format="d", tickMinStep=1))}
        tekst = {"align": "center", "dy": -6, "baseline": "bottom"}
        hoogte = 300
    base = alt.Chart(df)
    staven = base.mark_bar(stroke="white", strokeWidth=1).encode(**enc, color=kleur)
    labels = base.mark_text(fontSize=11, color="#1a1a1a", **tekst).encode(
        **enc, text=alt.Text("aantal:Q", format=",d"))
    return (staven + labels).properties(title=titel, width=BREEDTE, height=hoogte)


def per_maand(rijen, titel):
    """Received per month, the two years side by side: rijen are (maand 1-12, jaar, aantal)."""
    rijen = [(MAANDEN_KORT[m - 1], j, a) for m, j, a in rijen]
    volgorde = [MAANDEN_KORT[i] for i in range(12)]
    aanwezig = [m for m in volgorde if any(r[0] == m for r in rijen)]
    return per_jaar(rijen, titel, "Maand", aanwezig)


def _xml_veilig(waarde):
    """Every text in a spec without characters SVG cannot hold: vl-convert aborts the whole
    process on one (a label stored before the loader refused control characters)."""
    if isinstance(waarde, str):
        return xml_tekst(waarde)
    if isinstance(waarde, dict):
        return {_xml_veilig(k): _xml_veilig(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_xml_veilig(v) for v in waarde]
    return waarde


def spec(chart):
    """The Vega-Lite spec of a chart with the static-image configuration."""
    return _xml_veilig(chart.configure(**_config()).to_dict())


def png(chart):
    """The chart as PNG bytes (scale 2), rendered offline with the Dutch locale.

    vl-convert compresses lightly; re-encoding losslessly with zlib level 6 makes the file
    about five times smaller, and the DPI says the image is drawn at twice the size.
    """
    ruw = vl_convert.vegalite_to_png(spec(chart), scale=SCALE, format_locale=LOCALE["number"],
                                     time_format_locale=LOCALE.get("time"))
    with Image.open(io.BytesIO(ruw)) as beeld:
        uit = io.BytesIO()
        beeld.save(uit, format="PNG", compress_level=6, dpi=(72 * SCALE, 72 * SCALE))
    return uit.getvalue()
