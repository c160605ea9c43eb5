"""Targeted sentiment: how a sentence presents one target span (NewsMTSC convention).

Given a sentence and the character offsets ``[start, end)`` of a target mention, predict
whether the sentence presents the target as ``negative``, ``neutral`` or ``positive`` — the
sentiment *toward the target*, not the sentence's overall mood ("X attacked Y" can be
negative for X and neutral for the reporter who said so).

The model is a linear (multinomial logistic regression) model over target-aware features,
trained on NewsMTSC by ``scripts/train_targeted_sentiment.py`` and stored as plain JSON in
``data/targeted_sentiment.json``: weights, the VADER and TextBlob word lexicons it was
trained with, and the hand-written word lists below.  Prediction is pure Python (a sparse
dot product); scikit-learn is only needed for training.

Public API
----------
``load_model(path=None)``            -> model dict (default model cached)
``target_sentiment(text, start, end)`` -> ``TargetSentiment(label, score, evidence)``
``predict_targets(items)``           -> DataFrame with columns ``label, score, evidence``
``target_features(text, start, end, resources)`` -> list of ``Feature(name, value, token)``
"""
from __future__ import annotations

import json
import math
import operator
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

import pandas as pd

from .paths import DATA_DIR
from .tokens import stop_words

MODEL_PATH = DATA_DIR / "targeted_sentiment.json"
LABELS = ("negative", "neutral", "positive")

# ---------------------------------------------------------------------------------------
# Hand-written word lists (copied into the model file at training time; prediction uses
# the model's copy so that weights and lists always match).
# ---------------------------------------------------------------------------------------
WORD_LISTS: dict[str, list[str]] = {
    # Negation flips the polarity of the next few words ("not good", "never helped").
    "negators": sorted([
        "not", "no", "never", "n't", "without", "nor", "neither", "none", "nobody", "nothing",
        "hardly", "barely", "cannot", "lack", "lacked", "lacks", "failed", "fails", "fail",
    ]),
    # A target right before/after these is usually the speaker of reported speech, and
    # speaker tags tend to be neutral ("Pelosi said ...").
    "reporting": sorted([
        "said", "says", "say", "told", "tells", "tell", "wrote", "writes", "added", "adds",
        "stated", "states", "noted", "notes", "explained", "explains", "announced", "announces",
        "according", "asked", "asks", "replied", "responded", "tweeted", "tweets", "argued",
        "argues", "claimed", "claims", "insisted", "insists", "suggested", "suggests",
        "testified", "reported", "reports", "recalled", "remarked", "acknowledged", "declared",
        "continued", "warned", "warns",
    ]),
    # Attack / harm / criticism: "X attacked Y" presents X as aggressor and Y as victim.
    "harm": sorted([
        "attack", "attacked", "attacks", "attacking", "accuse", "accused", "accuses", "accusing",
        "blame", "blamed", "blames", "blaming", "criticize", "criticized", "criticizes",
        "criticizing", "criticise", "criticised", "slam", "slammed", "slams", "condemn",
        "condemned", "condemns", "kill", "killed", "kills", "killing", "murder", "murdered",
        "shot", "shoot", "sued", "sue", "sues", "fire", "fired", "fires", "arrest", "arrested",
        "charged", "charge", "indicted", "indict", "convicted", "impeach", "impeached",
        "investigate", "investigated", "investigating", "target", "targeted", "targets",
        "threaten", "threatened", "threatens", "mock", "mocked", "mocks", "insult", "insulted",
        "blast", "blasted", "blasts", "denounce", "denounced", "denounces", "rebuke",
        "rebuked", "rebukes", "oust", "ousted", "defeat", "defeated", "defeats", "beat",
        "hit", "hits", "bash", "bashed", "ridicule", "ridiculed", "harass", "harassed",
        "assault", "assaulted", "abuse", "abused", "punish", "punished", "sanction",
        "sanctioned", "ban", "banned", "bans", "reject", "rejected", "rejects", "oppose",
        "opposed", "opposes", "fight", "fought", "fights", "lambasted", "chided", "scolded",
        "ripped", "pressured", "forced", "undermine", "undermined", "betray", "betrayed",
    ]),
    # Praise / help: "X praised Y" presents Y positively (and usually X neutrally).
    "help": sorted([
        "praise", "praised", "praises", "praising", "support", "supported", "supports",
        "supporting", "endorse", "endorsed", "endorses", "defend", "defended", "defends",
        "defending", "thank", "thanked", "thanks", "help", "helped", "helps", "applaud",
        "applauded", "hail", "hailed", "back", "backed", "backs", "commend", "commended",
        "congratulate", "congratulated", "honor", "honored", "protect", "protected",
        "elect", "elected", "win", "won", "wins", "lauded", "cheered", "welcomed", "saved",
        "rescued", "champion", "championed",
    ]),
    # Auxiliaries that, followed by a past participle and "by", mark the passive.
    "passive_aux": sorted(["was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"]),
    # Coordinating/subordinating words that end a clause.
    "clause_breaks": sorted([
        "but", "while", "whereas", "although", "though", "because", "however", "yet",
        "which", "who", "whom", "where", "when", "after", "before", "since", "unless",
        "as", "and", "or", "that", "if",
    ]),
    "pronouns": sorted([
        "he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "it", "its",
        "we", "us", "our", "i", "me", "my", "you", "your", "himself", "herself", "themselves",
    ]),
}

