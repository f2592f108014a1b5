"""Small-number suppression for the manager role and every export.

In a breakdown below the municipality (wijk, gebied, opkoper) a count of 1 to 4 shows as "<5"
(primary suppression). So that such a cell cannot be worked out from totals, more cells are
hidden (complementary suppression) and show as "x". Zeros stay 0: a zero says nothing about a
person. Municipality-wide totals are not touched here; they are published anyway.

The table is seen as a grid: every group column and the set of count columns is one dimension,
and a line is one dimension varied with all others fixed (a column of wijken for one year, a row
of years for one wijk). The reader is assumed to know every line total, every visible value and
the rule itself: "<5" is 1..4, "x" is 5 or more.

1. A line with exactly one hidden cell hides its smallest visible non-zero cell too; repeat
   until stable (the classic rule).
2. Then bounds propagation over all lines plays the reader: starting from the marker bounds it
   tightens each hidden cell by every line total until nothing changes. A hidden cell left with
   one possible value is "pinned" (two 4s in a line of 8, or a 2x2 block of small cells whose
   row and column totals fix each other); its lines hide one more cell, and this repeats.

A page whose filters show the same counts in many tables (Trends per aandachtsgebied: sources,
month or quarter, any whole-month period) protects its finest table once with raster() and
shows every figure as optelling() of its cells: a sum is visible only when all its cells are,
so no two choices differ by a hidden cell (issue 17, docs/privacy.md).

Limits: propagation is bounds reasoning, not integer programming, so an exotic table could still
narrow a cell further than it shows (the brute-force test in tests/test_suppression.py finds none
on small tables). A line whose only non-zero cells are small cannot be protected without hiding
a published total; solve() reports those cells as `revealed` so a caller can merge categories.
"""

import math
from collections import defaultdict

import polars as pl

from core import fmt

KLEIN = "<5"
AFGESCHERMD = "x"
DREMPEL = 5
LEGENDA = ("<5 = 1 tot 4 (klein aantal, afgeschermd); x = afgeschermd zodat een klein aantal "
           "niet uit de totalen is terug te rekenen.")
# Columns that make a breakdown "below the municipality" (contract names and Dutch headers).
ONDER_GEMEENTE = ("wijk", "gebied", "aandachtsgebied", "opkoper", "opkoper_pseudoniem",
                  "opkoper (pseudoniem)")


def breakdown_columns(df):
    """The columns of df that break figures down below the municipality."""
    return [c for c in df.columns if c.strip().lower() in ONDER_GEMEENTE]


def _bounds(marker):
    return (1, DREMPEL - 1) if marker == KLEIN else (DREMPEL, math.inf)


def _intervals(lines, values, hidden, rounds=1000):
    """What a reader can deduce: per hidden cell the [low, high] its lines' totals still allow.

    Starts from the marker bounds and tightens each cell by each line total and the bounds of
    the other cells in that line, until nothing changes (bounds propagation over all lines).
    """
    bounds = {k: list(_bounds(m)) for k, m in hidden.items()}
    for _ in range(rounds):
        changed = False
        for cells in lines:
            inner = [k for k in cells if k in hidden]
            if not inner:
                continue
            rest = sum(values[k] for k in inner)  # line total minus the visible cells
            low_sum = sum(bounds[k][0] for k in inner)
            high_sum = sum(bounds[k][1] for k in inner if bounds[k][1] != math.inf)
            unbounded = sum(1 for k in inner if bounds[k][1] == math.inf)
            for k in inner:
                lo, hi = bounds[k]
                others_high = (math.inf if unbounded - (hi == math.inf) > 0
                               else high_sum - (0 if hi == math.inf else hi))
                low = max(lo, rest - others_high)
                high = min(hi, rest - (low_sum - lo))
                if (low, high) != (lo, hi):
                    bounds[k] = [low, high]
                    low_sum += low - lo
                    high_sum += (0 if high == math.inf else high) - (0 if hi == math.inf else hi)
                    unbounded -= (hi == math.inf) - (high == math.inf)
                    changed = True
        if not changed:
            break
    return bounds


def _lines(df, count_cols, group_cols, vary=None):
    """Every line of the grid as a list of cell keys (row index, count column).

    vary: the group columns a line runs along (default all); a year column left out gives no
    lines of one month across the years, which nobody publishes.
    """
    n = df.height
    if group_cols:
        keys = list(zip(*[df[g].to_list() for g in group_cols])) if n else []
    else:
        keys = [(i,) for i in range(n)]
    lines = []
    dims = range(len(keys[0])) if keys else range(0)
    if vary is not None and group_cols:
        dims = [d for d in dims if group_cols[d] in vary]
    for d in dims:
        groups = defaultdict(list)
        for i, key in enumerate(keys):
            groups[key[:d] + key[d + 1:]].append(i)
        for rows in groups.values():
            if len(rows) > 1:
                lines.extend([[(i, c) for i in rows] for c in count_cols])
    if len(count_cols) > 1:
        lines.extend([[(i, c) for c in count_cols] for i in range(n)])
    return lines


