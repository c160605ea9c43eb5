"""frames: the small-table helpers of the per-document loops."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.frames import column_array, grouped_rows, records_frame

COLUMNS = ["sentence_id", "party", "note", "score", "location"]
DTYPES = {"sentence_id": "int64", "location": bool}


@pytest.mark.parametrize("records", [
    [],
    [(3, "Syria", None, 0.5, True), (1, "Iran", "ally", 2, False)],
    [(0, "Russia", None, float("nan"), False)],
])
def test_records_frame_is_the_constructor_then_astype(records):
    expected = pd.DataFrame(records, columns=COLUMNS).astype(DTYPES)
    got = records_frame(records, COLUMNS, DTYPES)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert list(got.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def test_records_frame_infers_like_the_constructor_without_dtypes():
    got = records_frame([("a", 1, 0.25), ("b", 2, 1.0)], ["party", "n", "mean"])
    assert [str(t) for t in got.dtypes] == ["str", "int64", "float64"]
    assert got.to_dict("list") == {"party": ["a", "b"], "n": [1, 2], "mean": [0.25, 1.0]}
    assert [str(t) for t in records_frame([], ["party", "n"]).dtypes] == ["object", "object"]


# columns of every kind the fast path takes, and of kinds it leaves to pandas
KINDS = {
    "ints": [3, 1, 2], "floats": [0.5, float("nan"), 2.0], "bools": [True, False, True],
    "strings": ["Syria", "Iran", "Iran"], "strings_none": [None, "ally", None], "nones": [None, None, None],
    "mixed_numbers": [1, 2.5, 3], "ints_none": [1, None, 3], "strings_nan": ["a", float("nan"), "b"],
    "objects": [("a",), ("b",), ()], "huge": [2 ** 70, 1, 2], "numpy_ints": list(np.array([1, 2, 3])),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_column_array_holds_what_a_series_would(kind):
    values = tuple(KINDS[kind])
    expected = pd.Series(list(values))
    got = pd.Series(column_array(values))
    pd.testing.assert_series_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("kind,dtype", [("ints", "int64"), ("bools", bool), ("floats", "float64"),
                                        ("ints", "float64"), ("ints", "Int64"), ("strings", "category")])
def test_column_array_with_a_declared_dtype(kind, dtype):
    values = tuple(KINDS[kind])
    pd.testing.assert_series_equal(pd.Series(column_array(values, dtype)), pd.Series(list(values), dtype=dtype),
                                   check_exact=True)


def test_records_frame_of_every_kind_is_the_constructor():
    columns = sorted(KINDS)
    records = list(zip(*(KINDS[c] for c in columns)))
    pd.testing.assert_frame_equal(records_frame(records, columns), pd.DataFrame(records, columns=columns),
                                  check_exact=True)


def test_grouped_rows_sorts_keys_and_drops_missing_ones():
    frame = pd.DataFrame({"party": ["b", None, "a", "b"], "n": [1, 2, 3, 4]})
    groups = grouped_rows(frame, "party", "n")
    assert list(groups) == ["a", "b"]
    assert [r.n for r in groups["b"]] == [1, 4] and [r.Index for r in groups["b"]] == [0, 3]
