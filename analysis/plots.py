"""Charts in seaborn's style: ``data=`` a tidy DataFrame, column names, ``ax=None``; return the Axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
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
    """Heatmap of how often two parties share a sentence (``cooccurrence`` table); return the Axes.

    Parties are ordered by how often they share a sentence with any other, most first.
    """
    totals = pd.concat([data[[x, value]].set_axis(["party", "n"], axis=1), data[[y, value]].set_axis(["party", "n"], axis=1)])
    totals = totals.groupby("party")["n"].sum()
    parties = sorted(totals.index, key=lambda p: (-totals[p], p))  # most connected first
    if not parties:
        ax = ax or plt.figure(figsize=(4, 1)).gca()
        ax.text(0.5, 0.5, "no two parties share a sentence", ha="center", va="center")
        ax.set_axis_off()
        return ax
    matrix = pd.DataFrame(0.0, index=parties, columns=parties)
    for a, b, n in data[[x, y, value]].itertuples(index=False):
        matrix.loc[a, b] = matrix.loc[b, a] = n
    for p in parties:
        matrix.loc[p, p] = float("nan")  # a party with itself: left blank
    ax = ax or plt.figure(figsize=(0.5 * len(parties) + 2, 0.5 * len(parties) + 1.5)).gca()
    kwargs.setdefault("cmap", "Blues")
    sns.heatmap(matrix, annot=True, fmt=".0f", square=True, cbar=False, ax=ax, **kwargs)
    ax.set(xlabel="", ylabel="")
    return ax


def plot_sentence_sentiment(data, x: str = "sentence_id", y: str = "score", hue: str = "method", ax=None,
                            lines: bool = True, **kwargs):
    """Sentence scores along the article, coloured by method or voice; return the Axes.

    ``lines=False`` draws points only (for a hue such as voice, whose sentences are not
    consecutive).
    """
    ax = ax or plt.figure(figsize=(8, 3)).gca()
    if lines:
        kwargs.setdefault("marker", "o")
        sns.lineplot(data=data, x=x, y=y, hue=hue, ax=ax, **kwargs)
    else:
        sns.scatterplot(data=data, x=x, y=y, hue=hue, ax=ax, **kwargs)
        if ax.get_legend():
            ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize="small")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set(xlabel="sentence", ylabel="sentiment (-1 to 1)", ylim=(-1.05, 1.05))
    return ax


def plot_actor_sentiment(data, x: str = "mean", y: str = "party", low: str = "ci_low", high: str = "ci_high", ax=None, **kwargs):
    """Mean targeted sentiment per party with its 95% interval (``actor_sentiment``); return the Axes."""
    ax = ax or plt.figure(figsize=(6, 0.4 * len(data) + 1)).gca()
    positions = range(len(data))
    ax.errorbar(data[x], positions, xerr=[data[x] - data[low], data[high] - data[x]], fmt="o", capsize=3, **kwargs)
    ax.set_yticks(list(positions), data[y])
    ax.invert_yaxis()
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set(xlabel="targeted sentiment (mean, 95% interval)", ylabel="", xlim=(-1.05, 1.05))
    return ax


LABEL_COLOURS = {"negative": "#d6604d", "neutral": "#bababa", "positive": "#4393c3"}


def plot_label_mix(data, x: str = "n", y: str = "party", hue: str = "label", ax=None, **kwargs):
    """Stacked bars of each party's negative / neutral / positive mentions (``label_mix``); return the Axes."""
    wide = data.pivot(index=y, columns=hue, values=x).fillna(0)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    ax = ax or plt.figure(figsize=(6, 0.35 * len(wide) + 1)).gca()
    left = pd.Series(0.0, index=wide.index)
    for label in [c for c in LABEL_COLOURS if c in wide.columns]:
        ax.barh(wide.index, wide[label], left=left, color=LABEL_COLOURS[label], label=label, **kwargs)
        left += wide[label]
    ax.invert_yaxis()
    ax.legend(title=hue, loc="lower right")
    ax.set(xlabel="mentions", ylabel="")
    return ax