def solve(df, count_cols, group_cols=None, vary=None):
    """(hidden, revealed): the cells to hide with their marker, and hidden cells that still
    cannot be protected because every line that pins them has nothing left to hide.
    vary: the group columns whose lines have a known total (default all, see _lines)."""
    values = {}
    for c in count_cols:
        for i, v in enumerate(df[c].to_list()):
            values[(i, c)] = 0 if v is None else int(v)
    hidden = {k: KLEIN for k, v in values.items() if 0 < v < DREMPEL}
    lines = _lines(df, count_cols, group_cols, vary)
    position = {c: j for j, c in enumerate(count_cols)}

    def order(cell):
        # smallest value first; ties go to the first row, then the first column
        return values[cell], cell[0], position[cell[1]]

    by_cell = defaultdict(list)
    for cells in lines:
        for k in cells:
            by_cell[k].append(cells)
    # The plain rule first (cheap): a line with exactly one hidden cell hides its smallest
    # visible non-zero cell as well. Then bounds propagation finds what the rule misses.
    changed = True
    while changed:
        changed = False
        for cells in lines:
            inner = [k for k in cells if k in hidden]
            candidates = [c for c in cells if c not in hidden and values[c]]
            if len(inner) == 1 and candidates:
                hidden[min(candidates, key=order)] = AFGESCHERMD
                changed = True
    while True:
        bounds = _intervals(lines, values, hidden)
        pinned = [k for k in hidden if bounds[k][0] >= bounds[k][1]]
        options = set()
        for k in pinned:
            # per pinned cell, the smallest visible non-zero cell of any of its lines
            candidates = [c for cells in by_cell[k] for c in cells
                          if c not in hidden and values[c]]
            if candidates:
                options.add(min(candidates, key=order))
        if not options:
            return hidden, set(pinned)
        for c in options:
            hidden[c] = AFGESCHERMD


def hidden_cells(df, count_cols, group_cols=None):
    """{(row index, column): "<5" or "x"} for every cell that must not be shown."""
    return solve(df, count_cols, group_cols)[0]


def suppress(df, count_cols, group_cols=None, derived=(), text=fmt.getal):
    """The frame with count columns as text, small and complementary cells hidden.

    derived: columns computed from the counts (a share, an average); in a row with a hidden
    cell they would give it away, so there they show "x" too. text formats a visible number
    (Dutch by default; `str` for a CSV).
    """
    hidden = hidden_cells(df, count_cols, group_cols)
    rows_hidden = {i for i, _ in hidden}
    out = []
    for c in count_cols:
        texts = [hidden.get((i, c)) or (fmt.getal(v) if v is None else text(v))
                 for i, v in enumerate(df[c].to_list())]
        out.append(pl.Series(c, texts, dtype=pl.String))

    def derived_text(v):
        if v is None:
            return fmt.getal(None)
        return fmt.getal(v, 1) if text is fmt.getal else text(v)

    for c in derived:
        texts = [AFGESCHERMD if i in rows_hidden else derived_text(v)
                 for i, v in enumerate(df[c].to_list())]
        out.append(pl.Series(c, texts, dtype=pl.String))
    return df.with_columns(out)


# Integer columns that label a row rather than count something.
LABEL_COLUMNS = ("jaar", "maand", "kwartaal", "spoor", "periode", "nr.")


def protection(df, afschermen=None):
    """(counts, groups, derived) when df must be protected, else None.

    afschermen: None = only when df has a breakdown column (wijk, gebied, opkoper); True = df is
    a breakdown anyway (e.g. a pivot whose columns are gebieden); False = never.
    """
    if afschermen is False or (not afschermen and not breakdown_columns(df)):
        return None
    counts = [c for c, t in df.schema.items()
              if t.is_integer() and c.strip().lower() not in LABEL_COLUMNS]
    derived = [c for c, t in df.schema.items() if t.is_float()]
    groups = [c for c in df.columns if c not in counts and c not in derived]
    return (counts, groups, derived) if counts else None


def protect(df, afschermen=None, text=fmt.getal):
    """(frame, hidden?): df with small counts hidden when it is a breakdown, else unchanged."""
    plan = protection(df, afschermen)
    if plan is None:
        return df, False
    counts, groups, derived = plan
    hidden = hidden_cells(df, counts, groups)
    if not hidden:
        return df, False
    return suppress(df, counts, groups, derived=derived, text=text), True


# --- one protected table behind every choice of a page (issue 17: differencing) ---
# A page with filters (sources, month or quarter, a period of whole months) shows many tables
# of the same counts. Protected one by one, each hides other complementary cells, and two of
# them side by side give a hidden cell away (8 signals in a month, 10 with handhaving added).
# So the finest table, every filter dimension at once, is protected once, and every figure
# shown is a sum of its cells: visible only when all its cells are visible.

def raster(df, count_cols, group_cols, vary=None):
    """{(group values..., count column): marker} for the hidden cells of the finest table.

    Each count column (a source, or a part of one) is a grid of its own: no figure adds
    sources up unless every cell in it is visible, so no total across them is published.
    vary: as in solve (the lines whose totals are known, e.g. a year's months per gebied).
    """
    keys = list(zip(*[df[g].to_list() for g in group_cols])) if df.height else []
    verborgen = {}
    for c in count_cols:
        hidden, _ = solve(df, [c], group_cols, vary)
        verborgen.update({(*keys[i], c): m for (i, _), m in hidden.items()})
    return verborgen


def optelling(delen):
    """A figure that adds up cells of one protected table, from [(value, marker or None)].

    The sum when every cell is visible. Otherwise a marker that says no more than the markers
    of its cells: "<5" only for one small cell plus visible zeros, else "x" (which here may
    stand for any number: the sum of a small cell and a visible 6 is no "<5").
    """
    verborgen = [m for _, m in delen if m]
    zichtbaar = sum(v for v, m in delen if not m)
    if not verborgen:
        return zichtbaar
    return KLEIN if verborgen == [KLEIN] and zichtbaar == 0 else AFGESCHERMD


def tegel(waarde, afschermen):
    """A count on a tile: 1 to 4 as "<5" when afschermen (a role without small counts)."""
    if afschermen and waarde is not None and 0 < waarde < DREMPEL:
        return KLEIN
    return fmt.getal(waarde)
