"""Small-number suppression: no 1..4 visible, zeros stay 0, no hidden cell recoverable."""

import itertools
import math

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard import suppression
from dashboard.suppression import AFGESCHERMD, KLEIN, suppress


def wide(rows):
    """A wijk x year table from a list of rows of counts."""
    cols = [f"j{j}" for j in range(len(rows[0]))]
    data = {"wijk": [f"w{i}" for i in range(len(rows))]}
    data.update({c: [r[j] for r in rows] for j, c in enumerate(cols)})
    return pl.DataFrame(data), cols


def shown(rows):
    df, cols = wide(rows)
    return [list(r) for r in suppress(df, cols, ["wijk"]).select(cols).rows()]


def lines_of(n_rows, n_cols):
    return ([[(i, j) for j in range(n_cols)] for i in range(n_rows)]
            + [[(i, j) for i in range(n_rows)] for j in range(n_cols)])


tables = st.integers(2, 4).flatmap(lambda r: st.integers(1, 4).flatmap(
    lambda c: st.lists(st.lists(st.integers(0, 30), min_size=c, max_size=c),
                       min_size=r, max_size=r)))


def test_small_counts_show_as_below_five():
    assert shown([[3, 20], [12, 30]])[0][0] == KLEIN


def test_a_lone_small_cell_gets_a_complement_in_its_row_and_column():
    out = shown([[3, 20, 9], [12, 30, 7], [40, 50, 60]])
    assert out[0] == [KLEIN, "20", AFGESCHERMD]  # 9 is the smallest in row 0
    assert [r[0] for r in out] == [KLEIN, AFGESCHERMD, "40"]  # 12 in column 0
    # the complements' own lines need partners as well: 7 closes row 1 and column 2
    assert out[1] == [AFGESCHERMD, "30", AFGESCHERMD]


