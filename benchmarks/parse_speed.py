"""Words per second of the project's spaCy pipeline on one core, beside VADER in the same run.

    python benchmarks/parse_speed.py [FILE.conllu] [--spacy-model NAME_OR_PATH]

Parses every sentence of FILE (default: UD English EWT dev from ../shared; else the reference
article's sentences) on its own tokens, with the whole pipeline (tok2vec, tagger,
morphologizer, parser, lemmatizer) and with tagger + parser alone (what the issue's speed
floor counts), and times VADER over the same sentences as the baseline a user would reach for.
Threads are limited to one before numpy loads, so the figures are one core's.
"""
from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_seconds  # noqa: E402

EWT_DEV = ROOT.parent / "shared" / "data" / "ud-english-ewt" / "dev.conllu"


def sentences_to_parse(path: Path | None) -> tuple[list[list[str]], list[list[bool]], str]:
    """Return the word lists and spaces of the benchmark's sentences, and where they come from."""
    from analysis.conllu import read_conllu

    if path is None and EWT_DEV.exists():
        path = EWT_DEV
    if path is not None:
        gold = read_conllu(path)
        return [[w.form for w in s.words] for s in gold], [s.spaces() for s in gold], str(path)
    from analysis.article import load_article
    from analysis.paths import DEFAULT_ARTICLE
    from analysis.tokens import STRAIGHT_QUOTES, sentence_spans, word_spans

    article = load_article(DEFAULT_ARTICLE)
    words = [[article.text[s + a:s + b].translate(STRAIGHT_QUOTES) for a, b in word_spans(article.text[s:e])]
             for _, s, e in sentence_spans(article)]
    return [w for w in words if w], [[True] * len(w) for w in words if w], str(DEFAULT_ARTICLE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--spacy-model")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.parse import load_pipeline, parse_word_lists

    words, spaces, source = sentences_to_parse(args.file)
    n_words = sum(map(len, words))
    texts = [" ".join(w) for w in words]
    nlp = load_pipeline(args.spacy_model)
    vader = SentimentIntensityAnalyzer()
    full = best_seconds(lambda: parse_word_lists(words, nlp, spaces), args.repeats)
    keep = {"tok2vec", "tagger", "parser"}
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep]):
        lean = best_seconds(lambda: parse_word_lists(words, nlp, spaces), args.repeats)
    baseline = best_seconds(lambda: [vader.polarity_scores(t) for t in texts], args.repeats)
    print(f"{len(words):,} sentences, {n_words:,} words from {source}; pipeline {args.spacy_model or 'data/pipeline'}")
    print(f"{'whole pipeline':<28}{n_words / full:>10,.0f} words/s   {baseline / full:.2f}x VADER")
    print(f"{'tagger + parser':<28}{n_words / lean:>10,.0f} words/s   {baseline / lean:.2f}x VADER")
    print(f"{'VADER per sentence':<28}{n_words / baseline:>10,.0f} words/s   1.00x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
