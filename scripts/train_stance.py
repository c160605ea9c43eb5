"""Train the author-stance model (``data/stance_model.json``) on BASIL's author-feeling labels.

    .venv/bin/python scripts/train_stance.py [--basil ../shared/data/basil/dev] [--out data/stance_model.json]

BASIL (``../shared/data/basil/README.md``) labels the author's feeling (neg / neu / pos) toward
each main entity of 180 dev articles, 60 events of three outlets each.  Every article is read as
the held-out check reads it (``"# " + title``, paragraphs of sentences joined by a space) and run
through the project's own pipeline at person level with unlisted actors; an annotated entity is
matched to the author's parties by the check's own rules (``../shared/tools/basil_score.py``).
For each matched (article, party) the features are ``analysis.stance.AUTHOR_FEATURES``: the
author's own mentions' sentiment, the other voices' reading of the party (their mentions'
sentiment shrunk toward 0 by ``others_prior`` pseudo-mentions) and the party's share
(``analysis.stance.author_features``): an actor the author never evaluates (named only as a
source or in quotations) stays neutral by rule and is not trained on.

The model is a logistic regression (scikit-learn) of against versus the rest on standardised
features, the against labels weighted w; favor is read by the same model with the sentiments'
signs turned (``analysis.stance.side_probabilities``: BASIL dev has 9 favor labels, too few to
learn from, and they do not follow the features).  The prior, C and w are chosen by 5-fold
cross-validation grouped by event (the three articles of an event always in one fold),
repeated with five seeded fold assignments; the figure reported is nested (the choice made again
inside each outer training part), scored as the check scores: macro-F1 over neg / neu / pos on every label, an
entity the pipeline does not report counting as wrong.  The final model is fitted on all of dev.
Deterministic: the same files give the same JSON byte for byte.
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import stance  # noqa: E402
from analysis.actors import load_dictionary  # noqa: E402
from analysis.article import load_article  # noqa: E402
from analysis.files import write_atomically  # noqa: E402
from analysis.report import scored_mentions_and_voices  # noqa: E402
from analysis.stance import (AUTHOR_FEATURES, actor_shares, author_features, others_reading,  # noqa: E402
                             other_voices, side_label, side_probabilities, stance_observations)

LABELS = {"neg": "against", "neu": "neutral", "pos": "favor"}
CLASSES = ("against", "neutral", "favor")
GRID_PRIOR = (0.0, 2.0, 5.0)  # pseudo-mentions of 0 behind the other voices' reading
GRID_C = (0.1, 1.0, 10.0, 100.0)
GRID_W = (1.5, 1.75, 2.0, 2.25, 2.5, 3.0)
FOLDS, REPEATS, SEED = 5, 5, 20190601


def basil_scorer(split: Path):
    """The held-out check's BASIL reader and matcher (``../shared/tools/basil_score.py``)."""
    tools = split.resolve().parents[2] / "tools"
    if not (tools / "basil_score.py").exists():
        sys.exit(f"{Path(sys.argv[0]).name}: {tools / 'basil_score.py'} not found (the check's BASIL scorer)")
    sys.path.insert(0, str(tools))
    import basil_score
    return basil_score


def read_article(folder: Path, uuid: str, text: str, dictionary):
    """``(article, mentions, voices)`` of one BASIL article's text as the check reads it: written
    to ``folder`` as ``uuid.md``, loaded, and its mentions scored (``scored_mentions_and_voices``
    with ``dictionary``)."""
    path = folder / f"{uuid}.md"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    return (article, *scored_mentions_and_voices(article, dictionary))


def annotated_parties(scorer, gold: dict, shares: dict, groups: dict):
    """``(feeling, party)`` for each entity of an article's ``gold`` labels that the check
    scores, ``party`` the first of ``shares``' parties it matches in the stance table's order of
    author rows (by the author's mentions, ``groups``, then name), or None."""
    for entity, feeling in sorted(gold.items()):
        want = scorer.actor_for(entity)
        if want is None:
            continue
        yield feeling, next((p for p in sorted(shares, key=lambda p: (-len(groups.get(p, [])), p))
                             if scorer.same_actor(want, p)), None)


