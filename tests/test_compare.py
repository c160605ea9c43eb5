"""Several articles on one event compared: the tables, their conclusion, the report and the CLI.

The three articles of ``data/articles/outlets/`` were written for the project about one
invented Senate vote; every expected value below was checked by hand against their text.
"""
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.compare import (COMPARE_TABLES, CompareError, compare_conclusion, compare_tables, outlets_from_corpus,
                              outlets_from_files, unique_labels)
from analysis.corpus import CorpusError
from analysis.paths import DATA_DIR, PROJECT_DIR

OUTLETS = [DATA_DIR / "articles" / "outlets" / f"{name}.md" for name in ("ledger", "courier", "wire")]
BASIL_DEV = PROJECT_DIR.parent / "shared" / "data" / "basil" / "dev"


@pytest.fixture(scope="module")
def tables():
    return compare_tables(outlets_from_files(OUTLETS))


def rows(table: pd.DataFrame, columns: list[str]) -> list[list]:
    return table[columns].values.tolist()


def test_every_table_has_the_article_first_in_the_order_given(tables):
    assert list(tables) == COMPARE_TABLES
    for name, table in tables.items():
        assert table.columns[0] == "article", name
        order = [a for a in dict.fromkeys(table["article"])]
        assert order == [a for a in ("ledger", "courier", "wire") if a in order], name


def test_articles_size_and_share_of_quoted_sentences(tables):
    assert rows(tables["articles"], ["article", "sentences", "mentions", "parties", "quoted_sentences"]) == [
        ["ledger", 9, 9, 3, 5], ["courier", 8, 6, 4, 6], ["wire", 8, 7, 5, 4]]
    assert tables["articles"]["quoted_share"].tolist() == [0.5556, 0.75, 0.5]


def test_mentions_per_article_with_first_sentence_and_articles_naming_the_party(tables):
    assert rows(tables["counts"], ["article", "party", "mentions", "first_sentence", "n_articles"]) == [
        ["ledger", "Republican Party", 5, 0, 3],  # the title names them: sentence 0
        ["ledger", "Democratic Party", 3, 2, 3],
        ["ledger", "Sierra Club", 1, 5, 2],
        ["courier", "Republican Party", 3, 2, 3],
        ["courier", "Democratic Party", 1, 6, 3],
        ["courier", "U.S. Chamber of Commerce", 1, 4, 2],
        ["courier", "United States", 1, 5, 1],  # "Washington should not decide"
        ["wire", "Democratic Party", 2, 2, 3],
        ["wire", "Republican Party", 2, 3, 3],
        ["wire", "AFL-CIO", 1, 6, 1],
        ["wire", "Sierra Club", 1, 7, 2],
        ["wire", "U.S. Chamber of Commerce", 1, 7, 2],
    ]
    assert rows(tables["unique_actors"], ["article", "party", "mentions"]) == [
        ["courier", "United States", 1], ["wire", "AFL-CIO", 1]]


def test_who_speaks_a_party_silent_in_one_article_has_a_zero_row(tables):
    assert rows(tables["speakers"], ["article", "party", "sentences", "share"]) == [
        ["ledger", "Democratic Party", 2, 0.2222],
        ["ledger", "Sierra Club", 2, 0.2222],  # "the group said" after the Sierra Club is the Sierra Club
        ["ledger", "Republican Party", 0, 0.0],
        ["ledger", "U.S. Chamber of Commerce", 0, 0.0],
        ["courier", "Republican Party", 2, 0.25],
        ["courier", "U.S. Chamber of Commerce", 2, 0.25],
        ["courier", "Democratic Party", 0, 0.0],
        ["courier", "Sierra Club", 0, 0.0],
        ["wire", "Democratic Party", 1, 0.125],
        ["wire", "Republican Party", 1, 0.125],
        ["wire", "Sierra Club", 0, 0.0],
        ["wire", "U.S. Chamber of Commerce", 0, 0.0],
    ]
    voices = tables["voices"]
    assert voices.groupby("article", sort=False)["sentences"].sum().tolist() == [9, 8, 8]  # every sentence once
    assert rows(voices[voices["article"] == "wire"], ["voice", "sentences"]) == [
        ["author", 4], ["Democratic Party", 1], ["Mara Lindqvist", 1], ["Owen Pratt", 1], ["Republican Party", 1]]


