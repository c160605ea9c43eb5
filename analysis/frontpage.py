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


# --- the comparison report's front page (``report.build_comparison``) ----------------------

OUTLET_PARTIES = 5  # parties per outlet column
OUTLET_WORDS = 5  # framing words per outlet column


def article_colour_hex(labels: list[str]) -> dict[str, str]:
    """Each article's colour in the comparison charts (``plots.group_palette``), as hex."""
    from .plots import group_palette

    return {label: "#{:02x}{:02x}{:02x}".format(*(int(255 * c) for c in colour))
            for label, colour in zip(labels, group_palette(len(labels)))}


def markdown_list_html(markdown: str):
    """The conclusion's Markdown list (``- `` lines, ``**bold**``) as escaped HTML list items."""
    import re

    from markupsafe import Markup, escape

    items = [str(escape(line[2:])) for line in markdown.splitlines() if line.startswith("- ")]
    return Markup("".join("<li>" + re.sub(r"[*][*](.+?)[*][*]", r"<strong>\1</strong>", item) + "</li>" for item in items))


def outlet_column(label: str, article, tables: dict[str, pd.DataFrame], colour: str) -> dict:
    """What the front page shows of one article: its title, size, who it names, who speaks in
    it, its author's stance, the parties only it names, and its framing words."""
    info = tables["articles"].set_index("article").loc[label]
    counts = tables["counts"][tables["counts"]["article"] == label]
    most = max(int(counts["mentions"].max()), 1) if len(counts) else 1
    speakers = tables["speakers"][(tables["speakers"]["article"] == label) & (tables["speakers"]["sentences"] > 0)]
    stance = tables["stance"][(tables["stance"]["article"] == label) & (tables["stance"]["n_mentions"] >= 2)]
    framing = tables["framing"][tables["framing"]["article"] == label]
    framing = (framing.sort_values(["chi2", "word"], ascending=[False, True], kind="mergesort")
               .drop_duplicates("word").head(OUTLET_WORDS))
    return {
        "label": label, "colour": colour, "title": article.title,
        "summary": (f"{info['words']:,} words · {info['sentences']} sentences · {info['mentions']} mentions · "
                    f"{100 * info['quoted_share']:.0f}% of sentences quoted"),
        "parties": [{"party": r.party, "mentions": r.mentions, "bar": f"{100 * r.mentions / most:.0f}"}
                    for r in counts.head(OUTLET_PARTIES).itertuples()],
        "speakers": [{"party": r.party, "sentences": r.sentences, "share": f"{100 * r.share:.0f}%"}
                     for r in speakers.head(OUTLET_PARTIES).itertuples()],
        "stance": [{"party": r.party, "stance": r.stance, "score": f"{r.score:+.2f}", "ci_low": f"{r.ci_low:+.2f}",
                    "ci_high": f"{r.ci_high:+.2f}"} for r in stance.head(OUTLET_PARTIES).itertuples()],
        "unique": tables["unique_actors"].loc[tables["unique_actors"]["article"] == label, "party"].tolist(),
        "framing": [{"word": r.word, "party": r.party, "here": r.here, "elsewhere": r.elsewhere}
                    for r in framing.itertuples()],
    }


def comparison_page(outlets: list, tables: dict[str, pd.DataFrame], charts: list[dict], page: dict,
                    csvs: list[Path]) -> str:
    """Return the HTML of a comparison report's ``index.html``.

    ``outlets`` are the ``(label, Article)`` pairs compared, ``tables`` their
    ``compare.compare_tables``, ``charts`` the ``summaries.draw_summary`` dicts of the charts
    under ``charts/``, ``page`` the executed notebook's pages (``report.export_html``) and
    ``csvs`` the files under ``tables/``.
    """
    from markupsafe import Markup

    from .compare import compare_conclusion

    labels = [label for label, _ in outlets]
    colours = article_colour_hex(labels)
    columns = [outlet_column(label, article, tables, colours[label]) for label, article in outlets]
    return environment().get_template("compare.html.j2").render(
        title=f"{len(outlets)} articles compared: {', '.join(labels)}",
        summary="Who each article names, who speaks in it, toward whom its author leans: one column per article.",
        css=Markup((PAGES_DIR / "front.css").read_text(encoding="utf-8")),
        outlets=columns, conclusion=markdown_list_html(compare_conclusion(tables)), charts=charts, page=page,
        csvs=[{"name": p.name, "rows": len(tables[p.stem])} for p in csvs],
    )

