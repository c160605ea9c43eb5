"""One finding per notebook for the report's front page: a small chart and a caption, from the tables.

A notebook names its summary in its metadata (``"analysis": {"front_chart": "mentions"}``); each
summary is a function of the article's tables returning ``(caption, draw)``, where ``draw(ax)``
draws a chart made for the front page: few bars, large labels, drawn at the size it is shown
(``CHART_SIZE`` at ``CHART_DPI``), so no label is shrunk below ``MIN_TEXT_PT``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from .tokens import word_frequencies

# 340 × 250 px: the width of a card on a 390 px phone, so the image is never shrunk much.
CHART_SIZE = (3.4, 2.5)
CHART_DPI = 100
# 11 pt at 100 dpi is 15.3 px: every label stays above 14 px when shown at full size.
MIN_TEXT_PT = 11
TOP = 5  # bars per chart: few enough to read at a glance
LABEL_CHARS = 16  # longer party names are cut with an ellipsis
TOP_PAIRS, PAIR_CHARS = 4, 13  # a pair takes two lines: fewer bars, each name on its own line
FAVOR, AGAINST, NEUTRAL, BAR = "#2471a3", "#c0392b", "#7f8c8d", "#4c72b0"

Summary = tuple[str, Callable]
MIN_STANCE_MENTIONS = 2  # a stance on one mention is too thin for the front page


def author_stance_rows(stance: pd.DataFrame, min_mentions: int = MIN_STANCE_MENTIONS) -> pd.DataFrame:
    """Return the author's rows of the stance table for parties mentioned at least ``min_mentions`` times."""
    return stance[(stance["voice"] == "author") & (stance["n_mentions"] >= min_mentions)]


def strongest_pairs(alignment: pd.DataFrame, top: int) -> pd.DataFrame:
    """Return the ``top`` pairs of parties by |score| × relations, strongest first (ties by name)."""
    ranked = alignment.assign(strength=alignment["score"].abs() * alignment["n_relations"])
    return ranked.sort_values(["strength", "party_a", "party_b"], ascending=[False, True, True]).head(top)


def relation_kind(score: float) -> str:
    """Return ``aligned``, ``hostile`` or ``mixed`` for an alignment score."""
    return "aligned" if score > 0 else "hostile" if score < 0 else "mixed"


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """Return ``label`` cut to ``limit`` characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def signed(x: float) -> str:
    """Return ``x`` with two decimals and a real minus sign (−0.44, +0.20)."""
    return f"{x:+.2f}".replace("-", "−")


def bars(ax, labels: list[str], values: list[float], colours, xlabel: str) -> None:
    """Draw horizontal bars, the first label on top, with large tick labels."""
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, color=colours)
    ax.set_yticks(positions, labels, linespacing=0.95)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)


def nothing(ax, message: str) -> None:
    """Draw ``message`` in place of a chart."""
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True)
    ax.set_axis_off()


def words_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """The most frequent content words."""
    freq = word_frequencies(tables["tokens"]).head(TOP)
    if freq.empty:
        return "The article has no content words.", lambda ax: nothing(ax, "no content words")
    top = freq.iloc[0]
    caption = f"“{top['word']}” is the most frequent content word: {top['n']} times in {len(tables['sentences'])} sentences."
    return caption, lambda ax: bars(ax, [short(w) for w in freq["word"]], freq["n"].tolist(), BAR, "occurrences")


def mentions_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """The parties mentioned most."""
    counts = tables["actor_counts"].head(TOP)
    if counts.empty:
        return "No party is mentioned.", lambda ax: nothing(ax, "no party is mentioned")
    top = counts.iloc[0]
    times = "time" if top["mentions"] == 1 else "times"
    tied = counts.loc[counts["mentions"] == top["mentions"], "party"].tolist()
    if len(tied) == 1:
        caption = f"{top['party']} is mentioned most: {top['mentions']} {times}."
    else:
        names = ", ".join(tied[:-1]) + f" and {tied[-1]}"
        caption = f"{names} are mentioned most: {top['mentions']} {times} each."
    return caption, lambda ax: bars(ax, [short(p) for p in counts["party"]], counts["mentions"].tolist(), BAR, "mentions")


def interval_dots(ax, rows: pd.DataFrame, xlabel: str, colours: list[str]) -> None:
    """Draw each row's ``score`` as a dot with its ``ci_low``–``ci_high`` interval, first row on top."""
    positions = list(range(len(rows)))[::-1]
    for y, (score, low, high, colour) in zip(positions, zip(rows["score"], rows["ci_low"], rows["ci_high"], colours)):
        ax.plot([low, high], [y, y], color=colour, linewidth=3, solid_capstyle="round")
        ax.plot([score], [y], "o", color=colour, markersize=9)
    ax.axvline(0, color="#999", linewidth=1)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(positions, [short(p) for p in rows["party"]])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)


