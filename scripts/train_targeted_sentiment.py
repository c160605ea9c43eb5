"""Train the targeted-sentiment model on NewsMTSC and write ``data/targeted_sentiment.json``.

Reads ``../shared/data/newsmtsc/{train,dev}.jsonl`` (relative to the repository root).
The model averages the probabilities of two logistic regressions over the same features:
one over all of them (sparse words + dense), one over the dense lexicon / role / name /
target features only (``DENSE_C``), which leans less on word identities and helped
multi-target sentences in grouped 5-fold cross-validation on train.
Hyper-parameters (regularisation C, window) are chosen by 5-fold cross-validation on train
grouped by source article (``primary_gid``'s first three parts: a fold never scores a sentence
of an article another fold trained on; folds dealt from a seeded shuffle of the articles).  The
chosen setting, fitted on all of train, is written as JSON and scored once on the two dev parts
(mt = lines 1-216, rw = lines 217-536), so that ``python -m analysis evaluate dev.jsonl``
reproduces the dev scores stored in ``meta`` and quoted in the README; dev plays no part in the
choice.  Seeded and deterministic: two runs give identical bytes.

    python scripts/train_targeted_sentiment.py            # select, refit, write, report
    python scripts/train_targeted_sentiment.py --explore  # feature-group ablation, grouped CV on train
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import targeted as ts  # noqa: E402
from analysis.paths import DATA_DIR, PROJECT_DIR  # noqa: E402

NEWSMTSC = PROJECT_DIR.parent / "shared" / "data" / "newsmtsc"
OUT = DATA_DIR / "targeted_sentiment.json"
SEED = 1337
POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}
MT_LINES = 216  # dev.jsonl lines 1-216 are the multi-target dev part, the rest "real-world"
GROUPS = ["words", "lexicon", "roles", "names", "target", "coord"]
# Word features (window, sentence, clause, bigram); everything else is "dense".
WORD_PREFIXES = ("S:", "L:", "R:", "C:", "B:")
DENSE_C = 3.0
GRID = {"C": [0.1, 0.2, 0.5, 1.0, 2.0], "window": [6, 10, 14]}
FOLDS = 5
MIN_COUNT = 2
NEWSMTSC_COMMIT = "b9d9b79704ed1b35cecaf1d7c2343dc1bd734fb7"


def read_targets(path: Path, lines: slice = slice(None)) -> list[tuple[str, int, int, int]]:
    """Return ``(sentence, from, to, label 0/1/2)`` for every target in a NewsMTSC jsonl file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[lines]:
        rec = json.loads(line)
        for t in rec["targets"]:
            rows.append((rec["sentence_normalized"], t["from"], t["to"], POLARITY[t["polarity"]]))
    return rows


def load_data() -> dict[str, list]:
    """Return the ``train``, ``mt`` and ``rw`` target lists; exit clearly if the data are absent."""
    missing = [p for p in (NEWSMTSC / "train.jsonl", NEWSMTSC / "dev.jsonl") if not p.exists()]
    if missing:
        sys.exit(f"NewsMTSC data not found: {', '.join(map(str, missing))}\n"
                 f"Expected train.jsonl and dev.jsonl in {NEWSMTSC} (see its README.md).")
    return {"train": read_targets(NEWSMTSC / "train.jsonl"),
            "mt": read_targets(NEWSMTSC / "dev.jsonl", slice(0, MT_LINES)),
            "rw": read_targets(NEWSMTSC / "dev.jsonl", slice(MT_LINES, None))}


def featurize(rows, resources, groups, window, drop=()):
    """Return per-target ``{feature: value}`` dicts (zero values and ``drop`` prefixes removed)."""
    drop = tuple(drop)
    out = []
    for text, a, b, _ in rows:
        d: dict[str, float] = {}
        for f in ts.target_features(text, a, b, resources, groups, window):
            if f.value and not (drop and f.name.startswith(drop)):
                d[f.name] = d.get(f.name, 0.0) + f.value
        out.append(d)
    return out