# Sentence-internal separators of clauses (dashes included).
CLAUSE_PUNCT = frozenset([",", ";", ":", "—", "–", "(", ")", "-", "--"])
QUOTES = frozenset(['"', "“", "”", "«", "»"])
NUMBER = re.compile(r"^\d[\d,.]*$")


class TargetSentiment(NamedTuple):
    """Sentiment toward one target: label, score in [-1, 1] (P(pos) − P(neg)), evidence words."""

    label: str
    score: float
    evidence: str


class Feature(NamedTuple):
    """One active feature: its name, value, and the token index it came from (or -1)."""

    name: str
    value: float
    token: int


class Token(NamedTuple):
    """A word token: character offsets into the sentence, surface text, normalised form."""

    start: int
    end: int
    text: str
    norm: str


# ---------------------------------------------------------------------------------------
# Lexicons (read from the installed packages at training time only)
# ---------------------------------------------------------------------------------------
def read_vader_lexicon() -> dict[str, float]:
    """Return VADER's single-word lexicon ``{word: valence in [-4, 4]}`` from vaderSentiment."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    lexicon = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
            lexicon[parts[0]] = float(parts[1])
    return dict(sorted(lexicon.items()))


def read_textblob_lexicon() -> dict[str, float]:
    """Return TextBlob's (pattern) word polarities ``{word: mean polarity in [-1, 1]}``."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    sums: dict[str, list[float]] = {}
    for form, pol in re.findall(r'<word form="([^"]+)"[^>]*?polarity="([-0-9.]+)"',
                                path.read_text(encoding="utf-8")):
        form = form.lower()
        if re.fullmatch(r"[a-z][a-z'-]*", form):
            sums.setdefault(form, []).append(float(pol))
    means = {w: round(sum(v) / len(v), 4) for w, v in sums.items()}
    return {w: p for w, p in sorted(means.items()) if p != 0.0}


def default_resources() -> dict:
    """Return the lexicons and word lists that feature extraction needs (training time)."""
    return {"vader": read_vader_lexicon(), "textblob": read_textblob_lexicon(),
            "lists": {k: list(v) for k, v in WORD_LISTS.items()}}


def prepare_resources(resources: dict) -> dict:
    """Return ``resources`` with word lists as frozensets (done once per model)."""
    if "_sets" not in resources:
        resources["_sets"] = {k: frozenset(v) for k, v in resources["lists"].items()}
    return resources


