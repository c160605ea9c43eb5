"""The same event through several articles: who each one names, who speaks, toward whom its
author leans, and which words frame each actor in one article and not in the others.

Articles come as ``(label, Article)`` pairs, in the order the user gives them: from files
(``outlets_from_files``; the label is the file name without its suffix) or from the rows of a
corpus table that share an event id (``outlets_from_corpus``; the label is the row's source).
``compare_tables`` runs the per-article pipeline (``report.article_tables``) on each and
returns tidy tables, each with an ``article`` column first, rows in the articles' order:

- ``articles``: ``article, title, path, words, sentences, mentions, parties, quoted_sentences,
  quoted_share`` (sentences in a source's voice, and their share of the article's sentences);
- ``counts``: ``article, party, mentions, mentions_strict, share, first_sentence, n_articles``:
  mentions per party as in ``actor_counts``, the sentence of its first mention, and how many of
  the articles name it;
- ``speakers``: ``article, party, sentences, share``: the sentences given to the voices that
  speak for each party (``voices.voice_party``) and their share of the article's sentences; a
  party that speaks in one article has a row, with 0, in every other;
- ``voices``: ``article, voice, voice_kind, voice_party, sentences, share``: the same per voice,
  the author included;
- ``stance``: ``article, party, stance, score, ci_low, ci_high, n_mentions, evidence``: the
  author's stance toward each party (``stance.stance_table``'s author rows);
- ``framing``: ``article, party, word, here, elsewhere, chi2, llr, p, sentence_id, start,
  end, sentence``: for each party named in two articles or more, the content words of the
  sentences that mention it in this article that are key against the same party's sentences
  in the others (``corpus_stats.keyness``: positive chi², at least ``MIN_FRAMING_COUNT``
  occurrences here), strongest first, at most ``TOP_FRAMING`` per article and party; the first
  occurrence's sentence and raw offsets are the evidence;
- ``unique_actors``: ``article, party, mentions, mentions_strict``: the parties only one
  article names.

``compare_conclusion`` writes the findings of these tables as sentences.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from .article import Article, load_article

COMPARE_TABLES = ["articles", "counts", "speakers", "voices", "stance", "framing", "unique_actors"]
MIN_FRAMING_COUNT = 2  # a framing word occurs at least twice near the party in its article
TOP_FRAMING = 8  # framing words kept per article and party
MIN_STANCE_MENTIONS = 2  # the conclusion compares stances resting on two mentions or more


class CompareError(ValueError):
    """Articles that cannot be compared (fewer than two, an event with no rows); the message says why."""


# --- inputs -------------------------------------------------------------------------------


def unique_labels(labels: list[str]) -> list[str]:
    """Make labels unique in order: a repeated label gets `` (2)``, `` (3)``..."""
    seen: Counter = Counter()
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def outlets_from_files(paths, labels: list[str] | None = None) -> list[tuple[str, Article]]:
    """Load each article file; return ``(label, Article)`` pairs in the order given.

    ``labels`` name the articles (default: each file's name without its suffix, e.g. ``nyt``
    for ``nyt.md``); repeated labels get `` (2)``.  Raises ``CompareError`` for fewer than two
    files or a label count that does not match, ``ArticleError`` for an unreadable file.
    """
    paths = [Path(p) for p in paths]
    if len(paths) < 2:
        raise CompareError(f"compare needs two articles or more, got {len(paths)}")
    if labels is not None and len(labels) != len(paths):
        raise CompareError(f"{len(labels)} labels for {len(paths)} articles; give one label per article")
    articles = [load_article(p) for p in paths]
    names = unique_labels(list(labels) if labels is not None else [p.stem for p in paths])
    return list(zip(names, articles))


def outlets_from_corpus(path, event_column: str, event, text_column: str = "text", source_column: str | None = None,
                        title_column: str | None = None, id_column: str | None = None) -> list[tuple[str, Article]]:
    """The rows of a corpus table whose ``event_column`` equals ``event``, as ``(label, Article)`` pairs.

    The label is the row's source (``source_column``), else its id; rows keep the table's
    order.  Raises ``CompareError`` when fewer than two rows match, ``CorpusError`` for a table
    that cannot be read or lacks a column.
    """
    from .corpus import document_article, read_corpus

    documents = read_corpus(path, text_column=text_column, id_column=id_column, source_column=source_column,
                            title_column=title_column, keep_columns=[event_column])
    rows = documents[documents[event_column].astype(str) == str(event)]
    if len(rows) < 2:
        raise CompareError(f"{path}: {len(rows)} rows with {event_column} = {event!r}; compare needs two or more")
    labels = [source or doc_id for source, doc_id in zip(rows["source"], rows["doc_id"])]
    return list(zip(unique_labels(labels), [document_article(r) for r in rows.to_dict("records")]))


# --- tables -------------------------------------------------------------------------------


def per_article_tables(outlets: list[tuple[str, Article]], dictionary=None) -> dict[str, dict[str, pd.DataFrame]]:
    """``report.article_tables`` of each article, by label."""
    from .actors import load_dictionary
    from .report import article_tables

    dictionary = dictionary or load_dictionary()
    names = ["sentences", "tokens", "mentions", "actor_counts", "voices", "stance"]
    return {label: article_tables(article, dictionary, names=names) for label, article in outlets}


def stacked(per_article: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One table of each article's rows, ``article`` first, in the articles' order."""
    parts = [table.assign(article=label) for label, table in per_article.items()]
    table = pd.concat(parts, ignore_index=True)
    return table[["article", *[c for c in table.columns if c != "article"]]]


