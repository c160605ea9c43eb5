"""Would framing words read off the parse help the author's stance?  Nested grouped CV on BASIL dev.

Issue 16 proposed reading the author's stance from evaluative words whose syntactic target is the
actor.  This script adds, to the shipped model's three features (``analysis.stance.AUTHOR_FEATURES``),
features of the words the shipped parser attaches to each of the author's mentions of the actor,
scored with VADER's lexicon (valence / 4, as ``analysis.targeted`` reads it), averaged over the
author's mentions of the actor:

- ``modifier``: the mention's adjectives, appositions, compounds, relative clauses and ``nmod``s
  (and an apposition's own modifiers: "X, a *ruthless* dictator");
- ``predicate``: the word the mention is the subject of ("X *was foolhardy*", "X *slammed* ..."),
  with its object, complement and adverb, turned (× -0.74) under a negation;
- ``patient``: the same for the verb the mention is the object or oblique of ("*praised* X").

Each is tried alone and together, signed like the sentiment (so P(favor) mirrors them too), with
the training script's own grid, grouped folds and nested scoring (``train_stance``).  Dev only;
prints each variant's nested macro-F1 (mean and range over the five seeded outer splits) and the
mean of each feature per gold label.  Measured (2026-12-04): see the README's stance section.

    python scripts/explore_stance_framing.py [--basil ../shared/data/basil/dev]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_stance as ts  # noqa: E402
from analysis import stance  # noqa: E402
from analysis.targeted import load_model  # noqa: E402
from analysis.tokens import tokens  # noqa: E402

FRAMING = ("modifier", "predicate", "patient")
MODIFIERS = {"amod", "appos", "compound", "acl", "nmod"}
APPOSITION_PARTS = {"amod", "compound", "nmod", "obj", "xcomp"}
PREDICATE_PARTS = {"xcomp", "obj", "advmod", "ccomp"}
SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}
PATIENTS = {"obj", "iobj", "obl"}
NEGATIONS = {"not", "n't", "never"}


def base(dep: str) -> str:
    return dep.split(":")[0]


def article_parse(article) -> dict:
    """The article's tokens as lists (``start``, ``end``, ``lower``, ``dep``, ``head`` as a
    position in the lists, -1 for a root) and each token's dependents (``kids``)."""
    table = tokens(article)
    parse = {c: table[c].tolist() for c in ("start", "end", "lower", "dep")}
    first = int(table["token_id"].iloc[0]) if len(table) else 0
    parse["head"] = [h - first if h >= 0 else -1 for h in table["head"].tolist()]
    kids: dict[int, list[int]] = {}
    for k, h in enumerate(parse["head"]):
        if h >= 0:
            kids.setdefault(h, []).append(k)
    parse["kids"] = kids
    return parse


def framing_features(parse: dict, start: int, end: int, valence: dict) -> list[float]:
    """``FRAMING`` of the mention at raw offsets ``[start, end)``."""
    def polarity(k: int) -> float:
        return valence.get(parse["lower"][k], 0.0) / 4.0

    inside = {k for k, (a, b) in enumerate(zip(parse["start"], parse["end"])) if a < end and b > start}
    kids, dep = parse["kids"], parse["dep"]
    modifier = 0.0
    for k in inside:
        for c in kids.get(k, []):
            if c in inside or base(dep[c]) not in MODIFIERS:
                continue
            modifier += polarity(c)
            if base(dep[c]) in ("appos", "acl"):
                modifier += sum(polarity(g) for g in kids.get(c, []) if base(dep[g]) in APPOSITION_PARTS)
    predicate = patient = 0.0
    heads = sorted(k for k in inside if parse["head"][k] not in inside)
    if heads and parse["head"][heads[0]] >= 0:
        h, g = heads[0], parse["head"][heads[0]]
        value = polarity(g) + sum(polarity(c) for c in kids.get(g, []) if base(dep[c]) in PREDICATE_PARTS and c not in inside)
        if any(parse["lower"][c] in NEGATIONS for c in kids.get(g, [])):
            value *= -0.74
        if dep[h] in SUBJECTS:
            predicate = value
        elif base(dep[h]) in PATIENTS:
            patient = value
    return [modifier, predicate, patient]


def framing_of(valence: dict):
    """``train_stance.article_examples``' ``extra``: per author observation, its ``FRAMING``."""
    def extra(article, mentions, observed) -> list[list[float]]:
        parse = article_parse(article)
        starts, ends = mentions["start"].tolist(), mentions["end"].tolist()
        return [framing_features(parse, starts[r.Index], ends[r.Index], valence) for r in observed]
    return extra


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=ROOT.parent / "shared" / "data" / "basil" / "dev")
    args = parser.parse_args(argv)
    examples = ts.article_examples(args.basil, extra=framing_of(load_model()["vader"]))
    fitted = [e for e in examples if e["evaluated"]]
    for j, name in enumerate(FRAMING):
        values = np.array([e["extra"][j] for e in fitted])
        means = "  ".join(f"{label} {values[[e['gold'] == label for e in fitted]].mean():+.3f}" for label in ts.CLASSES)
        print(f"{name:10s} non-zero for {np.mean(values != 0):.0%} of actors; mean {means}")
    prior = stance.author_model()["others_prior"]  # the shipped model's: the framing is tried beside it
    shipped = [list(e["features"][prior]) if e["evaluated"] else None for e in examples]
    variants = [("shipped (sentiment, others, share)", [])] + [(f"+ {name}", [j]) for j, name in enumerate(FRAMING)]
    variants.append(("+ all three", [0, 1, 2]))
    own = {id(e): features for e, features in zip(examples, shipped)}
    for label, picks in variants:
        # the signed features first: the two sentiments, then the framing
        nested = ts.nested_score_of(examples, lambda e: [*own[id(e)][:2], *[e["extra"][j] for j in picks], *own[id(e)][2:]],
                                    2 + len(picks))
        print(f"{label:28s} nested macro-F1 {np.mean(nested):.3f} ({min(nested):.3f}-{max(nested):.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