def vocabulary(dicts, min_count=MIN_COUNT) -> dict[str, int]:
    """Return ``{feature: column}`` for features seen in at least ``min_count`` targets (sorted)."""
    counts = Counter(k for d in dicts for k in d)
    return {k: n for n, k in enumerate(sorted(k for k, c in counts.items() if c >= min_count))}


def matrix(dicts, vocab) -> sparse.csr_matrix:
    """Return the CSR feature matrix of ``dicts`` over ``vocab`` (unknown features ignored)."""
    rows, cols, vals = [], [], []
    for r, d in enumerate(dicts):
        for k, v in d.items():
            c = vocab.get(k)
            if c is not None:
                rows.append(r), cols.append(c), vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(dicts), len(vocab)))


def fit(X, y, C) -> LogisticRegression:
    """Return a seeded multinomial logistic regression with class-balanced weights."""
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced",
                              random_state=SEED).fit(X, y)


def dense_columns(vocab) -> np.ndarray:
    """Return the (sorted) columns of ``vocab`` that are not word features."""
    return np.array(sorted(c for k, c in vocab.items() if not k.startswith(WORD_PREFIXES)))


class Averaged:
    """The full model and the dense-only model, probabilities averaged (as at prediction)."""

    def __init__(self, X, y, C, dense, dense_C=DENSE_C):
        self.dense = dense
        self.full = fit(X, y, C)
        self.part = fit(X[:, dense], y, dense_C) if dense_C else None

    def predict_proba(self, X):
        p = self.full.predict_proba(X)
        return p if self.part is None else (p + self.part.predict_proba(X[:, self.dense])) / 2.0

    def predict(self, X):
        return self.predict_proba(X).argmax(1)


def scores(y, pred) -> dict[str, float]:
    """Return macro-F1, accuracy and per-class F1 (rounded to 4 places)."""
    per = f1_score(y, pred, labels=[0, 1, 2], average=None, zero_division=0)
    return {"macro_f1": round(float(np.mean(per)), 4), "accuracy": round(float(accuracy_score(y, pred)), 4),
            **{f"f1_{ts.LABELS[c]}": round(float(per[c]), 4) for c in range(3)}}


def source_articles(path: Path) -> list[str]:
    """The source article of every target of a NewsMTSC jsonl file, in ``read_targets``' order:
    the first three parts of the sentence's ``primary_gid`` ("allsides_1018_408")."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out += ["_".join(rec["primary_gid"].split("_")[:3])] * len(rec["targets"])
    return out


def article_folds(articles: list[str], seed: int = SEED, k: int = FOLDS) -> np.ndarray:
    """A fold number per target: the articles shuffled by ``seed`` and dealt round ``k`` folds."""
    names = sorted(set(articles))
    order = np.random.default_rng(seed).permutation(len(names))
    fold_of = {names[j]: n % k for n, j in enumerate(order)}
    return np.array([fold_of[a] for a in articles])


def grouped_cv(feats: list[dict], y: np.ndarray, folds: np.ndarray, Cs, dense_C=DENSE_C) -> dict[float, float]:
    """``{C: macro-F1}`` of grouped cross-validation on ``feats``: per fold, the vocabulary and
    both regressions are fitted on the other folds only (``dense_C`` 0: the full one alone)."""
    predicted = {C: np.zeros(len(y), dtype=int) for C in Cs}
    for fold in range(folds.max() + 1):
        train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        vocab = vocabulary([feats[i] for i in train])
        X_train, X_test = matrix([feats[i] for i in train], vocab), matrix([feats[i] for i in test], vocab)
        for C in Cs:
            predicted[C][test] = Averaged(X_train, y[train], C, dense_columns(vocab), dense_C).predict(X_test)
    return {C: scores(y, pred)["macro_f1"] for C, pred in predicted.items()}


def explore(data, resources):
    """Print the grouped cross-validated macro-F1 on train as feature groups are added one at a time."""
    steps = [
        ("baseline: window words", ["words"], ("S:", "C:", "B:")),
        ("+ bigrams", ["words"], ("S:", "C:")),
        ("+ clause words", ["words"], ("S:",)),
        ("+ masked sentence", ["words"], ()),
        ("+ lexicon", ["words", "lexicon"], ()),
        ("+ roles", ["words", "lexicon", "roles"], ()),
        ("+ names", ["words", "lexicon", "roles", "names"], ()),
        ("+ target words", ["words", "lexicon", "roles", "names", "target"], ()),
        ("+ coordination", GROUPS, ()),
    ]
    y = np.array([r[3] for r in data["train"]])
    folds = article_folds(source_articles(NEWSMTSC / "train.jsonl"))
    print(f"{'step':28s} {'C':>5s} {'CV':>6s}")
    for name, groups, drop in steps + [("+ averaged dense-only LR", GROUPS, ())]:
        feats = featurize(data["train"], resources, groups, 6, drop)
        dense_C = DENSE_C if name.startswith("+ averaged") else 0
        for C, f1 in grouped_cv(feats, y, folds, [0.1], dense_C).items():
            print(f"{name:28s} {C:5.2f} {f1:6.3f}", flush=True)


def vader_baseline(rows) -> list[int]:
    """Return labels from sentence-level VADER compound with thresholds ±0.05."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    out = []
    for text, *_ in rows:
        c = sia.polarity_scores(text)["compound"]
        out.append(0 if c <= -0.05 else 2 if c >= 0.05 else 1)
    return out


