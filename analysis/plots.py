"""Charts in seaborn's style: ``data=`` a tidy DataFrame, column names, ``ax=None``; return the Axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns


def plot_word_frequencies(data, x: str = "n", y: str = "word", top: int = 20, ax=None, **kwargs):
    """Horizontal bars of the ``top`` first rows of a frequency table; return the Axes."""
    ax = ax or plt.figure(figsize=(6, 0.25 * min(top, len(data)) + 1)).gca()
    kwargs.setdefault("color", sns.color_palette()[0])
    sns.barplot(data=data.head(top), x=x, y=y, ax=ax, **kwargs)
    ax.set(xlabel="occurrences" if x == "n" else x, ylabel="")
    return ax


def plot_sentence_lengths(data, x: str = "words", ax=None, **kwargs):
    """Histogram of sentence lengths from ``sentence_lengths()``; return the Axes."""
    ax = ax or plt.figure(figsize=(6, 3)).gca()
    kwargs.setdefault("binwidth", 5)
    sns.histplot(data=data, x=x, ax=ax, **kwargs)
    ax.set(xlabel="words per sentence", ylabel="sentences")
    return ax


def plot_actor_counts(data, x: str = "n", y: str = "party", hue: str = "count", ax=None, **kwargs):
    """Bars of mentions per party, all and strict side by side (``counts_long`` table); return the Axes."""
    ax = ax or plt.figure(figsize=(6, 0.35 * data[y].nunique() + 1)).gca()
    sns.barplot(data=data, x=x, y=y, hue=hue, ax=ax, **kwargs)
    ax.set(xlabel="mentions", ylabel="")
    return ax


def plot_mention_positions(data, x: str = "sentence_id", y: str = "party", hue: str = "location", ax=None, **kwargs):
    """Where in the article each party is mentioned: one mark per mention; return the Axes."""
    order = data[y].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    ax = ax or plt.figure(figsize=(7, 0.35 * len(order) + 1)).gca()
    kwargs.setdefault("jitter", False)
    sns.stripplot(data=data, x=x, y=y, hue=hue, order=order, ax=ax, **kwargs)
    ax.set(xlabel="sentence", ylabel="")
    return ax


def plot_cooccurrence(data, x: str = "party_a", y: str = "party_b", value: str = "n", ax=None, **kwargs):
    """Heatmap of how often two parties share a sentence (``cooccurrence`` table); return the Axes."""
    import pandas as pd

    parties = sorted(set(data[x]) | set(data[y]))
    if not parties:
        ax = ax or plt.figure(figsize=(4, 1)).gca()
        ax.text(0.5, 0.5, "no two parties share a sentence", ha="center", va="center")
        ax.set_axis_off()
        return ax
    matrix = pd.DataFrame(0, index=parties, columns=parties)
    for a, b, n in data[[x, y, value]].itertuples(index=False):
        matrix.loc[a, b] = matrix.loc[b, a] = n
    ax = ax or plt.figure(figsize=(0.5 * len(parties) + 2, 0.5 * len(parties) + 1.5)).gca()
    kwargs.setdefault("cmap", "Blues")
    sns.heatmap(matrix, annot=True, fmt="d", square=True, cbar=False, ax=ax, **kwargs)
    ax.set(xlabel="", ylabel="")
    return ax