def plot_sentence_vs_target(data, x: str = "sentence_score", y: str = "sentiment", hue: str = "party", ax=None, **kwargs):
    """Each mention: its sentence's overall score against its targeted score; return the Axes."""
    ax = ax or plt.figure(figsize=(5.5, 5)).gca()
    sns.scatterplot(data=data, x=x, y=y, hue=hue, ax=ax, **kwargs)
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set(xlabel="sentence score (whole sentence)", ylabel="targeted score (toward the party)", xlim=(-1.05, 1.05), ylim=(-1.05, 1.05))
    if ax.get_legend():
        ax.legend(loc="center left", bbox_to_anchor=(1, 0.5), fontsize="small")
    return ax


def plot_stance_heatmap(data, x: str = "party", y: str = "voice", value: str = "score", n: str = "n_mentions", ax=None, **kwargs):
    """Voice × party stance scores on a diverging palette centred on 0; return the Axes.

    Cells are annotated with the score; a cell resting on a single mention is marked "†".
    """
    scores = data.pivot(index=y, columns=x, values=value)
    counts = data.pivot(index=y, columns=x, values=n)
    order_cols = data.groupby(x)[n].sum().sort_values(ascending=False, kind="stable").index
    order_rows = sorted(scores.index, key=lambda v: (v != "author", v))
    scores, counts = scores.loc[order_rows, order_cols], counts.loc[order_rows, order_cols]
    labels = scores.map(lambda s: "" if pd.isna(s) else f"{s:+.2f}") + counts.map(lambda c: "†" if c == 1 else "")
    ax = ax or plt.figure(figsize=(0.7 * len(order_cols) + 3, 0.45 * len(order_rows) + 1.5)).gca()
    kwargs.setdefault("cmap", "RdBu")
    sns.heatmap(scores, annot=labels, fmt="", center=0, vmin=-1, vmax=1, ax=ax, linewidths=0.5,
                cbar_kws={"label": "stance (against − / favor +)"}, **kwargs)
    ax.set(xlabel="", ylabel="")
    ax.set_title("† one mention only", loc="right", fontsize="small")
    return ax


def plot_source_panels(data, voice: str = "voice", x: str = "score", y: str = "party", low: str = "ci_low",
                       high: str = "ci_high", n: str = "n_mentions", max_sources: int = 6):
    """One small panel per quoted source (not the author): its stance per party with intervals.

    ``data`` is the stance table; the sources with the most mentions come first, at most
    ``max_sources``.  Returns the array of Axes.
    """
    sources = data[data[voice] != "author"].groupby(voice)[n].sum().sort_values(ascending=False, kind="stable")
    sources = list(sources.index[:max_sources])
    if not sources:
        ax = plt.figure(figsize=(4, 1)).gca()
        ax.text(0.5, 0.5, "no quoted source talks about a party", ha="center", va="center")
        ax.set_axis_off()
        return [ax]
    columns = min(3, len(sources))
    rows = -(-len(sources) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 2.2 * rows), squeeze=False)
    for ax, source in zip(axes.flat, sources):
        plot_actor_sentiment(data=data[data[voice] == source].reset_index(drop=True), x=x, y=y, low=low, high=high, ax=ax)
        ax.set(title=source, xlabel="")
    for ax in list(axes.flat)[len(sources):]:
        ax.set_axis_off()
    fig.tight_layout()
    return axes


def plot_alignment_network(graph, ax=None, seed: int = 7):
    """The signed network of ``relations.alignment_graph``: nodes sized by mentions, edges
    blue (aligned) or red (hostile), labelled by relation; return the Axes.  Layout seeded."""
    import networkx as nx

    ax = ax or plt.figure(figsize=(8, 6)).gca()
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no relation between parties", ha="center", va="center")
        return ax
    position = nx.spring_layout(graph, seed=seed, weight=None)
    sizes = [300 + 40 * (graph.nodes[n].get("mentions") or 0) for n in graph.nodes]
    colours = ["#2471a3" if graph.edges[e]["sign"] > 0 else "#c0392b" if graph.edges[e]["sign"] < 0 else "#7f8c8d"
               for e in graph.edges]
    widths = [1 + graph.edges[e].get("n_relations", 1) for e in graph.edges]
    nx.draw_networkx_nodes(graph, position, node_size=sizes, node_color="#f0f0f0", edgecolors="#555", ax=ax)
    nx.draw_networkx_edges(graph, position, edge_color=colours, width=widths, ax=ax)
    nx.draw_networkx_labels(graph, position, font_size=9, ax=ax)
    labels = {e: graph.edges[e]["relations"] for e in graph.edges}
    nx.draw_networkx_edge_labels(graph, position, edge_labels=labels, font_size=7, ax=ax)
    return ax