def test_author_stance_per_article(tables):
    stance = tables["stance"]
    assert rows(stance[stance["n_mentions"] > 0], ["article", "party", "stance", "n_mentions"]) == [
        ["ledger", "Republican Party", "against", 3],
        ["courier", "Democratic Party", "neutral", 1],  # one negative mention of a minor party: against 0.43
        ["wire", "AFL-CIO", "neutral", 1],
        ["wire", "Sierra Club", "neutral", 1],
        ["wire", "U.S. Chamber of Commerce", "neutral", 1],
    ]
    assert list(stance.columns) == ["article", "party", "stance", "score", "ci_low", "ci_high", "n_mentions", "evidence"]
    # what the model read, then the sentences and words behind it
    assert stance["evidence"].iloc[0].startswith("model: against 0.73, favor 0.21 from mean sentiment -0.66, other voices' -0.22 "
                                                 "(2 mentions: s2, s6) and 56% of actor mentions | s0: Senate Republicans")


def test_framing_words_are_key_near_the_party_with_their_first_occurrence(tables):
    framing = tables["framing"]
    assert rows(framing, ["article", "party", "word", "here", "elsewhere", "sentence_id", "start", "end"]) == [
        ["ledger", "Republican Party", "air", 2, 0, 0, 33, 36],
        ["courier", "Republican Party", "jobs", 2, 1, 2, 238, 242],
        ["wire", "Democratic Party", "said", 2, 3, 2, 174, 178],
        ["wire", "Republican Party", "said", 2, 4, 3, 233, 237],
    ]
    raw = {path.stem: path.read_text(encoding="utf-8") for path in OUTLETS}
    for r in framing.itertuples():  # the offsets point at the word in the article's own file
        assert raw[r.article][r.start:r.end].lower() == r.word
        assert raw[r.article][r.start:r.end] in r.sentence
    # names are no framing: no word of any mention ("Senate", "Republicans") is counted
    assert not set(framing["word"]) & {"senate", "republicans", "democrats", "club"}


def test_the_conclusion_is_written_from_the_tables(tables):
    assert compare_conclusion(tables).splitlines() == [
        "- **ledger** names Republican Party most (5 mentions), **courier** names Republican Party most "
        "(3 mentions) and **wire** names Democratic Party most (2 mentions).",
        "- Voices speaking for Republican Party have the largest difference in room: **courier** in 25%, "
        "**wire** in 12% and **ledger** in 0% of the sentences. Sentences in any source's voice: ledger 56%, "
        "courier 75% and wire 50%.",
        "- No party is mentioned twice or more by the authors of two articles: their stances cannot be compared.",
        "- Only **courier** names United States and only **wire** names AFL-CIO.",
        "- Words around Republican Party that one article uses and the others hardly do: **ledger** “air” (2); "
        "**courier** “jobs” (2); **wire** “said” (2).",
    ]


