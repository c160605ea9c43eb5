"""Compare the project's tables with hand-labelled answer keys (``shared/data/keys/``)."""
from __future__ import annotations

import pandas as pd


def match_mentions(predicted: pd.DataFrame, key: pd.DataFrame) -> list[tuple[int, int]]:
    """Pairs ``(predicted row, key row)`` of mentions of the same party whose spans overlap.

    Each mention is used once; pairs are made in reading order, the largest overlap first.
    Both tables need ``start``, ``end`` and ``party``.
    """
    candidates = []
    for i, p in enumerate(predicted[["start", "end", "party"]].itertuples(index=False)):
        for j, k in enumerate(key[["start", "end", "party"]].itertuples(index=False)):
            overlap = min(p.end, k.end) - max(p.start, k.start)
            if overlap > 0 and p.party == k.party:
                candidates.append((-overlap, k.start, i, j))
    used_p, used_k, pairs = set(), set(), []
    for _, _, i, j in sorted(candidates):
        if i not in used_p and j not in used_k:
            used_p.add(i)
            used_k.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def mention_scores(predicted: pd.DataFrame, key: pd.DataFrame) -> dict:
    """Mention-level ``precision``, ``recall`` and ``f1`` (overlapping span, same party)."""
    tp = len(match_mentions(predicted, key))
    precision = tp / len(predicted) if len(predicted) else 0.0
    recall = tp / len(key) if len(key) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": len(predicted) - tp, "fn": len(key) - tp,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def count_comparison(predicted: pd.DataFrame, key: pd.DataFrame) -> pd.DataFrame:
    """Per party: ``party, key_all, predicted_all, key_strict, predicted_strict, strict_difference``.

    Strict counts leave out ``location`` mentions; the difference is predicted minus key.
    """
    def counts(table, name):
        location = table["location"].astype(bool)
        return pd.DataFrame({f"{name}_all": table.groupby("party").size(),
                             f"{name}_strict": table[~location].groupby("party").size()})

    both = counts(key, "key").join(counts(predicted, "predicted"), how="outer").fillna(0).astype(int)
    both["strict_difference"] = both["predicted_strict"] - both["key_strict"]
    columns = ["key_all", "predicted_all", "key_strict", "predicted_strict", "strict_difference"]
    return both[columns].rename_axis("party").reset_index().sort_values(["key_all", "party"], ascending=[False, True], ignore_index=True)