def article_examples(split: Path, extra=None) -> list[dict]:
    """One dict per annotated actor label: ``event``, ``gold`` (one of ``CLASSES``),
    ``found`` (the author has a row for it), ``evaluated`` (the author's own words mention it)
    and ``features`` (when evaluated: ``{prior: AUTHOR_FEATURES}`` for each of ``GRID_PRIOR``).

    ``extra(article, mentions, observed)``, given the author's observations (``stance_observations``),
    returns a list of numbers for each; an evaluated example then has their mean over its
    party's observations as ``extra`` (for trying features, ``explore_stance_framing.py``)."""
    scorer = basil_scorer(split)
    dictionary = load_dictionary(None, "person", True)
    examples = []
    with tempfile.TemporaryDirectory(prefix="train-stance-") as folder:
        for uuid, text, gold in scorer.articles(split):
            article, mentions, voices = read_article(Path(folder), uuid, text, dictionary)
            table = mentions.reset_index(drop=True)
            everyone = stance_observations(article, table, voices)
            quoted = other_voices(everyone)
            observed = [r for r in everyone if r.voice == "author"]
            more = extra(article, table, observed) if extra else [None] * len(observed)
            groups: dict[str, list] = {}
            added: dict[str, list] = {}
            for r, values in zip(observed, more):
                groups.setdefault(r.party, []).append(r)
                added.setdefault(r.party, []).append(values)
            shares = actor_shares(mentions)  # its keys: the parties named other than as a place
            for feeling, party in annotated_parties(scorer, gold, shares, groups):
                example = {"event": uuid.rsplit("_", 1)[0], "gold": LABELS[feeling], "found": party is not None,
                           "evaluated": party in groups, "features": None}
                if party in groups:
                    group = groups[party]
                    sentiment = np.array([r.sentiment for r in group], dtype=float)
                    theirs = [r.sentiment for r in quoted.get(party, [])]
                    example["features"] = {prior: author_features(sentiment, others_reading(theirs, prior), shares[party])[0].tolist()
                                           for prior in GRID_PRIOR}
                    if extra:
                        example["extra"] = np.mean(added[party], axis=0).tolist()
                examples.append(example)
    return examples


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Macro-F1 over against / neutral / favor computed by the check's own ``basil_score.macro_f1``
    (a class never right scores 0); ``basil_scorer`` has put the scorer on the path."""
    import basil_score
    return basil_score.macro_f1(list(zip(gold, predicted)), labels=CLASSES)


def fit(X: np.ndarray, y: np.ndarray, c: float, w: float) -> dict:
    """The model dict ``analysis.stance.side_probabilities`` reads, fitted to features ``X`` and
    labels ``y`` (against versus the rest, against weighted ``w``)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=c, class_weight={True: w, False: 1.0}, max_iter=5000)
    model.fit(scaler.transform(X), y == "against")
    return {"mean": scaler.mean_, "scale": scaler.scale_, "low": X.min(axis=0), "high": X.max(axis=0),
            "coef": model.coef_[0], "intercept": float(model.intercept_[0])}


def predict(examples: list[dict], train: np.ndarray, test: np.ndarray, setting: tuple) -> dict[int, str]:
    """Labels for the ``test`` positions from a model fitted on the evaluated ``train`` ones with
    ``setting`` = (prior, C, w); an entity not found is "none", one the author never evaluates
    is neutral."""
    prior, c, w = setting
    fitted = [i for i in train if examples[i]["evaluated"]]
    model = fit(np.array([examples[i]["features"][prior] for i in fitted]), np.array([examples[i]["gold"] for i in fitted]), c, w)
    out = {}
    for i in test:
        if not examples[i]["found"]:
            out[i] = "none"
        elif not examples[i]["evaluated"]:
            out[i] = "neutral"
        else:
            against, favor = side_probabilities(np.array([examples[i]["features"][prior]]), model)
            out[i] = side_label(float(against[0]), float(favor[0]))
    return out


def event_folds(events: list[str], seed: int, k: int = FOLDS) -> np.ndarray:
    """A fold number per position: events shuffled by ``seed`` and dealt round the ``k`` folds."""
    names = sorted(set(events))
    order = np.random.default_rng(seed).permutation(len(names))
    fold_of = {names[j]: n % k for n, j in enumerate(order)}
    return np.array([fold_of[e] for e in events])


def cross_validate(examples: list[dict], positions: np.ndarray, folds: np.ndarray, setting: tuple) -> float:
    """Macro-F1 of grouped cross-validation over ``positions`` with the given fold numbers."""
    predicted = {}
    for fold in sorted(set(folds.tolist())):
        predicted.update(predict(examples, positions[folds != fold], positions[folds == fold], setting))
    return macro_f1([examples[i]["gold"] for i in positions], [predicted[i] for i in positions])


