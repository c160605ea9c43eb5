"""The report's front page: what a reader wants on one screen, as self-contained HTML.

Title and size of the article, the parties mentioned most, the author's stance per party,
the strongest relations (when the tables have them), a card per notebook with a chart drawn
for the front page and the finding it shows in one line (``summaries``), the CSV tables, and
the article with every mention highlighted.  No script and no network: styles are inline,
images are files beside the page.  The page is a Jinja2 template with autoescape on
(``templates/pages/front.html.j2``), so every value from the article is escaped by default.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .article import Article
from .highlight import highlight_mentions, party_colours
from .summaries import author_stance_rows, relation_kind, strongest_pairs

PAGES_DIR = Path(__file__).resolve().parent / "templates" / "pages"
TOP_PARTIES = 8
TOP_RELATIONS = 8


@lru_cache(maxsize=1)
def environment():
    """Return the Jinja2 environment of the report's own pages (autoescape on, undefined is an error)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(PAGES_DIR)), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def front_page(article: Article, tables: dict[str, pd.DataFrame], pages: list[dict], csvs: list[Path]) -> str:
    """Return the HTML of ``index.html``.

    ``tables`` are the pipeline's tables by name (``article_tables``); ``pages`` one dict per
    notebook with ``title``, ``reader``, ``full`` (file names under ``notebooks/``) and
    ``front`` (``summaries.draw_summary``'s dict, or None); ``csvs`` the files under ``tables/``, each
    ``<name>.csv`` of the table ``tables[name]``.
    """
    from markupsafe import Markup

    mentions, counts = tables["mentions"], tables["actor_counts"]
    words = int((~tables["tokens"]["is_punct"]).sum())
    summary = (f"{words:,} words · {len(tables['sentences'])} sentences · {len(mentions)} mentions of "
               f"{mentions['party'].nunique()} parties · {tables['voices']['voice'].nunique()} voices")
    colours = party_colours(counts["party"])
    return environment().get_template("front.html.j2").render(
        title=article.title, summary=summary, source=Path(article.path).name,
        css=Markup((PAGES_DIR / "front.css").read_text(encoding="utf-8")),
        parties=top_parties(counts), stance=author_stance(tables["stance"]),
        relations=strongest_relations(tables["alignment"]) if "alignment" in tables else [],
        pages=[{"front": None, **p} for p in pages],
        csvs=[{"name": p.name, "rows": len(tables[p.stem])} for p in csvs],
        # highlight_mentions escapes every piece of article text it inserts.
        article_html=Markup(highlight_mentions(article, mentions, colours)),
    )


def top_parties(counts: pd.DataFrame, top: int = TOP_PARTIES) -> list[dict]:
    """Return the most mentioned parties: ``party, mentions, mentions_strict, bar`` (bar width in %)."""
    if counts.empty:
        return []
    most = max(int(counts["mentions"].max()), 1)
    return [{"party": r.party, "mentions": r.mentions, "mentions_strict": r.mentions_strict,
             "bar": f"{100 * r.mentions / most:.0f}"} for r in counts.head(top).itertuples()]


def author_stance(stance: pd.DataFrame) -> list[dict]:
    """Return the author's stance toward each party mentioned at least twice (``author_stance_rows``)."""
    rows = author_stance_rows(stance)
    return [{"party": r.party, "stance": r.stance, "score": f"{r.score:+.2f}", "ci_low": f"{r.ci_low:+.2f}",
             "ci_high": f"{r.ci_high:+.2f}", "n_mentions": r.n_mentions} for r in rows.itertuples()]


def strongest_relations(alignment: pd.DataFrame, top: int = TOP_RELATIONS) -> list[dict]:
    """Return the pairs of parties with the strongest asserted alignment or hostility."""
    chips = {"aligned": "favor", "hostile": "against", "mixed": "neutral"}
    return [{"party_a": r.party_a, "party_b": r.party_b, "score": f"{r.score:+.2f}", "n_relations": r.n_relations,
             "relations": str(r.relations), "kind": relation_kind(r.score), "chip": chips[relation_kind(r.score)]}
            for r in strongest_pairs(alignment, top).itertuples()]
