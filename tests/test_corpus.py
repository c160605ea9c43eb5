"""The corpus runner: reading folders and tables, bad documents, pandas vs Dask, CLI output."""
from __future__ import annotations

import importlib
import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.corpus import (CORPUS_MARKER, MAX_TEXT_BYTES, RESULT_DOCUMENT_COLUMNS, TABLE_NAMES, CorpusError,
                             chunk_tables, corpus_chunks, document_tables, process_document, read_corpus, run_corpus,
                             stream_corpus, write_corpus, write_corpus_tables)
from analysis.paths import DATA_DIR
from analysis.report import table_csv

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpora" / "fakes" / "fakes.csv"

ARTICLES = [
    ("101", "Moscow backs Damascus", "2018-01-02", "tass",
     "Russia said on Monday it would keep supporting the Syrian government.\n\n"
     "Iran welcomed the statement, while Turkey criticised Moscow."),
    ("102", "Strike near Damascus", "2018-02-10", "reuters",
     "Israel struck Hezbollah positions near Damascus, the army said. Hezbollah vowed to respond."),
    ("101", "Talks in Astana", "2018-03-05", "trt",
     "Turkey, Russia and Iran met in Astana to discuss a ceasefire in Idlib."),
    ("104", "Empty", "2018-03-06", "sana", ""),
    ("105", "Washington warns", "2018-04-01", "alaraby",
     "The United States warned Iran against expanding its presence in Syria. Israel agreed."),
    ("106", "Ankara's offensive", "2018-05-12", "dailysabah",
     "Turkey launched an offensive against Kurdish militias. Russia called for restraint."),
]


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    frame = pd.DataFrame(ARTICLES, columns=["unit_id", "article_title", "date", "source", "article_content"])
    frame.to_csv(root / "articles.csv", index=False)
    with open(root / "articles.jsonl", "w", encoding="utf-8") as f:
        for row in frame.to_dict("records"):
            f.write(json.dumps({**row, "unit_id": int(row["unit_id"])}) + "\n")
    folder = root / "folder"
    folder.mkdir()
    (folder / "a.md").write_text("# Russia and Iran\n\nRussia and Iran met in Tehran. Israel objected.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Hezbollah fighters crossed into Syria, Israel said.\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x00\x01\x02\xffbinary\x00\x00")
    (folder / "ignored.csv").write_text("not an article\n", encoding="utf-8")
    return root


TABLE_ARGS = dict(text_column="article_content", id_column="unit_id", date_column="date",
                  source_column="source", title_column="article_title")


@pytest.fixture(scope="module")
def csv_tables(corpus_dir):
    return run_corpus(read_corpus(corpus_dir / "articles.csv", **TABLE_ARGS), progress=False)


def test_read_csv_keeps_repeated_ids(corpus_dir):
    docs = read_corpus(corpus_dir / "articles.csv", **TABLE_ARGS)
    assert docs["doc_id"].tolist() == ["101", "102", "101#2", "104", "105", "106"]
    assert docs["doc_id"].is_unique
    assert docs.loc[2, "title"] == "Talks in Astana" and docs.loc[2, "source"] == "trt"


def test_jsonl_reads_like_csv(corpus_dir, csv_tables):
    docs = read_corpus(corpus_dir / "articles.jsonl", **TABLE_ARGS)
    assert docs["doc_id"].tolist() == ["101", "102", "101#2", "104", "105", "106"]
    tables = run_corpus(docs, progress=False)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(tables[name], csv_tables[name], obj=name)


