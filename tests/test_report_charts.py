"""The report's chart images survive text that SVG cannot hold (vl-convert aborts on it)."""

import subprocess
import sys

from tests.conftest import ROOT

# A label and a title with control characters, as a value stored before the loader refused
# them; rendered in a process of its own, because vl-convert aborts the whole process.
RENDER = """
import altair as alt, polars as pl
from dashboard import report_charts
rijen = pl.DataFrame({"wijk": ["Centrum\\x01", "Kerkehout\\x1b[31m"], "aantal": [3, 4]})
grafiek = alt.Chart(rijen).mark_bar().encode(x="wijk:N", y="aantal:Q").properties(title="T\\x02")
print(report_charts.png(grafiek)[:8].hex())
"""


def test_a_chart_with_control_characters_in_its_labels_renders_instead_of_aborting():
    done = subprocess.run([sys.executable, "-c", RENDER], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-300:]
    assert done.stdout.strip() == "89504e470d0a1a0a"  # the PNG signature


def test_the_spec_keeps_the_labels_without_their_control_characters():
    import altair as alt
    import polars as pl

    from dashboard import report_charts

    rijen = pl.DataFrame({"wijk": ["Centrum\x01"], "aantal": [3]})
    spec = report_charts.spec(alt.Chart(rijen).mark_bar().encode(x="wijk:N", y="aantal:Q"))
    waarden = next(iter(spec["datasets"].values()))
    assert waarden == [{"wijk": "Centrum", "aantal": 3}]
