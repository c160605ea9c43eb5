"""Command line: ``python -m analysis tables|report ARTICLE --out DIR``, ``compare A B [C ...] --out DIR``, ``targets|evaluate FILE.jsonl``, ``corpus INPUT --out DIR``, ``parse FILE.conllu``, ``polnear SPLIT``.

Errors print one line on stderr and exit with status 2; nothing half-written is left in --out.
Modules are imported by the command that needs them, so ``--help`` answers at once.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .paths import DEFAULT_ARTICLE, PROJECT_DIR

EXIT_BAD_INPUT = 2
SPACY_MODEL_HELP = "a spaCy pipeline, installed package or folder, e.g. en_core_web_sm (default: the project's, data/pipeline)"


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def bad_input_errors() -> tuple[type[Exception], ...]:
    """The exceptions that mean bad input or an output that cannot be written (one line, exit 2)."""
    from .actors import DictionaryError
    from .article import ArticleError
    from .compare import CompareError
    from .conllu import ConlluError
    from .corpus import CorpusError
    from .evaluation import DatasetError
    from .parse import PipelineError
    from .report import ReportError

    return (ArticleError, CompareError, DictionaryError, DatasetError, ReportError, CorpusError, ConlluError, PipelineError)


def run_tables(args) -> int:
    from .actors import load_dictionary
    from .article import load_article
    from .parse import load_pipeline, use_pipeline
    from .report import write_tables

    load_pipeline(args.spacy_model)  # a broken pipeline fails before any work
    use_pipeline(args.spacy_model)
    article = load_article(args.article)
    for path in write_tables(article, args.out, load_dictionary(args.dictionary, args.level, args.include_unlisted)):
        print(path)
    return 0


def notebook_setup(args) -> dict:
    """Load the pipeline the notebooks will parse with (a broken one fails before any work) and
    return the ``-p`` parameters, with ``spacy_model`` when one is given."""
    from .parse import load_pipeline, use_pipeline
    from .report import read_parameters

    load_pipeline(args.spacy_model)
    use_pipeline(args.spacy_model)
    parameters = read_parameters(args.parameter)
    if args.spacy_model:
        parameters["spacy_model"] = args.spacy_model
    return parameters


def run_report(args) -> int:
    from .report import build_report

    parameters = notebook_setup(args)
    out = args.out or PROJECT_DIR / "reports" / Path(args.article).stem
    build_report(args.article, out, parameters, dictionary_path=args.dictionary, level=args.level,
                 include_unlisted=args.include_unlisted)
    print(Path(out) / "index.html")
    return 0


def run_compare(args) -> int:
    from .report import build_comparison

    parameters = notebook_setup(args)
    build_comparison(args.articles, args.out, labels=args.label or None, parameters=parameters,
                     dictionary_path=args.dictionary, level=args.level, include_unlisted=args.include_unlisted)
    print(Path(args.out) / "index.html")
    return 0


def run_parse(args) -> int:
    from .conllu import format_conllu, read_conllu, score_parse
    from .files import write_atomically
    from .parse import load_pipeline, parse_sentences

    gold = read_conllu(args.file)
    predicted = parse_sentences(gold, load_pipeline(args.spacy_model))
    if args.out:
        write_atomically(args.out, format_conllu(predicted))
        print(args.out)
    if args.score:
        scores = score_parse(gold, predicted)
        print(f"{args.file}: {scores['words']} words (gold tokens)")
        for name in ("upos", "xpos", "lemma", "uas", "las"):
            print(f"{name.upper():<6}{scores[name]:.4f}")
    return 0


def run_polnear(args) -> int:
    from .actors import load_dictionary
    from .polnear import report_line, score_split

    if not (args.split / "attributions").is_dir() or not (args.split / "text").is_dir():
        print(f"python -m analysis polnear: error: {args.split}: not a PolNeAR split (no text/ and attributions/ folders)",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    counts = score_split(args.split, load_dictionary(args.dictionary), args.limit)
    print(report_line(args.split.name, counts))
    return 0


def predict_file(path) -> tuple:
    """The targets of a NewsMTSC file and this project's predictions for them."""
    from .evaluation import read_newsmtsc
    from .targeted import predict_targets

    data = read_newsmtsc(path)
    return data, predict_targets(zip(data["text"], data["start"], data["end"]))


