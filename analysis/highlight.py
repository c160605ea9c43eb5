"""The article as HTML with every mention highlighted in its party's colour, for checking counts."""
from __future__ import annotations

import html

import pandas as pd

from .actors import article_span
from .article import Article

BLOCK_TAGS = {"title": "h1", "heading": "h2", "paragraph": "p", "quote": "blockquote"}


def party_colours(parties) -> dict[str, str]:
    """A distinct hex colour per party, assigned in the order given (light enough for text on it)."""
    import seaborn as sns

    parties = list(dict.fromkeys(parties))
    palette = sns.color_palette("pastel", 10) + sns.color_palette("Set3", 12) + sns.color_palette("Pastel2", 8)
    return {p: "#{:02x}{:02x}{:02x}".format(*(int(255 * c) for c in palette[i % len(palette)])) for i, p in enumerate(parties)}


def highlight_mentions(article: Article, mentions: pd.DataFrame, colours: dict[str, str] | None = None) -> str:
    """HTML of the article's visible text, each mention in a ``<mark>`` with its party on hover.

    Blocks become headings, paragraphs and quotes; a legend lists each party with its count.
    All text from the article is HTML-escaped.  ``mentions`` is the table of ``find_mentions``.
    """
    ordered = mentions["party"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    colours = colours or party_colours(ordered.index)
    spans = sorted(
        (*article_span(article, r.start, r.end), r.party, bool(r.location), r.mention_id)
        for r in mentions.itertuples()
    )
    parts = [legend_html(ordered, colours)]
    k = 0
    for block in article.blocks:
        at, pieces = block.text_start, []
        while k < len(spans) and spans[k][0] < block.text_end:
            start, end, party, location, mention_id = spans[k]
            start, end = max(start, at), min(end, block.text_end)
            pieces.append(html.escape(article.text[at:start]))
            label = f"{party}{' (location)' if location else ''} · mention {mention_id}"
            style = f"background:{colours.get(party, '#eeeeee')};" + ("border-bottom:2px dotted #555;" if location else "")
            pieces.append(
                f'<mark class="mention" data-party="{html.escape(party)}" title="{html.escape(label)}" '
                f'style="{style}">{html.escape(article.text[start:end])}</mark>'
            )
            at = end
            k += 1
        pieces.append(html.escape(article.text[at : block.text_end]))
        tag = BLOCK_TAGS[block.kind]
        parts.append(f"<{tag}>{''.join(pieces)}</{tag}>")
    return f'<div class="highlighted-article" style="line-height:1.6">{"".join(parts)}</div>'


def legend_html(counts: pd.Series, colours: dict[str, str]) -> str:
    items = "".join(
        f'<span style="background:{colours[p]};padding:0 .4em;margin:0 .3em .3em 0;display:inline-block">'
        f"{html.escape(p)} ({n})</span>"
        for p, n in counts.items()
    )
    return f'<p class="legend">{items}<br><small>Dotted underline: named only as a place (left out of strict counts).</small></p>'


def highlight_evidence(article: Article, rows: pd.DataFrame) -> str:
    """HTML list of mentions in their sentences: the mention marked, its evidence words in bold.

    ``rows`` needs ``start``, ``end`` (raw offsets of the mention), ``sentence_id``, ``party``,
    ``label``, ``sentiment`` and ``evidence`` (words separated by ";"), e.g. from
    ``analysis.sentiment.extreme_mentions`` joined with the mentions table.
    """
    from .tokens import sentence_spans, sentence_word_lists

    spans = sentence_spans(article)
    words_of = dict(sentence_word_lists(article))
    items = []
    for r in rows.itertuples():
        _, s, e = spans[r.sentence_id]
        ms, me = article_span(article, r.start, r.end)
        sentence = article.text[s:e]
        marks = [(ms - s, me - s, "mention")]
        evidence = {w.strip().casefold() for w in str(r.evidence or "").split(";") if w.strip()}
        for w in words_of.get(r.sentence_id, ()):  # the tokens of the sentence that are evidence words
            if w.text.casefold() in evidence and not (w.start < me and ms < w.end):
                marks.append((w.start - s, w.end - s, "evidence"))
        html_parts, at = [], 0
        for a, b, kind in sorted(set(marks)):
            if a < at:
                continue  # overlapping marks: the first one wins
            html_parts.append(html.escape(sentence[at:a]))
            inner = html.escape(sentence[a:b])
            html_parts.append(f'<mark title="{html.escape(r.party)}">{inner}</mark>' if kind == "mention" else f"<b>{inner}</b>")
            at = b
        html_parts.append(html.escape(sentence[at:]))
        items.append(f"<li><small>{html.escape(r.party)} · {html.escape(r.label)} ({r.sentiment:+.2f})</small><br>{''.join(html_parts)}</li>")
    return f"<ul class='evidence'>{''.join(items)}</ul>"
