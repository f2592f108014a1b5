"""The Altair theme 'loo': Okabe-Ito colours, Dutch locale, and small accessible chart builders.

Streamlit must render these charts with theme=None (dashboard.page.chart does), otherwise its
own theme replaces this configuration.
"""

import altair as alt
import polars as pl

from core.fmt import DAGEN, MAANDEN, MAANDEN_KORT

# Okabe-Ito: distinguishable with every common form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "stroke",
          "wedge"]
DASHES = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4], [4, 4], [3, 6]]

_DAGEN_ZO = (DAGEN[6],) + DAGEN[:6]  # d3 counts the week from Sunday
LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "time": {
        "dateTime": "%A %e %B %Y %X",
        "date": "%d-%m-%Y",
        "time": "%H:%M:%S",
        "periods": ["", ""],
        "days": list(_DAGEN_ZO),
        "shortDays": [d[:2] for d in _DAGEN_ZO],
        "months": list(MAANDEN),
        "shortMonths": list(MAANDEN_KORT),
    },
}

# counts: whole-number ticks with a thousands dot, never 0,5
COUNT_AXIS = alt.Axis(format=",d", tickMinStep=1)

FONT = "'Source Sans Pro', 'Segoe UI', Arial, sans-serif"


def theme():
    """The Vega-Lite configuration of every chart in the dashboard."""
    return {
        "config": {
            "locale": LOCALE,
            "font": FONT,
            "background": "#ffffff",
            "range": {"category": PALETTE},
            "title": {"fontSize": 18, "anchor": "start", "color": "#1a1a1a"},
            "axis": {"labelFontSize": 14, "titleFontSize": 14, "labelColor": "#1a1a1a",
                     "titleColor": "#1a1a1a", "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 14, "titleFontSize": 14, "orient": "bottom",
                       "labelLimit": 360, "symbolSize": 120},
            "line": {"strokeWidth": 3},
            "point": {"size": 80, "filled": True},
            "view": {"stroke": None},
            # marks and axes hidden from screen readers: Vega describes them in English with
            # English dates; the chart's description and the table under it are the text
            # alternative (dashboard.page.chart)
            "aria": False,
            "mark": {"aria": False},
        },
        "height": 360,
        "width": "container",
    }


@alt.theme.register("loo", enable=True)
def _loo():
    return alt.theme.ThemeConfig(theme())


def _accessible(chart, title, description):
    """A title and a text description that screen readers announce."""
    return chart.properties(title=title, description=description or title)


def _time_axis(x_format):
    """One tick per month (or per quarter when the format shows quarters), never in between."""
    step = 3 if "%q" in x_format else 1
    return alt.Axis(format=x_format, labelAngle=0,
                    tickCount={"interval": "month", "step": step}, labelOverlap=True)


def _x(x, x_title, x_type, x_format="%b %Y"):
    if x_type == "T":
        return alt.X(f"{x}:T", title=x_title, axis=_time_axis(x_format))
    return alt.X(f"{x}:{x_type}", title=x_title, sort=None, axis=alt.Axis(labelAngle=0))


def line(df, x, y, color=None, title="", x_title=None, y_title="Aantal", x_type="T",
         description=None, x_format="%b %Y"):
    """Lines with a marker shape and a dash per series, so colour is never the only cue."""
    base = alt.Chart(df)
    tooltip = [alt.Tooltip(f"{x}:{x_type}", title=x_title or x,
                           format=x_format if x_type == "T" else alt.Undefined),
               alt.Tooltip(f"{y}:Q", title=y_title, format=",d")]
    enc = {"x": _x(x, x_title, x_type, x_format), "y": alt.Y(f"{y}:Q", title=y_title,
                                                             axis=COUNT_AXIS)}
    if color:
        tooltip.insert(0, alt.Tooltip(f"{color}:N", title=color))
        enc.update(color=alt.Color(f"{color}:N", title=None),
                   shape=alt.Shape(f"{color}:N", title=None,
                                   scale=alt.Scale(range=SHAPES)),
                   strokeDash=alt.StrokeDash(f"{color}:N", title=None,
                                             scale=alt.Scale(range=DASHES)))
    chart = base.mark_line(point=True).encode(**enc, tooltip=tooltip)
    return _accessible(chart, title, description)