def plot_alignment_heatmap(data, x: str = "party_a", y: str = "party_b", value: str = "score", ax=None, **kwargs):
    """Party × party alignment (positive aligned, negative hostile), symmetric; return the Axes."""
    parties = sorted(set(data[x]) | set(data[y]))
    if not parties:
        ax = ax or plt.figure(figsize=(4, 1)).gca()
        ax.text(0.5, 0.5, "no relation between parties", ha="center", va="center")
        ax.set_axis_off()
        return ax
    matrix = pd.DataFrame(float("nan"), index=parties, columns=parties)
    for a, b, v in data[[x, y, value]].itertuples(index=False):
        matrix.loc[a, b] = matrix.loc[b, a] = v
    ax = ax or plt.figure(figsize=(0.55 * len(parties) + 3, 0.5 * len(parties) + 1.5)).gca()
    kwargs.setdefault("cmap", "RdBu")
    sns.heatmap(matrix, annot=True, fmt="+.1f", center=0, vmin=-1, vmax=1, square=True, ax=ax, linewidths=0.5,
                cbar_kws={"label": "alignment (hostile − / aligned +)"}, **kwargs)
    ax.set(xlabel="", ylabel="")
    return ax


def plot_shares(data, x: str = "period", y: str = "share", hue: str = "party", ax=None, **kwargs):
    """Each party's share of mentions per group (``corpus_stats.mention_shares``); return the Axes.

    Lines across the groups when ``x`` is ``"period"``, side-by-side bars otherwise.
    """
    groups = sorted(data[x].unique()) if len(data) else []
    ax = ax or plt.figure(figsize=(max(6, 0.5 * len(groups) + 3), 3.5)).gca()
    order = data.groupby(hue)[y].mean().sort_values(ascending=False, kind="stable").index.tolist() if len(data) else []
    if x == "period":
        sns.lineplot(data=data, x=x, y=y, hue=hue, hue_order=order, marker="o", ax=ax, **kwargs)
        ax.tick_params(axis="x", labelrotation=60)
    else:
        sns.barplot(data=data, x=x, y=y, hue=hue, hue_order=order, order=groups, ax=ax, **kwargs)
    ax.set(ylabel="share of mentions", xlabel="")
    if ax.get_legend() is not None:
        ax.legend(title="", fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def group_palette(n: int) -> list:
    """``n`` distinct colours for groups (sources, articles), the same ``n`` always giving the same list."""
    return sns.color_palette("tab20" if n > 10 else None, n_colors=max(n, 1))  # no repeats


def plot_by_article(data, x: str = "mentions", y: str = "party", hue: str = "article", ax=None, order=None,
                    hue_order=None, top: int = 8, xlabel: str | None = None, **kwargs):
    """Horizontal bars of ``x`` per ``y``, one bar per article side by side, each article in the
    colour ``group_palette`` gives it (``compare.compare_tables``' ``counts`` or ``speakers``).

    ``order`` picks the rows (default: the ``top`` values of ``y`` with the largest total ``x``),
    ``hue_order`` the articles (default: their order in ``data``).  Returns the Axes.
    """
    hue_order = list(hue_order) if hue_order is not None else list(dict.fromkeys(data[hue]))
    if order is None:
        totals = data.groupby(y)[x].sum().sort_values(ascending=False, kind="stable")
        order = totals.index[:top].tolist()
    ax = ax or plt.figure(figsize=(7, 0.3 * len(order) * max(len(hue_order), 1) + 1)).gca()
    sns.barplot(data=data[data[y].isin(order)], x=x, y=y, hue=hue, order=order, hue_order=hue_order,
                palette=group_palette(len(hue_order)), errorbar=None, ax=ax, **kwargs)
    ax.set(xlabel=xlabel or x, ylabel="")
    if ax.get_legend() is not None:
        ax.legend(title="", fontsize=8, loc="lower right")
    return ax


def plot_group_sentiment(data, group: str = "source", x: str = "mean", y: str = "party", low: str = "ci_low",
                         high: str = "ci_high", ax=None, group_order=None, order=None,
                         xlabel: str = "targeted sentiment (mean, 95% interval)", **kwargs):
    """Targeted sentiment per party, one marker per group with its 95% interval
    (``corpus_stats.sentiment_by_group``); return the Axes.

    ``group_order`` and ``order`` fix the groups' colours and the parties' rows (default:
    sorted); ``xlabel`` names the score (the author's stance, for ``compare.compare_tables``)."""
    parties = list(order) if order is not None else sorted(data[y].unique())
    groups = list(group_order) if group_order is not None else sorted(data[group].unique())
    data = data[data[y].isin(parties)]
    ax = ax or plt.figure(figsize=(7, 0.5 * len(parties) * max(1, len(groups)) ** 0.5 + 1.5)).gca()
    step = 0.8 / max(len(groups), 1)
    palette = group_palette(len(groups))
    for k, name in enumerate(groups):
        part = data[data[group] == name]
        positions = [parties.index(p) - 0.4 + step * (k + 0.5) for p in part[y]]
        ax.errorbar(part[x], positions, xerr=[part[x] - part[low], part[high] - part[x]], fmt="o", capsize=2,
                    color=palette[k], label=name, **kwargs)
    ax.set_yticks(range(len(parties)), parties)
    ax.invert_yaxis()
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set(xlabel=xlabel, ylabel="", xlim=(-1.05, 1.05))
    if groups:
        ax.legend(title=group, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    return ax


def plot_comention_network(graph, ax=None, seed: int = 7, top_edges: int = 40):
    """Parties joined when mentioned in the same documents (``corpus_stats.comention_graph``):
    node size by mentions, edge width by documents; the ``top_edges`` strongest edges are
    drawn.  Layout seeded; return the Axes."""
    import networkx as nx

    ax = ax or plt.figure(figsize=(8, 6)).gca()
    ax.set_axis_off()
    edges = sorted(graph.edges(data="n"), key=lambda e: (-e[2], e[0], e[1]))[:top_edges]
    if not edges:
        ax.text(0.5, 0.5, "no two parties share a document", ha="center", va="center")
        return ax
    shown = nx.Graph()
    shown.add_nodes_from(sorted({n for a, b, _ in edges for n in (a, b)}))
    shown.add_weighted_edges_from(edges, weight="n")
    position = nx.spring_layout(shown, seed=seed, weight="n")
    most = max(graph.nodes[n].get("mentions", 1) for n in shown.nodes) or 1
    sizes = [200 + 1800 * graph.nodes[n].get("mentions", 1) / most for n in shown.nodes]
    strongest = max(n for _, _, n in edges)
    widths = [0.5 + 6 * n / strongest for _, _, n in edges]
    nx.draw_networkx_nodes(shown, position, node_size=sizes, node_color="#dbe9f6", edgecolors="#555", ax=ax)
    nx.draw_networkx_edges(shown, position, edgelist=[(a, b) for a, b, _ in edges], width=widths,
                           edge_color="#7f8c8d", alpha=0.7, ax=ax)
    nx.draw_networkx_labels(shown, position, font_size=8, ax=ax)
    return ax


def plot_keyness(data, x: str = "chi2", y: str = "word", top: int = 15, ax=None, **kwargs):
    """The ``top`` most and least key words (``corpus_stats.keyness``), as signed bars; return the Axes."""
    shown = pd.concat([data.head(top), data[data[x] < 0].tail(top)]).drop_duplicates(y)
    ax = ax or plt.figure(figsize=(6, 0.25 * len(shown) + 1)).gca()
    colours = ["#2471a3" if v > 0 else "#c0392b" for v in shown[x]]
    ax.barh(range(len(shown)), shown[x], color=colours, **kwargs)
    ax.set_yticks(range(len(shown)), shown[y])
    ax.invert_yaxis()
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set(xlabel=f"keyness ({x}; + near the party, − elsewhere)", ylabel="")
    return ax
