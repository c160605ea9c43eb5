"""Sentiment: sentence scores from two lexicons, and targeted sentiment toward each mention.

A sentence's mood is not its attitude to each party in it.  ``sentence_sentiment`` gives the
mood (VADER and TextBlob, both on -1..1); ``mention_sentiment`` asks, for every mention, how
the sentence presents that party (``analysis.targeted``, NewsMTSC convention).
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from .actors import article_span
from .article import Article
from .frames import grouped_rows, records_frame
from .imports import import_submodule
from .targeted import load_model, target_sentiment
from .tokens import sentence_spans

LABELS = ("negative", "neutral", "positive")
VADER_NEUTRAL_BAND = 0.05  # VADER's own convention: compound within ±0.05 is neutral
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20150120  # fixed, so intervals are the same on every run


@lru_cache(maxsize=1)
def vader():
    """VADER's analyser (the ``vaderSentiment`` package ships its lexicon: no download)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def textblob():
    """TextBlob's pattern sentiment (``textblob.en.sentiment``, what its ``PatternAnalyzer``
    calls; the lexicon ships in the package: no download): text in, ``(polarity,
    subjectivity)`` out."""
    return import_submodule("textblob.en").sentiment


def vader_score(text: str) -> float:
    """VADER's compound score of ``text``, in -1..1."""
    return vader().polarity_scores(text)["compound"]


def textblob_score(text: str) -> float:
    """TextBlob's polarity of ``text``, in -1..1."""
    return textblob()(text)[0]


METHODS = {"vader": vader_score, "textblob": textblob_score}


def score_label(score: float, band: float = VADER_NEUTRAL_BAND) -> str:
    """negative below ``-band``, positive above ``band``, neutral between."""
    return "negative" if score < -band else "positive" if score > band else "neutral"


def sentence_sentiment(article: Article) -> pd.DataFrame:
    """One row per sentence and method: ``sentence_id, method, score``.

    ``method`` is ``vader`` (compound score) or ``textblob`` (polarity); both scores are on
    one scale, -1 (most negative) to 1 (most positive), 0 neutral.
    """
    rows = []
    for sentence_id, (_, s, e) in enumerate(sentence_spans(article)):
        text = " ".join(article.text[s:e].split())
        for method, score in METHODS.items():
            rows.append((sentence_id, method, round(float(score(text)), 4)))
    return pd.DataFrame(rows, columns=["sentence_id", "method", "score"])


def mention_targets(article: Article, mentions: pd.DataFrame) -> list[tuple[str, int, int]]:
    """For each mention, ``(sentence text, start, end)`` of the mention within its sentence.

    A mention that runs past its sentence's end ("Donald J." | "Trump", where the splitter took
    the initial for a full stop) is cut at the sentence's end.
    """
    spans = sentence_spans(article)
    items = []
    for sentence_id, start, end in zip(mentions["sentence_id"].tolist(), mentions["start"].tolist(), mentions["end"].tolist()):
        _, s, e = spans[sentence_id]
        ts, te = article_span(article, start, end)
        items.append((article.text[s:e], max(ts, s) - s, min(te, e) - s))
    return items


def mention_sentiment(article: Article, mentions: pd.DataFrame, model=None) -> pd.DataFrame:
    """The mentions table with ``sentiment`` (-1..1), ``label`` and ``evidence`` added.

    ``label`` is negative / neutral / positive: how the sentence presents the party in that
    mention; ``evidence`` lists the words that drove it.
    """
    if len(mentions) == 0:
        return mentions.assign(sentiment=pd.Series(dtype=float), label=pd.Series(dtype=object), evidence=pd.Series(dtype=object))
    model = model if model is not None else load_model()
    predicted = [target_sentiment(text, start, end, model) for text, start, end in mention_targets(article, mentions)]
    added = pd.DataFrame({"sentiment": np.round(np.array([p.score for p in predicted], dtype=float), 4),
                          "label": np.array([p.label for p in predicted], dtype=object),
                          "evidence": np.array([p.evidence for p in predicted], dtype=object)}, index=mentions.index)
    if set(added.columns) & set(mentions.columns):  # scored before: the columns are replaced where they are
        table = mentions.copy()
        for column in added.columns:
            table[column] = added[column].to_numpy()
        return table
    return pd.concat([mentions, added], axis=1)  # a new table: the mentions' own is left as it is