def run_targets(args) -> int:
    import pandas as pd

    from .files import write_atomically
    from .report import table_csv

    data, predicted = predict_file(args.file)
    table = pd.DataFrame({"line": data["line"], "target": data["target"],
                          "label": predicted["label"], "score": predicted["score"].round(4)})
    write_atomically(args.out, table_csv(table))
    print(args.out)
    return 0


def run_evaluate(args) -> int:
    from .evaluation import DatasetError, evaluation_report
    from .sentiment import score_label, vader_score

    data, predicted = predict_file(args.file)
    if (data["gold"] == "").any():
        raise DatasetError(f"{args.file}: line {data.loc[data['gold'] == '', 'line'].iloc[0]}: a target has no polarity to evaluate against")
    vader_by_sentence = {text: score_label(vader_score(text)) for text in data["text"].unique()}
    print(evaluation_report(str(args.file), data["gold"], {
        "targeted (this project)": predicted["label"],
        "sentence VADER (baseline)": data["text"].map(vader_by_sentence),
    }))
    return 0


def run_corpus(args) -> int:
    from .corpus import check_corpus_out, stream_corpus, write_corpus

    check_corpus_out(args.out)  # refuse a foreign --out before any work
    with stream_corpus(args.input, text_column=args.text_column, id_column=args.id_column,
                       date_column=args.date_column, source_column=args.source_column,
                       title_column=args.title_column) as documents:
        paths = write_corpus(documents, args.out, csv=args.csv, engine=args.engine, workers=args.workers,
                             scheduler=args.scheduler, dictionary_path=args.dictionary, level=args.level,
                             include_unlisted=args.include_unlisted)
    for path in paths:
        print(path)
    return 0


LEVEL_HELP = ("party (default): people count for their party; person: every person the dictionary lists "
              "is an actor of their own (party_of names their party)")
UNLISTED_HELP = ("make the names the dictionary lacks that an article names twice or more (people and "
                 "organisations, not places) actors of kind unlisted")
DICTIONARY_HELP = ("actor dictionary in YAML: FILE instead of data/actors.yml, or +FILE to add FILE's "
                   "parties, people and outlets to it")


