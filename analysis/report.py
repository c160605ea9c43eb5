"""Write an article's tables as CSV, and its notebooks, executed on it, as an HTML report.

Nothing is ever half-written: tables go to a temporary file that replaces the old one in
one step, and a report is built in a temporary directory next to ``out`` and moved into place
only when it is complete.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import tempfile
import uuid
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .actors import actor_counts, cooccurrence, dictionary_spec, find_mentions, load_dictionary, unknown_names
from .article import Article, load_article
from .relations import alignment, find_relations
from .sentiment import actor_sentiment, mention_sentiment, sentence_sentiment
from .stance import stance_table
from .voices import add_voice, attribute_voices
from .files import staging_folder, write_atomically
from .paths import NOTEBOOKS_DIR
from .tokens import sentences, tokens

REPORT_MARKER = ".analysis-report"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class ReportError(RuntimeError):
    """A report or table output that cannot be written; the message says why."""


ARTICLE_TABLES = ["sentences", "tokens", "mentions", "actor_counts", "cooccurrence", "unknown_names",
                  "sentence_sentiment", "actor_sentiment", "voices", "stance", "relations", "alignment"]


def article_tables(article: Article, dictionary=None, names=None) -> dict[str, pd.DataFrame]:
    """Return the tables of the pipeline for one article, by name (the CSV file's stem).

    ``dictionary`` is a loaded actor dictionary (default: ``data/actors.yml``).  ``names``
    picks tables from ``ARTICLE_TABLES`` (default: all, in that order); only what they need
    is computed, so a corpus run that wants no tokens does not tokenise.
    """
    names = ARTICLE_TABLES if names is None else list(names)
    unknown = [n for n in names if n not in ARTICLE_TABLES]
    if unknown:
        raise ValueError(f"unknown table {unknown[0]!r}; expected one of {', '.join(ARTICLE_TABLES)}")
    dictionary = dictionary or load_dictionary()
    mentions, voices = scored_mentions_and_voices(article, dictionary)
    done: dict[str, pd.DataFrame] = {"voices": voices}

    def table(name: str) -> pd.DataFrame:
        if name not in done:
            done[name] = build[name]()
        return done[name]

    build = {
        "sentences": lambda: add_voice(sentences(article), voices),
        "tokens": lambda: tokens(article),
        "mentions": lambda: add_voice(mentions, voices),
        "actor_counts": lambda: actor_counts(mentions),
        "cooccurrence": lambda: cooccurrence(mentions),
        "unknown_names": lambda: unknown_names(article, mentions, dictionary),
        "sentence_sentiment": lambda: add_voice(sentence_sentiment(article), voices),
        "actor_sentiment": lambda: actor_sentiment(mentions),
        "stance": lambda: stance_table(article, mentions, voices),
        "relations": lambda: find_relations(article, mentions, voices, dictionary=dictionary),
        "alignment": lambda: alignment(table("relations"), table("stance"), voices),
    }
    return {name: table(name) for name in names}


def scored_mentions_and_voices(article: Article, dictionary) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What every table of an article reads: its mentions with their targeted sentiment
    (``mention_sentiment``) and the voice of each sentence (``attribute_voices``), with the
    loaded ``dictionary``.  The corpus reads the same (``corpus.document_tables``)."""
    return mention_sentiment(article, find_mentions(article, dictionary)), attribute_voices(article, dictionary)


def table_csv(table: pd.DataFrame) -> str:
    """The CSV text of a table: header row, no index, LF line ends (byte-identical on reruns)."""
    return table.to_csv(index=False, lineterminator="\n")


def write_tables(article: Article, out, dictionary=None) -> list[Path]:
    """Write each table of ``article_tables`` as ``out/<name>.csv``; return the paths."""
    return write_table_files(article_tables(article, dictionary), out)


def write_table_files(tables: dict[str, pd.DataFrame], out) -> list[Path]:
    """Write tables as ``out/<name>.csv``, each file atomically; return the paths."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out}: exists and is not a directory")
    csvs = {name: table_csv(table) for name, table in tables.items()}
    paths = []
    for name, text in csvs.items():
        write_atomically(out / f"{name}.csv", text)
        paths.append(out / f"{name}.csv")
    return paths


def report_notebooks() -> list[Path]:
    """The numbered per-article notebooks (``NN_name.ipynb``) in reading order.

    A notebook whose metadata says ``"analysis": {"scope": "corpus"}`` (06_corpus) or
    ``"compare"`` (07_compare, the comparison report's) reads more than the article, and is
    left out.
    """
    found = [p for p in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")) if notebook_scope(p) == "article"]
    if not found:
        raise ReportError(f"{NOTEBOOKS_DIR}: no notebooks found (is the package installed from a checkout?)")
    return found


def notebook_scope(path: Path) -> str:
    """``"corpus"``, ``"compare"`` or ``"article"`` (the default), from the notebook's ``analysis.scope`` metadata."""
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return metadata.get("analysis", {}).get("scope", "article")


def log(message: str) -> None:
    """Progress on stderr, so stdout stays clean for pipes."""
    print(f"report: {message}", file=sys.stderr, flush=True)


def build_report(article_path, out, parameters: dict | None = None, dictionary_path=None, progress=log,
                 level: str = "party", include_unlisted: bool = False) -> Path:
    """Execute every notebook on ``article_path`` and write the report directory ``out``.

    ``out`` receives ``index.html``, ``tables/<name>.csv``, and for each notebook
    ``notebooks/<name>.ipynb`` (executed), ``<name>.html`` (reader version, no code) and
    ``<name>.full.html`` (with code).  ``parameters`` are passed to every notebook's
    parameters cell besides ``article_path``, ``dictionary_path`` (when given), ``level``
    (``"party"`` or ``"person"``) and ``include_unlisted`` (``actors.dictionary_view``).
    Returns ``out``.
    """
    from .frontpage import front_page

    article_path = Path(article_path).resolve()
    article = load_article(article_path)  # fail on bad input before doing any work
    dictionary = load_dictionary(dictionary_path, level, include_unlisted)
    parameters = notebook_parameters(parameters, dictionary_path, level, include_unlisted)
    out = Path(out).resolve()
    check_replaceable(out)
    notebooks = report_notebooks()
    with staged(out, REPORT_MARKER, "written by `python -m analysis report`\n") as staging:
        progress(f"writing tables for {article_path.name}")
        tables = article_tables(article, dictionary)
        write_table_files(tables, staging / "tables")
        pages = []
        for n, notebook in enumerate(notebooks, 1):
            progress(f"[{n}/{len(notebooks)}] executing {notebook.name}")
            executed = execute_notebook(notebook, staging / "notebooks", article_path, parameters)
            pages.append(export_html(executed, tables))
        csvs = sorted((staging / "tables").glob("*.csv"))
        write_atomically(staging / "index.html", front_page(article, tables, pages, csvs))
    progress(f"done: {out / 'index.html'}")
    return out


def notebook_parameters(parameters: dict | None, dictionary_path, level: str, include_unlisted: bool,
                        **more) -> dict:
    """The parameters a report gives its notebooks: the user's, then ``level``,
    ``include_unlisted``, ``dictionary_path`` (when given, as ``dictionary_spec`` writes it) and
    ``more``."""
    parameters = {**(parameters or {}), "level": level, "include_unlisted": include_unlisted, **more}
    if dictionary_path is not None:
        parameters["dictionary_path"] = dictionary_spec(dictionary_path)
    return parameters


@contextlib.contextmanager
def staged(out: Path, marker: str, note: str):
    """Yield an empty staging folder beside ``out``; when the block ends without error, write
    ``note`` to its ``marker`` file and swap it in for ``out`` in one step (``publish``);
    otherwise remove it, leaving ``out`` as it was."""
    staging = staging_folder(out)
    try:
        yield staging
        (staging / marker).write_text(note, encoding="utf-8")
        publish(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


COMPARE_NOTEBOOK = "07_compare.ipynb"
COMPARE_CHARTS = ("compare_counts", "compare_speakers", "compare_stance")


def build_comparison(article_paths, out, labels: list[str] | None = None, parameters: dict | None = None,
                     dictionary_path=None, progress=log, level: str = "party", include_unlisted: bool = False) -> Path:
    """Compare two or more articles on one event and write the comparison report ``out``.

    ``out`` receives ``index.html`` (the articles side by side, charts, the conclusion),
    ``tables/<name>.csv`` (``compare.COMPARE_TABLES``), the front page's charts under
    ``charts/``, and ``notebooks/07_compare.ipynb`` executed on the articles with its reader
    and full pages.  ``labels`` name the articles (default: their file names); the other
    arguments are ``build_report``'s.  Returns ``out``.
    """
    from .compare import compare_tables, outlets_from_files
    from .frontpage import comparison_page
    from .summaries import draw_summary

    article_paths = [Path(p).resolve() for p in article_paths]
    outlets = outlets_from_files(article_paths, labels)  # fail on bad input before doing any work
    labels = [label for label, _ in outlets]
    dictionary = load_dictionary(dictionary_path, level, include_unlisted)
    parameters = notebook_parameters(parameters, dictionary_path, level, include_unlisted,
                                     article_paths=[str(p) for p in article_paths], labels=labels)
    out = Path(out).resolve()
    check_replaceable(out)
    with staged(out, REPORT_MARKER, "written by `python -m analysis compare`\n") as staging:
        progress(f"comparing {len(outlets)} articles: {', '.join(labels)}")
        tables = compare_tables(outlets, dictionary)
        write_table_files(tables, staging / "tables")
        (staging / "charts").mkdir()
        charts = [draw_summary(name, tables, staging / "charts" / f"{name}.png") for name in COMPARE_CHARTS]
        progress(f"executing {COMPARE_NOTEBOOK}")
        executed = execute_notebook(NOTEBOOKS_DIR / COMPARE_NOTEBOOK, staging / "notebooks", None, parameters)
        page = export_html(executed, tables)
        csvs = sorted((staging / "tables").glob("*.csv"))
        write_atomically(staging / "index.html", comparison_page(outlets, tables, charts, page, csvs))
    progress(f"done: {out / 'index.html'}")
    return out


def check_replaceable(out: Path) -> None:
    """Refuse to replace anything but a missing or empty directory or an earlier report."""
    if not out.exists():
        return
    if not out.is_dir():
        raise ReportError(f"{out}: exists and is not a directory")
    if any(out.iterdir()) and not (out / REPORT_MARKER).exists():
        raise ReportError(f"{out}: not empty and not a report written by this tool; choose another --out")


def publish(staging: Path, out: Path) -> None:
    """Move the finished ``staging`` directory to ``out``, replacing an earlier report."""
    if out.exists():
        old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex}")
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out)


# Parameters the report gives every notebook; a notebook that does not declare one (the
# tokenising notebook reads no dictionary) is not given it.
REPORT_PARAMETERS = ("dictionary_path", "level", "include_unlisted", "article_paths", "labels")


def execute_notebook(notebook: Path, out_dir: Path, article_path: Path | None, parameters: dict) -> Path:
    """Run ``notebook`` with papermill on the article (``article_path``, or None for a notebook
    that reads its inputs from ``parameters``); return the executed copy's path."""
    import papermill

    out_dir.mkdir(parents=True, exist_ok=True)
    executed = out_dir / notebook.name
    declared = set(papermill.inspect_notebook(str(notebook)))
    given = {k: v for k, v in parameters.items() if k not in REPORT_PARAMETERS or k in declared}
    for attempt in (1, 2):
        try:
            papermill.execute_notebook(
                str(notebook), str(executed),
                parameters={**given, **({} if article_path is None else {"article_path": str(article_path)})},
                kernel_name="python3", cwd=str(notebook.parent),
                kernel_manager_class=local_socket_kernel_manager(),
                progress_bar=False, log_output=False, stdout_file=None, stderr_file=None,
            )
            return executed
        except papermill.PapermillExecutionError as err:
            raise ReportError(f"{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}") from None
        except Exception as err:  # noqa: BLE001 - the kernel did not start or died (e.g. a port taken meanwhile)
            if attempt == 2:
                detail = " ".join(str(err).split()) or type(err).__name__
                raise ReportError(f"{notebook.name}: the notebook kernel failed twice: {type(err).__name__}: {detail}") from None


@lru_cache(maxsize=1)
def local_socket_kernel_manager():
    """Return a Jupyter kernel manager class whose kernels talk over Unix sockets, not TCP.

    A kernel on TCP warns on every start that its traffic is unencrypted (a report user reads
    that as a problem) and needs free ports, which two reports started at once can race for.
    Each kernel gets socket files of its own under the temporary folder; they are removed
    when the kernel shuts down.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class LocalSocketKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            return os.path.join(tempfile.gettempdir(), f"analysis-kernel-{uuid.uuid4().hex}")

        async def _async_interrupt_kernel(self):
            # jupyter_client interrupts a kernel before asking it to shut down; a notebook run
            # shuts its kernel down only when no cell runs, and the interrupt, racing the
            # shutdown request, makes the kernel log "KeyboardInterrupt caught in kernel".
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return LocalSocketKernelManager


def export_html(executed: Path, tables: dict[str, pd.DataFrame]) -> dict:
    """Export an executed notebook, beside it, as a reader page (no code) and a full page.

    Returns ``{"title", "reader", "full", "front"}``: the title, the file names of the pages,
    and the notebook's front-page chart (``summaries.draw_summary``'s dict, drawn from
    ``tables``), or None when its metadata names none (``"analysis": {"front_chart": ...}``).
    Tables longer than ``FOLDED_ROWS`` show their first rows, the rest behind "show all".
    """
    import nbformat
    from nbconvert import HTMLExporter

    from .summaries import draw_summary

    nb = nbformat.read(executed, as_version=4)
    title = notebook_title(nb) or executed.stem
    nb.metadata["title"] = title
    fold_long_tables(nb)
    pages = {"title": title}
    for kind, suffix, hide_code in (("reader", ".html", True), ("full", ".full.html", False)):
        exporter = HTMLExporter(
            template_name="offline", extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_input=hide_code, exclude_input_prompt=hide_code, exclude_output_prompt=hide_code,
        )
        body, _ = exporter.from_notebook_node(nb)
        write_atomically(executed.with_name(f"{executed.stem}{suffix}"), body)
        pages[kind] = f"{executed.stem}{suffix}"
    chart = nb.metadata.get("analysis", {}).get("front_chart")
    pages["front"] = draw_summary(chart, tables, executed.with_name(f"{executed.stem}.front.png")) if chart else None
    return pages


# A table of more rows than this shows its first SHOWN_ROWS; the whole table is one click away.
FOLDED_ROWS = 15
SHOWN_ROWS = 8
TABLE_BODY = re.compile(r"(<tbody>\s*)(.*?)(\s*</tbody>)", re.S)
TABLE_ROW = re.compile(r"<tr\b.*?</tr>", re.S)


def fold_table_html(page: str, folded: int = FOLDED_ROWS, shown: int = SHOWN_ROWS) -> str:
    """Return a pandas HTML table of more than ``folded`` rows as its first ``shown`` rows
    followed by a ``<details>`` element holding the whole table; shorter tables unchanged."""
    body = TABLE_BODY.search(page)
    rows = TABLE_ROW.findall(body.group(2)) if body else []
    if len(rows) <= folded:
        return page
    head = page[: body.start(2)] + "\n    ".join(rows[:shown]) + page[body.end(2):]
    return (f"{head}<details class='all-rows'><summary>Show all {len(rows)} rows</summary>{page}</details>")


def fold_long_tables(nb) -> None:
    """Fold every long table output of ``nb`` in place (``fold_table_html``)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data and "<table" in data["text/html"]:
                data["text/html"] = fold_table_html(data["text/html"])


def notebook_title(nb) -> str | None:
    """The first markdown heading of a notebook, without its ``#`` marks."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return None


def read_parameters(pairs: list[str]) -> dict:
    """Parse ``NAME=VALUE`` pairs given on the command line (values read as YAML scalars)."""
    import yaml

    parameters = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise ReportError(f"parameter {pair!r} is not NAME=VALUE")
        try:
            parameters[name] = yaml.safe_load(value) if value else ""
        except yaml.YAMLError:
            parameters[name] = value
    return parameters

