"""frames: the small-table helpers of the per-document loops."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.frames import grouped_rows, records_frame

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


def test_grouped_rows_sorts_keys_and_drops_missing_ones():
    frame = pd.DataFrame({"party": ["b", None, "a", "b"], "n": [1, 2, 3, 4]})
    groups = grouped_rows(frame, "party", "n")
    assert list(groups) == ["a", "b"]
    assert [r.n for r in groups["b"]] == [1, 4] and [r.Index for r in groups["b"]] == [0, 3]
