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
