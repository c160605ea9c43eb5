"""Targets per second of the targeted-sentiment model against VADER alone, in one run.

    .venv/bin/python benchmarks/sentiment_speed.py [FILE.jsonl]

On NewsMTSC dev (``../shared/data/newsmtsc/dev.jsonl``; a synthetic set of sentences when it
is absent) it times VADER's ``polarity_scores`` on each target's sentence — the floor a user
would reach for — and ``predict_targets`` on every target, and prints their ratio (the issue
asks for at least 0.2).  Best of several runs in this one process, so the ratio holds on a
busy machine where absolute times do not.
"""
from __future__ import annotations

import sys

from analysis.evaluation import read_newsmtsc
from analysis.paths import PROJECT_DIR
from analysis.sentiment import vader
from analysis.targeted import load_model, predict_targets, tokenize
from timing import best_seconds

DEV = PROJECT_DIR.parent / "shared" / "data" / "newsmtsc" / "dev.jsonl"
REPEATS = 5


def synthetic_targets(n: int = 500) -> list[tuple[str, int, int]]:
    """Reference-like sentences with one target each, for machines without NewsMTSC."""
    sentences = [
        "Russia complained about Israel's aggressive action and demanded that such attacks stop.",
        "Hezbollah pledged crushing revenge for the deaths of its senior commanders.",
        "The Iranian defence minister signed a cooperation agreement in Tehran on Tuesday.",
        "Israel's air force demonstrated the canny effectiveness of swarming attacks.",
    ]
    targets = []
    for k in range(n):
        text = sentences[k % len(sentences)]
        word = text.split()[0].rstrip("'s")
        targets.append((text, 0, len(word)))
    return targets


def main(argv: list[str]) -> None:
    path = argv[0] if argv else (DEV if DEV.exists() else None)
    if path:
        data = read_newsmtsc(path)
        items = list(zip(data["text"], data["start"], data["end"]))
        source = str(path)
    else:
        items, source = synthetic_targets(), "synthetic sentences (NewsMTSC dev is absent)"
    load_model()  # load once, outside the timing
    analyser = vader()
    vader_rate = len(items) / best_seconds(lambda: [analyser.polarity_scores(text) for text, _, _ in items], REPEATS)
    # a cold start each run: the tokens cache shared by targets of one sentence is emptied
    model_rate = len(items) / best_seconds(lambda: predict_targets(items), REPEATS, before=tokenize.cache_clear)
    print(f"targets: {len(items)} from {source}")
    print(f"VADER alone (sentence of each target): {vader_rate:8.0f} targets/s")
    print(f"targeted model (predict_targets):      {model_rate:8.0f} targets/s")
    print(f"ratio model / VADER: {model_rate / vader_rate:.2f} (required: at least 0.2)")


if __name__ == "__main__":
    main(sys.argv[1:])
