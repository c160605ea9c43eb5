"""The linguistic layer: a spaCy tagger, lemmatizer and dependency parser over given tokens.

The project ships its own English pipeline in ``data/pipeline/`` (trained on UD English EWT by
``scripts/train_pipeline.py``); a user may pass any installed spaCy pipeline instead (a package
name such as ``en_core_web_sm`` or a folder).  Text is never re-tokenised: the caller gives each
sentence's words, so offsets stay those of the project's own tokens, and each sentence is parsed
on its own (the project's sentence boundaries are kept).
"""
from __future__ import annotations

from functools import lru_cache

from .paths import DATA_DIR

DEFAULT_PIPELINE = DATA_DIR / "pipeline"
# spaCy names the root relation ROOT; Universal Dependencies names it root.
SPACY_ROOT = "ROOT"
UD_ROOT = "root"
# Parse in batches of this many sentences: large enough for spaCy's batching to pay off.
BATCH_SIZE = 256


class PipelineError(ValueError):
    """A spaCy pipeline that cannot be loaded (the message says which and why)."""


def pipeline_name(name: str | None) -> str:
    """Return the pipeline to load: ``name``, or the shipped one when ``name`` is empty."""
    return str(name) if name else str(DEFAULT_PIPELINE)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Return the spaCy pipeline ``name`` (a package or folder; default ``data/pipeline``), loaded once.

    Only the components the project reads run: tok2vec, tagger, morphologizer, parser,
    attribute ruler and lemmatizer; named-entity recognition and the like are disabled.
    """
    import spacy

    target = pipeline_name(name)
    try:
        nlp = spacy.load(target, exclude=["ner", "entity_ruler", "entity_linker", "textcat", "textcat_multilabel", "spancat", "senter"])
    except (OSError, ValueError, ImportError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise PipelineError(f"cannot load the spaCy pipeline {target!r}: {first}") from None
    if "parser" not in nlp.pipe_names:
        raise PipelineError(f"the spaCy pipeline {target!r} has no dependency parser")
    multiply_with_numpy(nlp)
    return nlp


def multiply_with_numpy(nlp) -> None:
    """Let ``nlp``'s networks multiply matrices with numpy (the BLAS numpy was built with:
    OpenBLAS in its wheels, MKL or OpenBLAS in conda) instead of thinc's bundled BLIS.

    The same products, so the same parses (all 2,001 EWT dev sentences come out identical),
    two to three times as fast on one core here (EWT dev 6.0 s -> 2.0 s): BLIS's kernels for
    this CPU (AVX-512) reach a third of OpenBLAS's.  The parse holds numpy's BLAS to one thread
    (``iter_parsed``).  Models on another device (a GPU) keep their own operations.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


# The pipeline the article layer parses with: None is the shipped one.  Set by use_pipeline
# (``--spacy-model`` on the command line, the ``spacy_model`` notebook parameter).
CHOSEN = {"name": None}


def use_pipeline(name: str | None) -> None:
    """Parse articles with pipeline ``name`` from now on (None: the shipped one).

    Nothing is loaded until a sentence is parsed, so a notebook that never parses pays nothing;
    the command line calls ``load_pipeline`` first, so a broken pipeline fails before any work.
    """
    CHOSEN["name"] = str(name) if name else None


def current_pipeline():
    """Return the pipeline articles are parsed with (``use_pipeline``; default ``data/pipeline``)."""
    return load_pipeline(CHOSEN["name"])


def sentence_doc(nlp, words: list[str], spaces: list[bool] | None = None):
    """Return an unparsed spaCy Doc of one sentence's ``words``, marked as one sentence."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))


def parse_word_lists(sentences: list[list[str]], nlp=None, spaces: list[list[bool]] | None = None) -> list:
    """Return one parsed spaCy Doc per sentence, each on exactly the given words."""
    return list(iter_parsed(sentences, nlp, spaces))


def iter_parsed(sentences: list[list[str]], nlp=None, spaces: list[list[bool]] | None = None):
    """Yield one parsed spaCy Doc per sentence, in order, a batch at a time (a long article's
    Docs are never all held at once).  numpy's BLAS runs one thread until the last Doc is read
    (``one_blas_thread``)."""
    nlp = nlp or current_pipeline()
    spaces = spaces or [None] * len(sentences)
    docs = (sentence_doc(nlp, words, sp) for words, sp in zip(sentences, spaces))
    lemmatize = doc_lemmatizer(nlp)
    with one_blas_thread():
        if lemmatize is None:
            yield from nlp.pipe(docs, batch_size=BATCH_SIZE)
            return
        for doc in nlp.pipe(docs, batch_size=BATCH_SIZE, disable=["lemmatizer"]):
            yield lemmatize(doc)


@lru_cache(maxsize=1)
def blas_controller():
    """threadpoolctl's view of the thread pools loaded (numpy's BLAS among them), made once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread.  The parse's products are small (a
    batch of sentences), and a second thread only waits: a sentence parsed alone took 13 ms
    with two threads against 5 ms with one here, a corpus batch the same either way.  One
    process stays on one core; parallel work is the Dask engine's."""
    return blas_controller().limit(limits=1, user_api="blas")