def bootstrap_interval(values: np.ndarray, rng: np.random.Generator, samples: int = BOOTSTRAP_SAMPLES) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values``."""
    if len(values) < 2:
        return float(values.mean()), float(values.mean())
    means = rng.choice(values, size=(samples, len(values)), replace=True).mean(axis=1)
    low, high = percentiles(means, (2.5, 97.5))
    return float(low), float(high)


def percentiles(values: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """``np.percentile(values, qs)`` (its default, linear interpolation) of a 1-D float array
    without NaN, the same numbers in a fraction of the time on a bootstrap's 2,000 means: the
    order statistics on either side of each virtual index come from one ``np.partition``, and
    the interpolation is numpy's own (``b - (b - a) * (1 - t)`` from t = 0.5 on), in the same
    double-precision steps."""
    n = len(values)
    spots = []
    for q in qs:
        virtual = (n - 1) * (q / 100)
        below = math.floor(virtual)
        spots.append((below, min(below + 1, n - 1), virtual - below))
    ordered = np.partition(values, sorted({k for lower, upper, _ in spots for k in (lower, upper)}))
    out = []
    for lower, upper, t in spots:
        a, b = float(ordered[lower]), float(ordered[upper])
        diff = b - a
        out.append(b - diff * (1 - t) if t >= 0.5 else a + diff * t)
    return out


def actor_sentiment(scored_mentions: pd.DataFrame, by: str = "party") -> pd.DataFrame:
    """Targeted sentiment per party: ``party, n, mean, ci_low, ci_high, negative, neutral, positive``.

    ``mean`` is the mean ``sentiment`` of the party's mentions with a seeded 95% bootstrap
    interval over mentions (``ci_low``, ``ci_high``); the last three columns count the labels.
    Sorted by number of mentions, then party.
    """
    return records_frame(actor_sentiment_rows(scored_mentions, by), actor_sentiment_columns(by))


def actor_sentiment_columns(by: str = "party") -> list[str]:
    return [by, "n", "mean", "ci_low", "ci_high", *LABELS]


def actor_sentiment_rows(scored_mentions: pd.DataFrame, by: str = "party") -> list[tuple]:
    """The rows of ``actor_sentiment``, as tuples in its order (a corpus builds one table
    from a chunk's rows)."""
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    rows = []
    for party, group in grouped_rows(scored_mentions, by, "sentiment", "label").items():
        values = np.array([r.sentiment for r in group], dtype=float)
        low, high = bootstrap_interval(values, rng)
        labels = Counter(r.label for r in group)
        rows.append((party, len(group), round(float(values.mean()), 4), round(low, 4), round(high, 4),
                     *(labels[label] for label in LABELS)))
    rows.sort(key=lambda row: (-row[1], row[0]))
    return rows


def label_mix(scored_mentions: pd.DataFrame) -> pd.DataFrame:
    """How many of each party's mentions are negative, neutral, positive: ``party, label, n``."""
    counts = scored_mentions.groupby(["party", "label"]).size()
    full = pd.MultiIndex.from_product([sorted(scored_mentions["party"].unique()), LABELS], names=["party", "label"])
    return counts.reindex(full, fill_value=0).rename("n").reset_index()


def extreme_mentions(scored_mentions: pd.DataFrame, per_party: int = 2) -> pd.DataFrame:
    """Each party's most negative and most positive mentions (non-neutral only).

    Columns: ``party, direction`` (most negative / most positive), ``mention_id``,
    ``sentence_id``, ``text``, ``sentiment``, ``label``, ``evidence``.  Ties by mention order.
    """
    rows = []
    for party, group in scored_mentions.groupby("party", sort=True):
        ordered = group.sort_values(["sentiment", "mention_id"])
        for direction, picks in (("most negative", ordered[ordered["label"] == "negative"].head(per_party)),
                                 ("most positive", ordered[ordered["label"] == "positive"].iloc[::-1].head(per_party))):
            rows += [picks.assign(direction=direction)]
    columns = ["party", "direction", "mention_id", "sentence_id", "text", "sentiment", "label", "evidence"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True)[columns]


def compare_views(scored_mentions: pd.DataFrame, sentences_scored: pd.DataFrame, method: str = "vader") -> pd.DataFrame:
    """Each mention's targeted sentiment beside its sentence's overall score.

    Columns: ``mention_id, sentence_id, party, text, sentence_score`` (``method`` on the whole
    sentence), ``sentiment`` (targeted), ``sentence_label``, ``label``, ``agree`` (same label).
    """
    by_sentence = sentences_scored[sentences_scored["method"] == method].set_index("sentence_id")["score"]
    table = scored_mentions[["mention_id", "sentence_id", "party", "text", "sentiment", "label"]].copy()
    table.insert(4, "sentence_score", table["sentence_id"].map(by_sentence).to_numpy())
    table.insert(6, "sentence_label", table["sentence_score"].map(score_label))
    table["agree"] = table["sentence_label"] == table["label"]
    return table
