"""Stance: which side each voice takes toward each party it talks about.

For every mention in a voice's sentences, a stance value is its targeted sentiment
(``analysis.sentiment``) plus the framing cues of ``data/stance_cues.yml`` found near it
("terrorist proxy" against, "ally" favor), plus a favor cue when the voice speaks for that
party.

- **A source's** stance toward a party is the mean stance value over its mentions, with a
  seeded bootstrap 95% interval: ``against`` when the mean is at most ``-THRESHOLD``,
  ``favor`` when at least ``THRESHOLD``, ``neutral`` between.
- **The author's** stance comes from a small model learned on BASIL's author-feeling labels
  (``data/stance_model.json``, ``scripts/train_stance.py``): a logistic regression of
  P(against) on ``AUTHOR_FEATURES``: the mean targeted sentiment of the author's own mentions
  of the party, what the other voices the author quotes say of it (their mentions' targeted
  sentiment, shrunk toward 0 by ``others_prior`` pseudo-mentions; a voice speaking for the
  party itself is left out), and the party's share of the article's actor mentions (the cue
  words did not earn a place in it: on BASIL they made it worse, see the README).  BASIL has
  too few ``pos`` labels to learn favor from, so P(favor) is the same model with both
  sentiments' signs turned: the same evidence pointing the other way.  ``against`` when
  P(against) > 0.5 (and not below P(favor)), ``favor`` when P(favor) > 0.5, else ``neutral``;
  the score is P(favor) - P(against), its interval a seeded bootstrap over the author's
  mentions.

Mentions that only name a place (``location``) or that are the speaker's own attribution
("Turkish Foreign Minister Mevlut Cavusoglu said") say nothing about the party and are left out.
"""
from __future__ import annotations

import fnmatch
import json
import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pandas as pd

from .actors import read_yaml, article_span
from .article import Article
from .frames import grouped_rows, records_frame, row_type, rows
from .paths import DATA_DIR
from .sentiment import BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, bootstrap_interval, percentiles
from .tokens import is_punctuation, plain_sentences

THRESHOLD = 0.2  # |mean stance value| at which a voice leans (0.15-0.25 agree best with the shared keys)
SELF_CUE = "speaks for the party"
STANCE_MODEL_PATH = DATA_DIR / "stance_model.json"
AUTHOR_FEATURES = ("sentiment", "others", "share")
SIGNED_FEATURES = 2  # the first two turn sign for P(favor)
STANCE_COLUMNS = ["voice", "party", "stance", "score", "ci_low", "ci_high", "n_mentions", "evidence"]
READING_COLUMNS = ["party", "stance", "p_against", "p_favor", "sentiment", "n_mentions", "others", "n_other_mentions",
                   "other_voices", "share"]


@lru_cache(maxsize=1)
def stance_cues() -> dict:
    """The cue lexicon: ``window``, ``weight`` and the ``against`` and ``favor`` patterns."""
    data = read_yaml((DATA_DIR / "stance_cues.yml").read_text(encoding="utf-8"))
    return {"window": int(data["window"]), "weight": float(data["weight"]),
            "against": tuple(data["against"]), "favor": tuple(data["favor"])}


def cue_side(word: str, cues: dict) -> str | None:
    """``"against"``, ``"favor"`` or None for one lower-case word."""
    return cue_side_cached(word, cues["against"], cues["favor"])


@lru_cache(maxsize=65536)
def cue_side_cached(word: str, against: tuple, favor: tuple) -> str | None:
    for side, patterns in (("against", against), ("favor", favor)):
        if any_pattern(patterns).match(word):
            return side
    return None