@lru_cache(maxsize=4)
def doc_lemmatizer(nlp):
    """Return a function that gives a Doc its lemmas as ``nlp``'s rule lemmatizer would, or None
    (no lemmatizer, not the last component, or not in ``rule`` mode).

    spaCy's rule lemmatizer reads each token's form, UPOS and morphology and nothing else, in
    Python, a token at a time (a few per cent of a corpus parse).  Here a Doc's (form, UPOS,
    morphology) come out as one array, and each distinct triple is lemmatised once (by the
    lemmatizer itself) and remembered: the same lemmas, written back as one array.
    """
    if not nlp.pipe_names or nlp.pipe_names[-1] != "lemmatizer":
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return None
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    known: dict[tuple[int, int, int], int] = {}

    def lemmatize(doc):
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for k, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not getattr(lemmatizer, "overwrite", False):
                continue
            value = known.get((orth, pos, morph))
            if value is None:
                value = known[(orth, pos, morph)] = doc.vocab.strings.add(lemmatizer.lemmatize(doc[k])[0])
            lemmas[k] = value
        doc.from_array([LEMMA], lemmas)
        return doc

    return lemmatize


def token_analyses(doc) -> list[tuple[str, str, int, str]]:
    """Return ``(lemma, upos, head, deprel)`` per token of a one-sentence Doc, ``head`` the
    0-based index of the head in the sentence and -1 for a root.

    Read from one array of the Doc (no Token object per word): a lemma left empty is the
    word's form, an empty UPOS is ``X``, a root's relation is ``root``.
    """
    import numpy as np
    from spacy.attrs import DEP, HEAD, LEMMA, ORTH, POS

    table = doc.to_array([LEMMA, ORTH, POS, DEP, HEAD])
    heads = table.view(np.int64)[:, 4].tolist()  # offsets to the head, signed
    name = string_names(doc.vocab.strings)
    out = []
    for i, (lemma, orth, pos, dep, _) in enumerate(table.tolist()):
        is_root = heads[i] == 0
        relation = name(dep)
        out.append((name(lemma) or name(orth), name(pos) or "X", -1 if is_root else i + heads[i],
                    UD_ROOT if is_root or relation == SPACY_ROOT else relation))
    return out


@lru_cache(maxsize=4)
def string_names(strings):
    """``strings[key]`` of a spaCy StringStore, remembered per key (0 gives "")."""
    known: dict[int, str] = {0: ""}

    def name(key: int) -> str:
        value = known.get(key)
        if value is None:
            value = known[key] = strings[key]
        return value

    return name


def word_analyses(doc) -> list[dict]:
    """Return ``lemma, upos, xpos, head, deprel`` (and ``feats``, ``deps`` cleared to ``_``) of each
    word of a one-sentence Doc, with CoNLL-U ids.

    ``head`` counts from 1 with 0 for the root; a Doc the parser split in two still gives one
    root per part, each with head 0.
    """
    return [{"lemma": lemma, "upos": upos, "xpos": token.tag_ or "_", "head": head + 1, "deprel": deprel,
             # not predicted: cleared, so no gold annotation passes for a prediction
             "feats": "_", "deps": "_"}
            for token, (lemma, upos, head, deprel) in zip(doc, token_analyses(doc))]


def parse_sentences(sentences, nlp=None) -> list:
    """Return CoNLL-U ``sentences`` with predicted lemma, UPOS, XPOS, head and relation."""
    from .conllu import with_predictions

    docs = iter_parsed([[w.form for w in s.words] for s in sentences], nlp, [s.spaces() for s in sentences])
    return [with_predictions(s, word_analyses(doc)) for s, doc in zip(sentences, docs)]