def test_two_fours_in_a_line_of_eight_are_protected():
    df = pl.DataFrame({"wijk": ["a", "b", "c"], "n": [4, 4, 11]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == [KLEIN, KLEIN, AFGESCHERMD]


def test_one_and_five_do_not_pin_the_one():
    # 1 (<5) and 5 (x) with total 6 + 20: alone, x >= 5 would force <5 to be 1.
    df = pl.DataFrame({"wijk": ["a", "b", "c", "d"], "n": [1, 5, 20, 30]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == [KLEIN, AFGESCHERMD, AFGESCHERMD, "30"]


def test_zeros_stay_zero_and_large_numbers_use_dutch_format():
    out = shown([[0, 1234], [0, 5000]])
    assert out == [["0", "1.234"], ["0", "5.000"]]


def test_columns_become_text_and_groups_stay():
    df, cols = wide([[3, 20], [12, 30]])
    out = suppress(df, cols, ["wijk"])
    assert out.schema["j0"] == pl.String and out["wijk"].to_list() == ["w0", "w1"]


def test_long_format_protects_both_directions():
    df = pl.DataFrame({"wijk": ["a", "a", "b", "b"], "jaar": [2024, 2025, 2024, 2025],
                       "aantal": [2, 10, 10, 10]})
    out = suppress(df, ["aantal"], ["wijk", "jaar"])["aantal"].to_list()
    assert out.count(KLEIN) == 1 and out.count(AFGESCHERMD) == 3


def test_without_group_columns_each_row_is_one_position():
    df = pl.DataFrame({"n": [2, 10, 20]})
    assert suppress(df, ["n"])["n"].to_list() == [KLEIN, AFGESCHERMD, "20"]


def test_missing_counts_are_not_zero_and_not_hidden():
    df = pl.DataFrame({"wijk": ["a", "b"], "n": [None, 20]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == ["–", "20"]


def test_derived_columns_hide_in_rows_with_a_hidden_cell():
    df = pl.DataFrame({"opkoper": ["a", "b", "c"], "n": [2, 10, 20], "aandeel": [6.3, 31.3, 62.5]})
    out = suppress(df, ["n"], ["opkoper"], derived=["aandeel"])
    assert out["aandeel"].to_list() == [AFGESCHERMD, AFGESCHERMD, "62,5"]


def test_plain_text_numbers_for_csv():
    df = pl.DataFrame({"wijk": ["a", "b", "c"], "n": [2, 10, 2000]})
    assert suppress(df, ["n"], ["wijk"], text=str)["n"].to_list() == [KLEIN, AFGESCHERMD, "2000"]


def test_dutch_headers_are_recognised_as_breakdowns():
    df = pl.DataFrame({"Aandachtsgebied": ["a"], "Opkoper (pseudoniem)": ["p"], "Jaar": [1]})
    assert suppression.breakdown_columns(df) == ["Aandachtsgebied", "Opkoper (pseudoniem)"]


def test_breakdown_columns_are_recognised():
    df = pl.DataFrame({"jaar": [1], "wijk": ["a"], "opkoper_pseudoniem": ["p1"], "n": [1]})
    assert suppression.breakdown_columns(df) == ["wijk", "opkoper_pseudoniem"]


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_small_value_is_visible_and_zeros_stay_zero(rows):
    for value, text in zip(itertools.chain(*rows), itertools.chain(*shown(rows))):
        if 1 <= value <= 4:
            assert text == KLEIN
        elif value == 0:
            assert text == "0"
        elif text not in (KLEIN, AFGESCHERMD):
            assert text == suppression.fmt.getal(value)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_a_hidden_cell_never_reads_as_zero(rows):
    for value, text in zip(itertools.chain(*rows), itertools.chain(*shown(rows))):
        if text in (KLEIN, AFGESCHERMD):
            assert value > 0


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_line_hides_two_cells_or_none_unless_nothing_is_left_to_hide(rows):
    out = shown(rows)
    for line in lines_of(len(rows), len(rows[0])):
        hidden = [k for k in line if out[k[0]][k[1]] in (KLEIN, AFGESCHERMD)]
        visible_nonzero = [k for k in line if k not in hidden and rows[k[0]][k[1]] > 0]
        assert len(hidden) != 1 or not visible_nonzero


def feasible(rows, out):
    """Every table consistent with what is shown and with all row and column totals."""
    def row_options(i):
        cells = [j for j, t in enumerate(out[i]) if t in (KLEIN, AFGESCHERMD)]
        rest = sum(rows[i][j] for j in cells)
        domains = [range(1, 5) if out[i][j] == KLEIN else range(5, rest + 1) for j in cells]
        for combo in itertools.product(*domains):
            if sum(combo) == rest:
                yield {(i, j): v for j, v in zip(cells, combo)}

    col_tot = [sum(c) for c in zip(*rows)]
    for parts in itertools.product(*[list(row_options(i)) for i in range(len(rows))]):
        grid = [list(r) for r in rows]
        choice = {}
        for part in parts:
            choice.update(part)
        for (i, j), v in choice.items():
            grid[i][j] = v
        if [sum(c) for c in zip(*grid)] == col_tot:
            yield choice


small_tables = st.integers(2, 3).flatmap(lambda r: st.integers(2, 3).flatmap(
    lambda c: st.lists(st.lists(st.integers(0, 9), min_size=c, max_size=c),
                       min_size=r, max_size=r)))


@settings(max_examples=200, deadline=None)
@given(small_tables)
def test_no_hidden_cell_can_be_recovered_from_the_totals(rows):
    df, cols = wide(rows)
    hidden, revealed = suppression.solve(df, cols, ["wijk"])
    # Only tables where suppression can do its work: no small cell left that a line pins while
    # that line has nothing more to hide (its only non-zero cells are small).
    assume(not any(hidden[k] == KLEIN for k in revealed))
    out = shown(rows)
    options = list(feasible(rows, out))
    for key in options[0] if options else {}:
        primary = out[key[0]][key[1]] == KLEIN
        if primary:
            assert len({o[key] for o in options}) >= 2, (rows, out, key)


def test_protect_leaves_municipality_tables_alone():
    df = pl.DataFrame({"thema": ["drugs", "fraude"], "aantal": [2, 30]})
    assert suppression.protect(df) == (df, False)


def test_protect_finds_counts_groups_and_shares_of_a_breakdown():
    df = pl.DataFrame({"jaar": [2025, 2025, 2025], "wijk": ["a", "b", "c"],
                       "aantal": [2, 10, 20], "aandeel": [0.06, 0.31, 0.63]})
    out, hidden = suppression.protect(df)
    assert hidden
    assert out["jaar"].to_list() == [2025, 2025, 2025]
    assert out["aantal"].to_list() == [KLEIN, AFGESCHERMD, "20"]
    assert out["aandeel"].to_list() == [AFGESCHERMD, AFGESCHERMD, "0,6"]


def test_protect_on_request_treats_a_pivot_as_a_breakdown():
    df = pl.DataFrame({"Periode": ["jan", "feb"], "Buitengebied": [1, 0], "Centrum": [3, 2]})
    out, hidden = suppression.protect(df, afschermen=True)
    assert hidden and out["Buitengebied"].to_list() == [KLEIN, "0"]


def test_protect_without_small_counts_changes_nothing():
    df = pl.DataFrame({"wijk": ["a", "b"], "aantal": [12, 0]})
    assert suppression.protect(df) == (df, False)


# --- the rule in plain values: the markers, the threshold and which tables count ---

def test_the_markers_are_below_five_and_x_and_five_is_shown():
    df = pl.DataFrame({"wijk": ["a", "b", "c", "d"], "n": [4, 5, 12, 30]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == ["<5", "x", "12", "30"]


def test_a_five_alone_is_no_small_count():
    assert shown([[5, 20], [12, 30]]) == [["5", "20"], ["12", "30"]]


def test_the_legend_explains_both_markers():
    assert suppression.LEGENDA == (
        "<5 = 1 tot 4 (klein aantal, afgeschermd); x = afgeschermd zodat een klein aantal "
        "niet uit de totalen is terug te rekenen.")


@pytest.mark.parametrize("kolom", ["wijk", "gebied", "aandachtsgebied", "opkoper",
                                   "opkoper_pseudoniem", "opkoper (pseudoniem)", " Wijk ",
                                   "GEBIED"])
def test_every_column_below_the_municipality_makes_a_breakdown(kolom):
    df = pl.DataFrame({"jaar": [2025], kolom: ["a"], "thema": ["drugs"], "n": [1]})
    assert suppression.breakdown_columns(df) == [kolom]


@pytest.mark.parametrize("kolom", ["thema", "bron", "gemeente", "wijken", "branche"])
def test_other_columns_make_no_breakdown(kolom):
    df = pl.DataFrame({kolom: ["a", "b"], "n": [1, 30]})
    assert suppression.protection(df) is None


@pytest.mark.parametrize("label", ["jaar", "maand", "kwartaal", "spoor", "periode", "nr.",
                                   "Jaar"])
def test_integer_columns_that_label_a_row_are_groups_not_counts(label):
    df = pl.DataFrame({"wijk": ["a", "b"], label: [2025, 2026], "n": [2, 30]})
    assert suppression.protection(df) == (["n"], ["wijk", label], [])


def test_the_plan_of_a_breakdown_names_counts_groups_and_derived_columns():
    df = pl.DataFrame({"wijk": ["a"], "jaar": [2025], "n": [2], "m": [7], "aandeel": [0.5]})
    assert suppression.protection(df) == (["n", "m"], ["wijk", "jaar"], ["aandeel"])


def test_a_breakdown_without_count_columns_has_nothing_to_protect():
    df = pl.DataFrame({"wijk": ["a"], "jaar": [2025], "aandeel": [0.5]})
    assert suppression.protection(df) is None


def test_protection_can_be_switched_off_for_a_table_that_is_no_breakdown():
    df = pl.DataFrame({"wijk": ["a", "b"], "n": [2, 30]})
    assert suppression.protection(df, afschermen=False) is None
    assert suppression.protect(df, afschermen=False) == (df, False)


def test_protect_writes_visible_numbers_with_the_given_text_function():
    df = pl.DataFrame({"wijk": ["a", "b", "c"], "n": [2, 10, 2000], "aandeel": [0.1, 0.2, 0.7]})
    out, hidden = suppression.protect(df, text=str)
    assert hidden
    assert out["n"].to_list() == ["<5", "x", "2000"]
    assert out["aandeel"].to_list() == ["x", "x", "0.7"]


def test_a_missing_derived_value_shows_as_a_dash():
    df = pl.DataFrame({"wijk": ["a", "b", "c"], "n": [2, 10, 20], "aandeel": [0.1, 0.2, None]})
    out = suppress(df, ["n"], ["wijk"], derived=["aandeel"])
    assert out["aandeel"].to_list() == ["x", "x", "–"]


def test_an_empty_table_hides_nothing():
    df = pl.DataFrame({"wijk": [], "n": []}, schema={"wijk": pl.String, "n": pl.Int64})
    assert suppression.hidden_cells(df, ["n"], ["wijk"]) == {}


def test_a_small_count_and_a_five_summing_to_seven_need_no_third_cell():
    # total 57, 50 visible: the hidden pair sums to 7, so <5 is 1 or 2 and x is 6 or 5
    df = pl.DataFrame({"wijk": ["a", "b", "c", "d"], "n": [2, 5, 20, 30]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == ["<5", "x", "20", "30"]


def test_two_small_counts_summing_to_seven_protect_each_other():
    # the hidden pair sums to 7: (3, 4) or (4, 3), so neither can be read off
    df = pl.DataFrame({"wijk": ["a", "b", "c", "d"], "n": [3, 4, 20, 30]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == ["<5", "<5", "20", "30"]


def test_a_missing_count_in_a_csv_is_a_dash_not_none():
    df = pl.DataFrame({"wijk": ["a", "b", "c"], "n": [2, 10, None]})
    assert suppress(df, ["n"], ["wijk"], text=str)["n"].to_list() == ["<5", "x", "–"]


def test_protect_reads_a_long_table_by_each_of_its_group_columns():
    # wijk a: 2 (2024) and 10 (2025); wijk b: 10 and 10. The 2 needs a partner in its wijk
    # (a 2025) and in its year (b 2024); those need one in their own lines (b 2025).
    df = pl.DataFrame({"wijk": ["a", "a", "b", "b"], "jaar": [2024, 2025, 2024, 2025],
                       "aantal": [2, 10, 10, 10]})
    out, hidden = suppression.protect(df)
    assert hidden and out["aantal"].to_list() == ["<5", "x", "x", "x"]


def test_count_and_derived_columns_become_text_also_in_an_empty_table():
    df = pl.DataFrame({"wijk": [], "n": [], "aandeel": []},
                      schema={"wijk": pl.String, "n": pl.Int64, "aandeel": pl.Float64})
    out = suppress(df, ["n"], ["wijk"], derived=["aandeel"])
    assert (out.schema["n"], out.schema["aandeel"]) == (pl.String, pl.String)


def test_the_reader_narrows_an_x_by_the_line_total_and_the_small_cells_beside_it():
    # a line of a 4 ("<5") and a 6 ("x"): the hidden pair sums to 10, so x >= 10 - 4 = 6 and
    # x <= 10 - 1 = 9; the <5 keeps 1..4
    a, b = (0, "n"), (1, "n")
    bounds = suppression._intervals([[a, b]], {a: 4, b: 6}, {a: KLEIN, b: AFGESCHERMD})
    assert bounds == {a: [1, 4], b: [6, 9]}


def reference_bounds(lines, values, hidden):
    """What a reader deduces, computed the slow obvious way: per hidden cell, its line total
    minus the other hidden cells' bounds, recomputed from scratch until nothing changes."""
    bounds = {k: [1, 4] if m == "<5" else [5, math.inf] for k, m in hidden.items()}
    changed = True
    while changed:
        changed = False
        for cells in lines:
            inner = [k for k in cells if k in hidden]
            rest = sum(values[k] for k in inner)
            for k in inner:
                others = [j for j in inner if j != k]
                low = max(bounds[k][0], rest - sum(bounds[j][1] for j in others))
                high = min(bounds[k][1], rest - sum(bounds[j][0] for j in others))
                if [low, high] != bounds[k]:
                    bounds[k], changed = [low, high], True
    return bounds


@settings(max_examples=300, deadline=None)
@given(tables.flatmap(lambda rows: st.tuples(st.just(rows), st.lists(
    st.booleans(), min_size=len(rows) * len(rows[0]), max_size=len(rows) * len(rows[0])))))
def test_the_readers_bounds_are_those_of_plain_propagation(case):
    rows, verberg = case
    values = {(i, j): v for i, r in enumerate(rows) for j, v in enumerate(r)}
    hidden = {}
    for (k, v), extra in zip(values.items(), verberg):
        if 0 < v < 5:
            hidden[k] = "<5"
        elif v >= 5 and extra:
            hidden[k] = "x"
    lines = lines_of(len(rows), len(rows[0]))
    assert suppression._intervals(lines, values, hidden) == reference_bounds(lines, values, hidden)


def test_a_lone_small_cell_takes_one_partner_per_line_not_the_smallest_of_both():
    # 3 is alone in its row and in its column: the row gives up its smallest (6), the column
    # its smallest (20); 6 and 20 then need partners in their own lines (30 closes both).
    # Taking the smallest of row and column together again and again would hide 7 as well.
    assert shown([[3, 6, 7, 40], [20, 30, 31, 50], [25, 35, 36, 60]]) == [
        ["<5", "x", "7", "40"], ["x", "x", "31", "50"], ["25", "35", "36", "60"]]


def test_between_equal_partners_the_first_column_of_the_table_goes():
    # row w0: 2, then 10 and 10; the first of the equal tens (column "m") is hidden, whatever
    # the columns are called
    df = pl.DataFrame({"wijk": ["w0", "w1"], "z": [2, 20], "m": [10, 30], "a": [10, 40]})
    out = suppress(df, ["z", "m", "a"], ["wijk"])
    assert [list(r) for r in out.select("z", "m", "a").rows()] == [
        ["<5", "x", "10"], ["x", "x", "40"]]


def test_two_fours_pinned_by_their_total_take_the_smallest_other_cell_not_the_first():
    df = pl.DataFrame({"wijk": ["a", "b", "c", "d"], "n": [4, 4, 30, 11]})
    assert suppress(df, ["n"], ["wijk"])["n"].to_list() == ["<5", "<5", "30", "x"]


# --- one protected table behind every choice of a page (issue 17: differencing) ---

def test_a_sum_of_visible_cells_is_shown():
    assert suppression.optelling([(6, None), (0, None), (9, None)]) == 15


def test_a_sum_with_one_small_cell_and_zeros_is_below_five():
    assert suppression.optelling([(0, None), (3, KLEIN), (0, None)]) == KLEIN


def test_a_sum_with_a_small_cell_and_a_visible_number_is_x_not_below_five():
    # 3 + 6 = 9: "<5" would be wrong, the number would give the 3 away
    assert suppression.optelling([(3, KLEIN), (6, None)]) == AFGESCHERMD


def test_a_sum_of_two_small_cells_is_x_whatever_it_adds_up_to():
    # "<5" for 1 + 2 but "x" for 3 + 4 would tell the reader how small both are
    assert suppression.optelling([(1, KLEIN), (2, KLEIN)]) == AFGESCHERMD
    assert suppression.optelling([(3, KLEIN), (4, KLEIN)]) == AFGESCHERMD


def test_a_tile_shows_one_to_four_as_below_five_only_when_asked():
    assert [suppression.tegel(n, True) for n in (0, 1, 4, 5, 296)] == [
        "0", KLEIN, KLEIN, "5", "296"]
    assert [suppression.tegel(n, False) for n in (1, 4)] == ["1", "4"]


def test_the_raster_protects_each_source_on_its_own():
    # A small handhaving count beside 8 signals in the same month and gebied: the signals are
    # no partner (no figure adds the sources up while one is hidden); the partner is the
    # other handhaving cell in the line, as for any table.
    df = pl.DataFrame({"maand": [8, 8, 9, 9], "gebied": ["b", "c", "b", "c"],
                       "signalen": [8, 9, 7, 6], "handhaving": [2, 6, 7, 9]})
    verborgen = suppression.raster(df, ["signalen", "handhaving"], ["maand", "gebied"])
    assert not [k for k in verborgen if k[2] == "signalen"]
    assert verborgen[(8, "b", "handhaving")] == KLEIN
    assert {k for k, m in verborgen.items() if m == AFGESCHERMD} == {
        (8, "c", "handhaving"), (9, "b", "handhaving"), (9, "c", "handhaving")}


def test_the_raster_has_no_lines_along_a_column_left_out_of_vary():
    # August of two years: with the year as a line, the lone 2 needs the 9 of the other year
    df = pl.DataFrame({"jaar": [2025, 2026], "maand": [8, 8], "gebied": ["b", "b"],
                       "n": [2, 9]})
    assert suppression.raster(df, ["n"], ["jaar", "maand", "gebied"]) == {
        (2025, 8, "b", "n"): KLEIN, (2026, 8, "b", "n"): AFGESCHERMD}
    assert suppression.raster(df, ["n"], ["jaar", "maand", "gebied"],
                              vary=("maand", "gebied")) == {(2025, 8, "b", "n"): KLEIN}


def cijfers_van_een_pagina(maanden, gebieden, delen):
    """Every figure a page can derive: per set of sources, per span of months (a month, a
    quarter, a range) and per gebied, the finest cells it adds up."""
    for k in range(1, len(delen) + 1):
        for gekozen in itertools.combinations(delen, k):
            for begin in range(maanden):
                for eind in range(begin, maanden):
                    for g in range(gebieden):
                        yield [(m, g, p) for m in range(begin, eind + 1) for p in gekozen]


def oplossingen(cellen, domein, eisen):
    """Every assignment of the cells within their domains that meets every (cells, low, high)
    requirement (low <= sum <= high); a requirement with one open cell left forces it."""
    per_cel = {c: [e for e in eisen if c in e[0]] for c in cellen}
    gekozen = {}

    def past(c):
        for cs, lo, hi in per_cel[c]:
            gezet = [gekozen[x] for x in cs if x in gekozen]
            if sum(gezet) > hi or (len(gezet) == len(cs) and sum(gezet) < lo):
                return False
        return True

    def volgende():
        for cs, lo, hi in eisen:
            open_ = [x for x in cs if x not in gekozen]
            if len(open_) == 1 and lo == hi:
                rest = lo - sum(gekozen[x] for x in cs if x in gekozen)
                return open_[0], [rest] if rest in domein[open_[0]] else []
        c = next(c for c in cellen if c not in gekozen)
        return c, domein[c]

    def zoek():
        if len(gekozen) == len(cellen):
            yield dict(gekozen)
            return
        c, waarden = volgende()
        for v in waarden:
            gekozen[c] = v
            if past(c):
                yield from zoek()
            del gekozen[c]

    yield from zoek()


rasters = st.sampled_from([(2, 2, 2), (2, 3, 2), (3, 2, 2), (3, 3, 1)]).flatmap(
    lambda vorm: st.tuples(st.just(vorm), st.lists(
        st.integers(0, 9), min_size=vorm[0] * vorm[1] * vorm[2],
        max_size=vorm[0] * vorm[1] * vorm[2])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(rasters)
def test_no_choice_of_sources_or_months_lets_a_hidden_cell_be_worked_out(raster):
    # The reader sees every figure of every choice (visible sums, markers) and knows every
    # row and column total of every source (each gebied over the months, each month over the
    # gebieden). Then no hidden small cell may have only one value left.
    (maanden, gebieden, n_delen), getallen = raster
    delen = [f"d{p}" for p in range(n_delen)]
    waarde = {(m, g, p): getallen[(m * gebieden + g) * n_delen + i]
              for m in range(maanden) for g in range(gebieden) for i, p in enumerate(delen)}
    df = pl.DataFrame([{"maand": m, "gebied": g, **{p: waarde[(m, g, p)] for p in delen}}
                       for m in range(maanden) for g in range(gebieden)])
    for p in delen:  # as the older test: only tables suppression can protect at all
        hidden, revealed = suppression.solve(df, [p], ["maand", "gebied"])
        assume(not any(hidden[k] == KLEIN for k in revealed))
    verborgen = suppression.raster(df, delen, ["maand", "gebied"])

    eisen = []
    for p in delen:
        for g in range(gebieden):
            lijn = [(m, g, p) for m in range(maanden)]
            eisen.append((lijn, sum(waarde[c] for c in lijn), sum(waarde[c] for c in lijn)))
        for m in range(maanden):
            lijn = [(m, g, p) for g in range(gebieden)]
            eisen.append((lijn, sum(waarde[c] for c in lijn), sum(waarde[c] for c in lijn)))
    for cijfer in cijfers_van_een_pagina(maanden, gebieden, delen):
        getoond = suppression.optelling([(waarde[c], verborgen.get(c)) for c in cijfer])
        if getoond == KLEIN:
            eisen.append((cijfer, 1, 4))
        elif getoond != AFGESCHERMD:
            eisen.append((cijfer, getoond, getoond))
    open_ = list(verborgen)
    hoogste = max(getallen) * max(maanden, gebieden)
    domein = {c: range(1, 5) if m == KLEIN else range(5, hoogste + 1)
              for c, m in verborgen.items()}
    # what every shown figure says about the hidden cells, with the visible cells filled in
    eisen_open = []
    for cs, lo, hi in eisen:
        vast = sum(waarde[c] for c in cs if c not in verborgen)
        rest = tuple(c for c in cs if c in verborgen)
        if rest:
            eisen_open.append((rest, lo - vast, hi - vast))
        else:
            assert lo <= vast <= hi  # a figure without hidden cells is the plain sum
    mogelijk = list(oplossingen(open_, domein, eisen_open))
    assert {c: waarde[c] for c in open_} in mogelijk  # the real table is one of them
    for c, marker in verborgen.items():
        if marker == KLEIN:
            assert len({o[c] for o in mogelijk}) >= 2, (raster, c)