@pytest.mark.parametrize("name", ["compare_counts", "compare_speakers", "compare_stance"])
def test_the_front_page_charts_are_drawn_at_their_size_with_large_text(tables, tmp_path, name):
    from PIL import Image

    from analysis.summaries import CHART_DPI, CHART_SIZE, draw_summary

    drawn = draw_summary(name, tables, tmp_path / "a.png")
    image = Image.open(tmp_path / "a.png")
    assert image.size == (round(CHART_SIZE[0] * CHART_DPI), round(CHART_SIZE[1] * CHART_DPI))
    assert float(image.text["min_text_px"]) == drawn["min_text_px"] >= 15
    draw_summary(name, tables, tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_the_chart_captions(tables):
    from analysis.summaries import COMPARE_SUMMARIES

    captions = [COMPARE_SUMMARIES[name](tables)[0] for name in COMPARE_SUMMARIES]
    assert captions == [
        "ledger names Republican Party most (5 mentions), courier names Republican Party most (3 mentions) and "
        "wire names Democratic Party most (2 mentions).",
        "Voices speaking for Republican Party have the largest difference in room: courier in 25%, wire in 12% and "
        "ledger in 0% of the sentences.",
        "No party is mentioned twice or more by the authors of two articles: their stances cannot be compared.",
    ]


def test_stances_that_differ_are_named():
    stance = pd.DataFrame({"article": ["a", "b", "c"], "party": ["Iran"] * 3, "stance": ["against", "neutral", "favor"],
                           "score": [-0.5, 0.0, 0.4], "ci_low": [-0.7, -0.2, 0.3], "ci_high": [-0.3, 0.2, 0.5],
                           "n_mentions": [4, 3, 2]})
    from analysis.compare import stance_sentences

    assert stance_sentences(stance, ["a", "b", "c"]) == [
        "The authors differ on Iran: **a** is against Iran (−0.50 [−0.70, −0.30]); **c** is in favor of Iran "
        "(+0.40 [+0.30, +0.50]); b neutral."]


def test_labels_default_to_file_names_and_repeats_are_numbered(tmp_path):
    assert unique_labels(["nyt", "fox", "nyt", "nyt"]) == ["nyt", "fox", "nyt (2)", "nyt (3)"]
    assert [label for label, _ in outlets_from_files(OUTLETS[:2])] == ["ledger", "courier"]
    assert [label for label, _ in outlets_from_files(OUTLETS[:2], ["Left", "Right"])] == ["Left", "Right"]
    with pytest.raises(CompareError, match="two articles or more, got 1"):
        outlets_from_files(OUTLETS[:1])
    with pytest.raises(CompareError, match="3 labels for 2 articles"):
        outlets_from_files(OUTLETS[:2], ["a", "b", "c"])


def test_rows_of_a_corpus_sharing_an_event(tmp_path):
    # a table's text is plain text: the headline without its markdown "# "
    texts = {path.stem: path.read_text(encoding="utf-8").removeprefix("# ") for path in OUTLETS}
    table = pd.DataFrame({"story": ["vote", "other", "vote"], "outlet": ["ledger", "ledger", "courier"],
                          "body": [texts["ledger"], "Iran said the talks failed.", texts["courier"]]})
    path = tmp_path / "corpus.csv"
    table.to_csv(path, index=False)
    outlets = outlets_from_corpus(path, "story", "vote", text_column="body", source_column="outlet")
    assert [label for label, _ in outlets] == ["ledger", "courier"]
    assert outlets[0][1].title == "Senate Republicans block clean air bill as smog season begins"
    from_corpus = compare_tables(outlets)["counts"]
    from_files = compare_tables(outlets_from_files(OUTLETS[:2]))["counts"]
    pd.testing.assert_frame_equal(from_corpus, from_files)
    with pytest.raises(CompareError, match="1 rows with story = 'other'"):
        outlets_from_corpus(path, "story", "other", text_column="body", source_column="outlet")
    with pytest.raises(CorpusError, match="no such column 'event'"):
        outlets_from_corpus(path, "event", "vote", text_column="body")


# --- the comparison report and the command line ----------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare") / "senate-vote"
    assert main(["compare", *map(str, OUTLETS), "--out", str(out)]) == 0
    return out


def test_the_report_has_its_front_page_tables_charts_and_notebook(report):
    names = {p.relative_to(report).as_posix() for p in report.rglob("*") if p.is_file()}
    assert names == ({"index.html", ".analysis-report"} | {f"tables/{name}.csv" for name in COMPARE_TABLES}
                     | {f"charts/{name}.png" for name in ("compare_counts", "compare_speakers", "compare_stance")}
                     | {f"notebooks/07_compare.{suffix}" for suffix in ("ipynb", "html", "full.html")})


def test_the_notebook_ran_on_the_articles_without_errors(report):
    nb = json.loads((report / "notebooks" / "07_compare.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    text = "".join("".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)
    assert "Only **courier** names United States and only **wire** names AFL-CIO." in text
    assert "ledger.md" in (report / "notebooks" / "07_compare.ipynb").read_text(encoding="utf-8")


def test_the_report_tables_are_the_library_tables(report, tables):
    for name in COMPARE_TABLES:
        written = (report / "tables" / f"{name}.csv").read_text(encoding="utf-8")
        assert written == tables[name].to_csv(index=False, lineterminator="\n"), name


def test_the_front_page_shows_each_article_in_order(report):
    page = (report / "index.html").read_text(encoding="utf-8")
    assert page.count("<section class='outlet'") == 3
    assert page.index("data-article='ledger'") < page.index("data-article='courier'") < page.index("data-article='wire'")
    assert "<h1>3 articles compared: ledger, courier, wire</h1>" in page
    assert "<li>Only <strong>courier</strong> names United States and only <strong>wire</strong> names AFL-CIO.</li>" in page


def test_a_title_with_markup_is_escaped(tmp_path):
    hostile = tmp_path / "hostile.txt"  # plain text keeps its angle brackets; a label may hold any text
    hostile.write_text("Senate <script>alert(1)</script> vote\n\nRepublicans said the **vote** failed.\n",
                       encoding="utf-8")
    out = tmp_path / "report"
    assert main(["compare", str(hostile), str(OUTLETS[0]), "--label", "<b onclick=alert(2)>x</b>", "--label", "ledger",
                 "--out", str(out)]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<b " not in page
    assert "Senate &lt;script&gt;alert(1)&lt;/script&gt; vote" in page
    assert "&lt;b onclick=alert(2)&gt;x&lt;/b&gt;" in page


@pytest.mark.parametrize("args, message", [
    (["compare", str(OUTLETS[0]), "--out", "OUT"], "compare needs two articles or more, got 1"),
    (["compare", str(OUTLETS[0]), "missing.md", "--out", "OUT"], "missing.md"),
    (["compare", *map(str, OUTLETS[:2]), "--label", "a", "--out", "OUT"], "1 labels for 2 articles"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_no_report_is_not_replaced(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["compare", *map(str, OUTLETS[:2]), "--out", str(tmp_path)]) == 2
    assert "not a report written by this tool" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- a BASIL triplet: one event, three outlets ------------------------------------------------


def basil_triplet(folder: Path) -> list[Path]:
    """The articles of BASIL dev's first event as markdown files named by outlet (as the scorer reads them)."""
    sys.path.insert(0, str(PROJECT_DIR.parent / "shared" / "tools"))
    from basil_score import articles

    events: dict[str, list] = {}
    for uuid, text, _ in articles(BASIL_DEV):
        events.setdefault(uuid.rsplit("_", 1)[0], []).append((uuid, text))
    paths = []
    for uuid, text in events[sorted(events)[0]]:
        source = json.loads(next(BASIL_DEV.glob(f"articles/*/{uuid}.json")).read_text(encoding="utf-8"))["source"]
        paths.append(folder / f"{source.lower()}.md")
        paths[-1].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.skipif(not BASIL_DEV.is_dir() or not (PROJECT_DIR.parent / "shared" / "tools" / "basil_score.py").exists(),
                    reason="BASIL dev (../shared/data/basil/dev) and its scorer are not present")
def test_a_basil_triplet_shows_its_three_outlets_side_by_side(tmp_path):
    paths = basil_triplet(tmp_path)
    out = tmp_path / "report"
    assert main(["compare", *map(str, paths), "--out", str(out), "--level", "person", "--include-unlisted"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    labels = [p.stem for p in paths]
    assert sorted(labels) == ["fox", "hpo", "nyt"]
    assert [page.index(f"data-article='{label}'") for label in labels] == sorted(
        page.index(f"data-article='{label}'") for label in labels)
    counts = pd.read_csv(out / "tables" / "counts.csv")
    top = counts.sort_values("mentions", ascending=False).groupby("article").head(1)
    assert set(top["party"]) == {"Blake Farenthold"}  # the event's main entity, named most by each outlet
