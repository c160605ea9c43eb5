"""Precision of the unlisted actors (``--include-unlisted``) on a hand-labelled sample.

    python benchmarks/unlisted_precision.py [--shared ../shared/data]

The sample: the names ``analysis.unlisted.unlisted_actors`` promotes in 30 PolNeAR train
articles and 30 FA-KES articles, drawn with a fixed seed.  ``benchmarks/unlisted_labels.csv``
labels each promoted name, by hand, ``actor`` (a person, group or organisation that acts or is
evaluated in the story), ``place``, ``thing`` or ``junk`` (a broken name).  Prints precision
(actor / labelled) overall and per corpus, and the promoted names with no label yet, which
need one before the figure means anything.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.actors import load_dictionary  # noqa: E402
from analysis.article import load_article  # noqa: E402
from analysis.unlisted import unlisted_actors  # noqa: E402

SEED = 7
PER_CORPUS = 30


def sample_articles(shared: Path, folder: Path) -> list[tuple[str, Path]]:
    """``(article id, path)`` of the sample: PolNeAR train files, then FA-KES rows as files."""
    random.seed(SEED)
    polnear = random.sample(sorted((shared / "polnear" / "train" / "text").iterdir()), PER_CORPUS)
    picked = [(p.name, p) for p in polnear]
    csv.field_size_limit(10**8)
    with open(shared / "corpora" / "fakes" / "fakes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    random.shuffle(rows)
    for row in rows[:PER_CORPUS]:
        path = folder / f"{row['unit_id']}.md"
        path.write_text(f"# {row['article_title']}\n\n{row['article_content']}\n", encoding="utf-8")
        picked.append((f"fakes-{row['unit_id']}", path))
    return picked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if not (args.shared / "polnear" / "train").is_dir() or not (args.shared / "corpora" / "fakes").is_dir():
        print(f"unlisted_precision: PolNeAR train or FA-KES not found under {args.shared}", file=sys.stderr)
        return 2
    with open(ROOT / "benchmarks" / "unlisted_labels.csv", encoding="utf-8", newline="") as f:
        labels = {(r["article"], r["name"]): r["label"] for r in csv.DictReader(f)}
    dictionary = load_dictionary()
    found, missing = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for article_id, path in sample_articles(args.shared, Path(tmp)):
            for name in unlisted_actors(load_article(path), dictionary)["name"]:
                label = labels.get((article_id, name))
                (found if label else missing).append((article_id, name, label))
    for corpus, rows in (("all", found), ("PolNeAR", [r for r in found if not r[0].startswith("fakes-")]),
                         ("FA-KES", [r for r in found if r[0].startswith("fakes-")])):
        counts = Counter(label for _, _, label in rows)
        share = counts["actor"] / len(rows) if rows else float("nan")
        print(f"{corpus:8s} promoted {len(rows):3d}  precision {share:.2f}  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for article_id, name, _ in missing:
        print(f"no label yet: {article_id}\t{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