def speed(rows, model) -> tuple[float, float, float]:
    """Return targets/s of ``target_sentiment`` (cold per target; tokens shared within a
    sentence), and of VADER ``polarity_scores`` on each target's sentence."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    for text, *_ in rows:
        sia.polarity_scores(text)
    t_vader = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, a, b, _ in rows:
        ts.tokenize.cache_clear()
        ts.target_sentiment(text, a, b, model)
    t_cold = time.perf_counter() - t0
    ts.tokenize.cache_clear()
    t0 = time.perf_counter()
    for text, a, b, _ in rows:
        ts.target_sentiment(text, a, b, model)
    t_shared = time.perf_counter() - t0
    return len(rows) / t_cold, len(rows) / t_shared, len(rows) / t_vader


def linear_json(lr, vocab) -> dict:
    """Return ``{"intercept", "weights"}`` of one LR: weights rounded to 5 places, zero rows dropped."""
    coef = np.round(lr.coef_, 5)
    weights = {k: [float(v) for v in coef[:, c]] for k, c in vocab.items() if np.any(coef[:, c])}
    return {"intercept": [round(float(v), 5) for v in lr.intercept_], "weights": weights}


def model_json(clf, vocab, resources, groups, window, meta) -> dict:
    """Return the JSON-ready model (the full LR's weights, and the dense LR's as ``dense``)."""
    full = linear_json(clf.full, vocab)
    names = sorted(vocab, key=vocab.get)
    dense = linear_json(clf.part, {names[c]: n for n, c in enumerate(clf.dense)}) if clf.part else None
    model = {"meta": meta, "config": {"groups": groups, "window": window},
             "labels": list(ts.LABELS), "intercept": full["intercept"],
             "weights": full["weights"], "vader": resources["vader"], "textblob": resources["textblob"],
             "lists": resources["lists"]}
    if dense:
        model["dense"] = dense
    return model


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--explore", action="store_true", help="print the feature-group ablation (grouped CV on train) only")
    args = parser.parse_args(argv)
    random.seed(SEED)
    np.random.seed(SEED)
    data = load_data()
    resources = ts.default_resources()
    print(f"targets: train {len(data['train'])}, dev-mt {len(data['mt'])}, dev-rw {len(data['rw'])}")
    if args.explore:
        explore(data, resources)
        return

    # 1. The grid by grouped cross-validation on train; dev is not read.
    y_train = np.array([r[3] for r in data["train"]])
    folds = article_folds(source_articles(NEWSMTSC / "train.jsonl"))
    grid, train_feats = [], {}
    for window in GRID["window"]:
        feats = train_feats[window] = featurize(data["train"], resources, GROUPS, window)
        for C, f1 in grouped_cv(feats, y_train, folds, GRID["C"]).items():
            grid.append({"window": window, "C": C, "cv_macro_f1": f1})
            print(f"window {window:<2} C {C:<4} grouped CV on train macro-F1 {f1:.4f}", flush=True)
    best = max(grid, key=lambda g: (g["cv_macro_f1"], -g["C"], -g["window"]))
    print(f"selected window {best['window']}, C {best['C']}")

    # 2. Fit the selected setting on all of train, and score it on dev once.  Refitting on
    #    train + dev would add 9% more data but leave no held-out figures a user can reproduce.
    feats = train_feats[best["window"]]
    vocab = vocabulary(feats)
    clf = Averaged(matrix(feats, vocab), y_train, best["C"], dense_columns(vocab))
    dev_scores = {part: scores(np.array([r[3] for r in data[part]]),
                               clf.predict(matrix(featurize(data[part], resources, GROUPS, best["window"]), vocab)))
                  for part in ("mt", "rw")}
    meta = {
        "task": "targeted sentiment (NewsMTSC convention): negative / neutral / positive toward a span",
        "training_data": "NewsMTSC train.jsonl (8739 targets); dev.jsonl (mt 442 + rw 343 targets) scored once, not used",
        "newsmtsc_commit": NEWSMTSC_COMMIT,
        "seed": SEED,
        "model": "mean of the probabilities of two multinomial LogisticRegressions (lbfgs, "
                 "class_weight=balanced), scikit-learn: one over all features (C), one over the "
                 "dense (non-word) features only (dense_C)",
        "hyper_parameters": {"C": best["C"], "window": best["window"], "min_count": MIN_COUNT,
                             "groups": GROUPS, "dense_C": DENSE_C,
                             "word_feature_prefixes": list(WORD_PREFIXES)},
        "selection": f"grid over C x window by {FOLDS}-fold cross-validation on train grouped by source article "
                     f"(primary_gid's first three parts), folds seeded {SEED}; macro-F1",
        "grid": grid,
        "dev_scores": dev_scores,
        "n_features": len(vocab),
    }
    model = model_json(clf, vocab, resources, GROUPS, best["window"], meta)
    OUT.write_text(json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(model['weights'])} weighted features, "
          f"{len(model.get('dense', {}).get('weights', {}))} in the dense model)")

    # 3. Final table: the selected train-only fit vs the sentence-VADER baseline on dev.
    print(f"\n{'model':28s} {'part':5s} {'macroF1':>8s} {'acc':>6s} {'F1neg':>6s} {'F1neu':>6s} {'F1pos':>6s}")
    for part in ("mt", "rw"):
        y = [r[3] for r in data[part]]
        for name, s in (("targeted LR avg (train only)", dev_scores[part]),
                        ("sentence VADER ±0.05", scores(y, vader_baseline(data[part])))):
            print(f"{name:28s} {part:5s} {s['macro_f1']:8.4f} {s['accuracy']:6.4f} {s['f1_negative']:6.4f} "
                  f"{s['f1_neutral']:6.4f} {s['f1_positive']:6.4f}")
    loaded = ts.load_model(OUT)
    cold, shared, vader = speed(data["mt"] + data["rw"], loaded)
    print(f"\nspeed on dev ({len(data['mt']) + len(data['rw'])} targets): VADER polarity_scores "
          f"{vader:.0f} targets/s; target_sentiment {cold:.0f} targets/s cold "
          f"(ratio {cold / vader:.2f}), {shared:.0f} targets/s with tokens shared per sentence "
          f"(ratio {shared / vader:.2f})")


if __name__ == "__main__":
    main()
