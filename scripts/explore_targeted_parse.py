"""Would the parse help targeted sentiment?  Grouped cross-validation on NewsMTSC train.

Compares, by the training script's 5-fold cross-validation on NewsMTSC train grouped by source
article (``train_targeted_sentiment.grouped_cv``: a fold never holds sentences of an article
another fold trains on), the shipped model's feature set, window and C (``analysis.targeted``,
``data/targeted_sentiment.json``) with the same plus features read off the shipped parser's
analysis of each sentence (``data/pipeline``, on the token layer's words):

- the target's relation to its governor (subject, object, passive subject, ``obl``, possessor,
  apposition...), climbing conjunctions, compounds and flat names, so coordinated names share it;
- the governor's lemma with that relation ("subj of condemn"), and the governor's VADER and
  TextBlob polarity by relation, flipped under a negation attached to it;
- the lemmas of the target's modifiers (``amod``, ``appos``, ``acl``, ``nmod``, ``compound``);
- lexicon polarity summed over the words the tree attaches nearer to this target than to any
  other name ("own"), as near ("tie"), or nearer another ("other"), and weighted by tree distance.

Dev is not read.  Prints the cross-validated macro-F1 of each.  Measured (2026-12-04, window 10
and C 0.5): see the README's targeted-sentiment section.  With the earlier setting (window 6, C
0.2) it was 0.678 without and 0.687 with the parse features, a gain within the folds' spread;
not shipped (it would also make the corpus parse every sentence with a mention).

    python scripts/explore_targeted_parse.py
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_targeted_sentiment as tr  # noqa: E402
from analysis import targeted as ts  # noqa: E402

ROLE = {"nsubj": "subj", "csubj": "subj", "nsubj:pass": "psubj", "csubj:pass": "psubj", "obj": "obj",
        "iobj": "obj", "obl": "obl", "obl:agent": "agent", "nmod:poss": "poss", "nmod": "nmod",
        "appos": "appos", "root": "root", "xcomp": "xcomp", "ccomp": "ccomp"}
CLIMB = {"conj", "compound", "flat", "fixed", "appos"}
MODIFIERS = {"amod", "appos", "acl", "acl:relcl", "nmod", "compound"}
NEGATIONS = {"not", "n't", "never", "no"}


def parse_targets(texts: list[str]) -> dict[str, tuple]:
    """``{sentence: ((lemma, upos, head, deprel), ...)}``, one analysis per token of ``ts.tokenize``."""
    from analysis.tokens import analyse_word_lists

    return {x: tuple(analysed) for x, analysed in zip(texts, analyse_word_lists(map(ts.tokenize, texts)))}


def ancestors(analysis, k: int) -> list[int]:
    """``k`` and its heads up to the root."""
    out: list[int] = []
    while k >= 0 and k not in out:
        out.append(k)
        k = analysis[k][2]
    return out


def tree_distance(a: list[int], b: list[int]) -> int:
    """Edges between two tokens given their ``ancestors`` lists (99 when not connected)."""
    depth = {k: d for d, k in enumerate(b)}
    return next((d + depth[k] for d, k in enumerate(a) if k in depth), 99)


def negated(analysis, norms, k: int) -> bool:
    return any(head == k and norms[c] in NEGATIONS for c, (_, _, head, _) in enumerate(analysis))


def parse_features(norms, analysis, i: int, j: int, names: list[int], res: dict) -> list[ts.Feature]:
    """The parse features of target tokens ``[i, j)`` (see the module docstring)."""
    vader, textblob = res["vader"], res["textblob"]
    head = next((k for k in range(i, j) if not i <= analysis[k][2] < j), i)
    k, dep = head, analysis[head][3]
    for _ in range(4):
        if dep not in CLIMB or analysis[k][2] < 0:
            break
        k = analysis[k][2]
        dep = analysis[k][3]
    role = ROLE.get(dep, ROLE.get(dep.split(":")[0], "other"))
    feats = [ts.Feature("P:dep:" + role, 1.0, -1)]
    governor = analysis[k][2]
    if governor >= 0:
        lemma = analysis[governor][0].lower()
        feats.append(ts.Feature(f"P:gov:{role}:{lemma}", 1.0, governor))
        v, p = ts.lexicon_polarity(lemma, vader, textblob)
        if not v and not p:
            v, p = ts.lexicon_polarity(norms[governor], vader, textblob)
        sign = -1.0 if negated(analysis, norms, governor) else 1.0
        for lex, value in (("v", v * sign), ("t", p * sign)):
            if value:
                feats.append(ts.Feature(f"P:govlex:{role}:{lex}:{'pos' if value > 0 else 'neg'}", abs(value), governor))
    for c, (lemma, _, h, rel) in enumerate(analysis):
        if h == head and not i <= c < j and rel in MODIFIERS:
            feats.append(ts.Feature(f"P:mod:{rel}:{lemma.lower()}", 1.0, c))
    target_path = ancestors(analysis, head)
    rivals = [ancestors(analysis, m) for m in names if not i <= m < j]
    sums: dict[str, float] = {}
    for c, word in enumerate(norms):
        v, p = ts.lexicon_polarity(word, vader, textblob)
        if i <= c < j or (not v and not p):
            continue
        if negated(analysis, norms, c):
            v, p = -0.74 * v, -0.74 * p
        path = ancestors(analysis, c)
        own = tree_distance(path, target_path)
        other = min((tree_distance(path, r) for r in rivals), default=99)
        where = "own" if own < other else "tie" if own == other else "other"
        for lex, value in (("v", v), ("t", p)):
            if value:
                sign = "pos" if value > 0 else "neg"
                sums[f"P:lex:{where}:{lex}:{sign}"] = sums.get(f"P:lex:{where}:{lex}:{sign}", 0.0) + abs(value)
                sums[f"P:lexd:{lex}:{sign}"] = sums.get(f"P:lexd:{lex}:{sign}", 0.0) + abs(value) / (1.0 + own)
    return feats + [ts.Feature(name, math.tanh(total), -1) for name, total in sorted(sums.items())]


def featurize(rows, res, parses=None) -> list[dict[str, float]]:
    """Per-target ``{feature: value}``: the shipped features (``train_targeted_sentiment.featurize``),
    plus the parse's when ``parses``."""
    out = tr.featurize(rows, res, tr.GROUPS, ts.load_model()["config"]["window"])
    if parses is None:
        return out
    for d, (text, a, b, _) in zip(out, rows):
        tokens = ts.tokenize(text)
        i, j = ts.target_token_range(tokens, a, b)
        names = ts.name_positions(tokens, i, j, res["_sets"]["pronouns"])
        for f in parse_features([t.norm for t in tokens], parses[text], i, j, names, res):
            if f.value:
                d[f.name] = d.get(f.name, 0.0) + f.value
    return out


def main() -> None:
    rows = tr.load_data()["train"]
    res = ts.prepare_resources(ts.default_resources())
    y = np.array([r[3] for r in rows])
    folds = tr.article_folds(tr.source_articles(tr.NEWSMTSC / "train.jsonl"))
    C = ts.load_model()["meta"]["hyper_parameters"]["C"]
    parses = parse_targets(sorted({r[0] for r in rows}))
    for name, table in (("shipped features", None), ("+ parse features", parses)):
        f1 = tr.grouped_cv(featurize(rows, res, table), y, folds, [C])[C]
        print(f"{name:18s} grouped CV macro-F1 {f1:.4f}", flush=True)


if __name__ == "__main__":
    main()
