"""Command line: ``python -m analysis tables|report ARTICLE --out DIR``.

Errors print one line on stderr and exit with status 2; nothing half-written is left in --out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .actors import DictionaryError, load_dictionary
from .article import ArticleError, load_article
from .paths import DEFAULT_ARTICLE, PROJECT_DIR
from .report import ReportError, build_report, read_parameters, write_tables

EXIT_BAD_INPUT = 2


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message):
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def run_tables(args) -> int:
    article = load_article(args.article)
    for path in write_tables(article, args.out, load_dictionary(args.dictionary)):
        print(path)
    return 0


def run_report(args) -> int:
    out = args.out or PROJECT_DIR / "reports" / Path(args.article).stem
    build_report(args.article, out, read_parameters(args.parameter), dictionary_path=args.dictionary)
    print(Path(out) / "index.html")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    tables = commands.add_parser("tables", help="write the article's tables as CSV (fast, no notebooks)")
    tables.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE), help="a .md, .txt or .html article (default: the reference article)")
    tables.add_argument("--out", required=True, type=Path, help="directory for the CSV files")
    tables.add_argument("--dictionary", type=Path, help="actor dictionary in YAML (default: data/actors.yml)")
    tables.set_defaults(run=run_tables)

    report = commands.add_parser("report", help="execute every notebook on the article and write an HTML report")
    report.add_argument("article", nargs="?", default=str(DEFAULT_ARTICLE), help="a .md, .txt or .html article (default: the reference article)")
    report.add_argument("--out", type=Path, help="report directory (default: reports/<article name>)")
    report.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE", help="a notebook parameter, e.g. -p kwic_term=Iran (repeatable)")
    report.add_argument("--dictionary", type=Path, help="actor dictionary in YAML (default: data/actors.yml)")
    report.set_defaults(run=run_report)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ArticleError, DictionaryError, ReportError) as err:
        message = str(err)
    except OSError as err:
        message = f"{err.filename or ''}: {err.strerror or err}".lstrip(": ")
    except KeyboardInterrupt:
        print("python -m analysis: interrupted", file=sys.stderr)
        return 130
    print(f"python -m analysis: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
