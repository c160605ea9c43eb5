"""Sentence sentiment, targeted sentiment's contract, the NewsMTSC harness and its metrics."""
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_article
from analysis.__main__ import main
from analysis.actors import find_mentions
from analysis.evaluation import DatasetError, classification_scores, read_newsmtsc
from analysis.sentiment import (actor_sentiment, compare_views, extreme_mentions, label_mix, mention_sentiment,
                                percentiles, score_label, sentence_sentiment, vader_score)
from analysis.targeted import load_model, predict_targets, sentence_reading, target_features, target_sentiment

HERE = Path(__file__).parent
SMALL = HERE / "data" / "newsmtsc-small.jsonl"
NEWSMTSC_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsmtsc" / "dev.jsonl"


# --- reading the NewsMTSC format ------------------------------------------------------------

def test_read_newsmtsc_gives_one_row_per_target_in_file_order():
    data = read_newsmtsc(SMALL)
    assert data[["line", "target", "start", "end", "gold"]].values.tolist() == [
        [1, "militia", 18, 25, "negative"],
        [2, "Senator Smith", 11, 24, "positive"],
        [3, "committee", 4, 13, "neutral"],
        [3, "Washington", 34, 44, "neutral"],
        [5, "Jones", 0, 5, "positive"],  # line 4 is blank: line numbers are the file's
        [5, "Brown", 46, 51, "negative"],
    ]


@pytest.mark.parametrize("content, problem", [
    ('{"sentence_normalized": "x"', "line 1: not valid JSON"),
    ('{"targets": []}', "line 1: missing or malformed field 'sentence_normalized'"),
    ('{"sentence_normalized": "abc", "targets": [{"from": 1, "to": 9, "polarity": 2.0}]}', "line 1: target offsets 1:9 outside"),
    ('{"sentence_normalized": "abc", "targets": [{"from": 0, "to": 1, "polarity": 3.0}]}', "line 1: polarity 3.0 is not"),
    ("", "no targets found"),
])
def test_bad_newsmtsc_files_raise_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError) as err:
        read_newsmtsc(path)
    assert str(path) in str(err.value) and problem in str(err.value)


# --- metrics --------------------------------------------------------------------------------

def test_classification_scores_on_hand_counted_labels():
    gold = ["negative", "negative", "neutral", "neutral", "positive", "positive"]
    predicted = ["negative", "neutral", "neutral", "neutral", "positive", "negative"]
    scores = classification_scores(gold, predicted)
    # negative: tp 1, fp 1, fn 1 -> F1 2/4; neutral: tp 2, fp 1, fn 0 -> 4/5; positive: tp 1, fn 1 -> 2/3
    assert scores["f1_negative"] == pytest.approx(0.5)
    assert scores["f1_neutral"] == pytest.approx(0.8)
    assert scores["f1_positive"] == pytest.approx(2 / 3)
    assert scores["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert scores["accuracy"] == pytest.approx(4 / 6)
    assert scores["confusion"].values.tolist() == [[1, 1, 0], [0, 2, 0], [1, 0, 1]]


def test_evaluate_prints_both_methods_with_the_exact_baseline(capsys):
    # VADER's call on each sentence: terrible/horrible -> negative; great -> positive;
    # Tuesday -> neutral; "praised ... awful scandal hurt" -> negative overall.
    assert [score_label(vader_score(t)) for t in read_newsmtsc(SMALL)["text"]] == [
        "negative", "positive", "neutral", "neutral", "negative", "negative"]
    assert main(["evaluate", str(SMALL)]) == 0
    out = capsys.readouterr().out
    assert "6 targets" in out
    header, *rows = out.splitlines()[2:8]
    assert "targeted (this project)" in header and "sentence VADER (baseline)" in header
    baseline = {row.split()[0]: float(row.split()[-1]) for row in rows}
    # the baseline gets 5 of 6 right: only Jones (positive) in the mixed sentence is wrong
    assert baseline["accuracy"] == pytest.approx(round(5 / 6, 4))
    assert baseline["f1_positive"] == pytest.approx(round(2 / 3, 4))  # tp 1, fn 1
    assert baseline["f1_negative"] == pytest.approx(0.8)  # tp 2, fp 1
    assert baseline["f1_neutral"] == pytest.approx(1.0)
    assert "confusion matrix, targeted (this project)" in out


def test_targets_command_writes_one_row_per_target_in_file_order(tmp_path):
    out = tmp_path / "preds.csv"
    assert main(["targets", str(SMALL), "--out", str(out)]) == 0
    preds = pd.read_csv(out)
    assert list(preds.columns) == ["line", "target", "label", "score"]
    assert preds["line"].tolist() == [1, 2, 3, 3, 5, 5]
    assert preds["target"].tolist() == ["militia", "Senator Smith", "committee", "Washington", "Jones", "Brown"]
    assert set(preds["label"]) <= {"negative", "neutral", "positive"}
    assert preds["score"].between(-1, 1).all()


def test_harness_errors_are_one_line_with_exit_2(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


# --- targeted sentiment: the label contract and the evidence ------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("The attack by the militia was terrible and horrible.", 18, 25),
    ("Voters say Senator Smith did a great job.", 11, 24),
    ("Russia", 0, 6),  # the target is the whole text
    ("Quneitra, Syria — تل أبيب — ünïcödé", 10, 15),
])
def test_target_sentiment_contract(text, start, end):
    result = target_sentiment(text, start, end)
    assert result.label in ("negative", "neutral", "positive")
    assert -1 <= result.score <= 1
    # the score's sign agrees with the label
    assert (result.label != "negative" or result.score < 0) and (result.label != "positive" or result.score > 0)
    for word in filter(None, (w.strip() for w in result.evidence.split(";"))):
        assert word.lower() in text.lower()  # evidence is words of the sentence


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (3, 99), (4, 2)])
def test_target_sentiment_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError):
        target_sentiment("Some sentence here.", start, end)