def articles_table(outlets: list[tuple[str, Article]], tables: dict) -> pd.DataFrame:
    rows = []
    for label, article in outlets:
        t = tables[label]
        quoted = int((t["voices"]["voice"] != "author").sum())
        n = len(t["sentences"])
        rows.append({"article": label, "title": article.title, "path": article.path,
                     "words": int((~t["tokens"]["is_punct"]).sum()), "sentences": n,
                     "mentions": len(t["mentions"]), "parties": int(t["mentions"]["party"].nunique()),
                     "quoted_sentences": quoted, "quoted_share": round(quoted / n, 4) if n else 0.0})
    return pd.DataFrame(rows)


def counts_table(tables: dict) -> pd.DataFrame:
    parts = {}
    for label, t in tables.items():
        first = t["mentions"].groupby("party")["sentence_id"].min()
        parts[label] = t["actor_counts"].assign(first_sentence=lambda c: c["party"].map(first).astype("int64"))
    counts = stacked(parts)
    counts["n_articles"] = counts.groupby("party")["article"].transform("nunique").astype("int64")
    return counts


def voices_table(tables: dict) -> pd.DataFrame:
    parts = {}
    for label, t in tables.items():
        voices = t["voices"]
        grouped = (voices.groupby(["voice", "voice_kind", "voice_party"], sort=False).size()
                   .rename("sentences").reset_index())
        grouped["share"] = (grouped["sentences"] / max(len(voices), 1)).round(4)
        parts[label] = grouped.sort_values(["sentences", "voice"], ascending=[False, True], kind="mergesort")
    return stacked(parts).astype({"sentences": "int64"})


def speakers_table(voices: pd.DataFrame, tables: dict) -> pd.DataFrame:
    """Sentences per party spoken for (from ``voices_table``), with a 0 row where a party speaks
    in another article only."""
    spoken = voices[(voices["voice"] != "author") & (voices["voice_party"] != "")]
    parties = sorted(spoken["voice_party"].unique())
    rows = []
    for label, t in tables.items():
        n = max(len(t["voices"]), 1)
        mine = spoken[spoken["article"] == label].groupby("voice_party")["sentences"].sum()
        for party in parties:
            k = int(mine.get(party, 0))
            rows.append({"article": label, "party": party, "sentences": k, "share": round(k / n, 4)})
    table = pd.DataFrame(rows, columns=["article", "party", "sentences", "share"])
    order = {label: i for i, label in enumerate(tables)}
    return table.sort_values(["article", "sentences", "party"], ascending=[True, False, True], kind="mergesort",
                             key=lambda c: c.map(order) if c.name == "article" else c).reset_index(drop=True)


def stance_rows(tables: dict) -> pd.DataFrame:
    parts = {label: t["stance"][t["stance"]["voice"] == "author"].drop(columns="voice")
             for label, t in tables.items()}
    return stacked(parts)


def is_word(text: str) -> bool:
    """A word of letters, with inner hyphens or apostrophes ("well-known", "don't"); not "mr." or "2018"."""
    return text[:1].isalpha() and text[-1:].isalpha() and all(c.isalpha() or c in "-'’" for c in text)


