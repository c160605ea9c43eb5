"""Comparisons across a corpus: shares of mentions by period and source, sentiment by source,
co-mentions, and the keyness of the words around a party.

Every function takes the corpus tables of ``analysis.corpus`` (``documents`` and ``mentions``
with their ``doc_id``) and returns a tidy DataFrame; nothing here reads files.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from .actors import span_index
from .corpus import document_article
from .sentiment import actor_sentiment
from .tokens import tokens

OTHER = "(other parties)"
UNKNOWN = "(unknown)"


def document_periods(documents: pd.DataFrame, freq: str = "M") -> pd.Series:
    """The period of each document's ``date`` as text ("2017-03" for months), by ``doc_id``.

    ``freq`` is a pandas period alias ("Y", "Q", "M", "W", "D").  Dates are read with
    ``pd.to_datetime(format="mixed")``; a missing or unreadable date gives None.
    """
    dates = pd.to_datetime(documents["date"].astype(object), format="mixed", errors="coerce")
    periods = [None if pd.isna(d) else str(d.to_period(freq)) for d in dates]
    return pd.Series(periods, index=documents["doc_id"].to_numpy(), dtype=object, name="period")


def with_group(mentions: pd.DataFrame, documents: pd.DataFrame, by: str, freq: str = "M") -> pd.DataFrame:
    """``mentions`` with a column ``by`` taken from its document: ``"period"`` (``document_periods``)
    or a column of ``documents`` (``"source"``...).  A missing value is ``"(unknown)"``."""
    if by == "period":
        groups = document_periods(documents, freq)
    elif by in documents.columns:
        groups = pd.Series(documents[by].astype(object).to_numpy(), index=documents["doc_id"].to_numpy())
    else:
        raise ValueError(f"no column {by!r} in the documents table (and not 'period')")
    table = mentions.copy()
    values = table["doc_id"].map(groups)
    table[by] = values.where(values.notna(), UNKNOWN).astype(object)
    return table


def top_parties(mentions: pd.DataFrame, top: int) -> list[str]:
    """The ``top`` parties with the most mentions (ties by name)."""
    counts = Counter(mentions["party"].dropna())
    return sorted(counts, key=lambda p: (-counts[p], p))[:top]


def mention_shares(mentions: pd.DataFrame, documents: pd.DataFrame, by: str = "source", top: int = 6,
                   freq: str = "M", strict: bool = False) -> pd.DataFrame:
    """Each party's share of the mentions in each group of documents.

    ``by`` is ``"period"`` (the documents' dates, ``freq``) or a documents column such as
    ``"source"``.  Parties outside the corpus' ``top`` are pooled as ``"(other parties)"``, so
    the shares of a group add up to 1.  ``strict`` leaves out location mentions.

    Columns: ``<by>``, ``party``, ``mentions`` (in that group), ``share`` (of the group's
    mentions, 0-1), ``documents`` (documents in the group that mention anyone).  Sorted by
    group (``(unknown)``, the documents without a value, last), then share (largest first) and
    party (the pooled row last among equal shares).
    """
    used = mentions[~mentions["location"].astype(bool)] if strict else mentions
    keep = set(top_parties(used, top))
    table = with_group(used, documents, by, freq)
    table["party"] = [p if p in keep else OTHER for p in table["party"]]
    counts = table.groupby([by, "party"]).size().rename("mentions").reset_index()
    totals = counts.groupby(by)["mentions"].transform("sum")
    counts["share"] = (counts["mentions"] / totals).round(4)
    docs = table.groupby(by)["doc_id"].nunique()
    counts["documents"] = counts[by].map(docs).astype("int64")
    counts["_unknown"] = counts[by] == UNKNOWN
    counts["_pooled"] = counts["party"] == OTHER
    counts = counts.sort_values(["_unknown", by, "share", "_pooled", "party"], ascending=[True, True, False, True, True],
                                kind="mergesort")
    return counts.drop(columns=["_unknown", "_pooled"]).reset_index(drop=True)


def sentiment_by_group(mentions: pd.DataFrame, documents: pd.DataFrame, by: str = "source", parties=None,
                       min_mentions: int = 5, freq: str = "M") -> pd.DataFrame:
    """Targeted sentiment toward each party within each group of documents, with intervals.

    ``parties`` limits the parties (default: all); pairs with fewer than ``min_mentions``
    mentions are left out.  The mean and its seeded 95% bootstrap interval come from
    ``analysis.sentiment.actor_sentiment`` over the group's mentions.

    Columns: ``<by>``, ``party``, ``n``, ``mean``, ``ci_low``, ``ci_high``, ``negative``,
    ``neutral``, ``positive`` (label counts).  Sorted by group, then ``n`` (most first), party.
    """
    table = with_group(mentions, documents, by, freq)
    if parties is not None:
        table = table[table["party"].isin(list(parties))]
    frames = []
    for group, part in table.groupby(by, sort=True):
        scores = actor_sentiment(part)
        scores.insert(0, by, group)
        frames.append(scores[scores["n"] >= min_mentions])
    columns = [by, "party", "n", "mean", "ci_low", "ci_high", "negative", "neutral", "positive"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def comention_graph(pairs: pd.DataFrame, counts: pd.DataFrame | None = None, min_documents: int = 1):
    """A networkx graph of parties mentioned in the same documents.

    ``pairs`` is ``analysis.actors.cooccurrence(mentions, unit="doc_id")`` (``party_a,
    party_b, n``); edges with ``n`` below ``min_documents`` are dropped.  Edge attribute
    ``n``; node attribute ``mentions`` from ``counts`` (``party, mentions``) when given.
    """
    import networkx as nx

    graph = nx.Graph()
    for a, b, n in zip(pairs["party_a"], pairs["party_b"], pairs["n"]):
        if n >= min_documents:
            graph.add_edge(a, b, n=int(n))
    if counts is not None:
        known = dict(zip(counts["party"], counts["mentions"]))
        for node in graph.nodes:
            graph.nodes[node]["mentions"] = int(known.get(node, 0))
    return graph


def party_context_counts(documents: pd.DataFrame, mentions: pd.DataFrame, party: str) -> pd.DataFrame:
    """Content words in the sentences that mention ``party`` against those in all other sentences.

    Reads each document again (``analysis.corpus.document_article``) and tokenises it; words
    inside the party's own mentions are left out, so its names are not its own key words.
    Documents that fail to load are skipped.

    Columns: ``word`` (lower case), ``target`` (occurrences in sentences mentioning the party),
    ``reference`` (occurrences elsewhere).  Sorted by word.
    """
    target, reference = Counter(), Counter()
    by_doc = {doc_id: part for doc_id, part in mentions.groupby("doc_id", sort=False)}
    for row in documents.to_dict("records"):
        try:
            article = document_article(row)
        except ValueError:
            continue
        own = by_doc.get(row["doc_id"])
        own = own[own["party"] == party] if own is not None else own
        sentences = set() if own is None else set(own["sentence_id"])
        inside_mention = span_index([] if own is None else list(zip(own["start"], own["end"])))
        for t in tokens(article, parse=False).itertuples(index=False):
            if t.is_stop or t.is_punct or not any(c.isalpha() for c in t.lower):
                continue
            if inside_mention(t.start, t.end):
                continue
            (target if t.sentence_id in sentences else reference)[t.lower] += 1
    words = sorted(set(target) | set(reference))
    return pd.DataFrame({"word": words, "target": [target[w] for w in words],
                         "reference": [reference[w] for w in words]}).astype({"target": "int64", "reference": "int64"})


def keyness(counts: pd.DataFrame, min_count: int = 3) -> pd.DataFrame:
    """Keyness of each word in the target against the reference (quanteda's ``textstat_keyness``).

    ``counts`` has ``word, target, reference`` (``party_context_counts``).  For each word with
    at least ``min_count`` occurrences in all, the 2×2 table (the word / every other word ×
    target / reference) gives:

    - ``chi2``: Pearson's chi² with Yates' continuity correction, signed: positive when the
      word is more frequent in the target than expected, negative when less;
    - ``llr``: the log-likelihood ratio G² (without Williams' correction), signed the same way;
    - ``p``: the chi² p-value (1 degree of freedom).

    Columns: ``word``, ``target``, ``reference``, ``chi2``, ``llr``, ``p``; sorted by ``chi2``
    (most key first), then word.
    """
    from scipy.stats import chi2 as chi2_distribution

    total_target, total_reference = int(counts["target"].sum()), int(counts["reference"].sum())
    kept = counts[(counts["target"] + counts["reference"]) >= min_count].reset_index(drop=True)
    rows = []
    for word, a, b in zip(kept["word"], kept["target"], kept["reference"]):
        c, d = total_target - a, total_reference - b
        sign = 1 if a * d > b * c else -1
        rows.append((word, int(a), int(b), sign * yates_chi2(a, b, c, d), sign * g_squared(a, b, c, d)))
    table = pd.DataFrame(rows, columns=["word", "target", "reference", "chi2", "llr"])
    table["p"] = chi2_distribution.sf(table["chi2"].abs().to_numpy(dtype=float), 1)
    table[["chi2", "llr"]] = table[["chi2", "llr"]].round(4)
    table["p"] = table["p"].astype(float).round(6)
    return table.sort_values(["chi2", "word"], ascending=[False, True], kind="mergesort", ignore_index=True)


def yates_chi2(a: int, b: int, c: int, d: int) -> float:
    """Chi² of the 2×2 table [[a, b], [c, d]] with Yates' correction (0 for an empty margin)."""
    n = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    if margins == 0:
        return 0.0
    return n * max(abs(a * d - b * c) - n / 2, 0) ** 2 / margins


def g_squared(a: int, b: int, c: int, d: int) -> float:
    """The log-likelihood ratio G² of the 2×2 table [[a, b], [c, d]]."""
    n = a + b + c + d
    observed = np.array([a, b, c, d], dtype=float)
    expected = np.array([(a + b) * (a + c), (a + b) * (b + d), (c + d) * (a + c), (c + d) * (b + d)], dtype=float) / max(n, 1)
    terms = [o * math.log(o / e) for o, e in zip(observed, expected) if o > 0 and e > 0]
    return 2 * sum(terms)
