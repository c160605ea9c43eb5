"""Fast row access to small DataFrames for the per-sentence loops of the pipeline.

``DataFrame.itertuples`` and ``groupby`` cost a fixed overhead per call that dominates on the
few rows of one sentence; these helpers read each column once into a Python list instead.
"""
from __future__ import annotations

from collections import namedtuple
from functools import lru_cache

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
    few rows of one article.
    """
    dtypes = dtypes or {}
    values = list(zip(*records)) if records else [()] * len(columns)
    return pd.DataFrame({column: pd.Series(list(v), dtype=dtypes.get(column, None if records else object))
                         for column, v in zip(columns, values)})


def grouped_rows(frame: pd.DataFrame, key: str, *columns: str) -> dict:
    """``rows(frame, *columns)`` grouped by the value of ``key``, keys in sorted order.

    Rows with a missing key are left out, as ``DataFrame.groupby`` does.
    """
    groups: dict = {}
    for value, row in zip(frame[key].tolist(), rows(frame, *columns)):
        if not pd.isna(value):
            groups.setdefault(value, []).append(row)
    return dict(sorted(groups.items()))