def choose(examples: list[dict], positions: np.ndarray, seeds) -> tuple[tuple, float]:
    """The (prior, C, w) of the grid with the best mean grouped-CV macro-F1 over ``seeds``, and
    that figure (ties: the larger prior, the smaller C, the smaller w)."""
    events = [examples[i]["event"] for i in positions]
    scored = {}
    for setting in itertools.product(GRID_PRIOR, GRID_C, GRID_W):
        scored[setting] = float(np.mean([cross_validate(examples, positions, event_folds(events, s), setting) for s in seeds]))
    best = max(scored, key=lambda key: (scored[key], key[0], -key[1], -key[2]))
    return best, scored[best]


def nested_score(examples: list[dict]) -> list[float]:
    """Nested grouped CV: per seeded outer split, (prior, C, w) chosen inside each outer training part."""
    everything = np.arange(len(examples))
    events = [e["event"] for e in examples]
    figures = []
    for repeat in range(REPEATS):
        outer = event_folds(events, SEED + repeat)
        predicted = {}
        for fold in range(FOLDS):
            train, test = everything[outer != fold], everything[outer == fold]
            setting, _ = choose(examples, train, [SEED + 100 + repeat])
            predicted.update(predict(examples, train, test, setting))
        figures.append(macro_f1([e["gold"] for e in examples], [predicted[i] for i in everything]))
    return figures


def nested_score_of(examples: list[dict], features_of, signed: int) -> list[float]:
    """``nested_score`` with other features, for trying them: each evaluated example's
    ``features_of(example)``, of which the first ``signed`` turn sign for P(favor), at one fixed
    feature setting (the grid's prior is then not searched).  The module settings are restored."""
    global GRID_PRIOR
    saved = GRID_PRIOR, stance.SIGNED_FEATURES
    for e in examples:
        if e["evaluated"]:
            e["features"] = {None: features_of(e)}
    GRID_PRIOR, stance.SIGNED_FEATURES = (None,), signed
    try:
        return nested_score(examples)
    finally:
        GRID_PRIOR, stance.SIGNED_FEATURES = saved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=ROOT.parent / "shared" / "data" / "basil" / "dev")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "stance_model.json")
    args = parser.parse_args(argv)
    examples = article_examples(args.basil)
    everything = np.arange(len(examples))
    (prior, c, w), cv = choose(examples, everything, [SEED + s for s in range(REPEATS)])
    nested = nested_score(examples)
    fitted = [e for e in examples if e["evaluated"]]
    model = fit(np.array([e["features"][prior] for e in fitted]), np.array([e["gold"] for e in fitted]), c, w)
    out = {
        "features": list(AUTHOR_FEATURES),
        "mean": [round(float(x), 6) for x in model["mean"]],
        "scale": [round(float(x), 6) for x in model["scale"]],
        "low": [round(float(x), 6) for x in model["low"]],
        "high": [round(float(x), 6) for x in model["high"]],
        "coef": [round(float(x), 6) for x in model["coef"]],
        "intercept": round(model["intercept"], 6),
        "others_prior": prior,
        "meta": {
            "trained_on": "BASIL dev (../shared/data/basil/dev): author feeling toward each annotated actor, "
                          "read and matched as ../shared/tools/score_stance_basil does",
            "labels": len(examples), "found": sum(e["found"] for e in examples), "fitted": len(fitted),
            "label_counts": {label: sum(e["gold"] == label for e in examples) for label in CLASSES},
            "others_prior": prior, "C": c, "against_weight": w,
            "grid": {"others_prior": list(GRID_PRIOR), "C": list(GRID_C), "against_weight": list(GRID_W)},
            "cv": f"{FOLDS}-fold by event, {REPEATS} seeded assignments from {SEED}",
            "cv_macro_f1": round(cv, 4),
            "nested_cv_macro_f1": [round(x, 4) for x in nested],
            "nested_cv_macro_f1_mean": round(float(np.mean(nested)), 4),
        },
    }
    text = json.dumps(out, indent=1) + "\n"
    write_atomically(args.out, text)
    print(f"{args.out}: others prior {prior}, C {c}, against weight {w}; grouped CV macro-F1 {cv:.3f}, nested {np.mean(nested):.3f} "
          f"({', '.join(f'{x:.3f}' for x in nested)}) on {len(examples)} labels ({len(fitted)} fitted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