def add_actor_options(command: argparse.ArgumentParser) -> None:
    """``--dictionary``, ``--level`` and ``--include-unlisted``: who the actors are, for the
    commands that report on them."""
    command.add_argument("--dictionary", metavar="FILE|+FILE", help=DICTIONARY_HELP)
    command.add_argument("--level", choices=("party", "person"), default="party", help=LEVEL_HELP)
    command.add_argument("--include-unlisted", action="store_true", help=UNLISTED_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    tables = commands.add_parser("tables", help="write the article's tables as CSV (fast, no notebooks)")
    tables.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE), help="a .md, .txt or .html article (default: the reference article)")
    tables.add_argument("--out", required=True, type=Path, help="directory for the CSV files")
    add_actor_options(tables)
    tables.add_argument("--spacy-model", metavar="NAME_OR_PATH", help=SPACY_MODEL_HELP)
    tables.set_defaults(run=run_tables)

    report = commands.add_parser("report", help="execute every notebook on the article and write an HTML report")
    report.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE), help="a .md, .txt or .html article (default: the reference article)")
    report.add_argument("--out", type=Path, help="report directory (default: reports/<article name>)")
    report.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE", help="a notebook parameter, e.g. -p kwic_term=Iran (repeatable)")
    add_actor_options(report)
    report.add_argument("--spacy-model", metavar="NAME_OR_PATH", help=SPACY_MODEL_HELP)
    report.set_defaults(run=run_report)

    compare = commands.add_parser("compare", help="compare articles on one event side by side and write an HTML report")
    compare.add_argument("articles", nargs="+", metavar="ARTICLE", help="two or more .md, .txt or .html articles")
    compare.add_argument("--out", type=Path, required=True, help="report directory")
    compare.add_argument("--label", action="append", metavar="NAME",
                         help="a name for each article, in order (repeat once per article; default: the file names)")
    compare.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                         help="a parameter of notebooks/07_compare.ipynb, e.g. -p framing_party=Iran (repeatable)")
    add_actor_options(compare)
    compare.add_argument("--spacy-model", metavar="NAME_OR_PATH", help=SPACY_MODEL_HELP)
    compare.set_defaults(run=run_compare)

    targets = commands.add_parser("targets", help="targeted sentiment for every target of a NewsMTSC-format JSONL file")
    targets.add_argument("file", type=Path, help="JSONL with sentence_normalized and targets (from, to)")
    targets.add_argument("--out", type=Path, required=True, help="CSV to write: line, target, label, score")
    targets.set_defaults(run=run_targets)

    evaluate = commands.add_parser("evaluate", help="macro-F1, accuracy, per-class F1 and confusion matrix against the file's polarity")
    evaluate.add_argument("file", type=Path, help="JSONL in the NewsMTSC format, with polarity")
    evaluate.set_defaults(run=run_evaluate)

    corpus = commands.add_parser("corpus", help="run the pipeline over a folder of articles or a CSV/JSONL/Parquet table")
    corpus.add_argument("input", type=Path, help="a folder of .md/.txt/.html files, or a .csv, .jsonl or .parquet table")
    corpus.add_argument("--out", type=Path, required=True, help="directory for the Parquet tables")
    corpus.add_argument("--engine", choices=["pandas", "dask"], default="pandas", help="in process (default) or dask.distributed")
    corpus.add_argument("--workers", type=int, help="local Dask worker processes (default 2)")
    corpus.add_argument("--scheduler", help="address of a running Dask scheduler (instead of a local cluster)")
    corpus.add_argument("--text-column", default="text", help="the table's text column (default: text)")
    corpus.add_argument("--id-column", help="the table's id column (repeated ids get #2, #3...; default: row number)")
    corpus.add_argument("--date-column", help="the table's date column")
    corpus.add_argument("--source-column", help="the table's source column")
    corpus.add_argument("--title-column", help="the table's title column")
    add_actor_options(corpus)
    corpus.add_argument("--csv", action="store_true", help="also write each table as CSV")
    corpus.set_defaults(run=run_corpus)

    parse = commands.add_parser("parse", help="tag and parse a CoNLL-U file on its own tokens; write or score the result")
    parse.add_argument("file", type=Path, help="a CoNLL-U file (its words are kept; ids and forms never change)")
    parse.add_argument("--out", type=Path, help="CoNLL-U to write, with predicted LEMMA, UPOS, XPOS, HEAD and DEPREL")
    parse.add_argument("--score", action="store_true", help="print UPOS, XPOS, lemma accuracy, UAS and LAS against the file")
    parse.add_argument("--spacy-model", metavar="NAME_OR_PATH", help=SPACY_MODEL_HELP)
    parse.set_defaults(run=run_parse)

    polnear = commands.add_parser("polnear", help="score sentence voices on a PolNeAR split, with the mix of errors")
    polnear.add_argument("split", type=Path, help="a PolNeAR split folder, e.g. ../shared/data/polnear/dev")
    polnear.add_argument("--limit", type=int, help="score only the first N articles")
    polnear.add_argument("--dictionary", metavar="FILE|+FILE", help=DICTIONARY_HELP)
    polnear.set_defaults(run=run_polnear)
    return parser


def interrupt(signum, frame):
    """SIGINT and SIGTERM unwind as KeyboardInterrupt, so staging folders are removed and nothing
    is published.  SIGINT gets this handler too: with Python's default one, asyncio (inside the
    notebook runner) turns Ctrl-C into a task cancellation, which a library may swallow.  A
    corpus run also checks ``corpus.INTERRUPTED`` between chunks, in case the exception is lost."""
    corpus = sys.modules.get(f"{__package__ or 'analysis'}.corpus")
    if corpus is not None:
        corpus.INTERRUPTED.set()
    raise KeyboardInterrupt


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if __name__ == "__main__":  # only as a program: a library caller keeps its own handlers
        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGINT, interrupt)
    if args.command == "parse" and not (args.out or args.score):
        print("python -m analysis parse: error: give --out FILE, --score or both (see --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return args.run(args)
    except OSError as err:
        message = f"{err.filename or ''}: {err.strerror or err}".lstrip(": ")
    except KeyboardInterrupt:
        print("python -m analysis: interrupted", file=sys.stderr)
        return 130
    except Exception as err:
        if not isinstance(err, bad_input_errors()):
            raise
        message = str(err)
    print(f"python -m analysis: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
