"""Train the project's English spaCy pipeline on UD English EWT and ship it in data/pipeline/.

    python scripts/train_pipeline.py [--treebank ../shared/data/ud-english-ewt] [--work build/pipeline]
                                     [--newsmtsc ../shared/data/newsmtsc] [--no-pretrain]
                                     [--set training.max_steps=30000 ...] [--ship-only MODEL]

Reads ``train.conllu`` (training) and ``dev.conllu`` (early stopping, model selection) in place,
writes them as spaCy DocBins under ``--work`` (one sentence per document, gold tokens, UPOS and
XPOS, lemmas, trees; morphological features dropped), pretrains the tok2vec layer on raw text
(EWT train's sentences and NewsMTSC's training sentences, the config's ``[pretraining]``),
trains ``scripts/pipeline.cfg`` from those weights with its fixed seed, and copies the best model
to ``data/pipeline/`` with its dev figures in ``data/pipeline/figures.json``.  Needs ``spacy`` and, for the lemmatizer tables,
``spacy-lookups-data`` (``pip install -e '.[train]'``).  ``--set`` overrides a config value.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.conllu import read_conllu  # noqa: E402

CONFIG = ROOT / "scripts" / "pipeline.cfg"
SHIPPED = ROOT / "data" / "pipeline"
LICENCE = """The English pipeline in this folder (tagger, morphologizer, dependency parser and
lemmatizer tables) was trained by scripts/train_pipeline.py on the Universal Dependencies
English Web Treebank (UD_English-EWT, train and dev parts), which is licensed under
CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). As a work derived from it,
this model is distributed under the same licence: CC BY-SA 4.0. Attribution: Silveira et al.
(2014), "A Gold Standard Dependency Corpus for English", and the UD English EWT contributors.
The lemmatizer's rule tables come from spacy-lookups-data (MIT licence). The token-to-vector
layer was pretrained, before training, on the sentences of EWT train and the training sentences
of NewsMTSC (Hamborg and Donnay 2021, https://github.com/fhamborg/NewsMTSC, MIT licence).
"""


def docs_from_conllu(path: Path, vocab):
    """Yield one spaCy Doc per sentence of ``path`` with its gold annotation."""
    from spacy.tokens import Doc

    for sentence in read_conllu(path):
        words = sentence.words
        index = {w.id: i for i, w in enumerate(words)}
        heads = [index[w.head] if w.head else i for i, w in enumerate(words)]
        deps = ["ROOT" if w.head == 0 else w.deprel for w in words]
        yield Doc(vocab, words=[w.form for w in words], spaces=sentence.spaces(),
                  tags=[w.xpos for w in words], pos=[w.upos for w in words],
                  lemmas=[w.lemma for w in words], heads=heads, deps=deps,
                  sent_starts=[True] + [False] * (len(words) - 1))


def write_corpus(treebank: Path, work: Path) -> dict[str, Path]:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work``; return their paths."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    paths = {}
    for part in ("train", "dev"):
        out = work / f"{part}.spacy"
        DocBin(docs=docs_from_conllu(treebank / f"{part}.conllu", nlp.vocab)).to_disk(out)
        paths[part] = out
    return paths


def write_raw_text(treebank: Path, newsmtsc: Path | None, out: Path) -> int:
    """Write the pretraining text to ``out`` (JSON lines ``{"text": ...}``): the sentences of
    EWT train and, when ``newsmtsc`` holds ``train.jsonl``, NewsMTSC's training sentences (news,
    MIT licence).  No dev or test text: dev selects the model.  Return the number of words."""
    words = 0
    with out.open("w", encoding="utf-8") as f:
        for sentence in read_conllu(treebank / "train.conllu"):
            text = "".join(w.form + (" " if space else "") for w, space in zip(sentence.words, sentence.spaces()))
            f.write(json.dumps({"text": text}) + "\n")
            words += len(sentence.words)
        if newsmtsc is not None and (newsmtsc / "train.jsonl").is_file():
            for line in (newsmtsc / "train.jsonl").read_text(encoding="utf-8").splitlines():
                text = json.loads(line)["sentence_normalized"]
                f.write(json.dumps({"text": text}) + "\n")
                words += len(text.split())
    return words


def pretrain_tok2vec(config: Path, work: Path, overrides: dict) -> Path:
    """Pretrain the tok2vec layer (the config's ``[pretraining]``) and return the weights of
    its last epoch."""
    from spacy.training.pretrain import pretrain
    from spacy.util import load_config

    out = work / "pretrain"
    out.mkdir(parents=True, exist_ok=True)
    raw = load_config(config, overrides=overrides, interpolate=False)
    pretrain(raw.interpolate(), out, silent=False)
    return out / f"model{raw['pretraining']['max_epochs'] - 1}.bin"


def parse_overrides(pairs: list[str]) -> dict[str, object]:
    """Return ``{"section.key": value}`` from ``KEY=VALUE`` strings (values read as JSON)."""
    overrides = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides


# A form's most common gold lemma joins the exceptions when the form is seen this often in
# train and the exception gets more of its occurrences right than the rules do.
MIN_EXCEPTION_COUNT = 2


def rule_lemmas(nlp, sentences) -> list[list[str]]:
    """Return the rule lemmatizer's lemma of every word, given the treebank's own UPOS."""
    from spacy.tokens import Doc

    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.cache.clear()
    out = []
    for s in sentences:
        doc = Doc(nlp.vocab, words=[w.form for w in s.words], pos=[w.upos for w in s.words])
        out.append([t.lemma_ for t in lemmatizer(doc)])
    return out


def learn_lemma_exceptions(nlp, treebank: Path, passes: int = 2) -> int:
    """Add to the rule lemmatizer's exception table every (UPOS, form) of EWT train for which
    its most common gold lemma is right more often than the rules are; return how many.

    spaCy's English rules cover nouns, verbs, adjectives and adverbs only: auxiliaries ("is" →
    "be"), pronouns ("me" → "I") and determiners ("an" → "a") stay as written without this.
    A second pass catches forms that a newly covered part of speech now gets wrong.
    """
    from collections import Counter, defaultdict

    sentences = read_conllu(treebank / "train.conllu")
    exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    added = set()
    for _ in range(passes):
        seen: dict[tuple[str, str], Counter] = defaultdict(Counter)
        wrong: Counter = Counter()
        for s, lemmas in zip(sentences, rule_lemmas(nlp, sentences)):
            for w, lemma in zip(s.words, lemmas):
                key = (w.upos.lower(), w.form.lower())
                seen[key][w.lemma] += 1
                wrong[key] += lemma != w.lemma
        for (pos, form), lemmas in sorted(seen.items()):
            lemma, n = lemmas.most_common(1)[0]
            total = sum(lemmas.values())
            if pos != "propn" and total >= MIN_EXCEPTION_COUNT and n > total - wrong[(pos, form)]:
                table = dict(exceptions.get(pos, {}))
                table[form] = [lemma]
                exceptions[pos] = table
                added.add((pos, form))
    return len(added)


def ship(best: Path, treebank: Path, seconds: float | None) -> None:
    """Copy the best model to ``data/pipeline`` with its licence, its metadata and dev figures."""
    from analysis.conllu import score_parse
    import spacy

    from analysis.parse import load_pipeline, parse_sentences

    nlp = spacy.load(best)
    exceptions = learn_lemma_exceptions(nlp, treebank)
    nlp.meta.update({"name": "analysis_en_ewt", "version": "1.0.0", "spacy_version": ">=3.8.0,<3.9.0",
                     "license": "CC BY-SA 4.0", "author": "this project (scripts/train_pipeline.py)",
                     "description": "Tagger (XPOS), UPOS, dependency parser and rule lemmatizer trained on UD English EWT",
                     "sources": [{"name": "UD English EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                                  "license": "CC BY-SA 4.0"}]})
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    nlp.to_disk(SHIPPED)
    (SHIPPED / "LICENSE.txt").write_text(LICENCE, encoding="utf-8")
    gold = read_conllu(treebank / "dev.conllu")
    nlp = load_pipeline(str(SHIPPED))
    scores = score_parse(gold, parse_sentences(gold, nlp))
    size = sum(p.stat().st_size for p in SHIPPED.rglob("*") if p.is_file())
    figures = {"split": "UD English EWT dev, gold tokens", **{k: round(v, 4) for k, v in scores.items()},
               "size_bytes": size, "lemma_exceptions": exceptions,
               "training_seconds": round(seconds) if seconds else None,
               "speed": "benchmarks/parse_speed.py"}
    (SHIPPED / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebank", type=Path, default=ROOT.parent / "shared" / "data" / "ud-english-ewt")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pipeline")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--newsmtsc", type=Path, default=ROOT.parent / "shared" / "data" / "newsmtsc",
                        help="NewsMTSC folder whose train.jsonl joins the pretraining text")
    parser.add_argument("--no-pretrain", action="store_true",
                        help="train the tok2vec layer from scratch, without the character pretraining")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--ship-only", metavar="MODEL", type=Path,
                        help="ship MODEL (e.g. WORK/output/model-best of a run stopped early) without training")
    args = parser.parse_args(argv)
    if not (args.treebank / "train.conllu").is_file():
        print(f"train_pipeline: no train.conllu in {args.treebank}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    seconds, best = None, args.ship_only or args.work / "output" / "model-best"
    if not args.ship_only:
        from spacy.cli.train import train

        paths = write_corpus(args.treebank, args.work)
        overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"]),
                     **parse_overrides(args.set)}
        start = time.perf_counter()
        if not args.no_pretrain:
            raw = args.work / "raw_text.jsonl"
            print(f"pretraining text: {write_raw_text(args.treebank, args.newsmtsc, raw):,} words")
            overrides["paths.raw_text"] = str(raw)
            overrides["paths.init_tok2vec"] = str(pretrain_tok2vec(args.config, args.work, overrides))
        train(args.config, args.work / "output", overrides=overrides)
        seconds = time.perf_counter() - start
    ship(best, args.treebank, seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
