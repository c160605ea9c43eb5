"""Run the per-article pipeline over a corpus of documents, in process or on Dask.

A corpus is a folder of article files (``.md``, ``.markdown``, ``.txt``, ``.html``, ``.htm``;
not recursive; ``doc_id`` is the file name) or a table (``.csv``, ``.jsonl``/``.ndjson``,
``.parquet``) with one document per row.

Document ids are unique.  When the id column repeats a value, every row is kept: the first
occurrence keeps the id and later ones get ``#2``, ``#3``... in row order (``1919191763``,
``1919191763#2``), skipping any suffix that is already taken.  Without an id column, the id is
the 1-based row number, zero-padded to a common width so that ids sort in row order.

A bad document (empty, binary or undecodable, more than ``MAX_TEXT_BYTES`` of text, or any
exception in the pipeline) gives a ``documents`` row with ``error`` set to one line
(``ExceptionClass: message``) and no rows in the other tables; it never stops the run.

Results are the same whatever the engine: per-document tables are concatenated in the
corpus' order and then sorted by ``doc_id`` and each table's natural keys (a stable sort).
"""
from __future__ import annotations

import contextlib
from collections import deque
from functools import partial
import logging
import shutil
import sys
import threading
from pathlib import Path

import pandas as pd

from .actors import COUNT_COLUMNS, COUNT_DTYPES, MENTION_COLUMNS, actor_count_rows, dictionary_spec, load_dictionary
from .article import FORMATS, Article, ArticleError, assemble_article, load_article, parse_plain_text
from .frames import records_frame
from .relations import RELATION_COLUMNS, RELATION_DTYPES, relation_rows
from .report import scored_mentions_and_voices, staged, table_csv
from .sentiment import actor_sentiment_columns, actor_sentiment_rows
from .stance import STANCE_COLUMNS, stance_rows
from .tokens import count_words, parse_articles, sentence_spans
from .voices import SENTENCE_VOICE_COLUMNS, may_report, sentence_offset_rows, voice_rows

CORPUS_MARKER = ".analysis-corpus"
MAX_TEXT_BYTES = 5 * 1024 * 1024
CHUNK_SIZE = 20
# Chunks in flight per Dask worker (run_dask).
WINDOW_PER_WORKER = 4
DOCUMENT_COLUMNS = ["doc_id", "title", "date", "source", "text", "path"]
RESULT_DOCUMENT_COLUMNS = ["doc_id", "title", "date", "source", "words", "sentences", "error"]
# table name -> its natural keys after doc_id (the sort order of the corpus table)
TABLE_KEYS = {
    "mentions": ["mention_id"],
    "actor_counts": ["party"],
    "actor_sentiment": ["party"],
    "stance": ["voice", "party"],
    "relations": ["sentence_id", "source_party", "relation", "target_party"],
    "voices": ["sentence_id"],
}
TABLE_NAMES = ["documents", *TABLE_KEYS]
# the corpus' mentions: a mention's columns and its targeted sentiment (then its sentence's voice)
CORPUS_MENTION_COLUMNS = [*MENTION_COLUMNS, "sentiment", "label", "evidence"]
# tables a chunk builds once from its documents' rows: name -> (columns after doc_id, declared dtypes)
ROW_TABLES = {
    "mentions": ([*CORPUS_MENTION_COLUMNS, "voice"],
                 {**{c: "int64" for c in ("mention_id", "sentence_id", "start", "end")}, "location": "bool",
                  "sentiment": "float64"}),
    "actor_counts": (COUNT_COLUMNS, COUNT_DTYPES),
    "actor_sentiment": (actor_sentiment_columns(), {}),
    "stance": (STANCE_COLUMNS, {}),
    "relations": (RELATION_COLUMNS, RELATION_DTYPES),
    "voices": (SENTENCE_VOICE_COLUMNS, {c: "int64" for c in SENTENCE_VOICE_COLUMNS if c.endswith(("_id", "start", "end"))}),
}
TEXT = pd.StringDtype(na_value=float("nan"))  # pandas' default string dtype: missing values are NaN
TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


# Set by the command line's SIGINT/SIGTERM handler (``analysis.__main__.interrupt``), which also
# raises KeyboardInterrupt: the corpus loops stop at the next chunk even when that exception was
# swallowed, as one raised while a ``__del__`` runs (Dask's futures have one) is printed and ignored.
INTERRUPTED = threading.Event()


def stop_if_interrupted() -> None:
    """Raise KeyboardInterrupt when the run was interrupted (``INTERRUPTED``)."""
    if INTERRUPTED.is_set():
        raise KeyboardInterrupt