# ---------------------------------------------------------------------------------------
# Small feature-extraction steps
# ---------------------------------------------------------------------------------------
@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Return the word and punctuation tokens of ``text`` with offsets and normalised forms.

    The tokens are the token layer's (``tokens.word_spans``: "n't" and "'s" split off their
    word, so negation and possessives are visible).  Cached: the targets of one sentence share
    its tokens.
    """
    from .tokens import word_spans

    out = []
    for start, end in word_spans(text):
        surface = text[start:end]
        norm = surface.lower().replace("’", "'")
        if norm[0].isdigit() and NUMBER.match(norm):
            norm = "<num>"
        out.append(Token(start, end, surface, norm))
    return tuple(out)


def check_span(text: str, start: int, end: int) -> None:
    """Raise ValueError unless ``text[start:end]`` is a non-blank span inside ``text``."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, got {type(text).__name__}")
    try:  # ints, numpy ints; not floats, not bools
        if isinstance(start, bool) or isinstance(end, bool):
            raise TypeError
        operator.index(start), operator.index(end)
    except TypeError:
        raise ValueError(f"start and end must be integers, got {start!r}, {end!r}") from None
    if not 0 <= start < end <= len(text):
        raise ValueError(f"target offsets [{start}, {end}) are not a non-empty span of a "
                         f"text of length {len(text)}")
    if not text[start:end].strip():
        raise ValueError(f"target text[{start}:{end}] = {text[start:end]!r} is blank")