def test_predict_targets_matches_one_by_one_calls():
    items = [("The attack by the militia was terrible and horrible.", 18, 25), ("Voters say Senator Smith did a great job.", 11, 24)]
    batch = predict_targets(items)
    assert list(batch.columns) == ["label", "score", "evidence"]
    for (text, s, e), row in zip(items, batch.itertuples()):
        single = target_sentiment(text, s, e)
        assert (single.label, single.score, single.evidence) == (row.label, pytest.approx(row.score), row.evidence)


def test_clear_cases_go_the_right_way():
    # the issue's own example: one sentence, two parties, opposite light
    text = "Israel's air force demonstrated the canny effectiveness of swarming attacks against the S-300 that upset the Iranian military."
    assert target_sentiment(text, 0, 8).score > target_sentiment(text, text.index("Iranian"), text.index("Iranian") + 7).score


# --- tables -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scored():
    article = load_article(HERE / "articles" / "gulf-gaza.md")
    return article, mention_sentiment(article, find_mentions(article))


def test_sentence_sentiment_is_tidy_and_on_one_scale(scored):
    article, _ = scored
    table = sentence_sentiment(article)
    assert list(table.columns) == ["sentence_id", "method", "score"]
    assert set(table["method"]) == {"vader", "textblob"}
    assert len(table) == 2 * 7  # seven sentences, two methods
    assert table["score"].between(-1, 1).all()


def test_mention_sentiment_adds_three_columns_to_every_mention(scored):
    _, mentions = scored
    assert list(mentions.columns[-3:]) == ["sentiment", "label", "evidence"]
    assert len(mentions) == 21 and mentions["label"].isin(["negative", "neutral", "positive"]).all()


def test_actor_sentiment_counts_labels_and_brackets_the_mean():
    mentions = pd.DataFrame({
        "party": ["A", "A", "A", "B", "C", "C"],
        "sentiment": [0.5, 0.5, 0.5, -0.8, -1.0, 1.0],
        "label": ["positive", "positive", "positive", "negative", "negative", "positive"],
    })
    table = actor_sentiment(mentions)
    assert table[["party", "n", "mean", "negative", "neutral", "positive"]].values.tolist() == [
        ["A", 3, 0.5, 0, 0, 3], ["C", 2, 0.0, 1, 0, 1], ["B", 1, -0.8, 1, 0, 0]]
    assert table.loc[0, ["ci_low", "ci_high"]].tolist() == [0.5, 0.5]  # no spread, no interval
    assert table.loc[2, ["ci_low", "ci_high"]].tolist() == [-0.8, -0.8]  # one mention
    assert -1.0 <= table.loc[1, "ci_low"] < 0 < table.loc[1, "ci_high"] <= 1.0
    assert actor_sentiment(mentions).equals(table)  # seeded: the same on a rerun