def sentiment_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """Targeted sentiment toward the most mentioned parties, with intervals."""
    order = tables["actor_counts"]["party"].tolist()
    rows = tables["actor_sentiment"].set_index("party").reindex(order).dropna(subset=["mean"]).head(TOP)
    if rows.empty:
        return "No party is mentioned.", lambda ax: nothing(ax, "no party is mentioned")
    rows = rows.reset_index().rename(columns={"mean": "score"})
    low = rows.loc[rows["score"].idxmin()]
    interval = f"{signed(low['score'])} [{signed(low['ci_low'])}, {signed(low['ci_high'])}]"
    if low["score"] < 0:
        caption = f"Of the parties mentioned most, {low['party']} is written about most negatively: {interval}."
    elif len(rows) == 1:
        caption = f"{low['party']}, the only party mentioned, is written about at {interval}."
    else:
        caption = f"No party mentioned most is written about negatively; the lowest is {low['party']}: {interval}."
    colours = [AGAINST if s < 0 else FAVOR for s in rows["score"]]
    return caption, lambda ax: interval_dots(ax, rows, "targeted sentiment", colours)


def stance_summary(tables: dict[str, pd.DataFrame], min_mentions: int = MIN_STANCE_MENTIONS) -> Summary:
    """The author's stance toward the parties it mentions at least twice, strongest first."""
    stance = tables["stance"]
    rows = author_stance_rows(stance, min_mentions).copy()
    if rows.empty:
        return "The author's own sentences mention no party twice.", lambda ax: nothing(ax, "no party mentioned twice")
    # The parties the author writes about most; the caption names the first that is not neutral.
    rows["strength"] = rows["score"].abs()
    rows = rows.sort_values(["n_mentions", "strength", "party"], ascending=[False, False, True]).head(TOP)
    sided = rows[rows["stance"] != "neutral"]
    if sided.empty:
        caption = f"The author takes no side: all {int((stance['voice'] == 'author').sum())} parties come out neutral."
    else:
        top = sided.iloc[0]
        side = "in favor of" if top["stance"] == "favor" else top["stance"]
        caption = (f"The author is {side} {top['party']}: {signed(top['score'])} "
                   f"[{signed(top['ci_low'])}, {signed(top['ci_high'])}].")
    colours = [{"favor": FAVOR, "against": AGAINST}.get(s, NEUTRAL) for s in rows["stance"]]
    return caption, lambda ax: interval_dots(ax, rows, "author's stance", colours)


def alignment_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """The pairs of parties with the strongest asserted alignment or hostility."""
    pairs = tables["alignment"]
    if pairs.empty:
        return "The article asserts no relation between two parties.", lambda ax: nothing(ax, "no relations")
    pairs = strongest_pairs(pairs, TOP_PAIRS)
    top = pairs.iloc[0]
    n = int(top["n_relations"])
    caption = (f"Strongest relation: {top['party_a']} and {top['party_b']}, {relation_kind(top['score'])} "
               f"({signed(top['score'])}, {n} relation{'s' if n != 1 else ''}).")
    labels = [f"{short(a, PAIR_CHARS)}\n– {short(b, PAIR_CHARS)}" for a, b in zip(pairs["party_a"], pairs["party_b"])]
    colours = [FAVOR if s > 0 else AGAINST if s < 0 else NEUTRAL for s in pairs["score"]]

    def draw(ax):
        bars(ax, labels, pairs["score"].tolist(), colours, "hostile ← score → aligned")
        ax.set_xlim(-1.05, 1.05)
        ax.axvline(0, color="#999", linewidth=1)

    return caption, draw


# --- several articles compared (``compare.compare_tables``' tables) ---------------------------

COMPARE_TOP = 4  # parties per comparison chart: one bar per article each


def plain(markdown: str) -> str:
    """A sentence of the comparison's conclusion without its bold marks, for a caption."""
    return markdown.replace("**", "")


def article_legend(ax, labels: list[str]) -> None:
    """The articles' colours above the chart, in one row, at the front page's text size."""
    from matplotlib.patches import Patch

    from .plots import group_palette

    handles = [Patch(color=c, label=short(label, 10)) for c, label in zip(group_palette(len(labels)), labels)]
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.figure.legend(handles=handles, loc="outside upper center", ncol=min(len(labels), 3), frameon=False,
                     fontsize=MIN_TEXT_PT, handlelength=1, columnspacing=0.8)


def compare_bars(ax, data: pd.DataFrame, x: str, order: list[str], labels: list[str], xlabel: str) -> None:
    from .plots import plot_by_article

    data = data.assign(party=data["party"].map(short))
    plot_by_article(data=data, x=x, y="party", order=[short(p) for p in order], hue_order=labels, ax=ax, xlabel=xlabel)
    article_legend(ax, labels)
    ax.spines[["top", "right"]].set_visible(False)


