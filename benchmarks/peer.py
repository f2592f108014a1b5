"""The peer: the same aggregations done the way many Streamlit dashboards do them.

pandas reads the exports and filters and groups in memory. Cold = read the CSVs and aggregate
(the first visit); warm = aggregate on DataFrames already held in memory (what st.cache_data on
the read gives such a dashboard). Aggregations follow three of our pages: Overzicht (year
totals with the counting rule), Trends (month × thema) and DOL/DOR (month × branche, top
opkopers, timeliness).
"""

import statistics
import time
from pathlib import Path

import pandas as pd

DATE_COLUMNS = {"signalen": "datum_ontvangst", "m_meldingen": "datum_ontvangst",
                "handhaving": "datum", "dol_registraties": "datum_registratie"}


def _read(path):
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline()
    frame = pd.read_csv(path, sep=";" if header.count(";") > header.count(",") else ",",
                        dtype=str, encoding="utf-8-sig")
    frame.columns = [c.strip().lower().replace(" ", "_") for c in frame.columns]
    return frame


def _dates(series):
    dashed = series.str.match(r"^\d{2}-\d{2}-\d{4}$").fillna(False)
    return pd.to_datetime(series.where(~dashed), format="%Y-%m-%d").fillna(
        pd.to_datetime(series.where(dashed), format="%d-%m-%Y"))


def read_exports(folder):
    """Every export as a DataFrame with parsed dates, as such a dashboard loads them."""
    frames = {}
    for source, column in DATE_COLUMNS.items():
        frame = _read(next(Path(folder).glob(f"{source}_*.csv")))
        frame[column] = _dates(frame[column])
        if source == "dol_registraties":
            frame["datum_aankoop"] = _dates(frame["datum_aankoop"])
            frame["aantal"] = frame["aantal"].astype(int)
        frames[source] = frame
    return frames


def overzicht(f, jaar):
    """Year totals: signals plus unlinked M-meldingen, M-meldingen, measures, DOL."""
    s, m = f["signalen"], f["m_meldingen"]
    h, d = f["handhaving"], f["dol_registraties"]
    s_y = s[s.datum_ontvangst.dt.year == jaar]
    m_y = m[m.datum_ontvangst.dt.year == jaar]
    unlinked = m_y[~m_y.gekoppeld_signaal_id.isin(s.signaal_id)]
    return {"signalen_en_meldingen": len(s_y) + len(unlinked), "m_meldingen": len(m_y),
            "drugs": int((m_y.thema.str.lower() == "drugs").sum()),
            "instrumenten": h[h.datum.dt.year == jaar].groupby("instrument").size().to_dict(),
            "dol": int(d[d.datum_registratie.dt.year == jaar].aantal.count())}


def trends(f, jaar):
    """Counts per month per thema of signals and M-meldingen in a year."""
    parts = []
    for source in ("signalen", "m_meldingen"):
        frame = f[source]
        frame = frame[frame.datum_ontvangst.dt.year == jaar]
        parts.append(frame.groupby([frame.datum_ontvangst.dt.month, frame.thema.str.lower()])
                     .size())
    return pd.concat(parts).groupby(level=[0, 1]).sum()


def dol(f, jaar, termijn=7):
    """Registrations per month and branche, top opkopers, share registered within the term."""
    d = f["dol_registraties"]
    d = d[d.datum_registratie.dt.year == jaar]
    per_maand = d.groupby([d.datum_registratie.dt.month, "branche"]).aantal.sum()
    top = d.groupby("opkoper_pseudoniem").aantal.sum().nlargest(10)
    dagen = (d.datum_registratie - d.datum_aankoop).dt.days
    return per_maand, top, float((dagen <= termijn).mean())


PAGES = {"overzicht": overzicht, "trends": trends, "dol": dol}


def measure(folder, jaar, repeats=3):
    """Median seconds per page: cold (read + aggregate) and warm (aggregate only)."""
    result = {}
    for page_id, aggregate in PAGES.items():
        colds, warms = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            frames = read_exports(folder)
            aggregate(frames, jaar)
            colds.append(time.perf_counter() - started)
            started = time.perf_counter()
            aggregate(frames, jaar)
            warms.append(time.perf_counter() - started)
        result[page_id] = {"cold_s": statistics.median(colds), "warm_s": statistics.median(warms)}
    return result
