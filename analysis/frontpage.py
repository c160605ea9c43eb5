"""The report's front page: what a reader wants on one screen, as self-contained HTML.

Title and size of the article, the parties mentioned most, the author's stance per party,
the strongest relations (when the tables have them), a thumbnail of each notebook's first
chart linking to the notebook, the CSV tables, and the article with every mention
highlighted.  No script and no network: styles are inline, images are files beside the page.
Every piece of text that comes from the article is HTML-escaped.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .article import Article
from .highlight import highlight_mentions, party_colours

CSS = """
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       max-width: 60rem; padding: 1rem; line-height: 1.5; color: #1d1d1f; }
h1 { font-size: 1.6rem; margin: .5rem 0 .2rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.meta { color: #555; margin: 0 0 1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
section { min-width: 0; overflow-x: auto; }  /* a wide table scrolls inside its section on a phone */
.article { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
td, th { padding: .25rem .5rem .25rem 0; text-align: left; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; height: .7rem; background: #4c72b0; border-radius: 2px; }
td.barcell { width: 35%; }
.chip { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .85rem; color: #fff; white-space: nowrap; }
.against { background: #c0392b; } .favor { background: #2471a3; } .neutral { background: #7f8c8d; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .5rem; background: #fafafa; }
.card img { width: 100%; height: 9rem; object-fit: contain; background: #fff; }
.card a { text-decoration: none; }
.article { border-top: 2px solid #ddd; margin-top: 1rem; }
.article blockquote { margin-left: 1rem; padding-left: .8rem; border-left: 3px solid #ccc; color: #333; }
mark.mention { padding: 0 .1rem; border-radius: 2px; color: inherit; }
"""


def front_page(article: Article, tables: dict[str, pd.DataFrame], pages: list[dict], csvs: list[Path]) -> str:
    """The HTML of ``index.html``.

    ``tables`` are the pipeline's tables by name (``article_tables``); ``pages`` one dict per
    notebook with ``title``, ``reader``, ``full`` and ``thumbnail`` (file names under
    ``notebooks/``, thumbnail possibly None); ``csvs`` the table files under ``tables/``.
    """
    esc = html.escape
    mentions, counts = tables["mentions"], tables["actor_counts"]
    words = int((~tables["tokens"]["is_punct"]).sum())
    summary = (f"{words:,} words · {len(tables['sentences'])} sentences · {len(mentions)} mentions of "
               f"{mentions['party'].nunique()} parties · {tables['voices']['voice'].nunique()} voices")
    colours = party_colours(counts["party"])
    sections = [
        f"<h1>{esc(article.title)}</h1>",
        f"<p class='meta'>{esc(summary)}<br>Source file: <code>{esc(Path(article.path).name)}</code></p>",
        "<div class='grid'>",
        section("Who is talked about", top_parties_html(counts)),
        section("The author's stance", author_stance_html(tables["stance"])),
        "</div>",
    ]
    if "alignment" in tables and len(tables["alignment"]):
        sections.append(section("Strongest relations", relations_html(tables["alignment"])))
    sections += [
        section("Charts", cards_html(pages)),
        section("Tables (CSV)", "<ul>" + "".join(
            f"<li><a href='tables/{esc(p.name)}'>{esc(p.name)}</a> ({len(pd.read_csv(p))} rows)</li>" for p in csvs) + "</ul>"),
        "<h2>The article, every mention highlighted</h2>",
        f"<div class='article'>{highlight_mentions(article, mentions, colours)}</div>",
    ]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.title)} — report</title>
<style>{CSS}</style>
</head>
<body>
{chr(10).join(sections)}
</body>
</html>
"""


def section(title: str, body: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{body}</section>"


def top_parties_html(counts: pd.DataFrame, top: int = 8) -> str:
    """The most mentioned parties: counts (all and strict) with a bar."""
    if counts.empty:
        return "<p>No party is mentioned.</p>"
    most = max(int(counts["mentions"].max()), 1)
    rows = "".join(
        f"<tr><td>{html.escape(r.party)}</td><td class='num'>{r.mentions}</td><td class='num'>{r.mentions_strict}</td>"
        f"<td class='barcell'><span class='bar' style='width:{100 * r.mentions / most:.0f}%'></span></td></tr>"
        for r in counts.head(top).itertuples()
    )
    return f"<table><tr><th>party</th><th>all</th><th>strict</th><th></th></tr>{rows}</table>"


def author_stance_html(stance: pd.DataFrame, min_mentions: int = 2) -> str:
    """The author's stance toward each party mentioned at least ``min_mentions`` times."""
    rows = stance[(stance["voice"] == "author") & (stance["n_mentions"] >= min_mentions)]
    if rows.empty:
        return "<p>The author's own sentences mention no party twice.</p>"
    body = "".join(
        f"<tr><td>{html.escape(r.party)}</td><td><span class='chip {html.escape(r.stance)}'>{html.escape(r.stance)}</span></td>"
        f"<td class='num'>{r.score:+.2f}</td><td class='num'>[{r.ci_low:+.2f}, {r.ci_high:+.2f}]</td>"
        f"<td class='num'>{r.n_mentions}</td></tr>"
        for r in rows.itertuples()
    )
    return f"<table><tr><th>party</th><th>stance</th><th>score</th><th>95% interval</th><th>mentions</th></tr>{body}</table>"


def relations_html(alignment: pd.DataFrame, top: int = 8) -> str:
    """The pairs of parties with the strongest asserted alignment or hostility."""
    strongest = alignment.assign(strength=alignment["score"].abs() * alignment["n_relations"])
    strongest = strongest.sort_values(["strength", "party_a", "party_b"], ascending=[False, True, True]).head(top)
    body = "".join(
        f"<tr><td>{html.escape(r.party_a)} – {html.escape(r.party_b)}</td>"
        f"<td><span class='chip {'favor' if r.score > 0 else 'against' if r.score < 0 else 'neutral'}'>"
        f"{'aligned' if r.score > 0 else 'hostile' if r.score < 0 else 'mixed'}</span></td>"
        f"<td class='num'>{r.score:+.2f}</td><td class='num'>{r.n_relations}</td><td>{html.escape(str(r.relations))}</td></tr>"
        for r in strongest.itertuples()
    )
    return f"<table><tr><th>parties</th><th></th><th>score</th><th>n</th><th>relations</th></tr>{body}</table>"


def cards_html(pages: list[dict]) -> str:
    """A card per notebook: its first chart as a thumbnail, linking to the reader page."""
    cards = []
    for p in pages:
        esc = html.escape
        image = (f"<img src='notebooks/{esc(p['thumbnail'])}' alt='first chart of {esc(p['title'])}'>"
                 if p.get("thumbnail") else "")
        cards.append(f"<div class='card'><a href='notebooks/{esc(p['reader'])}'>{image}<strong>{esc(p['title'])}</strong></a>"
                     f"<br><small><a href='notebooks/{esc(p['full'])}'>with code</a></small></div>")
    return f"<div class='cards'>{''.join(cards)}</div>"
