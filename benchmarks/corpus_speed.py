"""Articles per second over a corpus, and peak memory as the corpus grows, from one run.

    .venv/bin/python benchmarks/corpus_speed.py [--limit N] [--scale 10] [--rounds 2] [--slices 8] [--big-gb 1]
                                                [--skip-memory] [--skip-dask]

On FA-KES (``../shared/data/corpora/fakes/fakes.csv``; a synthetic corpus of reference-like
articles when it is absent) it prints, all on one core unless it says workers (numpy's BLAS,
which the parse multiplies with, is held to one thread for the one-core measures):

(a) articles/s of the full corpus pipeline, pandas engine, in this process;
(b) articles/s of sentence-level VADER alone over the same texts (split into sentences with
    the same Punkt splitter), the floor any user would compare against;
(p) articles/s of the project's parse alone: ``nlp.pipe`` of the shipped spaCy pipeline (as
    ``analysis.parse.load_pipeline`` loads it) over the same texts;
(q) articles/s of the peer pipeline a user would build for the same job: that spaCy pipeline,
    textacy's ``direct_quotations`` and VADER per sentence (``pip install textacy``; without it
    the line says so), and how many articles textacy gave up on;
(c) articles/s of the full pipeline on a local Dask cluster with 1 and with 2 workers (cluster
    start-up and each worker's first load of the dictionary and models are left out), taking
    turns on the whole corpus ``--rounds`` times, each keeping its best (``dask_rates``);
and the ratios.  (a), (b), (p) and (q) take turns on the same ``--slices`` slices of the corpus,
``--rounds`` times, each keeping its best time per slice (``interleaved_rates``): this machine's
speed drifts by a third within a run, and a drift then falls on every measure alike; the first
pass over new texts also fills spaCy's vocabulary and its tokenizer's cache, which the second
round no longer pays.  With memory on (the default) it then runs ``python -m analysis corpus
--engine dask`` on the corpus and on the corpus repeated ``--scale`` times, and prints the
peak resident memory of the whole process tree (the command and its Dask workers, sampled
every 50 ms) and the ratio, and the same on a synthetic input of ``--big-gb`` GB (the corpus after
documents of just over ``MAX_TEXT_BYTES``, which are read and refused: the input streams through
the reader and its SQLite store without a day's processing).

Targets (issue 18): (a)/(b) >= 0.05, (a)/(p) >= 0.8, (a)/(q) >= 1, 2 workers / 1 worker >= 1.8,
peak memory at 10x <= 1.5x of 1x, and at most 2 GB on a >= 1 GB input.  See the README's "A corpus"
section for the figures.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits

from analysis.corpus import MAX_TEXT_BYTES, chunk_results, process_chunk, read_corpus
from analysis.parse import load_pipeline
from analysis.paths import DEFAULT_ARTICLE, PROJECT_DIR
from analysis.sentiment import vader
from analysis.tokens import sentence_splitter

FAKES = PROJECT_DIR.parent / "shared" / "data" / "corpora" / "fakes" / "fakes.csv"
PEER = "(q) peer: spaCy + textacy + VADER"  # the peer pipeline's label
FAKES_COLUMNS = dict(text_column="article_content", id_column="unit_id", date_column="date",
                     source_column="source", title_column="article_title")


def synthetic_corpus(n: int = 200) -> pd.DataFrame:
    """``n`` reference-like articles: runs of 4-12 paragraphs of the reference article."""
    paragraphs = [p for p in DEFAULT_ARTICLE.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    rows = []
    for k in range(n):
        size = 4 + k % 9
        start = (k * 7) % len(paragraphs)
        body = [paragraphs[(start + j) % len(paragraphs)] for j in range(size)]
        rows.append({"unit_id": f"s{k:05d}", "article_title": f"Synthetic {k}", "date": f"2015-01-{1 + k % 28:02d}",
                     "source": ["a", "b", "c"][k % 3], "article_content": "\n\n".join(body)})
    return pd.DataFrame(rows)


def corpus_file(folder: Path, limit: int | None, scale: int = 1) -> Path:
    """The benchmark corpus as a CSV in ``folder``, repeated ``scale`` times with fresh ids."""
    table = pd.read_csv(FAKES, dtype=str, keep_default_na=False, encoding="utf-8") if FAKES.exists() else synthetic_corpus()
    if limit:
        table = table.iloc[:limit]
    copies = []
    for k in range(scale):
        copy = table.copy()
        copy["unit_id"] = copy["unit_id"].astype(str) + (f"-{k}" if k else "")
        copies.append(copy)
    path = folder / f"corpus-x{scale}.csv"
    pd.concat(copies, ignore_index=True).to_csv(path, index=False)
    return path


def big_corpus_file(folder: Path, limit: int | None, gigabytes: float) -> tuple[Path, int]:
    """A CSV of at least ``gigabytes`` GB, and its number of rows: documents of just over
    ``MAX_TEXT_BYTES`` (the corpus' texts repeated), each read, reported as too long and skipped,
    then the benchmark corpus itself, processed as usual.  The long documents' ids ("big-...")
    sort after the corpus' ones, so the rows go through the stream's SQLite store.  Written a
    row at a time: the input is never in this process' memory whole."""
    import csv

    table = pd.read_csv(corpus_file(folder, limit), dtype=str, keep_default_na=False, encoding="utf-8")
    filler = "\n\n".join(table["article_content"])
    while len(filler.encode("utf-8")) <= MAX_TEXT_BYTES:
        filler += "\n\n" + filler
    long_text = filler.encode("utf-8")[: MAX_TEXT_BYTES + 4096].decode("utf-8", errors="ignore")
    size, rows = len(long_text.encode("utf-8")), 0
    path = folder / "corpus-big.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(table.columns)
        written = 0
        while written < gigabytes * 2**30 - table["article_content"].str.len().sum():
            row = {"unit_id": f"big-{rows:05d}", "article_title": "Too long", "date": "2015-01-01", "source": "synthetic",
                   "article_content": long_text}
            writer.writerow([row.get(c, "") for c in table.columns])
            written, rows = written + size, rows + 1
        for record in table.itertuples(index=False):
            writer.writerow(record)
            rows += 1
    return path, rows


def pipeline_rate(documents: pd.DataFrame, **engine) -> float:
    """Articles/s of the full corpus pipeline over ``documents`` (``engine``: ``chunk_results``')."""
    return len(documents) / pipeline_seconds(documents, **engine)


def pipeline_seconds(documents: pd.DataFrame, **engine) -> float:
    start = time.perf_counter()
    for _ in chunk_results(documents, progress=False, **engine):
        pass
    return time.perf_counter() - start


def document_texts(documents: pd.DataFrame) -> list[str]:
    """The documents' texts (a table's rows; a missing text is left out)."""
    return [t for t in documents["text"] if isinstance(t, str)]


def vader_seconds(documents: pd.DataFrame) -> float:
    analyser, splitter, texts = vader(), sentence_splitter(), document_texts(documents)
    start = time.perf_counter()
    for text in texts:
        for sentence in splitter.tokenize(text):
            analyser.polarity_scores(sentence)
    return time.perf_counter() - start


def parse_seconds(documents: pd.DataFrame) -> float:
    nlp = load_pipeline()
    texts = document_texts(documents)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def peer_seconds(documents: pd.DataFrame) -> tuple[float, int]:
    """Seconds of spaCy + textacy ``direct_quotations`` + VADER per sentence, and how many
    articles textacy gave up on (ImportError without textacy)."""
    from textacy.extract import direct_quotations

    nlp, analyser = load_pipeline(), vader()
    texts = document_texts(documents)
    failed = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        try:
            list(direct_quotations(doc))
        except Exception:  # noqa: BLE001 - textacy gives up on odd quotation marks
            failed += 1
        for sentence in doc.sents:
            analyser.polarity_scores(sentence.text)
    return time.perf_counter() - start, failed


def interleaved_rates(documents: pd.DataFrame, measures: dict, rounds: int, slices: int) -> tuple[dict, dict]:
    """Articles/s of each of ``measures`` (``{label: function(documents) -> seconds or
    (seconds, note)}``), timed in turn on the same slices of ``documents``.

    The documents are cut into ``slices`` runs of consecutive rows; each slice is timed under
    every measure in turn, ``rounds`` times, and a measure's time on a slice is its best.  A
    measure's rate is all the documents over the sum of its slices' times, so a stretch of a
    slower machine falls on every measure alike rather than on whichever ran then.  Returns the
    rates and, for measures whose function also returns a note value, the last round's values
    summed over slices.
    """
    parts = [documents.iloc[k * len(documents) // slices:(k + 1) * len(documents) // slices] for k in range(slices)]
    best: dict[str, list[float]] = {label: [float("inf")] * slices for label in measures}
    notes: dict[str, list] = {}
    for _ in range(rounds):
        for k, part in enumerate(parts):
            for label, measure in measures.items():
                value = measure(part)
                if isinstance(value, tuple):
                    value, note = value
                    notes.setdefault(label, [0] * slices)[k] = note
                best[label][k] = min(best[label][k], value)
    rates = {label: len(documents) / sum(times) for label, times in best.items()}
    return rates, {label: sum(values) for label, values in notes.items()}


def dask_rate(documents: pd.DataFrame, workers: int) -> float:
    import logging

    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(process_chunk, documents.iloc[:1].to_dict("records"))  # every worker loads the models
        return pipeline_rate(documents, engine="dask", scheduler=client.scheduler.address)


def dask_rates(documents: pd.DataFrame, rounds: int) -> dict[str, float]:
    """The best of ``rounds`` rates of the Dask engine with 1 and with 2 workers, the two taking
    turns on the whole corpus (1, 2, 1, 2...), so a slow stretch of the machine falls on both."""
    best = {1: 0.0, 2: 0.0}
    for _ in range(rounds):
        for workers in best:
            best[workers] = max(best[workers], dask_rate(documents, workers))
    return {f"(c) full pipeline, Dask, {n} worker{'s' if n > 1 else ''}": rate for n, rate in best.items()}


def peak_memory_mb(path: Path, out: Path) -> float:
    """Peak resident memory (MB) of ``python -m analysis corpus`` and all its child processes."""
    import psutil

    command = [sys.executable, "-m", "analysis", "corpus", str(path), "--out", str(out), "--engine", "dask",
               "--workers", "2", *(f"--{k.replace('_', '-')}={v}" for k, v in FAKES_COLUMNS.items())]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"corpus run on {path} failed with exit code {process.returncode}")
    return peak / 2**20


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--scale", type=int, default=10, help="corpus multiple for the memory test (default 10)")
    parser.add_argument("--skip-memory", action="store_true", help="leave out the memory test")
    parser.add_argument("--rounds", type=int, default=2,
                        help="time the one-core measures, and the Dask engine's two, this many times in turn "
                             "and keep each one's best (default 2: the first round also fills spaCy's "
                             "vocabulary and tokenizer cache)")
    parser.add_argument("--slices", type=int, default=8,
                        help="cut the corpus into this many slices, each timed under every one-core measure in "
                             "turn (default 8)")
    parser.add_argument("--big-gb", type=float, default=1.0,
                        help="size of the synthetic input of the streaming memory test (default 1 GB; 0 leaves it out)")
    parser.add_argument("--skip-dask", action="store_true", help="leave out the Dask engine (quicker, while tuning)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = corpus_file(folder, args.limit)
        documents = read_corpus(path, **FAKES_COLUMNS)
        source = FAKES if FAKES.exists() else "synthetic reference-like articles (FA-KES is absent)"
        print(f"corpus: {len(documents)} articles from {source}")
        pipeline_rate(documents.iloc[:5])  # load the dictionary and models outside the timing
        measures = {"(a) full pipeline, pandas engine": pipeline_seconds,
                    "(b) sentence VADER alone": vader_seconds,
                    "(p) parse alone (nlp.pipe)": parse_seconds}
        try:
            import textacy.extract  # noqa: F401 - the peer pipeline needs it

            measures[PEER] = peer_seconds
        except ImportError as err:
            peer_note = f"textacy is not installed ({err}); pip install textacy"
        with threadpool_limits(limits=1):  # one core against one core
            rates, notes = interleaved_rates(documents, measures, args.rounds, args.slices)
        peer = rates.get(PEER)
        if peer is not None:
            peer_note = f"textacy gave up on {notes[PEER]} of {len(document_texts(documents))} articles"
        if not args.skip_dask:
            rates.update(dask_rates(documents, args.rounds))
        for label, rate in rates.items():
            print(f"{label:38s} {rate:9.1f} articles/s")
        print(f"peer pipeline: {peer_note}")
        a = rates["(a) full pipeline, pandas engine"]
        print(f"ratio (a)/(b):                 {a / rates['(b) sentence VADER alone']:.3f} (target: at least 0.05)")
        print(f"ratio (a)/(p):                 {a / rates['(p) parse alone (nlp.pipe)']:.2f} (target: at least 0.8)")
        if peer is not None:
            print(f"ratio (a)/(q):                 {a / peer:.2f} (target: at least 1)")
        if not args.skip_dask:
            one, two = rates["(c) full pipeline, Dask, 1 worker"], rates["(c) full pipeline, Dask, 2 workers"]
            print(f"ratio 2 workers / 1 worker:    {two / one:.2f} (target: at least 1.8)")
        if not args.skip_memory:
            big = corpus_file(folder, args.limit, args.scale)
            small_mb = peak_memory_mb(path, folder / "out1")
            big_mb = peak_memory_mb(big, folder / f"out{args.scale}")
            print(f"peak memory, Dask, 2 workers: 1x {small_mb:.0f} MB, {args.scale}x {big_mb:.0f} MB; "
                  f"ratio {big_mb / small_mb:.2f} (target: at most 1.5)")
            if args.big_gb > 0:
                huge, rows = big_corpus_file(folder, args.limit, args.big_gb)
                huge_mb = peak_memory_mb(huge, folder / "out-big")
                print(f"peak memory, Dask, 2 workers, a {huge.stat().st_size / 2**30:.2f} GB input ({rows} rows: "
                      f"{rows - len(documents)} over the size limit, then the corpus): {huge_mb:.0f} MB (target: at most 2,048)")


if __name__ == "__main__":
    main(sys.argv[1:])