def bars(df, x, y, color=None, title="", stacked=True, x_title=None, y_title="Aantal",
         x_type="T", horizontal=False, description=None, x_format="%b %Y",
         time_unit="yearmonth"):
    """Bars, stacked or side by side, with white separators and the value in the tooltip."""
    tooltip = [alt.Tooltip(f"{x}:{x_type}", title=x_title or x,
                           format=x_format if x_type == "T" else alt.Undefined),
               alt.Tooltip(f"{y}:Q", title=y_title, format=",d")]
    xenc = _x(x, x_title, x_type, x_format)
    if x_type == "T":
        xenc = alt.X(f"{time_unit}({x}):T", title=x_title, axis=_time_axis(x_format))
    labelled = not color or not stacked
    # room above the highest bar for its value label
    top = (df[y].max() or 0) if labelled and len(df) else 0
    scale = alt.Scale(domain=[0, max(1, top * 1.15)], nice=True) if labelled else alt.Undefined
    yenc = alt.Y(f"{y}:Q", title=y_title, stack="zero" if stacked else None, axis=COUNT_AXIS,
                 scale=scale)
    enc = {"x": xenc, "y": yenc}
    if horizontal:
        enc = {"y": alt.Y(f"{x}:{x_type}", title=x_title, sort="-x"),
               "x": alt.X(f"{y}:Q", title=y_title, stack="zero" if stacked else None,
                          axis=COUNT_AXIS, scale=scale)}
    if color:
        tooltip.insert(0, alt.Tooltip(f"{color}:N", title=color))
        enc["color"] = alt.Color(f"{color}:N", title=None)
        if not stacked:
            enc["xOffset" if not horizontal else "yOffset"] = alt.XOffset(f"{color}:N") \
                if not horizontal else alt.YOffset(f"{color}:N")
    mark = {"stroke": "white", "strokeWidth": 1}
    if x_type == "T" and not horizontal:
        mark["width"] = {"band": 0.8}
    chart = alt.Chart(df).mark_bar(**mark).encode(**enc, tooltip=tooltip)
    if labelled:
        labels = alt.Chart(df).mark_text(
            dy=-8 if not horizontal else 0, dx=4 if horizontal else 0, fontSize=14,
            align="left" if horizontal else "center",
            color="#1a1a1a").encode(**{k: v for k, v in enc.items() if k != "color"},
                                    text=alt.Text(f"{y}:Q", format=",d"))
        chart = chart + labels
    return _accessible(chart, title, description)


# Event markers: a numbered circle per event in a band above the plot area, never on the data;
# the numbers are explained in the list under the chart (and in the tooltip).
MARKER_BREEDTE = 26  # px: a circle with a two-digit number, with a little room
MARKER_RIJ = 24  # px per row of the band
SMALSTE_PLOT = 280  # px: the narrowest plot (a phone); wider plots only spread markers more


def label_rijen(posities, breedte=MARKER_BREEDTE):
    """The band row (0 = next to the plot) of each marker, so that no two markers in a row
    overlap: boxes of width breedte centred on their x position (px), placed left to right in
    the first row where they fit. Returns the rows in the order of posities."""
    volgorde = sorted(range(len(posities)), key=lambda i: posities[i])
    einden, rijen = [], [0] * len(posities)
    for i in volgorde:
        links = posities[i] - breedte / 2
        rij = next((r for r, eind in enumerate(einden) if links >= eind), len(einden))
        if rij == len(einden):
            einden.append(0)
        einden[rij] = posities[i] + breedte / 2
        rijen[i] = rij
    return rijen


def marker_posities(datums, van, tot, breedte=SMALSTE_PLOT):
    """x in px of each date on a time axis from van to tot that is breedte px wide."""
    dagen = max(1, (tot - van).days)
    return [breedte * (d - van).days / dagen for d in datums]


def met_markeringen(chart, df, van=None, tot=None, x="datum", label="label"):
    """The chart with events as dashed vertical rules and numbered markers in a band above the
    plot area (rows staggered so no two overlap); df needs x, label and 'nr'."""
    if df is None or df.height == 0:
        return chart
    van = van or df[x].min()
    tot = tot or df[x].max()
    rijen = label_rijen(marker_posities(df[x].to_list(), van, tot))
    df = df.with_columns(pl.Series("y_px", [-(r + 0.5) * MARKER_RIJ for r in rijen]))
    band = (max(rijen) + 1) * MARKER_RIJ
    base = alt.Chart(df)
    tooltip = [alt.Tooltip("nr:Q", title="Nr."),
               alt.Tooltip(f"{x}:T", title="Datum", format="%e %B %Y"),
               alt.Tooltip(f"{label}:N", title="Gebeurtenis")]
    rules = base.mark_rule(color="#333333", strokeDash=[4, 3], strokeWidth=2).encode(
        x=alt.X(f"{x}:T"), tooltip=tooltip)
    plek = {"x": alt.X(f"{x}:T"), "y": alt.Y("y_px:Q", scale=None, axis=None),
            "tooltip": tooltip}
    cirkel = base.mark_circle(size=420, color="white", stroke="#1a1a1a", strokeWidth=2,
                              opacity=1, clip=False).encode(**plek)
    nummer = base.mark_text(fontSize=13, fontWeight="bold", color="#1a1a1a", clip=False,
                            baseline="middle", align="center").encode(**plek, text="nr:Q")
    titel = chart.title
    binnen = chart.copy()
    binnen.title = alt.Undefined
    tekst = titel if isinstance(titel, str) else getattr(titel, "text", "")
    return (alt.layer(binnen, rules, cirkel, nummer)
            .resolve_scale(y="independent")
            .properties(title=alt.TitleParams(tekst, offset=band + 8),
                        description=chart.description))
