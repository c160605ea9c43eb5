"""Do the voices an author gives room to help the author's stance?  Nested grouped CV on BASIL dev.

Issue 16 proposed reading the author's stance also from "which voices the author gives room to
and what they say about it".  This script reads every BASIL dev article as the training script
does (``train_stance.read_article``) and, for each annotated actor the author evaluates, tries
beside the author's mean sentiment and the actor's share (the two-feature model before):

- ``others``: the mean targeted sentiment of the actor's mentions in other voices' sentences (a
  voice speaking for the actor itself left out), plain or shrunk toward 0 by 2 or 5
  pseudo-mentions (``analysis.stance.others_reading``); 0 with no such mention;
- ``opposed``, ``unaffiliated``: the same (2 pseudo-mentions) over the voices that speak for
  another party, and over those that speak for none;
- ``others_value``: the same over the other voices' stance values (sentiment plus cue words);
- ``own_voices``: the same over the voices that speak for the actor itself;
- ``others_share``: the share of the actor's mentions that are in other voices' sentences;
- ``own_room``: the share of the article's sentences spoken by the actor's own voices;
- ``quoted``: the share of the article's sentences with a voice other than the author;
- ``lowest``, ``negative``: the author's most negative mention, the share below -0.3;
- ``mentions``: the log of the number of the author's mentions;
- ``lead``, ``opening``: the author's mentions in the title and the first three sentences (2
  pseudo-mentions), in the title and the first sentence (1), beside ``others_2``.

The sentiments (``others``, ``lowest``, ``negative``) are signed like the author's, so P(favor)
mirrors them too.  Each variant is scored by the training script's nested grouped CV (its grid
of C and class weight, ``train_stance.nested_score``) over ``--repeats`` seeded outer splits from
``--seed`` (by default the training script's five).  Dev only.  Measured (2026-12-04): see the
README's stance section.

    python scripts/explore_stance_voices.py [--basil ../shared/data/basil/dev] [--repeats 5] [--seed 20190601]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_stance as ts  # noqa: E402
from analysis import stance  # noqa: E402
from analysis.actors import load_dictionary  # noqa: E402

SIGNED = ("lead", "opening", "others", "others_2", "others_5", "opposed", "unaffiliated", "others_value", "own_voices", "lowest", "negative")
VARIANTS = [
    ("author's sentiment + share", []),
    ("+ others (plain mean)", ["others"]),
    ("+ others, 2 pseudo-mentions", ["others_2"]),
    ("+ others, 5 pseudo-mentions", ["others_5"]),
    ("+ opposed + unaffiliated", ["opposed", "unaffiliated"]),
    ("+ opposed", ["opposed"]),
    ("+ unaffiliated", ["unaffiliated"]),
    ("+ others_value", ["others_value"]),
    ("+ others, 2 + own_voices", ["others_2", "own_voices"]),
    ("+ others + others_share", ["others", "others_share"]),
    ("+ others + own_room", ["others", "own_room"]),
    ("+ own_room", ["own_room"]),
    ("+ quoted", ["quoted"]),
    ("+ lowest", ["lowest"]),
    ("+ negative", ["negative"]),
    ("+ mentions", ["mentions"]),
    ("+ others, 2 + lead", ["others_2", "lead"]),
    ("+ others, 2 + opening", ["others_2", "opening"]),
]


def reading(observed: list, keep, party: str, field: str = "sentiment", prior: float = 2.0) -> float:
    """``others_reading`` (``prior`` pseudo-mentions) of ``field`` over the observations of
    ``party`` that ``keep`` accepts."""
    return stance.others_reading([getattr(r, field) for r in observed if r.party == party and keep(r)], prior)


def voice_examples(split: Path) -> list[dict]:
    """``train_stance.article_examples``' examples, each evaluated one with ``values``: the
    author's mean sentiment, the share, and every candidate feature above by name."""
    scorer = ts.basil_scorer(split)
    dictionary = load_dictionary(None, "person", True)
    examples = []
    with tempfile.TemporaryDirectory(prefix="explore-stance-") as folder:
        for uuid, text, gold in scorer.articles(split):
            article, mentions, voices = ts.read_article(Path(folder), uuid, text, dictionary)
            observed = stance.stance_observations(article, mentions.reset_index(drop=True), voices)
            quoted = {party: [r.sentiment for r in rows] for party, rows in stance.other_voices(observed).items()}
            sourced = [r for r in observed if r.voice not in (None, "author")]
            own = {r.party: [] for r in observed}
            for r in observed:
                if r.voice == "author":
                    own[r.party].append(r.sentiment)
            counts = Counter(r.party for r in observed)
            speakers = voices["voice_party"].tolist()
            sentences = max(1, len(voices))
            quoted_share = float((voices["voice"] != "author").mean()) if len(voices) else 0.0
            shares = stance.actor_shares(mentions)
            for feeling, party in ts.annotated_parties(scorer, gold, shares, own):
                example = {"event": uuid.rsplit("_", 1)[0], "gold": ts.LABELS[feeling], "found": party is not None,
                           "evaluated": bool(own.get(party)), "features": None}
                if example["evaluated"]:
                    mine, theirs = np.array(own[party]), quoted.get(party, [])
                    example["values"] = {
                        "sentiment": float(mine.mean()), "share": shares[party],
                        "others": float(np.mean(theirs)) if theirs else 0.0,
                        "others_2": stance.others_reading(theirs, 2.0), "others_5": stance.others_reading(theirs, 5.0),
                        "opposed": reading(sourced, lambda r: r.voice_party and r.voice_party != party, party),
                        "unaffiliated": reading(sourced, lambda r: not r.voice_party, party),
                        "others_value": reading(sourced, lambda r: r.voice_party != party, party, "value"),
                        "own_voices": reading(sourced, lambda r: r.voice_party == party, party),
                        "others_share": len(theirs) / counts[party],
                        "own_room": sum(p == party for p in speakers) / sentences, "quoted": quoted_share,
                        "lowest": float(mine.min()), "negative": float((mine < -0.3).mean()),
                        "mentions": float(np.log1p(len(mine))),
                        "lead": reading(observed, lambda r: r.voice == "author" and r.sentence_id <= 3, party),
                        "opening": reading(observed, lambda r: r.voice == "author" and r.sentence_id <= 1, party, prior=1.0),
                    }
                examples.append(example)
    return examples


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=Path, default=ROOT.parent / "shared" / "data" / "basil" / "dev")
    parser.add_argument("--repeats", type=int, default=ts.REPEATS)
    parser.add_argument("--seed", type=int, default=ts.SEED)
    args = parser.parse_args(argv)
    examples = voice_examples(args.basil)
    ts.REPEATS, ts.SEED = args.repeats, args.seed
    for label, names in VARIANTS:
        signed = [n for n in names if n in SIGNED]
        rest = [n for n in names if n not in SIGNED]
        nested = ts.nested_score_of(examples, lambda e: [e["values"][n] for n in ("sentiment", *signed, "share", *rest)],
                                    1 + len(signed))
        print(f"{label:30s} nested macro-F1 {np.mean(nested):.4f} ({', '.join(f'{x:.3f}' for x in nested)})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