def test_label_mix_extremes_and_views(scored):
    article, mentions = scored
    mix = label_mix(mentions)
    assert mix.groupby("party")["n"].sum().to_dict() == mentions.groupby("party").size().to_dict()
    extremes = extreme_mentions(mentions, per_party=1)
    assert (extremes.groupby(["party", "direction"]).size() <= 1).all()
    assert set(extremes["label"]) <= {"negative", "positive"}
    views = compare_views(mentions, sentence_sentiment(article))
    assert len(views) == len(mentions) and views["agree"].dtype == bool


@pytest.mark.skipif(not NEWSMTSC_DEV.exists(), reason=f"{NEWSMTSC_DEV} is absent")
def test_targeted_model_beats_the_sentence_baseline_on_newsmtsc_dev():
    data = read_newsmtsc(NEWSMTSC_DEV)
    ours = classification_scores(data["gold"], predict_targets(zip(data["text"], data["start"], data["end"]))["label"])
    baseline = classification_scores(data["gold"], [score_label(vader_score(t)) for t in data["text"]])
    assert ours["macro_f1"] >= baseline["macro_f1"] + 0.10


def test_a_mention_cut_by_a_sentence_break_still_gets_its_sentiment(load_text):
    # Punkt takes the initial of "Donald J. Trump!" for a full stop; the mention runs past its
    # sentence, and is scored on the part inside it instead of failing the whole table.
    from analysis.actors import find_mentions, load_dictionary
    from analysis.sentiment import mention_sentiment, mention_targets

    article = load_text("initial.md", "“We are proud to cast our votes for the next president of the United States, "
                                      "Donald J. Trump!” the chairman said.\n")
    mentions = find_mentions(article, load_dictionary())
    cut = [(text, s, e) for text, s, e in mention_targets(article, mentions)]
    assert all(0 <= s < e <= len(text) for text, s, e in cut)
    assert mention_sentiment(article, mentions)["label"].notna().all()


def test_a_sentences_reading_is_shared_by_its_targets_and_changes_no_feature():
    text = "Russia did not condemn the brutal attack on Syria, Iran said."
    model = load_model()
    fresh = {k: v for k, v in model.items() if k != "_readings"}
    groups, window = model["config"]["groups"], model["config"]["window"]
    first = target_features(text, 0, 6, fresh, groups, window)  # Russia, before the sentence is read
    norms, negated, polarities, compound = sentence_reading(text, fresh)
    assert norms[:7] == ["russia", "did", "not", "condemn", "the", "brutal", "attack"]
    assert negated[:7] == [False, False, False, True, True, True, False]  # three words after "not"
    assert polarities[5] == (model["vader"]["brutal"] / 4.0, model["textblob"].get("brutal", 0.0))
    assert compound == sum(model["vader"].get(w, 0.0) * (-0.74 if n else 1.0) for w, n in zip(norms, negated))
    assert sentence_reading(text, fresh)[0] is norms  # read once
    assert target_features(text, 0, 6, fresh, groups, window) == first
    assert target_features(text, 0, 6, dict(fresh, _readings={}), groups, window) == first


@pytest.mark.parametrize("seed", range(5))
def test_percentiles_are_numpys(seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    for n in (1, 2, 3, 10, 2000, 2001):
        values = np.round(rng.normal(size=n), int(rng.integers(1, 6)))  # ties too
        for qs in ((2.5, 97.5), (0.0, 100.0), tuple(rng.uniform(0, 100, size=4))):
            assert np.array_equal(np.array(percentiles(values, qs)), np.percentile(values, qs))



def test_mention_sentiment_adds_its_columns_once_and_leaves_the_mentions_alone(scored):
    article, scored_once = scored
    mentions = find_mentions(article)
    columns = list(mentions.columns)
    filtered = mentions.iloc[::-2]  # any index: rows keep their own scores
    again = mention_sentiment(article, filtered)
    assert list(mentions.columns) == columns and list(again.index) == list(filtered.index)
    pd.testing.assert_frame_equal(again.reset_index(drop=True),
                                  scored_once.iloc[::-2].reset_index(drop=True), check_exact=True)
    twice = mention_sentiment(article, scored_once)  # scored twice: the same columns, replaced
    pd.testing.assert_frame_equal(twice, scored_once, check_exact=True)
