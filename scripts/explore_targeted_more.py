"""Two more tries for targeted sentiment, by grouped cross-validation on NewsMTSC train.

Both use the training script's folds (5, grouped by source article), features, window and C
(``train_targeted_sentiment``, the shipped setting: window 10, C 0.5); dev is not read.

- ``vectors``: the shipped parser's own token vectors (``data/pipeline``'s tok2vec layer, 128
  numbers per token, over the targeted model's tokens) as dense features: their mean over the
  target, over the four tokens before it and over the four after, scaled by their overall
  standard deviation.
- ``offsets``: per-class offsets added to the log-probabilities (negative and positive against
  neutral, -0.6 to 0.6 by 0.05), chosen on the out-of-fold probabilities of the other four folds
  to maximise macro-F1, applied to the fifth (nested; the positive class is the weakest).

Prints the cross-validated macro-F1 of each against the shipped features'.  Measured
(2026-12-04): see the README's targeted-sentiment section.

    python scripts/explore_targeted_more.py [vectors] [offsets]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_targeted_sentiment as tr  # noqa: E402
from analysis import targeted as ts  # noqa: E402

WINDOW, C, AROUND = 10, 0.5, 4
OFFSETS = np.round(np.arange(-0.6, 0.61, 0.05), 2)


def token_vectors(texts: list[str]) -> dict[str, np.ndarray]:
    """``{sentence: (tokens x 128) array}``: the shipped pipeline's tok2vec output per token of
    ``ts.tokenize``, each sentence its own Doc."""
    from analysis.parse import load_pipeline, one_blas_thread, sentence_doc

    nlp = load_pipeline(None)
    layer = nlp.get_pipe("tok2vec")
    out = {}
    with one_blas_thread():
        docs = [sentence_doc(nlp, [t.text for t in ts.tokenize(x)] or ["."]) for x in texts]
        for k in range(0, len(docs), 256):
            for text, vectors in zip(texts[k:k + 256], layer.predict(docs[k:k + 256])):
                out[text] = np.asarray(vectors)
    return out


def with_vectors(feats: list[dict], rows, vectors: dict, scale: float) -> list[dict]:
    """Copies of ``feats`` with the mean vectors of the target and of the tokens around it."""
    out = []
    for d, (text, a, b, _) in zip(feats, rows):
        i, j = ts.target_token_range(ts.tokenize(text), a, b)
        v = vectors[text] / scale
        d = dict(d)
        for part, span in (("t", v[i:j]), ("l", v[max(0, i - AROUND):i]), ("r", v[j:j + AROUND])):
            mean = span.mean(axis=0) if len(span) else np.zeros(v.shape[1])
            d.update({f"V{part}:{k}": float(x) for k, x in enumerate(mean)})
        out.append(d)
    return out


def out_of_fold(feats: list[dict], y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Each target's class probabilities from the model fitted on the other folds."""
    probabilities = np.zeros((len(y), 3))
    for fold in range(folds.max() + 1):
        train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        vocab = tr.vocabulary([feats[i] for i in train])
        X_train, X_test = tr.matrix([feats[i] for i in train], vocab), tr.matrix([feats[i] for i in test], vocab)
        probabilities[test] = tr.Averaged(X_train, y[train], C, tr.dense_columns(vocab)).predict_proba(X_test)
    return probabilities


def best_offsets(logp: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The (negative, 0, positive) offsets of the grid with the best macro-F1 on ``logp``."""
    scored = ((tr.scores(y, (logp + np.array([a, 0.0, b])).argmax(1))["macro_f1"], a, b) for a in OFFSETS for b in OFFSETS)
    _, a, b = max(scored)
    return np.array([a, 0.0, b])


def main(argv: list[str]) -> int:
    wanted = set(argv) or {"vectors", "offsets"}
    rows = tr.load_data()["train"]
    resources = ts.prepare_resources(ts.default_resources())
    y = np.array([r[3] for r in rows])
    folds = tr.article_folds(tr.source_articles(tr.NEWSMTSC / "train.jsonl"))
    feats = tr.featurize(rows, resources, tr.GROUPS, WINDOW)
    probabilities = out_of_fold(feats, y, folds)
    print(f"shipped features      grouped CV macro-F1 {tr.scores(y, probabilities.argmax(1))['macro_f1']:.4f}", flush=True)
    if "offsets" in wanted:
        logp, predicted = np.log(probabilities), np.zeros(len(y), dtype=int)
        for fold in range(folds.max() + 1):
            inside = folds != fold
            predicted[~inside] = (logp[~inside] + best_offsets(logp[inside], y[inside])).argmax(1)
        print(f"+ class offsets       grouped CV macro-F1 {tr.scores(y, predicted)['macro_f1']:.4f} (nested)", flush=True)
    if "vectors" in wanted:
        vectors = token_vectors(sorted({r[0] for r in rows}))
        scale = float(np.concatenate(list(vectors.values())).std())
        f1 = tr.grouped_cv(with_vectors(feats, rows, vectors, scale), y, folds, [C])[C]
        print(f"+ token vectors       grouped CV macro-F1 {f1:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
