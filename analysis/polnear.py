"""Score the project's sentence voices against PolNeAR attributions, with the mix of errors.

PolNeAR (``../shared/data/polnear/``) marks every attribution in political news as brat standoff:
a source, a cue and a content, as character spans of ``text/NAME.txt``.  As its README
describes, a *unit* is a pair (speech attribution with a source, sentence overlapping its
content).  Speech means a cue with a word that starts as a verb of saying in
``data/speech_cues.txt``, "according to", or a colon or dash that introduces a quotation; beliefs
and plans are left out.  That list belongs to the yardstick, not to the voice rules, so changing
the rules never changes what is counted.  A unit is
right when the sentence's voice is not the author and names the source: its speaker span
overlaps the source span, or the voice shares a word with it, or the source is a pronoun (its
referent is elsewhere in the text).  Precision is over the sentences given a voice: those
overlapping some attribution count as right.  F1 is their harmonic mean.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .actors import span_index
from .tokens import words_in

Span = tuple[int, int]

QUOTE_CUES = frozenset([":", "—", "–", "-", "―"])
PRONOUNS = frozenset(["he", "she", "they", "it", "i", "we", "who", "which", "his", "her", "their", "its", "you", "that"])
# Words that never identify a source on their own ("the", "Mr", "said").
NAME_STOP = frozenset(["the", "a", "an", "mr", "ms", "mrs", "dr", "of", "s", "and", "said", "news", "agency"])


@dataclass(frozen=True)
class Attribution:
    """One PolNeAR attribution: the spans of its source, content and all its parts, and texts."""

    source: tuple[Span, ...]
    source_text: str
    cue: str
    content: tuple[Span, ...]
    parts: tuple[Span, ...]


def read_spans(field: str) -> tuple[Span, ...]:
    """Return the spans of a brat ``T`` line's ``Type start end;start end`` field."""
    return tuple(tuple(map(int, piece.split())) for piece in field.split(" ", 1)[1].split(";"))


def read_attributions(path: Path) -> list[Attribution]:
    """Return the attributions of one brat ``.ann`` file (``E`` lines joining ``T`` spans)."""
    texts, spans, events = {}, {}, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # a blank or broken line (a few train files have them)
        if fields[0].startswith("T"):
            spans[fields[0]] = read_spans(fields[1])
            texts[fields[0]] = fields[2] if len(fields) > 2 else ""
        elif fields[0].startswith("E"):
            parts: dict[str, list[str]] = {}
            for role in fields[1].split(" "):
                if ":" in role:
                    name, target = role.split(":")
                    parts.setdefault(re.sub(r"\d+$", "", name), []).append(target)
            events.append(parts)
    out = []
    for parts in events:
        source, content, cue = (tuple(s for t in parts.get(role, []) for s in spans[t]) for role in ("Source", "Content", "Cue"))
        out.append(Attribution(source, " ".join(texts[t] for t in parts.get("Source", [])),
                               " ".join(texts[t] for t in parts.get("Cue", [])), content, source + content + cue))
    return out


def speech_cues() -> tuple[str, ...]:
    """Return the word beginnings of ``data/speech_cues.txt`` (verbs of saying, for scoring)."""
    from .tokens import read_word_list

    return tuple(sorted(read_word_list("speech_cues.txt")))


def is_speech(attribution: Attribution, stems: tuple[str, ...]) -> bool:
    """Whether an attribution reports speech: a verb of saying, "according to", or a quote colon/dash."""
    cue = attribution.cue.lower().replace("’", "'").strip().rstrip(":").strip() or attribution.cue.strip()
    words = [w for w in words_in(cue) if w.isalpha()]
    return cue in QUOTE_CUES or "according to" in cue or any(w.startswith(stems) for w in words)


