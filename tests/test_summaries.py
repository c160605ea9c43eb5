"""Front-page findings: one caption and one readable chart per notebook, from the tables."""
from __future__ import annotations

from PIL import Image
import pandas as pd
import pytest

from analysis.summaries import CHART_DPI, CHART_SIZE, SUMMARIES, draw_summary, short, signed


def stance(rows):
    return pd.DataFrame(rows, columns=["voice", "party", "stance", "score", "ci_low", "ci_high", "n_mentions", "evidence"])


COUNTS = pd.DataFrame({"party": ["Iran", "Russia", "Islamic Revolutionary Guard Corps"], "mentions": [28, 26, 3],
                       "mentions_strict": [25, 26, 3], "share": [0.5, 0.45, 0.05]})
SENTIMENT = pd.DataFrame({"party": ["Russia", "Iran", "Islamic Revolutionary Guard Corps"], "n": [26, 28, 3],
                          "mean": [-0.1, -0.3, 0.2], "ci_low": [-0.2, -0.45, 0.0], "ci_high": [0.0, -0.1, 0.4],
                          "negative": [3, 9, 0], "neutral": [20, 18, 2], "positive": [3, 1, 1]})
TABLES = {
    "actor_counts": COUNTS,
    "actor_sentiment": SENTIMENT,
    "stance": stance([("author", "Iran", "neutral", -0.1, -0.3, 0.1, 20, ""),
                      ("author", "Hezbollah", "against", -0.44, -0.71, -0.15, 9, ""),
                      ("author", "Syria", "against", -0.67, -0.67, -0.67, 2, ""),  # strongest but thin
                      ("author", "Turkey", "favor", 0.9, 0.9, 0.9, 1, ""),  # one mention: left out
                      ("Russia", "Israel", "against", -0.5, -0.6, -0.4, 4, "")]),  # not the author
    "alignment": pd.DataFrame({"party_a": ["Iran", "Hezbollah"], "party_b": ["Russia", "Israel"], "score": [0.75, -1.0],
                               "n_relations": [6, 2], "relations": ["", ""]}),
    "tokens": pd.DataFrame({"sentence_id": [0, 0, 0, 1, 1], "token_id": range(5), "start": range(5), "end": range(1, 6),
                            "token": ["Iran", "talks", ".", "Iran", "waits"], "lower": ["iran", "talks", ".", "iran", "waits"],
                            "is_stop": [False] * 5, "is_punct": [False, False, True, False, False]}),
    "sentences": pd.DataFrame({"sentence_id": [0, 1]}),
}


@pytest.mark.parametrize("name, caption", [
    ("words", "“iran” is the most frequent content word: 2 times in 2 sentences."),
    ("mentions", "Iran is mentioned most: 28 times."),
    # of the parties mentioned most, the lowest mean
    ("sentiment", "Of the parties mentioned most, Iran is written about most negatively: −0.30 [−0.45, −0.10]."),
    # the most mentioned party the author is not neutral about, not the most extreme thin one
    ("stance", "The author is against Hezbollah: −0.44 [−0.71, −0.15]."),
    # strength is |score| × relations: 0.75 × 6 beats 1.0 × 2
    ("alignment", "Strongest relation: Iran and Russia, aligned (+0.75, 6 relations)."),
])
def test_captions_state_the_finding(tmp_path, name, caption):
    drawn = draw_summary(name, TABLES, tmp_path / f"{name}.png")
    assert drawn["caption"] == caption


def test_mentions_caption_names_every_party_tied_first(tmp_path):
    tied = COUNTS.assign(mentions=[5, 5, 3])
    assert draw_summary("mentions", {**TABLES, "actor_counts": tied}, tmp_path / "t.png")["caption"] == \
        "Iran and Russia are mentioned most: 5 times each."


def test_sentiment_caption_when_no_party_is_written_about_negatively(tmp_path):
    positive = SENTIMENT.assign(mean=[0.1, 0.3, 0.2], ci_low=[0.0, 0.1, 0.0], ci_high=[0.2, 0.5, 0.4])
    drawn = draw_summary("sentiment", {**TABLES, "actor_sentiment": positive}, tmp_path / "p.png")
    assert drawn["caption"] == "No party mentioned most is written about negatively; the lowest is Russia: +0.10 [+0.00, +0.20]."
    only = {**TABLES, "actor_counts": COUNTS.iloc[1:2], "actor_sentiment": positive}
    assert draw_summary("sentiment", only, tmp_path / "o.png")["caption"] == \
        "Russia, the only party mentioned, is written about at +0.10 [+0.00, +0.20]."


def test_captions_when_there_is_nothing_to_show(tmp_path):
    empty = {**TABLES, "actor_counts": COUNTS.iloc[:0], "stance": TABLES["stance"].iloc[:0],
             "alignment": TABLES["alignment"].iloc[:0]}
    assert draw_summary("mentions", empty, tmp_path / "m.png")["caption"] == "No party is mentioned."
    assert draw_summary("stance", empty, tmp_path / "s.png")["caption"] == "The author's own sentences mention no party twice."
    neutral = {**TABLES, "stance": TABLES["stance"].iloc[:1]}
    assert draw_summary("stance", neutral, tmp_path / "n.png")["caption"] == "The author takes no side: all 1 parties come out neutral."


@pytest.mark.parametrize("name", list(SUMMARIES))
def test_charts_are_drawn_at_their_display_size_with_large_text(tmp_path, name):
    drawn = draw_summary(name, TABLES, tmp_path / f"{name}.png")
    image = Image.open(tmp_path / f"{name}.png")
    assert image.size == (drawn["width"], drawn["height"]) == (round(CHART_SIZE[0] * CHART_DPI), round(CHART_SIZE[1] * CHART_DPI))
    assert float(image.text["min_text_px"]) == drawn["min_text_px"] >= 15


def test_same_tables_same_png(tmp_path):
    draw_summary("stance", TABLES, tmp_path / "a.png")
    draw_summary("stance", TABLES, tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_short_labels_and_signed_numbers():
    assert short("Islamic Revolutionary Guard Corps") == "Islamic Revolut…"
    assert short("Iran") == "Iran"
    assert signed(-0.444) == "−0.44" and signed(0.2) == "+0.20"


def test_unknown_summary_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="unknown front-page chart 'pie'"):
        draw_summary("pie", TABLES, tmp_path / "x.png")