class CorpusError(ValueError):
    """A corpus that cannot be read or written; the message names the file and the problem."""


# --- reading --------------------------------------------------------------------------------


def read_corpus(path, text_column: str = "text", id_column: str | None = None, date_column: str | None = None,
                source_column: str | None = None, title_column: str | None = None,
                keep_columns: list[str] = ()) -> pd.DataFrame:
    """Return the documents of a corpus: ``doc_id, title, date, source, text, path``, in the
    order of the folder's sorted file names or of the table's rows.

    ``path`` is a folder of article files (``text`` is None and ``path`` names the file; it is
    read with ``load_article`` when processed) or a CSV/JSONL/Parquet table (``path`` is None).
    The ``*_column`` arguments name the table's columns; metadata columns left out are None.
    ``keep_columns`` are more of the table's columns to keep as text, after those (an event
    id, say); a folder has none.  The whole corpus is in memory; ``stream_corpus`` reads a
    table a chunk at a time instead, with the same documents.
    Raises ``CorpusError`` (a ``ValueError``) naming the file for a missing file or column.
    """
    source = TableSource(path, text_column, id_column, date_column, source_column, title_column, keep_columns)
    if source.folder is not None:
        return source.folder
    records = [record for batch in source.batches() for record in batch]
    columns = DOCUMENT_COLUMNS + [c for c in keep_columns if c not in DOCUMENT_COLUMNS]
    return pd.DataFrame(records, columns=columns, dtype=object)


def stream_corpus(path, text_column: str = "text", id_column: str | None = None, date_column: str | None = None,
                  source_column: str | None = None, title_column: str | None = None,
                  keep_columns: list[str] = ()) -> "CorpusStream":
    """The documents of ``read_corpus`` (same arguments) as a ``CorpusStream``: a table is
    read ``READ_ROWS`` rows at a time, so memory does not grow with the input.

    A first pass reads the id column alone (the unique-id rule and the ``doc_id`` order need
    every id); a second reads the documents.  When the ids are not in order already, the
    second pass stores the documents in a temporary SQLite file, from which they are read back
    in ``doc_id`` order.  Use it as a context manager: the file is removed on exit.
    """
    return CorpusStream(TableSource(path, text_column, id_column, date_column, source_column, title_column,
                                    keep_columns))


# Rows per read of a table file: few, so that even documents near MAX_TEXT_BYTES (each is read
# before it is refused) keep a read to some 100 MB.
READ_ROWS = 20