@lru_cache(maxsize=8)
def any_pattern(patterns: tuple) -> re.Pattern:
    """One regular expression that matches what any of the glob ``patterns`` matches
    (``fnmatch.fnmatchcase`` of each: case-sensitive, the whole word)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def mention_cues(article: Article, mentions: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """For each mention, the cue words ``(word, side)`` that fall to it.

    A cue counts for the nearest mention in its sentence (by words), if within ``window``
    words; words inside a mention are not cues for it.  An ``against`` cue passes over a
    mention that is the object of an act ("... unleash a crushing action against the Jewish
    nation": the cue is about the actor, not the target) when another mention is in reach.
    """
    cues = stance_cues()
    layer = plain_sentences(article)  # words and offsets only: no parse
    found: list[list[tuple[str, str]]] = [[] for _ in range(len(mentions))]
    for sentence_id, group in grouped_rows(mentions, "sentence_id", "start", "end").items():
        words = [(w.start, w.end, w.text) for w in layer[sentence_id] if not is_punctuation(w.text)]
        places = []
        for row in group:
            ts, te = article_span(article, row.start, row.end)
            first = next((k for k, w in enumerate(words) if w[1] > ts), len(words))
            last = max((k for k, w in enumerate(words) if w[0] < te), default=first)
            places.append((row.Index, first, last, ts, te))
        targets = {index for index, first, _, _, _ in places
                   if first > 0 and words[first - 1][2].lower() in ("against", "on", "targeting", "toward", "towards")
                   or first > 1 and words[first - 1][2].lower() == "the" and words[first - 2][2].lower() in ("against", "on")}
        for k, (ws, we, word) in enumerate(words):
            side = cue_side(word.lower().replace("’", "'"), cues)
            if side is None or any(ts <= ws and we <= te for _, _, _, ts, te in places):
                continue
            reach = sorted((max(first - k, k - last, 0), index) for index, first, last, _, _ in places)
            reach = [(d, index) for d, index in reach if d <= cues["window"]]
            if side == "against" and any(index not in targets for _, index in reach):
                reach = [(d, index) for d, index in reach if index not in targets]
            if reach:
                found[reach[0][1]].append((word, side))
    return found


def stance_values(article: Article, scored_mentions: pd.DataFrame, voices: pd.DataFrame) -> pd.DataFrame:
    """Each mention that can show a stance, with its voice and stance value.

    Columns: those of ``scored_mentions`` plus ``voice``, ``voice_party``, ``cues`` (cue words
    with their side, "; "-separated) and ``value`` (targeted sentiment + cues, clipped to -1..1).
    """
    table = scored_mentions.reset_index(drop=True)
    observed = stance_observations(article, table, voices)
    kept = table.iloc[[o.Index for o in observed]].copy()  # index: positions in scored_mentions
    for column in ("voice", "voice_party", "cues", "value"):
        kept[column] = [getattr(o, column) for o in observed]
    return kept.astype({"value": "float64"})


def stance_observations(article: Article, mentions: pd.DataFrame, voices: pd.DataFrame) -> list:
    """The mentions that can show a stance (not a place, not the speaker's own attribution) as
    ``frames.rows`` of ``Index`` (position in ``mentions``), ``sentence_id``, ``party``,
    ``text``, ``evidence``, ``voice``, ``voice_party``, ``cues``, ``sentiment`` (targeted) and
    ``value``."""
    weight = stance_cues()["weight"]
    speaking = {r.sentence_id: r for r in rows(voices, "sentence_id", "voice", "voice_party", "speaker_start", "speaker_end")}
    make = row_type(("sentence_id", "party", "text", "evidence", "voice", "voice_party", "cues", "sentiment", "value"))
    observed, values = [], []
    columns = ("sentence_id", "party", "text", "evidence", "sentiment", "start", "end", "location")
    for row, found in zip(rows(mentions, *columns), mention_cues(article, mentions)):
        voice = speaking.get(row.sentence_id)
        if row.location or (voice is not None and row.start < voice.speaker_end and voice.speaker_start < row.end):
            continue
        adjust = sum(weight if side == "favor" else -weight for _, side in found)
        words = [f"{w} ({side})" for w, side in found]
        if voice is not None and voice.voice != "author" and voice.voice_party == row.party:
            adjust += weight
            words.append(SELF_CUE)
        values.append(float(np.clip(row.sentiment + adjust, -1, 1)))
        observed.append((row.Index, row.sentence_id, row.party, row.text, row.evidence,
                         voice.voice if voice is not None else None, voice.voice_party if voice is not None else None,
                         "; ".join(words), row.sentiment))
    rounded = np.round(np.array(values, dtype=float), 4).tolist()
    return [make(*o, value) for o, value in zip(observed, rounded)]


def stance_label(score: float) -> str:
    return "against" if score <= -THRESHOLD else "favor" if score >= THRESHOLD else "neutral"


def stance_table(article: Article, scored_mentions: pd.DataFrame, voices: pd.DataFrame) -> pd.DataFrame:
    """One row per voice and party the voice talks about.

    Columns: ``voice``, ``party``, ``stance`` (against / neutral / favor), ``score`` (-1..1: a
    source's mean stance value; the author's P(favor) - P(against) from the model),
    ``ci_low``/``ci_high`` (seeded bootstrap 95% interval over mentions), ``n_mentions``,
    ``evidence`` (the sentence ids, mention texts and cue words behind it; for the author led
    by what the model read).  The author first, then sources alphabetically; parties by mentions.

    The author has a row for every actor the article names (not only as a place): an actor
    the author's own words never evaluate, because it is named only as a speaker ("X said")
    or inside others' words, is ``neutral`` with ``n_mentions`` 0 and the sentences that name
    it as evidence ("named only as a source or in quotations: s3, s7").
    """
    return records_frame(stance_rows(article, scored_mentions, voices), STANCE_COLUMNS)


def stance_rows(article: Article, scored_mentions: pd.DataFrame, voices: pd.DataFrame) -> list[tuple]:
    """The rows of ``stance_table``, as tuples of ``STANCE_COLUMNS`` in its order."""
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    out = []
    observed = stance_observations(article, scored_mentions.reset_index(drop=True), voices)
    groups = voice_groups(observed)
    shares, quoted = actor_shares(scored_mentions), other_voices(observed)
    for (voice, party), group in sorted(groups.items()):
        evidence = " | ".join(
            f"s{r.sentence_id}: {r.text}" + (f" [{r.cues}]" if r.cues else "") + (f" {{{r.evidence}}}" if r.evidence else "")
            for r in group
        )
        if voice == "author":
            out.append(author_row(party, group, shares.get(party, 0.0), evidence, quoted.get(party, [])))
            continue
        scores = np.array([r.value for r in group], dtype=float)
        low, high = bootstrap_interval(scores, rng)
        mean = round(float(scores.mean()), 4)  # labelled as shown: 0.2 is favor
        out.append((voice, party, stance_label(mean), mean, round(low, 4), round(high, 4), len(group), evidence))
    out += unevaluated_rows(scored_mentions, {party for voice, party in groups if voice == "author"})
    # the author first, then voices alphabetically; parties by mentions, then name (a stable sort)
    out.sort(key=lambda r: (r[0] != "author", r[0], -r[6], r[1]))
    return out


@lru_cache(maxsize=1)
def author_model() -> dict:
    """The author-stance model of ``data/stance_model.json``: ``features`` (``AUTHOR_FEATURES``),
    ``mean`` and ``scale`` (the features' standardisation), ``low`` and ``high`` (the range of
    the fitted data) and ``coef`` as numpy arrays,
    ``intercept``, ``others_prior`` (``others_reading``), and ``meta`` (training data,
    hyper-parameters, cross-validated scores)."""
    data = json.loads(STANCE_MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data["features"]) != AUTHOR_FEATURES:
        raise ValueError(f"{STANCE_MODEL_PATH}: expected the features {AUTHOR_FEATURES}, not {tuple(data['features'])}")
    if "others_prior" not in data:
        raise ValueError(f"{STANCE_MODEL_PATH}: no others_prior (the pseudo-mentions of the other voices' reading)")
    return {**data, **{key: np.array(data[key], dtype=float) for key in ("mean", "scale", "low", "high", "coef")}}


def actor_shares(mentions: pd.DataFrame) -> dict[str, float]:
    """Each party's share of the article's actor mentions (mentions of a place left out)."""
    counts = Counter(p for p, location in zip(mentions["party"].tolist(), mentions["location"].tolist())
                     if not location and isinstance(p, str))
    total = sum(counts.values())
    return {party: n / total for party, n in counts.items()}


def voice_groups(observed: list) -> dict[tuple[str, str], list]:
    """``(voice, party)`` -> its observations (``stance_observations``), in order; an observation
    in no voice's sentence is left out."""
    groups: dict[tuple[str, str], list] = {}
    for r in observed:
        if r.voice is not None:
            groups.setdefault((r.voice, r.party), []).append(r)
    return groups


def other_voices(observed: list) -> dict[str, list]:
    """Party -> its observations (``stance_observations``) in sources' sentences, leaving out a
    source that speaks for the party itself: what the voices the author quotes say of it."""
    out: dict[str, list] = {}
    for r in observed:
        if r.voice is not None and r.voice != "author" and r.voice_party != r.party:
            out.setdefault(r.party, []).append(r)
    return out


def others_reading(sentiments: list[float], prior: float) -> float:
    """The ``others`` feature: the sum of the other voices' ``sentiments`` over their number plus
    ``prior`` pseudo-mentions of 0, so two quoted words weigh less than twenty (0 with none)."""
    return float(sum(sentiments)) / (len(sentiments) + prior) if len(sentiments) else 0.0


def author_features(sentiment: np.ndarray, others: float, share: float, picks: np.ndarray | None = None) -> np.ndarray:
    """Rows of ``AUTHOR_FEATURES`` for the author's mentions of one party, given per mention its
    targeted ``sentiment`` (-1..1), the other voices' reading of the party (``others_reading``)
    and the party's ``share`` of the article's actor mentions: the mean sentiment over all the
    mentions, or over each row of ``picks`` (positions into the mentions: a bootstrap's
    resamples; the other voices' reading stays as it is).  The features are bounded, so the
    model never meets a value far outside those it was fitted on."""
    picks = np.arange(len(sentiment))[None, :] if picks is None else picks
    return np.column_stack([sentiment[picks].mean(axis=1), np.full(len(picks), others), np.full(len(picks), share)])


def side_probabilities(features: np.ndarray, model: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """P(against) and P(favor) for each row of ``features``: the model, and the model with the
    sentiment (the first ``SIGNED_FEATURES``) of the other sign.  Features are first clipped to
    the range of the data the model was fitted on (``low``, ``high``): a party with every
    mention of an article counts as no more prominent than the most prominent one in BASIL."""
    model = model or author_model()

    def against(rows: np.ndarray) -> np.ndarray:
        rows = np.clip(rows, model["low"], model["high"])  # no further than the fitted data reach
        return 1 / (1 + np.exp(-((rows - model["mean"]) / model["scale"] @ model["coef"] + model["intercept"])))

    features = np.asarray(features, dtype=float)
    mirrored = features.copy()
    mirrored[:, :SIGNED_FEATURES] = -mirrored[:, :SIGNED_FEATURES]
    return against(features), against(mirrored)


def side_label(p_against: float, p_favor: float) -> str:
    """The side whose probability passes 0.5 and the other's (``against`` or ``favor``), else
    ``neutral``: with no lean either way (P(against) = P(favor), sentiment 0) no side."""
    if p_against > 0.5 and p_against > p_favor:
        return "against"
    return "favor" if p_favor > 0.5 and p_favor > p_against else "neutral"


def model_reading(group: list, share: float, quoted: list) -> tuple[np.ndarray, float, float, float]:
    """What the author-stance model reads of one party and gives: the sentiments of the author's
    observations ``group``, the other voices' reading of ``quoted`` (``others_reading``), P(against)
    and P(favor) (``side_probabilities``) for the party's ``share``."""
    sentiment = np.array([r.sentiment for r in group], dtype=float)
    others = others_reading([r.sentiment for r in quoted], author_model()["others_prior"])
    p_against, p_favor = (float(p[0]) for p in side_probabilities(author_features(sentiment, others, share)))
    return sentiment, others, p_against, p_favor


def author_readings(article: Article, scored_mentions: pd.DataFrame, voices: pd.DataFrame) -> pd.DataFrame:
    """Why the author's stance is what it is: one row per party the author's own words evaluate,
    with what the author-stance model read and what it gave.

    Columns: ``party``, ``stance`` (as in ``stance_table``), ``p_against`` and ``p_favor`` (the
    model's two probabilities), ``sentiment`` (the mean targeted sentiment of the author's
    ``n_mentions`` mentions), ``others`` (the other voices' reading, ``others_reading``, of their
    ``n_other_mentions`` mentions), ``other_voices`` (those voices, "; "-joined, by their mentions
    of the party, then name) and ``share`` (of the article's actor mentions); numbers rounded to 4
    places; parties by the author's mentions, then name."""
    observed = stance_observations(article, scored_mentions.reset_index(drop=True), voices)
    shares, quoted = actor_shares(scored_mentions), other_voices(observed)
    groups = {party: group for (voice, party), group in voice_groups(observed).items() if voice == "author"}
    out = []
    for party, group in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        theirs = quoted.get(party, [])
        sentiment, others, p_against, p_favor = model_reading(group, shares.get(party, 0.0), theirs)
        speakers = Counter(r.voice for r in theirs)
        out.append((party, side_label(p_against, p_favor), round(p_against, 4), round(p_favor, 4),
                    round(float(sentiment.mean()), 4), len(group), round(others, 4), len(theirs),
                    "; ".join(sorted(speakers, key=lambda v: (-speakers[v], v))), round(shares.get(party, 0.0), 4)))
    return records_frame(out, READING_COLUMNS)


def author_row(party: str, group: list, share: float, evidence: str, quoted: list) -> tuple:
    """The author's stance row toward ``party`` from its observations ``group`` (see
    ``stance_observations``) and those in other voices' sentences (``quoted``, ``other_voices``):
    the model's label (``side_label``), the score P(favor) - P(against) with a seeded bootstrap
    95% interval over the author's mentions, and the evidence led by what the model read
    ("model: against 0.61, favor 0.02 from mean sentiment -0.40, other voices' -0.25 (3
    mentions: s4, s9) and 30% of actor mentions | s1: ...": each side's probability, read by the
    same model the other way round, so the two need not add up to 1; the sentences of the other
    voices' mentions)."""
    sentiment, others, p_against, p_favor = model_reading(group, share, quoted)
    score = round(p_favor - p_against, 4)
    low = high = score
    if len(group) > 1:
        rng = np.random.default_rng(BOOTSTRAP_SEED)
        picks = rng.integers(0, len(group), size=(BOOTSTRAP_SAMPLES, len(group)))
        against, favor = side_probabilities(author_features(sentiment, others, share, picks))
        low, high = (round(float(x), 4) for x in percentiles(favor - against, (2.5, 97.5)))
    where = ", ".join(f"s{k}" for k in sorted({r.sentence_id for r in quoted}))
    mentions = f"{len(quoted)} mention{'' if len(quoted) == 1 else 's'}" + (f": {where}" if where else "")
    reading = (f"model: against {p_against:.2f}, favor {p_favor:.2f} from mean sentiment "
               f"{sentiment.mean():+.2f}, other voices' {others:+.2f} ({mentions}) and {share:.0%} of actor mentions")
    return ("author", party, side_label(p_against, p_favor), score, low, high, len(group), f"{reading} | {evidence}")


def unevaluated_rows(mentions: pd.DataFrame, evaluated: set) -> list[tuple]:
    """Neutral author rows for the actors of ``mentions`` (not named only as a place) that
    the author's own words never evaluate: those not in ``evaluated``."""
    sentences: dict = {}
    for party, location, sentence_id in zip(mentions["party"].tolist(), mentions["location"].tolist(),
                                            mentions["sentence_id"].tolist()):
        if not location and isinstance(party, str) and party not in evaluated:
            sentences.setdefault(party, set()).add(sentence_id)
    return [("author", party, "neutral", 0.0, 0.0, 0.0, 0,
             "named only as a source or in quotations: " + ", ".join(f"s{k}" for k in sorted(sentences[party])))
            for party in sorted(sentences)]


def voice_summary(voices: pd.DataFrame) -> pd.DataFrame:
    """One row per voice: ``voice, voice_kind, voice_party, sentences``, the author first."""
    table = voices.groupby(["voice", "voice_kind", "voice_party"], sort=True).size().rename("sentences").reset_index()
    table["_author"] = table["voice"] != "author"
    return table.sort_values(["_author", "sentences", "voice"], ascending=[True, False, True]).drop(columns="_author").reset_index(drop=True)


def cell_evidence(values: pd.DataFrame, voice: str, party: str) -> pd.DataFrame:
    """The mentions behind one voice × party cell, with the model's evidence and the cue words.

    Rows of ``stance_values`` for that cell; ``evidence`` joins the model's words and the cue
    words (";"-separated), ready for ``analysis.highlight.highlight_evidence``.
    """
    rows = values[(values["voice"] == voice) & (values["party"] == party)].copy()
    evidence = []
    for model_words, cues in zip(rows["evidence"].fillna(""), rows["cues"]):
        cue_words = [re.sub(r" \((?:favor|against)\)$", "", c) for c in cues.split("; ") if c and c != SELF_CUE]
        words = [w.strip() for w in model_words.split(";") if w.strip()] + cue_words
        evidence.append("; ".join(dict.fromkeys(words)))
    rows["evidence"] = evidence
    return rows


def most_mentioned_party(values: pd.DataFrame, voice: str) -> str | None:
    """The party ``voice`` mentions most in ``stance_values`` (first alphabetically among equals)."""
    counts = values.loc[values["voice"] == voice, "party"].value_counts().sort_index()
    return counts.sort_values(ascending=False, kind="stable").index[0] if len(counts) else None


def stance_conclusion(stance: pd.DataFrame, voice: str = "author", min_mentions: int = 2) -> str:
    """A short markdown paragraph: whom ``voice`` opposes and favours, with the numbers.

    Parties with fewer than ``min_mentions`` mentions in the voice's sentences are left out.
    """
    rows = stance[(stance["voice"] == voice) & (stance["n_mentions"] >= min_mentions)]
    if rows.empty:
        return f"The tables hold no party that {voice!r} mentions {min_mentions} times or more."

    def listing(label: str) -> str:
        chosen = rows[rows["stance"] == label].sort_values("score", ascending=label != "favor")
        return ", ".join(f"**{r.party}** ({r.score:+.2f}, {r.n_mentions} mention{'s' if r.n_mentions != 1 else ''})"
                         for r in chosen.itertuples()) or "no party"

    if voice == "author":
        who, how = "The author", ("Scores are P(favor) - P(against) from the author-stance model (learned on BASIL's "
                                  "US news) over the mentions in the author's own sentences; a side is named when its "
                                  "probability passes 0.5.")
    else:
        who, how = voice, (f"Scores are mean stance values from -1 to 1 over the mentions in this voice's sentences; "
                           f"|score| ≥ {THRESHOLD} leans.")
    return (f"{who} is against {listing('against')}; in favour of {listing('favor')}; and neutral toward "
            f"{listing('neutral')}. {how}")
