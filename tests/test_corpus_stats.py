"""Corpus comparisons: shares by period and source, sentiment by source, co-mentions, keyness;
and notebook 06 run top to bottom on a small corpus."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis.actors import cooccurrence
from analysis.corpus import read_corpus
from analysis.corpus_stats import (OTHER, UNKNOWN, comention_graph, document_periods, keyness, mention_shares,
                                   party_context_counts, sentiment_by_group, top_parties)
from analysis.paths import NOTEBOOKS_DIR

DOCUMENTS = pd.DataFrame({
    "doc_id": ["d1", "d2", "d3"],
    "date": ["1/15/2017", "2017-02-03", None],
    "source": ["tass", "tass", "reuters"],
})


def mention_rows(rows):
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "party", "location", "sentiment", "label"])


MENTIONS = mention_rows([
    ("d1", 0, "Russia", False, -0.5, "negative"),
    ("d1", 0, "Russia", False, -0.3, "negative"),
    ("d1", 1, "Iran", False, 0.0, "neutral"),
    ("d1", 1, "Syria", True, 0.0, "neutral"),
    ("d2", 0, "Russia", False, 0.5, "positive"),
    ("d2", 0, "Turkey", False, -0.2, "neutral"),
    ("d3", 0, "Iran", False, -0.6, "negative"),
    ("d3", 1, "Turkey", False, -0.4, "negative"),
])


def test_document_periods_read_mixed_date_formats():
    assert document_periods(DOCUMENTS, "M").to_dict() == {"d1": "2017-01", "d2": "2017-02", "d3": None}
    assert document_periods(DOCUMENTS, "Q").tolist() == ["2017Q1", "2017Q1", None]


def test_mention_shares_by_source_pool_the_other_parties():
    shares = mention_shares(MENTIONS, DOCUMENTS, by="source", top=2)
    assert top_parties(MENTIONS, 2) == ["Russia", "Iran"]
    assert shares.columns.tolist() == ["source", "party", "mentions", "share", "documents"]
    assert shares.values.tolist() == [
        ["reuters", "Iran", 1, 0.5, 1], ["reuters", OTHER, 1, 0.5, 1],
        ["tass", "Russia", 3, 0.5, 2], ["tass", OTHER, 2, 0.3333, 2], ["tass", "Iran", 1, 0.1667, 2],
    ]
    assert shares.groupby("source")["share"].sum().round(3).tolist() == [1.0, 1.0]


def test_mention_shares_over_time_and_strict():
    shares = mention_shares(MENTIONS, DOCUMENTS, by="period", freq="M", top=3, strict=True)
    assert shares[["period", "party", "mentions"]].values.tolist() == [
        ["2017-01", "Russia", 2], ["2017-01", "Iran", 1],
        ["2017-02", "Russia", 1], ["2017-02", "Turkey", 1],
        [UNKNOWN, "Iran", 1], [UNKNOWN, "Turkey", 1],
    ]
    with pytest.raises(ValueError, match="no column 'outlet'"):
        mention_shares(MENTIONS, DOCUMENTS, by="outlet")


def test_sentiment_by_source_with_intervals_and_minimum():
    table = sentiment_by_group(MENTIONS, DOCUMENTS, by="source", min_mentions=2)
    assert table[["source", "party", "n", "mean", "negative", "neutral", "positive"]].values.tolist() == [
        ["tass", "Russia", 3, round((-0.5 - 0.3 + 0.5) / 3, 4), 2, 0, 1],
    ]
    row = table.iloc[0]
    assert -0.5 <= row["ci_low"] <= row["mean"] <= row["ci_high"] <= 0.5
    assert sentiment_by_group(MENTIONS, DOCUMENTS, parties=["Iran"], min_mentions=1)["source"].tolist() == ["reuters", "tass"]
    assert sentiment_by_group(MENTIONS, DOCUMENTS, min_mentions=9).empty


def test_comention_graph_joins_parties_of_one_document():
    pairs = cooccurrence(MENTIONS, unit="doc_id")
    graph = comention_graph(pairs, pd.DataFrame({"party": ["Russia"], "mentions": [3]}))
    assert sorted(graph.edges(data="n")) == [("Iran", "Russia", 1), ("Iran", "Syria", 1), ("Iran", "Turkey", 1),
                                             ("Russia", "Syria", 1), ("Russia", "Turkey", 1)]
    assert graph.nodes["Russia"]["mentions"] == 3 and graph.nodes["Turkey"]["mentions"] == 0
    assert comention_graph(pairs, min_documents=2).number_of_edges() == 0


def test_keyness_matches_scipy_chi2_and_g_squared():
    counts = pd.DataFrame({"word": ["airstrikes", "talks", "the", "rare"], "target": [30, 5, 100, 1],
                           "reference": [10, 40, 300, 1]})
    table = keyness(counts, min_count=3).set_index("word")
    assert table.index.tolist() == ["airstrikes", "talks", "the"]  # "rare" has 2 occurrences: left out
    total_target, total_reference = 136, 351
    for word in ("airstrikes", "talks", "the"):
        a, b = counts.set_index("word").loc[word, ["target", "reference"]]
        observed = [[a, b], [total_target - a, total_reference - b]]
        chi2, p, _, _ = chi2_contingency(observed, correction=True)
        g2 = chi2_contingency(observed, correction=False, lambda_="log-likelihood")[0]
        sign = 1 if a / total_target > b / total_reference else -1
        assert table.loc[word, "chi2"] == pytest.approx(sign * chi2, abs=1e-4)
        assert table.loc[word, "llr"] == pytest.approx(sign * g2, abs=1e-4)
        assert table.loc[word, "p"] == pytest.approx(p, abs=1e-6)
    assert table.loc["airstrikes", "chi2"] > 0 > table.loc["talks", "chi2"]


def test_context_words_leave_out_the_party_names(tmp_path):
    frame = pd.DataFrame({"id": ["a", "b"], "text": [
        "Russia bombed Aleppo again. Turkey protested loudly.",
        "Russian jets bombed Idlib. Aid workers fled.",
    ]})
    frame.to_csv(tmp_path / "c.csv", index=False)
    documents = read_corpus(tmp_path / "c.csv", id_column="id")
    from analysis.corpus import run_corpus

    mentions = run_corpus(documents, progress=False)["mentions"]
    counts = party_context_counts(documents, mentions, "Russia").set_index("word")
    assert "russia" not in counts.index and "russian" not in counts.index
    assert counts.loc["bombed"].tolist() == [2, 0]
    assert counts.loc["aleppo"].tolist() == [1, 0] and counts.loc["jets"].tolist() == [1, 0]
    assert counts.loc["protested"].tolist() == [0, 1] and counts.loc["fled"].tolist() == [0, 1]
    assert counts.loc["turkey"].tolist() == [0, 1]  # another party's name is an ordinary word here


def test_corpus_notebook_runs_on_a_small_corpus(tmp_path):
    papermill = pytest.importorskip("papermill")
    rows = [
        ("n1", "2018-01-02", "tass", "Moscow backs Damascus",
         "Russia said on Monday it would keep supporting the Syrian government. Iran welcomed the statement."),
        ("n2", "2018-02-10", "reuters", "Strike near Damascus",
         "Israel struck Hezbollah positions near Damascus. Hezbollah vowed to respond to Israel."),
        ("n3", "2018-04-05", "tass", "Talks in Astana",
         "Turkey, Russia and Iran met in Astana to discuss a ceasefire. Russia praised Turkey."),
        ("n4", "", "reuters", "Empty", ""),
        ("n5", "2018-05-12", "reuters", "Ankara's offensive",
         "Turkey launched an offensive against Kurdish militias. Russia called for restraint and Iran agreed."),
    ]
    pd.DataFrame(rows, columns=["unit_id", "date", "source", "article_title", "article_content"]).to_csv(
        tmp_path / "small.csv", index=False)
    out = tmp_path / "06.ipynb"
    papermill.execute_notebook(str(NOTEBOOKS_DIR / "06_corpus.ipynb"), str(out), kernel_name="python3",
                               cwd=str(NOTEBOOKS_DIR), progress_bar=False,
                               parameters={"corpus_path": str(tmp_path / "small.csv"), "period": "M", "top": 4})
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4  # shares x2, sentiment, network, keyness
    text = json.dumps(outputs)
    assert "5 documents, 1 not read" in text and "Focus party: **Russia**" in text
