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


# --- targeted sentiment on the NewsMTSC format --------------------------------------------

POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SENTIMENT_LABELS = ("negative", "neutral", "positive")


class DatasetError(ValueError):
    """A NewsMTSC file that cannot be read; the message names the file, line and problem."""


def read_newsmtsc(path) -> pd.DataFrame:
    """One row per target of a NewsMTSC JSONL file, in file order.

    Columns: ``line`` (1-based line number), ``text`` (``sentence_normalized``), ``start``,
    ``end`` (``from``/``to``, end exclusive), ``target`` (the mention), ``gold`` (negative /
    neutral / positive from polarity 2.0 / 4.0 / 6.0; empty when the file has no polarity).
    """
    import json
    from pathlib import Path

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DatasetError(f"{path}: is a directory, not a JSONL file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DatasetError(f"{path}: cannot be read as UTF-8 text ({err.__class__.__name__})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["sentence_normalized"]
            for target in record["targets"]:
                start, end = int(target["from"]), int(target["to"])
                if not (isinstance(text, str) and 0 <= start < end <= len(text)):
                    raise ValueError(f"target offsets {start}:{end} outside the sentence")
                polarity = target.get("polarity")
                if polarity is not None and float(polarity) not in POLARITY_LABELS:
                    raise ValueError(f"polarity {polarity} is not 2.0, 4.0 or 6.0")
                gold = POLARITY_LABELS[float(polarity)] if polarity is not None else ""
                rows.append((number, text, start, end, text[start:end], gold))
        except json.JSONDecodeError as err:
            raise DatasetError(f"{path}: line {number}: not valid JSON ({err.msg})") from None
        except (KeyError, TypeError) as err:
            raise DatasetError(f"{path}: line {number}: missing or malformed field {err}") from None
        except ValueError as err:
            raise DatasetError(f"{path}: line {number}: {err}") from None
    if not rows:
        raise DatasetError(f"{path}: no targets found")
    return pd.DataFrame(rows, columns=["line", "text", "start", "end", "target", "gold"])


def classification_scores(gold, predicted) -> dict:
    """``macro_f1`` (the paper's F1m), ``accuracy``, ``f1_<label>`` per class and ``confusion``.

    ``confusion`` is a DataFrame, gold labels as rows and predicted labels as columns.
    """
    gold, predicted = list(gold), list(predicted)
    scores = {}
    for label in SENTIMENT_LABELS:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        scores[f"f1_{label}"] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    scores = {
        "macro_f1": sum(scores.values()) / len(SENTIMENT_LABELS),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1),
        **scores,
    }
    confusion = pd.DataFrame(0, index=list(SENTIMENT_LABELS), columns=list(SENTIMENT_LABELS))
    for g, p in zip(gold, predicted):
        confusion.loc[g, p] += 1
    scores["confusion"] = confusion.rename_axis(index="gold", columns="predicted")
    return scores


def evaluation_report(source: str, gold, predictions: dict) -> str:
    """Metrics of several methods side by side, then each method's confusion matrix, as text."""
    scores = {name: classification_scores(gold, labels) for name, labels in predictions.items()}
    metrics = ["macro_f1", "accuracy", *(f"f1_{label}" for label in SENTIMENT_LABELS)]
    table = pd.DataFrame({name: [s[m] for m in metrics] for name, s in scores.items()}, index=metrics)
    lines = [f"{source}: {len(list(gold))} targets", "", table.round(4).to_string(), ""]
    for name, s in scores.items():
        lines += [f"confusion matrix, {name} (rows: gold, columns: predicted)", s["confusion"].to_string(), ""]
    return "\n".join(lines)