class TableSource:
    """A corpus file opened for reading in batches of ``READ_ROWS`` rows; ``folder`` is the
    documents of a folder (small: names only), else None.  Checks the file and its columns."""

    def __init__(self, path, text_column="text", id_column=None, date_column=None, source_column=None,
                 title_column=None, keep_columns=()):
        self.path = path = Path(path)
        self.roles = {"text": text_column, "id": id_column, "date": date_column, "source": source_column,
                      "title": title_column}
        self.keep_columns = list(keep_columns)
        self.folder = None
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        if path.is_dir():
            self.folder = read_folder(path)
            return
        self.kind = TABLE_SUFFIXES.get(path.suffix.lower())
        if self.kind is None:
            raise CorpusError(f"{path}: unsupported corpus file type {path.suffix or '(none)'!r}; "
                              f"expected a folder or one of {', '.join(sorted(TABLE_SUFFIXES))}")
        self.ids = self.read_ids()

    def wanted(self) -> list[str]:
        return list(dict.fromkeys([c for c in self.roles.values() if c is not None] + self.keep_columns))

    def read_ids(self) -> list[str]:
        """The first pass: every row's ``doc_id`` (from the id column alone, or row numbers),
        after checking that every named column is in the file."""
        id_column = self.roles["id"]
        seen: set[str] = set()
        raw: list = []
        n = 0
        for frame in self.frames([id_column] if id_column else [], seen):
            n += len(frame)
            if id_column is not None and id_column in frame.columns:
                raw += [as_text(v) or "" for v in frame[id_column]]
            elif id_column is not None:
                raw += [""] * len(frame)
        for role, column in (*((r, c) for r, c in self.roles.items()), *(("such", c) for c in self.keep_columns)):
            if column is not None and column not in seen:
                found = ", ".join(map(str, sorted(seen, key=str))) or "none"
                raise CorpusError(f"{self.path}: no {role} column {column!r} (columns: {found})")
        if id_column is None:
            return [f"{i:0{len(str(n))}d}" for i in range(1, n + 1)]
        return unique_ids(raw)

    def frames(self, columns: list[str], seen: set | None = None):
        """Yield DataFrames of up to ``READ_ROWS`` rows of ``columns`` (those the file has), in
        row order; ``seen`` collects every column name the file has."""
        try:
            if self.kind == "csv":
                yield from self.csv_frames(columns, seen)
            elif self.kind == "jsonl":
                yield from self.json_frames(columns, seen)
            else:
                import pyarrow.parquet as pq

                table = pq.ParquetFile(self.path)
                names = table.schema_arrow.names
                if seen is not None:
                    seen.update(names)
                keep = [c for c in names if c in columns] or names[:1]
                for batch in table.iter_batches(batch_size=READ_ROWS, columns=keep):
                    yield batch.to_pandas()
        except CorpusError:
            raise
        except (ValueError, UnicodeDecodeError, OSError, ImportError) as err:
            raise CorpusError(f"{self.path}: cannot be read as {self.kind} ({one_line(err)})") from None

    def csv_frames(self, columns: list[str], seen: set | None):
        """``frames`` of a CSV file, read a row at a time with the ``csv`` module (pandas'
        chunked reader holds several times a chunk): every value a string, an empty field None,
        repeated header names numbered as pandas does ("a", "a.1")."""
        import csv

        csv.field_size_limit(2**31 - 1)
        with open(self.path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next((row for row in reader if row), None)
            if header is None:
                raise CorpusError(f"{self.path}: cannot be read as csv (no header row)")
            header = numbered_names(header)
            if seen is not None:
                seen.update(header)
            where = [(c, header.index(c)) for c in columns if c in header]
            rows: list[list] = []
            for row in reader:
                if not row:
                    continue
                if len(row) > len(header):
                    raise CorpusError(f"{self.path}: cannot be read as csv (line {reader.line_num}: "
                                      f"{len(row)} fields, the header has {len(header)})")
                rows.append([row[k] or None if k < len(row) else None for _, k in where])
                if len(rows) == READ_ROWS:
                    yield pd.DataFrame(rows, columns=[c for c, _ in where], dtype=object)
                    rows = []
            if rows:
                yield pd.DataFrame(rows, columns=[c for c, _ in where], dtype=object)

    def json_frames(self, columns: list[str], seen: set | None):
        """``frames`` of a JSONL file, a line at a time: each value as the line holds it (no
        guessing of dates or numbers), a missing key None."""
        import json

        rows: list[dict] = []
        with open(self.path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as err:
                    raise CorpusError(f"{self.path}: cannot be read as jsonl (line {number}: {one_line(err)})") from None
                if not isinstance(row, dict):
                    raise CorpusError(f"{self.path}: cannot be read as jsonl (line {number} is not an object)")
                if seen is not None:
                    seen.update(row)
                rows.append({c: row.get(c) for c in columns})
                if len(rows) == READ_ROWS:
                    yield pd.DataFrame(rows, columns=columns, dtype=object)
                    rows = []
        if rows:
            yield pd.DataFrame(rows, columns=columns, dtype=object)

    def batches(self):
        """Yield the documents (``DOCUMENT_COLUMNS`` + ``keep_columns`` records) in row order,
        ``READ_ROWS`` at a time."""
        roles = self.roles
        ids = iter(self.ids)
        for frame in self.frames(self.wanted()):
            n = len(frame)
            records = {
                "doc_id": [next(ids) for _ in range(n)],
                "title": column_values(frame, roles["title"]),
                "date": column_values(frame, roles["date"]),
                "source": column_values(frame, roles["source"]),
                "text": [refused_if_oversize(v if isinstance(v, (str, bytes)) else as_text(v)) for v in frame[roles["text"]]],
                "path": [None] * n,
            }
            for column in self.keep_columns:
                if column not in records:
                    records[column] = column_values(frame, column)
            yield [dict(zip(records, values)) for values in zip(*records.values())]


def numbered_names(names: list[str]) -> list[str]:
    """Column names made unique as pandas makes them: a repeated "a" becomes "a.1", "a.2"."""
    out: list[str] = []
    for name in names:
        candidate, k = name, 0
        while candidate in out:
            k += 1
            candidate = f"{name}.{k}"
        out.append(candidate)
    return out


class OversizeText:
    """The place of a text over ``MAX_TEXT_BYTES``, refused as it is read (``document_article``
    reports it): a corpus row never carries megabytes it cannot process."""

    def __init__(self, size: int):
        self.size = size

    def __repr__(self) -> str:
        return f"<text of {self.size} bytes, over the limit of {MAX_TEXT_BYTES}>"

    def __eq__(self, other) -> bool:
        return isinstance(other, OversizeText) and other.size == self.size


def refused_if_oversize(text):
    """``text``, or an ``OversizeText`` when it is a string whose UTF-8 form is longer than
    ``MAX_TEXT_BYTES`` (bytes are checked as they are decoded, by ``document_article``)."""
    if not isinstance(text, str) or len(text) <= MAX_TEXT_BYTES // 4:
        return text
    size = len(text.encode("utf-8", errors="surrogatepass"))
    return OversizeText(size) if size > MAX_TEXT_BYTES else text


class CorpusStream:
    """A corpus read a chunk at a time (``stream_corpus``): ``len()`` documents, ``chunks()``
    yields them as lists of ``CHUNK_SIZE`` records in ``doc_id`` order, as ``corpus_chunks``
    does for a DataFrame."""

    def __init__(self, source: TableSource):
        self.source = source
        self.store = None  # a temporary SQLite file when the rows are not in doc_id order

    def __len__(self) -> int:
        return len(self.source.folder) if self.source.folder is not None else len(self.source.ids)

    def __enter__(self) -> "CorpusStream":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.store is not None:
            self.store.cleanup()
            self.store = None

    def chunks(self):
        if self.source.folder is not None:
            yield from corpus_chunks(self.source.folder)
            return
        ids = self.source.ids
        if all(a < b for a, b in zip(ids, ids[1:])):
            records = (record for batch in self.source.batches() for record in batch)
        else:
            records = self.sorted_records()
        chunk = []
        for record in records:
            chunk.append(record)
            if len(chunk) == CHUNK_SIZE:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def sorted_records(self):
        """The documents in ``doc_id`` order, through a temporary SQLite file (its primary key
        orders the rows; SQLite compares UTF-8 bytes, which is Python's order of strings)."""
        import pickle
        import sqlite3
        import tempfile

        self.close()
        self.store = tempfile.TemporaryDirectory(prefix="analysis-corpus-")
        db = sqlite3.connect(Path(self.store.name) / "documents.sqlite")
        try:
            db.execute("CREATE TABLE documents (doc_id TEXT PRIMARY KEY, record BLOB)")
            for batch in self.source.batches():
                db.executemany("INSERT INTO documents VALUES (?, ?)",
                               [(r["doc_id"], pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL)) for r in batch])
            db.commit()
            cursor = db.execute("SELECT record FROM documents ORDER BY doc_id")
            while rows := cursor.fetchmany(CHUNK_SIZE):
                yield from (pickle.loads(row[0]) for row in rows)
        finally:
            db.close()


def read_folder(folder: Path) -> pd.DataFrame:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)
    if not files:
        raise CorpusError(f"{folder}: no article files ({', '.join(sorted(FORMATS))}) in this folder")
    return pd.DataFrame({
        "doc_id": [p.name for p in files], "title": None, "date": None, "source": None, "text": None,
        "path": [str(p) for p in files],
    }, columns=DOCUMENT_COLUMNS).astype(object)


