"""Fast row access to small DataFrames for the per-sentence loops of the pipeline.

``DataFrame.itertuples`` and ``groupby`` cost a fixed overhead per call that dominates on the
few rows of one sentence; these helpers read each column once into a Python list instead.
"""
from __future__ import annotations

from collections import namedtuple
from functools import lru_cache

import numpy as np
import pandas as pd


@lru_cache(maxsize=64)
def row_type(columns: tuple[str, ...]):
    return namedtuple("Row", ("Index", *columns))


def rows(frame: pd.DataFrame, *columns: str) -> list:
    """The rows of ``frame`` as namedtuples of ``Index`` (0, 1, ... by position) and ``columns``.

    Values are Python objects (``tolist``): missing strings are None or NaN as in the frame.
    """
    make = row_type(columns)
    values = [frame[c].tolist() for c in columns]
    return [make(i, *row) for i, row in enumerate(zip(*values))] if columns else [make(i) for i in range(len(frame))]


def records_frame(records: list, columns: list[str], dtypes: dict | None = None) -> pd.DataFrame:
    """A DataFrame of row tuples ``records``, built a column at a time.

    ``dtypes`` names some columns' dtype; the others are inferred from their values, as
    ``pd.DataFrame(records, columns=columns)`` would (object when there are no rows).  The same
    table as that constructor followed by ``astype(dtypes)``, at a fraction of the cost on the
    few rows of one article: a column of plain ints, floats, bools or strings (with None) becomes
    its array directly (``column_array``), anything else goes through pandas' own inference.
    """
    dtypes = dtypes or {}
    if not records:
        return pd.DataFrame({column: pd.Series([], dtype=dtypes.get(column, object)) for column in columns})
    values = list(zip(*records))
    return pd.DataFrame({column: column_array(v, dtypes.get(column)) for column, v in zip(columns, values)}, copy=False)


# the dtype pandas infers for a list of strings: ``str`` from pandas 3, object before
STRING_DTYPE = pd.Series(["a"]).dtype
# the numpy dtype of a column whose values are all of one Python type, inferred or declared
PLAIN_DTYPES = {int: "int64", float: "float64", bool: "bool"}


def column_array(values: tuple, dtype=None):
    """The values of one column as ``pd.Series(list(values), dtype=dtype)`` holds them.

    Plain Python ints, floats or bools (all of one type, with their own dtype or none declared)
    become a numpy array, strings with or without None the inferred string array; any other
    column is left to pandas (a Series).
    """
    kinds = set(map(type, values))
    if len(kinds) == 1:
        kind = next(iter(kinds))
        plain = PLAIN_DTYPES.get(kind)
        if plain is not None and (dtype is None or str(pd.api.types.pandas_dtype(dtype)) == plain):
            try:
                return np.array(values, dtype=plain)
            except OverflowError:  # an int beyond int64: pandas decides
                pass
    if dtype is None and str in kinds and kinds <= {str, type(None)}:
        return pd.array(list(values), dtype=STRING_DTYPE) if STRING_DTYPE != object else np.array(values, dtype=object)
    return pd.Series(list(values), dtype=dtype)


def grouped_rows(frame: pd.DataFrame, key: str, *columns: str) -> dict:
    """``rows(frame, *columns)`` grouped by the value of ``key``, keys in sorted order.

    Rows with a missing key are left out, as ``DataFrame.groupby`` does.
    """
    groups: dict = {}
    for value, row in zip(frame[key].tolist(), rows(frame, *columns)):
        if not pd.isna(value):
            groups.setdefault(value, []).append(row)
    return dict(sorted(groups.items()))