def compare_counts_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """Mentions of the parties named most, one bar per article."""
    from .compare import most_named_sentence

    labels, counts = tables["articles"]["article"].tolist(), tables["counts"]
    if counts.empty:
        return "No article names a party.", lambda ax: nothing(ax, "no party is named")
    order = counts.groupby("party")["mentions"].sum().sort_values(ascending=False, kind="stable").index[:COMPARE_TOP].tolist()
    caption = plain(most_named_sentence(counts, labels))
    return caption, lambda ax: compare_bars(ax, counts, "mentions", order, labels, "mentions")


def compare_speakers_summary(tables: dict[str, pd.DataFrame]) -> Summary:
    """The share of each article's sentences given to the voices of each party."""
    from .compare import speakers_sentence

    labels, speakers = tables["articles"]["article"].tolist(), tables["speakers"]
    if speakers.empty:
        return "No article gives a party's voice a sentence.", lambda ax: nothing(ax, "no party speaks")
    order = speakers.groupby("party")["share"].sum().sort_values(ascending=False, kind="stable").index[:COMPARE_TOP].tolist()
    caption = plain(speakers_sentence(speakers, tables["articles"]).split(". Sentences in")[0].rstrip(".") + ".")
    return caption, lambda ax: compare_bars(ax, speakers, "share", order, labels, "share of sentences")


def compare_stance_summary(tables: dict[str, pd.DataFrame], min_mentions: int = MIN_STANCE_MENTIONS) -> Summary:
    """The author's stance toward the parties named most, one dot and interval per article."""
    from .compare import stance_sentences
    from .plots import plot_group_sentiment

    labels = tables["articles"]["article"].tolist()
    stance = tables["stance"][tables["stance"]["n_mentions"] >= min_mentions]
    if stance.empty:
        return "No author mentions a party twice.", lambda ax: nothing(ax, "no party mentioned twice")
    order = stance.groupby("party")["n_mentions"].sum().sort_values(ascending=False, kind="stable").index[:COMPARE_TOP].tolist()
    caption = plain(stance_sentences(tables["stance"], labels, min_mentions)[0])

    def draw(ax):
        rows = stance.assign(party=stance["party"].map(short))
        plot_group_sentiment(data=rows, group="article", x="score", y="party", group_order=labels,
                             order=[short(p) for p in order], xlabel="author's stance", ax=ax)
        article_legend(ax, labels)
        ax.spines[["top", "right"]].set_visible(False)

    return caption, draw


SUMMARIES: dict[str, Callable[[dict], Summary]] = {
    "words": words_summary,
    "mentions": mentions_summary,
    "sentiment": sentiment_summary,
    "stance": stance_summary,
    "alignment": alignment_summary,
}
# the comparison report's charts, of ``compare.compare_tables``' tables
COMPARE_SUMMARIES: dict[str, Callable[[dict], Summary]] = {
    "compare_counts": compare_counts_summary,
    "compare_speakers": compare_speakers_summary,
    "compare_stance": compare_stance_summary,
}


def smallest_text_px(fig) -> float:
    """Return the size in pixels of the smallest visible text drawn on ``fig``."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return round(min(sizes) * fig.dpi / 72, 1) if sizes else 0.0


def draw_summary(name: str, tables: dict[str, pd.DataFrame], path: Path) -> dict:
    """Draw summary ``name`` of ``tables`` as the PNG ``path``.

    Returns ``{"caption", "image", "width", "height", "min_text_px"}``: the finding, the
    image's file name, its size in pixels and the size of its smallest text, which is also
    written into the PNG (``min_text_px`` text chunk) so a check can read it from the file.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summaries = {**SUMMARIES, **COMPARE_SUMMARIES}
    if name not in summaries:
        raise ValueError(f"unknown front-page chart {name!r}; expected one of {', '.join(summaries)}")
    caption, draw = summaries[name](tables)
    with plt.rc_context({"font.size": MIN_TEXT_PT, "axes.labelsize": MIN_TEXT_PT, "xtick.labelsize": MIN_TEXT_PT,
                         "ytick.labelsize": MIN_TEXT_PT}):
        fig, ax = plt.subplots(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        draw(ax)
        fig.canvas.draw()
        text_px = smallest_text_px(fig)
        fig.savefig(path, dpi=CHART_DPI, metadata={"Software": None, "min_text_px": str(text_px)})
        plt.close(fig)
    width, height = round(CHART_SIZE[0] * CHART_DPI), round(CHART_SIZE[1] * CHART_DPI)
    return {"caption": caption, "image": path.name, "width": width, "height": height, "min_text_px": text_px}