def unique_ids(ids: list[str]) -> list[str]:
    """Make ids unique in order: a repeated id gets ``#2``, ``#3``... (never an id already used)."""
    taken = set(ids)
    seen, out = {}, []
    for doc_id in ids:
        if doc_id not in seen:
            seen[doc_id] = 1
            out.append(doc_id)
            continue
        n = seen[doc_id]
        while True:
            n += 1
            candidate = f"{doc_id}#{n}"
            if candidate not in taken:
                break
        seen[doc_id] = n
        taken.add(candidate)
        out.append(candidate)
    return out


def as_text(value) -> str | None:
    """A metadata value as a string; None for missing values."""
    if value is None or (not isinstance(value, (list, dict, str, bytes)) and pd.isna(value)):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def column_values(table: pd.DataFrame, column: str | None) -> list:
    if column is None:
        return [None] * len(table)
    return [as_text(v) for v in table[column]]


# --- one document ---------------------------------------------------------------------------


def too_long(name, size: int) -> ArticleError:
    """The error of a text of ``size`` bytes, over ``MAX_TEXT_BYTES``."""
    return ArticleError(f"{name}: {size} bytes of text, more than the limit of {MAX_TEXT_BYTES}")


def document_article(row) -> Article:
    """The Article of a corpus row: ``load_article`` for a file, plain text for a table's text.

    Raises ``ArticleError`` for empty, binary, undecodable or too long (> 5 MB) text.
    """
    doc_id = row.get("doc_id")
    path = row.get("path")
    if isinstance(path, str) and path:
        size = Path(path).stat().st_size if Path(path).exists() else 0
        if size > MAX_TEXT_BYTES:
            raise too_long(path, size)
        return load_article(path)
    raw = row.get("text")
    if isinstance(raw, OversizeText):
        raise too_long(doc_id, raw.size)
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            raise ArticleError(f"{doc_id}: binary data, not a text article")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ArticleError(f"{doc_id}: not UTF-8 text (byte 0x{raw[err.start]:02x} at position {err.start})") from None
    if raw is None or (not isinstance(raw, str) and pd.isna(raw)):
        raise ArticleError(f"{doc_id}: empty text")
    if not isinstance(raw, str):
        raise ArticleError(f"{doc_id}: text is a {type(raw).__name__}, not a string")
    size = len(raw.encode("utf-8", errors="surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise too_long(doc_id, size)
    if not raw.strip():
        raise ArticleError(f"{doc_id}: empty text")
    if "\x00" in raw or any("\ud800" <= c <= "\udfff" for c in raw):
        raise ArticleError(f"{doc_id}: binary or undecodable data, not a text article")
    controls = sum(1 for c in raw if c < " " and c not in "\t\n\r\f\v")
    if controls > max(8, len(raw) // 100):
        raise ArticleError(f"{doc_id}: binary data, not a text article ({controls} control characters)")
    pieces, title = parse_plain_text(raw)
    if not pieces:
        raise ArticleError(f"{doc_id}: no visible text")
    return assemble_article(str(doc_id), "text", raw, pieces, title)


def document_info(row) -> dict:
    """The ``documents`` row of a corpus row before processing: its metadata, no counts yet."""
    return {"doc_id": as_text(row.get("doc_id")), "title": as_text(row.get("title")), "date": as_text(row.get("date")),
            "source": as_text(row.get("source")), "words": None, "sentences": None, "error": None}


def error_text(err: BaseException) -> str:
    return f"{type(err).__name__}: {one_line(err)}"


def process_document(row, dictionary=None, article: Article | None = None) -> dict:
    """The corpus tables of one document, each with ``doc_id`` first; never raises.

    Returns ``documents``, the document's row as a dict (``doc_id, title, date, source, words,
    sentences, error``), and the DataFrames ``mentions``, ``actor_counts``, ``actor_sentiment``,
    ``stance``, ``relations`` and ``voices`` (one row per sentence: its ``start``/``end`` raw
    offsets, then the columns of ``voices.csv``).  For a bad document ``error`` is ``"ExceptionClass: message"``
    and the other tables are empty.  ``article`` is the row's Article when already loaded.
    """
    tables = document_tables(row, dictionary, article)
    chunk = chunk_tables([tables])
    return {"documents": tables["documents"], **{name: chunk[name] for name in TABLE_KEYS}}


def document_tables(row, dictionary=None, article: Article | None = None) -> dict:
    """``process_document`` before ``chunk_tables``: no ``doc_id`` columns, and the tables of
    ``ROW_TABLES`` as lists of row tuples (a chunk builds each of them once); a bad document's
    tables are ``failed_document``'s.  The same tables as ``report.article_tables``."""
    info = document_info(row)
    try:
        article = article or document_article(row)
        dictionary = dictionary or load_dictionary()
        mentions, voices = scored_mentions_and_voices(article, dictionary)
        tables = {
            "mentions": voice_rows(mentions, voices, CORPUS_MENTION_COLUMNS),
            "actor_counts": actor_count_rows(mentions),
            "actor_sentiment": actor_sentiment_rows(mentions),
            "stance": stance_rows(article, mentions, voices),
            "relations": relation_rows(article, mentions, voices, dictionary=dictionary),
            "voices": sentence_offset_rows(article, voices),
        }
        info["title"] = info["title"] or article.title
        info["words"] = count_words(article)
        info["sentences"] = len(sentence_spans(article))
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the corpus
        return failed_document(row, err)
    return {"documents": info, **tables}


def chunk_tables(results: list[dict]) -> dict:
    """The tables of a chunk's documents (``document_tables``), each built or concatenated
    once and given its ``doc_id`` column once (``combine`` then sorts them)."""
    out: dict = {"documents": documents_frame([r["documents"] for r in results])}
    ids = [r["documents"]["doc_id"] for r in results]
    for name in TABLE_KEYS:
        parts = [r[name] for r in results]
        out[name] = rows_table(name, ids, parts) if name in ROW_TABLES else stacked_table(ids, parts)
    return out


def stacked_table(ids: list[str], frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The documents' tables one after the other, ``doc_id`` first."""
    filled = [(doc_id, f) for doc_id, f in zip(ids, frames) if len(f)]
    if filled:
        table = pd.concat([f for _, f in filled], ignore_index=True)
        doc_ids = [doc_id for doc_id, f in filled for _ in range(len(f))]
    else:  # no rows: the columns of a successful document's empty table, if any
        table, doc_ids = max(frames, key=lambda f: len(f.columns)).iloc[0:0].copy(), []
    table.insert(0, "doc_id", pd.Series(doc_ids, index=table.index, dtype=TEXT))
    return table


def rows_table(name: str, ids: list[str], parts: list) -> pd.DataFrame:
    """One table of ``ROW_TABLES`` from the documents' rows (a failed document's part is an
    empty DataFrame), ``doc_id`` first: the table the documents' own tables would stack into."""
    columns, dtypes = ROW_TABLES[name]
    if not any(isinstance(part, list) for part in parts):  # every document failed: doc_id alone
        return pd.DataFrame({"doc_id": pd.Series([], dtype=TEXT)})
    rows = [(doc_id, *row) for doc_id, part in zip(ids, parts) if isinstance(part, list) for row in part]
    return records_frame(rows, ["doc_id", *columns], {"doc_id": TEXT, **dtypes})


def failed_document(row, err: BaseException) -> dict:
    """``document_tables`` of a document that could not be loaded or processed: its error, and
    empty tables with no columns (no ``doc_id`` either)."""
    info = document_info(row)
    info["error"] = error_text(err)
    return {"documents": info, **{name: pd.DataFrame() for name in TABLE_KEYS}}


def load_chunk(rows: list[dict]) -> list[tuple[dict, Article | None, BaseException | None]]:
    """``(row, article, error)`` for each row: its Article, or the error that loading gave."""
    out = []
    for row in rows:
        try:
            out.append((row, document_article(row), None))
        except Exception as err:  # noqa: BLE001 - reported in the documents table
            out.append((row, None, err))
    return out


def parse_chunk(articles: list[Article], every_sentence: bool = False) -> None:
    """Parse a chunk's articles in one stream (``tokens.parse_articles``): the sentences that
    can report speech (``voices.may_report``), or ``every_sentence``.  The corpus tables read the
    parse of no other sentence but a few that voices reads on demand (a colon line, a sentence
    a later "he" refers to), which are parsed then.

    If the batch fails, nothing is cached and each article is parsed (and fails) on its own,
    so one bad document still gets its own error.
    """
    from .parse import CHOSEN

    pipeline = CHOSEN["name"]
    try:
        parse_articles(articles, pipeline, None if every_sentence else partial(may_report, pipeline=pipeline))
    except Exception:  # noqa: BLE001 - the documents are parsed one by one instead
        pass


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RESULT_DOCUMENT_COLUMNS)
    for column in ("doc_id", "title", "date", "source", "error"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(TEXT)
    for column in ("words", "sentences"):
        frame[column] = frame[column].astype("Int64")
    return frame


def empty_table(name: str) -> pd.DataFrame:
    """A corpus table with no rows: the documents columns, or only ``doc_id`` for the others
    (their columns are known only from a document that was processed)."""
    return documents_frame([]) if name == "documents" else pd.DataFrame({"doc_id": pd.Series([], dtype=TEXT)})


def one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def process_chunk(rows: list[dict], dictionary_path: str | None = None, level: str = "party",
                  include_unlisted: bool = False) -> dict[str, pd.DataFrame]:
    """The corpus tables (``TABLE_NAMES``) of a chunk of documents, sorted like ``combine``'s.

    The chunk's articles are loaded first and all their sentences parsed in one stream of
    batches (``parse_chunk``); then each document's tables are built.  Runs in a worker.
    ``load_dictionary`` keeps the parsed dictionary until its file changes, so each process
    parses it once.
    """
    dictionary = load_dictionary(dictionary_path, level, include_unlisted)
    loaded = load_chunk(rows)
    # names the dictionary lacks are found with every sentence's parts of speech
    parse_chunk([article for _, article, _ in loaded if article is not None], every_sentence=include_unlisted)
    return combine([chunk_tables([failed_document(row, err) if article is None else document_tables(row, dictionary, article)
                                  for row, article, err in loaded])])


# --- the whole corpus -----------------------------------------------------------------------


def corpus_chunks(documents: pd.DataFrame) -> list[list[dict]]:
    """The documents as records in ``doc_id`` order, in chunks of ``CHUNK_SIZE``.

    Processing the chunks in this order and concatenating their (sorted) tables gives tables
    sorted by ``doc_id`` without sorting the whole corpus.
    """
    ordered = documents.sort_values("doc_id", kind="mergesort")
    records = ordered.to_dict("records")
    return [records[i:i + CHUNK_SIZE] for i in range(0, len(records), CHUNK_SIZE)]


def chunk_results(documents: pd.DataFrame, engine: str = "pandas", workers: int | None = None,
                  scheduler: str | None = None, progress: bool = True, dictionary_path=None, level: str = "party",
                  include_unlisted: bool = False):
    """Yield the tables of each chunk of ``documents`` (a DataFrame of ``read_corpus``, in the
    chunks of ``corpus_chunks``, or a ``CorpusStream``), in order.

    ``engine="pandas"`` runs in this process.  ``engine="dask"`` uses dask.distributed:
    ``Client(scheduler)`` when an address is given, else a new ``LocalCluster`` of ``workers``
    (default 2) single-threaded processes.  At most ``4 * workers`` chunks are in flight (two
    queued behind each running one, so a worker rarely waits while the oldest chunk, whose
    results are yielded first, is still running elsewhere), so neither the scheduler nor this
    process holds more than a few chunks' results at once.
    ``progress`` shows a bar (documents) on stderr.
    """
    if engine not in ("pandas", "dask"):
        raise CorpusError(f"unknown engine {engine!r}; expected 'pandas' or 'dask'")
    dictionary_path = dictionary_spec(dictionary_path)
    load_dictionary(dictionary_path, level, include_unlisted)  # a bad dictionary or level fails here, with one line, before any work
    chunks = documents.chunks() if isinstance(documents, CorpusStream) else corpus_chunks(documents)
    bar = progress_bar(len(documents), progress)
    try:
        if engine == "pandas":
            for chunk in chunks:
                yield process_chunk(chunk, dictionary_path, level, include_unlisted)
                bar.update(len(chunk))
                stop_if_interrupted()
        else:
            for chunk, tables in run_dask(chunks, workers, scheduler, dictionary_path, level, include_unlisted):
                yield tables
                bar.update(len(chunk))
                stop_if_interrupted()
    finally:
        bar.close()


def run_dask(chunks, workers, scheduler, dictionary_path, level: str = "party",
             include_unlisted: bool = False):
    """Yield ``(chunk, tables)`` for each chunk, in order, computed on a Dask cluster."""
    from dask.distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, processes=True,
                dashboard_address=":0", silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        window = WINDOW_PER_WORKER * (len(client.scheduler_info().get("workers", {})) or workers or 2)
        pending: deque = deque()
        for chunk in chunks:
            stop_if_interrupted()
            pending.append((chunk, client.submit(process_chunk, chunk, dictionary_path, level, include_unlisted, pure=False)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


class NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, enabled: bool):
    if not enabled:
        return NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc="corpus", unit="doc", file=sys.stderr)


def run_corpus(documents: pd.DataFrame, engine: str = "pandas", workers: int | None = None,
               scheduler: str | None = None, progress: bool = True, dictionary_path=None, level: str = "party",
               include_unlisted: bool = False) -> dict[str, pd.DataFrame]:
    """Process every document; return the corpus tables by name (``TABLE_NAMES``), in memory.

    See ``chunk_results`` for the engines; both give identical tables.  For corpora larger
    than memory use ``write_corpus``, which streams each chunk's tables to disk.
    """
    results = list(chunk_results(documents, engine, workers, scheduler, progress, dictionary_path, level, include_unlisted))
    return combine(results)


def combine(results: list[dict]) -> dict[str, pd.DataFrame]:
    """Concatenate per-document (or per-chunk) tables in order and sort them deterministically.

    ``documents`` entries may be dicts (one document's row) or DataFrames (a chunk's).
    """
    tables = {}
    for name in TABLE_NAMES:
        frames = [r[name] for r in results]
        if name == "documents":
            rows = [f for f in frames if isinstance(f, dict)]
            frames = [f for f in frames if not isinstance(f, dict)] + ([documents_frame(rows)] if rows else [])
        filled = [f for f in frames if len(f)]
        if filled:
            table = pd.concat(filled, ignore_index=True)
        else:
            # no rows at all: the columns of a successful document's empty table, if any
            table = max(frames, key=lambda f: len(f.columns), default=empty_table(name)).iloc[0:0]
        keys = ["doc_id", *[k for k in TABLE_KEYS.get(name, []) if k in table.columns]]
        tables[name] = table.sort_values(keys, kind="mergesort", na_position="last").reset_index(drop=True)
    return tables


# --- writing --------------------------------------------------------------------------------


def check_corpus_out(out) -> Path:
    """Raise ``CorpusError`` unless ``out`` is missing, empty or an earlier corpus output."""
    out = Path(out).resolve()
    if out.exists():
        if not out.is_dir():
            raise CorpusError(f"{out}: exists and is not a directory")
        if any(out.iterdir()) and not (out / CORPUS_MARKER).exists():
            raise CorpusError(f"{out}: not empty and not a corpus output written by this tool; choose another --out")
    return out


@contextlib.contextmanager
def staged_output(out):
    """Yield a staging folder beside ``out``; when the block ends without error, mark it as a
    corpus output and swap it in for ``out`` in one step; otherwise remove it.

    Refuses (``CorpusError``) to replace anything but a missing or empty folder or an earlier
    corpus output (marked by ``.analysis-corpus``).
    """
    with staged(check_corpus_out(out), CORPUS_MARKER, "written by `python -m analysis corpus`\n") as staging:
        yield staging


def write_corpus_tables(tables: dict[str, pd.DataFrame], out, csv: bool = False) -> list[Path]:
    """Write ``<name>.parquet`` (and ``<name>.csv`` with ``csv``) for each corpus table to ``out``.

    The files are written to a temporary folder that then replaces ``out`` in one step
    (``staged_output``).  Returns the paths written.
    """
    names = []
    with staged_output(out) as staging:
        for name in TABLE_NAMES:
            table = tables[name]
            table.to_parquet(staging / f"{name}.parquet", index=False)
            names.append(f"{name}.parquet")
            if csv:
                (staging / f"{name}.csv").write_text(table_csv(table), encoding="utf-8", newline="")
                names.append(f"{name}.csv")
    return [Path(out).resolve() / name for name in names]


def write_corpus(documents: pd.DataFrame, out, csv: bool = False, engine: str = "pandas", workers: int | None = None,
                 scheduler: str | None = None, progress: bool = True, dictionary_path=None, level: str = "party",
                 include_unlisted: bool = False) -> list[Path]:
    """Process ``documents`` (a DataFrame of ``read_corpus`` or a ``CorpusStream``) and write the
    corpus tables to ``out`` without holding them in memory.

    Each chunk's tables (``chunk_results``) are written as Parquet parts in a staging folder
    as they arrive; the parts are then joined, one at a time, into ``<name>.parquet`` (and
    ``<name>.csv`` with ``csv``), and the folder replaces ``out`` in one step, as
    ``write_corpus_tables`` does.  The files hold the same rows as ``run_corpus`` +
    ``write_corpus_tables``.  Memory grows with a few chunks, not with the corpus.
    """
    names = []
    with staged_output(out) as staging:
        parts = staging / ".parts"
        empty: dict[str, pd.DataFrame] = {}
        for k, tables in enumerate(chunk_results(documents, engine, workers, scheduler, progress, dictionary_path, level,
                                                 include_unlisted)):
            for name, table in tables.items():
                if len(table):
                    (parts / name).mkdir(parents=True, exist_ok=True)
                    table.to_parquet(parts / name / f"part-{k:06d}.parquet", index=False)
                elif len(table.columns) > len(empty.get(name, pd.DataFrame()).columns):
                    empty[name] = table
        for name in TABLE_NAMES:
            files = sorted((parts / name).glob("part-*.parquet")) if (parts / name).exists() else []
            template = empty.get(name, empty_table(name))
            names += join_parts(files, template, staging / name, csv)
        shutil.rmtree(parts, ignore_errors=True)
    return [Path(out).resolve() / name for name in names]


def join_parts(files: list[Path], template: pd.DataFrame, stem: Path, csv: bool) -> list[str]:
    """Join Parquet parts (in order) into ``stem.parquet`` and, with ``csv``, ``stem.csv``.

    Column types are unified across parts (a column that is all missing in one part takes the
    type of the others).  Without parts, ``template`` (an empty table) is written.  Returns the
    file names written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = [f"{stem.name}.parquet"] + ([f"{stem.name}.csv"] if csv else [])
    if not files:
        template.to_parquet(stem.with_suffix(".parquet"), index=False)
        if csv:
            stem.with_suffix(".csv").write_text(table_csv(template), encoding="utf-8", newline="")
        return written
    schemas = [pq.read_schema(f) for f in files]
    schema = pa.unify_schemas(schemas, promote_options="permissive").with_metadata(schemas[0].metadata)
    with contextlib.ExitStack() as stack:
        writer = stack.enter_context(pq.ParquetWriter(stem.with_suffix(".parquet"), schema))
        text = stack.enter_context(open(stem.with_suffix(".csv"), "w", encoding="utf-8", newline="")) if csv else None
        for n, f in enumerate(files):
            part = pq.read_table(f).select(schema.names).cast(schema)
            writer.write_table(part)
            if text is not None:
                text.write(part.to_pandas().to_csv(index=False, header=n == 0, lineterminator="\n"))
    return written
