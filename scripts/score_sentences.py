"""Score the project's sentence splitter (Punkt with data/abbreviations.txt) on UD English EWT dev.

    python scripts/score_sentences.py [--treebank ../shared/data/ud-english-ewt]

Each EWT document is written as a plain-text article (paragraphs as blank-line separated
blocks, sentences joined by a space) and split by ``analysis.tokens.sentence_spans``; a
predicted sentence counts when both its ends match a gold sentence's.  spaCy's rule-based
``sentencizer`` is scored on the same text as a baseline.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def documents(path: Path) -> list[tuple[str, set[tuple[int, int]]]]:
    """Return each document's text and its gold sentence spans."""
    docs, text, spans, paragraph_open = [], "", set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") and text:
            docs.append((text, spans))
            text, spans = "", set()
        elif line.startswith("# newpar") and text:
            text += "\n\n"
        elif line.startswith("# text = "):
            sentence = line[len("# text = "):].strip()
            if text and not text.endswith("\n"):
                text += " "
            spans.add((len(text), len(text) + len(sentence)))
            text += sentence
    if text:
        docs.append((text, spans))
    return docs


def f1(gold: int, predicted: int, right: int) -> tuple[float, float, float]:
    p, r = right / max(predicted, 1), right / max(gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", type=Path, default=ROOT.parent / "shared" / "data" / "ud-english-ewt")
    args = parser.parse_args()
    import spacy

    from analysis.article import load_article
    from analysis.tokens import sentence_spans

    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    totals = {"punkt": [0, 0, 0], "sentencizer": [0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for k, (text, gold) in enumerate(documents(args.treebank / "dev.conllu")):
            path = Path(tmp) / f"doc{k}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            article = load_article(path)
            punkt = {article.raw_span(s, e) for _, s, e in sentence_spans(article)}
            rule = {(s.start_char, s.end_char) for s in sentencizer(text).sents}
            for name, found in (("punkt", punkt), ("sentencizer", rule)):
                totals[name][0] += len(gold)
                totals[name][1] += len(found)
                totals[name][2] += len(found & gold)
    for name, (g, p, r) in totals.items():
        precision, recall, score = f1(g, p, r)
        print(f"{name:<12} sentences {g:,} gold, {p:,} found: precision {precision:.3f} recall {recall:.3f} F1 {score:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