def target_token_range(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Return ``(i, j)``: the tokens overlapping ``[start, end)`` are ``tokens[i:j]``."""
    inside = [k for k, t in enumerate(tokens) if t.start < end and t.end > start]
    if not inside:  # a span of spaces only cannot happen after check_span; be safe
        raise ValueError(f"no token overlaps the target span [{start}, {end})")
    return inside[0], inside[-1] + 1


def negation_flags(norms: list[str], negators: frozenset, scope: int = 3) -> list[bool]:
    """Return, per token, whether it lies within ``scope`` words after a negator (same clause)."""
    flags = [False] * len(norms)
    left = 0
    for k, w in enumerate(norms):
        if w in negators:
            left = scope
            continue
        if w in CLAUSE_PUNCT or w in (".", "!", "?") or w in QUOTES:
            left = 0
        if left:
            flags[k] = True
            left -= 1
    return flags


# sentences read per resources dict (``sentence_reading``): at most this many, then forgotten
READINGS_KEPT = 4096


def sentence_reading(text: str, res: dict):
    """``(norms, negated, polarities, compound)`` of one sentence, what every target in it
    shares: its tokens' normalised forms, their negation flags, each word's ``lexicon_polarity``
    and the sentence's VADER sum with negation.  Kept per ``res`` (prepared resources) and
    sentence ``text``, so a sentence's targets read it once.  The lists are shared: read only.
    """
    kept = res.setdefault("_readings", {})
    found = kept.get(text)
    if found is None:
        norms = [t.norm for t in tokenize(text)]
        negated = negation_flags(norms, res["_sets"]["negators"])
        vader, tb = res["vader"], res["textblob"]
        polarities = [lexicon_polarity(w, vader, tb) for w in norms]
        compound = sum(vader.get(w, 0.0) * (-0.74 if negated[k] else 1.0) for k, w in enumerate(norms))
        if len(kept) >= READINGS_KEPT:
            kept.clear()
        found = kept[text] = (norms, negated, polarities, compound)
    return found


def clause_bounds(norms: list[str], i: int, j: int, breaks: frozenset) -> tuple[int, int]:
    """Return ``(a, b)``: the target's clause is ``tokens[a:b]`` (split on , ; : — and conjunctions)."""
    a = i
    while a > 0 and norms[a - 1] not in CLAUSE_PUNCT and norms[a - 1] not in breaks \
            and norms[a - 1] not in QUOTES:
        a -= 1
    b = j
    while b < len(norms) and norms[b] not in CLAUSE_PUNCT and norms[b] not in breaks \
            and norms[b] not in QUOTES and norms[b] not in (".", "!", "?"):
        b += 1
    return a, b


def name_positions(tokens: Sequence[Token], i: int, j: int, pronouns: frozenset) -> list[int]:
    """Return indices of other capitalised words (likely other actors) outside ``[i, j)``."""
    out = []
    for k, t in enumerate(tokens):
        if i <= k < j or k == 0:
            continue
        if t.text[:1].isupper() and t.text[:1].isalpha() and t.norm not in pronouns:
            out.append(k)
    return out


COORD_WORDS = frozenset(["and", "or", "&", "nor"])
# Abbreviated titles whose full stop stays inside a name ("Ms. Pritzker", "Sen. Warren").
TITLES = frozenset(["mr", "ms", "mrs", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr",
                    "prof", "pres", "sgt", "capt", "adm", "u.s"])


def _name_char(tokens: Sequence[Token], k: int) -> bool:
    t = tokens[k]
    if t.text[:1].isupper() and t.text[:1].isalpha():
        return True
    return t.text == "." and k > 0 and tokens[k - 1].norm in TITLES


def _name_end(tokens: Sequence[Token], k: int, pronouns: frozenset) -> int:
    """Return the end of the name starting at token ``k`` (``k`` if it does not start one)."""
    if k < len(tokens) and tokens[k].norm in pronouns and tokens[k].norm not in ("it", "its"):
        return k + 1
    e = k
    if e < len(tokens) and tokens[e].text == ".":
        return k
    while e < len(tokens) and _name_char(tokens, e):
        e += 1
    return e


def _name_start(tokens: Sequence[Token], k: int, pronouns: frozenset) -> int:
    """Return the start of the name ending at token ``k - 1`` (``k`` if none ends there)."""
    if k > 0 and tokens[k - 1].norm in pronouns and tokens[k - 1].norm not in ("it", "its"):
        return k - 1
    s = k
    while s > 0 and _name_char(tokens, s - 1):
        s -= 1
    while s < k and tokens[s].text == ".":
        s += 1
    return s


def coordination_span(tokens: Sequence[Token], i: int, j: int, pronouns: frozenset) -> tuple[int, int]:
    """Return ``(ci, cj)``: the target ``[i, j)`` widened to the names coordinated with it.

    "Rosenstein and Mueller are out of control", "praising him and Ms. Pritzker",
    "Chris Christie, Jeb Bush and John Kasich": conjoined names share one syntactic role,
    so clause, verb-role and speaker features should look past the conjunction.  A chain
    joined only by commas is not a coordination (apposition, "Obama, Trump said").
    """
    n = len(tokens)
    # The target's own full name first ("President Obama" for the target "Obama").
    if _name_char(tokens, i):
        while i > 0 and _name_char(tokens, i - 1):
            i -= 1
    if _name_char(tokens, j - 1):
        while j < n and _name_char(tokens, j):
            j += 1
    # Rightwards: (, | and | or | , and) NAME ...
    k, has_conj, last = j, False, j
    while k < n:
        m = k
        conj = False
        if tokens[m].norm == ",":
            m += 1
        if m < n and tokens[m].norm in COORD_WORDS:
            conj = True
            m += 1
        if m == k:
            break
        e = _name_end(tokens, m, pronouns)
        if e == m:
            break
        k = e
        has_conj = has_conj or conj
        if has_conj:
            last = k
    cj = last
    # Leftwards: NAME (, | and | or | , and) ... <target>; commas count if a conjunction follows.
    k, first = i, i
    while k > 0:
        m = k
        conj = False
        if tokens[m - 1].norm in COORD_WORDS:
            conj = True
            m -= 1
        if m > 0 and tokens[m - 1].norm == ",":
            m -= 1
        if m == k:
            break
        s = _name_start(tokens, m, pronouns)
        if s == m:
            break
        k = s
        has_conj = has_conj or conj
        if has_conj:
            first = k
    return first, cj


def in_quotation(tokens: Sequence[Token], i: int) -> bool:
    """Return whether token ``i`` lies inside quotation marks (odd number of quotes before it)."""
    opened = False
    for t in tokens[:i]:
        if t.text in ("“", "«"):
            opened = True
        elif t.text in ("”", "»"):
            opened = False
        elif t.text == '"':
            opened = not opened
    return opened


def lexicon_polarity(norm: str, vader: dict, textblob: dict) -> tuple[float, float]:
    """Return ``(vader valence / 4, textblob polarity)`` of one normalised word (0 if absent)."""
    return vader.get(norm, 0.0) / 4.0, textblob.get(norm, 0.0)


def word_features(norms, negated, i, j, a, b, window) -> list[Feature]:
    """Return window (left/right of the target), bigram, clause and masked-sentence word features."""
    feats = []
    add = feats.append
    n = len(norms)
    for k in range(n):
        if i <= k < j:
            continue
        w = ("NOT_" + norms[k]) if negated[k] else norms[k]
        add(Feature("S:" + w, 1.0, k))
        side = "L" if k < i else "R"
        d = i - k if k < i else k - j + 1
        if d <= window:
            add(Feature(f"{side}:{w}", 1.0, k))
        if a <= k < b:
            add(Feature("C:" + w, 1.0, k))
    # Bigrams next to the target, with the target as a placeholder: "<T> said", "slammed <T>".
    masked = list(norms[:i]) + ["<T>"] + list(norms[j:])
    ti = i
    lo, hi = max(0, ti - window), min(len(masked), ti + 1 + window)
    for k in range(lo, hi - 1):
        src = k if k < ti else k + (j - i) - 1
        add(Feature(f"B:{masked[k]}_{masked[k + 1]}", 1.0, src if masked[k] != "<T>" else src + 1))
    return feats


def lexicon_features(norms, negated, i, j, a, b, names, reading) -> list[Feature]:
    """Return signed lexicon sums (sentence, clause, near, closer-than-other-names, left/right).

    ``reading`` is ``(polarities, compound)`` of the sentence (``sentence_reading``)."""
    polarities, total = reading
    sums: dict[str, float] = {}
    per_token: list[Feature] = []
    for k, w in enumerate(norms):
        if i <= k < j:
            continue
        v, p = polarities[k]
        if not v and not p:
            continue
        if negated[k]:
            v, p = -0.74 * v, -0.74 * p  # VADER's negation scalar
        d = i - k if k < i else k - j + 1
        near = 1.0 / (1.0 + d / 3.0)
        closer = not any(abs(m - k) < d for m in names)
        groups = ["sent", "left" if k < i else "right"]
        if a <= k < b:
            groups.append("clause")
        if closer:
            groups.append("closer")
        for lex, val in (("v", v), ("t", p)):
            if not val:
                continue
            sign = "pos" if val > 0 else "neg"
            for g in groups:
                key = f"LEX:{lex}:{g}:{sign}"
                sums[key] = sums.get(key, 0.0) + abs(val)
            key = f"LEX:{lex}:near:{sign}"
            sums[key] = sums.get(key, 0.0) + abs(val) * near
            per_token.append(Feature(f"LEXW:{lex}:{sign}", abs(val) * near, k))
    # Squash the sums into [0, 1) so long sentences do not dominate.
    feats = [Feature(k, math.tanh(s), -1) for k, s in sorted(sums.items())]
    feats.append(Feature("LEX:compound", total / math.sqrt(total * total + 15.0), -1))
    # Token-level contributions are kept for evidence only (value 0 in the dot product).
    return feats + [f._replace(value=0.0) for f in per_token]


def role_features(tokens, norms, i, j, a, b, res, span=None) -> list[Feature]:
    """Return agent/victim, passive, speaker, quotation, possessive and position features.

    ``span`` = ``(ci, cj)``, the target with its full name and coordinated names: verb roles,
    "by" and speaker tags are looked up around it ("Smith and Jones said", "by President X").
    """
    sets = res["_sets"]
    ti, tj = i, j
    if span is not None:
        i, j = span
    harm, helpv, reporting, aux = sets["harm"], sets["help"], sets["reporting"], sets["passive_aux"]
    feats = []
    add = feats.append
    n = len(norms)
    passive_by = i > 0 and norms[i - 1] == "by"
    # Verb after the target within its clause: the target is the subject/agent (or, if the
    # verb is passive "was attacked", the patient).
    for k in range(j, min(b, j + 6)):
        w = norms[k]
        if w in harm or w in helpv:
            kind = "harm" if w in harm else "help"
            passive = any(norms[m] in aux for m in range(j, k))
            role = "PATIENT" if passive else "AGENT"
            add(Feature(f"ROLE:{role}:{kind}", 1.0, k))
            break
    # Verb before the target: object/victim, or agent in "was attacked by <T>".
    for k in range(i - 1, max(a - 1, i - 7), -1):
        w = norms[k]
        if w in harm or w in helpv:
            kind = "harm" if w in harm else "help"
            role = "AGENT" if passive_by else "PATIENT"
            add(Feature(f"ROLE:{role}:{kind}", 1.0, k))
            break
    if passive_by:
        add(Feature("ROLE:by_agent", 1.0, i - 1))
    # Speaker of reported speech: "<T> said", "said <T>", "according to <T>".
    after = norms[j:j + 3]
    before = norms[max(0, i - 3):i]
    if any(w in reporting for w in after):
        add(Feature("SPK:after", 1.0, -1))
    if any(w in reporting for w in before):
        add(Feature("SPK:before", 1.0, -1))
    if i >= 2 and norms[i - 2] == "according" and norms[i - 1] == "to":
        add(Feature("SPK:according", 1.0, -1))
    if in_quotation(tokens, i):
        add(Feature("QUOTE:inside", 1.0, -1))
    elif any(t.text in QUOTES for t in tokens):
        add(Feature("QUOTE:outside", 1.0, -1))
    if tj < n and norms[tj] in ("'s", "'"):
        add(Feature("POSS", 1.0, -1))
    if i == 0 or (a == i and a > 0):
        add(Feature("POS:clause_start", 1.0, -1))
    if i == 0:
        add(Feature("POS:sentence_start", 1.0, -1))
    if j >= n - 1:
        add(Feature("POS:sentence_end", 1.0, -1))
    if tj - ti == 1 and norms[ti] in sets["pronouns"]:
        add(Feature("TGT:pronoun", 1.0, -1))
    if span is not None and any(norms[k] in COORD_WORDS for k in range(i, j)):
        add(Feature("COORD", 1.0, -1))
    return feats


def target_features(text: str, start: int, end: int, resources: dict,
                    groups: Iterable[str] = ("words", "lexicon", "roles", "names", "target", "coord"),
                    window: int = 6) -> list[Feature]:
    """Return the active features of target ``text[start:end]`` as ``Feature(name, value, token)``.

    ``token`` is the index in ``tokenize(text)`` of the word a feature came from (-1 for
    sentence-level features); ``groups`` picks feature groups: ``words`` (windows, bigrams,
    clause, masked sentence), ``lexicon`` (VADER/TextBlob hits), ``roles`` (agent/victim,
    passive, speaker, quotation, possessive, position), ``names`` (other actors), ``target``
    (the target's own words), ``coord`` (clause, verb roles and speaker tags are found around
    the target's full name and the names coordinated with it, see ``coordination_span``; those
    names no longer count as rival actors for the lexicon's nearer-than-other-names sums).
    """
    check_span(text, start, end)
    start, end = operator.index(start), operator.index(end)
    res = prepare_resources(resources)
    sets = res["_sets"]
    groups = set(groups)
    tokens = tokenize(text)
    i, j = target_token_range(tokens, start, end)
    norms, negated, polarities, compound = sentence_reading(text, res)
    span = coordination_span(tokens, i, j, sets["pronouns"]) if "coord" in groups else (i, j)
    a, b = clause_bounds(norms, span[0], span[1], sets["clause_breaks"])
    names = name_positions(tokens, i, j, sets["pronouns"])
    rivals = [k for k in names if not span[0] <= k < span[1]]
    feats = [Feature("BIAS", 1.0, -1)]
    if "words" in groups:
        feats += word_features(norms, negated, i, j, a, b, window)
    if "lexicon" in groups:
        feats += lexicon_features(norms, negated, i, j, a, b, rivals, (polarities, compound))
    if "roles" in groups:
        feats += role_features(tokens, norms, i, j, a, b, res, span if "coord" in groups else None)
    if "names" in groups:
        others = len({tokens[k].norm for k in names})
        feats.append(Feature(f"NAMES:{min(others, 3)}", 1.0, -1))
        near = [abs(k - i) for k in names if a <= k < b]
        feats.append(Feature("NAMES:in_clause", 1.0 if near else 0.0, -1))
    if "target" in groups:
        for k in range(i, j):
            feats.append(Feature("T:" + norms[k], 1.0, -1))
    return feats


# ---------------------------------------------------------------------------------------
# Model: load, score, explain
# ---------------------------------------------------------------------------------------
def load_model(path: str | Path | None = None) -> dict:
    """Return the model dict from JSON ``path`` (default ``data/targeted_sentiment.json``, cached).

    Keys: ``meta`` (training data, seed, hyper-parameters, dev scores), ``config`` (feature
    groups, window), ``labels``, ``intercept`` (3 floats), ``weights`` ({feature: [neg, neu,
    pos]}), optionally ``dense`` (``{"intercept", "weights"}`` of a second model over the dense
    features, probabilities averaged), ``vader``, ``textblob`` (lexicons) and ``lists`` (word lists).
    """
    if path is None:
        return _default_model()
    return _read_model(Path(path))


@lru_cache(maxsize=1)
def _default_model() -> dict:
    return _read_model(MODEL_PATH)


def _read_model(path: Path) -> dict:
    if not path.exists():
        raise FileNotFoundError(f"no targeted-sentiment model at {path}; "
                                "run scripts/train_targeted_sentiment.py")
    model = json.loads(path.read_text(encoding="utf-8"))
    missing = {"config", "labels", "intercept", "weights", "vader", "textblob", "lists"} - set(model)
    if missing:
        raise ValueError(f"{path} is not a targeted-sentiment model (missing {sorted(missing)})")
    prepare_resources(model)
    return model


def _softmax_scores(feats: list[Feature], intercept: list[float], weights: dict) -> list[float]:
    z = list(intercept)
    for f in feats:
        w = weights.get(f.name)
        if w is not None and f.value:
            z[0] += w[0] * f.value
            z[1] += w[1] * f.value
            z[2] += w[2] * f.value
    return _softmax(z)


def class_probabilities(feats: list[Feature], model: dict) -> list[float]:
    """Return probabilities ``[P(neg), P(neu), P(pos)]`` of a feature list.

    With a ``dense`` part in the model (a second logistic regression over the dense
    lexicon / role / name / target features only), the two models' softmax probabilities
    are averaged.  Both models' sums are taken in one pass over the features, each in the
    features' order (the same numbers as ``_softmax_scores`` per model).
    """
    dense = model.get("dense")
    if not dense:
        return _softmax_scores(feats, model["intercept"], model["weights"])
    joint = joint_weights(model)
    z0, z1, z2 = model["intercept"]
    y0, y1, y2 = dense["intercept"]
    for f in feats:
        pair = joint.get(f.name)
        if pair is None or not f.value:
            continue
        w, d = pair
        v = f.value
        if w is not None:
            z0 += w[0] * v
            z1 += w[1] * v
            z2 += w[2] * v
        if d is not None:
            y0 += d[0] * v
            y1 += d[1] * v
            y2 += d[2] * v
    return [(p + q) / 2.0 for p, q in zip(_softmax((z0, z1, z2)), _softmax((y0, y1, y2)))]


def _softmax(z) -> list[float]:
    top = max(z)
    e = [math.exp(v - top) for v in z]
    s = sum(e)
    return [v / s for v in e]


def centred_weights(model: dict) -> dict:
    """Feature name -> its weight per class minus the mean of its three weights (``w[c] -
    sum(w) / 3``), the push ``evidence_words`` credits a word with; made once per model."""
    if "_centred" not in model:
        model["_centred"] = {name: tuple(v - sum(w) / 3.0 for v in w) for name, w in model["weights"].items()}
    return model["_centred"]


def joint_weights(model: dict) -> dict:
    """Feature name -> ``(weights, dense weights)`` of ``model`` (None where a part lacks it);
    made once per model."""
    if "_joint" not in model:
        weights, dense = model["weights"], model.get("dense", {}).get("weights", {})
        model["_joint"] = {name: (weights.get(name), dense.get(name)) for name in {*weights, *dense}}
    return model["_joint"]


def evidence_words(feats: list[Feature], tokens: Sequence[Token], label: int, model: dict,
                   top: int = 3, threshold: float = 0.15) -> str:
    """Return up to ``top`` words (as in the text, ``"; "``-joined) that pushed toward ``label``.

    A word's push is the sum over its features of ``value × (w[label] − mean(w))``; lexicon
    hits count with their lexicon strength.  Words below ``threshold`` are left out, so a
    neutral prediction driven by nothing in particular has empty evidence.
    """
    centred = centred_weights(model)
    push: dict[int, float] = {}
    hits = []
    for f in feats:
        if f.token < 0:
            continue
        if f.name.startswith("LEXW:"):
            hits.append(f)
        w = centred.get(f.name)
        if w is None:
            continue
        value = f.value if f.value else 0.0
        if not value:
            continue
        push[f.token] = push.get(f.token, 0.0) + value * w[label]
    # Lexicon hits: credit the word with the lexicon group's weight (they carry no own weight).
    for f in hits:
        _, lex, sign = f.name.split(":")
        w = centred.get(f"LEX:{lex}:near:{sign}")
        if w is not None:
            v, p = lexicon_polarity(tokens[f.token].norm, model["vader"], model["textblob"])
            strength = abs(v if lex == "v" else p)
            push[f.token] = push.get(f.token, 0.0) + strength * w[label]
    ranked = sorted((k for k, v in push.items() if v > threshold), key=lambda k: (-push[k], k))
    seen, words = set(), []
    function_words = stop_words()
    for k in ranked:
        # function words ("in", "and") carry weight in the model but explain nothing to a reader
        if tokens[k].norm in seen or not tokens[k].text[:1].isalpha() or tokens[k].norm in function_words:
            continue
        seen.add(tokens[k].norm)
        words.append(tokens[k].text)
        if len(words) == top:
            break
    return "; ".join(words)


def target_sentiment(text: str, start: int, end: int, model: dict | None = None) -> TargetSentiment:
    """Return ``TargetSentiment(label, score, evidence)`` for target ``text[start:end]``.

    ``label`` is ``"negative"``, ``"neutral"`` or ``"positive"``; ``score`` = P(positive) −
    P(negative) in [-1, 1]; ``evidence`` = up to three words of ``text`` (``"; "``-joined) that
    pushed most toward the label, or ``""``.  Raises ValueError on empty, blank or
    out-of-range offsets.
    """
    model = model if model is not None else load_model()
    cfg = model["config"]
    feats = target_features(text, start, end, model, cfg["groups"], cfg["window"])
    probs = class_probabilities(feats, model)
    best = max(range(3), key=lambda c: (probs[c], c == 1))
    evidence = evidence_words(feats, tokenize(text), best, model)
    return TargetSentiment(LABELS[best], round(probs[2] - probs[0], 6), evidence)


def predict_targets(items: Iterable[tuple[str, int, int]], model: dict | None = None) -> pd.DataFrame:
    """Return a DataFrame with columns ``label, score, evidence``, one row per ``(text, start, end)``."""
    model = model if model is not None else load_model()
    rows = [target_sentiment(text, start, end, model) for text, start, end in items]
    return pd.DataFrame(rows, columns=["label", "score", "evidence"])
