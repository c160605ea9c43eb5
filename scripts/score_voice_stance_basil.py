"""How well a source's stance is read from its own words, on BASIL's quotations.

    .venv/bin/python scripts/score_voice_stance_basil.py [../shared/data/basil/dev]

BASIL marks each biased phrase inside a quotation with its speaker, its target and its polarity
(``../shared/data/basil/README.md``).  For every such phrase whose speaker is named (not
``other_anti`` / ``other_pro`` / ``other_neutral``) and whose speaker and target are actors by the
check's rules (``../shared/tools/basil_score.py``: ``actor_for``, ``same_actor``), this reads the
article as the check does (person level, unlisted actors) and asks:

1. **voice**: is the sentence holding the phrase given to that speaker (``voices``: the voice
   or the party it speaks for, so "Senate Democrats" is matched by a Democratic senator the
   dictionary lists)?
2. **stance**: when it is, what does the speaker's stance row toward the target say
   (``stance``): the phrase's side (``neg`` -> against, ``pos`` -> favor), neutral, the other
   side, or no row (the target not named in the speaker's sentences)?

Prints the counts; the README quotes them.
"""
from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.actors import load_dictionary  # noqa: E402
from analysis.stance import stance_table  # noqa: E402
from analysis.tokens import sentences as sentence_table  # noqa: E402
from train_stance import basil_scorer, read_article  # noqa: E402 - scripts/ is on the path when a script runs

UNNAMED = ("other_anti", "other_pro", "other_neutral", "")
SIDE = {"neg": "against", "pos": "favor"}


def sentence_offsets(article_json: dict) -> list[tuple[int, str]]:
    """(offset in the check's markdown text, sentence) for every BASIL sentence of an article."""
    out, pos = [], len(f"# {article_json['title']}\n\n")
    for paragraph in article_json["body-paragraphs"]:
        if not paragraph:
            continue
        for sentence in paragraph:
            out.append((pos, sentence))
            pos += len(sentence) + 1
        pos += 1  # the paragraph's last space is a blank line: one character more
    return out


def phrase_start(phrase: dict, sentences: list[tuple[int, str]]) -> int | None:
    """The phrase's offset in the markdown text: in the sentence it was marked in (matched on
    its text), else the first sentence that holds its text."""
    for offset, sentence in sentences:
        if sentence[phrase["start"]:phrase["end"]] == phrase["txt"]:
            return offset + phrase["start"]
    return next((offset + sentence.find(phrase["txt"]) for offset, sentence in sentences if phrase["txt"] in sentence), None)


def main(argv=None) -> int:
    split = Path((argv or sys.argv[1:] or [ROOT.parent / "shared" / "data" / "basil" / "dev"])[0])
    scorer = basil_scorer(split)

    dictionary = load_dictionary(None, "person", True)
    counts: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="voice-stance-") as folder:
        for uuid, text, _ in scorer.articles(split):
            annotation = json.loads(next(split.glob(f"annotations/*/{uuid}_ann.json")).read_text(encoding="utf-8"))
            phrases = [p for p in annotation["phrase-level-annotations"]
                       if p["quote"] == "yes" and p["speaker"] not in UNNAMED and p["polarity"] in SIDE
                       and scorer.actor_for(p["speaker"]) and scorer.actor_for(p["target"])]
            if not phrases:
                continue
            sentences = sentence_offsets(json.loads(next(split.glob(f"articles/*/{uuid}.json")).read_text(encoding="utf-8")))
            article, mentions, voices = read_article(Path(folder), uuid, text, dictionary)
            stance = stance_table(article, mentions, voices)
            spans = sentence_table(article)[["start", "end"]].itertuples(index=False)
            voice_at = [(start, end, v) for (start, end), v in zip(spans, voices.itertuples())]
            for phrase in phrases:
                counts["phrases"] += 1
                start = phrase_start(phrase, sentences)
                voice = next((v for a, b, v in voice_at if start is not None and a <= start < b), None)
                speaker, target = scorer.actor_for(phrase["speaker"]), scorer.actor_for(phrase["target"])
                by_author = voice is not None and voice.voice == "author"
                if voice is None or by_author or not (scorer.same_actor(speaker, voice.voice) or
                                                      scorer.same_actor(speaker, voice.voice_party or "")):
                    counts["voice: " + ("author" if by_author else "another source")] += 1
                    continue
                counts["voice: the speaker"] += 1
                row = next((r for r in stance.itertuples()
                            if r.voice == voice.voice and scorer.same_actor(target, r.party)), None)
                want = SIDE[phrase["polarity"]]
                counts["stance: " + ("no row" if row is None else "the phrase's side" if row.stance == want
                                     else "neutral" if row.stance == "neutral" else "the other side")] += 1
    for key in ("phrases", "voice: the speaker", "voice: author", "voice: another source",
                "stance: the phrase's side", "stance: neutral", "stance: the other side", "stance: no row"):
        print(f"{key:28s} {counts[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