def name_words(text: str) -> set[str]:
    """Return the lower-case words of a name, possessives and ``NAME_STOP`` words left out."""
    words = {"".join(c for c in w if "a" <= c <= "z") for w in words_in(text.lower().replace("’", "'"))}
    return words - NAME_STOP - {"s", ""}


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def names_source(attribution: Attribution, voice: str, speaker: Span) -> bool:
    """Whether a sentence's voice (its name and speaker span) is the attribution's source."""
    gold = name_words(attribution.source_text)
    return (speaker[0] >= 0 and any(overlaps(speaker, s) for s in attribution.source)) \
        or bool(gold & name_words(voice)) or gold <= PRONOUNS


def score_article(attributions: list[Attribution], sentences, voices, stems: tuple[str, ...]) -> Counter:
    """Count one article's units and errors.

    ``sentences`` has ``sentence_id, start, end, voice`` and ``voices`` has ``sentence_id,
    speaker_start, speaker_end`` (the project's tables).  Returns a Counter of ``units``,
    ``right``, ``missed`` (given to the author), ``wrong_speaker``, ``attributed`` (sentences
    with a voice), ``supported`` (of those, overlapping an attribution) and ``spurious``.
    """
    counts: Counter = Counter()
    speakers = {int(r.sentence_id): (int(r.speaker_start), int(r.speaker_end)) for r in voices.itertuples()}
    rows = list(zip(sentences["sentence_id"], sentences["start"], sentences["end"], sentences["voice"]))
    for a in attributions:
        if not a.source or not is_speech(a, stems):
            continue
        for sentence_id, start, end, voice in rows:
            if not any(overlaps((start, end), c) for c in (a.content or a.parts)):
                continue
            counts["units"] += 1
            if voice == "author":
                counts["missed"] += 1
            elif names_source(a, voice, speakers.get(int(sentence_id), (-1, -1))):
                counts["right"] += 1
            else:
                counts["wrong_speaker"] += 1
    in_some_attribution = span_index([p for a in attributions for p in a.parts])
    for _, start, end, voice in rows:
        if voice != "author":
            counts["attributed"] += 1
            counts["supported" if in_some_attribution(start, end) else "spurious"] += 1
    return counts


def choose_annotations(folder: Path) -> dict[str, Path]:
    """Return one ``.ann`` file per article (the first annotator's, by name), keyed by text stem."""
    chosen: dict[str, Path] = {}
    for path in sorted(Path(folder).glob("*.ann")):
        chosen.setdefault(path.stem.rsplit("_", 1)[0], path)
    return chosen


def figures(counts: Counter) -> dict[str, float]:
    """Return recall, precision and F1 from summed counts."""
    recall = counts["right"] / max(counts["units"], 1)
    precision = counts["supported"] / max(counts["attributed"], 1)
    f1 = 2 * recall * precision / (recall + precision) if recall and precision else 0.0
    return {"recall": recall, "precision": precision, "f1": f1}


def score_split(split: Path, dictionary=None, limit: int | None = None) -> Counter:
    """Score every article of a PolNeAR split folder (``text/``, ``attributions/``); return the counts."""
    from .article import load_article
    from .report import article_tables

    stems = speech_cues()
    total: Counter = Counter()
    for stem, ann in sorted(choose_annotations(Path(split) / "attributions").items())[:limit]:
        tables = article_tables(load_article(Path(split) / "text" / f"{stem}.txt"), dictionary,
                                names=["sentences", "voices"])
        total += score_article(read_attributions(ann), tables["sentences"], tables["voices"], stems)
        total["articles"] += 1
    return total


def report_line(name: str, counts: Counter) -> str:
    """Return the figure and the mix of errors in two lines."""
    f = figures(counts)
    return (f"PolNeAR {name} ({counts['articles']} articles): voice F1 {f['f1']:.3f} "
            f"(recall {f['recall']:.3f} = {counts['right']}/{counts['units']} speech units, "
            f"precision {f['precision']:.3f} = {counts['supported']}/{counts['attributed']} sentences)\n"
            f"errors: {counts['missed']} units missed (left to the author), {counts['wrong_speaker']} with the "
            f"wrong speaker, {counts['spurious']} sentences given a voice no attribution supports")