@pytest.mark.parametrize("name", ["articles.csv", "articles.jsonl", "articles.parquet", "in-order.csv", "folder"])
def test_a_streamed_table_gives_the_chunks_of_the_table_read_whole(corpus_dir, monkeypatch, name):
    """``stream_corpus`` reads a few rows at a time (two here) and gives the documents of
    ``read_corpus`` in the same chunks, in doc_id order: through its SQLite store when the ids
    are out of order ("101#2" after "102"), straight from the file when they are in order."""
    if name == "articles.parquet" and not (corpus_dir / name).exists():
        pd.read_csv(corpus_dir / "articles.csv", dtype=str).to_parquet(corpus_dir / name, index=False)
    if name == "in-order.csv" and not (corpus_dir / name).exists():
        frame = pd.read_csv(corpus_dir / "articles.csv", dtype=str)
        frame.assign(unit_id=[f"a{k}" for k in range(len(frame))]).to_csv(corpus_dir / name, index=False)
    monkeypatch.setattr("analysis.corpus.CHUNK_SIZE", 4)
    monkeypatch.setattr("analysis.corpus.READ_ROWS", 2)
    args = {} if name == "folder" else {**TABLE_ARGS, "keep_columns": ["source"]}
    whole = read_corpus(corpus_dir / name, **args)
    with stream_corpus(corpus_dir / name, **args) as stream:
        assert len(stream) == len(whole)
        chunks = list(stream.chunks())
        assert (stream.store is not None) == (name in ("articles.csv", "articles.jsonl", "articles.parquet"))
    assert stream.store is None
    assert chunks == corpus_chunks(whole) and [len(c) for c in chunks] == [4] * (len(whole) // 4) + [len(whole) % 4] * bool(len(whole) % 4)
    if name != "folder":
        assert [r["doc_id"] for c in chunks for r in c][:4] == (["101", "101#2", "102", "104"] if name != "in-order.csv"
                                                                 else ["a0", "a1", "a2", "a3"])


def test_the_csv_reader_reads_what_pandas_reads(tmp_path):
    """The row-at-a-time CSV reader gives pandas' values (``dtype=str``, an empty field missing):
    quoted commas, quotes and line breaks, a byte-order mark, a short row, repeated names."""
    text = ('\ufeffid,text,note,note\n'
            '1,"Russia said, ""we will win""\n\nthe end",a,b\n'
            '2,,,\n'
            '\n'
            '3,Short row\n'
            '4,"Iran, again",x,y\n')
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    read = read_corpus(tmp_path / "t.csv", id_column="id", keep_columns=["note", "note.1"])
    expected = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    assert list(expected.columns) == ["id", "text", "note", "note.1"]
    assert read["doc_id"].tolist() == ["1", "2", "3", "4"]
    for column, mine in (("text", "text"), ("note", "note"), ("note.1", "note.1")):
        assert read[mine].tolist() == [None if pd.isna(v) else v for v in expected[column]]
    (tmp_path / "long.csv").write_text("id,text\n1,a,b\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"long\.csv: cannot be read as csv \(line 2: 3 fields, the header has 2\)"):
        read_corpus(tmp_path / "long.csv", id_column="id")


def test_a_text_over_the_limit_is_refused_as_it_is_read(tmp_path):
    """A row's text over ``MAX_TEXT_BYTES`` is not carried with its chunk: the document holds
    its size, and the corpus reports it as too long, as for a text read whole."""
    big = "é" * (MAX_TEXT_BYTES // 2 + 1)  # two bytes a character: over the limit in bytes, not in characters
    pd.DataFrame({"id": ["a", "b"], "text": [big, "Israel struck Hezbollah."]}).to_csv(tmp_path / "c.csv", index=False)
    with stream_corpus(tmp_path / "c.csv", id_column="id") as stream:
        (chunk,) = list(stream.chunks())
    assert repr(chunk[0]["text"]) == f"<text of {MAX_TEXT_BYTES + 2} bytes, over the limit of {MAX_TEXT_BYTES}>"
    assert chunk[1]["text"] == "Israel struck Hezbollah."
    errors = run_corpus(read_corpus(tmp_path / "c.csv", id_column="id"), progress=False)["documents"]["error"]
    assert errors.tolist()[0] == f"ArticleError: a: {MAX_TEXT_BYTES + 2} bytes of text, more than the limit of {MAX_TEXT_BYTES}"
    assert pd.isna(errors.tolist()[1])


def test_a_streamed_table_checks_its_columns_before_any_work(corpus_dir, tmp_path):
    with pytest.raises(CorpusError, match=r"articles\.jsonl: no id column 'nope' \(columns: article_content, "):
        stream_corpus(corpus_dir / "articles.jsonl", text_column="article_content", id_column="nope")
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl: cannot be read as jsonl \(line 2: "):
        stream_corpus(tmp_path / "bad.jsonl")


def test_documents_table_and_errors(csv_tables):
    docs = csv_tables["documents"]
    assert docs.columns.tolist() == RESULT_DOCUMENT_COLUMNS
    assert docs["doc_id"].tolist() == ["101", "101#2", "102", "104", "105", "106"]
    bad = docs.set_index("doc_id").loc["104"]
    assert bad["error"].startswith("ArticleError: ") and "empty" in bad["error"] and "\n" not in bad["error"]
    good = docs[docs["doc_id"] != "104"]
    assert good["error"].isna().all()
    assert (good["words"] > 5).all() and (good["sentences"] >= 1).all()
    for name in TABLE_NAMES[1:]:
        table = csv_tables[name]
        assert table.columns[0] == "doc_id"
        assert "104" not in set(table["doc_id"])
        assert isinstance(table.index, pd.RangeIndex) and table.index.start == 0
    mentions = csv_tables["mentions"]
    assert set(mentions["doc_id"]) == set(good["doc_id"])  # every good document has its rows
    parties = set(mentions["party"])
    assert {"Russia", "Iran", "Israel", "Hezbollah", "Turkey"} <= parties
    # repeated id: both documents are there, with their own mentions
    assert set(mentions.loc[mentions["doc_id"] == "101#2", "party"]) >= {"Turkey", "Russia", "Iran"}
    assert mentions.equals(mentions.sort_values(["doc_id", "mention_id"]).reset_index(drop=True))


def test_folder_with_binary_file(corpus_dir):
    docs = read_corpus(corpus_dir / "folder")
    assert docs["doc_id"].tolist() == ["a.md", "b.txt", "c.txt"]
    tables = run_corpus(docs, progress=False)
    errors = tables["documents"].set_index("doc_id")["error"]
    assert errors["c.txt"].startswith("ArticleError: ") and "binary" in errors["c.txt"]
    assert errors[["a.md", "b.txt"]].isna().all()
    assert tables["documents"].set_index("doc_id").loc["a.md", "title"] == "Russia and Iran"
    assert set(tables["mentions"]["doc_id"]) == {"a.md", "b.txt"}


def test_engines_agree(corpus_dir, csv_tables, dask_client):
    docs = read_corpus(corpus_dir / "articles.csv", **TABLE_ARGS)
    tables = run_corpus(docs, engine="dask", scheduler=dask_client.scheduler.address, progress=False)
    assert list(tables) == list(csv_tables)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(tables[name], csv_tables[name], obj=name)
    folder = read_corpus(corpus_dir / "folder")
    pandas_tables = run_corpus(folder, progress=False)
    dask_tables = run_corpus(folder, engine="dask", scheduler=dask_client.scheduler.address, progress=False)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(dask_tables[name], pandas_tables[name], obj=name)


def test_cli_writes_parquet_and_csv(corpus_dir, csv_tables, dask_client, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["corpus", str(corpus_dir / "articles.csv"), "--out", str(out), "--text-column", "article_content",
            "--id-column", "unit_id", "--date-column", "date", "--source-column", "source",
            "--title-column", "article_title"]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([CORPUS_MARKER, *(f"{n}.parquet" for n in TABLE_NAMES)])
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), csv_tables[name],
                                      check_dtype=False, obj=name)
    # rerun over the earlier output, on Dask, with CSVs
    assert main([*args, "--csv", "--engine", "dask", "--scheduler", dask_client.scheduler.address]) == 0
    assert {f"{n}.csv" for n in TABLE_NAMES} <= {p.name for p in out.iterdir()}
    assert pd.read_csv(out / "documents.csv", dtype={"doc_id": str})["doc_id"].tolist() == \
        csv_tables["documents"]["doc_id"].tolist()
    capsys.readouterr()


@pytest.mark.parametrize("case", ["missing column", "missing file", "foreign folder"])
def test_cli_bad_input(corpus_dir, tmp_path, capsys, case):
    out = tmp_path / "out"
    args = ["corpus", str(corpus_dir / "articles.csv"), "--out", str(out), "--text-column", "article_content"]
    if case == "missing column":
        args[-1] = "body"
    elif case == "missing file":
        args[1] = str(tmp_path / "nope.csv")
    else:
        out.mkdir()
        (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("python -m analysis: error: ")
    if case == "missing column":
        assert "'body'" in err and "articles.csv" in err
    if case == "foreign folder":
        assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_missing_column_error(corpus_dir):
    with pytest.raises(CorpusError, match=r"articles\.csv: no text column 'text'"):
        read_corpus(corpus_dir / "articles.csv")
    with pytest.raises(ValueError):
        read_corpus(corpus_dir / "articles.csv", text_column="article_content", id_column="nope")


def test_write_refuses_foreign_folder(csv_tables, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="not empty"):
        write_corpus_tables(csv_tables, tmp_path / "x")


def test_tables_are_the_same_when_only_the_sentences_voices_read_are_parsed(monkeypatch):
    """The corpus parses only sentences that can report speech (and those voices asks for);
    the tables equal those of an article parsed sentence by sentence, whole."""
    corpus = importlib.import_module("analysis.corpus")
    layer = importlib.import_module("analysis.tokens")
    paths = sorted(DATA_DIR.glob("articles/*.md")) + sorted(DATA_DIR.glob("articles/outlets/*.md"))
    rows = [{"doc_id": p.name, "title": None, "date": None, "source": None, "text": None, "path": str(p)}
            for p in paths if p.name != "README.md"]
    rows += [{"doc_id": doc_id, "title": title, "date": None, "source": None, "text": text, "path": None}
             for doc_id, title, _, _, text in ARTICLES if text]
    layer.PARSED.clear()
    lazy = corpus.process_chunk(rows)
    parsed = [layer.PARSED[key] for key in layer.PARSED]
    unparsed = sum(not view.is_parsed(k) for view in parsed for k in range(len(view)))
    assert len(parsed) == len(rows) and unparsed > 0.2 * sum(len(view) for view in parsed)
    layer.PARSED.clear()
    parse_chunk = corpus.parse_chunk
    monkeypatch.setattr(corpus, "parse_chunk", lambda articles, every_sentence=False: parse_chunk(articles, True))
    whole = corpus.process_chunk(rows)
    assert set(lazy) == set(whole) == set(TABLE_NAMES)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(lazy[name], whole[name])
    assert len(lazy["voices"]) > 80 and (lazy["voices"]["voice"] != "author").sum() > 10  # speech to compare


@pytest.mark.skipif(not FAKES.exists(), reason=f"FA-KES not found at {FAKES}")
def test_fakes_first_rows(tmp_path):
    head = pd.read_csv(FAKES, dtype=str, nrows=10, encoding="utf-8")
    head.to_csv(tmp_path / "fakes10.csv", index=False)
    docs = read_corpus(tmp_path / "fakes10.csv", text_column="article_content", id_column="unit_id",
                       date_column="date", source_column="source", title_column="article_title")
    tables = run_corpus(docs, progress=False)
    assert len(tables["documents"]) == 10 and tables["documents"]["doc_id"].is_unique
    assert tables["documents"]["error"].isna().all()
    assert len(tables["mentions"]) > 0


def test_an_enormous_document_is_reported_and_skipped(tmp_path):
    # more than MAX_TEXT_BYTES of text: refused before any parsing, the others still processed
    frame = pd.DataFrame({"id": ["big", "small"],
                          "text": ["Russia and Iran signed a deal. " * (MAX_TEXT_BYTES // 30 + 10),
                                   "Israel struck Hezbollah positions near Damascus."]})
    frame.to_csv(tmp_path / "corpus.csv", index=False)
    tables = run_corpus(read_corpus(tmp_path / "corpus.csv", id_column="id"), progress=False)
    errors = tables["documents"].set_index("doc_id")["error"]
    assert errors["big"].startswith("ArticleError: ") and "more than the limit" in errors["big"]
    assert pd.isna(errors["small"])
    assert set(tables["mentions"]["doc_id"]) == {"small"}


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_streamed_output_equals_in_memory_tables(corpus_dir, csv_tables, dask_client, tmp_path, monkeypatch, engine):
    # chunks of two documents: several parts per table, one chunk ("104" alone with "105")
    # holds the empty document, and the parts are joined in doc_id order
    monkeypatch.setattr("analysis.corpus.CHUNK_SIZE", 2)
    docs = read_corpus(corpus_dir / "articles.csv", **TABLE_ARGS)
    scheduler = dask_client.scheduler.address if engine == "dask" else None
    paths = write_corpus(docs, tmp_path / "out", csv=True, engine=engine, scheduler=scheduler, progress=False)
    assert sorted(p.name for p in paths) == sorted([f"{n}.{kind}" for n in TABLE_NAMES for kind in ("parquet", "csv")])
    assert not (tmp_path / "out" / ".parts").exists()
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out" / f"{name}.parquet"), csv_tables[name],
                                      check_dtype=False, obj=name)
        assert (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8") == table_csv(csv_tables[name]), name


def test_streamed_output_of_only_bad_documents(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["", "   "]})
    frame.to_csv(tmp_path / "bad.csv", index=False)
    write_corpus(read_corpus(tmp_path / "bad.csv", id_column="id"), tmp_path / "out", progress=False)
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents["doc_id"].tolist() == ["a", "b"] and documents["error"].str.contains("empty").all()
    assert len(pd.read_parquet(tmp_path / "out" / "mentions.parquet")) == 0


def test_voices_table_has_one_row_per_sentence_with_offsets(csv_tables):
    # who is quoted across a corpus: every sentence of every good document, its raw offsets,
    # the voice and the spans naming the speaker and the content
    voices, docs = csv_tables["voices"], csv_tables["documents"]
    assert voices.columns.tolist() == ["doc_id", "sentence_id", "start", "end", "voice", "voice_kind", "voice_party",
                                       "cue", "quote_start", "quote_end", "speaker_start", "speaker_end",
                                       "content_start", "content_end"]
    per_doc = voices.groupby("doc_id").size()
    good = docs[docs["error"].isna()].set_index("doc_id")["sentences"]
    assert per_doc.to_dict() == good.astype(int).to_dict()
    strike = voices[voices["doc_id"] == "102"]
    # "Israel struck Hezbollah positions near Damascus, the army said. Hezbollah vowed to respond."
    assert strike[["sentence_id", "start", "end", "voice", "voice_kind", "voice_party", "cue", "speaker_start",
                   "speaker_end", "content_start", "content_end"]].values.tolist() == [
        [0, 0, 63, "Israeli army", "group", "Israel", "said", 49, 57, 0, 48],  # the army of the article's state
        [1, 64, 91, "Hezbollah", "group", "Hezbollah", "vowed", 64, 73, 80, 90]]


def test_a_documents_corpus_tables_are_its_article_tables():
    # the corpus builds some tables from rows once per chunk; they must be the article's own
    from analysis.corpus import document_article
    from analysis.report import article_tables

    text = ("Russia signed a cooperation agreement with Iran on Monday, the Syrian army said. "
            "Turkey condemned the brutal strikes on Idlib. \"We will respond,\" a Turkish official told reporters.")
    row = {"doc_id": "7", "text": text, "title": None, "date": None, "source": None}
    got = process_document(row)
    expected = article_tables(document_article(row), names=[n for n in TABLE_NAMES if n != "documents"])
    assert got["documents"]["error"] is None
    for name, table in expected.items():
        ours = got[name].drop(columns=["doc_id"] + (["start", "end"] if name == "voices" else []))
        pd.testing.assert_frame_equal(ours, table, check_exact=True)
        assert len(table) > 0 and (got[name]["doc_id"] == "7").all()
    both = chunk_tables([document_tables(row), document_tables(dict(row, doc_id="8"))])
    for name in ("mentions", "actor_sentiment", "stance", "relations", "voices"):
        pd.testing.assert_frame_equal(both[name].iloc[: len(got[name])], got[name], check_exact=True)
        assert both[name]["doc_id"].tolist() == ["7"] * len(got[name]) + ["8"] * len(got[name])
