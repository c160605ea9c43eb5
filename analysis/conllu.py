"""Read and write CoNLL-U treebanks, and score a parse against one.

A sentence is read as its syntactic words (the parts of a multi-word token such as "don't" →
"do", "n't"; empty nodes are skipped), which is what a tagger and parser see and what the
CoNLL 2018 shared task scores.  Multi-word token lines are kept as they are when a file is
written back, so ids and forms never change.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

@dataclass(frozen=True)
class Word:
    """One syntactic word of a CoNLL-U sentence (``head`` 0 is the root; ids count from 1)."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    deps: str
    misc: str

    @property
    def space_after(self) -> bool:
        return "SpaceAfter=No" not in self.misc.split("|")


@dataclass(frozen=True)
class Sentence:
    """A CoNLL-U sentence: its syntactic words, and every line as read (comments included)."""

    words: tuple[Word, ...]
    lines: tuple[str, ...] = field(repr=False)
    # (first id, last id, surface line) of each multi-word token, for spacing and writing.
    ranges: tuple[tuple[int, int, str], ...] = ()

    def spaces(self) -> list[bool]:
        """Whether each word is followed by a space (a multi-word token's parts are joined)."""
        spaces = [w.space_after for w in self.words]
        index = {w.id: i for i, w in enumerate(self.words)}
        for first, last, line in self.ranges:
            misc = line.split("\t")[9]
            for wid in range(first, last):
                if wid in index:
                    spaces[index[wid]] = False
            if last in index:
                spaces[index[last]] = "SpaceAfter=No" not in misc.split("|")
        return spaces


class ConlluError(ValueError):
    """A CoNLL-U file that cannot be read (the message names the line)."""


def read_conllu(path: str | Path) -> list[Sentence]:
    """Return the sentences of the CoNLL-U file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ConlluError(f"{path}: not UTF-8 text (byte {err.start})") from None
    return parse_conllu(text, name=str(path))


def parse_conllu(text: str, name: str = "<text>") -> list[Sentence]:
    """Return the sentences of CoNLL-U ``text``; raise ``ConlluError`` naming a bad line."""
    sentences, block, start = [], [], 1
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            sentences.append(read_sentence(block, name, start))
            block = []
    return sentences


def read_sentence(lines: list[str], name: str, first_line: int) -> Sentence:
    """Return one sentence from its lines (comments, words, multi-word token ranges)."""
    words, ranges = [], []
    for offset, line in enumerate(lines):
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ConlluError(f"{name}:{first_line + offset}: expected 10 tab-separated fields, found {len(cols)}")
        wid = cols[0]
        if "." in wid:
            continue  # an empty node (enhanced dependencies only)
        if "-" in wid:
            first, last = wid.split("-")
            ranges.append((int(first), int(last), line))
            continue
        try:
            words.append(Word(int(wid), cols[1], cols[2], cols[3], cols[4], cols[5],
                              int(cols[6]) if cols[6] != "_" else 0, cols[7], cols[8], cols[9]))
        except ValueError:
            raise ConlluError(f"{name}:{first_line + offset}: the id or head is not a number") from None
    if not words:
        raise ConlluError(f"{name}:{first_line}: a sentence without words")
    return Sentence(tuple(words), tuple(lines), tuple(ranges))


def with_predictions(sentence: Sentence, predicted: list[dict]) -> Sentence:
    """Return ``sentence`` with each word's fields replaced by ``predicted`` (one dict per word)."""
    words = tuple(replace(w, **p) for w, p in zip(sentence.words, predicted, strict=True))
    return replace(sentence, words=words)


def format_sentence(sentence: Sentence) -> str:
    """Return the CoNLL-U lines of ``sentence``: comments, multi-word tokens and words in order."""
    by_id = {w.id: w for w in sentence.words}
    out = []
    for line in sentence.lines:
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 10 or "-" in cols[0] or "." in cols[0]:
            out.append(line)
            continue
        w = by_id[int(cols[0])]
        out.append("\t".join([cols[0], w.form, w.lemma, w.upos, w.xpos, w.feats,
                              str(w.head), w.deprel, w.deps, w.misc]))
    return "\n".join(out) + "\n"


def format_conllu(sentences: list[Sentence]) -> str:
    """Return the CoNLL-U text of ``sentences`` (each followed by a blank line)."""
    return "".join(format_sentence(s) + "\n" for s in sentences)


def base_relation(deprel: str) -> str:
    """Return a dependency relation without its subtype (``nmod:poss`` → ``nmod``)."""
    return deprel.split(":", 1)[0]


def score_parse(gold: list[Sentence], predicted: list[Sentence]) -> dict[str, float]:
    """Return UPOS, XPOS and lemma accuracy, UAS and LAS of ``predicted`` against ``gold``.

    Both must hold the same words in the same order (a parse on gold tokens).  Relations are
    compared without subtypes, as in the CoNLL 2018 shared task; punctuation counts.
    """
    n = upos = xpos = lemma = uas = las = 0
    for g, p in zip(gold, predicted, strict=True):
        for gw, pw in zip(g.words, p.words, strict=True):
            n += 1
            upos += gw.upos == pw.upos
            xpos += gw.xpos == pw.xpos
            lemma += gw.lemma == pw.lemma
            if gw.head == pw.head:
                uas += 1
                las += base_relation(gw.deprel) == base_relation(pw.deprel)
    if n == 0:
        raise ConlluError("no words to score")
    return {"words": n, "upos": upos / n, "xpos": xpos / n, "lemma": lemma / n, "uas": uas / n, "las": las / n}