def context_words(t: dict, party: str) -> tuple[Counter, dict]:
    """Content words of the sentences mentioning ``party`` (the words of any mention left out:
    names are not framing), and each word's first occurrence ``(sentence_id, start, end)``."""
    mentions = t["mentions"]
    sentences = set(mentions.loc[mentions["party"] == party, "sentence_id"])
    spans = list(zip(mentions["start"], mentions["end"]))
    counts, first = Counter(), {}
    for tok in t["tokens"].itertuples(index=False):
        if tok.sentence_id not in sentences or tok.is_stop or not is_word(tok.lower):
            continue
        if any(a <= tok.start < b for a, b in spans):
            continue
        counts[tok.lower] += 1
        first.setdefault(tok.lower, (int(tok.sentence_id), int(tok.start), int(tok.end)))
    return counts, first


def framing_table(tables: dict, counts: pd.DataFrame, min_count: int = MIN_FRAMING_COUNT,
                  top: int = TOP_FRAMING) -> pd.DataFrame:
    """The framing words of each party ``counts_table`` says two articles or more name."""
    from .corpus_stats import keyness

    columns = ["article", "party", "word", "here", "elsewhere", "chi2", "llr", "p", "sentence_id", "start", "end",
               "sentence"]
    shared = sorted(counts.loc[counts["n_articles"] >= 2, "party"].unique())
    rows = []
    for party in shared:
        words = {label: context_words(t, party) for label, t in tables.items()}
        for label, (here, first) in words.items():
            elsewhere = sum((c for other, (c, _) in words.items() if other != label), Counter())
            vocabulary = sorted(set(here) | set(elsewhere))
            both = pd.DataFrame({"word": vocabulary, "target": [here[w] for w in vocabulary],
                                 "reference": [elsewhere[w] for w in vocabulary]})
            key = keyness(both, min_count=min_count) if len(both) else both
            key = key[(key["chi2"] > 0) & (key["target"] >= min_count)].head(top)
            text = tables[label]["sentences"].set_index("sentence_id")["text"]
            for r in key.itertuples(index=False):
                sentence_id, start, end = first[r.word]
                rows.append([label, party, r.word, int(r.target), int(r.reference), r.chi2, r.llr, r.p, sentence_id,
                             start, end, text[sentence_id]])
    table = pd.DataFrame(rows, columns=columns)
    order = {label: i for i, label in enumerate(tables)}
    return table.sort_values(["article", "party", "chi2", "word"], ascending=[True, True, False, True], kind="mergesort",
                             key=lambda c: c.map(order) if c.name == "article" else c).reset_index(drop=True)


def unique_actors_table(counts: pd.DataFrame) -> pd.DataFrame:
    return counts.loc[counts["n_articles"] == 1, ["article", "party", "mentions", "mentions_strict"]].reset_index(drop=True)


def compare_tables(outlets: list[tuple[str, Article]], dictionary=None) -> dict[str, pd.DataFrame]:
    """The comparison tables of ``COMPARE_TABLES`` for ``outlets`` (``(label, Article)`` pairs).

    ``dictionary`` is a loaded actor dictionary (default: ``data/actors.yml``).  Raises
    ``CompareError`` for fewer than two articles or a repeated label.
    """
    labels = [label for label, _ in outlets]
    if len(outlets) < 2:
        raise CompareError(f"compare needs two articles or more, got {len(outlets)}")
    if len(set(labels)) != len(labels):
        raise CompareError(f"the articles' labels repeat: {', '.join(labels)}")
    tables = per_article_tables(outlets, dictionary)
    counts, voices = counts_table(tables), voices_table(tables)
    return {
        "articles": articles_table(outlets, tables),
        "counts": counts,
        "speakers": speakers_table(voices, tables),
        "voices": voices,
        "stance": stance_rows(tables),
        "framing": framing_table(tables, counts),
        "unique_actors": unique_actors_table(counts),
    }


# --- conclusion ---------------------------------------------------------------------------


def percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def listing(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def signed(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


def most_named_sentence(counts: pd.DataFrame, labels: list[str]) -> str:
    tops = {label: counts[counts["article"] == label].head(1) for label in labels}
    named = {label: top.iloc[0] for label, top in tops.items() if len(top)}
    if not named:
        return "No article names a party."
    parties = {r["party"] for r in named.values()}
    if len(parties) == 1 and len(named) == len(labels):
        party = parties.pop()
        each = listing([f"{label} {int(r['mentions'])}" for label, r in named.items()])
        return f"Every article names **{party}** most ({each} mentions)."
    parts = [f"**{label}** names {r['party']} most ({int(r['mentions'])} mentions)" for label, r in named.items()]
    return listing(parts) + "."


def speakers_sentence(speakers: pd.DataFrame, articles: pd.DataFrame) -> str:
    quoted = listing([f"{r.article} {percent(r.quoted_share)}" for r in articles.itertuples()])
    if speakers.empty:
        return f"No article gives a party's voice a sentence; sentences in a source's voice: {quoted}."
    spread = speakers.groupby("party")["share"].agg(lambda s: s.max() - s.min())
    total = speakers.groupby("party")["share"].sum()
    party = max(spread.index, key=lambda p: (spread[p], total[p], p))
    rows = speakers[speakers["party"] == party].sort_values("share", ascending=False, kind="mergesort")
    shares = [f"**{r.article}** in {percent(r.share)}" for r in rows.itertuples()]
    return (f"Voices speaking for {party} have the largest difference in room: {listing(shares)} of the "
            f"sentences. Sentences in any source's voice: {quoted}.")


def stance_sentences(stance: pd.DataFrame, labels: list[str], min_mentions: int = MIN_STANCE_MENTIONS) -> list[str]:
    solid = stance[stance["n_mentions"] >= min_mentions]
    out = []
    for party, rows in solid.groupby("party", sort=True):
        if len(rows) < 2 or rows["stance"].nunique() == 1:
            continue
        sided = rows[rows["stance"] != "neutral"]
        parts = [f"**{r.article}** is {'in favor of' if r.stance == 'favor' else r.stance} {party} "
                 f"({signed(r.score)} [{signed(r.ci_low)}, {signed(r.ci_high)}])" for r in sided.itertuples()]
        neutral = rows.loc[rows["stance"] == "neutral", "article"].tolist()
        if neutral:
            parts.append(f"{listing(neutral)} neutral")
        out.append("The authors differ on " + party + ": " + "; ".join(parts) + ".")
    if not out:
        shared = solid.groupby("party")["article"].nunique()
        if (shared >= 2).any():
            out.append("The authors' stances agree on every party that two articles or more mention twice or more.")
        else:
            out.append("No party is mentioned twice or more by the authors of two articles: their stances cannot be compared.")
    return out


def unique_sentence(unique: pd.DataFrame, labels: list[str], top: int = 4) -> str | None:
    parts = []
    for label in labels:
        mine = unique[unique["article"] == label].sort_values(["mentions", "party"], ascending=[False, True], kind="mergesort")
        if len(mine):
            names = mine["party"].head(top).tolist() + ([f"{len(mine) - top} more"] if len(mine) > top else [])
            parts.append(f"only **{label}** names {listing(names)}")
    if not parts:
        return None
    sentence = listing(parts) + "."
    return sentence[0].upper() + sentence[1:]


def framing_sentence(framing: pd.DataFrame, counts: pd.DataFrame) -> str | None:
    if framing.empty:
        return None
    main = counts[counts["n_articles"] >= 2].groupby("party")["mentions"].sum().sort_values(ascending=False, kind="mergesort")
    party = next((p for p in main.index if p in set(framing["party"])), None)
    rows = framing[framing["party"] == party]
    parts = []
    for label, mine in rows.groupby("article", sort=False):
        words = ", ".join(f"“{w}” ({n})" for w, n in zip(mine["word"].head(3), mine["here"].head(3)))
        parts.append(f"**{label}** {words}")
    return f"Words around {party} that one article uses and the others hardly do: " + "; ".join(parts) + "."


def compare_conclusion(tables: dict[str, pd.DataFrame]) -> str:
    """The comparison's findings as a Markdown list, every figure from ``tables`` (``compare_tables``)."""
    labels = tables["articles"]["article"].tolist()
    lines = [most_named_sentence(tables["counts"], labels), speakers_sentence(tables["speakers"], tables["articles"]),
             *stance_sentences(tables["stance"], labels), unique_sentence(tables["unique_actors"], labels),
             framing_sentence(tables["framing"], tables["counts"])]
    return "\n".join(f"- {line}" for line in lines if line)
